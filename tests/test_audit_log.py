"""Notebook 04's simulated search log: its fields, its shares (which follow the real log's fact rows at every seed),
its windows and fan-out, and the page and the real log's figures as HTML."""

from __future__ import annotations

import dataclasses
import html
import re

import pandas as pd
import pytest

from platetrails import audit_log, audit_rules, networks, sharing, sharing_tables, tables
from platetrails import facts as facts_module
from platetrails.answer_key import case_plates
from tests.support import fit
from tests.test_sharing import DAYS, PLAN, START, tiny_town

REAL_IDS = [
    "okaloosa_searches",
    "okaloosa_blank_reasons",
    "okaloosa_one_word_reasons",
    "okaloosa_generic_reasons",
    "okaloosa_multi_network_searches",
    "okaloosa_median_networks_multi",
    "okaloosa_most_networks",
    "okaloosa_most_devices",
    "okaloosa_look_back_median",
    "okaloosa_past_retention_searches",
]


@pytest.fixture(scope="module")
def facts() -> facts_module.Facts:
    return facts_module.load_facts()


@pytest.fixture(scope="module")
def real(facts) -> audit_log.RealLog:
    return audit_log.real_log(facts)


@pytest.fixture(scope="module")
def model(town_data) -> sharing.FlowModel:
    return sharing.FlowModel(town_data, full_years=5)


def test_allot_gives_whole_counts_that_add_up_and_follow_the_shares() -> None:
    assert audit_log.allot({"a": 0.5, "b": 0.5}, 4) == {"a": 2, "b": 2}
    assert audit_log.allot({"a": 0.064, "b": 0.936}, 15) == {"a": 1, "b": 14}
    assert audit_log.allot({"a": 0.0012, "b": 0.9988}, 15) == {"a": 0, "b": 15}
    counts = audit_log.allot({"a": 0.313, "b": 0.346, "c": 0.17, "d": 0.17, "e": 0.001}, 15)
    assert sum(counts.values()) == 15 and counts == {"a": 5, "b": 5, "c": 3, "d": 2, "e": 0}


def test_the_real_log_is_read_from_the_fact_rows(facts, real) -> None:
    assert real.searches == facts.figure("okaloosa_searches").value == 7273
    assert real.blank == pytest.approx(facts.figure("okaloosa_blank_reasons").value / 100)
    assert real.multi_network == pytest.approx(facts.figure("okaloosa_multi_network_searches").value / 100)
    assert real.past_retention == pytest.approx(463 / 7273)
    assert (real.most_networks, real.most_cameras) == (6709, 100034)
    assert real.retention_days == audit_rules.OKALOOSA_RETENTION_DAYS == 30


@pytest.mark.parametrize("seed", range(12))
def test_every_seed_gives_a_page_whose_counts_follow_the_real_shares(model, real, facts, seed) -> None:
    log = audit_log.county_log(model, facts, set(), seed=seed)
    got = audit_log.audit_summary(log)
    kinds = audit_log.allot(audit_log.reason_shares(real), audit_log.PAGE_ROWS)
    n = audit_log.PAGE_ROWS
    assert got["searches"] == n == len(log)
    assert got["blank"] == kinds["blank"] == 0, "blank reasons are rare: none on one page"
    assert got["generic"] == kinds["generic"] and abs(got["generic"] / n - real.generic) <= 1 / n
    assert got["one_word"] == kinds["generic"] + kinds["one_word"]
    assert abs(got["one_word"] / n - real.one_word) <= 1 / n
    assert got["case_number"] == kinds["case_number"] >= 1, "a few reasons carry a case number"
    assert abs(got["multi_network"] / n - real.multi_network) <= 1 / n and got["multi_network"] >= 1
    assert got["past_retention"] == 1, "one search in fifteen looks past 30 days, as 6.4% of the real ones did"
    assert real.retention_days < got["longest_look_back"] <= real.longest_look_back


def test_the_shares_come_from_the_rows_not_from_the_code(real) -> None:
    """Another real log (made-up shares) gives another page: nothing is typed into the simulation."""
    other = dataclasses.replace(real, blank=0.2, one_word=0.8, generic=0.4, multi_network=0.9, past_retention=0.5)
    log = audit_log.simulate(["ABC1234"], other, START, own_cameras=3, seed=1, searches=20)
    got = audit_log.audit_summary(log)
    assert (got["blank"], got["generic"], got["one_word"], got["multi_network"], got["past_retention"]) == (
        4,
        8,
        16,
        18,
        10,
    )


