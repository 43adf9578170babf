"""Notebook 06, take a stand: the positions on the spectrum, the evidence catalogue, and the saved stand.

Each piece of evidence is regenerated from the data when the catalogue is built: the town's pieces from the
class data (the analyst's guesses, scored against the answer key, as in notebooks 01 and 02), the real-world
pieces from sourced rows of `data/facts/`. Nothing is pasted.

A student's stand (position, chosen evidence ids, reasoning, rebuttal) is kept in a small JSON file, written
atomically, so a kernel restart loses nothing. Each person has their own file: `my_stand.json` beside the
notebook on one's own computer or one's own hub server, and one file per page, named by a code the page shows,
on a Voila server that a class shares (`find_place`). A save never replaces a file that changed after the
page read it: it writes a second file beside it, and both are kept. A damaged file is set aside under a new
name, never lost and never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

import numpy as np
import pandas as pd

from platetrails import answer_key, hotlist, networks, rounding, scoring
from platetrails.answer_key import AnswerKey
from platetrails.data import TownData, read_table
from platetrails.facts import Facts
from platetrails.i18n import N_, _, _n
from platetrails.mosaic import Analyst

SAVE_NAME = "my_stand.json"
PAGE_NAME = "my_stand.html"
FOLDER_VAR = "PLATETRAILS_STAND_DIR"  # where the stand is saved, if set (tests set it); else the working folder
HUB_VAR = "JUPYTERHUB_USER"  # set on a class hub, where each student has their own server and home
PAGE_FOLDER = "my_stands"  # on a shared Voila server: one file per page, named by the page's code
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_PATTERN = re.compile(f"[{CODE_LETTERS}]{{{CODE_LENGTH}}}")
MAX_CHARS = 3000  # the most of one answer that the page holds; everything typed is still kept in the save file
MAX_NAME = 80
FEWEST, MOST = 2, 3  # pieces of evidence a stand should use

# The spectrum, from one end to the other. Each middle position is spelled out, so a student picks a rule,
# not a mood.
POSITIONS = {
    "use_freely": (
        N_("Use them freely"),
        N_(
            "Police may read any plate, keep the reads as long as they find them useful, and share them with "
            "other agencies, ICE included."
        ),
    ),
    "use_with_rules": (
        N_("Use them, with public rules"),
        N_(
            "Readers stay, but reads are kept for a set time (such as a year), every search is logged, and there "
            "is a yearly public report."
        ),
    ),
    "strict_limits": (
        N_("Use them under strict limits"),
        N_(
            "Reads that are not hits are kept for days or weeks, not years. Each search needs a case number. "
            "Sharing with other agencies needs a court order or a vote of the town."
        ),
    ),
    "alerts_only": (
        N_("Hot-list alerts only"),
        N_(
            "Readers may check plates against a list of stolen or wanted cars, but every read that is not a hit "
            "is deleted within minutes. No history is kept."
        ),
    ),
    "ban": (
        N_("Ban them"),
        N_("No government plate readers, and no buying access to private plate databases."),
    ),
}
SPECTRUM_WORDS = {
    "use_freely": N_("Use\nfreely"),
    "use_with_rules": N_("Use with\npublic rules"),
    "strict_limits": N_("Strict\nlimits"),
    "alerts_only": N_("Alerts\nonly"),
    "ban": N_("Ban\nthem"),
}
# Which way a piece of evidence pulls: towards using readers, towards limits in the middle, or towards
# strong limits or a ban. The side is where its supporters would use it, not a verdict on it.
SIDES = {
    "for": N_("supports using readers"),
    "limits": N_("supports a middle way"),
    "against": N_("supports strong limits or a ban"),
}


# What kind of evidence a piece is, and what that kind can and cannot show: strength is part of the lesson.
KINDS = {
    "trial": (
        N_("a randomized trial"),
        N_("It compares places picked by chance, with and without readers, so it is a fair test."),
    ),
    "agency": (
        N_("a police department's own count"),
        N_("It shows readers were used in these cases, but not how many would have been solved without them."),
    ),
    "survey": (N_("a survey of what agencies believe"), N_("It tells you what police think, not what was measured.")),
    "records": (
        N_("public records"),
        N_("Counts from agencies' own data or contracts, gathered by reporters, researchers or lawyers."),
    ),
    "laws": (N_("laws and agency rules"), N_("It shows what the rules allow, not how the reads are used.")),
    "town": (
        N_("the made-up town"),
        N_("It shows how the tool works, in a town with more cameras per car than a real city."),
    ),
}


def position_label(position: str) -> str:
    return _(POSITIONS[position][0]) if position in POSITIONS else ""


def position_text(position: str) -> str:
    return _(POSITIONS[position][1]) if position in POSITIONS else ""


@dataclass(frozen=True)
class Source:
    """Where a piece of evidence comes from. The lab's own made-up data has no link: it is in this folder."""

    publisher: str
    title: str
    date: str = ""
    link: str = ""


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a one-sentence finding, its source, and the bars of its figure."""

    evidence_id: str
    side: str  # a key of SIDES
    notebook: str  # the lesson it comes from, such as "01"
    title: str  # short, for a chart title and a tick box
    finding: str  # one sentence, computed from the data
    sources: tuple[Source, ...]
    bars: tuple[tuple[str, float], ...]  # the figure: one bar per (label, value)
    axis: str  # the figure's value axis label
    percent: bool = False  # values are percentages (0 to 100)
    note: str = ""  # how a real city compares, when the finding depends on the town's density
    made_up: bool = False  # from the town's made-up data, not the real world
    bar_words: tuple[str, ...] = ()  # the text beside each bar, if not its value
    kind: str = "town"  # a key of KINDS


def source_of(row: pd.Series) -> Source:
    return Source(str(row["publisher"]), str(row["title"]), str(row["source_date"]), str(row["link"]))


def town_source(notebook: str) -> Source:
    return Source(_("Plate Trails class data (made up)"), _("Alder Falls, notebook {n}").format(n=notebook))


def _sources(facts: Facts, *ids: str) -> tuple[Source, ...]:
    """The distinct sources of some facts rows, in order."""
    found: list[Source] = []
    for fid in ids:
        source = source_of(facts.figure(fid))
        if source not in found:
            found.append(source)
    return tuple(found)


def _count(value: float) -> str:
    return f"{value:,.0f}"


# --- Each piece of evidence, computed ------------------------------------------------------------


def _town_alerts(town: TownData, cars: dict[str, str]) -> Evidence:
    """How soon a case car on the hot list is read, alerts set at every hour of the four weeks."""
    starts = pd.Series(pd.date_range(town.start, periods=town.days * 24, freq="h"))
    every, fixed = [], []
    for plate in cars.values():
        every.append(hotlist.waits(town, plate, networks.names(), starts))
        fixed.append(hotlist.waits(town, plate, networks.networks_of(networks.POLICE, "fixed"), starts))
    every_w, fixed_w = np.concatenate(every), np.concatenate(fixed)

    def share(waits: np.ndarray, minutes: float) -> float:
        return 100 * float(np.mean(waits <= minutes))

    day_all, day_fixed = share(every_w, 24 * 60), share(fixed_w, 24 * 60)
    hour_all, hour_fixed = share(every_w, 60), share(fixed_w, 60)
    finding = _(
        "In Alder Falls, when one of the six case cars is put on the hot list, every network together reads it "
        "within a day in {day_all:.0f}% of alerts (the city's fixed cameras alone: {day_fixed:.0f}%), and within "
        "an hour in {hour_all:.0f}%."
    ).format(day_all=day_all, day_fixed=day_fixed, hour_all=hour_all)
    bars = (
        (_("within 1 hour, every network"), hour_all),
        (_("within 1 hour, city cameras"), hour_fixed),
        (_("within 1 day, every network"), day_all),
        (_("within 1 day, city cameras"), day_fixed),
    )
    note = _(
        "The town has more cameras per car than a real city, so in a real city a listed car would usually be "
        "read later."
    )
    return Evidence(
        "town_alerts",
        "for",
        "01",
        _("A hot-list car is found fast"),
        finding,
        (town_source("01"),),
        bars,
        _("% of alerts where the car is read"),
        percent=True,
        note=note,
        made_up=True,
        kind="town",
    )


def _town_home(analyst: Analyst, key: AnswerKey, realism: pd.DataFrame) -> Evidence:
    """How often the analyst finds a car's home within a block, and the same with a real city's camera cars."""
    scorer = scoring.Scorer(analyst, key)

    def share(days: int) -> float:
        return float((scorer.accuracy(days, networks.names()).home_blocks_off <= 1).mean())

    one, week, month = (share(days) for days in (1, 7, 28))
    seattle = realism[realism.level == "Seattle-like"].groupby("days").home_mean.first()  # mean over the draws
    sea_month, sea_year = float(seattle.loc[28]), float(seattle.loc[365])
    shown = rounding.percent_value  # the one rounding rule (halves up): 0.685 reads 69% here as everywhere else
    finding = _(
        "With every network, the analyst finds the home of {one:.0f}% of the town's cars within one block after "
        "one day of reads and of {month:.0f}% after 28 days, from reads alone, without a name."
    ).format(one=shown(one), month=shown(month))
    note = _(
        "With every reader reading each car as rarely as Seattle's police readers did, the share is about "
        "{sea_month:.0f}% after 28 days and {sea_year:.0f}% after a year: a real city watched that thinly reveals far fewer "
        "homes, even in a year."
    ).format(sea_month=shown(sea_month), sea_year=shown(sea_year))
    bars = (
        (_("town, 1 day"), 100 * one),
        (_("town, 7 days"), 100 * week),
        (_("town, 28 days"), 100 * month),
        (_("Seattle-like, 28 days"), 100 * sea_month),
        (_("Seattle-like, 1 year"), 100 * sea_year),
    )
    return Evidence(
        "town_home",
        "against",
        "02",
        _("Reads reveal where cars sleep"),
        finding,
        (town_source("02"),),
        bars,
        _("% of cars, home found within 1 block"),
        percent=True,
        note=note,
        made_up=True,
        kind="town",
    )


def _town_labels(analyst: Analyst, key: AnswerKey) -> Evidence:
    """Cars given a weekly 'routine' at a sensitive place, and how many of them truly went there."""
    labels = scoring.label_truth(analyst, key, 28, networks.names())
    labelled = labels[labels.plates_with_routine > 0].sort_values("plates_with_routine", ascending=False)
    given, went = int(labelled.plates_with_routine.sum()), int(labelled.routine_and_went.sum())
    top = labelled.iloc[0]
    finding = _(
        "After 28 days, the analyst's rules give {given} cars a weekly 'routine' at a place of worship, a clinic or "
        "a legal aid office, but only {went} of them truly went there; at {place}, {n} cars get the label and "
        "{right} truly went."
    ).format(given=given, went=went, place=top.place, n=int(top.plates_with_routine), right=int(top.routine_and_went))
    bars: list[tuple[str, float]] = []
    for row in labelled.head(2).itertuples():
        short = row.place.split(",")[0].replace(" Community", "")
        bars.append((_("{place}: labelled").format(place=short), float(row.plates_with_routine)))
        bars.append((_("{place}: truly went").format(place=short), float(row.routine_and_went)))
    note = _(
        "The town puts a camera at a busy corner by each of these places; in a real city, a camera near a "
        "clinic or a place of worship also reads every car that drives past."
    )
    return Evidence(
        "town_labels",
        "against",
        "02",
        _("Sensitive-place labels are often wrong"),
        finding,
        (town_source("02"),),
        tuple(bars),
        _("cars (of the town's 200)"),
        note=note,
        made_up=True,
        kind="town",
    )


def _town_misreads(town: TownData, key: AnswerKey) -> Evidence:
    """The share of the town's reads that are misreads: each could set off an alert for the wrong car."""
    misread = answer_key.misread_count(key)
    total = len(town.reads)
    share = 100 * misread / max(total, 1)
    finding = _(
        "{n} of the town's {total} reads ({share:.1f}%) have one character wrong; if a misread matches a "
        "listed plate, an innocent driver's car sets off an alert."
    ).format(n=_count(misread), total=_count(total), share=share)
    bars = ((_("read right"), 100 - share), (_("one character wrong"), share))
    return Evidence(
        "town_misreads",
        "against",
        "01",
        _("Misreads can flag the wrong car"),
        finding,
        (town_source("01"),),
        bars,
        _("% of the town's reads"),
        percent=True,
        made_up=True,
        kind="town",
    )


