"""Which sourced rows about a law are over a year old: what a teacher or maintainer rechecks before a school year.

Run `python -m platetrails.facts_check` (or `make facts-check`). A law can be amended, a bill passed or
withdrawn, a ruling overturned; a figure about a law can change with it. Every row of `state_laws.csv` and
`court_cases.csv` is about a law, and so is any row of the other tables whose words name a law, statute, bill
or act. The list gives each such row whose source is more than a year old, oldest first, with its link.
`state_law_rules.csv` codes the laws of `state_laws.csv`: recheck it with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from platetrails.facts import FACTS_DIR, parse_date

ALL_ABOUT_LAW = {"state_laws.csv": ("state", "statute"), "court_cases.csv": ("case", "citation")}
TEXT_COLUMNS = {"figures.csv": ("what",), "timeline.csv": ("event",), "derived_figures.csv": ("what",)}
NAMES_A_LAW = re.compile(r"\b(laws?|statutes?|bills?|acts?|codes?|ordinances?|SB ?\d+|HB ?\d+)\b", re.I)
A_YEAR = pd.Timedelta(days=365)


@dataclass(frozen=True)
class Stale:
    file: str
    subject: str
    source_date: str
    link: str


def stale_rows(folder: Path = FACTS_DIR, today: dt.date | None = None) -> list[Stale]:
    """Every row about a law whose source is more than a year older than `today`, oldest first."""
    cutoff = pd.Timestamp(today or dt.date.today()) - A_YEAR
    found = []
    for name in [*ALL_ABOUT_LAW, *TEXT_COLUMNS]:
        path = folder / name
        if not path.exists():
            continue
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        for _, row in table.iterrows():
            if name in ALL_ABOUT_LAW:
                subject = ", ".join(row[c] for c in ALL_ABOUT_LAW[name])
            else:
                subject = " ".join(row[c] for c in TEXT_COLUMNS[name])
                if not NAMES_A_LAW.search(subject):
                    continue
            if parse_date(row["source_date"]) < cutoff:
                found.append(Stale(name, subject, row["source_date"], row["link"]))
    return sorted(found, key=lambda s: (parse_date(s.source_date), s.file, s.subject))


def report(rows: list[Stale], today: dt.date) -> str:
    """One line per row to recheck, and a count; a short subject keeps each line readable."""
    lines = [f"Rows about a law whose source is more than a year old on {today.isoformat()}: {len(rows)}"]
    for row in rows:
        subject = row.subject if len(row.subject) <= 90 else row.subject[:87] + "..."
        lines.append(f"{row.source_date:>10}  {row.file:<20} {subject}\n{'':12}{row.link}")
    lines.append("state_law_rules.csv codes the laws of state_laws.csv: recheck its rows with them.")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today(), help="YYYY-MM-DD")
    parser.add_argument("--facts", type=Path, default=FACTS_DIR, help="the folder of facts tables")
    args = parser.parse_args(argv)
    print(report(stale_rows(args.facts, args.today), args.today))


if __name__ == "__main__":
    main()
