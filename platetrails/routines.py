"""Residents, their weekly routines, and the trips their cars make.

Each car belongs to one routine archetype (a day commuter, a night-shift worker,
a delivery driver...). A day's plan is a handful of activities (work, worship,
the gym, an errand) with planned start times; the plans of all cars for one day
are built at once with numpy, then chained in time order so that a car is never
in two places at once. The result is a table of trips between known places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from platetrails import town

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


@dataclass(frozen=True)
class CaseResident:
    """A named resident whose story the notebooks tell; names never appear in the reads."""

    label: str
    name: str
    archetype: str
    home: tuple[int, int]
    work: str | None
    worship: str | None
    extras: tuple[str, ...]
    story: str


CASE_RESIDENTS = [
    CaseResident(
        "Car A",
        "Grace Okafor",
        "day_commuter",
        (13, 1),
        "P23",
        "P12",
        ("legal_aid_weekly",),
        "A nurse at the general hospital who lives in Eastfield. She has sung in the choir at "
        "St. Brigid's since she was a girl. On Tuesday evenings she volunteers as an interpreter "
        "at the Riverside Legal Aid Center.",
    ),
    CaseResident(
        "Car B",
        "Sam Delgado",
        "delivery_driver",
        (2, 1),
        "P17",
        None,
        (),
        "Drives a van for Swift Parcel, ten or more stops a day all over town, Monday to Saturday.",
    ),
    CaseResident(
        "Car C",
        "Walt Brennan",
        "retiree",
        (14, 10),
        None,
        "P24",
        ("library_twice_weekly",),
        "A retired science teacher in Hillcrest. He goes to the synagogue on Saturdays and to the "
        "library on Tuesday and Thursday mornings.",
    ),
    CaseResident(
        "Car D",
        "Priya Nair",
        "night_shift",
        (1, 7),
        "P32",
        "P28",
        (),
        "Works the night shift at the county distribution center and sleeps by day. On Sunday "
        "evenings she takes her parents to the temple.",
    ),
    CaseResident(
        "Car E",
        "Tom Kowalski",
        "rotating_shift",
        (4, 2),
        "P16",
        None,
        ("union_steward", "bar_fridays"),
        "A machinist at the mill whose shift changes every week. He is the shop steward, so he "
        "goes to the union hall every Wednesday evening, and he meets friends at the Riverside "
        "Bar and Grill on Fridays.",
    ),
    CaseResident(
        "Car F",
        "Aisha Rahman",
        "county_commuter",
        (-7, 5),
        "P31",
        "P09",
        ("clinic_once",),
        "A dental hygienist who lives in Larch County and works in Northgate. On Fridays she "
        "drives across town at lunchtime for prayers at the Eastfield Masjid.",
    ),
]


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


class DayPlan:
    """The activities planned for every car on one day: one column per kind of activity."""

    def __init__(self, n: int, rng: np.random.Generator):
        self.n, self.rng = n, rng
        self.locs: list[np.ndarray] = []
        self.starts: list[np.ndarray] = []
        self.durs: list[np.ndarray] = []

    def add(self, mask: np.ndarray, where, start_mean, start_sd: float, dur_mean, dur_sd: float) -> None:
        """Plan an activity for the cars in `mask`: go to `where` near `start_mean` minutes after midnight."""
        noise = self.rng.normal(size=(2, self.n))
        start = np.broadcast_to(np.asarray(start_mean, dtype=float), (self.n,)) + start_sd * noise[0]
        dur = np.broadcast_to(np.asarray(dur_mean, dtype=float), (self.n,)) + dur_sd * noise[1]
        self.locs.append(np.broadcast_to(np.asarray(where), (self.n,)).astype(int))
        self.starts.append(np.where(mask, start, np.nan))
        self.durs.append(np.maximum(dur, 5.0))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return np.stack(self.locs, 1), np.stack(self.starts, 1), np.stack(self.durs, 1)


def plan_day(res: Residents, loc: Locations, day: int, rng: np.random.Generator) -> DayPlan:
    """Everything each car intends to do on `day`, before clashes are sorted out."""
    names = list(ARCHETYPES)
    n = len(res.home)
    date = pd.Timestamp(START_DATE) + pd.Timedelta(days=day)
    weekday = date.weekday()
    holiday = date.strftime("%Y-%m-%d") in HOLIDAYS
    kinds = np.array(loc.place_kind + ["none"])
    open_today = ~holiday | np.isin(kinds[res.work], list(OPEN_ON_HOLIDAYS))
    at_work = ~res.days_off[:, day] & (res.work >= 0) & open_today

    def is_(arch: str) -> np.ndarray:
        return res.archetype == names.index(arch)

    plan = DayPlan(n, rng)
    # Who goes to worship today; a midday service (Friday prayers) takes a commuter's lunch break.
    attends = {
        place: (res.worship == loc.index_of_place(place)) & (weekday == w_day) & (rng.random(n) < 0.85)
        for place, (w_day, _start, _length) in WORSHIP.items()
    }
    midday_end = np.zeros(n)
    for place, (_w_day, start, length) in WORSHIP.items():
        if 11 * 60 <= start <= 14 * 60:
            midday_end = np.where(attends[place], start + length, midday_end)
    midday = midday_end > 0
    commuter = (is_("day_commuter") | is_("county_commuter")) & at_work & (weekday < 5)
    hospital = res.work == loc.index_of_place("P23")
    morning = np.where(hospital, 7 * 60, 8 * 60)
    lunch_out = (rng.random(n) < 0.15) & ~midday
    plan.add(commuter, res.work, morning - 20, 15, 240, 15)
    plan.add(commuter & lunch_out, res.shops[:, 0], 12 * 60 + 5, 5, 35, 5)
    afternoon = np.where(midday, midday_end + 20, morning + 245)
    plan.add(commuter, res.work, afternoon, 5, np.maximum(morning + 470 - afternoon, 60), 25)

    night_week = (weekday == 6) | (weekday < 4)
    plan.add(is_("night_shift") & at_work & night_week, res.work, 21 * 60 + 30, 10, 8 * 60 + 20, 10)

    phase = (day // 7 + res.shift_offset) % 3
    shift_start = np.array([5 * 60 + 30, 13 * 60 + 30, 21 * 60 + 30])[phase]
    plan.add(is_("rotating_shift") & at_work & (weekday < 5), res.work, shift_start, 8, 8 * 60 + 15, 10)

    student = is_("student") & ~res.days_off[:, day] & ~holiday & (weekday < 5)
    plan.add(student, res.work, 9 * 60 + 30, 40, 5 * 60, 60)
    plan.add(is_("student") & (weekday == 5) & (rng.random(n) < 0.5), res.shops[:, 1], 10 * 60, 20, 6 * 60, 30)

    driver = is_("delivery_driver") & ~res.days_off[:, day] & (weekday < 6) & ~holiday
    plan.add(driver, res.work, 7 * 60 + 20, 10, 45, 10)
    corners = np.arange(len(town.PLACES), len(town.PLACES) + town.GRID_WIDTH * town.GRID_HEIGHT)
    for stop in range(12):
        spot = np.where(
            rng.random(n) < 0.3, rng.choice(loc.of_kind(set(ERRAND_KINDS) | {"office"}), n), rng.choice(corners, n)
        )
        plan.add(driver, spot, 8 * 60 + 20 + stop * 38, 6, 6, 2)
    plan.add(driver, res.work, 16 * 60 + 30, 15, 30, 10)

    parent = is_("school_parent") & ~res.days_off[:, day] & ~holiday & (weekday < 5)
    plan.add(parent, res.school, 8 * 60, 5, 8, 3)
    plan.add(parent & (res.work >= 0), res.work, 8 * 60 + 30, 10, 5 * 60 + 30, 20)
    plan.add(parent, res.school, 15 * 60 + 5, 5, 12, 4)

    retiree = is_("retiree")
    plan.add(retiree & (rng.random(n) < 0.3), res.shops[:, 0], 10 * 60 + 30, 80, 60, 20)
    plan.add(res.library_days[:, weekday], loc.index_of_place("P04"), 10 * 60, 15, 90, 15)

    home_worker = is_("home_worker")
    plan.add(home_worker & (weekday < 5) & (rng.random(n) < 0.25), res.shops[:, 1], 14 * 60, 90, 45, 15)
    plan.add(home_worker & (weekday == 5) & (rng.random(n) < 0.8), loc.of_kind({"mall"})[0], 11 * 60, 60, 120, 30)

    # Habits that cut across archetypes.
    for place, (_w_day, start, length) in WORSHIP.items():
        plan.add(attends[place], loc.index_of_place(place), start - 15, 5, length, 5)
    plan.add(res.gym_days[:, weekday] & (rng.random(n) < 0.8), res.gym, 18 * 60 + 30, 30, 60, 10)
    plan.add(res.bar_night & (weekday == 4) & (rng.random(n) < 0.7), res.bar, 20 * 60 + 30, 30, 150, 30)
    errand_p = np.where(weekday >= 5, 0.45, 0.25) * np.where(retiree, 0.3, 1.0)
    errand_start = 17 * 60 + 30 if weekday < 5 else 13 * 60
    plan.add(rng.random(n) < errand_p, res.shops[np.arange(n), rng.integers(0, 3, n)], errand_start, 60, 35, 10)
    plan.add(res.clinic_day == day, loc.index_of_place("P08"), 10 * 60 + 30, 60, 50, 10)
    plan.add(res.legal_aid_days[:, day], loc.index_of_place("P13"), 18 * 60, 5, 120, 10)
    steward = (res.union_member == 2) & (weekday == 2)
    member = (res.union_member == 1) & (weekday == 2) & (day // 7 % 2 == 1) & (rng.random(n) < 0.7)
    plan.add(steward | member, loc.index_of_place("P18"), 19 * 60, 5, 90, 10)
    return plan


def make_trips(res: Residents, n_days: int, rng: np.random.Generator) -> pd.DataFrame:
    """Chain each car's planned activities in time order and return every trip it makes.

    Times are minutes from midnight on the first day. Trips go corner to corner on the grid.
    """
    loc = Locations.build()
    n = len(res.home)
    rows = np.arange(n)
    cur = res.home.copy()
    free_at = np.zeros(n)
    out: dict[str, list[np.ndarray]] = {k: [] for k in ("vehicle", "origin", "dest", "depart", "arrive")}

    def go(mask: np.ndarray, dest: np.ndarray, depart: np.ndarray) -> np.ndarray:
        blocks = np.abs(loc.x[dest] - loc.x[cur]) + np.abs(loc.y[dest] - loc.y[cur])
        arrive = depart + blocks * MINUTES_PER_BLOCK
        for key, val in (("vehicle", rows), ("origin", cur), ("dest", dest), ("depart", depart), ("arrive", arrive)):
            out[key].append(val[mask])
        return arrive

    for day in range(n_days):
        day0 = day * 1440.0
        # A car that slept away from home sets off no earlier than 5 am.
        free_at = np.where(cur != res.home, np.maximum(free_at, day0 + 5 * 60), free_at)
        busy = np.zeros(n, dtype=bool)
        locs, starts, durs = plan_day(res, loc, day, rng).arrays()
        starts[res.on_trip[:, day]] = np.nan  # away for the holiday: nothing planned in town
        order = np.argsort(np.where(np.isnan(starts), np.inf, starts), axis=1, kind="stable")
        for k in range(order.shape[1]):
            col = order[:, k]
            where, start, dur = locs[rows, col], starts[rows, col], durs[rows, col]
            active = ~np.isnan(start) & (where >= 0)
            depart = np.maximum(day0 + np.nan_to_num(start), free_at + GAP_MINUTES)
            active &= depart - (day0 + np.nan_to_num(start)) <= LATEST_DELAY
            moving = active & (where != cur)
            arrive = go(moving, where, depart)
            free_at = np.where(moving, arrive + dur, np.where(active, np.maximum(free_at, depart) + dur, free_at))
            cur = np.where(active, where, cur)
            busy |= active
        # The night: home, or (on a night away) a friend's or relative's home, or out of town.
        tonight = res.away[:, day]
        target = np.where(tonight >= 0, tonight, res.home)
        evening = day0 + 19 * 60 + rng.uniform(-60, 90, size=n)
        late_morning = day0 + rng.uniform(9 * 60, 12 * 60, size=n)
        depart = free_at + GAP_MINUTES
        depart = np.where(tonight >= 0, np.maximum(depart, evening), depart)
        depart = np.where(~busy & (tonight < 0), np.maximum(depart, late_morning), depart)  # back from a night away
        away = cur != target
        arrive = go(away, target, depart)
        free_at = np.where(away, arrive, free_at)
        cur = target.copy()

    trips = pd.DataFrame({k: np.concatenate(v) for k, v in out.items()})
    trips = trips.sort_values(["vehicle", "depart"], kind="stable").reset_index(drop=True)
    return trips
