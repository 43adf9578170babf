"""Counts of one read as English does: no widget sentence says '1 days', '1 homes' or '1 cameras' (issue #18).

Each widget whose controls can reach a count of one is computed at that count (every car, level and network
where the widget offers them), and its sentence is searched for '1' followed by a plural noun.
"""

from __future__ import annotations

import re

import pytest

from platetrails import answer_key as truth
from platetrails import data, networks
from platetrails import facts as facts_module
from platetrails.states import coverage, naming, picture, scale, unicity

# '1' on its own (not 1.5, 10 or 2021) followed by a word; words that end in s in the singular are allowed.
ONE_THING = re.compile(r"(?<![\d.,])\b1\s+([A-Za-z]+)")
SINGULAR_S = {"is", "was", "has", "plus", "bus", "class", "address", "its", "this", "us", "as", "miss"}


def plural_after_one(text: str) -> list[str]:
    """Every '1 <word>' in the text whose word looks plural."""
    return [
        m.group(0)
        for m in ONE_THING.finditer(text)
        if m.group(1).lower().endswith("s") and m.group(1).lower() not in SINGULAR_S
    ]


def test_the_check_finds_a_plural_after_one_and_passes_the_singular() -> None:
    assert plural_after_one("Found in 1 days by 1 cameras.") == ["1 days", "1 cameras"]
    assert plural_after_one("In 1 day, 1 camera saw 1.5 cars; 10 homes, 21 blocks, 1 class.") == []


@pytest.fixture(scope="module")
def cars(answer_key) -> dict[str, str]:
    return truth.case_plates(answer_key)


def test_the_mosaic_after_one_day_speaks_in_the_singular(town_data, answer_key, cars) -> None:
    mosaic = picture.MosaicData(town_data, answer_key)
    found = []
    for car in cars:
        for chosen in [networks.names()] + [[n] for n in networks.names()]:
            for reveal in (False, True):
                state = picture.compute_mosaic(mosaic, car, days=1, networks=chosen, reveal=reveal)
                found += plural_after_one(picture.describe_mosaic(state))
    assert found == []


def test_notebook_03s_widgets_at_one_day_or_one_camera_speak_in_the_singular(town_data, cars) -> None:
    facts = facts_module.load_facts()
    found = []
    public_data = unicity.PublicData(town_data, cars, facts)
    for level in ("exact", "coarse"):
        for car in [unicity.ALL, *cars]:
            found += plural_after_one(
                unicity.describe_singled_out(unicity.compute_singled_out(public_data, level, car, 1))
            )
    named = naming.NamedData(town_data, cars)
    for car in cars:
        found += plural_after_one(naming.describe_named(naming.compute_named(named, car, 1)))
    line = coverage.LineData(truth.load_candidate_trips(), facts)
    for line_number in range(0, 3):
        state = coverage.compute_camera_line(line, coverage.ALL_SIX, 1, line_number)
        found += plural_after_one(coverage.describe_camera_line(state))
    assert found == []


def test_the_realism_dial_at_its_shortest_time_speaks_in_the_singular() -> None:
    table = data.read_table("realism.csv")
    shortest = int(table.days.min())
    found = []
    for level in table.level.unique():
        found += plural_after_one(scale.describe_realism(scale.compute_realism(table, level, shortest)))
    assert found == []
