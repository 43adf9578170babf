"""The analyst's side of the mosaic: guess a car's home, work, routine and sensitive visits from its reads alone.

Nothing here reads the answer key: scoring the guesses against the truth is scoring.py's job.
The guesses are deliberately simple, the kind an analyst could make with a spreadsheet:
where a car is seen at night is probably home; where it is seen on weekday daytimes is
probably work; a place seen on the same weekday and hour in several weeks is a routine.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from platetrails import networks as registry
from platetrails import town as town_map
from platetrails.data import TownData
from platetrails.i18n import N_, _

PERIODS = [N_("weekday day"), N_("weekday night"), N_("weekend")]
DUPLICATE_SECONDS = 10  # the same plate at the same camera within this many seconds is one sighting
NIGHT_HOURS = (21, 6)  # from 9 pm to 6 am a parked car is probably at home
WORK_HOURS = (10, 15)  # weekday hours when a working car is probably at work
WHEN_SLOTS = 1024  # room for day numbers from -1 to 1022 when packing (key, day) into one integer
FAIRLY_SURE_TIMES = 5  # a guess is "fairly sure" when seen there at least this often...
FAIRLY_SURE_SHARE = 0.6  # ...and on at least this share of the nights (or days) the car was seen


def fairly_sure(hits: int, out_of: int) -> bool:
    """The analyst's surest word for a guess: seen there often, and on most of the times it was seen at all."""
    return hits >= FAIRLY_SURE_TIMES and hits / max(out_of, 1) >= FAIRLY_SURE_SHARE


@dataclass
class Sightings:
    """Every read of the town, cleaned of duplicates, as numpy columns ready for fast filtering."""

    plates: pd.Index  # distinct plate strings; `plate` holds codes into it
    plate: np.ndarray
    day: np.ndarray  # 0 = first day of the data
    night: np.ndarray  # the day whose evening a night sighting belongs to
    week: np.ndarray
    weekday: np.ndarray  # 0 = Monday
    hour: np.ndarray
    minute: np.ndarray  # minute of the day
    network: np.ndarray  # codes into `network_names`
    network_names: list[str]
    x: np.ndarray
    y: np.ndarray
    mobile: np.ndarray  # read by a camera car (the car was parked there)
    rows_of_plate: dict[int, np.ndarray] = field(repr=False)

    @property
    def period(self) -> np.ndarray:
        """0 weekday day (7 am to 7 pm), 1 weekday night, 2 weekend."""
        weekend = self.weekday >= 5
        day = (self.hour >= 7) & (self.hour < 19)
        return np.where(weekend, 2, np.where(day, 0, 1))


