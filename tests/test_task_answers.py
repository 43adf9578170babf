"""Every "Now try" question of notebooks 00, 02, 03 and 04 is answerable from what its widget (or page) shows (issue #18).

The instructor guide gives each widget's answers in a bullet "*Task answers:* (1) ...; (2) ..." (or
"*Task answers, <widget>:*" where a notebook has several widgets with tasks). Each test below sets the
widget's controls in Python as the task asks, reads the widget's state and sentence, and checks the guide's
answer against them: if the guide says one thing and the widget shows another, the test fails. A task whose
answer is an opinion says so in the guide ("any line, with a reason").
"""

from __future__ import annotations

import re
from functools import cache

import nbformat
import pytest

from platetrails import answer_key as truth
from platetrails import audit_log, local_format, networks, rounding, scoring, sharing, sharing_tables, tables, widgets
from platetrails import facts as facts_module
from platetrails.states import picture
from platetrails.states.coverage import ALL_SIX
from platetrails.states.reading import day_words
from platetrails.states.sharing import SharingData
from tests.support.notebooks import all_notebooks
from tests.test_lesson_times import GUIDE, guide_sections

# Each widget whose "Now try" has widget answers: (notebook number, name in the guide's bullet, the call in the
# notebook that shows it). The name is "" where the notebook has one such widget.
WIDGETS = [
    ("00", "", "widgets.NetworkTour("),
    ("02", "", "widgets.MosaicExplorer("),
    ("03", "person or network", "widgets.CornerOrNetwork("),
    ("03", "the camera line", "widgets.CameraLine("),
    ("03", "from a guessed home to a name (extension)", "widgets.HomeToName("),
    ("04", "", "widgets.SharingMap("),
    ("04", "the audit page (extension)", "sharing_tables.real_log_table("),
]
# How the guide's answers name each network.
NETWORK_WORDS = {
    "city_fixed": "city's fixed cameras",
    "city_patrol": "patrol cars",
    "repo_fleet": "repossession cars",
    "county_fixed": "county's cameras",
}
CONFIDENCE_RANK = {"no idea": 0, "only a hunch": 1, "somewhat sure": 2, "fairly sure": 3}
_ANSWERS = re.compile(r"^- \*Task answers(?:, ([^:*]+))?:\* (.*?)(?=^\S|^- |\Z)", re.M | re.S)


@cache
def guide_answers(number: str) -> dict[str, dict[int, str]]:
    """The guide's task answers for one notebook: {widget name: {task number: answer text}}."""
    section = next(text for n, _minutes, text in guide_sections(GUIDE.read_text()) if n == number)
    found = {}
    for match in _ANSWERS.finditer(section):
        body = " ".join(match.group(2).split())
        parts = re.split(r"\((\d+)\) ", body)
        found[(match.group(1) or "").strip()] = {int(n): text.strip(" ;.") for n, text in zip(parts[1::2], parts[2::2])}
    return found


def answer(number: str, widget: str, task: int) -> str:
    return guide_answers(number)[widget][task]


def notebook_tasks(number: str, call: str) -> int:
    """How many tasks the "Now try" after this widget's code cell sets (numbered steps, or one without)."""
    path = next(p for p in all_notebooks() if p.name.startswith(number))
    cells = nbformat.read(path, as_version=4).cells
    start = next(i for i, c in enumerate(cells) if c.cell_type == "code" and call in c.source)
    for cell in cells[start + 1 :]:
        if cell.cell_type == "code":
            break
        if "**Now try" in cell.source:
            block = cell.source.split("**Now try", 1)[1]
            steps = re.findall(r"^(\d+)\. ", block.split("**What to notice", 1)[0], re.M)
            return len(steps) or 1
    raise AssertionError(f"notebook {number}: no 'Now try' after {call}")


def only(boxes: dict, keep: str) -> None:
    """Tick one box and untick the others (the tick first, so one is always ticked)."""
    boxes[keep].value = True
    for name, box in boxes.items():
        if name != keep:
            box.value = False


