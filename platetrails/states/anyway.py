"""States of notebook 03's other widgets ("Public anyway?"): a watcher against a network that remembers,
from a guessed home to a name, and the camera-density line.

Each data object does its work once (profiles, joins, coverage curves), so a change of control only looks
things up. The case residents' plates and their trips are passed in (lab.case_plates, lab.candidate_trips);
nothing here opens the answer key. The cases' real homes and workplaces are passed in too (lab.case_places), so
"home found" means what it means everywhere in the lab: the guess is within one block of the real home.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import exposure, networks, rounding, scoring
from platetrails.data import TownData, read_table
from platetrails.exposure import Corner
from platetrails.facts import Facts
from platetrails.i18n import _, _n
from platetrails.mosaic import Analyst
from platetrails.states.reading import day_words, limit_words

WATCHER = "watcher"
NETWORK_DAYS = (1, 7, 28)
SCALE_LEVEL = "Seattle-like"  # the realism dial's level for a real city (data/realism.csv)
ALL_SIX = "all six"
MCCARTHY_FIGURE = "mccarthy_cameras"  # data/facts/figures.csv: the cameras in Commonwealth v. McCarthy


def law_key(row) -> str:
    return f"law:{row.state}"


# --- 1. A person on the corner against a network that remembers ------------------------------------


class MemoryData:
    """For each case car: the watcher's best day and what the networks hold after each number of days."""

    def __init__(
        self,
        town: TownData,
        case_plates: dict[str, str],
        facts: Facts,
        case_places: dict[str, tuple[Corner, Corner | None]],
        realism: pd.DataFrame | None = None,
    ):
        self.analyst = Analyst(town)
        self.days = town.days
        self.case_plates = dict(case_plates)
        self.case_places = dict(case_places)
        laws = facts.state_laws
        self.laws = {}
        for row in laws.itertuples():
            value = float(row.retention_value) if str(row.retention_value) else float("nan")
            retention = exposure.retention_in_days(value, row.retention_unit)
            self.laws[law_key(row)] = (str(row.state), value, str(row.retention_unit), retention)
        needed = set(NETWORK_DAYS) | {exposure.memory_days(r, self.days) for *_x, r in self.laws.values()}
        self.views = {
            (label, d): exposure.network_view(self.analyst, plate, d, *case_places[label])
            for label, plate in self.case_plates.items()
            for d in sorted(needed)
        }
        self.watchers = {label: exposure.watcher_view(self.analyst, p, self.days) for label, p in case_plates.items()}
        realism = read_table("realism.csv") if realism is None else realism
        seed = realism[realism.seed == realism.seed.iloc[0]]
        # the class data's own figure, as notebook 02 and the stand give it (scored once by make data)
        shares = scoring.class_shares()
        every = shares[shares.networks.map(len) == len(networks.names())]
        self.town_28 = float(every[every.days == self.days].home_share.iloc[0])
        # home_mean is each cell's mean over all the draws (the same on every seed's row), not one draw
        self.city = seed[seed.level == SCALE_LEVEL][["days", "home_mean"]].to_numpy()


@dataclass(frozen=True)
class MemoryState:
    car: str
    memory: str  # "watcher", "days:N" or "law:<state>"
    labels: tuple[str, ...]  # the bars: the watcher, each number of days, and a chosen law
    corners: tuple[int, ...]
    days_seen: tuple[int, ...]
    chosen: int  # index of the chosen bar
    view: exposure.View
    watcher_place: str
    watcher_day: int
    memory_days: int  # days of reads kept (0 for the watcher)
    law: str  # the state's name, or ""
    law_words: str  # its limit in words, or ""
    beyond: bool  # the law keeps reads longer than the lab's days of data
    scaled_days: int  # for such a law: the realism table's days nearest at or below the limit
    scaled_share: float  # % of homes found within a block at that many days in a real-city-like town
    town_share: float  # % of homes found within a block in the town after its days of data
    message: str = ""


def memory_options(data: MemoryData) -> list[tuple[str, str]]:
    """The menu: the watcher, the networks after 1, 7 and 28 days, then each state's law."""
    out = [(_("One person on one corner, one day"), WATCHER)]
    out += [(_n("Networks, {n} day", "Networks, {n} days", d).format(n=d), f"days:{d}") for d in NETWORK_DAYS]
    for key, (state, value, unit, _r) in data.laws.items():
        out.append((_("{state}: {limit}").format(state=state, limit=limit_words(value, unit)), key))
    return out


