"""Notebook 02's class-wide tables, scored once: `python -m platetrails.build.class_tables --out data`.

Scores every car of the class data (share_within, missed_by_routine, label_truth in scoring.py) and writes three
small tables to data/mosaic/, which the notebook loads (scoring.class_shares and friends) instead of scoring
200 cars 105 times in every student's kernel. A test checks that the stored tables equal a fresh scoring.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from platetrails import answer_key, data, networks
from platetrails.answer_key import AnswerKey
from platetrails.mosaic import Analyst
from platetrails.scoring import CLASS_DAYS, CLASS_FOLDER, label_truth, missed_by_routine, share_within


def class_tables(town: data.TownData, key: AnswerKey) -> dict[str, pd.DataFrame]:
    """Notebook 02's class-wide tables, by file name: share_within, missed_by_routine and label_truth, every network."""
    analyst = Analyst(town)
    every, days = networks.names(), town.days
    shares = share_within(analyst, key, [d for d in CLASS_DAYS if d <= days])
    return {
        "shares.csv": shares.drop(columns="networks"),
        "missed.csv": missed_by_routine(analyst, key, days, every),
        "labels.csv": label_truth(analyst, key, days, every),
    }


def write_class_tables(town: data.TownData, key: AnswerKey, out: Path) -> list[Path]:
    """Score the class once and write its tables to `out`/mosaic/ (exact floats, so a reload equals a rescore)."""
    folder = Path(out) / CLASS_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in class_tables(town, key).items():
        table.to_csv(folder / name, index=False, lineterminator="\n")
        written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Score the class once for notebook 02's charts (data/mosaic/).")
    parser.add_argument("--out", default="data", help="the data folder (default: data)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    for path in write_class_tables(data.load_town(out), answer_key.load_answer_key(out), out):
        print(f"wrote {path}")  # i18n: ok (command line, not students)


if __name__ == "__main__":
    main()
