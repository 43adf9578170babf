"""The real-world tables (court cases, state laws, published figures, the story's timeline), each row with its source.

A row without a publisher, title, date or link, a date that does not parse, or a unit the lab does not
know is refused when the tables load, so no unsourced number can reach a student.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from platetrails.data import DATA_DIR, DataFileError, read_csv_file

FACTS_DIR = DATA_DIR / "facts"
SOURCE_COLUMNS = ["publisher", "title", "source_date", "link", "confidence"]
TABLES = {
    "court_cases": ["case", "citation", "year", "decided", "holding"],
    "state_laws": ["state", "statute", "year", "retention_value", "retention_unit", "rule"],
    "figures": ["figure_id", "what", "value", "unit", "where", "when"],
    "timeline": ["date", "event"],
    "derived_figures": ["figure_id", "what", "value", "unit", "where", "when", "method"],
}
UNITS = {
    "percent",
    "reads",
    "scans",
    "per million reads",
    "million dollars",
    "years",
    "plates",
    "agencies",
    "officers",
    "queries per month",
    "people",
    "vehicles",
    "times as many",
    "weeks",
    "two-week cycles",
    "hot spots",
    "readers",
    "arrests",
    "days",
    "hours",
    "searches",
    "networks",
    "devices",
    "reads per day",
    "reads per plate per day",
    "reads per vehicle per day",
    "detections per day",
    "detections per camera per day",
}
RETENTION_UNITS = {"minutes": 1 / 1440, "days": 1, "months": 30.44, "years": 365.25, "none": None}
DATE_PATTERN = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_date(text: str) -> pd.Timestamp:
    """A date written as YYYY, YYYY-MM or YYYY-MM-DD (sources are not always dated to the day)."""
    if not DATE_PATTERN.match(str(text)):
        raise ValueError(text)
    return pd.Timestamp(str(text))


def general_camera_rule(state_laws: pd.DataFrame) -> pd.Series:
    """The laws whose rule is a general camera rule, not written for plate readers (Colorado's), as the row says."""
    return state_laws.rule.str.contains("not written for plate readers", case=False)


def limit_not_read(state_laws: pd.DataFrame) -> pd.Series:
    """The laws whose time limit we did not read (Maryland's), as the row says: never shown as setting none."""
    return state_laws.rule.str.contains("time limit was not read", case=False)


@dataclass
class Facts:
    court_cases: pd.DataFrame
    state_laws: pd.DataFrame
    figures: pd.DataFrame
    timeline: pd.DataFrame
    derived_figures: pd.DataFrame

    def figure(self, figure_id: str) -> pd.Series:
        """One published or derived figure by its id."""
        both = pd.concat([self.figures, self.derived_figures], ignore_index=True)
        match = both[both.figure_id == figure_id]
        if match.empty:
            raise KeyError(f"no figure '{figure_id}' in data/facts")
        return match.iloc[0]


def cite(row: pd.Series) -> str:
    """A short Markdown citation for a row: publisher, date, as a link."""
    return f"[{row['publisher']}, {row['source_date']}]({row['link']})"


def check(name: str, table: pd.DataFrame, path: Path) -> None:
    """Refuse a table with an unsourced row, an unknown unit, a bad number or a date that does not parse."""

    def bad(why: str) -> DataFileError:
        return DataFileError(
            f"The facts file {path} {why}.", f"Fix that row, or restore the file with: git checkout {path.name}"
        )

    for col in SOURCE_COLUMNS:
        if col not in table.columns:
            raise bad(f"lacks the column {col}")
        empty = table[col].fillna("").astype(str).str.strip() == ""
        if empty.any():
            raise bad(f"has a row without a {col} (row {int(empty.to_numpy().argmax()) + 2})")
    if not table.link.astype(str).str.match(r"^https?://").all():
        raise bad("has a link that is not a web address")
    if not table.confidence.isin(["high", "medium"]).all():
        raise bad("has a row whose confidence is not high or medium")
    for col in ["source_date", *(c for c in ("date", "decided") if c in table.columns)]:
        for value in table[col].astype(str):
            try:
                parse_date(value)
            except ValueError:
                raise bad(f"has a date that does not parse: '{value}'") from None
    if "unit" in table.columns:
        unknown = set(table.unit) - UNITS
        if unknown:
            raise bad(f"uses a unit the lab does not know: {sorted(unknown)}")
        if pd.to_numeric(table.value, errors="coerce").isna().any():
            raise bad("has a value that is not a number")
    if name == "state_laws":
        if not table.retention_unit.isin(list(RETENTION_UNITS)).all():
            raise bad("has a retention unit the lab does not know")
        numbered = table.retention_unit != "none"
        values = pd.to_numeric(table.retention_value, errors="coerce")
        if values[numbered].isna().any() or values[~numbered].notna().any():
            raise bad("has a retention value that does not match its unit")


def load_facts(folder: Path | None = None) -> Facts:
    """Load and check every facts table."""
    folder = Path(folder or FACTS_DIR)
    tables = {}
    for name, columns in TABLES.items():
        path = folder / f"{name}.csv"
        table = read_csv_file(path, columns, fix=f"Restore it with: git checkout {path}")
        check(name, table, path)
        if "value" in table.columns:
            table["value"] = pd.to_numeric(table.value)
        if name == "state_laws":
            table["retention_value"] = pd.to_numeric(table.retention_value.replace("", None))
            factor = table.retention_unit.map(RETENTION_UNITS)
            table["retention_days"] = table.retention_value * pd.to_numeric(factor)
        tables[name] = table
    return Facts(**tables)
