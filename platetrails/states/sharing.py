"""State of the sharing map (notebook 04): who holds the reads, what a federal query could see, and what it costs to close a path.

`SharingData` computes every combination of switches once (home guesses scored against the truth through
`scoring.Scorer`), so a switch only looks up numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import local_format, sharing
from platetrails import networks as registry
from platetrails.answer_key import AnswerKey
from platetrails.data import TownData
from platetrails.i18n import N_, _, _n
from platetrails.mosaic import Analyst
from platetrails.scoring import Scorer

# The four cases the lesson reports, and the owners whose switch each turns off (every other flow on).
SCENARIOS = {
    "all flows on": N_("all flows on"),
    "city opts out": N_("city opts out"),
    "city and county opt out": N_("city and county opt out"),
    "no private uploads": N_("no private uploads"),
}
OPTED_OUT = {
    "all flows on": (),
    "city opts out": (registry.POLICE,),
    "city and county opt out": (registry.POLICE, registry.SHERIFF),
    "no private uploads": (registry.COMPANY,),
}


def scenario_switches(name: str, years_back: int = max(sharing.YEAR_CHOICES)) -> sharing.Switches:
    setting = sharing.Switches.all_on(years_back)
    for owner in OPTED_OUT[name]:
        setting = setting.with_(registry.switch_from(owner).code, False)
    return setting


@dataclass(frozen=True)
class CaseRecord:
    label: str  # Car A to Car F
    sightings: int
    home_found: bool
    sensitive_places: tuple[str, ...]


@dataclass(frozen=True)
class SharingMapState:
    switches: sharing.Switches
    flows: tuple[tuple[str, str, str, bool], ...]  # (switch code, source party, target party, on)
    reads_by_party: tuple[tuple[str, int, int], ...]  # (owner, reads the owner holds, reads the agency could see)
    reach_days: int
    data_days: int
    full_years: float
    homes_found: int
    cars: int
    homes_found_all_on: int  # with every flow on and the full window, for "what is lost"
    cases: tuple[CaseRecord, ...]
    message: str = ""

    @property
    def share(self) -> float:
        return self.homes_found / self.cars if self.cars else 0.0


class SharingData:
    """The flow model, the scorer and every combination of switches, computed once for the widget."""

    def __init__(
        self,
        town: TownData,
        key: AnswerKey,
        full_years: float,
        case_plates: dict[str, str],
        analyst: Analyst | None = None,
    ) -> None:
        self.model = sharing.FlowModel(town, full_years, analyst)
        self.scorer = Scorer(self.model.analyst, key)
        self.case_plates = dict(case_plates)
        s = self.model.analyst.s
        self.held = np.bincount(s.network, minlength=len(s.network_names))
        self.results: dict[tuple, tuple[int, tuple[CaseRecord, ...]]] = {}
        for setting in self.model.every_setting():
            k = self.model.key(setting)
            if k not in self.results:
                self.results[k] = self._score(setting)

    def found(self, setting: sharing.Switches) -> np.ndarray:
        """For each car of the answer key: is its home guessed within a block from the visible reads?"""
        g = self.model.exposure(setting).guesses
        sc = self.scorer
        c = sc.code
        guessed = sc.seen & (g.home_x[c] > -999)
        off = np.abs(g.home_x[c] - sc.home_x) + np.abs(g.home_y[c] - sc.home_y)
        return guessed & (off <= 1)

    def _score(self, setting: sharing.Switches) -> tuple[int, tuple[CaseRecord, ...]]:
        found = self.found(setting)
        by_plate = dict(zip(self.scorer.plate, found))
        cases = []
        for label, plate in self.case_plates.items():
            rows = self.model.rows_of(plate, setting)
            places = sorted({v.place for v in self.model.analyst.sensitive_visits(rows)})
            cases.append(CaseRecord(label, len(rows), bool(by_plate.get(plate, False)), tuple(places)))
        return int(found.sum()), tuple(cases)

    def lookup(self, setting: sharing.Switches) -> tuple[int, tuple[CaseRecord, ...]]:
        return self.results[self.model.key(setting)]

    def scenario_table(self, years_back: int = max(sharing.YEAR_CHOICES)) -> pd.DataFrame:
        """The lesson's four cases: homes a federal query could guess, and what the agency loses against all flows on."""
        rows = []
        full, _cases = self.lookup(scenario_switches("all flows on", years_back))
        cars = len(self.scorer.plate)
        for name in SCENARIOS:
            found, _cases = self.lookup(scenario_switches(name, years_back))
            rows.append((name, found, cars, found / cars, full - found))
        return pd.DataFrame(rows, columns=["scenario", "homes_found", "cars", "share", "lost"])


def compute_sharing_map(data: SharingData, switches: sharing.Switches) -> SharingMapState:
    """Look up what a federal query could see with these switches."""
    exposure = data.model.exposure(switches)
    found, cases = data.lookup(switches)
    all_on, _cases = data.lookup(sharing.Switches.all_on())
    names = registry.names()
    by_party = []
    for party in registry.owners():
        nets = registry.networks_of(party.code)
        held = int(sum(data.held[names.index(n)] for n in nets))
        seen = int(sum(exposure.reads_by_network.get(n, 0) for n in nets))
        by_party.append((party.code, held, seen))
    flows = tuple((sw.code, sw.source, sw.target, switches.on(sw.code)) for sw in registry.switches())
    message = ""
    if not exposure.networks:
        message = _("With these switches, no read reaches the federal agency: a query finds nothing.")
    return SharingMapState(
        switches=switches,
        flows=flows,
        reads_by_party=tuple(by_party),
        reach_days=data.model.key(switches)[1],
        data_days=data.model.data_days,
        full_years=data.model.full_years,
        homes_found=found,
        cars=len(data.scorer.plate),
        homes_found_all_on=all_on,
        cases=cases,
        message=message,
    )


def case_words(case: CaseRecord) -> str:
    if case.sightings == 0:
        return _("{car}: nothing.").format(car=_(case.label))
    home = _("home found") if case.home_found else _("home not found")
    seen = _n("{n} sighting", "{n} sightings", case.sightings).format(n=case.sightings)
    if case.sensitive_places:
        places = _("seen at {places}").format(places=", ".join(case.sensitive_places))
        return _("{car}: {seen}, {home}, {places}.").format(car=_(case.label), seen=seen, home=home, places=places)
    return _("{car}: {seen}, {home}.").format(car=_(case.label), seen=seen, home=home)


def describe_sharing_map(state: SharingMapState) -> str:
    years = _n("{n} year", "{n} years", state.switches.years_back).format(n=state.switches.years_back)
    lost = state.homes_found_all_on - state.homes_found
    first = _n(
        "A federal query could guess the home of {found} of {cars} cars ({share}). With every flow on it "
        "could guess {all_on}, so these switches withhold {lost} home. It may search {years} back, which in the "
        "lab is the last {days} of {data_days} days.",
        "A federal query could guess the home of {found} of {cars} cars ({share}). With every flow on it "
        "could guess {all_on}, so these switches withhold {lost} homes. It may search {years} back, which in the "
        "lab is the last {days} of {data_days} days.",
        lost,
    ).format(
        found=state.homes_found,
        cars=state.cars,
        share=local_format.percent(state.share),
        all_on=state.homes_found_all_on,
        lost=lost,
        years=years,
        days=state.reach_days,
        data_days=state.data_days,
    )
    cases = _("What each case resident's record shows: {cases}").format(
        cases=" ".join(case_words(c) for c in state.cases)
    )
    return first + "\n\n" + cases