def headline(widget) -> str:
    return widget.sentence.split("\n\n")[0]


def test_the_guide_gives_one_answer_for_each_task_of_each_widget() -> None:
    for number, name, call in WIDGETS:
        answers = guide_answers(number)
        assert name in answers, f"notebook {number}: the guide has no '*Task answers{', ' + name if name else ''}:*'"
        tasks = notebook_tasks(number, call)
        assert sorted(answers[name]) == list(range(1, tasks + 1)), (
            f"notebook {number} {name or call}: the notebook sets {tasks} tasks, the guide answers {sorted(answers[name])}"
        )
        assert all(answers[name].values()), f"notebook {number}: an empty answer"


def test_the_parser_reads_numbered_answers_and_named_widgets() -> None:
    text = "- *Task answers, the dial:* (1) one thing; (2) any line,\n  with a reason.\n\nNext paragraph."
    match = _ANSWERS.search(text)
    assert match.group(1) == "the dial"
    assert re.split(r"\((\d+)\) ", " ".join(match.group(2).split()))[1:] == [
        "1",
        "one thing; ",
        "2",
        "any line, with a reason.",
    ]


# --- 00: the tour ---------------------------------------------------------------------------------


def test_00_the_network_with_the_most_reads_a_day(town_data) -> None:
    tour = widgets.NetworkTour(town_data)
    total = int(re.search(r"about ([\d,]+) plate reads a day", tour.sentence).group(1).replace(",", ""))
    per_day = {}
    for name in tour.boxes:
        only(tour.boxes, name)
        per_day[name] = int(re.search(r"about ([\d,]+) plate reads a day", tour.sentence).group(1).replace(",", ""))
    top = max(per_day, key=per_day.get)
    text = answer("00", "", 1)
    assert text.startswith(f"the {NETWORK_WORDS[top]}: about {per_day[top]} of the town's {total} reads a day"), text
    for name, reads in per_day.items():
        if name != top:
            assert f"{NETWORK_WORDS[name]} {reads}" in text, (name, reads, text)


# --- 02: the mosaic explorer ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def explorer(town_data, answer_key) -> widgets.MosaicExplorer:
    return widgets.MosaicExplorer(town_data, answer_key)


def home_sureness(explorer) -> str | None:
    p = explorer.state.profile
    return picture.home_confidence(p) if p is not None and p.sightings and p.home else None


def test_02_task_1_the_day_the_analyst_becomes_fairly_sure_of_car_as_home(explorer) -> None:
    explorer.car.value, explorer.reveal.value = "Car A", False
    for box in explorer.network_boxes.values():
        box.value = True
    first = {}
    for day in range(1, explorer.days.max + 1):
        explorer.days.value = day
        sure = home_sureness(explorer)
        first.setdefault(sure, day)
        assert sure in headline(explorer), "the headline says how sure the analyst is"
    text = answer("02", "", 1)
    assert text.startswith(f"on day {first['fairly sure']}"), text
    assert f"somewhat sure from day {first['somewhat sure']}" in text
    assert first["only a hunch"] < first["somewhat sure"] < first["fairly sure"]


def test_02_task_2_the_truth_about_car_a_and_her_tuesday_evenings(explorer) -> None:
    explorer.car.value, explorer.days.value, explorer.reveal.value = "Car A", explorer.days.max, True
    text, state = answer("02", "", 2), explorer.state
    if "both guesses are right" in headline(explorer):
        assert "both guesses are right" in text
    else:
        assert "wrong" in text
    routine = state.profile.routines[0]
    shown = f"{routine.place} on {local_format.weekday_name(routine.weekday)}s around {routine.hour}:00"
    assert shown in explorer.sentence and shown in text, (shown, text)
    assert "interpreter" in state.truth.story and "volunteers" in state.truth.story
    assert "volunteers there as an interpreter" in text


