"""Notebook 01's logic, states, figures and widgets: states are built without any ipywidgets object."""

from __future__ import annotations

import pandas as pd
import pytest

from platetrails import cards, charts, hotlist, maps, style, tables, widgets
from platetrails import facts as facts_module
from platetrails.states import alerts, reading


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


def test_read_card_state_and_card(town_data) -> None:
    state = reading.compute_read_card(town_data, 5)
    row = town_data.reads.iloc[5]
    assert state.read_id == row.read_id and state.reads_of_plate == (town_data.reads.plate == row.plate).sum()
    texts = " ".join(t.get_text() for t in cards.draw_read_card(state).axes[0].texts)
    assert state.plate in texts and "photo" in texts
    assert "was read" in reading.describe_read_card(state)


def test_read_card_button_never_repeats_the_same_read(town_data) -> None:
    card = widgets.ReadCard(town_data)
    seen = [card.state.read_id]
    for _ in range(5):
        card.button.click()
        assert card.state.read_id != seen[-1] and card.error is None
        seen.append(card.state.read_id)


def test_camera_day_counts(town_data) -> None:
    index = reading.CameraIndex(town_data)
    state = reading.compute_camera_day(index, "CITY-09", 1)
    assert state.reads == sum(state.per_hour) > 0 and state.day_label == "Tue 04 Nov"
    repo = reading.compute_camera_day(index, "REPO-1", 1)
    assert sum(repo.per_hour[8:18]) == 0  # the repossession cars work at night
    fig = charts.draw_camera_day(repo)
    assert fig.axes[0].get_xlabel() == "hour of the day" and "REPO-1" in fig.axes[0].get_title()
    assert "read no plates" in reading.describe_camera_day(reading.compute_camera_day(index, "NOWHERE", 0))


def test_alert_states(town_data, cars) -> None:
    city = alerts.compute_alert(town_data, "Car A", cars["Car A"], 2, 9, ["city_fixed", "city_patrol"])
    every = alerts.compute_alert(town_data, "Car A", cars["Car A"], 2, 9, list(town_data.cameras.network.unique()))
    assert city.minutes is not None and every.minutes <= city.minutes
    none = alerts.compute_alert(town_data, "Car A", cars["Car A"], 2, 9, [])
    assert "Tick at least one" in none.message and "no alert can fire" in alerts.describe_alert(none)
    assert style.description_of(maps.draw_alert(city)).startswith("Map of the town")
    assert "First read" in alerts.describe_alert(city) and "median" in alerts.describe_alert(city)


def test_hit_rate_uses_sourced_figures(town_data, facts) -> None:
    data = alerts.HotListData(town_data, facts)
    one = alerts.compute_hit_rate(data, 1)
    real = {fid: value for fid, _label, value in one.real}
    assert real["md_hit_share"] == facts.figure("md_hit_share").value
    ten = alerts.compute_hit_rate(data, 10)
    assert ten.rate > 1 and len(ten.listed) == 10
    assert ten.hits == pytest.approx(hotlist.hit_rate(town_data.reads, list(ten.listed)) * len(town_data.reads) / 100)
    zero = alerts.compute_hit_rate(data, 0)
    assert zero.hits == 0 and "0 of the town's cars" in alerts.describe_hit_rate(zero)
    assert len(charts.draw_hit_rate(one).axes[0].patches) == 1 + len(alerts.REAL_RATES)


@pytest.mark.parametrize(
    "typed, words", [("", "The box is empty"), ("??", "does not look like a plate"), ("ACDE", "confuses")]
)
def test_misread_plain_messages(town_data, typed: str, words: str) -> None:
    state = alerts.compute_misread(town_data, typed, 2.0)
    assert words in state.message and state.plate is None and alerts.describe_misread(state) == ""
    assert style.description_of(cards.draw_misread(state)) == "No plate to show."


def test_misread_cost_grows_with_the_rate(town_data, cars) -> None:
    low = alerts.compute_misread(town_data, cars["Car C"], 1.0).false_alerts
    high = alerts.compute_misread(town_data, cars["Car C"], 4.0).false_alerts
    assert low > 0 and high == pytest.approx(4 * low)
    assert alerts.compute_misread(town_data, cars["Car C"], 0.0).false_alerts == 0


