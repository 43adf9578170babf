"""Every notebook reads at or below a grade-10 level (Flesch-Kincaid, syllables from pyphen's en_US dictionary)."""

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


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.name)
def test_each_notebook_states_the_time_its_parts_take_and_fits_one_class(path: Path) -> None:
    from tests.support.timing import estimated_minutes, stated_minutes

    stated, estimate = stated_minutes(path), estimated_minutes(path)
    assert stated > 0, "the first cell says 'Time: about N minutes'"
    assert abs(stated - estimate) <= 5, f"{path.name} says {stated} minutes; its parts take about {estimate:.0f}"
    assert round(estimate) <= 50, f"{path.name} needs about {estimate:.0f} minutes: more than one class"
