"""The realism dial: how the mosaic forms when every reader reads less, from the town's classroom density to a real city's.

Run `python -m platetrails.build.realism --out data` after the generator. It simulates the town for a year at
each level of the dial (`traffic.REALISM_LEVELS`: fixed cameras and camera cars thinned alike) in many draws
(one town per seed), scores the analyst's home guesses at several horizons, measures the reads per vehicle per
day and the share of plates seen on 2 or more days of a week, and writes one small table, `data/realism.csv`:
one row per level, seed and horizon, with each figure's mean over the draws and its band (a 95% interval of
the mean) repeated on the rows it belongs to. Nothing else is written: the long runs stay in memory.

All calls into the analysis (`mosaic`) are in this module's `score_*` helpers, so they are easy to re-point.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from platetrails import answer_key, day_plans, mosaic, networks, plates, routines, scoring, traffic
from platetrails.answer_key import AnswerKey
from platetrails.build import generate
from platetrails.data import DATA_DIR, TownData

ALL_NETWORKS = networks.names()
LEVELS = list(traffic.REALISM_LEVELS)
HORIZONS = (7, 14, 28, 56, 91, 182, 273, 365)  # days reported in the table
DRAWS = 48  # towns simulated per level: enough that every band of realism.csv is under 3 points wide
SEEDS = (2018, *range(1, DRAWS))  # the class seed first, then seeds 1, 2, ... chosen before looking at results
BAND = "95% interval of the mean over the draws (t distribution)"
VEHICLES = 200
DAYS = 365
SEARCH_STEP = 7  # days to reach the town's 28-day figure are searched week by week
# Camera-car reads per vehicle per day in Seattle, October 2021 (see calibration.py): every SPD reader
# is on a car, 93,490 reads in 7.99 days, about 460,000 vehicles owned in the city.
SEATTLE_CAMERA_CAR_READS_PER_VEHICLE_DAY = 93_490 / 7.992 / 460_000


def in_memory_town(reads: pd.DataFrame, n_days: int) -> TownData:
    """A TownData for the analyst from a simulated reads table, without writing files."""
    reads = reads.copy()
    reads["timestamp"] = pd.to_datetime(reads.timestamp, format="%Y-%m-%dT%H:%M:%S").astype("datetime64[s]")
    reads["network"] = reads.network.astype("category")
    tables = generate.town_tables()
    meta = {"days": n_days, "start_date": routines.START_DATE}
    return TownData(tables["places"], tables["cameras"], tables["neighbourhoods"], reads, meta)


def in_memory_key(vehicles: pd.DataFrame) -> AnswerKey:
    """The part of the answer key that scoring needs (who lives and works where)."""
    return answer_key.from_vehicles(vehicles)


def simulate_levels(
    seed: int,
    n_vehicles: int,
    n_days: int,
    levels: list[str] | None = None,
    friction: routines.Friction | None = None,
) -> dict[str, dict]:
    """The same town, people and trips, read at each level of the dial.

    The random state after the trips is replayed for each level, so levels differ only by the sweeps
    the dial drops (a lower level keeps a subset of a higher level's sweeps). For 28 days and the
    "town" level the reads are exactly those of `generate.simulate`.
    """
    friction = friction or routines.Friction()
    rng = np.random.default_rng(seed)
    plate_list = plates.make_plates(rng, n_vehicles)
    residents = routines.make_residents(rng, n_vehicles, n_days, plate_list, friction)
    trips = day_plans.make_trips(residents, n_days, rng)
    state = rng.bit_generator.state
    out = {}
    for level in levels or LEVELS:
        rng.bit_generator.state = state
        settings = traffic.ReadSettings.at_level(level)
        reads, truth, _sweeps = traffic.make_reads(trips, residents, n_days, settings, rng, friction)
        camera_car = reads.network.isin(networks.mobile_names()).to_numpy() & (truth.kind == "car").to_numpy()
        town = in_memory_town(reads, n_days)
        out[level] = {
            "town": town,
            "key": in_memory_key(residents.table),
            "camera_car_reads_per_vehicle_day": camera_car.sum() / n_vehicles / n_days,
            "reads_per_vehicle_day": len(reads) / n_vehicles / n_days,
            "share_plates_2_days": weekly_two_day_share(town.reads, n_days),
        }
    return out


def weekly_two_day_share(reads: pd.DataFrame, n_days: int) -> float:
    """Of the plates read in a week (as logged: misreads and signs count), the share read on 2 or more days.

    The mean over every whole week of the run, weighted by plates, as Seattle's week is measured
    (calibration.summarise: distinct plates read on 2 or more calendar days).
    """
    day = (reads.timestamp.to_numpy().astype("datetime64[D]") - np.datetime64(routines.START_DATE, "D")).astype(int)
    keep = day < n_days // 7 * 7
    seen = pd.DataFrame({"plate": reads.plate.to_numpy()[keep], "day": day[keep]}).drop_duplicates()
    days_seen = seen.groupby([seen.day.to_numpy() // 7, seen.plate.to_numpy()]).size()
    return float((days_seen >= 2).mean()) if len(days_seen) else 0.0


def t_quantile(p: float, df: int) -> float:
    """Student's t quantile (Cornish-Fisher expansion about the normal; within 0.2% of the exact value for df >= 5)."""
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    return z + g1 / df + g2 / df**2 + g3 / df**3


def band(values: list[float] | np.ndarray) -> tuple[float, float, float]:
    """Mean of the draws and the 95% interval of that mean (t distribution); one draw gives a band of zero width."""
    v = np.asarray(values, dtype=float)
    mean = float(v.mean())
    if len(v) < 2:
        return mean, mean, mean
    half = t_quantile(0.975, len(v) - 1) * float(v.std(ddof=1)) / math.sqrt(len(v))
    return mean, mean - half, mean + half


def reach_words(reach: list[str]) -> str:
    """How long every draw takes to reach its town's 28-day figure: "lo to hi days (median m)", or "not reached in a year".

    Stated only when every draw reaches it; otherwise the level does not get there robustly within the run.
    """
    if not reach or not all(r.isdigit() for r in reach):
        return "not reached in a year"
    days = sorted(int(r) for r in reach)
    median = int(np.median(days))
    return f"{days[0]} to {days[-1]} days (median {median})"


# --- the calls into the analysis: re-point these if mosaic's interface changes ---------------------


def score_analyst(town: TownData) -> mosaic.Analyst:
    return mosaic.Analyst(town)


def score_home(analyst: mosaic.Analyst, key: AnswerKey, days: int, nets: list[str] | None = None) -> float:
    """Share of all cars whose home guess is within 1 block after `days` days of the chosen networks."""
    acc = scoring.accuracy(analyst, key, days, nets or ALL_NETWORKS)
    return float((acc.home_blocks_off <= 1).mean())


def score_work(analyst: mosaic.Analyst, key: AnswerKey, days: int, nets: list[str] | None = None) -> float:
    """Share of cars with a workplace whose work guess is within 1 block."""
    acc = scoring.accuracy(analyst, key, days, nets or ALL_NETWORKS)
    return float((acc[acc.has_work].work_blocks_off <= 1).mean())


# ---------------------------------------------------------------------------------------------------


def days_to_reach(
    analyst: mosaic.Analyst, key: AnswerKey, target: float, known: dict[int, float], max_days: int
) -> int | None:
    """The first whole week after which the home share reaches `target`, or None within `max_days`.

    `known` holds shares already scored (day count to share). The search scores the table's horizons
    first, then every week between the last horizon below the target and the first one above it.
    """

    def share(days: int) -> float:
        if days not in known:
            known[days] = score_home(analyst, key, days)
        return known[days]

    marks = sorted({d for d in HORIZONS if d <= max_days} | {max_days})
    below = 0
    for mark in marks:
        if share(mark) >= target - 1e-9:
            first_week = -(-(below + 1) // SEARCH_STEP) * SEARCH_STEP
            for days in range(first_week, mark, SEARCH_STEP):
                if share(days) >= target - 1e-9:
                    return days
            return mark
        below = mark
    return None


def headline(seed: int, n_vehicles: int = VEHICLES, n_days: int = 28) -> dict[str, float]:
    """The lab's headline figures for one seed at the default settings (the class data's level)."""
    run = simulate_levels(seed, n_vehicles, n_days, ["town"])["town"]
    analyst = score_analyst(run["town"])
    key = run["key"]
    return {
        "home, all networks, 1 day": score_home(analyst, key, 1),
        "home, all networks, 7 days": score_home(analyst, key, 7),
        "home, all networks, 28 days": score_home(analyst, key, n_days),
        "home, city fixed cameras, 28 days": score_home(
            analyst, key, n_days, networks.networks_of(networks.POLICE, "fixed")
        ),
        "home, camera cars, 28 days": score_home(analyst, key, n_days, networks.mobile_names()),
        "work, all networks, 28 days": score_work(analyst, key, n_days),
        "camera-car reads per vehicle per day": run["camera_car_reads_per_vehicle_day"],
    }


def seed_rows(seed: int, n_vehicles: int = VEHICLES, n_days: int = DAYS, horizons=HORIZONS) -> list[dict]:
    """The realism table's rows for one seed: every level of the dial, at each horizon."""
    rows = []
    runs = simulate_levels(seed, n_vehicles, n_days)
    analysts = {level: score_analyst(run["town"]) for level, run in runs.items()}
    target = score_home(analysts["town"], runs["town"]["key"], 28)
    for level, run in runs.items():
        analyst, key = analysts[level], run["key"]
        known = {28: target} if level == "town" else {}
        reach = days_to_reach(analyst, key, target, known, n_days)
        for days in horizons:
            if days > n_days:
                continue
            rows.append(
                {
                    "level": level,
                    "sweep_intensity": round(traffic.REALISM_LEVELS[level], 4),
                    "seed": seed,
                    "vehicles": n_vehicles,
                    "days": days,
                    "home_within_1_block": round(known.get(days, score_home(analyst, key, days)), 3),
                    "camera_car_reads_per_vehicle_per_day": round(run["camera_car_reads_per_vehicle_day"], 4),
                    "town_28_day_home_share": round(target, 3),
                    "days_to_reach_town_28_day_share": "not reached" if reach is None else str(reach),
                    "reads_per_vehicle_per_day": round(run["reads_per_vehicle_day"], 5),
                    "share_plates_2_days": round(run["share_plates_2_days"], 4),
                }
            )
    return rows


def add_bands(table: pd.DataFrame) -> pd.DataFrame:
    """Each figure's mean over the draws and its band, on every row of its level (and horizon, for the home share)."""
    out = table.copy()
    out["draws"] = out.groupby(["level", "days"], sort=False).seed.transform("nunique")
    cells = out.groupby(["level", "days"], sort=False).home_within_1_block
    for name, k in (("home_mean", 0), ("home_band_low", 1), ("home_band_high", 2)):
        out[name] = cells.transform(lambda v, k=k: round(band(v)[k], 4))
    per_level = out.drop_duplicates(["level", "seed"])
    for column in ("reads_per_vehicle_per_day", "share_plates_2_days"):
        digits = 5 if column == "reads_per_vehicle_per_day" else 4
        stats = {lv: band(part[column]) for lv, part in per_level.groupby("level", sort=False)}
        for suffix, k in (("mean", 0), ("band_low", 1), ("band_high", 2)):
            out[f"{column}_{suffix}"] = out.level.map({lv: round(v[k], digits) for lv, v in stats.items()})
    reach = {lv: reach_words(list(part.days_to_reach_town_28_day_share)) for lv, part in per_level.groupby("level")}
    out["days_to_reach_every_draw"] = out.level.map(reach)
    out["band"] = BAND
    return out


def realism_table(
    seeds: tuple[int, ...] = SEEDS, n_vehicles: int = VEHICLES, n_days: int = DAYS, horizons=HORIZONS, jobs: int = 1
) -> pd.DataFrame:
    """One row per level, seed and horizon: the home share, the read rates, the 2+ day share and the days to reach
    the town's 28 days, with each figure's mean and band over the seeds (see add_bands).

    Seeds are independent, so `jobs` > 1 runs them in parallel processes; the table is the same either way.
    """
    args = [(seed, n_vehicles, n_days, horizons) for seed in seeds]
    if jobs > 1 and len(seeds) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(seed_rows, *zip(*args)))
    else:
        parts = [seed_rows(*a) for a in args]
    return add_bands(pd.DataFrame([row for part in parts for row in part]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the realism dial's results table (data/realism.csv).")
    parser.add_argument("--out", type=Path, default=DATA_DIR)
    parser.add_argument("--days", type=int, default=DAYS)
    parser.add_argument("--vehicles", type=int, default=VEHICLES)
    parser.add_argument("--seeds", type=int, nargs="+", default=list(SEEDS))
    parser.add_argument(
        "--jobs", type=int, default=min(2, os.cpu_count() or 1), help="processes (seeds run in parallel)"
    )
    args = parser.parse_args(argv)
    if args.days < 28 or args.vehicles < 10:
        parser.error("use at least 28 days and 10 vehicles")
    began = time.perf_counter()
    table = realism_table(tuple(args.seeds), args.vehicles, args.days, jobs=args.jobs)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "realism.csv"
    table.to_csv(path, index=False, lineterminator="\n")
    print(f"wrote {path} ({len(table)} rows) in {time.perf_counter() - began:.1f} s")


if __name__ == "__main__":
    main()