def compute_memory(data: MemoryData, car: str = "Car A", memory: str = "days:28") -> MemoryState:
    message = ""
    if car not in data.case_plates:
        car, message = next(iter(data.case_plates)), _("Pick a car from the list.")
    view_w, place, day = data.watchers[car]
    labels = [_("one watcher")] + [day_words(d) for d in NETWORK_DAYS]
    views = [view_w] + [data.views[(car, d)] for d in NETWORK_DAYS]
    law = law_words = ""
    beyond, kept, scaled_days, scaled_share = False, 0, 0, 0.0
    if memory == WATCHER:
        chosen = 0
    elif memory.startswith("days:") and int(memory[5:]) in NETWORK_DAYS:
        kept = int(memory[5:])
        chosen = 1 + NETWORK_DAYS.index(kept)
    elif memory in data.laws:
        law, value, unit, retention = data.laws[memory]
        law_words = limit_words(value, unit)
        kept = exposure.memory_days(retention, data.days)
        beyond = retention is None or retention > data.days
        labels.append(_("{state}").format(state=law))
        views.append(data.views[(car, kept)] if kept > 0 else exposure.View(0, 0, 0, False, False, 0, 0))
        chosen = len(views) - 1
        if beyond:
            limit = 365 if retention is None else min(365, retention)
            rows = data.city[data.city[:, 0] <= limit + 1e-9]
            scaled_days, scaled_share = int(rows[-1, 0]), float(rows[-1, 1]) * 100
    else:
        chosen, kept, message = 3, data.days, _("Pick how long the record is kept from the list.")
    return MemoryState(
        car=car,
        memory=memory,
        labels=tuple(labels),
        corners=tuple(v.corners for v in views),
        days_seen=tuple(v.days_seen for v in views),
        chosen=chosen,
        view=views[chosen],
        watcher_place=place,
        watcher_day=day,
        memory_days=kept,
        law=law,
        law_words=law_words,
        beyond=beyond,
        scaled_days=scaled_days,
        scaled_share=scaled_share,
        town_share=round(100 * data.town_28, 1),
        message=message,
    )


def yes_no(found: bool) -> str:
    return _("yes") if found else _("no")


def describe_memory(state: MemoryState) -> str:
    v, car = state.view, _(state.car)
    if state.chosen == 0:
        first = _(
            "One person stood all day at the best corner for watching {car}: {place}, on day {day}. They saw the "
            "car {n} times, at one place, on one day. They cannot tell where it sleeps or where its driver works."
        ).format(car=car, place=state.watcher_place, day=state.watcher_day + 1, n=v.sightings)
    elif state.memory_days == 0:
        first = _(
            "{state}'s law keeps reads that are not hits for {limit}. After that there is nothing left to search, "
            "except hits."
        ).format(state=state.law, limit=state.law_words)
    else:
        first = _(
            "After {days}, the networks hold {sightings} of {car} at {corners}, on {seen}. Home found: {home}. "
            "Work found: {work}. Weekly routines: {routines}. Places of worship, health, legal help or union seen: "
            "{sensitive}."
        ).format(
            days=day_words(state.memory_days),
            sightings=_n("{n} sighting", "{n} sightings", v.sightings).format(n=v.sightings),
            car=car,
            corners=_n("{n} corner", "{n} different corners", v.corners).format(n=v.corners),
            seen=_n("{n} day", "{n} different days", v.days_seen).format(n=v.days_seen),
            home=yes_no(v.home_found),
            work=yes_no(v.work_found),
            routines=v.routines,
            sensitive=v.sensitive_places,
        )
        if state.law:
            first = (
                _("{state}'s law lets reads be kept for {limit}.").format(state=state.law, limit=state.law_words)
                + " "
                + first
            )
    lines = [first]
    if state.beyond:
        lines.append(
            _(
                "This law keeps reads longer than the lab's {days} days, so the lab shows its {days} days. Alder "
                "Falls is far more watched than a real city: here, {days} days find the home of {town:.0f}% of "
                "cars to within a block. In a town whose readers read each car as rarely as Seattle's police "
                "readers did, the realism table finds {share:.0f}% after {scaled} days."
            ).format(
                days=state.memory_days,
                town=rounding.percent_value(state.town_share / 100),
                share=rounding.percent_value(state.scaled_share / 100),
                scaled=state.scaled_days,
            )
        )
    lines.append(
        _("Same car, same streets. What changes is memory (how long reads are kept) and reach (how many corners).")
    )
    return "\n\n".join(lines)


