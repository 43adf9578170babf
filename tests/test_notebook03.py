"""Notebook 03 ("Public anyway?"): the records command, the watcher against the networks, the directory join,
the camera-density line, the unicity figures the notebook quotes, and the court-case sentences."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from platetrails import answer_key as truth
from platetrails import (
    case_residents,
    coverage,
    data,
    facts,
    memory,
    mosaic,
    naming,
    networks,
    privacy_charts,
    routines,
    scoring,
    style,
    traffic,
    widgets,
)
from platetrails.build import directory_and_sites
from platetrails.states import coverage as coverage_states
from platetrails.states import memory as memory_states
from platetrails.states import naming as naming_states
from platetrails.states import unicity as unicity_states
from platetrails.states.unicity import PublicData

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cars(answer_key) -> dict[str, str]:
    return truth.case_plates(answer_key)


@pytest.fixture(scope="module")
def loaded_facts():
    return facts.load_facts()


@pytest.fixture(scope="module")
def directory() -> pd.DataFrame:
    return data.read_table("town/directory.csv")


@pytest.fixture(scope="module")
def case_trips() -> pd.DataFrame:
    return truth.load_candidate_trips()


# --- The records command ------------------------------------------------------------------------


def test_the_records_command_writes_the_checked_in_files_byte_for_byte(tmp_path: Path) -> None:
    directory_and_sites.main(["--out", str(tmp_path / "a")])
    directory_and_sites.main(["--out", str(tmp_path / "b")])
    for name in directory_and_sites.build():
        first, second = (tmp_path / "a" / name).read_bytes(), (tmp_path / "b" / name).read_bytes()
        assert first == second, name
        assert first == (data.DATA_DIR / name).read_bytes(), (
            f"{name} is stale: run python -m platetrails.build.directory_and_sites"
        )
        assert len(first) < 100_000, name  # small files


def test_the_replayed_routes_are_the_ones_the_traffic_model_drove(answer_key) -> None:
    residents, trips, draw = directory_and_sites.replay(2018, 200, 28)
    assert list(residents.table.plate) == list(answer_key.vehicles.plate)
    assert len(trips) == len(answer_key.trips)

    class SameDraw:
        def random(self, n):
            return draw

    real = traffic.fixed_camera_passes(trips, routines.Locations.build(), SameDraw())
    cams = [(c[2], c[3]) for c in networks.fixed_cameras()]
    mine = sorted((t, c) for t, found in enumerate(directory_and_sites.passes_at(trips, draw, cams)) for c in found)
    assert mine == sorted(zip(real.trip.tolist(), real.camera.tolist()))


def test_a_hand_built_trip_passes_the_sites_on_its_route() -> None:
    loc = routines.Locations.build()
    trips = pd.DataFrame({"origin": [loc.index_of_corner(1, 1)] * 2, "dest": [loc.index_of_corner(4, 3)] * 2})
    sites = [(3, 1), (1, 2), (4, 2), (2, 3), (9, 9)]
    # east-west first: along y=1 from x=1 to 4, then north along x=4; north-south first: along x=1, then east on y=3
    assert directory_and_sites.passes_at(trips, np.array([0.1, 0.9]), sites) == [[0, 2], [1, 3]]


def test_the_directory_is_made_up_holds_no_plate_and_never_reaches_the_reads(directory, answer_key) -> None:
    reads_text = (data.DATA_DIR / "reads.csv").read_text()
    for name in directory.name:
        assert name not in reads_text
        for part in name.split():
            assert not re.search(rf"\b{re.escape(part)}\b", reads_text, re.IGNORECASE), part
    assert set(directory.columns) == set(data.SCHEMAS["town/directory.csv"])
    assert not directory.apply(lambda col: col.astype(str).isin(answer_key.vehicles.plate)).any().any()
    first, last = set(directory_and_sites.FIRST_NAMES), set(directory_and_sites.LAST_NAMES)
    case_names = {c.name for c in case_residents.CASE_RESIDENTS}
    for name in set(directory.name) - case_names:
        given, family = name.split(" ", 1)
        assert given in first and family in last, name
    assert directory.name.is_unique
    assert len(directory) == 200 + directory_and_sites.EXTRA_HOUSEHOLDS


def test_every_car_owner_is_listed_at_the_true_home(directory, answer_key) -> None:
    cases = answer_key.vehicles[answer_key.vehicles.case_label != ""]
    for row in cases.itertuples():
        listed = directory[directory.name == row.owner_name]
        assert (int(listed.x.item()), int(listed.y.item())) == (row.home_x, row.home_y)


# --- 1. A watcher against the networks -----------------------------------------------------------


@pytest.fixture(scope="module")
def memory_data(town_data, cars, loaded_facts, answer_key):
    return memory_states.MemoryData(town_data, cars, loaded_facts, truth.case_places(answer_key, town_data.places))


def test_the_network_knows_more_with_more_memory_than_one_watcher(memory_data) -> None:
    for car in memory_data.case_plates:
        watcher = memory_states.compute_memory(memory_data, car, memory_states.WATCHER)
        assert watcher.corners[0] == 1 and watcher.days_seen[0] == 1 and not watcher.view.home_found
        month = memory_states.compute_memory(memory_data, car, "days:28")
        assert month.corners[1] <= month.corners[2] <= month.corners[3]
        assert month.days_seen[1] <= month.days_seen[2] <= month.days_seen[3]
        assert month.corners[3] > 1
        assert "Same car, same streets" in memory_states.describe_memory(month)


def test_home_found_in_03_is_the_scorers_rule_so_car_d_is_not_found(memory_data, answer_key) -> None:
    """One definition of "home found" in every notebook: the guess within one block of the real home (issue #20)."""
    acc = scoring.accuracy(memory_data.analyst, answer_key, 28, networks.names()).set_index("plate")
    found = {}
    for car, plate in memory_data.case_plates.items():
        view = memory_states.compute_memory(memory_data, car, "days:28").view
        assert view.home_found == bool(acc.loc[plate, "home_blocks_off"] <= 1), car
        found[car] = view.home_found
    assert not found["Car D"] and sum(found.values()) >= 4  # Car D's guess is wrong in 02 and 04 too


def test_laws_set_the_memory_and_long_ones_are_scaled(memory_data) -> None:
    maine = memory_states.compute_memory(memory_data, "Car A", "law:Maine")  # 21 days
    assert maine.memory_days == 21 and not maine.beyond and maine.labels[-1] == "Maine"
    places = memory_data.case_places["Car A"]
    assert maine.view == memory.network_view(memory_data.analyst, memory_data.case_plates["Car A"], 21, *places)
    nh = memory_states.compute_memory(memory_data, "Car A", "law:New Hampshire")  # 3 minutes
    assert nh.memory_days == 0 and nh.view.sightings == 0 and "3 minutes" in memory_states.describe_memory(nh)
    vermont = memory_states.compute_memory(memory_data, "Car A", "law:Vermont")  # 18 months
    assert vermont.memory_days == 28 and vermont.beyond and vermont.scaled_days == 365
    assert "Seattle" in memory_states.describe_memory(vermont) and 0 < vermont.scaled_share < 100
    california = memory_states.compute_memory(memory_data, "Car A", "law:California")  # no limit in the law
    assert california.beyond and "no time limit" in california.law_words
    assert memory.retention_in_days(3, "minutes") == pytest.approx(3 / 1440)
    assert memory.memory_days(18 * 30.44, 28) == 28 and memory.memory_days(21, 28) == 21


def test_the_watcher_takes_the_busiest_corner_and_day() -> None:
    class S:
        plates = pd.Index(["1AAA111"])
        rows_of_plate = {0: np.arange(4)}
        x = np.array([1, 1, 2, 1])
        y = np.array([1, 1, 2, 1])
        day = np.array([0, 0, 0, 1])

    class A:
        s = S()
        place_at: dict = {}

        def describe_spot(self, x, y):
            return f"{x},{y}"

    view, place, day = memory.watcher_view(A(), "1AAA111", 28)
    assert (view.sightings, place, day) == (2, "1,1", 0)


# --- 3. From a guessed home to a name -----------------------------------------------------------


def test_the_join_uses_the_guessed_home_and_needs_no_answer_key(tmp_path: Path, cars) -> None:
    shutil.copytree(data.DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("answer_key"))
    town = data.load_town(tmp_path / "data")
    directory = data.read_table("town/directory.csv", tmp_path / "data")
    named = naming_states.NamedData(town, cars, directory)
    analyst = mosaic.Analyst(town)
    for car, plate in cars.items():
        state = naming_states.compute_named(named, car, 28)
        guess = analyst.profile(plate, 28, networks.names()).home
        assert state.home == guess
        assert state.names == naming.names_at(directory, guess)
    # Car A's guess is right and its corner lists four households; Car D's guess (a night-shift worker
    # seen at night on Route 9) is wrong, so the directory gives no name at all.
    a = naming_states.compute_named(named, "Car A", 28)
    assert "Grace Okafor" in a.names and len(a.names) > 1
    assert any(s.place == "Riverside Legal Aid Center" and s.sensitive for s in a.stops)
    assert naming_states.compute_named(named, "Car D", 28).names == ()
    text = naming_states.describe_named(a)
    assert "made up" in text and "never why" in text


def test_names_at_a_hand_built_directory() -> None:
    table = pd.DataFrame({"name": ["Ann", "Bo", "Cy"], "x": [1, 1, 2], "y": [1, 1, 1]})
    assert naming.names_at(table, (1, 1)) == ("Ann", "Bo")
    assert naming.names_at(table, (3, 3)) == ()
    assert naming.names_at(table, None) == ()


# --- 4. The camera-density line -----------------------------------------------------------------


def test_coverage_on_hand_built_trips() -> None:
    trips = pd.DataFrame(
        {
            "depart": pd.to_datetime(["2025-11-03 08:00", "2025-11-03 17:00", "2025-11-04 08:00", "2025-11-05 09:00"]),
            "site_ranks": ["2;5", "", "1", "3"],
        }
    )
    trip_share, day_share = coverage.coverage_curve(trips, 5)
    assert list(trip_share) == [0, 25, 50, 75, 75, 75]
    assert list(np.round(day_share, 1)) == [0, 33.3, 66.7, 100, 100, 100]


def test_coverage_rises_as_cameras_are_added(case_trips, loaded_facts) -> None:
    line = coverage_states.LineData(case_trips, loaded_facts)
    assert line.labels == tuple(f"Car {c}" for c in "ABCDEF")
    sites = line.sites
    assert list(sites["rank"]) == list(range(1, len(sites) + 1)) and sites[["x", "y"]].drop_duplicates().shape[
        0
    ] == len(sites)
    assert tuple(sites.iloc[:2][["x", "y"]].itertuples(index=False, name=None)) == ((0, 5), (15, 5))  # Route 9 ends
    for car in (*line.labels, coverage_states.ALL_SIX):
        trip_share, day_share = line.curves[car]
        assert trip_share[0] == 0 and np.all(np.diff(trip_share) >= 0) and np.all(np.diff(day_share) >= 0)
        assert trip_share[-1] > 85
    # the county commuter crosses the town line every working day: the entry cameras catch most of her trips
    assert line.curves["Car F"][0][2] > 60 > line.curves["Car A"][0][2]
    state = coverage_states.compute_camera_line(line, coverage_states.ALL_SIX, 4, 12)
    assert state.trip_share[4] == pytest.approx(line.curves[coverage_states.ALL_SIX][0][4], abs=0.05)
    text = coverage_states.describe_camera_line(state)
    assert "No court has drawn this line in numbers" in text and "12 cameras" in text
    assert coverage_states.compute_camera_line(line, "nobody", 999, -3).cameras == line.max_cameras


def test_the_candidate_trips_are_the_case_residents_trips(case_trips, answer_key) -> None:
    cases = answer_key.vehicles[answer_key.vehicles.case_label != ""]
    trips = answer_key.trips[answer_key.trips.vehicle_id.isin(cases.vehicle_id)]
    assert len(case_trips) == len(trips)
    assert list(case_trips.depart) == list(trips.depart)


# --- The widgets ------------------------------------------------------------------------------


def test_the_three_widgets_answer_their_controls(town_data, cars, loaded_facts, case_trips, answer_key) -> None:
    corner = widgets.CornerOrNetwork(town_data, cars, loaded_facts, truth.case_places(answer_key, town_data.places))
    corner.memory.value = "days:7"
    corner.car.value = "Car B"
    assert corner.error is None and corner.state.chosen == 2 and corner.state.car == "Car B"
    name = widgets.HomeToName(town_data, cars)
    name.days.value = 7
    assert name.error is None and name.state.days == 7
    line = widgets.CameraLine(case_trips, loaded_facts)
    line.cameras.value = 10
    line.line.value = 5
    assert line.error is None and line.state.cameras == 10 and "5 cameras" in line.sentence
    for widget in (corner, name, line):
        fig = widget.figure
        assert fig.axes[0].get_title() and style.description_of(fig)


def test_the_figures_label_their_axes(memory_data, case_trips, loaded_facts) -> None:
    fig = privacy_charts.draw_memory(memory_states.compute_memory(memory_data, "Car C", "law:Tennessee"))
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["different corners", "different days"] and fig.axes[0].get_ylabel() == "count"
    fig = privacy_charts.draw_camera_line(
        coverage_states.compute_camera_line(coverage_states.LineData(case_trips, loaded_facts), "Car A", 6, 9)
    )
    assert fig.axes[0].get_xlabel().startswith("fixed cameras") and "%" in fig.axes[0].get_ylabel()


# --- 2. The unicity figures the notebook and the report quote -------------------------------------


def test_the_town_curve_rises_with_k_at_both_levels(town_data, cars, loaded_facts) -> None:
    public = PublicData(town_data, cars, loaded_facts)
    for level in ("exact", "coarse"):
        share = public.curves[(level, 28)].town_share
        assert np.all(np.diff(share) >= 0) and share[-1] > share[0]


# --- Facts and court cases ------------------------------------------------------------------------


def test_the_court_cases_the_notebook_names_are_sourced_rows(loaded_facts) -> None:
    cases = loaded_facts.court_cases.set_index("case")
    for name in ("United States v. Knotts", "United States v. Maynard", "United States v. Jones"):
        assert name in cases.index
    assert (
        "Carpenter v. United States" in cases.index
        and "security cameras" in cases.loc["Carpenter v. United States"].holding
    )
    assert "four cameras on two bridges" in cases.loc["Commonwealth v. McCarthy"].holding
    assert (
        loaded_facts.figure("mccarthy_cameras").value == 4
        and "McCarthy" in loaded_facts.figure("mccarthy_cameras").what
    )
    assert "trespass" in cases.loc["United States v. Jones (the reasoning)"].holding
    assert set(cases.confidence) <= {"high", "medium"}


def test_a_car_seen_at_one_point_and_one_short_car_read_in_the_singular(town_data, cars, loaded_facts) -> None:
    state = unicity_states.compute_singled_out(PublicData(town_data, cars, loaded_facts), "exact", "Car A", 1)
    one_point = unicity_states.describe_singled_out(dataclasses.replace(state, points=1))
    assert "was seen at only 1 point," in one_point and "1 different points" not in one_point
    two_points = unicity_states.describe_singled_out(dataclasses.replace(state, points=2))
    assert "was seen at only 2 different points," in two_points
    one_short = unicity_states.describe_singled_out(
        dataclasses.replace(state, car=unicity_states.ALL, short=(*state.short[:-1], 1))
    )
    assert "1 of the" in one_short and "cars was seen at fewer than" in one_short
