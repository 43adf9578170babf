"""Figures computed from real public data sets, written to data/facts/derived_figures.csv with their sources.

Run `python -m platetrails.build.derive_facts --realdata PATH/TO/realdata`. The real files stay outside
the project; only the numbers computed here, and where they come from, are checked in.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from platetrails.build.derived_audit import OKALOOSA_FILE, look_back_figures
from platetrails.build.derived_volumes import UWCHR_FILE, fixed_network_figures, seattle_figures
from platetrails.build.real_sources import EFF, NANDO
from platetrails.data import DATA_DIR

COLUMNS = ["figure_id", "what", "value", "unit", "where", "when", "publisher", "title", "source_date", "link", "method"]


def to_number(column: pd.Series) -> pd.Series:
    """'1,034' -> 1034; 'Not Provided', 'n/a' and the like -> NaN; a trailing * (incomplete) is dropped."""
    text = column.astype(str).str.replace(",", "", regex=False).str.replace("*", "", regex=False).str.strip()
    return pd.to_numeric(text, errors="coerce")


def eff_figures(path: Path) -> list[tuple]:
    eff = pd.read_csv(path)
    det = to_number(eff["2016To2017Detections"])
    hits = to_number(eff["2016To2017Hits"])
    both = (det > 0) & hits.notna()
    rate = hits[both] / det[both]
    sharing = to_number(eff["DirectSharing"])
    where, when = "United States (agencies using Vigilant's system)", "2016-2017"
    return [
        (
            "eff_pooled_hit_rate",
            "Hot-list hits as a share of all plate scans, pooled over the agencies that reported both",
            round(100 * hits[both].sum() / det[both].sum(), 3),
            "percent",
            where,
            when,
            *EFF,
            f"sum of hits / sum of detections over {int(both.sum())} agencies",
        ),
        (
            "eff_median_hit_rate",
            "Hot-list hit rate of the middle agency (half the agencies had a lower rate)",
            round(100 * rate.median(), 3),
            "percent",
            where,
            when,
            *EFF,
            f"median of hits / detections over {int(both.sum())} agencies",
        ),
        (
            "eff_agencies_with_rates",
            "Agencies that reported both scans and hits",
            int(both.sum()),
            "agencies",
            where,
            when,
            *EFF,
            "count of agencies with detections > 0 and a number of hits",
        ),
        (
            "eff_median_sharing",
            "Agencies the middle agency shared its plate data with directly",
            float(sharing.median()),
            "agencies",
            where,
            when,
            *EFF,
            f"median of DirectSharing over {int(sharing.notna().sum())} agencies",
        ),
    ]


def flock_figures(path: Path) -> list[tuple]:
    usage = pd.read_csv(path)
    days = pd.to_numeric(usage["data_retention_in_days"].astype(str).str.extract(r"^(\d+)")[0], errors="coerce")
    known = days.notna()
    vehicles = pd.to_numeric(usage["vehicles_detected_in_the_last_30_days"], errors="coerce")
    hits = pd.to_numeric(usage["hotlist_hits_in_the_last_30_days"], errors="coerce")
    both = (vehicles > 0) & hits.notna()
    where, when = "United States (Flock Safety customer agencies with public portals)", "30 days to 2024-04-26"
    return [
        (
            "flock_share_30_day_retention",
            "Share of agencies whose portal states a 30-day retention period",
            round(100 * (days[known] == 30).mean(), 1),
            "percent",
            where,
            when,
            *NANDO,
            f"agencies with 30 days / {int(known.sum())} agencies with a readable retention value",
        ),
        (
            "flock_pooled_hit_rate",
            "Hot-list hits as a share of vehicles detected, pooled over agencies",
            round(100 * hits[both].sum() / vehicles[both].sum(), 3),
            "percent",
            where,
            when,
            *NANDO,
            f"sum of hits / sum of vehicles detected over {int(both.sum())} agencies",
        ),
        (
            "flock_median_vehicles",
            "Vehicles detected in 30 days by the middle agency",
            float(vehicles.median()),
            "vehicles",
            where,
            when,
            *NANDO,
            f"median over {int(vehicles.notna().sum())} agencies",
        ),
    ]


EFF_FILE = ("eff_data_driven_2016_2017", "EFF-MuckRock 2016-2017 ALPR DATA.csv")
FLOCK_EDGES = ("nando_private_eyes", "agency_access20240426.csv")
DEGREE_BINS = [(1, 10), (11, 50), (51, 100), (101, 200), (201, 500), (501, None)]
DEGREE_COLUMNS = ["dataset", "bin", "low", "high", "agencies", "publisher", "title", "source_date", "link", "method"]


def flock_degrees(path: Path) -> pd.Series:
    """For each agency with a public sharing list: how many other agencies it lets search its data."""
    edges = pd.read_csv(path)
    return edges.groupby("src_agency").external_agency.nunique()


def eff_degrees(path: Path) -> pd.Series:
    """For each agency in EFF's table: how many agencies its data-sharing report lists."""
    return to_number(pd.read_csv(path)["DirectSharing"]).dropna()