def _town_scans(town: TownData) -> Evidence:
    """Reads per street corner per day in each neighbourhood: whose streets are scanned most."""
    per = hotlist.scans_by_neighbourhood(town).sum(axis=1).sort_values()
    ratio = per.max() / max(per.min(), 1e-9)
    finding = _(
        "{top} is scanned about {ratio:.0f} times as much per street corner as {low}, so its residents' "
        "movements fill the database far more."
    ).format(top=per.idxmax(), ratio=ratio, low=per.idxmin())
    bars = tuple((str(name), float(value)) for name, value in per.items())
    return Evidence(
        "town_scans",
        "against",
        "01",
        _("Some streets are scanned far more"),
        finding,
        (town_source("01"),),
        bars,
        _("reads per street corner per day"),
        made_up=True,
        kind="town",
    )


def _mesa_trial(facts: Facts) -> Evidence:
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
        _sources(facts, *ids),
        bars,
        _("times as many as without readers"),
        kind="trial",
    )


def _deterrence_trials(facts: Facts) -> Evidence:
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
        _sources(facts, *ids),
        bars,
        _("size of the trial"),
        bar_words=words,
        kind="trial",
    )


def _fairfax(facts: Facts) -> Evidence:
    cars, arrests = (float(facts.figure(i).value) for i in ("fairfax_year2_stolen_vehicles", "fairfax_year2_arrests"))
    cars1, arrests1 = (float(facts.figure(i).value) for i in ("fairfax_year1_stolen_vehicles", "fairfax_year1_arrests"))
    days = float(facts.figure("fairfax_retention_days").value)
    finding = _(
        "Fairfax County police in Virginia report that plate readers helped recover {cars} stolen vehicles and "
        "arrest {arrests} people in about two years, while keeping the data only {days:g} days."
    ).format(cars=_count(cars), arrests=_count(arrests), days=days)
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
        _sources(facts, "fairfax_year1_stolen_vehicles", "fairfax_year2_stolen_vehicles"),
        bars,
        _("as the police department reports it"),
        kind="agency",
    )


