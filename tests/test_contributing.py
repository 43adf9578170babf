"""The worked example in CONTRIBUTING.md runs as written and gives a working widget."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from platetrails import style

GUIDE = Path(__file__).resolve().parents[1] / "CONTRIBUTING.md"


def test_the_worked_example_builds_a_widget_that_follows_the_contract(town_data) -> None:
    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(), flags=re.S)
    assert len(blocks) == 3
    space: dict = {}
    exec(compile("\n".join(blocks), str(GUIDE), "exec"), space)
    state = space["compute_cars_seen"](town_data, "city_fixed", 3)
    reads = town_data.reads
    by_hand = reads[(reads.network == "city_fixed") & (reads.timestamp < town_data.start + pd.Timedelta(days=3))]
    assert state.total == by_hand.plate.nunique() == sum(state.per_day)
    fig = space["draw_cars_seen"](state)
    assert fig.axes[0].get_xlabel() and "different plates" in style.description_of(fig)
    widget = space["CarsSeen"](town_data)
    widget.days.value = 10
    assert widget.error is None and widget.state.days == 10 and "10 days" in widget.summary.value


def test_the_worked_example_needs_only_its_registry_line(town_data, answer_key, monkeypatch, tmp_path) -> None:
    """With the one registry line the page gives, the new widget is built, drawn by the state test and timed."""
    from benchmarks import run as bench
    from platetrails import lab, widgets
    from platetrails.widgets import registry
    from tests.test_structure import registered_states

    blocks = re.findall(r"```python\n(.*?)```", GUIDE.read_text(), flags=re.S)
    space: dict = {}
    exec(compile("\n".join(blocks), str(GUIDE), "exec"), space)
    line = re.search(r'`(Entry\("CarsSeen".*?\))`', GUIDE.read_text(), flags=re.S).group(1)
    entry = eval(line.replace("<subject>", "tour").replace("<notebook>", "00"), {"Entry": registry.Entry})
    monkeypatch.setattr(registry, "WIDGETS", (*registry.WIDGETS, entry))
    monkeypatch.setenv("PLATETRAILS_STAND_DIR", str(tmp_path))  # the stand widget saves nothing in the checkout
    monkeypatch.setattr(widgets, "CarsSeen", space["CarsSeen"], raising=False)
    states = registered_states([], {"town": town_data, "key": answer_key})
    cars_seen = [s for s in states if s[1] is space["CarsSeen"].draw]
    assert len(cars_seen) == 1 and "different plates" in style.description_of(cars_seen[0][1](cars_seen[0][0]))
    built = lab.build_widget("CarsSeen", {"town": town_data})
    changes = bench.control_changes(built, rounds=1)
    assert {c for _n, c, _v in changes} == {built.network, built.days}
    held = {id(built.network): built.network.value, id(built.days): built.days.value}
    for _n, control, value in changes:  # each a real change: a value already held would time nothing
        assert value != held[id(control)]
        held[id(control)] = value
    assert sum(len(t) for t in bench.time_changes(built, changes).values()) == len(changes)


def test_the_checks_table_names_tests_that_exist() -> None:
    text = GUIDE.read_text()
    table = text.split("### 5. The checks your widget must pass")[1]
    named = set(re.findall(r"`((?:tests|benchmarks)/[\w/]+\.py)`", table))
    root = GUIDE.parent
    assert {"tests/test_lesson_times.py", "tests/test_language_memory.py", "tests/test_browser.py"} <= named
    assert named and all((root / path).is_file() for path in named), sorted(
        p for p in named if not (root / p).is_file()
    )
    for check in ("speed", "fit", "18 px", "lesson time", "language"):
        assert f"| {check} |" in table, check
