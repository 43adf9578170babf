"""Notebook 01's investigator's case: a car tied to a crime goes on the hot list; what a live alert finds, and
what a search of the car's past reads still finds under each retention rule when the search runs later.

The reads are the town's four weeks. When the search runs is a choice: the same week of reads, searched later,
as if the case had been opened late (as in the Kansas City case, which used reads about a year old).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails import hotlist, networks, town
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import N_, _, _n
from platetrails.policy_rules import RETENTION_OPTIONS
from platetrails.states.alerts import wait_words

# The rules the lab's retention section shows, shortest first (the limits notebook 05 uses).
RULES: tuple[str, ...] = (N_("3 minutes unless a hit"), N_("21 days"), N_("1 year"), N_("5 years"))
# When the search of past reads runs, counted from the moment the car is listed.
DELAYS: dict[str, float] = {
    N_("the same day"): 0.0,
    N_("1 week later"): 7.0,
    N_("1 month later"): 30.0,
    N_("1 year later"): 365.25,
    N_("2 years later"): 2 * 365.25,
}
LISTED_DAY, LISTED_HOUR = 21, 9  # the car is listed at 9:00 on the 22nd day, so the week before is in the data
LOOK_BACK_DAYS = 7  # "where was this car in the week before?"


def police_networks() -> list[str]:
    """The city police's own networks (fixed cameras and patrol cars): the reads the department itself keeps."""
    return networks.networks_of(networks.POLICE)


class CaseData:
    """The town, the networks the police search, and the Kansas City fact, gathered once."""

    def __init__(self, town_data: TownData, facts: Facts) -> None:
        self.town = town_data
        self.networks = police_networks()
        self.listed = town_data.start + pd.Timedelta(days=LISTED_DAY, hours=LISTED_HOUR)
        self.kc_years = float(facts.figure("kc_read_age_years").value)


@dataclass(frozen=True)
class RuleResult:
    rule: str  # the rule's label (translate with _() where shown)
    limit_days: float
    kept: int  # sightings from the week before still held when the search runs
    places: int  # different corners among them


@dataclass(frozen=True)
class CaseState:
    car_label: str
    plate: str
    listed: pd.Timestamp
    delay: str  # the label of when the search runs
    delay_days: float
    sightings: int  # the car's reads in the week before it was listed
    places: int  # different corners among them
    live_minutes: float | None  # minutes from listing to the first live read, or None
    live_corner: str
    rules: tuple[RuleResult, ...]
    kc_years: float
    message: str = ""

    def found_under(self) -> tuple[str, ...]:
        """The rules under which the search still finds at least one sighting."""
        return tuple(r.rule for r in self.rules if r.kept > 0)


def compute_case(data: CaseData, car_label: str, plate: str, delay: str) -> CaseState:
    """What a live alert and a search of past reads (run `delay` after the listing) find for one car, per rule."""
    delay_days = DELAYS[delay]
    listed = data.listed
    alert = hotlist.first_sighting(data.town, plate, listed, data.networks)
    before = hotlist.reads_before(data.town, plate, listed, LOOK_BACK_DAYS, data.networks)
    search = listed + pd.Timedelta(days=delay_days)
    corners = list(zip(before.x, before.y))
    results = []
    for rule in RULES:
        limit = RETENTION_OPTIONS[rule]
        keep = hotlist.still_kept(before.timestamp, search, limit).to_numpy()
        kept_corners = {c for c, k in zip(corners, keep) if k}
        results.append(RuleResult(rule, limit, int(keep.sum()), len(kept_corners)))
    live_corner = "" if alert.first is None else town.corner_name(int(alert.first.x), int(alert.first.y))
    message = "" if len(before) else _("The city's cameras did not read this car in the week before it was listed.")
    return CaseState(
        car_label=car_label,
        plate=plate,
        listed=listed,
        delay=delay,
        delay_days=delay_days,
        sightings=len(before),
        places=len(set(corners)),
        live_minutes=alert.minutes,
        live_corner=live_corner,
        rules=tuple(results),
        kc_years=data.kc_years,
        message=message,
    )


def rules_list(rules: tuple[str, ...]) -> str:
    """Rule names joined for a sentence: '5 years', '1 year or 5 years', '21 days, 1 year or 5 years'."""
    names = [_(r) for r in rules]
    if len(names) <= 1:
        return "".join(names)
    return _("{first} or {last}").format(first=", ".join(names[:-1]), last=names[-1])


def live_words(state: CaseState) -> str:
    if state.live_minutes is None:
        return _("Live alert: the city's cameras never read {car} after it was listed.").format(car=_(state.car_label))
    return _("Live alert: {car} is read {wait} after it is listed, under every rule.").format(
        car=_(state.car_label), wait=wait_words(state.live_minutes)
    )


def describe_case(state: CaseState) -> str:
    """One headline (the live alert, and which rules still let the search find the week before), then details."""
    found = state.found_under()
    delay = _(state.delay)
    if not state.sightings:
        search = _("A search run {delay} has nothing from the week before to find.").format(delay=delay)
    elif not found:
        search = _("A search run {delay} finds nothing: every rule has deleted the week before.").format(delay=delay)
    else:
        search = _("A search run {delay} finds the week before with a limit of {rules}.").format(
            delay=delay, rules=rules_list(found)
        )
    head = live_words(state) + " " + search
    week = _n(
        "In the week before it was listed, the city's cameras read {car} {n} time",
        "In the week before it was listed, the city's cameras read {car} {n} times",
        state.sightings,
    ).format(car=_(state.car_label), n=state.sightings) + _n(
        ", at {n} place.", ", at {n} different places.", state.places
    ).format(n=state.places)
    each = "; ".join(
        _("{rule}: {kept} of {total}").format(rule=_(r.rule), kept=r.kept, total=state.sightings) for r in state.rules
    )
    per_rule = _("Sightings still kept when the search runs {delay}: {each}.").format(delay=delay, each=each)
    why = _(
        "A live alert needs no stored reads: it checks each read as it is made, and a hit is kept. A search of "
        "the days before needs reads that were not hits, and each rule deletes those once they are older than "
        "its limit."
    )
    kc = _n(
        "Old reads have mattered in a real case: in Kansas City, a search of reads about {n} year old tied a "
        "plate to an address in a highway-shooting case.",
        "Old reads have mattered in a real case: in Kansas City, a search of reads about {n} years old tied a "
        "plate to an address in a highway-shooting case.",
        int(round(state.kc_years)),
    ).format(n=f"{state.kc_years:g}")
    model = _(
        "The reads are the town's own four weeks; when the search runs is your choice, as if the case had been "
        "opened later."
    )
    return "\n\n".join([head, week + " " + per_rule, why + " " + kc, model])
