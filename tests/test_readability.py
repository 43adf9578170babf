"""Every notebook reads at or below a grade-10 level (Flesch-Kincaid, syllables from pyphen's en_US dictionary).

Lesson times are checked in test_lesson_times.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.notebooks import all_notebooks
from tests.support.readability import (
    fernandez_huerta,
    flesch_kincaid_grade,
    flesch_reading_ease,
    grade,
    notebook_prose,
)

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


# The Spanish edition: Fernández Huerta's reading ease (the Spanish form of Flesch's scale) of each Spanish
# notebook is at least its English notebook's Flesch reading ease, less a few points, and "normal" (60) or easier.
SPANISH_MARGIN = 5
SPANISH_FLOOR = 60


def test_the_spanish_formula_ranks_plain_and_hard_text() -> None:
    plain = fernandez_huerta("El auto es rojo. Está en la casa. La cámara lo vio.")
    hard = fernandez_huerta(
        "La interpretación constitucional contemporánea presupone consideraciones epistemológicas "
        "extraordinariamente complejas sobre la vigilancia indiscriminada y sistemática de desplazamientos."
    )
    assert hard < SPANISH_FLOOR < plain


@pytest.mark.parametrize("path", all_notebooks(), ids=lambda p: p.name)
def test_each_spanish_notebook_reads_as_easily_as_its_english_one(path: Path) -> None:
    english = flesch_reading_ease(notebook_prose(path))
    spanish = fernandez_huerta(notebook_prose(path.parent / "es" / path.name))
    assert spanish >= max(SPANISH_FLOOR, english - SPANISH_MARGIN), (
        f"{path.name}: Spanish {spanish:.1f} (Fernández Huerta), English {english:.1f} (Flesch)"
    )