def prepare(town: TownData) -> Sightings:
    """Turn the reads into sightings: drop the duplicate reads a fixed camera logs seconds apart."""
    reads = town.reads.sort_values(["plate", "camera_id", "timestamp"], kind="stable")
    gap = reads.timestamp.diff().dt.total_seconds().to_numpy()
    same = (reads.plate.to_numpy()[1:] == reads.plate.to_numpy()[:-1]) & (
        reads.camera_id.to_numpy()[1:] == reads.camera_id.to_numpy()[:-1]
    )
    duplicate = np.r_[False, same & (gap[1:] <= DUPLICATE_SECONDS)]
    reads = reads[~duplicate].sort_values("timestamp", kind="stable")
    codes, plates = pd.factorize(reads.plate, sort=True)
    stamp = reads.timestamp
    day = ((stamp - town.start).dt.total_seconds() // 86400).to_numpy().astype(int)
    hour = stamp.dt.hour.to_numpy()
    order = np.argsort(codes, kind="stable")
    bounds = np.searchsorted(codes[order], np.arange(len(plates) + 1))
    return Sightings(
        plates=pd.Index(plates),
        plate=codes,
        day=day,
        night=day - (hour < 12),
        week=day // 7,
        weekday=stamp.dt.day_of_week.to_numpy(),
        hour=hour,
        minute=(hour * 60 + stamp.dt.minute.to_numpy()),
        network=pd.Categorical(reads.network.astype(str), categories=registry.names()).codes,
        network_names=registry.names(),
        x=reads.x.to_numpy(),
        y=reads.y.to_numpy(),
        mobile=reads.network.isin(registry.mobile_names()).to_numpy(),
        rows_of_plate={i: order[bounds[i] : bounds[i + 1]] for i in range(len(plates))},
    )


def window(s: Sightings, days: int, networks: list[str], rows: np.ndarray | None = None) -> np.ndarray:
    """Indices of the sightings in the first `days` days from the chosen networks (optionally among `rows`)."""
    rows = np.arange(len(s.plate)) if rows is None else rows
    wanted = np.isin(s.network[rows], [s.network_names.index(n) for n in networks if n in s.network_names])
    return rows[wanted & (s.day[rows] < days)]


def _best_corner(plate: np.ndarray, x: np.ndarray, y: np.ndarray, when: np.ndarray, n_plates: int):
    """For each plate, the corner seen on the most distinct `when` values (nights or days), and that count."""
    best_x = np.full(n_plates, -999)
    best_y = np.full(n_plates, -999)
    score = np.zeros(n_plates, dtype=int)
    if len(plate) == 0:
        return best_x, best_y, score
    corner = (x + 50) * 100 + (y + 50)
    key = plate.astype(np.int64) * 100_000 + corner
    # One integer per (plate, corner, night): unique on a flat array is much faster than on pairs.
    pairs = np.unique(key * WHEN_SLOTS + (when.astype(np.int64) + 1))
    keys, counts = np.unique(pairs // WHEN_SLOTS, return_counts=True)
    k_plate, k_corner = keys // 100_000, keys % 100_000
    # Highest count first; ties go to the corner listed first, so the result does not depend on row order.
    order = np.lexsort((k_corner, -counts, k_plate))
    first = np.r_[True, k_plate[order][1:] != k_plate[order][:-1]]
    chosen = order[first]
    best_x[k_plate[chosen]] = k_corner[chosen] // 100 - 50
    best_y[k_plate[chosen]] = k_corner[chosen] % 100 - 50
    score[k_plate[chosen]] = counts[chosen]
    return best_x, best_y, score


def _distinct_per_plate(plate: np.ndarray, when: np.ndarray, n_plates: int) -> np.ndarray:
    if len(plate) == 0:
        return np.zeros(n_plates, dtype=int)
    pairs = np.unique(plate.astype(np.int64) * WHEN_SLOTS + (when.astype(np.int64) + 1))
    return np.bincount(pairs // WHEN_SLOTS, minlength=n_plates)


@dataclass
class Guesses:
    """Home and work guesses for many plates at once, with the evidence behind each."""

    home_x: np.ndarray
    home_y: np.ndarray
    home_nights: np.ndarray  # nights the car was seen at the guessed home
    nights_seen: np.ndarray  # nights the car was seen at all at night
    home_parked: np.ndarray  # the guess rests on the car seen parked at night (else on cameras it drove past)
    home_from_evenings: np.ndarray  # no night sightings: the guess uses the last sighting of each day
    work_x: np.ndarray
    work_y: np.ndarray
    work_days: np.ndarray
    workdays_seen: np.ndarray


def guess_all(s: Sightings, rows: np.ndarray) -> Guesses:
    """Guess home and work for every plate among the given sightings."""
    n = len(s.plates)
    p, x, y, h = s.plate[rows], s.x[rows], s.y[rows], s.hour[rows]
    at_night = (h >= NIGHT_HOURS[0]) | (h < NIGHT_HOURS[1])
    nt = s.night[rows]
    # A car read while parked at night (by a camera car) is where it sleeps; a fixed camera at night
    # only shows a car driving past, so those count only for cars never seen parked at night.
    parked = at_night & s.mobile[rows]
    hx, hy, hn = _best_corner(p[parked], x[parked], y[parked], nt[parked], n)
    ax_, ay_, an_ = _best_corner(p[at_night], x[at_night], y[at_night], nt[at_night], n)
    unparked = hn == 0
    seen_parked = ~unparked
    hx, hy, hn = np.where(unparked, ax_, hx), np.where(unparked, ay_, hy), np.where(unparked, an_, hn)
    nights = _distinct_per_plate(p[at_night], nt[at_night], n)
    # Cars never seen at night: use where each day's last sighting was (the drive home).
    order = np.lexsort((s.minute[rows], s.day[rows], p))
    lp, lx, ly, ld = p[order], x[order], y[order], s.day[rows][order]
    last = np.r_[(lp[1:] != lp[:-1]) | (ld[1:] != ld[:-1]), True] if len(lp) else np.array([], bool)
    ex, ey, en = _best_corner(lp[last], lx[last], ly[last], ld[last], n)
    fallback = (hn == 0) & (en > 0)
    hx, hy, hn = np.where(fallback, ex, hx), np.where(fallback, ey, hy), np.where(fallback, en, hn)
    # Work: weekday daytime sightings more than a block from the guessed home.
    d = s.day[rows]
    daytime = (s.weekday[rows] < 5) & (h >= WORK_HOURS[0]) & (h < WORK_HOURS[1])
    away = (np.abs(x - hx[p]) + np.abs(y - hy[p])) > 1
    wx, wy, wn = _best_corner(p[daytime & away], x[daytime & away], y[daytime & away], d[daytime & away], n)
    seen_days = _distinct_per_plate(p[daytime], d[daytime], n)
    no_work = wn < 2
    wx, wy = np.where(no_work, -999, wx), np.where(no_work, -999, wy)
    return Guesses(hx, hy, hn, nights, seen_parked, fallback, wx, wy, np.where(no_work, 0, wn), seen_days)


@dataclass(frozen=True)
class Visit:
    place: str
    kind: str
    sensitive: str
    when: pd.Timestamp  # shown with local_format.day_and_time, in the language of the moment
    parked: bool


@dataclass(frozen=True)
class Routine:
    place: str
    weekday: int  # 0 = Monday; shown with local_format.weekday_name
    hour: int
    weeks: int
    of_weeks: int


@dataclass(frozen=True)
class Profile:
    """What an analyst would believe about one car after `days` days of the chosen networks."""

    plate: str
    days: int
    networks: list[str]
    rows: np.ndarray
    home: tuple[int, int] | None
    home_place: str
    home_nights: int
    nights_seen: int
    home_parked: bool
    home_from_evenings: bool
    work: tuple[int, int] | None
    work_place: str
    work_days: int
    workdays_seen: int
    routines: list[Routine]
    sensitive: list[Visit]

    @property
    def sightings(self) -> int:
        return len(self.rows)


class Analyst:
    """Holds the prepared sightings and the map, and answers questions about one car or all of them."""

    def __init__(self, town: TownData) -> None:
        self.town = town
        self.s = prepare(town)
        places = town.places
        self.place_at = {(int(r.x), int(r.y)): r for r in places.itertuples()}
        self.places = places

    def nearest_place(self, x: int, y: int, within: int = 1):
        """The public place at or next to a corner (within `within` blocks), or None."""
        best, best_d = None, within + 1
        for p in self.places.itertuples():
            d = abs(p.x - x) + abs(p.y - y)
            if d < best_d:
                best, best_d = p, d
        return best

    def describe_corner(self, x: int, y: int) -> str:
        """A corner by its street names and neighbourhood, or the county for spots out on Route 9."""
        if not (0 <= x < town_map.GRID_WIDTH):
            return _("{county}, out on Route 9").format(county=town_map.COUNTY_NAME)
        return f"{town_map.corner_name(x, y)} ({town_map.neighbourhood_of(x, y)})"

    def describe_spot(self, x: int, y: int) -> str:
        """A spot by the public place at or next to it, else by its corner."""
        place = self.nearest_place(x, y) if 0 <= x < town_map.GRID_WIDTH else None
        if place is None:
            return self.describe_corner(x, y)
        return f"{place.name} ({town_map.neighbourhood_of(x, y)})"

    def profile(self, plate: str, days: int, networks: list[str]) -> Profile:
        """All the analyst's guesses about one plate from its first `days` days of sightings."""
        code = self.s.plates.get_indexer([plate])[0]
        rows = self.s.rows_of_plate.get(code, np.array([], dtype=int)) if code >= 0 else np.array([], dtype=int)
        rows = window(self.s, days, networks, rows)
        g = guess_all(self.s, rows)
        c = max(code, 0)
        home = (int(g.home_x[c]), int(g.home_y[c])) if len(rows) and g.home_x[c] > -999 else None
        work = (int(g.work_x[c]), int(g.work_y[c])) if len(rows) and g.work_x[c] > -999 else None
        return Profile(
            plate=plate,
            days=days,
            networks=list(networks),
            rows=rows,
            home=home,
            home_place=self.describe_corner(*home) if home else "",
            home_nights=int(g.home_nights[c]) if len(rows) else 0,
            nights_seen=int(g.nights_seen[c]) if len(rows) else 0,
            home_parked=bool(g.home_parked[c]) if len(rows) else False,
            home_from_evenings=bool(g.home_from_evenings[c]) if len(rows) else False,
            work=work,
            work_place=self.describe_spot(*work) if work else "",
            work_days=int(g.work_days[c]) if len(rows) else 0,
            workdays_seen=int(g.workdays_seen[c]) if len(rows) else 0,
            routines=self.routines(rows, home, days),
            sensitive=self.sensitive_visits(rows),
        )

    def routines(self, rows: np.ndarray, home: tuple[int, int] | None, days: int) -> list[Routine]:
        """Places seen on the same weekday, within the same two hours, in two or more weeks."""
        s = self.s
        found: dict[tuple[str, int, int], set[int]] = {}
        for i in rows:
            if home and abs(s.x[i] - home[0]) + abs(s.y[i] - home[1]) <= 1:
                continue
            place = self.place_at.get((int(s.x[i]), int(s.y[i])))
            if place is None:
                continue
            key = (place.name, int(s.weekday[i]), int(s.hour[i]) // 2 * 2)
            found.setdefault(key, set()).add(int(s.week[i]))
        weeks = max(1, -(-days // 7))
        out = [Routine(name, wd, hr, len(w), weeks) for (name, wd, hr), w in found.items() if len(w) >= 2]
        return sorted(out, key=lambda r: (-r.weeks, r.place))

    def sensitive_visits(self, rows: np.ndarray) -> list[Visit]:
        """Sightings at the corner of a clinic, a place of worship, the legal aid center or the union hall."""
        s = self.s
        visits = []
        for i in rows:
            place = self.place_at.get((int(s.x[i]), int(s.y[i])))
            if place is None or not place.sensitive:
                continue
            stamp = self.town.start + pd.Timedelta(days=int(s.day[i]), minutes=int(s.minute[i]))
            visits.append(Visit(place.name, place.kind, place.sensitive, stamp, bool(s.mobile[i])))
        return visits

    def guesses(self, days: int, networks: list[str]) -> Guesses:
        """Home and work guesses for every plate at once."""
        return guess_all(self.s, window(self.s, days, networks))


def place_labels(analyst: Analyst, days: int, network_names: list[str]) -> pd.DataFrame:
    """For every sensitive place: the plates read at its corner, and the plates the analyst gives a routine there.

    This is the base rate behind a label: if many cars get the same "routine at the legal aid center",
    the label mostly says that the camera is on a busy corner.
    """
    s = analyst.s
    rows = window(s, days, network_names)
    guesses = guess_all(s, rows)
    sensitive = analyst.places[analyst.places.sensitive != ""]
    read_there: dict[str, set[int]] = {p: set() for p in sensitive.name}
    routine_there: dict[str, set[int]] = {p: set() for p in sensitive.name}
    corner_of = {(int(p.x), int(p.y)): p.name for p in sensitive.itertuples()}
    for i in rows:
        name = corner_of.get((int(s.x[i]), int(s.y[i])))
        if name:
            read_there[name].add(int(s.plate[i]))
    by_plate = pd.Series(rows).groupby(s.plate[rows]).apply(lambda r: r.to_numpy()) if len(rows) else {}
    for code in read_there_codes(read_there):
        home = (int(guesses.home_x[code]), int(guesses.home_y[code])) if guesses.home_x[code] > -999 else None
        for r in analyst.routines(by_plate[code], home, days):
            if r.place in routine_there:
                routine_there[r.place].add(code)
    return pd.DataFrame(
        {
            "place": list(read_there),
            "sensitive": [sensitive.set_index("name").loc[p, "sensitive"] for p in read_there],
            "plates_read_there": [len(v) for v in read_there.values()],
            "plates_with_routine": [len(routine_there[p]) for p in read_there],
            "routine_codes": [sorted(routine_there[p]) for p in read_there],
        }
    )


def read_there_codes(read_there: dict[str, set[int]]) -> list[int]:
    """Every plate code read at any of the places, once, in order."""
    return sorted(set().union(*read_there.values())) if read_there else []