def _san_diego(facts: Facts) -> Evidence:
    cars, arrests = (float(facts.figure(i).value) for i in ("sd_stolen_vehicles", "sd_arrests"))
    homicide = float(facts.figure("sd_homicide_share").value)
    finding = _(
        "San Diego police report more than {cars} stolen vehicles recovered and more than {arrests} arrests with "
        "plate readers, and the mayor's office says readers aided about {share:.0f}% of the city's 2024 homicide "
        "investigations."
    ).format(cars=_count(cars), arrests=_count(arrests), share=homicide)
    bars = ((_("stolen cars recovered"), cars), (_("arrests"), arrests))
    return Evidence(
        "san_diego_results",
        "for",
        "01",
        _("San Diego: recoveries and arrests"),
        finding,
        _sources(facts, "sd_stolen_vehicles", "sd_homicide_share"),
        bars,
        _("as the police department reports it (more than)"),
        kind="agency",
    )


def _iacp(facts: Facts) -> Evidence:
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
        _sources(facts, "iacp_2012_more_recoveries"),
        bars,
        _("% of agencies using readers"),
        percent=True,
        kind="survey",
    )


def _not_hits(facts: Facts) -> Evidence:
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
        _sources(facts, "eff_not_suspect", "lapd_not_hot", "md_hits_minor"),
        bars,
        _("% (see each source)"),
        percent=True,
        kind="records",
    )


