"""The real world's evidence, regenerated from sourced rows of data/facts/ when the catalogue is built: trials,
agencies' own counts, a survey, records of sharing, and retention laws. Nothing is pasted.
"""

from __future__ import annotations

import pandas as pd

from platetrails import local_format
from platetrails.evidence import Evidence, Source, count, sources
from platetrails.facts import Facts, general_camera_rule, limit_not_read
from platetrails.i18n import _


def mesa_trial(facts: Facts) -> Evidence:
    ids = ("mesa_lpr_plates_checked", "mesa_lpr_stolen_hits", "mesa_lpr_recoveries")
    checked, hits, found = (float(facts.figure(i).value) for i in ids)
    finding = _(
        "In a randomized trial in Mesa, Arizona, an auto-theft unit with plate readers checked at least {a:g} times "
        "as many plates, got nearly {b:g} times as many stolen-car hits, and made about {c:g} times as many "
        "recoveries as hand checks and normal patrol."
    ).format(a=checked, b=hits, c=found)
    bars = ((_("plates checked"), checked), (_("stolen-car hits"), hits), (_("cars recovered"), found))
    return Evidence(
        "mesa_trial",
        "for",
        "01",
        _("A trial: readers find more stolen cars"),
        finding,
        sources(facts, *ids),
        bars,
        _("times as many as without readers"),
        kind="trial",
    )


def deterrence_trials(facts: Facts) -> Evidence:
    """The three hot-spot trials of whether reader patrols deter crime, side by side: their results differ."""
    ids = ("koper_2013_lpr_cycles", "lum_2011_lpr_hot_spots", "koper_2022_hot_spots")
    cycles, spots_2011, spots_2022 = (float(facts.figure(i).value) for i in ids)
    finding = _(
        "Three trials tested whether police patrols with plate readers deter crime at hot spots. In Mesa, Arizona, "
        "routes worked with readers had fewer drug-offense calls for at least several weeks; a trial in two "
        "neighbouring places found no deterrent effect; an evidence review rates a third trial's results mixed."
    )
    bars = (
        (_("Mesa, 2013 (two-week cycles)"), cycles),
        (_("two places, 2011 (hot spots with readers)"), spots_2011),
        (_("suburban county, 2022 (hot spots)"), spots_2022),
    )
    words = (_("fewer drug calls for weeks"), _("no deterrent effect"), _("mixed effects"))
    return Evidence(
        "deterrence_trials",
        "limits",
        "01",
        _("Trials: do reader patrols deter crime?"),
        finding,
        sources(facts, *ids),
        bars,
        _("size of the trial"),
        bar_words=words,
        kind="trial",
    )


def fairfax(facts: Facts) -> Evidence:
    cars, arrests = (float(facts.figure(i).value) for i in ("fairfax_year2_stolen_vehicles", "fairfax_year2_arrests"))
    cars1, arrests1 = (float(facts.figure(i).value) for i in ("fairfax_year1_stolen_vehicles", "fairfax_year1_arrests"))
    days = float(facts.figure("fairfax_retention_days").value)
    finding = _(
        "Fairfax County police in Virginia report that plate readers helped recover {cars} stolen vehicles and "
        "arrest {arrests} people in about two years, while keeping the data only {days:g} days."
    ).format(cars=count(cars), arrests=count(arrests), days=days)
    bars = (
        (_("stolen cars, year 1"), cars1),
        (_("stolen cars, about 2 years"), cars),
        (_("arrests, year 1"), arrests1),
        (_("arrests, about 2 years"), arrests),
    )
    return Evidence(
        "fairfax_results",
        "for",
        "01",
        _("Fairfax: recoveries and arrests"),
        finding,
        sources(facts, "fairfax_year1_stolen_vehicles", "fairfax_year2_stolen_vehicles"),
        bars,
        _("as the police department reports it"),
        kind="agency",
    )


def san_diego(facts: Facts) -> Evidence:
    cars, arrests = (float(facts.figure(i).value) for i in ("sd_stolen_vehicles", "sd_arrests"))
    homicide = float(facts.figure("sd_homicide_share").value)
    finding = _(
        "San Diego police report more than {cars} stolen vehicles recovered and more than {arrests} arrests with "
        "plate readers, and the mayor's office says readers aided about {share:.0f}% of the city's 2024 homicide "
        "investigations."
    ).format(cars=count(cars), arrests=count(arrests), share=homicide)
    bars = ((_("stolen cars recovered"), cars), (_("arrests"), arrests))
    return Evidence(
        "san_diego_results",
        "for",
        "01",
        _("San Diego: recoveries and arrests"),
        finding,
        sources(facts, "sd_stolen_vehicles", "sd_homicide_share"),
        bars,
        _("as the police department reports it (more than)"),
        kind="agency",
    )


def iacp(facts: Facts) -> Evidence:
    more_cars, more_arrests = (
        float(facts.figure(i).value) for i in ("iacp_2012_more_recoveries", "iacp_2012_more_arrests")
    )
    finding = _(
        "In a national survey of police agencies that use plate readers, {cars:.0f}% said they recovered more "
        "stolen vehicles and {arrests:.0f}% said they made more arrests (their own view, not a measured result)."
    ).format(cars=more_cars, arrests=more_arrests)
    bars = ((_("more stolen cars recovered"), more_cars), (_("more arrests"), more_arrests))
    return Evidence(
        "iacp_survey",
        "for",
        "01",
        _("Police agencies say readers help"),
        finding,
        sources(facts, "iacp_2012_more_recoveries"),
        bars,
        _("% of agencies using readers"),
        percent=True,
        kind="survey",
    )