# --- 3. From a guessed home to a name --------------------------------------------------------------


@dataclass(frozen=True)
class Stop:
    place: str
    weekday: str
    hour: int
    weeks: int
    sensitive: bool


class NamedData:
    """For each case car and number of days: the analyst's guesses, and the directory's names at the guessed home."""

    def __init__(self, town: TownData, case_plates: dict[str, str], directory: pd.DataFrame | None = None) -> None:
        self.analyst = Analyst(town)
        self.case_plates = dict(case_plates)
        self.directory = read_table("town/directory.csv") if directory is None else directory
        sensitive = set(town.places[town.places.sensitive != ""].name)
        self.days_options = tuple(d for d in NETWORK_DAYS if d <= town.days) or (town.days,)
        self.profiles = {}
        for label, plate in self.case_plates.items():
            for d in self.days_options:
                p = self.analyst.profile(plate, d, networks.names())
                stops, seen = [], set()
                for r in p.routines:  # one line per place and weekday (routines come most-weeks first)
                    if (r.place, r.weekday) not in seen:
                        seen.add((r.place, r.weekday))
                        stops.append(Stop(r.place, r.weekday, r.hour, r.weeks, r.place in sensitive))
                stops = tuple(stops)
                self.profiles[(label, d)] = (p.home, p.home_place, p.work_place, stops, p.sightings)


@dataclass(frozen=True)
class NamedState:
    car: str
    days: int
    home: tuple[int, int] | None  # the analyst's guessed home (from reads alone)
    home_place: str
    names: tuple[str, ...]  # the directory's households at that corner
    work_place: str
    stops: tuple[Stop, ...]  # weekly routines (same weekday and hour in two or more weeks)
    sightings: int
    message: str = ""


def compute_named(data: NamedData, car: str = "Car A", days: int = 28) -> NamedState:
    message = ""
    if car not in data.case_plates:
        car, message = next(iter(data.case_plates)), _("Pick a car from the list.")
    days = int(days) if int(days) in data.days_options else data.days_options[-1]
    home, home_place, work_place, stops, sightings = data.profiles[(car, days)]
    names = exposure.names_at(data.directory, home)
    if home is None:
        message = _("The analyst has no guess for this car's home yet, so there is nothing to look up.")
    return NamedState(car, days, home, home_place, names, work_place, stops, sightings, message)


def describe_named(state: NamedState) -> str:
    car = _(state.car)
    if state.home is None:
        return state.message
    lines = [
        _("From {sightings} in {days}, the analyst guesses that {car} sleeps at {home}.").format(
            sightings=_n("{n} sighting", "{n} sightings", state.sightings).format(n=state.sightings),
            days=day_words(state.days),
            car=car,
            home=state.home_place,
        )
    ]
    if not state.names:
        lines.append(
            _(
                "The town's public directory lists no household at that spot. The guess may be wrong (a camera "
                "on the road, not a home), so this time the join finds no name."
            )
        )
    elif len(state.names) == 1:
        lines.append(
            _(
                "The public directory lists one household there: {name}. One public fact plus another gives a name."
            ).format(name=state.names[0])
        )
    else:
        lines.append(
            _(
                "The public directory lists {n} households there: {names}. The analyst now has a short list "
                "of names; one more fact (a car's make, a social post) could pick one."
            ).format(n=len(state.names), names=", ".join(state.names))
        )
    if state.stops:
        who = state.names[0] if len(state.names) == 1 else _("the driver")
        routine = "; ".join(
            _("{place}, {weekday}s around {hour}:00").format(place=s.place, weekday=_(s.weekday), hour=s.hour)
            for s in state.stops[:4]
        )
        lines.append(_("Weekly routine pinned to {who}: {routine}.").format(who=who, routine=routine))
        if any(s.sensitive for s in state.stops):
            lines.append(
                _(
                    "A routine shows where and when, never why. A volunteer, a worker and a visitor all look the "
                    "same in the reads."
                )
            )
    elif state.work_place:
        lines.append(_("No weekly routine yet, but a guessed workplace: {work}.").format(work=state.work_place))
    lines.append(_("All names here are made up by the lab. No real person is in the data."))
    return "\n\n".join(lines)


