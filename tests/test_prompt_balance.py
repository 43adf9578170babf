"""Discussion prompts lean each way in equal numbers, and the guide says which way each one leans (issue #18).

Each guidance bullet for a notebook's **Discuss:** prompt starts `- *Prompt name* (leans police)`,
`(leans civil liberties)` or `(two-sided)` in `instructors/guide.md`. A prompt leans one way when it asks
students to build or weigh that side's case; its tag names what the prompt asks, and the guide's intro says so.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import nbformat
import pytest

from tests.support.notebooks import all_notebooks
from tests.test_lesson_times import GUIDE, guide_sections

LEANS = ("leans police", "leans civil liberties", "two-sided")
TAGGED = re.compile(r"^- \*[^*\n]+\* \((leans police|leans civil liberties|two-sided)\)", re.M)
DISCUSS = re.compile(r"\*\*Discuss[^*]*:\*\*")
NOTEBOOKS = all_notebooks()


def discuss_blocks(path: Path) -> int:
    """How many **Discuss:** prompts a notebook's Markdown cells hold (lesson and extension)."""
    nb = nbformat.read(path, as_version=4)
    return sum(len(DISCUSS.findall(c.source)) for c in nb.cells if c.cell_type == "markdown")


def tags_by_notebook() -> dict[str, Counter]:
    """Each notebook section of the guide: how many bullets carry each lean tag."""
    return {
        number: Counter(TAGGED.findall(text)) for number, _minutes, text in guide_sections(GUIDE.read_text("utf-8"))
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_discuss_prompt_has_a_tagged_guide_bullet(path: Path) -> None:
    prompts = discuss_blocks(path)
    tags = tags_by_notebook()[path.stem[:2]]
    assert prompts > 0, f"{path.name} has no discussion prompt"
    assert sum(tags.values()) >= prompts, (
        f"{path.name} has {prompts} Discuss prompts but its guide section tags {sum(tags.values())} bullets "
        f"({dict(tags)}): tag each prompt's guidance bullet with one of {LEANS}"
    )


def test_prompts_lean_each_way_in_equal_numbers() -> None:
    total = sum(tags_by_notebook().values(), Counter())
    assert total["leans police"] > 0 and total["leans civil liberties"] > 0, dict(total)
    assert total["leans police"] == total["leans civil liberties"], (
        f"prompts lean unevenly: {dict(total)}; rewrite prompts (not only tags) until the two sides are equal"
    )


def test_the_guide_explains_the_tags() -> None:
    text = GUIDE.read_text("utf-8")
    assert all(f"({lean})" in text.split("## Notebook 00")[0] for lean in LEANS)


def test_the_tag_pattern_reads_a_bullet() -> None:
    """The pattern that counts tags finds one in a bullet and none in a plain sentence (so the count can fail)."""
    assert TAGGED.findall("- *Hit rates* (leans police): most hits...\n") == ["leans police"]
    assert TAGGED.findall("- *Hit rates*: police say (leans police) later\n") == []
    assert TAGGED.findall("Hit rates (two-sided)\n") == []
