"""Every notebook reads at or below a grade-10 level (Flesch-Kincaid, syllables from pyphen's en_US dictionary).

Lesson times are checked in test_lesson_times.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.notebooks import all_notebooks
from tests.support.readability import flesch_kincaid_grade, grade

MAX_GRADE = 10


def test_the_grade_formula_ranks_plain_and_hard_text() -> None:
    plain = flesch_kincaid_grade("The car is red. It is parked at home. The camera saw it.")
    hard = flesch_kincaid_grade(
        "Notwithstanding considerable methodological uncertainty, comprehensive longitudinal surveillance "
        "demonstrably facilitates inferential reconstruction of individuals' habitual locations."
    )
    assert plain < 3 < MAX_GRADE < hard


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.name)
def test_notebook_prose_is_at_or_below_grade_10(path: Path) -> None:
    assert grade(path) <= MAX_GRADE, f"{path.name} reads at grade {grade(path):.1f}"