# --- 4. The camera-density line ------------------------------------------------------------------


class LineData:
    """The candidate sites and, for each case car (and all six together), the coverage curve for 0 to N cameras."""

    def __init__(self, case_trips: pd.DataFrame, facts: Facts, sites: pd.DataFrame | None = None) -> None:
        self.mccarthy = int(float(facts.figure(MCCARTHY_FIGURE).value))
        self.sites = read_table("town/candidate_sites.csv") if sites is None else sites
        self.max_cameras = int(len(self.sites))
        self.labels = tuple(sorted(case_trips.case_label.unique()))
        groups = {label: case_trips[case_trips.case_label == label] for label in self.labels}
        self.curves = {k: exposure.coverage_curve(g, self.max_cameras) for k, g in groups.items()}
        # All six together: the share of all their trips, and the average resident's share of days.
        pooled, _days = exposure.coverage_curve(case_trips, self.max_cameras)
        self.curves[ALL_SIX] = (pooled, np.mean([self.curves[k][1] for k in self.labels], axis=0))
        self.trips = {k: len(g) for k, g in groups.items()} | {ALL_SIX: len(case_trips)}


@dataclass(frozen=True)
class CameraLineState:
    car: str
    cameras: int
    line: int  # where the student would draw the line, in cameras
    trip_share: tuple[float, ...]  # % of trips past at least one camera, for 0..N cameras
    day_share: tuple[float, ...]
    trips: int
    newest: str  # the label of the last camera added, or ""
    mccarthy: int  # the number of cameras in the McCarthy case
    message: str = ""


def compute_camera_line(data: LineData, car: str = ALL_SIX, cameras: int = 4, line: int = 0) -> CameraLineState:
    message = ""
    if car not in data.curves:
        car, message = ALL_SIX, _("Pick a car from the list.")
    cameras = max(0, min(int(cameras), data.max_cameras))
    line = max(0, min(int(line), data.max_cameras))
    trip_share, day_share = data.curves[car]
    newest = str(data.sites.label.iloc[cameras - 1]) if cameras else ""
    return CameraLineState(
        car,
        cameras,
        line,
        tuple(round(float(v), 1) for v in trip_share),
        tuple(round(float(v), 1) for v in day_share),
        data.trips[car],
        newest,
        data.mccarthy,
        message,
    )


def car_words(car: str) -> str:
    return _("the six case residents") if car == ALL_SIX else _(car)


def describe_camera_line(state: CameraLineState) -> str:
    n = state.cameras
    trips, days = state.trip_share[n], state.day_share[n]
    if state.car == ALL_SIX:
        first = _(
            "With {cameras}, the record catches {trips:.0f}% of the {total} trips the six case residents "
            "make in 28 days. On average, it catches each of them on {days:.0f}% of the days they drive."
        )
    else:
        first = _(
            "With {cameras}, the record catches {trips:.0f}% of the {total} trips {who} makes in 28 days, "
            "and at least one trip on {days:.0f}% of the days the car is driven."
        )
    cameras = _n("{n} fixed camera", "{n} fixed cameras", n).format(n=n)
    lines = [first.format(cameras=cameras, trips=trips, total=state.trips, who=car_words(state.car), days=days)]
    if state.newest:
        lines.append(_("The last camera added: {site}.").format(site=state.newest))
    if state.line:
        lines.append(
            _n(
                "You would draw the line at {line} camera. There, the record catches {share:.0f}% of the trips.",
                "You would draw the line at {line} cameras. There, the record catches {share:.0f}% of the trips.",
                state.line,
            ).format(line=state.line, share=state.trip_share[state.line])
        )
    lines.append(
        _(
            "No court has drawn this line in numbers. In McCarthy (2020), {n} cameras on two bridges did not "
            "invade a person's privacy in the whole of their public movements, but the court said that wide use "
            "of plate readers could."
        ).format(n=state.mccarthy)
    )
    return "\n\n".join(lines)
