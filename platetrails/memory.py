"""What one watcher knows against what a network remembers: one car's sightings, and how long a law keeps reads.

Works from the reads alone; the real home and workplace a view is checked against are passed in by the caller.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import networks
from platetrails.mosaic import Analyst

RETENTION_DAYS = {"minutes": 1 / 1440, "days": 1.0, "months": 30.44, "years": 365.25}
FOUND_WITHIN_BLOCKS = 1  # the lab's one rule: a home or workplace is "found" when the guess is this close to the truth

Corner = tuple[int, int]


def within_a_block(guess: Corner | None, truth: Corner | None) -> bool:
    """The lab's one rule for "found": a guess within one block (streets walked) of the real place."""
    if guess is None or truth is None:
        return False
    return abs(guess[0] - truth[0]) + abs(guess[1] - truth[1]) <= FOUND_WITHIN_BLOCKS


@dataclass(frozen=True)
class View:
    """What is known about one car: how often and where it was seen, and what the analyst can guess."""

    sightings: int
    corners: int
    days_seen: int
    home_found: bool
    work_found: bool
    routines: int
    sensitive_places: int


def watcher_view(analyst: Analyst, plate: str, days: int) -> tuple[View, str, int]:
    """A person standing at one corner for one day: the corner and day where the car was seen most often.

    This is the watcher's best case. Returns the view, the corner's description and the day (0 = first).
    """
    s = analyst.s
    code = s.plates.get_indexer([plate])[0]
    rows = s.rows_of_plate.get(code, np.array([], dtype=int)) if code >= 0 else np.array([], dtype=int)
    rows = rows[s.day[rows] < days]
    if not len(rows):
        return View(0, 0, 0, False, False, 0, 0), "", -1
    keys = pd.Series(list(zip(s.x[rows].tolist(), s.y[rows].tolist(), s.day[rows].tolist())))
    counts = keys.value_counts(sort=False)
    best = max(counts.index, key=lambda k: (counts[k], -k[2], -k[0], -k[1]))
    x, y, day = best
    place = analyst.place_at.get((x, y))
    sensitive = int(place is not None and bool(place.sensitive))
    return View(int(counts[best]), 1, 1, False, False, 0, sensitive), analyst.describe_spot(x, y), int(day)


def network_view(
    analyst: Analyst, plate: str, days: int, home: Corner | None = None, work: Corner | None = None
) -> View:
    """What the town's networks together hold about one car after `days` days, and whether the analyst's guesses
    find its real home and workplace (`home`, `work`: the truth, passed in by the caller) by the one rule."""
    if days <= 0:
        return View(0, 0, 0, False, False, 0, 0)
    profile = analyst.profile(plate, days, networks.names())
    s, rows = analyst.s, profile.rows
    corners = len(set(zip(s.x[rows].tolist(), s.y[rows].tolist())))
    return View(
        sightings=profile.sightings,
        corners=corners,
        days_seen=len(set(s.day[rows].tolist())),
        home_found=within_a_block(profile.home, home),
        work_found=within_a_block(profile.work, work),
        routines=len(profile.routines),
        sensitive_places=len({v.place for v in profile.sensitive}),
    )


def retention_in_days(value: float, unit: str) -> float | None:
    """A law's retention limit in days, or None when the law sets no limit."""
    if unit not in RETENTION_DAYS or value != value:
        return None
    return float(value) * RETENTION_DAYS[unit]


def memory_days(retention: float | None, available: int) -> int:
    """How many days of reads the lab can keep for a law: whole days, at most the days of data it has."""
    if retention is None:
        return available
    return min(available, math.floor(retention + 1e-9))
