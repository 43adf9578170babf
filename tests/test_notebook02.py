"""Notebook 02's explorer: states computed without any widget, figures drawn from states, and the thin adapter."""

from __future__ import annotations

import gc
import itertools
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.figure import Figure

from platetrails import guess_charts, lab, maps, mosaic, networks, scoring, style, widgets
from platetrails.build import class_tables
from platetrails.data import DataFileError
from platetrails.states import picture
from platetrails.states.picture import RANDOM, TYPED, compute_mosaic, describe_mosaic

SUBSETS = [c for r in range(len(networks.names()) + 1) for c in itertools.combinations(networks.names(), r)]


@pytest.fixture(scope="module")
def data(town_data, answer_key) -> picture.MosaicData:
    return picture.MosaicData(town_data, answer_key)


@pytest.fixture()
def explorer(town_data, answer_key) -> widgets.MosaicExplorer:
    return widgets.MosaicExplorer(town_data, answer_key)


def points_drawn(fig) -> int:
    return sum(len(c.get_offsets()) for ax in fig.axes for c in ax.collections)


def test_every_state_computes_a_sentence_and_one_of_each_kind_draws(data) -> None:
    kinds_drawn = set()
    cars = [*data.case_plates, RANDOM, TYPED]
    for car, days, nets, colour, reveal in itertools.product(
        cars, [1, 7, 28], SUBSETS, picture.COLOUR_BY, [False, True]
    ):
        state = compute_mosaic(data, car, data.case_plates["Car C"], data.car_plates[7], days, nets, colour, reveal)
        text = describe_mosaic(state)
        assert state.plate and state.networks == nets and text
        if not nets:
            assert "Tick at least one" in state.message and state.profile.sightings == 0
        if reveal:
            assert "truth" in text.lower() or "answer key" in text
        kind = (bool(nets), colour, reveal)
        if kind not in kinds_drawn:
            fig = maps.draw_mosaic(state)
            assert style.description_of(fig).startswith("Map of")
            kinds_drawn.add(kind)
    assert len(kinds_drawn) == 8


def test_days_change_the_state_and_the_picture(data) -> None:
    week = compute_mosaic(data, "Car A", days=7, networks=networks.names())
    month = compute_mosaic(data, "Car A", days=28, networks=networks.names())
    day = compute_mosaic(data, "Car A", days=1, networks=networks.names())
    assert day.profile.sightings < week.profile.sightings < month.profile.sightings
    assert points_drawn(maps.draw_mosaic(month)) > points_drawn(maps.draw_mosaic(day))
    title = maps.draw_mosaic(month).axes[0].get_title()
    assert title == f"Car A (plate {data.case_plates['Car A']}): 28 days of sightings"
    assert maps.draw_mosaic(day).axes[0].get_title().endswith("1 day of sightings")


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
def test_bad_typed_plates_get_a_plain_message(data, typed: str, expected: str) -> None:
    state = compute_mosaic(data, TYPED, typed, networks=networks.names())
    assert expected in state.message and state.profile is None
    assert describe_mosaic(state) == state.message
    assert maps.draw_mosaic(state).axes[0].get_title() == "No car chosen"


def test_lower_case_padded_plate_is_understood(data) -> None:
    plate = data.case_plates["Car E"]
    state = compute_mosaic(data, TYPED, f"  {plate[:3].lower()} - {plate[3:].lower()} ", networks=networks.names())
    assert state.plate == plate and state.message == "" and state.profile.sightings > 0


def test_reveal_reports_right_or_wrong(data) -> None:
    state = compute_mosaic(data, "Car A", days=28, networks=networks.names(), reveal=True)
    assert state.truth.known and state.truth.home_off is not None
    assert ("right" in describe_mosaic(state)) == (state.truth.home_off <= 1)
    labels = [t.get_text() for t in maps.draw_mosaic(state).axes[0].texts]
    assert "true home" in labels and "true work" in labels
    hidden = compute_mosaic(data, "Car A", days=28, networks=networks.names(), reveal=False)
    assert hidden.truth is None  # nothing from the answer key is in the state until it is asked for


def test_a_misread_plate_is_unknown_to_the_answer_key(data, town_data, answer_key) -> None:
    truth = answer_key.read_truth
    misread = truth[truth.misread].merge(town_data.reads, on="read_id").plate
    unknown = next(p for p in misread if p not in set(answer_key.vehicles.plate))
    state = compute_mosaic(data, TYPED, unknown, days=28, networks=networks.names(), reveal=True)
    assert "probably a misread" in describe_mosaic(state)


