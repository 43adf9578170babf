"""Compare the town's reads with one real week of Seattle police reads, and write the table to data/calibration.csv.

Run `python -m platetrails.build.calibration PATH/TO/spd-alpr-pub.csv.gz`. The real file stays
outside the project; only the summary figures, with their source, are written.

Three columns of figures: Seattle's week; the class data's first week (the realism dial at "town");
and the class seed simulated at the dial's "Seattle-like" level, where every reader reads less (the mean of
its four weeks, because at that level a single week holds few reads and its figures jump from week to week).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import networks, traffic
from platetrails.build import generate
from platetrails.data import DATA_DIR, load_town

SEATTLE_SOURCE = (
    "University of Washington Center for Human Rights, 'spd-alpr' (Seattle Police Department ALPR reads, "
    "2021-10-01 to 2021-10-08, obtained by public records request; plates hashed), "
    "https://github.com/UWCHR/spd-alpr"
)
# The denominator for Seattle's reads per vehicle: vehicles owned or leased by Seattle households.
SEATTLE_VEHICLES = 460_000
SEATTLE_VEHICLES_SOURCE = (
    "vehicles: about 460,000 owned or leased by Seattle households in every year from 2017 to 2023 "
    "(American Community Survey estimates, reported by Gene Balk, 'FYI Guy', The Seattle Times)"
)
TOWN_SOURCE = "Plate Trails class data set (fictional), first 7 days"
HOUR_BLOCKS = {
    "night (0-6)": (0, 6),
    "morning (6-12)": (6, 12),
    "afternoon (12-18)": (12, 18),
    "evening (18-24)": (18, 24),
}
NIGHT_HOURS = (21, 6)  # the analyst's night (mosaic.NIGHT_HOURS): a car still there is probably parked for it
SEATTLE_SPOT_DECIMALS = 3  # Seattle spots: latitude and longitude rounded to 0.001 degree, about one city block

NOTES = {
    "reads per vehicle per day": (
        "all reads / days / vehicles, every reader counted; the realism dial's Seattle-like level is calibrated on "
        "this row; Seattle: " + SEATTLE_VEHICLES_SOURCE
    ),
    "camera-car reads per vehicle per day": (
        "reads by readers on cars only (all of Seattle's; the town's patrol and repossession cars)"
    ),
    "share of plates seen on 2 or more days": "distinct plates (misreads and signs included) read on 2 or more calendar days",
    "share of plates seen on 2 or more days by camera cars": "the same, counting only reads by readers on cars",
    "share of plates seen parked at the same spot on 2 nights": (
        "plates read at night (9 pm to 6 am, a night runs past midnight) at the same spot on 2 or more "
        "nights. Town: reads by camera cars, which read parked cars only, at one corner. Seattle: every "
        "reader is on a car and the data cannot tell parked from passing cars, so every night read counts; "
        "the spot is latitude and longitude rounded to 0.001 degree (about a block); the 26% of reads "
        "without coordinates cannot count. A car read at the same block on two nights was almost surely "
        "parked there."
    ),
}


def summarise(
    plate: pd.Series,
    timestamp: pd.Series,
    device: pd.Series,
    spot: pd.Series | None = None,
    camera_car: pd.Series | None = None,
    parked: pd.Series | None = None,
    vehicles: float | None = None,
) -> dict[str, float]:
    """The figures we compare: repetition of plates, time of day, reads per device and per vehicle.

    `spot` names where each read was (NaN when unknown), `camera_car` marks reads by readers on
    cars, `parked` marks reads that can show a parked car, `vehicles` is how many vehicles the
    readers could meet. Without them, only the older figures are computed.
    """
    per_plate = plate.value_counts()
    days = max((timestamp.max() - timestamp.min()).total_seconds() / 86400, 1.0)
    per_device = device.value_counts() / days
    hours = timestamp.dt.hour
    out = {
        "reads per day": len(plate) / days,
        "distinct plates": float(per_plate.size),
        "share of plates read only once": float((per_plate == 1).mean()),
        "share of plates read 5 or more times": float((per_plate >= 5).mean()),
        "most reads of one plate": float(per_plate.max()),
        "devices (cameras and camera cars)": float(per_device.size),
        "median reads per device per day": float(per_device.median()),
        "busiest device's share of reads": float(per_device.max() / per_device.sum()),
    }
    for label, (lo, hi) in HOUR_BLOCKS.items():
        out[f"share of reads at {label}"] = float(((hours >= lo) & (hours < hi)).mean())
    if vehicles is None:
        return out
    camera_car = camera_car.to_numpy(dtype=bool)
    day = timestamp.dt.normalize()
    out["reads per vehicle per day"] = len(plate) / days / vehicles
    out["camera-car reads per vehicle per day"] = float(camera_car.sum()) / days / vehicles
    days_seen = day.groupby(plate.to_numpy()).nunique()
    out["share of plates seen on 2 or more days"] = float((days_seen >= 2).mean())
    by_car = day[camera_car].groupby(plate.to_numpy()[camera_car]).nunique()
    out["share of plates seen on 2 or more days by camera cars"] = float((by_car >= 2).mean()) if len(by_car) else 0.0
    at_night = ((hours >= NIGHT_HOURS[0]) | (hours < NIGHT_HOURS[1])).to_numpy()
    use = at_night & parked.to_numpy(dtype=bool) & spot.notna().to_numpy()
    night = (timestamp - pd.Timedelta(hours=12)).dt.normalize()  # the evening a night read belongs to
    nights = pd.DataFrame(
        {"plate": plate.to_numpy()[use], "spot": spot.to_numpy()[use], "night": night.to_numpy()[use]}
    )
    per_spot = nights.drop_duplicates().groupby(["plate", "spot"]).size()
    repeat_plates = per_spot[per_spot >= 2].index.get_level_values("plate").nunique()
    out["share of plates seen parked at the same spot on 2 nights"] = repeat_plates / per_plate.size
    return out


def summarise_town(reads: pd.DataFrame, vehicles: int) -> dict[str, float]:
    """The summary of a town's reads (typed as data.load_town gives them)."""
    camera_car = reads.network.astype(str).isin(networks.mobile_names())
    spot = reads.x.astype(str) + "," + reads.y.astype(str)
    return summarise(reads.plate, reads.timestamp, reads.camera_id, spot, camera_car, camera_car, vehicles)


