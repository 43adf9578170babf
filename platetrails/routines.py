"""Residents, their weekly routines, and the trips their cars make.

Each car belongs to one routine archetype (a day commuter, a night-shift worker,
a delivery driver...). A day's plan is a handful of activities (work, worship,
the gym, an errand) with planned start times; the plans of all cars for one day
are built at once with numpy, then chained in time order so that a car is never
in two places at once (day_plans.py). The result is a table of trips between known places. The six
residents whose stories the notebooks tell are in case_residents.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from platetrails import town
from platetrails.case_residents import CASE_RESIDENTS

START_DATE = "2025-11-03"  # a Monday; the 28 days that follow include two public holidays
HOLIDAYS = {"2025-11-11": "Veterans Day", "2025-11-27": "Thanksgiving"}
MINUTES_PER_BLOCK = 0.6  # town driving with lights and turns
GAP_MINUTES = 5.0  # the least time between arriving somewhere and leaving again
LATEST_DELAY = 150.0  # an activity pushed back further than this is dropped for the day

ARCHETYPES = {
    "day_commuter": "Works weekdays, about 8 to 5, and runs errands after work.",
    "county_commuter": "Lives in Larch County and drives into town for a weekday job.",
    "night_shift": "Works nights, about 10 pm to 6 am, Sunday night to Thursday night.",
    "rotating_shift": "Works shifts that change each week: early, late, then nights.",
    "student": "Attends the community college on weekdays; goes out on weekends.",
    "delivery_driver": "Drives a delivery route all over town, Monday to Saturday.",
    "retiree": "Retired; drives rarely, a few errands a week.",
    "home_worker": "Works from home; shops on Saturdays and drives little on weekdays.",
    "school_parent": "Drops children at school, works part-time, collects them at 3.",
}
ARCHETYPE_SHARES = {
    "day_commuter": 0.28,
    "county_commuter": 0.08,
    "night_shift": 0.07,
    "rotating_shift": 0.08,
    "student": 0.10,
    "delivery_driver": 0.04,
    "retiree": 0.13,
    "home_worker": 0.10,
    "school_parent": 0.12,
}

# Kinds of place where each archetype may work, with weights.
WORKPLACE_KINDS = {
    "day_commuter": {
        "office": 3,
        "city_hall": 2,
        "courthouse": 1,
        "hospital": 2,
        "school": 2,
        "college": 1,
        "shop": 1,
        "grocery": 1,
        "mall": 1,
        "library": 1,
        "police": 1,
        "factory": 1,
        "restaurant": 1,
    },
    "county_commuter": {"office": 2, "hospital": 2, "school": 1, "factory": 1, "mall": 1, "city_hall": 1},
    "night_shift": {"hospital": 2, "factory": 2, "warehouse": 2},
    "rotating_shift": {"factory": 3, "hospital": 2, "police": 1},
    "school_parent": {"shop": 2, "grocery": 2, "office": 1, "library": 1, "restaurant": 1, "pharmacy": 1},
}
OPEN_ON_HOLIDAYS = {"hospital", "factory", "warehouse", "grocery", "mall", "police", "restaurant", "pharmacy", "shop"}

# Faith communities: place, weekday (0 = Monday), start minute, length in minutes.
WORSHIP = {
    "P12": (6, 9 * 60 + 30, 75),  # Sunday mass
    "P09": (4, 13 * 60, 45),  # Friday prayers
    "P24": (5, 9 * 60 + 30, 120),  # Saturday service
    "P28": (6, 18 * 60, 90),  # Sunday evening puja
}
ERRAND_KINDS = ["grocery", "shop", "mall", "pharmacy", "restaurant", "library"]

# Weights for where homes are: flats make Eastfield and Riverside denser.
HOME_WEIGHTS = {"Riverside": 3.0, "Eastfield": 3.5, "Northgate": 1.5, "Hillcrest": 2.0, "College Heights": 1.0}

# Share of each neighbourhood's cars that sleep out of sight of a camera car in the street: in a garage,
# behind the house or in a private lot. Anchor: the 2017 American Housing Survey found a garage or carport
# at 81% of owner-occupied homes and 39% of rented ones (U.S. DOE Vehicle Technologies Office, Fact of
# the Week #1058, 2018). Not every garage hides a car (many hold storage; a carport or an open driveway is
# in plain view, as the San Leandro driveway photo shows), so we take about two in three of those: about
# 0.55 for streets of owned houses, 0.25 for rented flats, and a mix where the back-story mixes them.
OUT_OF_SIGHT_AT_HOME = {
    "Northgate": 0.55,  # large owned houses with driveways
    "Hillcrest": 0.45,  # suburban streets, mostly owned
    "Riverside": 0.30,  # older houses and flats; many renters
    "College Heights": 0.25,  # student flats
    "Eastfield": 0.25,  # apartment blocks, some with lots behind them
    "Larch County": 0.55,  # county houses out on Route 9 (no camera car sweeps there)
}


@dataclass(frozen=True)
class Friction:
    """What keeps real cars out of a camera's sight, each a setting with a default. See data/README.md for sources.

    `Friction.off()` is the frictionless town the lab started with: every car sleeps at home, in the
    street, and every sweep drives every street of its neighbourhood.
    """

    # Share of cars parked at home out of sight of camera cars, by neighbourhood (OUT_OF_SIGHT_AT_HOME).
    out_of_sight_at_home: dict[str, float] = field(default_factory=lambda: dict(OUT_OF_SIGHT_AT_HOME))
    # Chance that a car sleeps away from home on a given night: about 11 nights a year.
    night_away_rate: float = 0.03
    # Of those nights, the share spent out of town; the rest at one friend's or relative's home in town.
    night_away_out_of_town: float = 0.5
    # Share of cars that leave town for Thanksgiving, from Wednesday night to Sunday.
    holiday_trip_share: float = 0.15
    # Share of a neighbourhood's streets that one camera-car sweep drives along (rounded up).
    sweep_street_share: float = 0.5

    @classmethod
    def off(cls) -> Friction:
        return cls(
            out_of_sight_at_home={name: 0.0 for name in OUT_OF_SIGHT_AT_HOME},
            night_away_rate=0.0,
            holiday_trip_share=0.0,
            sweep_street_share=1.0,
        )


def timestamps(seconds: np.ndarray) -> np.ndarray:
    """Whole seconds since midnight of the first day, as local ISO timestamps (YYYY-MM-DDTHH:MM:SS)."""
    start = np.datetime64(START_DATE + "T00:00:00")
    return (start + np.asarray(seconds).astype(np.int64).astype("timedelta64[s]")).astype(str)


@dataclass
class Locations:
    """Every spot a car can be: public places, then every street corner, then county homes."""

    x: np.ndarray
    y: np.ndarray
    place_id: list[str]
    place_kind: list[str]
    hood: np.ndarray  # index into town.NEIGHBOURHOODS, or -1 outside town

    @classmethod
    def build(cls) -> Locations:
        xs, ys, ids, kinds = [], [], [], []
        for pid, _name, kind, _detail, x, y in town.PLACES:
            xs.append(x), ys.append(y), ids.append(pid), kinds.append(kind)
        for x in range(town.GRID_WIDTH):
            for y in range(town.GRID_HEIGHT):
                xs.append(x), ys.append(y), ids.append(""), kinds.append("corner")
        for x, y in town.COUNTY_HOMES:
            xs.append(x), ys.append(y), ids.append(""), kinds.append("county_home")
        for x, y in town.OUT_OF_TOWN:
            xs.append(x), ys.append(y), ids.append(""), kinds.append("out_of_town")
        hood_names = [h.name for h in town.NEIGHBOURHOODS]
        hood = [
            hood_names.index(town.neighbourhood_of(x, y)) if town.neighbourhood_of(x, y) in hood_names else -1
            for x, y in zip(xs, ys)
        ]
        return cls(np.array(xs), np.array(ys), ids, kinds, np.array(hood))

    def index_of_place(self, place_id: str) -> int:
        return self.place_id.index(place_id)

    def index_of_corner(self, x: int, y: int) -> int:
        if 0 <= x < town.GRID_WIDTH and 0 <= y < town.GRID_HEIGHT:
            return len(town.PLACES) + x * town.GRID_HEIGHT + y
        outside = len(town.PLACES) + town.GRID_WIDTH * town.GRID_HEIGHT
        if (x, y) in town.COUNTY_HOMES:
            return outside + town.COUNTY_HOMES.index((x, y))
        return outside + len(town.COUNTY_HOMES) + town.OUT_OF_TOWN.index((x, y))

    def of_kind(self, kinds: set[str] | list[str]) -> np.ndarray:
        return np.array([i for i, k in enumerate(self.place_kind) if k in kinds])


@dataclass
class Residents:
    """One row per car: who drives it, what routine it follows and the places it uses."""

    table: pd.DataFrame  # one row per vehicle, for the answer key
    home: np.ndarray
    work: np.ndarray  # -1 when the car has no workplace
    archetype: np.ndarray  # codes into list(ARCHETYPES)
    worship: np.ndarray  # place location index or -1
    gym: np.ndarray
    gym_days: np.ndarray  # (V, 7) bool
    bar: np.ndarray
    shops: np.ndarray  # (V, 3) favourite errand places
    school: np.ndarray  # child's school for school parents
    days_off: np.ndarray  # (V, days) bool: leave, sick days
    clinic_day: np.ndarray  # day index of a clinic visit, or -1
    legal_aid_days: np.ndarray  # (V, days) bool
    union_member: np.ndarray  # 0 none, 1 member (meets twice a month), 2 steward (weekly)
    library_days: np.ndarray  # (V, 7) bool
    bar_night: np.ndarray  # (V,) bool, goes out on Friday nights
    shift_offset: np.ndarray  # rotating shift phase 0..2
    out_of_sight: np.ndarray  # (V,) bool: parked at home where no camera car in the street can read it
    away: np.ndarray  # (V, days) location where the car sleeps after that day, or -1 for home
    on_trip: np.ndarray  # (V, days) bool: out of town all day (a holiday trip), no activities


def choose_weighted(rng: np.random.Generator, options: list, weights: list[float], size: int) -> np.ndarray:
    """Pick `size` items from options with the given relative weights."""
    p = np.asarray(weights, dtype=float)
    return np.asarray(options)[rng.choice(len(options), size=size, p=p / p.sum())]


def make_residents(
    rng: np.random.Generator, n_vehicles: int, n_days: int, plates: list[str], friction: Friction | None = None
) -> Residents:
    """Give each car an owner archetype, a home, a workplace and regular habits; the first cars are the case residents."""
    friction = friction or Friction()
    loc = Locations.build()
    names = list(ARCHETYPES)
    n_case = min(len(CASE_RESIDENTS), n_vehicles)
    arche = rng.choice(len(names), size=n_vehicles, p=np.array(list(ARCHETYPE_SHARES.values())))
    for i in range(n_case):
        arche[i] = names.index(CASE_RESIDENTS[i].archetype)

    # Homes: street corners in residential neighbourhoods; county commuters live out on Route 9.
    corners = [
        (x, y)
        for x in range(town.GRID_WIDTH)
        for y in range(town.GRID_HEIGHT)
        if town.neighbourhood_of(x, y) in HOME_WEIGHTS
    ]
    weights = [HOME_WEIGHTS[town.neighbourhood_of(x, y)] for x, y in corners]
    corner_idx = np.array([loc.index_of_corner(x, y) for x, y in corners])
    home = corner_idx[rng.choice(len(corners), size=n_vehicles, p=np.array(weights) / sum(weights))]
    county_home_idx = np.array([loc.index_of_corner(x, y) for x, y in town.COUNTY_HOMES])
    is_county = arche == names.index("county_commuter")
    home[is_county] = rng.choice(county_home_idx, size=int(is_county.sum()))

    work = np.full(n_vehicles, -1)
    for arch, kinds in WORKPLACE_KINDS.items():
        rows = np.flatnonzero(arche == names.index(arch))
        options = [i for i, k in enumerate(loc.place_kind) if k in kinds and 0 <= loc.x[i] < town.GRID_WIDTH]
        if arch == "night_shift":
            options = [i for i, k in enumerate(loc.place_kind) if k in kinds]
        w = [kinds[loc.place_kind[i]] for i in options]
        work[rows] = choose_weighted(rng, options, w, len(rows))
    work[arche == names.index("delivery_driver")] = loc.index_of_place("P17")
    work[arche == names.index("student")] = loc.index_of_place("P20")

    worship_ids = list(WORSHIP)
    has_faith = rng.random(n_vehicles) < 0.4
    worship = np.where(
        has_faith,
        np.array([loc.index_of_place(p) for p in worship_ids])[
            rng.choice(len(worship_ids), size=n_vehicles, p=[0.5, 0.2, 0.15, 0.15])
        ],
        -1,
    )
    gyms = loc.of_kind({"gym"})
    gym = np.where(rng.random(n_vehicles) < 0.22, rng.choice(gyms, size=n_vehicles), -1)
    gym_days = np.zeros((n_vehicles, 7), dtype=bool)
    pattern = rng.integers(0, 2, size=n_vehicles)
    gym_days[:, [0, 2, 4]] = (pattern == 0)[:, None]
    gym_days[:, [1, 3, 5]] = (pattern == 1)[:, None]
    gym_days &= (gym >= 0)[:, None]
    bars = loc.of_kind({"bar"})
    bar = rng.choice(bars, size=n_vehicles)
    young = np.isin(arche, [names.index("student"), names.index("day_commuter"), names.index("rotating_shift")])
    bar_night = young & (rng.random(n_vehicles) < 0.3)
    errand_places = loc.of_kind(set(ERRAND_KINDS))
    shops = np.stack([rng.choice(errand_places, size=n_vehicles) for _ in range(3)], axis=1)
    schools = loc.of_kind({"school"})
    schools = schools[[loc.place_id[i] != "P25" for i in schools]]
    school = rng.choice(schools, size=n_vehicles)
    days_off = rng.random((n_vehicles, n_days)) < 0.05
    clinic_day = np.where(rng.random(n_vehicles) < 0.08, rng.integers(0, n_days, size=n_vehicles), -1)
    legal_aid_days = np.zeros((n_vehicles, n_days), dtype=bool)
    la_people = np.flatnonzero(rng.random(n_vehicles) < 0.03)
    legal_aid_days[la_people, rng.integers(0, n_days, size=len(la_people))] = True
    works_at_union_shop = np.isin(work, [loc.index_of_place(p) for p in ("P16", "P17", "P23", "P32")])
    union_member = np.where(works_at_union_shop & (rng.random(n_vehicles) < 0.35), 1, 0)
    library_days = np.zeros((n_vehicles, 7), dtype=bool)
    shift_offset = rng.integers(0, 3, size=n_vehicles)
    out_of_sight, away, on_trip = _friction_at_home(rng, loc, home, corner_idx, weights, n_days, friction)

    stories = [""] * n_vehicles
    labels = [""] * n_vehicles
    owners = [""] * n_vehicles
    for i in range(n_case):
        case = CASE_RESIDENTS[i]
        labels[i], owners[i], stories[i] = case.label, case.name, case.story
        home[i] = loc.index_of_corner(*case.home)
        work[i] = loc.index_of_place(case.work) if case.work else -1
        worship[i] = loc.index_of_place(case.worship) if case.worship else -1
        gym[i] = -1
        gym_days[i] = False
        bar_night[i] = "bar_fridays" in case.extras
        if bar_night[i]:
            bar[i] = loc.index_of_place("P14")
        clinic_day[i] = 10 if "clinic_once" in case.extras else -1
        legal_aid_days[i] = False
        if "legal_aid_weekly" in case.extras:
            legal_aid_days[i, 1::7] = True  # every Tuesday
        union_member[i] = 2 if "union_steward" in case.extras else 0
        if "library_twice_weekly" in case.extras:
            library_days[i, [1, 3]] = True
        days_off[i] = False
        shift_offset[i] = 0
        # The six stories stay as told: each sleeps at home, in the street, every night.
        out_of_sight[i] = False
        away[i] = -1
        on_trip[i] = False

    place_id = np.array(loc.place_id + [""])
    mall = loc.index_of_place("P26")
    regular = np.column_stack(
        [
            work,
            worship,
            gym,
            np.where(bar_night, bar, -1),
            shops,
            np.where(arche == names.index("school_parent"), school, -1),
            np.where(clinic_day >= 0, loc.index_of_place("P08"), -1),
            np.where(legal_aid_days.any(axis=1), loc.index_of_place("P13"), -1),
            np.where(union_member > 0, loc.index_of_place("P18"), -1),
            np.where(library_days.any(axis=1), loc.index_of_place("P04"), -1),
            np.where(arche == names.index("home_worker"), mall, -1),
        ]
    )
    regular_ids = [";".join(sorted({place_id[i] for i in row if i >= 0})) for row in regular]
    table = pd.DataFrame(
        {
            "vehicle_id": [f"V{i + 1:05d}" for i in range(n_vehicles)],
            "plate": plates,
            "case_label": labels,
            "owner_name": owners,
            "archetype": [names[a] for a in arche],
            "home_x": loc.x[home],
            "home_y": loc.y[home],
            "home_neighbourhood": [town.neighbourhood_of(int(loc.x[h]), int(loc.y[h])) for h in home],
            "work_place_id": place_id[work],
            "worship_place_id": place_id[worship],
            "gym_place_id": place_id[gym],
            "union_member": union_member,
            "regular_place_ids": regular_ids,
            "parks_out_of_sight": out_of_sight,
            "story": stories,
        }
    )
    return Residents(
        table,
        home,
        work,
        arche,
        worship,
        gym,
        gym_days,
        bar,
        shops,
        school,
        days_off,
        clinic_day,
        legal_aid_days,
        union_member,
        library_days,
        bar_night,
        shift_offset,
        out_of_sight,
        away,
        on_trip,
    )


def _friction_at_home(
    rng: np.random.Generator,
    loc: Locations,
    home: np.ndarray,
    corner_idx: np.ndarray,
    corner_weights: list[float],
    n_days: int,
    friction: Friction,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Who parks out of sight at home, which nights each car sleeps elsewhere, and who leaves town for Thanksgiving."""
    n = len(home)
    hood_of_home = [town.neighbourhood_of(int(loc.x[h]), int(loc.y[h])) for h in home]
    p_hidden = np.array([friction.out_of_sight_at_home.get(h, 0.0) for h in hood_of_home])
    out_of_sight = rng.random(n) < p_hidden
    # A night away is at one friend's or relative's home in town (the same one each time), or out of town.
    p = np.array(corner_weights) / sum(corner_weights)
    second_home = corner_idx[rng.choice(len(corner_idx), size=n, p=p)]
    out_of_town = np.array([loc.index_of_corner(x, y) for x, y in town.OUT_OF_TOWN])
    trip_spot = out_of_town[rng.integers(0, len(out_of_town), size=n)]
    away_night = rng.random((n, n_days)) < friction.night_away_rate
    leaves_town = rng.random((n, n_days)) < friction.night_away_out_of_town
    away = np.where(away_night, np.where(leaves_town, trip_spot[:, None], second_home[:, None]), -1)
    on_trip = np.zeros((n, n_days), dtype=bool)
    travels = rng.random(n) < friction.holiday_trip_share
    for date, name in HOLIDAYS.items():
        day = (pd.Timestamp(date) - pd.Timestamp(START_DATE)).days
        if name != "Thanksgiving" or not 1 <= day < n_days:
            continue
        nights = [d for d in range(day - 1, day + 3) if d < n_days]  # Wednesday to Saturday night
        away[np.ix_(travels, nights)] = trip_spot[travels, None]
        on_trip[np.ix_(travels, [d for d in range(day, day + 3) if d < n_days])] = True
    return out_of_sight, away, on_trip
