"""How few sightings single out one car: hand-built examples with known answers, the class data's curve, the widget."""

from __future__ import annotations

import dataclasses
import itertools
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from platetrails import facts, mosaic, privacy_charts, style, unicity, widgets
from platetrails.answer_key import case_plates
from platetrails.states import unicity as unicity_states

# --- A tiny crowd whose answers are known -------------------------------------------------------
# car 0: points 1 2 3    car 1: points 1 2 4    car 2: points 1 5    car 3: point 6
CROWD = {0: [1, 2, 3], 1: [1, 2, 4], 2: [1, 5], 3: [6]}


def crowd_arrays(crowd: dict[int, list[int]] = CROWD) -> tuple[np.ndarray, np.ndarray]:
    car = np.array([c for c, points in crowd.items() for _ in points])
    point = np.array([p for points in crowd.values() for p in points])
    return car, point


def exact_share(crowd: dict[int, list[int]], car: int, k: int) -> float:
    """The share of all k-point subsets of a car's points that no other car has in full (0 if it has fewer than k)."""
    subsets = list(itertools.combinations(crowd[car], k))
    if not subsets:
        return 0.0
    alone = [s for s in subsets if sum(set(s) <= set(points) for points in crowd.values()) == 1]
    return len(alone) / len(subsets)


def test_matches_are_counted_by_hand() -> None:
    car, point = crowd_arrays()
    assert unicity.count_matches(car, point, [1]) == 3
    assert unicity.count_matches(car, point, [1, 2]) == 2
    assert unicity.count_matches(car, point, [1, 2, 3]) == 1
    assert unicity.count_matches(car, point, [2, 5]) == 0
    assert unicity.count_matches(car, point, [6]) == 1
    assert unicity.count_matches(car, point, [99]) == 0


def test_the_known_shares_are_found() -> None:
    # car 0 at k = 1, 2, 3: only {3} alone; {1,3} and {2,3} but not {1,2}; all three points.
    assert [exact_share(CROWD, 0, k) for k in (1, 2, 3, 4)] == [pytest.approx(1 / 3), pytest.approx(2 / 3), 1.0, 0.0]
    car, point = crowd_arrays()
    cars, points, shares = unicity.singled_out(car, point, k_max=4, draws=3000, seed=1)
    assert cars.tolist() == [0, 1, 2, 3] and points.tolist() == [3, 3, 2, 1]
    for i, c in enumerate(cars):
        for k in range(1, 5):
            assert shares[i, k - 1] == pytest.approx(exact_share(CROWD, c, k), abs=0.04), (c, k)
    # Car 3's only point is its own; with fewer points than k it counts as not singled out.
    assert shares[3].tolist() == [1.0, 0.0, 0.0, 0.0]


def test_draws_are_reproducible_and_each_car_has_its_own() -> None:
    base = {c + 10: points for c, points in CROWD.items()}
    once = unicity.singled_out(*crowd_arrays(base), draws=7, seed=5)[2]
    assert np.array_equal(once, unicity.singled_out(*crowd_arrays(base), draws=7, seed=5)[2])
    # A car that shares no point joins the crowd ahead of the others: their draws and answers stay the same.
    bigger = unicity.singled_out(*crowd_arrays({5: [8, 9], **base}), draws=7, seed=5)[2]
    assert np.array_equal(bigger[1:], once)
    assert not np.array_equal(once, unicity.singled_out(*crowd_arrays(base), draws=7, seed=6)[2])


def tiny_sightings(rows: list[tuple[str, int, int, int, int]]) -> mosaic.Sightings:
    """Sightings from (plate, day, hour, x, y) rows, with the other columns filled in plainly."""
    table = pd.DataFrame(rows, columns=["plate", "day", "hour", "x", "y"])
    codes, plates = pd.factorize(table.plate, sort=True)
    n = len(table)
    return mosaic.Sightings(
        plates=pd.Index(plates),
        plate=codes,
        day=table.day.to_numpy(),
        night=table.day.to_numpy(),
        week=table.day.to_numpy() // 7,
        weekday=table.day.to_numpy() % 7,
        hour=table.hour.to_numpy(),
        minute=table.hour.to_numpy() * 60,
        network=np.zeros(n, dtype=int),
        network_names=["city_fixed"],
        x=table.x.to_numpy(),
        y=table.y.to_numpy(),
        mobile=np.zeros(n, dtype=bool),
        rows_of_plate={},
    )


def test_points_are_place_and_time_bins_and_misreads_are_not_cars() -> None:
    s = tiny_sightings(
        [
            ("1ABC123", 0, 8, 1, 1),  # Riverside, morning of day 0
            ("1ABC123", 0, 8, 1, 1),  # the same point again
            ("1ABC123", 0, 9, 2, 2),  # another corner and hour, same neighbourhood and part of day
            ("1ABC123", 1, 8, 1, 1),  # the same corner and hour on another day: a new point
            ("2DEF456", 0, 8, 1, 1),  # another car at the first point
            ("2DEF456", 0, 20, 12, 9),  # Hillcrest, evening
            ("1ABC12B", 0, 8, 1, 1),  # a misread: B where a digit belongs
            ("STOP", 0, 8, 1, 1),  # a road sign
        ]
    )
    car, point = unicity.points_of(s, "exact")
    kept = set(s.plates[np.unique(car)])
    assert kept == {"1ABC123", "2DEF456"}
    first = s.plates.get_loc("1ABC123")
    assert (car == first).sum() == 3
    other = s.plates.get_loc("2DEF456")
    shared = set(point[car == first]) & set(point[car == other])
    assert len(shared) == 1 and unicity.count_matches(car, point, shared) == 2
    coarse_car, coarse_point = unicity.points_of(s, "coarse")
    assert (coarse_car == first).sum() == 2  # day 0 morning in Riverside, day 1 morning in Riverside
    shared = set(coarse_point[coarse_car == first]) & set(coarse_point[coarse_car != first])
    assert len(shared) == 1  # both cars were in Riverside on the morning of day 0
    assert unicity.points_of(s, "exact", days=1)[0].tolist().count(first) == 2
    with pytest.raises(ValueError):
        unicity.points_of(s, "street")


