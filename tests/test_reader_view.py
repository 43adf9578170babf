"""Notebook 01's logic and widgets, driven headless."""

from __future__ import annotations

import pandas as pd
import pytest

from platetrails import facts as facts_module
from platetrails import hotlist, reader_view, style


@pytest.fixture(scope="module")
def facts():
    return facts_module.load_facts()


@pytest.fixture(scope="module")
def cars(answer_key):
    v = answer_key.vehicles
    return dict(zip(v[v.case_label != ""].case_label, v[v.case_label != ""].plate))


def test_hot_list_is_reproducible_and_made_of_real_cars(town_data, answer_key) -> None:
    a = hotlist.hot_list(town_data.reads, 5)
    assert a == hotlist.hot_list(town_data.reads, 5) and len(set(a)) == 5
    assert set(a) <= set(answer_key.vehicles.plate)
    assert hotlist.hot_list(town_data.reads, 3) == a[:3]
    assert hotlist.hot_list(town_data.reads, 0) == []


def test_hit_rate_grows_with_the_list(town_data) -> None:
    rates = [hotlist.hit_rate(town_data.reads, hotlist.hot_list(town_data.reads, n)) for n in (0, 1, 5, 10)]
    assert rates[0] == 0 and rates == sorted(rates) and rates[-1] > rates[1] > 0
    assert hotlist.hit_rate(town_data.reads.iloc[:0], ["X"]) == 0.0


def test_first_sighting_is_the_earliest_read_after_the_alert(town_data, cars) -> None:
    start = town_data.start + pd.Timedelta(days=2, hours=9)
    alert = hotlist.first_sighting(town_data, cars["Car B"], start, ["city_fixed", "city_patrol"])
    reads = town_data.reads
    after = reads[(reads.plate == cars["Car B"]) & (reads.timestamp >= start)]
    after = after[after.network.isin(["city_fixed", "city_patrol"])]
    assert alert.first.read_id == after.iloc[0].read_id
    assert alert.minutes == pytest.approx((after.iloc[0].timestamp - start).total_seconds() / 60)
    assert hotlist.first_sighting(town_data, cars["Car B"], start, []).first is None


def test_look_alikes_and_expected_false_alerts() -> None:
    assert hotlist.look_alikes("8AB5") == ["BAB5", "8A85", "8ABS"]
    assert hotlist.look_alikes("ACDE") == []
    assert hotlist.expected_false_alerts(100, "8AB5", "BAB5", 0.03) == pytest.approx(1.0)
    assert hotlist.expected_false_alerts(100, "8AB5", "XXXX", 0.03) == 0


def test_scans_by_neighbourhood_adds_up(town_data) -> None:
    per = hotlist.scans_by_neighbourhood(town_data)
    hoods = town_data.neighbourhoods.set_index("neighbourhood")
    corners = (hoods.x_max - hoods.x_min + 1) * (hoods.y_max - hoods.y_min + 1)
    in_town = per.mul(corners, axis=0).sum().sum() * town_data.days
    outside = sum(1 for x in town_data.reads.x if x < 0 or x > 15)
    assert in_town == pytest.approx(len(town_data.reads) - outside)


def test_read_card_shows_the_read(town_data) -> None:
    card = reader_view.ReadCard(town_data)
    first = card.state.read_id
    card.button.click()
    assert card.state.read_id != first and card.error is None
    texts = " ".join(t.get_text() for t in card.figure.axes[0].texts)
    assert card.state.plate in texts and "photo" in texts
    assert "was read" in card.summary.value


def test_camera_day_counts(town_data) -> None:
    day = reader_view.CameraDay(town_data)
    assert day.state.reads == day.state.per_hour.sum() > 0
    for cam in ["COUNTY-01", "REPO-1", "PATROL-2"]:
        day.camera.value = cam
        assert day.error is None and day.state.camera_id == cam
    day.camera.value = "REPO-1"
    assert day.state.per_hour[8:18].sum() == 0  # the repossession cars work at night
    assert day.figure.axes[0].get_xlabel() == "hour of the day"


def test_alert_finder_controls(town_data, cars) -> None:
    finder = reader_view.AlertFinder(town_data, cars)
    assert finder.error is None
    city_only = finder.state.minutes
    for box in finder.boxes.values():
        box.value = True
    assert finder.state.minutes is None or city_only is None or finder.state.minutes <= city_only
    for box in finder.boxes.values():
        box.value = False
    assert "Tick at least one" in finder.message.value and "no alert can fire" in finder.summary.value
    finder.boxes["city_fixed"].value = True
    for plate in cars.values():
        finder.car.value = plate
        for hour in (0, 12, 23):
            finder.hour.value = hour
            assert finder.error is None
    assert style.description_of(finder.figure).startswith("Map of the town")


def test_hit_rate_widget_uses_sourced_figures(town_data, facts) -> None:
    widget = reader_view.HitRate(town_data, facts)
    real = {label: value for label, value, _row in widget.state["real"]}
    assert real["Maryland, Jan.-May 2012"] == facts.figure("md_hit_share").value
    widget.size.value = 10
    assert widget.state["rate"] > 1 and len(widget.state["listed"]) == 10
    widget.size.value = 0
    assert widget.state["hits"] == 0 and "0 of the town's cars" in widget.summary.value
    bars = widget.figure.axes[0].patches
    assert len(bars) == 1 + len(reader_view.REAL_RATES)


@pytest.mark.parametrize(
    "typed, words", [("", "The box is empty"), ("??", "does not look like a plate"), ("ACDE", "confuses")]
)
def test_misread_cost_plain_messages(town_data, cars, typed: str, words: str) -> None:
    widget = reader_view.MisreadCost(town_data, cars["Car C"])
    assert widget.state["false_alerts"] > 0
    widget.plate_box.value = typed
    assert words in widget.message.value and widget.error is None and widget.state is None


def test_misread_cost_grows_with_the_rate(town_data, cars) -> None:
    widget = reader_view.MisreadCost(town_data, cars["Car C"])
    widget.rate.value = 1.0
    low = widget.state["false_alerts"]
    widget.rate.value = 4.0
    assert widget.state["false_alerts"] == pytest.approx(4 * low)
    widget.rate.value = 0.0
    assert widget.state["false_alerts"] == 0


def test_static_figures_have_titles_labels_and_descriptions(town_data, facts) -> None:
    for fig in (reader_view.scans_chart(town_data), reader_view.retention_chart(facts)):
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and style.description_of(fig)
    html = reader_view.facts_table(facts, ["md_hit_share", "eff_pooled_hit_rate"]).data
    assert html.count("<a href='http") == 2 and "0.2 percent" in html
    assert reader_view.timeline_table(facts).data.count("<tr>") == len(facts.timeline) + 1
    cases = reader_view.cases_table(facts).data
    assert "United States v. Jones" in cases and cases.count("<a href=") == len(facts.court_cases)
