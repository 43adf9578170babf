"""The policy lab's cases: `python -m platetrails.build.horizon --out data` writes data/policy/cases.csv.

Notebook 05 asks what a policy keeps and what it costs. Its benefits are cases that police work on:
cars on a hot list (stolen or wanted), investigations that look back at old reads, and Amber-alert style
abductions. This command picks those cases from the class data's true trips (the answer key), once and
reproducibly, so the analysis never opens the answer key: it only checks whether the public reads that a
policy keeps contain the evidence each case needs.

The longer horizon. Retention limits run from 3 minutes to 5 years, but the town has 28 days of reads. The
lab's model: every case happens during the town's four weeks, and the search for its evidence happens
later, after a delay (the case's "look-back"). Each case carries a number `quantile` between 0 and 1; the
notebook turns it into a look-back in days from an assumption the students set (how far back a typical
investigation looks), because no published figure says how old the reads used in investigations are. The
town's four weeks stand for any four weeks of a longer program, so a database that keeps a year holds about
thirteen times the town's reads. The class data itself is not changed (generate.py writes it).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import answer_key, data, hotlist

HORIZON_SEED = 505
HOT_LIST_CASES = 20  # stolen or wanted cars put on the hot list at some moment of the four weeks
PLACE_CASES = 120  # "which cars were near this corner at this time?"
TRAIL_CASES = 120  # "where did this known car go on the day of the crime?"
AMBER_CASES = 10  # a child taken in a car: find it now, and learn where it sleeps
COLUMNS = ["case_id", "kind", "plate", "x", "y", "time", "quantile"]


def build_cases(town: data.TownData, key: answer_key.AnswerKey, seed: int = HORIZON_SEED) -> pd.DataFrame:
    """Pick the cases from the true trips of ordinary cars (never the six case residents), reproducibly."""
    rng = np.random.default_rng(seed)
    vehicles = key.vehicles
    residents = set(vehicles.plate[vehicles.case_label != ""])
    listed = [p for p in hotlist.hot_list(town.reads, 3 * HOT_LIST_CASES) if p not in residents][:HOT_LIST_CASES]
    ordinary = vehicles[(vehicles.case_label == "") & ~vehicles.plate.isin(listed)]
    plate_of = dict(zip(vehicles.vehicle_id, vehicles.plate))
    trips = key.trips[key.trips.vehicle_id.isin(ordinary.vehicle_id)]
    # Cases happen after the first week and end a day before the data does, so every window fits.
    begin, end = town.start + pd.Timedelta(days=7), town.start + pd.Timedelta(days=town.days - 1)
    trips = trips[(trips.arrive >= begin) & (trips.arrive < end)].reset_index(drop=True)
    rows = []

    def add(kind: str, plate: str, x: int, y: int, when: pd.Timestamp) -> None:
        stamp = pd.Timestamp(when).strftime("%Y-%m-%dT%H:%M:%S")
        rows.append([f"{kind}-{len(rows) + 1:03d}", kind, plate, int(x), int(y), stamp, round(float(rng.random()), 4)])

    span = (end - begin).total_seconds()
    for plate in listed:
        add("hot_list", plate, -1, -1, begin + pd.Timedelta(seconds=float(rng.random()) * span))
    for kind, n in (("place", PLACE_CASES), ("trail", TRAIL_CASES), ("amber", AMBER_CASES)):
        for i in rng.choice(len(trips), size=n, replace=False):
            trip = trips.iloc[int(i)]
            add(kind, plate_of[trip.vehicle_id], trip.to_x, trip.to_y, trip.arrive)
    return pd.DataFrame(rows, columns=COLUMNS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the policy lab's cases (data/policy/cases.csv).")
    parser.add_argument("--out", default="data", help="the data folder (default: data)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    cases = build_cases(data.load_town(out), answer_key.load_answer_key(out))
    (out / "policy").mkdir(parents=True, exist_ok=True)
    cases.to_csv(out / "policy" / "cases.csv", index=False, lineterminator="\n")
    print(f"wrote {len(cases)} cases to {out / 'policy' / 'cases.csv'}")  # i18n: ok (command line, not students)


if __name__ == "__main__":
    main()