def not_hits(facts: Facts) -> Evidence:
    eff, lapd, minor = (float(facts.figure(i).value) for i in ("eff_not_suspect", "lapd_not_hot", "md_hits_minor"))
    finding = _(
        "In public records, {eff:g}% of the plates scanned by about 200 agencies were not under suspicion, "
        "{lapd:g}% of the images Los Angeles police stored were of cars on no hot list, and in Maryland {minor:g}% "
        "of hits were for registration or emissions problems."
    ).format(eff=eff, lapd=lapd, minor=minor)
    bars = (
        (_("scans not under suspicion"), eff),
        (_("LAPD images, no hot list"), lapd),
        (_("Maryland hits that were minor"), minor),
    )
    return Evidence(
        "not_hits",
        "against",
        "01",
        _("Almost every read is of an innocent car"),
        finding,
        sources(facts, "eff_not_suspect", "lapd_not_hot", "md_hits_minor"),
        bars,
        _("% (see each source)"),
        percent=True,
        kind="records",
    )


def ice_sharing(facts: Facts) -> Evidence:
    agencies, officers, years = (
        float(facts.figure(i).value) for i in ("ice_agencies_sharing", "ice_officers", "ice_history_years")
    )
    median = float(facts.figure("eff_median_sharing").value)
    finding = _(
        "More than {agencies} local police agencies agreed to share plate data with ICE, more than {officers} ICE "
        "officers could use the system, and agents could search {years:g} years of sightings."
    ).format(agencies=count(agencies), officers=count(officers), years=years)
    bars = (
        (_("agencies sharing with ICE"), agencies),
        (_("agencies the middle agency shares with"), median),
    )
    return Evidence(
        "ice_sharing",
        "against",
        "04",
        _("Reads travel far: sharing with ICE"),
        finding,
        sources(facts, "ice_agencies_sharing", "ice_history_years", "eff_median_sharing"),
        bars,
        _("police agencies (more than)"),
        kind="records",
    )


def retention(facts: Facts) -> Evidence:
    # Only laws written for plate readers: a general camera rule (Colorado's) is not a plate-reader limit.
    written_for_readers = ~general_camera_rule(facts.state_laws)
    laws = facts.state_laws[written_for_readers].dropna(subset=["retention_days"]).sort_values("retention_days")
    # A law whose time limit we did not read (Maryland's) is not said to set none.
    limit_read = ~limit_not_read(facts.state_laws)
    no_limit = facts.state_laws[written_for_readers & limit_read & (facts.state_laws.retention_unit == "none")]
    fairfax = float(facts.figure("fairfax_retention_days").value)
    ice_years = float(facts.figure("ice_history_years").value)
    short, long_ = laws.iloc[0], laws.iloc[-1]
    units = {"minutes": _("minutes"), "days": _("days"), "months": _("months"), "years": _("years")}
    finding = _(
        "Plate-reader laws differ widely: {short} deletes reads that are not hits within minutes, {long} allows "
        "{long_words}, and {none} set no time limit; Fairfax County police keep {fairfax:g} days, and ICE agents "
        "could search {ice:g} years. The National Conference of State Legislatures counted at least 16 states with "
        "plate-reader laws."
    ).format(
        short=short.state,
        long=long_.state,
        long_words="{v:g} {u}".format(v=float(long_.retention_value), u=units.get(long_.retention_unit, "")),
        none=local_format.and_list(list(no_limit.state)) if len(no_limit) else _("none"),
        fairfax=fairfax,
        ice=ice_years,
    )
    # The shortest and the longest limits, a few between, then Fairfax and ICE: one bar each, labelled in words.
    picks = laws.iloc[sorted({0, len(laws) // 3, len(laws) // 2, (2 * len(laws)) // 3, len(laws) - 1})]
    bars = [(str(r.state), float(r.retention_days) / 30.44) for r in picks.itertuples()]
    bar_words = [
        "{v:g} {u}".format(v=float(r.retention_value), u=units.get(r.retention_unit, "")) for r in picks.itertuples()
    ]
    bars += [(_("Fairfax County police"), fairfax / 30.44), (_("ICE's search"), ice_years * 12)]
    bar_words += ["{v:g} {u}".format(v=fairfax, u=units["days"]), "{v:g} {u}".format(v=ice_years, u=units["years"])]
    shown = pd.concat([picks, no_limit]).drop_duplicates(subset=["link"])  # each law shown, each page once
    laws_sources = tuple(
        Source(str(r.publisher), str(r.title), str(r.source_date), str(r.link)) for r in shown.itertuples()
    )
    return Evidence(
        "retention",
        "limits",
        "05",
        _("How long reads are kept"),
        finding,
        laws_sources + sources(facts, "fairfax_retention_days", "ice_history_years"),
        tuple(bars),
        _("months reads may be kept"),
        bar_words=tuple(bar_words),
        kind="laws",
    )
