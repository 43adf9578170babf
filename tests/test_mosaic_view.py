"""MosaicExplorer driven headless: set its controls, read its state, figure and sentences."""

from __future__ import annotations

import itertools

import pytest

from platetrails import mosaic, mosaic_view, style
from platetrails.widgets import NetworkTour


@pytest.fixture()
def explorer(town_data, answer_key) -> mosaic_view.MosaicExplorer:
    return mosaic_view.MosaicExplorer(town_data, answer_key)


def points_drawn(widget) -> int:
    return sum(len(c.get_offsets()) for ax in widget.figure.axes for c in ax.collections)


def test_starts_on_car_a_with_a_figure_and_a_sentence(explorer) -> None:
    assert explorer.error is None and explorer.figure is not None
    assert explorer.state.label == "Car A" and explorer.state.days == 7
    assert "an analyst would believe" in explorer.summary.value
    assert style.description_of(explorer.figure).startswith("Map of")
    assert explorer.figure.axes[0].get_title() == "Car A: 7 day(s) of sightings"


def test_days_slider_changes_state_and_figure(explorer) -> None:
    before = points_drawn(explorer), explorer.state.profile.sightings
    explorer.days.value = 28
    assert explorer.state.days == 28 and explorer.state.profile.sightings > before[1]
    assert explorer.figure.axes[0].get_title().startswith("Car A: 28 day")
    explorer.days.value = 1
    assert explorer.state.profile.sightings < before[1]
    assert explorer.updates == 3


def test_every_combination_of_controls_computes_a_sentence(explorer) -> None:
    explorer.live = False
    cars = [value for _, value in explorer.car.options if value != mosaic_view.TYPED]
    explorer.plate_box.value = explorer.case_plates["Car C"]
    cars.append(mosaic_view.TYPED)
    subsets = [c for r in range(5) for c in itertools.combinations(mosaic.NETWORKS, r)]
    for car, days, nets, colour, reveal in itertools.product(
        cars, [1, 2, 7, 28], subsets, ["time", "network"], [False, True]
    ):
        explorer.car.value = car
        explorer.days.value = days
        for net, box in explorer.network_boxes.items():
            box.value = net in nets
        explorer.colour.value = colour
        explorer.reveal.value = reveal
        state = explorer.compute()
        text = explorer.describe(state)
        assert state.plate and state.networks == list(nets)
        assert text and "Traceback" not in text
        if not nets:
            assert "Tick at least one" in state.message
        if reveal and nets:
            assert "truth" in text


def test_every_car_and_network_subset_draws(explorer) -> None:
    explorer.days.value = 28
    cars = [value for _, value in explorer.car.options if value != mosaic_view.TYPED]
    subsets = [c for r in range(5) for c in itertools.combinations(mosaic.NETWORKS, r)]
    for car in cars:
        explorer.car.value = car
        for nets in subsets:
            for net, box in explorer.network_boxes.items():
                box.value = net in nets
            assert explorer.error is None, explorer.error
            assert style.description_of(explorer.figure)
        explorer.colour.value = "network" if explorer.colour.value == "time" else "time"
    explorer.reveal.value = True
    assert explorer.error is None


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("", "The box is empty"),
        ("   ", "The box is empty"),
        ("hello, world!", "does not look like a plate"),
        ("ÄÖÜ123", "does not look like a plate"),
        ("1234567890123", "does not look like a plate"),
        ("0AAA000", "No camera read the plate 0AAA000"),
    ],
)
def test_bad_typed_plates_get_a_plain_message(explorer, typed: str, expected: str) -> None:
    explorer.car.value = mosaic_view.TYPED
    explorer.plate_box.value = typed
    assert expected in explorer.message.value
    assert explorer.error is None and explorer.state.profile is None
    assert explorer.figure.axes[0].get_title() == "No car chosen"


def test_lower_case_padded_plate_is_understood(explorer, answer_key) -> None:
    plate = explorer.case_plates["Car E"]
    messy = f"  {plate[:3].lower()} - {plate[3:].lower()} "
    explorer.car.value = mosaic_view.TYPED
    explorer.plate_box.value = messy
    assert explorer.state.plate == plate and explorer.message.value == ""
    assert explorer.state.profile.sightings > 0


def test_reveal_reports_right_or_wrong(explorer) -> None:
    explorer.days.value = 28
    explorer.reveal.value = True
    truth = explorer.state.truth
    assert truth.known and truth.home_off is not None
    assert ("right" in explorer.summary.value) == (truth.home_off <= 1)
    labels = [t.get_text() for t in explorer.figure.axes[0].texts]
    assert "true home" in labels and "true work" in labels


def test_a_misread_plate_is_unknown_to_the_answer_key(explorer, answer_key) -> None:
    truth = answer_key.read_truth
    misread = truth[truth.misread].merge(explorer.town.reads, on="read_id").plate
    unknown = next(p for p in misread if p not in set(answer_key.vehicles.plate))
    explorer.car.value = mosaic_view.TYPED
    explorer.plate_box.value = unknown
    explorer.reveal.value = True
    assert "probably a misread" in explorer.summary.value


def test_random_button_picks_a_car(explorer) -> None:
    explorer.new_random.click()
    first = explorer.state.plate
    assert explorer.car.value == mosaic_view.RANDOM and first in set(explorer.key.vehicles.plate)
    plates = {first}
    for _ in range(5):
        explorer.new_random.click()
        plates.add(explorer.state.plate)
    assert len(plates) > 1


def test_class_picture_has_every_combination(town_data, answer_key) -> None:
    shares = mosaic.share_within(mosaic.Analyst(town_data), answer_key, [1, 7, 28])
    fig = mosaic_view.class_picture(shares, "home")
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    assert len(lines) == 15
    assert all(ax.get_xlabel() == "days of data" for ax in fig.axes)
    assert "% of cars" in fig.axes[0].get_ylabel()
    assert "after 28 days" in style.description_of(fig)
    work = mosaic_view.class_picture(shares, "work")
    assert "work" in work.get_suptitle()


def test_network_tour_counts_reads(town_data) -> None:
    tour = NetworkTour(town_data)
    everything = tour.state.reads_per_day
    tour.boxes["city_fixed"].value = False
    assert tour.state.reads_per_day < everything and "city_fixed" not in tour.state.networks
    for box in tour.boxes.values():
        box.value = False
    assert tour.state.reads_per_day == 0 and "No network is ticked" in tour.summary.value
    assert tour.error is None


def test_an_unexpected_error_becomes_a_plain_message_and_clears_after(town_data) -> None:
    tour = NetworkTour(town_data)
    good_draw = tour.draw

    def broken(state):
        raise ValueError("a bug")

    tour.draw = broken
    tour.boxes["city_fixed"].value = False
    assert tour.error == "ValueError: a bug"
    assert "Something went wrong" in tour.message.value and "Traceback" not in tour.message.value
    tour.draw = good_draw
    tour.boxes["city_fixed"].value = True
    assert tour.error is None and tour.message.value == ""