def test_02_task_3_which_rule_placed_car_ds_home_and_why_it_was_wrong(explorer) -> None:
    explorer.car.value, explorer.days.value, explorer.reveal.value = "Car D", explorer.days.max, True
    p, t, text = explorer.state.profile, explorer.state.truth, answer("02", "", 3)
    assert not p.home_parked and not p.home_from_evenings, "the guess rests on a camera she drove past at night"
    for words in ("never seen parked at night", "drove past at night"):
        assert words in explorer.sentence
    assert "never seen parked at night" in text and "drove past at night" in text and p.home_place in text
    assert t.home_off > 1 and f"{t.home_off} blocks off: wrong" in explorer.sentence
    assert f"{t.home_off} blocks off: wrong" in text
    assert "night shift" in t.story and "night shift" in text


def test_02_task_4_the_single_network_most_sure_of_car_as_home_and_the_whole_towns_chart(explorer) -> None:
    explorer.car.value, explorer.days.value = "Car A", explorer.days.max
    sure = {}
    for name in explorer.network_boxes:
        only(explorer.network_boxes, name)
        sure[name] = home_sureness(explorer)
    ranked = sorted((n for n in sure if sure[n]), key=lambda n: CONFIDENCE_RANK[sure[n]], reverse=True)
    best = ranked[0]
    assert CONFIDENCE_RANK[sure[best]] > CONFIDENCE_RANK[sure[ranked[1]]], f"one network stands out: {sure}"
    kind = "camera cars" if networks.get(best).mobile else "fixed cameras"
    text = answer("02", "", 4)
    assert text.startswith(f'{kind}: the {NETWORK_WORDS[best]} alone make the analyst "{sure[best]}"'), text
    for name, words in sure.items():
        if name == best:
            continue
        if words is None:
            assert re.search(re.escape(NETWORK_WORDS[name]) + r" never read her", text), name
        else:
            assert NETWORK_WORDS[name] in text and words in text, (name, words)
    # The chart after the explorer: each network alone, all 200 cars, 28 days. The guide's figures are its figures,
    # and the network that finds most homes in the town is of the same kind as the one most sure of Car A's.
    shares = scoring.class_shares()
    month = shares[(shares.days == explorer.days.max) & (shares.networks.map(len) == 1)]
    town = {row.networks[0]: row.home_share for row in month.itertuples()}
    for name, share in town.items():
        shown = rounding.percent(share)  # the one rounding rule: halves up (0.585 reads 59%)
        assert re.search(re.escape(NETWORK_WORDS[name]) + rf"[^;%]{{0,30}}?\b{shown}", text), (name, shown)
    assert networks.get(max(town, key=town.get)).mobile == networks.get(best).mobile
    for name in town:  # "either kind of camera car alone finds more than half", neither fixed network does
        assert (town[name] > 0.5) == networks.get(name).mobile


# --- 03: a person or a network, the camera line, from a guessed home to a name ----------------------


@pytest.fixture(scope="module")
def loaded_facts():
    return facts_module.load_facts()


@pytest.fixture(scope="module")
def cars(answer_key) -> dict[str, str]:
    return truth.case_plates(answer_key)


def test_03_person_or_network_task_1_when_the_analyst_first_guesses_car_as_home(
    town_data, cars, loaded_facts, answer_key
) -> None:
    widget = widgets.CornerOrNetwork(town_data, cars, loaded_facts, truth.case_places(answer_key, town_data.places))
    widget.car.value = "Car A"
    widget.memory.value = "watcher"
    watcher = widget.state.view
    assert not watcher.home_found and "cannot tell where it sleeps" in widget.sentence
    text = answer("03", "person or network", 1)
    assert f"saw Car A {watcher.sightings} times at one corner and cannot tell where it sleeps" in text
    for days in (1, 7, 28):
        widget.memory.value = f"days:{days}"
        if widget.state.view.home_found:
            break
    assert "Home found: yes" in widget.sentence
    v = widget.state.view
    assert text.startswith(f"after {day_words(days)} of the networks' reads (home found: yes, from {v.sightings}"), text
    assert v.corners == 1 and "at one corner" in text


