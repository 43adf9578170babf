"""How few sightings single out one car: the town's unicity curve, from the reads alone.

A *point* of a car is a place and a time bin where it was seen:

- at the ``exact`` level, a street corner and a clock hour on a given day ("4th Ave & Cedar St,
  Tuesday 4 Nov., 8 to 9 am"), like the hourly, antenna-level points of de Montjoye et al. (2013);
- at the ``coarse`` level, a neighbourhood (the county counts as one) and a part of that day:
  night (0 to 6), morning (6 to 12), afternoon (12 to 18) or evening (18 to 24).

Pick k of a car's distinct points at random. The car is *singled out* if it is the only car in the
town with all k among its own points. A car with fewer than k distinct points cannot be picked out by
k of them and counts as not singled out at that k. Each car gets several random draws (reproducible
from a seed), and the shares are averaged over the draws.

The crowd is every plate the cameras read in the chosen days that could be on a car here: the state's
plates are a digit, three letters (never I, O or Q) and three digits, so a misread such as 5AGU63O or a
road sign such as STOP is dropped. Nothing here reads the answer key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from platetrails import plates as plate_format
from platetrails import town as town_map
from platetrails.i18n import N_
from platetrails.mosaic import Sightings

LEVELS = {
    "exact": N_("corner and hour"),
    "coarse": N_("neighbourhood and part of day"),
}
PARTS_OF_DAY = (N_("night"), N_("morning"), N_("afternoon"), N_("evening"))  # 6 hours each, from midnight
HOURS_PER_PART = 24 // len(PARTS_OF_DAY)
K_MAX = 6
DRAWS = 20
CAR_PLATE = re.compile(rf"^[1-9][{plate_format.LETTERS}]{{3}}[0-9]{{3}}$")
PLACE_SLOTS = 100  # corners are packed as (x + 50) * 100 + (y + 50), as in mosaic.py


def car_plates(s: Sightings) -> np.ndarray:
    """For each plate code, whether the plate could be on a car (the state's format), not a misread or a sign."""
    return np.array([bool(CAR_PLATE.match(str(p))) for p in s.plates], dtype=bool)


def neighbourhood_codes(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The index of each corner's neighbourhood in town.NEIGHBOURHOODS; the county is one past the last."""
    out = np.full(len(x), len(town_map.NEIGHBOURHOODS), dtype=np.int64)
    for i, hood in enumerate(town_map.NEIGHBOURHOODS):
        inside = (x >= hood.x_min) & (x <= hood.x_max) & (y >= hood.y_min) & (y <= hood.y_max)
        out[inside] = i
    return out


def points_of(s: Sightings, level: str, days: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Every car's distinct points at a level of detail, in the first `days` days (all days if None).

    Returns two aligned integer arrays, sorted by car then point: the car's plate code and the point's code.
    Two sightings share a point code exactly when they fall on the same place in the same time bin of the same day.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {sorted(LEVELS)}, not {level!r}")
    rows = car_plates(s)[s.plate]
    if days is not None:
        rows &= s.day < days
    day = s.day[rows].astype(np.int64)
    hour = s.hour[rows].astype(np.int64)
    x, y = s.x[rows].astype(np.int64), s.y[rows].astype(np.int64)
    if level == "exact":
        place = (x + 50) * PLACE_SLOTS + (y + 50)
        when = day * 24 + hour
    else:
        place = neighbourhood_codes(x, y)
        when = day * len(PARTS_OF_DAY) + hour // HOURS_PER_PART
    span = int(when.max()) + 1 if len(when) else 1
    point = place * span + when
    pairs = np.unique(np.stack([s.plate[rows].astype(np.int64), point], axis=1), axis=0)
    return pairs[:, 0], pairs[:, 1]


def point_masks(car: np.ndarray, point: np.ndarray) -> tuple[np.ndarray, dict[int, int]]:
    """The distinct cars, and for each point a bit mask (a Python int) of the cars that have it.

    Bit i stands for the i-th car of the returned array, so AND-ing the masks of k points leaves the
    cars that have all k, and counting the bits left counts the matching cars.
    """
    cars, index = np.unique(car, return_inverse=True)
    masks: dict[int, int] = {}
    for p, i in zip(point.tolist(), index.tolist()):
        masks[p] = masks.get(p, 0) | (1 << i)
    return cars, masks


def count_matches(car: np.ndarray, point: np.ndarray, chosen) -> int:
    """How many cars have every one of the `chosen` points among their own."""
    chosen = list(chosen)
    if not chosen:
        return len(np.unique(car))
    _cars, masks = point_masks(car, point)
    mask = masks.get(int(chosen[0]), 0)
    for p in chosen[1:]:
        mask &= masks.get(int(p), 0)
    return mask.bit_count()


def singled_out(
    car: np.ndarray, point: np.ndarray, k_max: int = K_MAX, draws: int = DRAWS, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each car, the share of `draws` random k-point draws (k = 1 to k_max) that match that car alone.

    Each draw shuffles the car's distinct points and takes the first k for every k, so within a draw more
    points can only narrow the match. The draws of a car depend only on `seed` and the car's code, not on
    the other cars. Returns (cars, distinct points per car, shares of shape (cars, k_max)).
    """
    cars, masks = point_masks(car, point)
    starts = np.searchsorted(car, cars)
    ends = np.r_[starts[1:], len(car)]
    shares = np.zeros((len(cars), k_max))
    for i, (c, a, b) in enumerate(zip(cars.tolist(), starts.tolist(), ends.tolist())):
        mine = point[a:b]
        rng = np.random.default_rng([seed, c])
        picks = mine[np.argsort(rng.random((draws, len(mine))), axis=1)[:, :k_max]]
        hits = np.zeros(k_max)
        for row in picks.tolist():
            mask = -1  # every bit set: every car matches no points at all
            for k, p in enumerate(row):
                mask &= masks[p]
                hits[k] += mask.bit_count() == 1
        shares[i] = hits / draws
    return cars, ends - starts, shares


@dataclass(frozen=True, eq=False)
class Curve:
    """The share of each car singled out by k = 1 to k_max points, at one level of detail and days of data."""

    level: str
    days: int
    draws: int
    plates: tuple[str, ...]  # the cars in the crowd (read at least once in those days)
    points: np.ndarray  # each car's distinct points
    singled: np.ndarray  # (cars, k_max): share of that car's draws in which k points picked it out alone

    @property
    def ks(self) -> tuple[int, ...]:
        return tuple(range(1, self.singled.shape[1] + 1))

    @property
    def town_share(self) -> np.ndarray:
        """Share of all cars singled out at each k (0 to 1): each car's share of draws, averaged over cars."""
        return self.singled.mean(axis=0) if len(self.plates) else np.zeros(self.singled.shape[1])

    def car_share(self, plate: str) -> np.ndarray | None:
        """One car's share of draws singled out at each k, or None if the car was not read in those days."""
        if plate not in self.plates:
            return None
        return self.singled[self.plates.index(plate)]

    def short_of(self, k: int) -> int:
        """How many cars have fewer than k distinct points (so k points can never pick them out)."""
        return int((self.points < k).sum())


def unicity_curve(
    s: Sightings, level: str, days: int | None = None, k_max: int = K_MAX, draws: int = DRAWS, seed: int = 0
) -> Curve:
    """The unicity curve of the town at one level of detail, from the first `days` days of sightings."""
    car, point = points_of(s, level, days)
    cars, points, shares = singled_out(car, point, k_max, draws, seed)
    span = int(s.day.max()) + 1 if len(s.day) else 0
    return Curve(level, span if days is None else int(days), draws, tuple(s.plates[cars]), points, shares)


def unicity_table(
    s: Sightings, days_options, k_max: int = K_MAX, draws: int = DRAWS, seed: int = 0
) -> dict[tuple[str, int], Curve]:
    """Every curve a widget may show, computed once: one per level of detail and number of days."""
    return {
        (level, int(days)): unicity_curve(s, level, int(days), k_max, draws, seed)
        for level in LEVELS
        for days in days_options
    }
