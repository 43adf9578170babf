"""State of the "a person on the corner, or a network that remembers?" widget: what a watcher saw against what
the networks hold after some days, or under a state law's retention limit.

The data object does its work once (profiles for every case car and memory), so a change of control only looks
things up. The case residents' plates and their real homes and workplaces are passed in (lab.case_plates,
lab.case_places), so "home found" means what it means everywhere in the lab: within one block of the real home.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails import networks, rounding, scoring
from platetrails.data import TownData, read_table
from platetrails.facts import Facts
from platetrails.i18n import _, _n
from platetrails.memory import Corner, View, memory_days, network_view, retention_in_days, watcher_view
from platetrails.mosaic import Analyst
from platetrails.states.reading import day_words, limit_words

WATCHER = "watcher"
NETWORK_DAYS = (1, 7, 28)
SCALE_LEVEL = "Seattle-like"  # the realism dial's level for a real city (data/realism.csv)


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
            retention = retention_in_days(value, row.retention_unit)
            self.laws[law_key(row)] = (str(row.state), value, str(row.retention_unit), retention)
        needed = set(NETWORK_DAYS) | {memory_days(r, self.days) for *_x, r in self.laws.values()}
        self.views = {
            (label, d): network_view(self.analyst, plate, d, *case_places[label])
            for label, plate in self.case_plates.items()
            for d in sorted(needed)
        }
        self.watchers = {label: watcher_view(self.analyst, p, self.days) for label, p in case_plates.items()}
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
    view: View
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
        kept = memory_days(retention, data.days)
        beyond = retention is None or retention > data.days
        labels.append(_("{state}").format(state=law))
        views.append(data.views[(car, kept)] if kept > 0 else View(0, 0, 0, False, False, 0, 0))
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
            seen=_n("{n} different day", "{n} different days", v.days_seen).format(n=v.days_seen),
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