def test_03_person_or_network_task_2_what_three_laws_let_the_record_remember(
    town_data, cars, loaded_facts, answer_key
) -> None:
    widget = widgets.CornerOrNetwork(town_data, cars, loaded_facts, truth.case_places(answer_key, town_data.places))
    widget.car.value = "Car A"
    text = answer("03", "person or network", 2)
    widget.memory.value = "law:New Hampshire"
    s = widget.state
    assert s.memory_days == 0 and "nothing left to search, except hits" in widget.sentence
    assert f"New Hampshire ({s.law_words}): nothing but hits" in text
    widget.memory.value = "law:Maine"
    s = widget.state
    assert s.view.home_found and s.view.work_found and not s.beyond
    assert f"Maine ({s.law_words}): {s.view.sightings} sightings at {s.view.corners} different corners" in text
    assert f"{s.view.sightings} sightings of Car A at {s.view.corners} different corners" in widget.sentence
    assert "home and work found" in text
    widget.memory.value = "law:Vermont"
    s = widget.state
    assert s.beyond and f"longer than the lab's {s.memory_days} days" in widget.sentence
    assert (
        f"Vermont ({s.law_words}): longer than the lab's {s.memory_days} days, so all {s.view.sightings} sightings"
        in text
    )
    assert f"finds {s.scaled_share:.0f}% after {s.scaled_days} days" in widget.sentence
    assert f"{s.scaled_share:.0f}% of homes after {s.scaled_days} days" in text


@pytest.fixture(scope="module")
def camera_line(loaded_facts) -> widgets.CameraLine:
    return widgets.CameraLine(truth.load_candidate_trips(), loaded_facts)


def test_03_camera_line_task_1_the_resident_two_cameras_catch_most(camera_line) -> None:
    camera_line.cameras.value = 2
    share = {}
    for _label, value in camera_line.car.options:
        if value != ALL_SIX:
            camera_line.car.value = value
            share[value] = camera_line.state.trip_share[2]
            assert f"catches {share[value]:.0f}% of the" in camera_line.sentence
    first, second = sorted(share, key=share.get, reverse=True)[:2]
    text = answer("03", "the camera line", 1)
    assert text.startswith(f"{first}, {share[first]:.0f}% of her trips"), text
    assert f"then {second}, {share[second]:.0f}%" in text


def test_03_camera_line_task_2_cameras_until_half_of_all_trips(camera_line) -> None:
    camera_line.car.value = ALL_SIX
    for n in range(camera_line.cameras.max + 1):
        camera_line.cameras.value = n
        if camera_line.state.trip_share[n] > 50:
            break
    share = camera_line.state.trip_share[n]
    assert f"catches {share:.0f}% of the" in camera_line.sentence
    assert answer("03", "the camera line", 2).startswith(f"{n} cameras ({share:.0f}% of the six residents' trips)")


def test_03_camera_line_task_3_is_an_opinion() -> None:
    assert answer("03", "the camera line", 3) == "any line, with a reason"


def test_03_home_to_name_tasks_the_households_at_each_guessed_home(town_data, cars) -> None:
    widget = widgets.HomeToName(town_data, cars)
    name = "from a guessed home to a name (extension)"
    widget.car.value = "Car A"
    names = widget.state.names
    assert len(names) > 1 and f"lists {len(names)} households there" in widget.sentence
    assert answer("03", name, 1).startswith(f"{len(names)} households; one more fact")
    widget.car.value = "Car C"
    assert len(widget.state.names) == 1 and widget.state.names[0] in widget.sentence
    assert answer("03", name, 2).startswith(f"one household, {widget.state.names[0]}")
    widget.car.value = "Car D"
    assert widget.state.names == () and "lists no household at that spot" in widget.sentence
    text = answer("03", name, 3)
    assert text.startswith(f"at {widget.state.home_place}") and "no household" in text


# --- 04: the sharing map -----------------------------------------------------------------------------

