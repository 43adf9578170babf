"""State of the "from a guessed home to a name" widget: the analyst's guesses for a case car, and the names a
public directory lists at the guessed home. The joins are done once; the case residents' plates are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails import local_format, naming, networks
from platetrails.data import TownData, read_table
from platetrails.i18n import _, _n
from platetrails.mosaic import Analyst
from platetrails.states.memory import NETWORK_DAYS
from platetrails.states.reading import day_words

# --- 3. From a guessed home to a name --------------------------------------------------------------


@dataclass(frozen=True)
class Stop:
    place: str
    weekday: int  # 0 = Monday
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
    names = naming.names_at(data.directory, home)
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
            _("{place}, {weekday}s around {hour}:00").format(
                place=s.place, weekday=local_format.weekday_name(s.weekday), hour=s.hour
            )
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
