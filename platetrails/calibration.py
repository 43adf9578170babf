"""Compare the town's reads with one real week of Seattle police reads, and write the table to data/calibration.csv.

Run `python -m platetrails.calibration PATH/TO/spd-alpr-pub.csv.gz`. The real file stays
outside the project; only the summary figures, with their source, are written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from platetrails.data import DATA_DIR, load_town

SEATTLE_SOURCE = (
    "University of Washington Center for Human Rights, 'spd-alpr' (Seattle Police Department ALPR reads, "
    "2021-10-01 to 2021-10-08, obtained by public records request; plates hashed), "
    "https://github.com/UWCHR/spd-alpr"
)
TOWN_SOURCE = "Plate Trails class data set (fictional), first 7 days"
HOUR_BLOCKS = {
    "night (0-6)": (0, 6),
    "morning (6-12)": (6, 12),
    "afternoon (12-18)": (12, 18),
    "evening (18-24)": (18, 24),
}


def summarise(plate: pd.Series, timestamp: pd.Series, device: pd.Series) -> dict[str, float]:
    """The figures we compare: repetition of plates, time of day, and reads per device."""
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
    return out


def town_week(data_dir: Path | None = None) -> dict[str, float]:
    """The summary for the first seven days of the class data set."""
    town = load_town(data_dir)
    reads = town.reads[town.reads.timestamp < town.start + pd.Timedelta(days=7)]
    return summarise(reads.plate, reads.timestamp, reads.camera_id)


def seattle_week(path: Path) -> dict[str, float]:
    """The same summary for the Seattle week (read from the real file, which is never copied)."""
    real = pd.read_csv(path, sep="|", usecols=["dt", "device", "plate_hash"])
    stamp = pd.to_datetime(real.dt, format="%m/%d/%Y - %H:%M:%S")
    return summarise(real.plate_hash, stamp, real.device)


def table(seattle: dict[str, float], town: dict[str, float]) -> pd.DataFrame:
    rows = [(k, round(seattle[k], 4), round(town[k], 4)) for k in seattle]
    out = pd.DataFrame(rows, columns=["figure", "seattle_week", "alder_falls_week"])
    out["seattle_source"] = SEATTLE_SOURCE
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("seattle_file", type=Path)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "calibration.csv")
    args = parser.parse_args(argv)
    result = table(seattle_week(args.seattle_file), town_week())
    result.to_csv(args.out, index=False, lineterminator="\n")
    print(result[["figure", "seattle_week", "alder_falls_week"]].to_string(index=False))


if __name__ == "__main__":
    main()