OWNER_WORDS = {"city_shares": "city's", "county_shares": "county's", "private_uploads": "company's"}
OWNERS = tuple(OWNER_WORDS)


@pytest.fixture(scope="module")
def flows(town_data, answer_key, loaded_facts, cars) -> SharingData:
    return SharingData(town_data, answer_key, loaded_facts.figure("ice_history_years").value, cars)


def set_switches(widget, **values) -> None:
    widget.live = False
    for code, value in values.items():
        if code == "years_back":
            widget.years.value = value
        else:
            widget.boxes[code].value = value
    widget.live = True
    widget.update()


def all_on(widget) -> None:
    set_switches(widget, **{code: True for code in widget.boxes}, years_back=max(sharing.YEAR_CHOICES))


def found_in(sentence: str) -> int:
    return int(re.search(r"could guess the home of (\d+) of", sentence).group(1))


def test_04_task_1_homes_with_the_city_off_and_on(flows) -> None:
    widget = widgets.SharingMap(flows)  # as the story starts: the city's switch off
    assert not widget.boxes["city_shares"].value
    before, cars = found_in(widget.sentence), widget.state.cars
    widget.boxes["city_shares"].value = True
    after = found_in(widget.sentence)
    text = answer("04", "", 1)
    assert text.startswith(f"{before} of {cars} homes ({before / cars:.0%})"), text
    assert f"adds {after - before}, to {after}" in text


def test_04_task_2_the_owner_whose_switch_withholds_most_and_the_companys_reads_alone(flows) -> None:
    widget = widgets.SharingMap(flows)
    all_on(widget)
    everything = found_in(widget.sentence)
    lost = {}
    for code in OWNERS:
        widget.boxes[code].value = False
        lost[code] = everything - found_in(widget.sentence)
        assert f"withhold {lost[code]} home" in widget.sentence
        widget.boxes[code].value = True
    top = max(lost, key=lost.get)
    text = answer("04", "", 2)
    assert text.startswith(f"the {OWNER_WORDS[top]} switch withholds the most ({lost[top]} homes"), text
    for code in OWNERS:
        if code != top:
            assert f"the {OWNER_WORDS[code]} {lost[code]}" in text, code
    set_switches(widget, city_shares=False, county_shares=False, private_uploads=True)
    held = {party: n for party, n, _seen in widget.state.reads_by_party}
    assert held["repo_company"] == min(held.values()), "the company holds the fewest reads"
    alone = found_in(widget.sentence)
    assert f"alone find {alone} homes from only {held['repo_company']} reads" in text
    assert "parked at home at night" in text


def test_04_task_3_two_ways_to_close_every_path(flows) -> None:
    widget = widgets.SharingMap(flows)
    all_on(widget)
    for code in OWNERS:  # no single owner's switch closes every path
        widget.boxes[code].value = False
        assert found_in(widget.sentence) > 0
        widget.boxes[code].value = True
    widget.boxes["agency_access"].value = False
    assert found_in(widget.sentence) == 0 and "no read reaches" in widget.message.value
    set_switches(widget, agency_access=True, **{code: False for code in OWNERS})
    assert found_in(widget.sentence) == 0 and "no read reaches" in widget.message.value
    text = answer("04", "", 3)
    assert "untick the federal agency's access" in text and "untick all three owners' switches" in text


def test_04_task_4_what_fewer_years_back_change_for_car_b_and_car_d(flows) -> None:
    widget = widgets.SharingMap(flows)
    all_on(widget)
    years = sorted((value for _label, value in widget.years.options), reverse=True)
    records = {}
    for y in years:
        widget.years.value = y
        records[y] = {c.label: c for c in widget.state.cases}
        for c in widget.state.cases:
            assert c.label in widget.sentence
    longest, shortest = records[years[0]], records[years[-1]]
    text = answer("04", "", 4)
    b5, b1, d5, d1 = longest["Car B"], shortest["Car B"], longest["Car D"], shortest["Car D"]
    assert f"Car B falls from {b5.sightings} sightings to {b1.sightings}" in text
    for place in set(b5.sensitive_places) - set(b1.sensitive_places):
        assert f"the {place} drops out of its record" in text
    assert b1.home_found and "home is still found" in text
    assert f"Car D falls from {d5.sightings} sightings to {d1.sightings}" in text
    assert not any(r["Car D"].home_found for r in records.values()) and "home is not found at any" in text


