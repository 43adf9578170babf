"""The realism dial's levels thin every reader, its lowest level reads cars about as often as Seattle's police
readers did, the shipped table's bands are narrow, and the dial's widget sets the town beside real places."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from platetrails import data, routines, traffic
from platetrails.build import realism
from platetrails.facts import load_facts
from platetrails.states import scale

SEATTLE = 0.0254  # derived figure seattle_reads_per_vehicle_per_day (checked below)
LOWEST = list(traffic.REALISM_LEVELS)[-1]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return data.read_table("realism.csv")


def test_seattles_rate_is_the_derived_figure() -> None:
    assert float(load_facts().figure("seattle_reads_per_vehicle_per_day").value) == SEATTLE


def test_levels_thin_fixed_cameras_and_camera_cars_alike_and_town_is_unchanged() -> None:
    town = traffic.ReadSettings.at_level("town")
    assert town == traffic.ReadSettings() and town.level == "town"
    for level, share in traffic.REALISM_LEVELS.items():
        settings = traffic.ReadSettings.at_level(level)
        assert settings.sweep_intensity == settings.fixed_intensity == share
        assert settings.level == level
    assert traffic.ReadSettings(sweep_intensity=0.1).level == "custom"  # camera cars alone: not a level


@pytest.mark.slow
@pytest.mark.parametrize("seed", [2018, 3, 11, 29, 57, 101, 500, 4242])
def test_lowest_level_reads_each_car_at_most_twice_as_often_as_seattle(seed: int) -> None:
    """Every reader counted (fixed cameras, camera cars, duplicates, misreads, signs), 28 days, any seed."""
    run = realism.simulate_levels(seed, realism.VEHICLES, 28, [LOWEST])[LOWEST]
    assert run["reads_per_vehicle_day"] <= 2 * SEATTLE, (seed, run["reads_per_vehicle_day"])
    assert run["reads_per_vehicle_day"] >= SEATTLE / 2, (seed, run["reads_per_vehicle_day"])


def test_shipped_lowest_level_is_near_seattle_on_every_draw(table) -> None:
    lowest = table[table.level == LOWEST].drop_duplicates("seed")
    assert len(lowest) == realism.DRAWS
    assert (lowest.reads_per_vehicle_per_day <= 2 * SEATTLE).all()
    assert lowest.reads_per_vehicle_per_day_mean.iloc[0] == pytest.approx(SEATTLE, rel=0.2)
    # Seattle: 14.4% of plates seen on 2 or more days of its week
    assert 0.05 < lowest.share_plates_2_days_mean.iloc[0] < 0.25
    town = table[table.level == "town"].drop_duplicates("seed")
    assert (town.reads_per_vehicle_per_day > 100 * SEATTLE).all()  # "a factor of a hundred or more", every draw


def test_every_band_of_the_shipped_table_is_under_3_points_wide_and_recomputes(table) -> None:
    for (level, days), cell in table.groupby(["level", "days"]):
        assert cell.home_band_high.iloc[0] - cell.home_band_low.iloc[0] < 0.03, (level, days)
        mean, low, high = realism.band(cell.home_within_1_block)
        assert (cell.home_mean.iloc[0], cell.home_band_low.iloc[0], cell.home_band_high.iloc[0]) == pytest.approx(
            (mean, low, high), abs=1e-4
        )
        assert cell.draws.iloc[0] == cell.seed.nunique() == realism.DRAWS
    for level, part in table.drop_duplicates(["level", "seed"]).groupby("level"):
        width = part.share_plates_2_days_band_high.iloc[0] - part.share_plates_2_days_band_low.iloc[0]
        assert 0 < width < 0.03, level


def test_how_long_is_stated_only_when_every_draw_gets_there(table) -> None:
    for level, part in table.drop_duplicates(["level", "seed"]).groupby("level"):
        reach = part.days_to_reach_town_28_day_share
        stated = part.days_to_reach_every_draw.iloc[0]
        if reach.str.isdigit().all():
            days = reach.astype(int)
            assert stated.startswith(f"{days.min()} to {days.max()} days"), level
        else:
            assert stated == "not reached in a year", level
    assert table[table.level == LOWEST].days_to_reach_every_draw.iloc[0] == "not reached in a year"


def test_band_and_t_quantile_on_known_numbers() -> None:
    assert realism.t_quantile(0.975, 47) == pytest.approx(2.0117, abs=1e-3)
    assert realism.t_quantile(0.975, 9) == pytest.approx(2.2622, abs=2e-3)
    mean, low, high = realism.band([0.1, 0.2, 0.3, 0.4])
    half = 3.1824 * np.std([0.1, 0.2, 0.3, 0.4], ddof=1) / 2
    assert mean == pytest.approx(0.25) and high - mean == pytest.approx(half, rel=0.01) and low < mean
    assert realism.band([0.5]) == (0.5, 0.5, 0.5)
    assert realism.reach_words(["28", "21", "35"]) == "21 to 35 days (median 28)"
    assert realism.reach_words(["28", "not reached"]) == "not reached in a year"


def test_weekly_two_day_share_on_a_hand_made_log() -> None:
    start = pd.Timestamp(routines.START_DATE)
    stamp = [start + pd.Timedelta(days=d, hours=9) for d in (0, 0, 1, 2, 8, 9, 8, 15)]
    reads = pd.DataFrame({"plate": ["A", "A", "A", "B", "A", "A", "C", "D"], "timestamp": stamp})
    reads["timestamp"] = reads.timestamp.astype("datetime64[s]")
    # week 0: A on 2 days, B on 1; week 1: A on 2 days, C on 1; day 15 (week 2) is past the 14 whole days
    assert realism.weekly_two_day_share(reads, 14) == pytest.approx(2 / 4)


def test_the_dial_sets_the_town_beside_real_places_with_sources(table) -> None:
    state = scale.compute_realism(table, LOWEST, 365)
    places = state.places
    assert list(places.rate) == sorted(places.rate, reverse=True)
    real = places[places.kind == "real"].set_index("label")
    assert set(real.index) == {"Seattle police", "Richmond police", "Newport News police"}
    assert real.loc["Seattle police", "rate"] == SEATTLE
    assert real.loc["Seattle police", "share"] == pytest.approx(0.144)
    assert math.isnan(real.loc["Richmond police", "share"])
    assert real.source.str.contains("vehicles: U.S. Census Bureau").sum() == 2
    assert real.loc["Seattle police", "source"].count("University of Washington") == 1
    town = places[places.level == "town"].iloc[0]
    assert town.rate > 100 * SEATTLE and town.rate_low < town.rate < town.rate_high
    shown = scale.places_table(state)
    assert len(shown) == len(traffic.REALISM_LEVELS) + 3 and shown.iloc[0, 0] == "town's density"


def test_the_dial_sentence_names_the_level_and_seattle(table) -> None:
    low = scale.describe_realism(scale.compute_realism(table, LOWEST, 28))
    assert "about as often as Seattle's police readers" in low
    assert "within a year, some of the 48 simulated towns never get there" in low
    town = scale.describe_realism(scale.compute_realism(table, "town", 28))
    assert "times as often as Seattle's police readers" in town and "To match" not in town
    with pytest.raises(ValueError):
        scale.compute_realism(table, LOWEST, 5)


def test_the_widget_reads_its_controls(table) -> None:
    from platetrails.widgets.scale import RealismDial

    dial = RealismDial(table)
    dial.level.value, dial.days.value = "one tenth", 91
    state = dial.state
    assert (state.level, state.days) == ("one tenth", 91)
    assert dial.level.description == "All readers:"
