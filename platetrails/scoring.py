"""Scoring the analyst against the truth: how far each guess is from the real home and workplace.

This is the only analysis that opens the answer key, and it does so through answer_key.py.
The guesses themselves (mosaic.py) never see the truth.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from platetrails import networks
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