# --- The class data: shapes that hold whatever the data --------------------------------------


@pytest.fixture(scope="module")
def curves(town_data):
    return unicity.unicity_table(mosaic.Analyst(town_data).s, [7, town_data.days], draws=10)


def test_more_sightings_never_single_out_fewer_cars(town_data, curves) -> None:
    for (_level, _days), curve in curves.items():
        enough = curve.singled[curve.points >= unicity.K_MAX]
        assert np.all(np.diff(enough, axis=1) >= 0)  # within a draw, more points only narrow the match
        share, n = curve.town_share, len(curve.plates)
        for k in curve.ks[:-1]:
            assert share[k] >= share[k - 1] - curve.short_of(k + 1) / n - 1e-12
    full = curves[("exact", town_data.days)]
    assert full.town_share[-1] > full.town_share[0]


def test_coarse_detail_singles_out_fewer_cars_than_exact(town_data, curves) -> None:
    exact, coarse = curves[("exact", town_data.days)], curves[("coarse", town_data.days)]
    assert exact.plates == coarse.plates
    assert np.all(coarse.town_share <= exact.town_share)
    assert coarse.town_share[3] < exact.town_share[3]


def test_the_crowd_is_cars_read_in_those_days(town_data, curves) -> None:
    curve = curves[("exact", 7)]
    assert all(unicity.CAR_PLATE.match(p) for p in curve.plates)
    reads = town_data.reads[town_data.reads.timestamp < town_data.start + pd.Timedelta(days=7)]
    assert set(curve.plates) == {p for p in reads.plate if unicity.CAR_PLATE.match(p)}


# --- The state, the picture, the sentence and the adapter -------------------------------------


@pytest.fixture(scope="module")
def loaded_facts():
    return facts.load_facts()


@pytest.fixture(scope="module")
def data(town_data, answer_key, loaded_facts):
    plates = dict(case_plates(answer_key), **{"Car Z": "9ZZZ999"})
    return unicity_states.PublicData(town_data, plates, loaded_facts, days_options=(1, 7, town_data.days), draws=10)


def test_states_pick_from_the_table_and_carry_the_published_figures(town_data, data, loaded_facts) -> None:
    state = unicity_states.compute_singled_out(data, "exact", unicity_states.ALL, town_data.days)
    assert dataclasses.is_dataclass(state) and type(state).__dataclass_params__.frozen
    curve = data.curves[("exact", town_data.days)]
    assert state.shares == state.town == unicity_states.percents(curve.town_share)
    assert state.ks == (1, 2, 3, 4, 5, 6) and state.cars == len(curve.plates)
    assert state.other == unicity_states.compute_singled_out(data, "coarse", unicity_states.ALL, town_data.days).town
    montjoye, country = state.published
    assert (montjoye.k, montjoye.percent) == (4, loaded_facts.figure("unique_4_points").value)
    assert country.percent == loaded_facts.figure("country_unique_4_points").value
    assert country.people == loaded_facts.figure("country_unique_people").value
    car = unicity_states.compute_singled_out(data, "coarse", "Car A", 7)
    assert car.car == "Car A" and car.points > 0 and car.message == ""
    assert car.shares == tuple(
        round(100 * v, 1) for v in data.curves[("coarse", 7)].car_share(data.case_plates["Car A"])
    )


def test_the_picture_and_the_sentence_come_from_the_state(town_data, data) -> None:
    state = unicity_states.compute_singled_out(data, "exact", "Car B", town_data.days)
    fig = privacy_charts.draw_singled_out(state)
    ax = fig.axes[0]
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("de Montjoye" in t for t in labels) and any("Farzanehfar" in t for t in labels)
    assert any(t.startswith("Car B") for t in labels)
    assert style.description_of(fig).startswith("Line chart")
    text = unicity_states.describe_singled_out(state)
    assert "fewer different points" in text and "Golle and Partridge" in text
    assert f"{state.cars} cars" in text


def test_a_car_not_read_in_those_days_gets_a_plain_message(data) -> None:
    state = unicity_states.compute_singled_out(data, "exact", "Car Z", 1)
    assert state.message and state.points == 0 and set(state.shares) == {0.0}
    assert unicity_states.describe_singled_out(state).startswith(state.message)
    assert unicity_states.compute_singled_out(data, "exact", "nobody", 1).message


def test_the_widget_answers_a_control_change(town_data, answer_key, loaded_facts) -> None:
    widget = widgets.SingledOut(town_data, case_plates(answer_key), loaded_facts)
    assert widget.error is None and widget.state.car == unicity_states.ALL
    widget.level.value = "coarse"
    widget.car.value = "Car C"
    widget.days.value = 7
    assert widget.error is None
    assert (widget.state.level, widget.state.car, widget.state.days) == ("coarse", "Car C", 7)
    assert "Car C" in widget.summary.value and widget.updates == 4


def test_the_state_and_the_chart_need_no_ipywidgets() -> None:
    code = "import platetrails.states.unicity, platetrails.charts, platetrails.unicity, sys; print('ipywidgets' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