def test_windows_networks_and_cameras_are_as_a_real_log_records_them(model, real, facts) -> None:
    log = audit_log.county_log(model, facts, set(), seed=audit_log.CLASS_SEED)
    assert list(log.columns) == audit_log.COLUMNS
    assert (log.window_end == log.when).all() and log.when.is_monotonic_increasing
    days = (log.window_end - log.window_start).dt.total_seconds() / 86400
    assert days.to_numpy() == pytest.approx(log.look_back_days.to_numpy())
    within = log[log.look_back_days <= real.retention_days]
    assert set(within.look_back_days) <= set(audit_log.PRESET_WINDOWS), "a window within the limit is a menu window"
    past = log[log.look_back_days > real.retention_days]
    assert (past.look_back_days == past.look_back_days.round()).all(), "a longer window is typed in whole days"
    own = log[log.networks == 1]
    assert (own.cameras == len(networks.get("county_fixed").cameras)).all(), "one network: the county's own cameras"
    wide = log[log.networks > 1]
    assert wide.networks.between(2, real.most_networks).all() and (wide.cameras <= real.most_cameras).all()
    assert (wide.cameras > wide.networks).all()
    first = log.when.min()
    last_read = model.town.start + pd.Timedelta(days=model.data_days)
    assert last_read <= first and log.when.max() < last_read + pd.Timedelta(days=audit_log.SEARCH_DAYS)


def test_the_same_seed_gives_the_same_page_and_another_seed_another(model, facts) -> None:
    a = audit_log.county_log(model, facts, set(), seed=4)
    pd.testing.assert_frame_equal(a, audit_log.county_log(model, facts, set(), seed=4))
    assert not a.equals(audit_log.county_log(model, facts, set(), seed=5))


def test_plates_are_the_towns_and_never_a_case_residents(model, facts, answer_key) -> None:
    cars = set(case_plates(answer_key).values())
    log = audit_log.county_log(model, facts, cars)
    pool = set(audit_log.candidate_plates(model, cars))
    assert set(log.plate) <= pool and not set(log.plate) & cars
    assert set(model.analyst.s.plates) >= pool
    tiny = sharing.FlowModel(tiny_town([*PLAN, ("XYZ9876", "repo_fleet", "REPO-2", 4, 4, 22)]), full_years=5)
    assert audit_log.candidate_plates(tiny, {"XYZ9876"}) == ["ABC1234"]
    assert tiny.data_days == DAYS


def test_the_reasons_are_the_kinds_the_real_log_counts() -> None:
    assert set(audit_log.GENERIC_WORDS) <= set(audit_rules.GENERIC_REASONS)
    words = pd.Series(list(audit_log.SPECIFIC_WORDS))
    assert audit_rules.vague(words).all() and not words.isin(audit_rules.GENERIC_REASONS).any()
    several = pd.Series(list(audit_log.SEVERAL_WORDS))
    assert not audit_rules.vague(several).any() and not several.isin(audit_rules.GENERIC_REASONS).any()


def test_the_page_is_escaped_text_with_the_real_logs_columns(model, facts) -> None:
    log = audit_log.county_log(model, facts, set())
    page = sharing_tables.audit_page(log)
    assert page.count("<tr>") == len(log) + 1 and "<script" not in page
    for head in ("window searched", "networks", "cameras", "reason as typed"):
        assert head in page
    assert "simulated" in page and sharing_tables.PAGE_CLASS in page and sharing_tables.PAGE_CLASS == fit.PAGE_BLOCK
    hostile = log.head(1).assign(reason="<script>alert(1)</script>", plate="<b>X</b>")
    shown = sharing_tables.audit_page(hostile)
    assert "<script>" not in shown and html.escape("<script>alert(1)</script>") in shown and "&lt;b&gt;" in shown
    assert sharing_tables.window_words(0.5) == "last 12 hours" and sharing_tables.window_words(1) == "last 1 day"
    assert sharing_tables.window_words(32) == "last 32 days"
    assert sharing_tables.typed_reason("") == "(blank)" and sharing_tables.typed_reason("theft case 25-01234") == (
        "theft case 25-01234"
    )


def test_the_real_logs_figures_are_shown_with_where_when_and_their_source(facts) -> None:
    shown = sharing_tables.real_log_table(facts, REAL_IDS).data
    for fid in REAL_IDS:
        row = facts.figure(fid)
        assert html.escape(str(row["what"])) in shown
        assert tables.figure_words(row) in shown
    assert "Okaloosa County, Florida (one sheriff&#x27;s office)" in shown and "(five weeks)" in shown
    assert "not the age of the reads" in shown
    links = re.findall(r"href='([^']+)'", shown)
    assert links == ["https://github.com/HistoryJunkie/OkaloosaALPR_AUDIT"], "one shared source, one note"
    assert shown.count("[1]") == len(REAL_IDS)
    assert tables.figure_words(facts.figure("okaloosa_most_networks")) == "6,709 networks"
    assert tables.figure_words(facts.figure("okaloosa_look_back_median")) == "1 day"
    assert tables.figure_words(facts.figure("okaloosa_blank_reasons")) == "0.124%"


def test_the_national_search_is_a_sourced_figure(facts) -> None:
    networks_row = facts.figure("flock_national_search_networks")
    cameras_row = facts.figure("flock_national_search_cameras")
    assert networks_row.value == 6809 and cameras_row.value == 83345
    assert networks_row.confidence in ("high", "medium") and networks_row.link.startswith("https://")
    real = audit_log.real_log(facts)
    assert networks_row.value > real.median_networks, "one national search reaches more than the county's typical one"
