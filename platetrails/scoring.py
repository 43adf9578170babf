"""Scoring the analyst against the truth: how far each guess is from the real home and workplace.

This is the only analysis that opens the answer key, and it does so through answer_key.py.
The guesses themselves (mosaic.py) never see the truth.

Notebook 02's class-wide charts score every car in the class data, and give the same numbers on every
run, so `python -m platetrails.build.class_tables --out data` (part of `make data`) scores them once and writes three
small tables to data/mosaic/; the notebook loads them (class_shares, class_missed, class_labels) instead of
scoring 200 cars 105 times in every student's kernel. A test checks that the stored tables equal a fresh scoring.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import data, networks
from platetrails.answer_key import AnswerKey
from platetrails.mosaic import Analyst


class Scorer:
    """The answer key lined up with the analyst's plate codes, built once, to score many sets of guesses."""

    def __init__(self, analyst: Analyst, key: AnswerKey) -> None:
        self.analyst = analyst
        vehicles = key.vehicles
        code = analyst.s.plates.get_indexer(vehicles.plate)
        places = analyst.places.set_index("place_id")
        work_id = vehicles.work_place_id.fillna("")
        self.plate = vehicles.plate.to_numpy()
        self.archetype = vehicles.archetype.to_numpy()
        self.code = np.where(code >= 0, code, 0)
        self.seen = code >= 0
        self.home_x = vehicles.home_x.to_numpy()
        self.home_y = vehicles.home_y.to_numpy()
        self.has_work = (work_id != "").to_numpy()
        self.work_x = places.x.reindex(work_id).to_numpy(dtype=float)
        self.work_y = places.y.reindex(work_id).to_numpy(dtype=float)

    def accuracy(self, days: int, network_names: list[str]) -> pd.DataFrame:
        """How far each car's home and work guesses are from the truth, in blocks (NaN where there is no guess)."""
        g = self.analyst.guesses(days, network_names)
        c = self.code
        home_ok = self.seen & (g.home_x[c] > -999)
        home_d = np.where(home_ok, np.abs(g.home_x[c] - self.home_x) + np.abs(g.home_y[c] - self.home_y), np.nan)
        guessed_work = self.seen & (g.work_x[c] > -999)
        work_ok = guessed_work & self.has_work
        work_d = np.where(work_ok, np.abs(g.work_x[c] - self.work_x) + np.abs(g.work_y[c] - self.work_y), np.nan)
        return pd.DataFrame(
            {
                "plate": self.plate,
                "archetype": self.archetype,
                "has_work": self.has_work,
                "work_guessed": guessed_work,
                "home_blocks_off": home_d,
                "work_blocks_off": work_d,
            }
        )


def accuracy(analyst: Analyst, key: AnswerKey, days: int, network_names: list[str]) -> pd.DataFrame:
    """One-off scoring of the guesses after `days` days of the chosen networks (see Scorer for many)."""
    return Scorer(analyst, key).accuracy(days, network_names)


def share_within(analyst: Analyst, key: AnswerKey, day_counts: list[int], blocks: int = 1) -> pd.DataFrame:
    """For every combination of networks and each number of days: the share of cars whose guess is within `blocks`.

    `home_share` is out of all cars; `work_share` out of cars that have a workplace, and
    `work_share_all` out of all cars; `false_work` counts cars with no workplace that got a work guess.
    """
    scorer = Scorer(analyst, key)
    names = networks.names()
    rows = []
    for mask in range(1, 2 ** len(names)):
        combo = [n for i, n in enumerate(names) if mask >> i & 1]
        for days in day_counts:
            acc = scorer.accuracy(days, combo)
            home = (acc.home_blocks_off <= blocks).mean()
            right_work = acc.work_blocks_off <= blocks
            work = right_work[acc.has_work].mean()
            false_work = int((acc.work_guessed & ~acc.has_work).sum())
            rows.append((" + ".join(combo), tuple(combo), days, home, work, right_work.mean(), false_work))
    columns = ["combination", "networks", "days", "home_share", "work_share", "work_share_all", "false_work"]
    return pd.DataFrame(rows, columns=columns)


