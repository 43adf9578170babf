"""`make facts-check` lists the rows about a law whose source is over a year old (issue #19, build step 6)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from platetrails import facts_check
from platetrails.facts import FACTS_DIR

SOURCE = {"publisher": "P", "title": "T", "link": "https://example.org/x", "confidence": "high"}


def write(folder: Path, name: str, rows: list[dict]) -> None:
    pd.DataFrame([{**row, **SOURCE} for row in rows]).to_csv(folder / name, index=False)


def test_old_rows_about_a_law_are_listed_oldest_first_and_nothing_else(tmp_path: Path) -> None:
    write(
        tmp_path,
        "state_laws.csv",
        [
            {"state": "Old State", "statute": "Code 1", "source_date": "2019"},
            {"state": "New State", "statute": "Code 2", "source_date": "2026-06-01"},
        ],
    )
    write(
        tmp_path,
        "figures.csv",
        [
            {"what": "Days the 2013 law lets reads be kept", "source_date": "2013-01-23"},
            {"what": "Share of reads that were hits", "source_date": "2012"},
        ],
    )
    write(tmp_path, "timeline.csv", [{"event": "A bill is withdrawn.", "source_date": "2025-12-03"}])
    rows = facts_check.stale_rows(tmp_path, today=dt.date(2026, 12, 4))
    assert [(r.file, r.source_date) for r in rows] == [
        ("figures.csv", "2013-01-23"),
        ("state_laws.csv", "2019"),
        ("timeline.csv", "2025-12-03"),
    ]
    assert rows[1].subject == "Old State, Code 1" and rows[1].link == SOURCE["link"]
    text = facts_check.report(rows, dt.date(2026, 12, 4))
    assert text.startswith("Rows about a law whose source is more than a year old on 2026-12-04: 3")


def test_the_lab_s_own_facts_every_state_law_is_listed_a_year_after_its_newest_source() -> None:
    laws = pd.read_csv(FACTS_DIR / "state_laws.csv", dtype=str)
    newest = max(pd.Timestamp(d) for d in laws.source_date)
    later = (newest + pd.Timedelta(days=400)).date()
    listed = {r.subject for r in facts_check.stale_rows(FACTS_DIR, later) if r.file == "state_laws.csv"}
    assert len(listed) == len(laws)
    on_the_day = facts_check.stale_rows(FACTS_DIR, newest.date())
    assert not [r for r in on_the_day if r.file == "state_laws.csv" and pd.Timestamp(r.source_date) == newest]


def test_data_readme_gives_each_facts_table_once_with_its_true_row_count() -> None:
    """data/README.md's tables of facts files: one line per file, its row count counted from the file (issue #19)."""
    readme = (FACTS_DIR.parent / "README.md").read_text("utf-8")
    readme = readme[readme.index("## `facts/`") :]
    readme = readme[: readme.index("\n## ", 1)] if "\n## " in readme[1:] else readme
    lines = re.findall(r"^\| `([a-z_]+\.csv)` \| (\d+) \|", readme, re.M)
    stated = [name for name, _rows in lines]
    assert len(stated) == len(set(stated)), f"a file is listed twice: {stated}"
    files = sorted(p.name for p in FACTS_DIR.glob("*.csv"))
    assert sorted(stated) == files, f"listed {sorted(stated)}, on disk {files}"
    for name, rows in lines:
        assert int(rows) == len(pd.read_csv(FACTS_DIR / name)), f"data/README.md says {name} has {rows} rows"