def sharing_figures(realdata: Path) -> list[tuple]:
    """How many agencies a typical agency shares with, in the Flock portals (2024) and EFF's records (2016-2017)."""
    flock = flock_degrees(realdata.joinpath(*FLOCK_EDGES))
    edges = pd.read_csv(realdata.joinpath(*FLOCK_EDGES))
    eff = pd.read_csv(realdata.joinpath(*EFF_FILE))
    pooled = eff["NVLS"].astype(str).str.strip() == "Y"
    where, when = "United States (Flock Safety customer agencies with public portals)", "as of 2024-04-26"
    return [
        (
            "flock_median_sharing",
            "Other agencies the middle agency lets search its Flock plate data",
            float(flock.median()),
            "agencies",
            where,
            when,
            *NANDO,
            f"median over {flock.size} agencies of the distinct external agencies listed for each in agency_access",
        ),
        (
            "flock_agencies_with_sharing_lists",
            "Agencies whose portal lists who may search their data",
            int(flock.size),
            "agencies",
            where,
            when,
            *NANDO,
            "distinct src_agency values in agency_access",
        ),
        (
            "flock_share_over_100",
            "Share of those agencies that let more than 100 other agencies search their data",
            round(100 * float((flock > 100).mean()), 1),
            "percent",
            where,
            when,
            *NANDO,
            f"agencies with more than 100 external agencies / {flock.size}",
        ),
        (
            "flock_distinct_recipients",
            "Different agencies that can search at least one of those agencies' data",
            int(edges.external_agency.nunique()),
            "agencies",
            where,
            when,
            *NANDO,
            f"distinct external_agency values over {len(edges)} sharing links",
        ),
        (
            "eff_agencies_nvls",
            "Agencies in EFF's table that sent their data to the vendor's national pool (NVLS)",
            int(pooled.sum()),
            "agencies",
            "United States (agencies using Vigilant's system)",
            "2016-2017",
            *EFF,
            "count of NVLS == Y",
        ),
    ]


def degree_table(realdata: Path) -> pd.DataFrame:
    """How many agencies share with 1-10, 11-50, ... others, in each data set, each row with its source."""
    rows = []
    sets = [
        (
            "Flock portals, 2024",
            flock_degrees(realdata.joinpath(*FLOCK_EDGES)),
            NANDO,
            "agency_access: distinct external agencies per src_agency",
        ),
        (
            "EFF records, 2016-2017",
            eff_degrees(realdata.joinpath(*EFF_FILE)),
            EFF,
            "DirectSharing per agency (agencies sharing with none left out)",
        ),
    ]
    for name, degrees, source, method in sets:
        for low, high in DEGREE_BINS:
            inside = (degrees >= low) & (degrees <= high if high else True)
            label = f"{low}-{high}" if high else f"over {low - 1}"
            rows.append((name, label, low, high if high else "", int(inside.sum()), *source, method))
    table = pd.DataFrame(rows, columns=DEGREE_COLUMNS)
    table["confidence"] = "high"
    return table


def derive(realdata: Path) -> pd.DataFrame:
    rows = eff_figures(realdata.joinpath(*EFF_FILE))
    rows += flock_figures(realdata / "nando_private_eyes" / "latest_usage04262023.csv")
    rows += sharing_figures(realdata)
    rows += look_back_figures(realdata.joinpath(*OKALOOSA_FILE))
    rows += seattle_figures(realdata.joinpath(*UWCHR_FILE))
    rows += fixed_network_figures(realdata / "nando_private_eyes" / "latest_usage04262023.csv")
    table = pd.DataFrame(rows, columns=COLUMNS)
    table["confidence"] = "high"
    return table


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--realdata", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DATA_DIR / "facts" / "derived_figures.csv")
    parser.add_argument("--degrees-out", type=Path, default=DATA_DIR / "facts" / "sharing_degrees.csv")
    args = parser.parse_args(argv)
    table = derive(args.realdata)
    table.to_csv(args.out, index=False, lineterminator="\n")
    degree_table(args.realdata).to_csv(args.degrees_out, index=False, lineterminator="\n")
    print(table[["figure_id", "value", "unit"]].to_string(index=False))


if __name__ == "__main__":
    main()