def test_a_plate_unseen_in_the_window_says_how_often_it_was_seen_in_all(data) -> None:
    state = compute_mosaic(data, "Car A", days=1, networks=["county_fixed"])
    if state.profile.sightings == 0:
        assert "Across all the data" in describe_mosaic(state)
    assert state.sightings_in_all > 0


def test_a_plate_seen_once_in_all_the_data_is_seen_1_time_not_1_times(data) -> None:
    once = [p for p, n in data.sightings_in_all.items() if n == 1]
    texts = [
        describe_mosaic(compute_mosaic(data, TYPED, plate, days=28, networks=[net]))
        for plate in once[:10]
        for net in networks.names()
    ]
    unseen = [t for t in texts if "Across all the data" in t]
    assert unseen and all("it was seen 1 time." in t for t in unseen)


def test_drive_by_home_guesses_say_so(data) -> None:
    analyst = data.analyst
    guesses = analyst.guesses(28, ["city_fixed"])
    plate = next(
        analyst.s.plates[i]
        for i in range(len(analyst.s.plates))
        if guesses.home_x[i] > -999 and not guesses.home_parked[i] and not guesses.home_from_evenings[i]
    )
    text = describe_mosaic(compute_mosaic(data, TYPED, plate, days=28, networks=["city_fixed"]))
    assert "never seen parked at night" in text


def test_explorer_adapter_reads_its_controls(explorer) -> None:
    assert explorer.error is None and explorer.state.label == "Car A" and explorer.state.days == 7
    explorer.days.value = 28
    assert explorer.state.days == 28 and explorer.updates == 2
    explorer.network_boxes["city_fixed"].value = False
    assert "city_fixed" not in explorer.state.networks
    explorer.reveal.value = True
    assert "The truth:" in explorer.summary.value


def test_typing_a_plate_switches_the_menu_to_it(explorer) -> None:
    plate = explorer.data.case_plates["Car D"]
    explorer.plate_box.value = plate
    assert explorer.car.value == TYPED and explorer.state.plate == plate


def test_random_button_never_repeats_the_car_on_screen(explorer) -> None:
    explorer.new_random.click()
    seen = [explorer.state.plate]
    assert explorer.car.value == RANDOM and seen[0] in explorer.data.car_plates
    for _ in range(6):
        explorer.new_random.click()
        assert explorer.state.plate != seen[-1]
        seen.append(explorer.state.plate)


def test_class_picture_one_line_per_network_and_one_for_all(town_data, answer_key) -> None:
    shares = scoring.share_within(mosaic.Analyst(town_data), answer_key, [1, 7, 28])
    fig = guess_charts.class_picture(shares, "home")
    assert len(fig.axes[0].get_lines()) == len(networks.names()) + 1
    assert fig.axes[0].get_xlabel() == "days of data" and "% of all cars" in fig.axes[0].get_ylabel()
    assert "after 28 days" in style.description_of(fig)
    work = guess_charts.class_picture(shares, "work")
    assert "workers" in work.axes[0].get_ylabel()


def test_the_class_tables_are_what_the_scoring_command_writes(town_data, answer_key) -> None:
    """Notebook 02 loads its class-wide charts' tables from data/mosaic/: they must equal a fresh scoring, exactly."""
    fresh = class_tables.class_tables(town_data, answer_key)
    assert set(fresh) == set(scoring.CLASS_SCHEMAS)
    for name, table in fresh.items():
        pd.testing.assert_frame_equal(scoring.load_class_table(name), table.reset_index(drop=True), check_exact=True)
    analyst = mosaic.Analyst(town_data)
    shares = scoring.share_within(analyst, answer_key, list(scoring.CLASS_DAYS))
    pd.testing.assert_frame_equal(scoring.class_shares(), shares, check_exact=True)  # the tuples of networks too
    every = networks.names()
    pd.testing.assert_frame_equal(scoring.class_missed(), scoring.missed_by_routine(analyst, answer_key, 28, every))
    pd.testing.assert_frame_equal(scoring.class_labels(), scoring.label_truth(analyst, answer_key, 28, every))


