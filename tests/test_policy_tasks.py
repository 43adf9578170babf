"""Notebook 05's "Now try" tasks, done on the scoreboard as a student would, checked against the answers the
guide gives ("*Task answers:*" in its notebook 05 section). If the widget and the guide disagree, this fails
(issue #18, build step 4)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from platetrails import policy, widgets
from platetrails.facts import load_facts

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_policy_lab.ipynb"


def guide_answers() -> dict[int, str]:
    """The guide's task answers for notebook 05, split into (1), (2), (3), with line breaks removed."""
    guide = (ROOT / "instructors" / "guide.md").read_text()
    section = guide[guide.index("## Notebook 05") :]
    section = section[: section.index("\n## ", 1)]
    bullet = re.search(r"- \*Task answers:\*(.*?)(?=\n- |\n\n)", section, re.S)
    assert bullet, "the guide's notebook 05 section has no *Task answers:* bullet"
    text = " ".join(bullet.group(1).split())
    parts = re.split(r"\((\d)\) ", text)
    return {int(parts[i]): parts[i + 1] for i in range(1, len(parts), 2)}


def number(pattern: str, text: str) -> int:
    found = re.search(pattern, text)
    assert found, f"the guide's answer no longer says {pattern!r}: {text}"
    return int(found.group(1).replace(",", ""))


def about(percent: float, stated: int) -> bool:
    """'about 11%': the widget's figure rounds to the stated one (to the nearest whole percent, give or take 1)."""
    return abs(round(percent) - stated) <= 1


@pytest.fixture(scope="module")
def board(town_data) -> widgets.PolicyScoreboard:
    data = policy.PolicyData(town_data, policy.load_cases())
    return widgets.PolicyScoreboard(data, load_facts().figure("arvada_warrant_days_max").value)


def test_the_notebook_asks_the_tasks_this_test_does() -> None:
    text = NOTEBOOK.read_text()
    assert "Move **Keep reads** to *3 minutes unless a hit*" in text
    assert "Set **Federal agencies** to *no*" in text
    assert "Set the rules to 30 days and a warrant" in text and "from *1 day* to *3 months*" in text


def test_the_tasks_done_on_the_scoreboard_give_the_guides_answers(board) -> None:
    answers = guide_answers()
    assert set(answers) == {1, 2, 3}

    # Task 1: keep reads 3 minutes unless a hit.
    board.retention.value = "3 minutes unless a hit"
    out = board.state.outcome
    one = answers[1]
    assert out.hot_found == number(r"(\d+) of \d+ hot-list cars", one)
    assert out.hot_cases == number(r"\d+ of (\d+) hot-list cars", one)
    assert out.amber_found == number(r"(\d+) of \d+ abducted", one)
    assert out.investigations == number(r"(\d+) of \d+ investigations", one) == 0
    assert out.investigation_cases == number(r"\d+ of (\d+) investigations", one)
    assert out.amber_leads == 0 and "lead goes" in one
    assert about(board.state.benefits_kept, number(r"about (\d+)%", one))
    kept_after_one = board.state.benefits_kept

    # Task 2: federal agencies may not search.
    board.who["federal"].value = "no"
    two = answers[2]
    assert board.state.outcome.federal_reads == number(r"federal agencies fall to (\d+)", two)
    assert "does not change" in two and board.state.benefits_kept == pytest.approx(kept_after_one)
    at_zero = set(board.state.laws.state[board.state.laws.federal_reads == 0])
    named = re.search(r"; (.*) sit at 0 across", two)
    assert named, two
    listed = {s.strip() for s in re.split(r", (?![^()]*\))| and ", named.group(1))}
    assert listed == at_zero

    # Task 3: 30 days and a warrant, then the look-back from 1 day (the real log's median) to 3 months.
    board.retention.value = "30 days"
    board.history.value = "warrant"
    three = answers[3]
    assert board.state.look_back == "1 day"
    one_day = board.state.benefits_kept
    assert about(one_day, number(r"about (\d+)% at a 1-day look-back", three))
    board.look_back.value = "3 months"
    assert about(board.state.benefits_kept, number(r"about (\d+)% at 3 months", three))
    assert board.state.benefits_kept < one_day and "falls as the look-back grows" in three
    assert board.error is None