def _ice_sharing(facts: Facts) -> Evidence:
    agencies, officers, years = (
        float(facts.figure(i).value) for i in ("ice_agencies_sharing", "ice_officers", "ice_history_years")
    )
    median = float(facts.figure("eff_median_sharing").value)
    finding = _(
        "More than {agencies} local police agencies agreed to share plate data with ICE, more than {officers} ICE "
        "officers could use the system, and agents could search {years:g} years of sightings."
    ).format(agencies=_count(agencies), officers=_count(officers), years=years)
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
        _sources(facts, "ice_agencies_sharing", "ice_history_years", "eff_median_sharing"),
        bars,
        _("police agencies (more than)"),
        kind="records",
    )


def _retention(facts: Facts) -> Evidence:
    # Only laws written for plate readers: a general camera rule (Colorado's) is not a plate-reader limit.
    written_for_readers = ~facts.state_laws.rule.str.contains("not written for plate readers", case=False)
    laws = facts.state_laws[written_for_readers].dropna(subset=["retention_days"]).sort_values("retention_days")
    # A law whose time limit we did not read (Maryland's) is not said to set none.
    limit_read = ~facts.state_laws.rule.str.contains("time limit was not read", case=False)
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
        none=_(" and ").join(no_limit.state) if len(no_limit) else _("none"),
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
        laws_sources + _sources(facts, "fairfax_retention_days", "ice_history_years"),
        tuple(bars),
        _("months reads may be kept"),
        bar_words=tuple(bar_words),
        kind="laws",
    )