def test_notebook01_widgets_read_their_controls(town_data, cars, facts) -> None:
    finder = widgets.AlertFinder(town_data, cars)
    for box in finder.boxes.values():
        box.value = False
    assert "Tick at least one" in finder.message.value and finder.error is None
    rate = widgets.HitRate(town_data, facts)
    rate.size.value = 10
    assert len(rate.state.listed) == 10
    misread = widgets.MisreadCost(town_data, cars["Car C"])
    misread.rate.value = 4.0
    assert misread.state.rate_percent == 4.0 and "4.0%" in misread.summary.value
    day = widgets.CameraDay(town_data)
    day.camera.value = "COUNTY-01"
    assert day.state.camera_id == "COUNTY-01" and day.error is None


def test_static_figures_have_titles_labels_and_descriptions(town_data, facts) -> None:
    scans = charts.scans_chart(hotlist.scans_by_neighbourhood(town_data))
    for fig in (scans, charts.retention_chart(facts)):
        ax = fig.axes[0]
        assert ax.get_title() and ax.get_xlabel() and style.description_of(fig)
    retention = charts.retention_chart(facts)
    notes = [t.get_text() for t in retention.axes[0].texts]
    unread = facts.state_laws[facts_module.limit_not_read(facts.state_laws)].state
    assert len(unread) and notes.count("time limit not read") == len(unread)  # Maryland: its limit was not read
    assert not any(state in style.description_of(retention).split(";")[1] for state in unread)  # not "no limit"
    html = tables.facts_table(facts, ["md_hit_share", "eff_pooled_hit_rate"]).data
    assert html.count("<a href='http") == 2 and "0.2%" in html
    assert "text-decoration:underline" in html
    assert tables.timeline_table(facts).data.count("<tr>") == len(facts.timeline) + 1
    cases = tables.cases_table(facts).data
    assert "United States v. Jones" in cases and cases.count("<a href=") == len(facts.court_cases)


# --- The investigator's case and the misread at a state's volume (issue #18, build step 5) ---------


def case_data(town_data, facts):
    from platetrails.states import casework

    return casework.CaseData(town_data, facts)


def test_a_search_of_past_reads_keeps_only_what_each_rule_still_holds(town_data, facts, cars) -> None:
    from platetrails.states import casework

    data = case_data(town_data, facts)
    reads = town_data.reads
    for label, plate in cars.items():
        mine = reads[(reads.plate == plate) & reads.network.isin(data.networks)]
        week = mine[(mine.timestamp < data.listed) & (mine.timestamp >= data.listed - pd.Timedelta(days=7))]
        for delay, days in casework.DELAYS.items():
            state = casework.compute_case(data, label, plate, delay)
            assert state.sightings == len(week) and state.places == len(set(zip(week.x, week.y)))
            search = data.listed + pd.Timedelta(days=days)
            by_rule = {r.rule: r.kept for r in state.rules}
            for rule in casework.RULES:
                limit = casework.RETENTION_OPTIONS[rule]
                assert by_rule[rule] == int(((search - week.timestamp) <= pd.Timedelta(days=limit)).sum())
            assert by_rule["3 minutes unless a hit"] == 0  # reads before the listing were not hits
            kept = [r.kept for r in state.rules]
            assert kept == sorted(kept), "a longer limit never keeps less"
            first = hotlist.first_sighting(town_data, plate, data.listed, data.networks)
            assert state.live_minutes == first.minutes  # the live alert does not depend on the rule or the delay
    a = casework.compute_case(data, "Car A", cars["Car A"], "1 year later")
    assert a.found_under() == ("5 years",) and a.sightings > 0


