"""One day of plans for every car, built at once with numpy, then chained in time order into trips, so that a car
is never in two places at once: the weekly routines of routines.py become a table of trips between places.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from platetrails import town
from platetrails.routines import (
    ARCHETYPES,
    ERRAND_KINDS,
    GAP_MINUTES,
    HOLIDAYS,
    LATEST_DELAY,
    MINUTES_PER_BLOCK,
    OPEN_ON_HOLIDAYS,
    START_DATE,
    WORSHIP,
    Locations,
    Residents,
)


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