class EvidenceCatalogue:
    """Every piece of evidence a stand can use, computed once from the class data and the facts tables.

    `key` is the answer key (for scoring the analyst's guesses, as notebook 02 does) and `cars` the case
    residents' labels and plates (`lab.case_plates()`).
    """

    def __init__(self, town: TownData, facts: Facts, key: AnswerKey, cars: dict[str, str]) -> None:
        analyst = Analyst(town)
        realism = read_table("realism.csv")
        pieces = [
            _town_alerts(town, cars),
            _mesa_trial(facts),
            _deterrence_trials(facts),
            _fairfax(facts),
            _san_diego(facts),
            _iacp(facts),
            _retention(facts),
            _town_home(analyst, key, realism),
            _town_labels(analyst, key),
            _town_misreads(town, key),
            _town_scans(town),
            _not_hits(facts),
            _ice_sharing(facts),
        ]
        self.pieces: dict[str, Evidence] = {p.evidence_id: p for p in pieces}

    def ids(self) -> list[str]:
        return list(self.pieces)

    def get(self, evidence_id: str) -> Evidence:
        return self.pieces[evidence_id]

    def on_side(self, side: str) -> list[Evidence]:
        return [p for p in self.pieces.values() if p.side == side]


# --- The stand and its save file ------------------------------------------------------------------


@dataclass(frozen=True)
class Stand:
    """What a student has written: everything typed is kept whole here and in the save file."""

    position: str = ""
    evidence: tuple[str, ...] = ()
    reasoning: str = ""
    rebuttal: str = ""
    name: str = ""
    saved_at: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "evidence": list(self.evidence),
            "reasoning": self.reasoning,
            "rebuttal": self.rebuttal,
            "name": self.name,
            "saved_at": self.saved_at,
            "format": 1,
        }

    @classmethod
    def from_dict(cls, raw: Any) -> Stand:
        """A stand from a saved file's contents; anything of the wrong shape raises ValueError."""
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        text = {k: raw.get(k, "") for k in ("position", "reasoning", "rebuttal", "name", "saved_at")}
        if not all(isinstance(v, str) for v in text.values()):
            raise ValueError("a text field is not text")
        evidence = raw.get("evidence", [])
        if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
            raise ValueError("evidence is not a list of ids")
        return cls(evidence=tuple(evidence), **text)


def save_folder(folder: Path | str | None = None) -> Path:
    """Where the stand and its page go: the folder given, else $PLATETRAILS_STAND_DIR, else the working folder.

    In JupyterLab, Notebook 7 and Voila the kernel's working folder is the notebook's own folder.
    """
    if folder is not None:
        return Path(folder)
    return Path(os.environ.get(FOLDER_VAR) or Path.cwd())


# --- Whose file: one per person ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where one page keeps its stand: a file name inside the save folder, and what kind of place it is.

    kind: "own" (a notebook on one person's computer: `my_stand.json` beside it), "hub" (a student's own server
    on a class hub, in their own home: `my_stand.json` beside their copy), or "page" (a Voila server that anyone
    with the link can open: each page keeps its own file, named by a short code the page shows).
    """

    kind: str
    name: str = SAVE_NAME  # relative to the save folder
    code: str = ""  # on a shared page: the page's stand code


def on_shared_page(env: Mapping[str, str] | None = None) -> bool:
    """True in a kernel of a Voila server that several people may open at once.

    Only a stand-alone Voila server runs notebooks ahead of time (VOILA_PREHEAT=True), and it serves whoever
    has its link. On a class hub (JUPYTERHUB_USER set) Voila runs inside one student's own server instead.
    """
    env = os.environ if env is None else env
    if env.get("VOILA_PREHEAT") == "True":
        return True
    if env.get(HUB_VAR):
        return False
    return "VOILA_PREHEAT" in env or env.get("SERVER_SOFTWARE", "").startswith("voila")


def new_code() -> str:
    """A short code for one page's stand, easy to copy by hand (no 0/O or 1/I)."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def clean_code(typed: str) -> str:
    """The code as typed, in capitals without spaces; "" if it is not a stand code."""
    code = "".join(str(typed).split()).upper()
    return code if CODE_PATTERN.fullmatch(code) else ""


