"""The real-world tables: every row sourced, dates that parse, units the lab knows."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from platetrails import facts
from platetrails.data import DataFileError


@pytest.fixture(scope="module")
def loaded() -> facts.Facts:
    return facts.load_facts()


def test_tables_load_with_rows(loaded) -> None:
    assert len(loaded.court_cases) >= 5
    assert len(loaded.state_laws) >= 15
    assert len(loaded.figures) >= 15
    assert len(loaded.timeline) >= 10
    assert len(loaded.derived_figures) >= 5


def test_every_row_names_its_source(loaded) -> None:
    for name in facts.TABLES:
        table = getattr(loaded, name)
        for col in ("publisher", "title", "source_date", "link"):
            assert (table[col].astype(str).str.strip() != "").all(), (name, col)
        assert table.link.str.startswith("http").all()
        assert table.confidence.isin(["high", "medium"]).all()


def test_dates_parse_and_the_timeline_is_in_order(loaded) -> None:
    dates = [facts.parse_date(d) for d in loaded.timeline.date]
    assert dates == sorted(dates)
    assert dates[0].year == 2014 and any(d == pd.Timestamp("2018-01-27") for d in dates)
    assert all(1980 <= facts.parse_date(d).year <= 2026 for d in loaded.court_cases.decided)


def test_retention_is_a_number_with_a_unit_or_none(loaded) -> None:
    laws = loaded.state_laws
    numbered = laws[laws.retention_unit != "none"]
    assert numbered.retention_days.gt(0).all()
    assert laws.loc[laws.state == "Maine", "retention_days"].item() == 21
    assert laws.loc[laws.state == "Georgia", "retention_unit"].item() == "months"  # 30 months, not 30 days
    assert laws[laws.retention_unit == "none"].retention_days.isna().all()


def test_derived_figures_agree_with_the_published_totals(loaded) -> None:
    pooled = loaded.figure("eff_pooled_hit_rate").value
    assert pooled == pytest.approx(100 * 11_384_164 / 2_541_566_055, abs=0.01)
    assert 0 < loaded.figure("eff_median_hit_rate").value < pooled
    assert 50 < loaded.figure("flock_share_30_day_retention").value <= 100
    assert loaded.derived_figures.method.str.len().gt(10).all()


def copy_facts(tmp_path: Path) -> Path:
    folder = tmp_path / "facts"
    shutil.copytree(facts.FACTS_DIR, folder)
    return folder


@pytest.mark.parametrize("column", ["publisher", "title", "source_date", "link"])
def test_a_row_without_a_source_is_refused(tmp_path: Path, column: str) -> None:
    folder = copy_facts(tmp_path)
    table = pd.read_csv(folder / "figures.csv", dtype=str, keep_default_na=False)
    table.loc[3, column] = ""
    table.to_csv(folder / "figures.csv", index=False)
    with pytest.raises(DataFileError, match=f"without a {column}"):
        facts.load_facts(folder)


@pytest.mark.parametrize(
    "table_name, column, value, words",
    [
        ("timeline", "date", "Jan 2018", "does not parse"),
        ("figures", "unit", "furlongs", "unit the lab does not know"),
        ("figures", "value", "lots", "not a number"),
        ("figures", "confidence", "low", "confidence"),
        ("state_laws", "retention_value", "", "does not match its unit"),
        ("court_cases", "link", "www.example.org", "not a web address"),
    ],
)
def test_bad_rows_are_refused(tmp_path: Path, table_name: str, column: str, value: str, words: str) -> None:
    folder = copy_facts(tmp_path)
    table = pd.read_csv(folder / f"{table_name}.csv", dtype=str, keep_default_na=False)
    table.loc[1, column] = value
    table.to_csv(folder / f"{table_name}.csv", index=False)
    with pytest.raises(DataFileError, match=words):
        facts.load_facts(folder)


def test_a_missing_table_is_named(tmp_path: Path) -> None:
    folder = copy_facts(tmp_path)
    (folder / "timeline.csv").unlink()
    with pytest.raises(DataFileError, match="timeline.csv is missing"):
        facts.load_facts(folder)


def test_cite_makes_a_link(loaded) -> None:
    text = facts.cite(loaded.figure("md_hit_share"))
    assert text.startswith("[Delmarva Now, 2014-02-15](https://www.delmarvanow.com/")


def all_rows(loaded) -> pd.DataFrame:
    return pd.concat([getattr(loaded, name).assign(table=name) for name in facts.TABLES], ignore_index=True)


def test_no_row_links_to_a_bare_home_page(loaded) -> None:
    rows = all_rows(loaded)
    parts = rows.link.map(urlsplit)
    bare = rows[[p.path in ("", "/") and not p.query for p in parts]]
    assert bare.empty, bare[["table", "publisher", "link"]].to_dict("records")


def test_high_confidence_rows_have_a_dated_source(loaded) -> None:
    rows = all_rows(loaded)
    high = rows[rows.confidence == "high"]
    assert not high.empty
    undated = high[high.get("date_note", pd.Series("", index=high.index)).fillna("").str.strip() != ""]
    assert undated.empty, undated[["table", "publisher", "title"]].to_dict("records")
    assert all(facts.parse_date(d).year >= 1983 for d in high.source_date)


def test_state_law_corrections(loaded) -> None:
    laws = loaded.state_laws.set_index("state")
    assert laws.loc["Maine", "year"] == "2010"  # P.L. 2009, c. 605 is the legislature's numbering, not the year
    assert "60-3204" in laws.loc["Nebraska", "title"] and laws.loc["Nebraska", "link"].endswith("statute=60-3204")
    assert "60-3206" not in laws.loc["Nebraska", "title"] + laws.loc["Nebraska", "link"]
    assert laws.loc["Nebraska", "retention_days"] == 180
    assert (
        "Act 668 of 2025" in laws.loc["Arkansas", "statute"]
        and "evidence of an offense" in laws.loc["Arkansas", "rule"]
    )
    assert "HB 1081 of 2024" in laws.loc["Maryland", "statute"] and laws.loc["Maryland", "year"] == "2024"
    assert (
        "billsponsor.com" in laws.loc["Virginia", "link"] and "out-of-state or federal" in laws.loc["Virginia", "rule"]
    )
    assert "20-183" in laws.loc["North Carolina", "title"] and "sog.unc.edu" not in laws.loc["North Carolina", "link"]
    assert "warrant is needed only to track" in laws.loc["Minnesota", "rule"]
    california = laws.loc["California"]
    assert "SB 34" in california.statute and california.retention_unit == "none"
    assert "another public agency" in california.rule and "recorded with its purpose" in california.rule
    mirrors = loaded.state_laws[loaded.state_laws.link.str.contains("repo.buzz")]
    assert len(mirrors) >= 3 and (mirrors.confidence == "medium").all()


def test_contract_and_query_figures_are_hedged(loaded) -> None:
    assert "appears" in loaded.figure("ice_queries").what
    end = loaded.timeline[loaded.timeline.date == "2020-09-30"].event.item()
    assert "scheduled" in end and "ends" not in end
    assert loaded.figure("md_reads").publisher == "Delmarva Now"
    ids = set(loaded.figures.figure_id)
    assert "ice_hotlist_batch" not in ids  # no source confirmed it
    marin = loaded.figures[loaded.figures.figure_id.isin(["marin_scans", "marin_followed_up"])]
    assert set(marin.publisher) == {"Point Reyes Light"} and (marin.confidence == "medium").all()  # the page is undated
    assert "told CBS News Colorado" in loaded.figure("arvada_warrant_days_max").what  # said to a reporter
    assert loaded.figure("colorado_warrant_hours_sponsor").unit == "hours"  # and the sponsor's figure beside it
    assert loaded.figures.figure_id.is_unique


def test_the_law_enforcement_case_has_sourced_numbers(loaded) -> None:
    figure = loaded.figure
    assert figure("mesa_lpr_plates_checked").value == 8 and figure("mesa_lpr_recoveries").value == 2
    assert figure("mesa_lpr_stolen_hits").unit == "times as many"
    assert "not deterrence" in figure("mesa_manual_deterrence_weeks").what  # the finding that cuts the other way
    assert "no general or offense-specific deterrent effect" in figure("lum_2011_lpr_hot_spots").what
    agency = loaded.figures[loaded.figures.figure_id.str.match(r"^(fairfax|sd)_")]
    assert len(agency) >= 7
    assert (agency.confidence == "medium").all()  # an agency's own claims are never marked high
    counts = agency[agency.unit.isin(["vehicles", "arrests"])]
    assert counts.what.str.contains("reports it|according to").all()