def test_a_damaged_class_table_is_a_plain_message(tmp_path) -> None:
    (tmp_path / "mosaic").mkdir()
    (tmp_path / "mosaic" / "shares.csv").write_text(
        "combination,days,home_share,work_share,work_share_all,false_work\n"
    )
    with pytest.raises(DataFileError, match="has no rows"):
        scoring.class_shares(tmp_path)
    (tmp_path / "mosaic" / "missed.csv").write_text("archetype,cars,found,missed\nretiree,many,0.5,3\n")
    with pytest.raises(DataFileError, match="'cars' holds values that are not int64.*platetrails.build.class_tables"):
        scoring.class_missed(tmp_path)
    with pytest.raises(DataFileError, match="is missing.*python -m platetrails.build.class_tables --out data"):
        scoring.class_labels(tmp_path)


def test_network_tour_counts_reads(town_data) -> None:
    tour = widgets.NetworkTour(town_data)
    everything = tour.state.reads_per_day
    tour.boxes["city_fixed"].value = False
    assert tour.state.reads_per_day < everything and "city_fixed" not in tour.state.networks
    for box in tour.boxes.values():
        box.value = False
    assert tour.state.reads_per_day == 0 and "No network is ticked" in tour.summary.value
    tour.boxes["repo_fleet"].value = True
    assert tour.state.plates_first_week > 0 and len(tour.state.mobile_spots) > 0
    assert tour.error is None


def test_an_unexpected_error_becomes_a_plain_message_and_clears_after(town_data) -> None:
    tour = widgets.NetworkTour(town_data)

    def broken(state):
        raise ValueError("a bug")

    tour.draw = broken
    tour.boxes["city_fixed"].value = False
    assert tour.error == "ValueError: a bug"
    assert "Something went wrong" in tour.message.value and "Traceback" not in tour.message.value
    del tour.draw
    tour.boxes["city_fixed"].value = True
    assert tour.error is None and tour.message.value == ""


# A fresh kernel's explorer, redrawn 19 times: the growth of its memory (RSS) in MiB, printed by a child process
# so that nothing this test session allocated before counts.
REDRAWS = """
import gc, psutil
from platetrails import answer_key, data, lab, widgets
assert lab.keep_memory_flat()
explorer = widgets.MosaicExplorer(data.load_town(), answer_key.load_answer_key())
gc.collect()
before = psutil.Process().memory_info().rss
for days in (1, 4, 9, 14, 21, 28, 7):
    explorer.days.value = days
for _label, car in explorer.car.options[:7]:
    explorer.car.value = car
for colour, reveal in (("network", True), ("time", False)):
    explorer.colour.value, explorer.reveal.value = colour, reveal
explorer.car.value = "Car A"
gc.collect()
assert explorer.updates == 19 and explorer.error is None
print((psutil.Process().memory_info().rss - before) / 2**20)
"""


@pytest.mark.skipif(not lab.keep_memory_flat(), reason="the mmap threshold is glibc's")
def test_redrawing_the_explorer_does_not_grow_the_kernel() -> None:
    """Each redraw frees a figure's pixels and a PNG; with glibc's default they stayed in the heap (about 25 MiB
    after 19 redraws, 90 MiB after heavy use of notebook 02). lab.start() fixes the threshold: a few MiB of caches."""
    root = Path(__file__).resolve().parents[1]
    env = {
        **os.environ,
        "MPLBACKEND": "Agg",
        "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]),
    }
    run = subprocess.run(
        [sys.executable, "-c", REDRAWS], capture_output=True, text=True, env=env, cwd=root, timeout=120, check=True
    )
    assert float(run.stdout) < 12


def test_redraws_do_not_pile_up_figures(explorer) -> None:
    def live_figures() -> int:
        gc.collect()
        return sum(isinstance(o, Figure) for o in gc.get_objects())

    before = live_figures()
    for days in (1, 14, 28, 3, 9, 21):
        explorer.days.value = days
    assert explorer.updates == 7 and live_figures() <= before  # each redraw's figure replaces the last one


def test_the_example_plate_in_the_messages_is_one_the_town_read_of_no_case_resident(town_data, answer_key) -> None:
    from platetrails import answer_key as truth
    from platetrails import plates

    assert plates.EXAMPLE_PLATE in set(town_data.reads.plate)
    assert plates.EXAMPLE_PLATE not in truth.case_plates(answer_key).values()
    assert plates.EXAMPLE_PLATE in plates.clean_plate("")[1]