AUDIT_CALL = "log = audit_log.county_log(flows.model, facts, exclude=set(lab.case_plates().values()))"


def test_04_the_audit_page_tasks_find_vague_reasons_a_window_past_the_limit_and_the_fan_out(
    flows, loaded_facts
) -> None:
    """The guide's answers for the audit page, against the page notebook 04 shows (same call, its default seed)."""
    path = next(p for p in all_notebooks() if p.name.startswith("04"))
    assert AUDIT_CALL in path.read_text() and "sharing_tables.show_audit_page(log)" in path.read_text()
    log = audit_log.county_log(flows.model, loaded_facts, exclude=set(flows.case_plates.values()))
    got = audit_log.audit_summary(log)
    real = audit_log.real_log(loaded_facts)
    reasons = log.reason.str.lower()
    generic = reasons[reasons.isin(audit_log.GENERIC_WORDS)].value_counts()

    text = answer("04", "the audit page (extension)", 1)
    assert text.startswith(f"{got['one_word']} of the {got['searches']} reasons are one word with no case number")
    assert f"{got['generic']} of them" in text and (got["blank"] == 0) == ("no reason is blank" in text)
    for word, n in generic.items():
        assert (f"{word} twice" if n == 2 else word) in text, word
    assert f"only {got['case_number']} carry a case number" in text

    text = answer("04", "the audit page (extension)", 2)
    past = log[log.look_back_days > real.retention_days]
    assert len(past) == got["past_retention"] == 1 and "one search" in text
    row = past.iloc[0]
    assert sharing_tables.window_words(row.look_back_days) in text and f'reason "{row.reason}"' in text
    assert (row.name == len(log) - 1) == ("the last on the page" in text)
    assert f"county's {real.retention_days} days" in text and f"the {row.networks - 1:,} other networks" in text

    text = answer("04", "the audit page (extension)", 3)
    assert text.startswith(f"{got['multi_network']} of the {got['searches']} searches reached more than")
    assert f"{got['most_networks']:,} networks and {got['most_cameras']:,} cameras" in text
    for fid in ("okaloosa_one_word_reasons", "okaloosa_blank_reasons", "okaloosa_multi_network_searches"):
        assert tables.figure_words(loaded_facts.figure(fid)) in text, fid
    assert f"{real.most_networks:,} networks" in text
    assert f"{int(loaded_facts.figure('okaloosa_past_retention_searches').value)} of {real.searches:,}" in text


def test_06_every_piece_can_be_looked_at_and_the_guide_counts_them_by_side(town_data, answer_key) -> None:
    """06's "Now try" (look at every piece, pick the strongest on each side) is an opinion; what the widget must
    give is every piece, each side's count as the guide states it."""
    from platetrails import evidence_catalogue

    catalogue = evidence_catalogue.EvidenceCatalogue(
        town_data, facts_module.load_facts(), answer_key, truth.case_plates(answer_key)
    )
    viewer = widgets.EvidenceViewer(catalogue)
    assert [value for _title, value in viewer.piece.options] == list(catalogue.pieces)
    text = answer("06", "", 1)
    total, n_for, n_mid, n_against = (int(n) for n in re.findall(r"(\d+) (?:pieces|for)", text)[:4])
    assert total == len(catalogue.pieces)
    sides = [len(catalogue.on_side(side)) for side in ("for", "limits", "against")]
    assert sides == [n_for, n_mid, n_against] and all(sides)
    assert notebook_tasks("06", "widgets.EvidenceViewer(") == 1