def test_the_case_sentence_leads_with_the_alert_and_the_rules_and_speaks_in_the_singular(
    town_data, facts, cars
) -> None:
    from platetrails.states import casework
    from tests.test_plurals import plural_after_one

    data = case_data(town_data, facts)
    state = casework.compute_case(data, "Car A", cars["Car A"], "1 month later")
    head = casework.describe_case(state).split("\n\n")[0]
    assert "under every rule" in head and "1 month later" in head and "1 year or 5 years" in head
    assert "about 1 year old" in casework.describe_case(state)  # the Kansas City fact, read from data/facts
    found = []
    for label, plate in cars.items():
        for delay in casework.DELAYS:
            found += plural_after_one(casework.describe_case(casework.compute_case(data, label, plate, delay)))
    assert found == []


def test_the_case_picture_has_readable_text_inside_it(town_data, facts, cars) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from platetrails.charts import draw_case
    from platetrails.states import casework

    state = casework.compute_case(case_data(town_data, facts), "Car B", cars["Car B"], "1 month later")
    fig = draw_case(state)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    box = fig.bbox.padded(2)
    from tests.test_structure import drawn_texts  # the texts matplotlib draws (not ticks outside the axes)

    for t in drawn_texts(fig):
        extent = t.get_window_extent(renderer)
        assert box.contains(*extent.min) and box.contains(*extent.max), t.get_text()
        assert style.pixels(t.get_fontsize(), fig.dpi) >= style.MIN_PX, t.get_text()
    assert fig.get_figwidth() * fig.dpi <= style.WIDTH_PX + 1
    assert f"of {state.sightings} sightings" in style.description_of(fig)


def test_the_case_widget_answers_its_controls(town_data, facts, cars) -> None:
    import dataclasses

    case = widgets.alerts.CaseSearch(town_data, cars, facts)
    assert case.error is None and case.state.delay == "the same day"
    case.delay.value = "1 year later"
    assert case.error is None and case.state.found_under() == ("5 years",)
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.state.message = "changed"


def test_misreads_at_a_state_volume_use_marylands_sourced_reads_and_hit_share(town_data, facts, cars) -> None:
    from platetrails.states import misread_scale

    assert "January to May 2012" in facts.figure("md_hit_share").what
    assert "same period" in facts.figure("md_reads").what
    data = misread_scale.MisreadData(town_data, facts)
    assert data.state_days == 152  # January to May in the leap year 2012
    state = misread_scale.compute_misread_at_scale(data, cars["Car C"], 1.0)
    expected = float(facts.figure("md_reads").value) / 152 * 0.01 * float(facts.figure("md_hit_share").value) / 100
    assert state.wrong_car_per_day == pytest.approx(expected)
    assert hotlist.false_alerts_at_volume(1000, 0.02, 0.5) == pytest.approx(10.0)
    # the one town car is as before; the state's volume is what makes it matter
    base = alerts.compute_misread(town_data, cars["Car C"], 1.0)
    assert state.false_alerts == base.false_alerts and state.false_alerts < 1 < state.wrong_car_per_day
    text = misread_scale.describe_misread_at_scale(state)
    assert text.startswith("At Maryland's volume, a 1.0% misread rate would mean about 4 alerts a day")
    assert "rough what-if" in text and "29,000,000" in text and "191,000" in text
    zero = misread_scale.describe_misread_at_scale(misread_scale.compute_misread_at_scale(data, "8KXT2I8", 0.0))
    assert zero.startswith("With no misreads, no innocent car is flagged")
    widget = widgets.MisreadCost(town_data, cars["Car C"], facts)
    widget.plate_box.value = "??"
    assert widget.error is None and "look like a plate" in widget.state.message and widget.sentence == ""


def test_the_hot_list_holds_only_real_cars_never_a_road_sign_or_a_misread(town_data, answer_key) -> None:
    """A road sign read often at a fixed camera ("DETOUR") once reached the hot list and a policy case (issue #19)."""
    from platetrails import traffic
    from platetrails.policy import load_cases

    signs = set(traffic.SIGN_WORDS) & set(town_data.reads.plate)
    assert signs, "the class data has road signs read as plates, so this test can fail"
    real = set(answer_key.vehicles.plate)
    pool = hotlist.regular_plates(town_data.reads)
    assert set(pool) <= real and not signs & set(pool)
    listed = load_cases().query("kind == 'hot_list'").plate
    assert set(listed) <= real