def missed_by_routine(analyst: Analyst, key: AnswerKey, days: int, network_names: list[str]) -> pd.DataFrame:
    """For each kind of routine (archetype): how many cars, and the share whose home was found within a block."""
    acc = Scorer(analyst, key).accuracy(days, network_names)
    acc["found"] = acc.home_blocks_off <= 1
    table = acc.groupby("archetype").agg(cars=("plate", "size"), found=("found", "mean")).reset_index()
    table["missed"] = (table.cars * (1 - table.found)).round().astype(int)
    return table.sort_values("found").reset_index(drop=True)


def label_truth(analyst: Analyst, key: AnswerKey, days: int, network_names: list[str]) -> pd.DataFrame:
    """mosaic.place_labels with the truth beside it: of the cars given a routine at a place, how many ever went there."""
    from platetrails.mosaic import place_labels

    labels = place_labels(analyst, days, network_names)
    trips = key.trips
    start = analyst.town.start
    in_window = trips[trips.arrive < start + pd.Timedelta(days=days)]
    place_id = analyst.places.set_index("name").place_id
    plate_of = key.vehicles.set_index("vehicle_id").plate
    went = []
    for row in labels.itertuples():
        visitors = set(plate_of.reindex(in_window[in_window.to_place_id == place_id[row.place]].vehicle_id).dropna())
        plates = {analyst.s.plates[c] for c in row.routine_codes}
        went.append(len(plates & visitors))
    labels["routine_and_went"] = went
    labels["visitors"] = [
        len(set(plate_of.reindex(in_window[in_window.to_place_id == place_id[p]].vehicle_id).dropna()))
        for p in labels.place
    ]
    return labels.drop(columns="routine_codes")


# --- The class-wide tables, scored once by `make data` -------------------------------------------

CLASS_FOLDER = "mosaic"
CLASS_DAYS = (1, 2, 4, 7, 14, 21, 28)  # the day counts of notebook 02's class picture
CLASS_SCHEMAS: dict[str, dict[str, str]] = {
    "shares.csv": {
        "combination": "string",
        "days": "int64",
        "home_share": "float64",
        "work_share": "float64",
        "work_share_all": "float64",
        "false_work": "int64",
    },
    "missed.csv": {"archetype": "string", "cars": "int64", "found": "float64", "missed": "int64"},
    "labels.csv": {
        "place": "string",
        "sensitive": "string",
        "plates_read_there": "int64",
        "plates_with_routine": "int64",
        "routine_and_went": "int64",
        "visitors": "int64",
    },
}
REBUILD = "Rebuild it with the command: python -m platetrails.build.class_tables --out data"


def load_class_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One stored class-wide table (a name of CLASS_SCHEMAS), typed, with a plain message if it is bad."""
    path = Path(data_dir or data.DATA_DIR) / CLASS_FOLDER / name
    schema = CLASS_SCHEMAS[name]
    table = data.read_csv_file(path, list(schema), fix=REBUILD)
    out = {}
    for column, kind in schema.items():
        try:
            # float() reads back exactly what to_csv wrote (pd.to_numeric can be one unit off in the last place).
            out[column] = table[column].astype(kind if kind != "string" else "str")
        except (ValueError, TypeError):
            raise data.DataFileError(
                f"The data file {path} is damaged: the column '{column}' holds values that are not {kind}.", REBUILD
            ) from None
    return pd.DataFrame(out)


def class_shares(data_dir: Path | None = None) -> pd.DataFrame:
    """share_within(Analyst(town), key, CLASS_DAYS) for the class data, as `make data` stored it."""
    shares = load_class_table("shares.csv", data_dir)
    shares.insert(1, "networks", [tuple(c.split(" + ")) for c in shares.combination])
    return shares


def class_missed(data_dir: Path | None = None) -> pd.DataFrame:
    """missed_by_routine(Analyst(town), key, 28, every network) for the class data, as `make data` stored it."""
    return load_class_table("missed.csv", data_dir)


def class_labels(data_dir: Path | None = None) -> pd.DataFrame:
    """label_truth(Analyst(town), key, 28, every network) for the class data, as `make data` stored it."""
    return load_class_table("labels.csv", data_dir)
