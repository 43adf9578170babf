"""Every "Now try" task of notebook 01 is answerable from what its widget shows (issue #18, build step 4).

For each task, the test sets the widget's controls in Python the way the task asks (no browser) and checks the
widget's state and sentence against the answer the guide gives in its "*Task answers:*" bullet for notebook 01.
The answers are read from `instructors/guide.md`, so the test fails if the guide and the widget disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from platetrails import facts as facts_module
from platetrails import networks, widgets
from platetrails.i18n import _
from tests.test_lesson_times import GUIDE, guide_sections

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "01_what_a_reader_sees.ipynb"
TASKS = ("alert finder", "misread", "case 1", "case 2")


def task_answers() -> dict[str, str]:
    """The guide's answer for each task of notebook 01: '(name) answer; (name) answer'."""
    section = next(text for number, _m, text in guide_sections(GUIDE.read_text()) if number == "01")
    bullet = re.search(r"^- \*Task answers:\*(.+?)(?=^- |\Z)", section, re.M | re.S)
    assert bullet, "the guide's notebook 01 section has a '*Task answers:*' bullet"
    text = " ".join(bullet.group(1).split())
    return {m.group(1): m.group(2).strip() for m in re.finditer(r"\(([a-z0-9 ]+)\) ([^;]+?)(?=; \(|\.?$)", text)}


def rules_named(answer: str) -> set[str]:
    """The retention rules an answer names after 'only with': '1 year or 5 years' -> {'1 year', '5 years'}."""
    match = re.search(r"only with (.+?)(?:,|$)", answer)
    assert match, answer
    return {part.strip() for part in re.split(r",| or ", match.group(1)) if part.strip()}


@pytest.fixture(scope="module")
def answers() -> dict[str, str]:
    return task_answers()


@pytest.fixture(scope="module")
def facts():
    return facts_module.load_facts()


@pytest.fixture(scope="module")
def cars(answer_key) -> dict[str, str]:
    v = answer_key.vehicles
    return dict(zip(v[v.case_label != ""].case_label, v[v.case_label != ""].plate))


def test_the_guide_answers_every_now_try_task_of_the_notebook(answers) -> None:
    assert set(answers) == set(TASKS)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    now_tries = text.count("**Now try")
    numbered = sum(len(re.findall(r"^\d+\. ", block.split("\n\n*")[0], re.M)) for block in text.split("**Now try")[1:])
    # the alert finder and the misread widget have one task each; the case has two numbered steps
    assert now_tries == 3 and numbered == 2, (now_tries, numbered)


def test_the_parser_reads_a_wrong_answer_as_wrong() -> None:
    assert rules_named("a search run 1 month later finds the week before only with 21 days or 5 years") == {
        "21 days",
        "5 years",
    }


def test_alert_finder_adding_the_two_networks_cuts_the_wait_most_for_the_cars_the_guide_names(
    town_data, cars, answers
) -> None:
    named = set(re.findall(r"Car [A-F]", answers["alert finder"]))
    assert named, answers["alert finder"]
    finder = widgets.AlertFinder(town_data, cars)
    waits = {}
    for label, plate in cars.items():
        finder.car.value = plate
        for name in ("repo_fleet", "county_fixed"):
            finder.boxes[name].value = False
        city = finder.state.typical_wait
        for name in ("repo_fleet", "county_fixed"):  # the task: add the repossession cars and the county cameras
            finder.boxes[name].value = True
        assert finder.error is None and set(finder.state.networks) == set(networks.names())
        waits[label] = (city, finder.state.typical_wait)
    most = {label for label, (city, every) in waits.items() if every < city / 2}
    assert most == named, waits


def test_misread_at_the_rate_the_task_sets_gives_the_guides_daily_number(town_data, cars, facts, answers) -> None:
    match = re.search(r"about (\d+) alerts a day at (\d+(?:\.\d+)?)%", answers["misread"])
    assert match, answers["misread"]
    expected, rate = int(match.group(1)), float(match.group(2))
    misread = widgets.MisreadCost(town_data, cars["Car C"], facts)
    misread.rate.value = rate
    assert misread.error is None and round(misread.state.wrong_car_per_day) == expected
    headline = misread.sentence.split("\n\n")[0]
    assert f"about {expected} alerts a day on the wrong car" in headline


@pytest.mark.parametrize(("task", "delay"), [("case 1", "1 month later"), ("case 2", "1 year later")])
def test_the_case_search_finds_the_week_before_only_under_the_rules_the_guide_names(
    town_data, cars, facts, answers, task: str, delay: str
) -> None:
    answer = answers[task]
    assert delay in answer, f"the guide's answer to {task} is about a search run {delay}"
    case = widgets.alerts.CaseSearch(town_data, cars, facts)
    assert case.car.label == "Car A"  # the task starts from the widget's opening car
    case.delay.value = delay
    assert case.error is None
    assert {_(rule) for rule in case.state.found_under()} == rules_named(answer)
    headline = case.sentence.split("\n\n")[0]
    assert delay in headline
    if "live alert works under every rule" in answer:
        assert case.state.live_minutes is not None and "under every rule" in headline