def town_week(data_dir: Path | None = None) -> dict[str, float]:
    """The summary for the first seven days of the class data set."""
    town = load_town(data_dir)
    reads = town.reads[town.reads.timestamp < town.start + pd.Timedelta(days=7)]
    return summarise_town(reads, int(town.meta["vehicles"]))


def simulated_mean_week(level: str, seed: int = generate.CLASS_SEED, n_vehicles: int = generate.CLASS_VEHICLES) -> dict:
    """The class seed's 28 days simulated at one level of the realism dial: the mean of its four weekly summaries."""
    tables = generate.simulate(seed, n_vehicles, generate.CLASS_DAYS, traffic.ReadSettings.at_level(level))
    reads = tables["reads"].copy()
    reads["timestamp"] = pd.to_datetime(reads.timestamp, format="%Y-%m-%dT%H:%M:%S")
    start = pd.Timestamp(tables["meta"]["start_date"])
    week = ((reads.timestamp - start).dt.days // 7).to_numpy()
    weeks = [summarise_town(reads[week == w], n_vehicles) for w in range(generate.CLASS_DAYS // 7)]
    return {k: float(np.mean([w[k] for w in weeks])) for k in weeks[0]}


def seattle_week(path: Path) -> dict[str, float]:
    """The same summary for the Seattle week (read from the real file, which is never copied)."""
    real = pd.read_csv(path, sep="|", usecols=["dt", "device", "plate_hash", "lat", "lon"])
    stamp = pd.to_datetime(real.dt, format="%m/%d/%Y - %H:%M:%S")
    spot = (
        real.lat.round(SEATTLE_SPOT_DECIMALS).astype(str) + "," + real.lon.round(SEATTLE_SPOT_DECIMALS).astype(str)
    ).where(real.lat.notna() & real.lon.notna())
    every = pd.Series(True, index=real.index)
    return summarise(real.plate_hash, stamp, real.device, spot, every, every, SEATTLE_VEHICLES)


def table(seattle: dict[str, float], town: dict[str, float], seattle_like: dict[str, float]) -> pd.DataFrame:
    rows = [(k, round(seattle[k], 6), round(town[k], 6), round(seattle_like[k], 6)) for k in seattle]
    out = pd.DataFrame(rows, columns=["figure", "seattle_week", "alder_falls_week", "alder_falls_seattle_like_week"])
    out["note"] = out.figure.map(NOTES).fillna("")
    out["seattle_source"] = SEATTLE_SOURCE
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seattle_file", type=Path)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "calibration.csv")
    args = parser.parse_args(argv)
    seattle = seattle_week(args.seattle_file)
    result = table(seattle, town_week(), simulated_mean_week("Seattle-like"))
    result.to_csv(args.out, index=False, lineterminator="\n")
    print(
        result[["figure", "seattle_week", "alder_falls_week", "alder_falls_seattle_like_week"]].to_string(index=False)
    )
    # The dial's Seattle-like level: the intensity at which all readers together read Seattle's rate per vehicle.
    town_rate = simulated_mean_week("town")["reads per vehicle per day"]
    implied = seattle["reads per vehicle per day"] / town_rate
    print(
        f"\nSeattle-like intensity (all readers) implied by the class seed: {implied:.4f} "
        f"(traffic.REALISM_LEVELS uses {traffic.REALISM_LEVELS['Seattle-like']})"
    )


if __name__ == "__main__":
    main()
