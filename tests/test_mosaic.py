"""The analyst's guesses: made from reads alone, and better with more data."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from platetrails import data, local_format, mosaic, networks, scoring

EVERY = networks.names()


@pytest.fixture(scope="module")
def analyst(town_data) -> mosaic.Analyst:
    return mosaic.Analyst(town_data)


def case_plate(answer_key, label: str) -> str:
    vehicles = answer_key.vehicles
    return vehicles.loc[vehicles.case_label == label, "plate"].item()


def test_home_guesses_improve_with_days_of_data(analyst, answer_key) -> None:
    one = scoring.accuracy(analyst, answer_key, 1, EVERY)
    month = scoring.accuracy(analyst, answer_key, 28, EVERY)
    share_one = (one.home_blocks_off <= 1).mean()
    share_month = (month.home_blocks_off <= 1).mean()
    assert 0.6 < share_month < 0.76, share_month  # the ranges tests/test_scale.py checks on three seeds
    assert share_one < 0.4, share_one
    assert share_month - share_one > 0.25
    work_month = (month[month.has_work].work_blocks_off <= 1).mean()
    work_one = (one[one.has_work].work_blocks_off <= 1).mean()
    assert work_month > 0.3 and work_one < 0.1


def test_more_networks_never_find_fewer_homes_at_a_month(analyst, answer_key) -> None:
    shares = scoring.share_within(analyst, answer_key, [28])
    everything = shares[shares.networks == tuple(EVERY)].home_share.item()
    fixed_only = shares[shares.networks == ("city_fixed",)].home_share.item()
    assert everything > fixed_only + 0.3
    assert len(shares) == 15 and shares.home_share.between(0, 1).all()


def test_analysis_needs_no_answer_key(tmp_path: Path, answer_key) -> None:
    shutil.copytree(data.DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("answer_key"))
    town = data.load_town(tmp_path / "data")
    profile = mosaic.Analyst(town).profile(case_plate(answer_key, "Car A"), 28, EVERY)
    assert profile.home is not None and profile.sightings > 50


def test_case_a_routine_and_sensitive_visits(analyst, answer_key) -> None:
    p = analyst.profile(case_plate(answer_key, "Car A"), 28, EVERY)
    truth = answer_key.vehicles.set_index("case_label").loc["Car A"]
    assert abs(p.home[0] - truth.home_x) + abs(p.home[1] - truth.home_y) <= 1
    assert p.home_nights >= 5 and p.home_nights <= p.nights_seen
    assert any(
        r.place == "Riverside Legal Aid Center" and local_format.weekday_name(r.weekday) == "Tuesday"
        for r in p.routines
    )
    assert any(v.sensitive == "legal help" for v in p.sensitive)
    assert all(r.weeks >= 2 and r.weeks <= r.of_weeks for r in p.routines)


def test_fewer_days_means_fewer_sightings(analyst, answer_key) -> None:
    plate = case_plate(answer_key, "Car B")
    counts = [analyst.profile(plate, d, EVERY).sightings for d in (1, 7, 28)]
    assert counts[0] < counts[1] < counts[2]
    only_fixed = analyst.profile(plate, 28, ["city_fixed"])
    assert 0 < only_fixed.sightings < counts[2]
    assert set(analyst.s.network[only_fixed.rows]) == {EVERY.index("city_fixed")}


def test_unknown_plate_and_no_networks_give_empty_profiles(analyst) -> None:
    assert analyst.profile("0000000", 28, EVERY).sightings == 0
    empty = analyst.profile(analyst.s.plates[0], 28, [])
    assert empty.sightings == 0 and empty.home is None and empty.routines == []


def test_duplicate_reads_are_merged(analyst, town_data, answer_key) -> None:
    s = analyst.s
    dups = (answer_key.read_truth.kind == "duplicate").sum()
    assert len(town_data.reads) - dups <= len(s.plate) < len(town_data.reads)


def test_best_corner_counts_distinct_nights_and_breaks_ties_by_corner() -> None:
    plate = np.array([0, 0, 0, 0, 1, 1])
    x = np.array([2, 2, 2, 5, 7, 3])
    y = np.array([3, 3, 3, 5, 1, 1])
    night = np.array([0, 0, 1, 2, 4, 4])  # plate 0 seen at (2,3) on two nights, at (5,5) on one
    bx, by, score = mosaic._best_corner(plate, x, y, night, 3)
    assert (bx[0], by[0], score[0]) == (2, 3, 2)
    assert (bx[1], by[1], score[1]) == (3, 1, 1)  # a tie: the western corner wins, whatever the row order
    assert score[2] == 0 and bx[2] == -999


def test_cars_never_seen_at_night_get_an_evening_guess_with_its_evidence(analyst, answer_key) -> None:
    p = analyst.profile(case_plate(answer_key, "Car F"), 28, EVERY)
    assert p.nights_seen == 0 and p.home_from_evenings
    assert p.home is not None and p.home_nights >= 5


def test_work_is_scored_over_workers_and_over_all_cars_and_false_guesses_are_counted(analyst, answer_key) -> None:
    shares = scoring.share_within(analyst, answer_key, [28])
    every = shares[shares.networks == tuple(EVERY)].iloc[0]
    workers = answer_key.vehicles.work_place_id.ne("").mean()
    assert every.work_share_all == pytest.approx(every.work_share * workers)
    assert 0 < every.false_work < (answer_key.vehicles.work_place_id == "").sum()


def test_drive_by_home_guesses_are_flagged(analyst) -> None:
    guesses = analyst.guesses(28, EVERY)
    found = guesses.home_x > -999
    assert guesses.home_parked[found].any() and not guesses.home_parked[found].all()