def page_place(code: str) -> Place:
    return Place("page", f"{PAGE_FOLDER}/stand-{code}.json", code)


def find_place(env: Mapping[str, str] | None = None) -> Place:
    """Where this kernel's stand goes: a new page code on a shared Voila server, else `my_stand.json`."""
    env = os.environ if env is None else env
    if on_shared_page(env):
        return page_place(new_code())
    return Place("hub" if env.get(HUB_VAR) else "own")


# --- The save file: read when shown, never written over a newer one ---------------------------------


def write_atomically(path: Path, text: str) -> Path:
    """Write a text file whole or not at all: a temporary file in the same folder, then a rename over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def fingerprint(path: Path) -> str:
    """A fingerprint of the file as it is now ("" if there is none): a save compares it with the one it read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return ""


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Only one kernel at a time checks and replaces a stand in this folder (where the system allows a lock)."""
    folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows: the check and the rename are still one quick step
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


class Loaded(NamedTuple):
    stand: Stand
    message: str
    version: str  # the file's fingerprint when it was read; "" if there was no file


class Saved(NamedTuple):
    path: Path
    version: str  # the fingerprint of what was written
    kept_apart: bool  # the file had changed since it was read, so this stand went to a new file beside it


def kept_apart_path(path: Path) -> Path:
    """A new name beside `path` for a stand that must not overwrite it: my_stand.kept-20260101-101500.json."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.stem}.kept-{stamp}.json")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.kept-{stamp}-{n}.json")
        n += 1
    return candidate


def save_stand(
    stand: Stand, folder: Path | str | None = None, name: str = SAVE_NAME, expected: str | None = None
) -> Saved:
    """Save the stand atomically as `name` in the folder.

    `expected` is the fingerprint of the file as this page last read or wrote it ("" for no file). If the file
    has changed since (another page or kernel saved it), it is left as it is, and this stand is written to a
    new file beside it: both are kept. With `expected=None` the file is simply replaced.
    """
    stamped = Stand(stand.position, stand.evidence, stand.reasoning, stand.rebuttal, stand.name, now())
    text = json.dumps(stamped.to_dict(), ensure_ascii=False, indent=1)
    path = save_folder(folder) / name
    with folder_lock(path.parent):
        kept_apart = expected is not None and fingerprint(path) != expected
        if kept_apart:
            path = kept_apart_path(path)
        write_atomically(path, text)
        return Saved(path, fingerprint(path), kept_apart)


def now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def what_came_back(stand: Stand) -> str:
    """What a loaded stand holds, counted, so the student can see at once whether it is all there."""
    pieces = _n("{n} piece of evidence", "{n} pieces of evidence", len(stand.evidence)).format(n=len(stand.evidence))
    return _(
        "Your stand saved at {when} is back: {position}, {pieces}, reasoning {r} words, rebuttal {b} words."
    ).format(
        when=stand.saved_at or "?",
        position=position_label(stand.position) or _("no position"),
        pieces=pieces,
        r=len(stand.reasoning.split()),
        b=len(stand.rebuttal.split()),
    )


def load_stand(folder: Path | str | None = None, name: str = SAVE_NAME) -> Loaded:
    """The saved stand, a plain message and the file's fingerprint. No file: an empty stand. A damaged file is
    renamed, not lost."""
    path = save_folder(folder) / name
    try:
        version = fingerprint(path)
    except OSError:
        message = _("Your saved stand ({file}) could not be opened. Ask your teacher to look at it.")
        return Loaded(Stand(), message.format(file=path.name), "")
    if not version:
        return Loaded(Stand(), "", "")
    try:
        stand = Stand.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        kept = path.with_name(
            "{stem}.damaged-{stamp}.json".format(stem=path.stem, stamp=datetime.now().strftime("%Y%m%d-%H%M%S"))
        )
        try:
            path.replace(kept)
        except OSError:
            return Loaded(
                Stand(),
                _(
                    "Your saved stand ({file}) could not be read, and could not be moved aside. Ask your teacher to "
                    "look at it. You can start again below."
                ).format(file=path.name),
                version,
            )
        return Loaded(
            Stand(),
            _(
                "Your saved stand could not be read, so it was kept aside as {kept} (nothing was deleted). "
                "You can start again below, or ask your teacher to look at that file."
            ).format(kept=kept.name),
            "",
        )
    return Loaded(stand, what_came_back(stand), version)
