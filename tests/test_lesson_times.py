"""Every lesson fits one 50-minute class by the guide's own counting method, and the guide agrees.

The times are computed from the notebook files (`tests/support/timing.py` holds the method); the guide's
sections, their order, their stated times and their plans are read from `instructors/guide.md`.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from handouts.guide_parts import section_texts
from tests.support.notebooks import all_notebooks
from tests.support.timing import (
    CLASS_MINUTES,
    EXTENSION,
    estimated_minutes,
    extension_cells,
    parts,
    stated_minutes,
)

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "instructors" / "guide.md"
TROUBLESHOOTING = ROOT / "instructors" / "troubleshooting.md"
NOTEBOOKS = all_notebooks()


def guide_sections(text: str) -> list[tuple[str, int, str]]:
    """Each notebook section of the guide: its number, its stated minutes and its text up to the next '## '
    (read as the handouts read it, handouts/guide_parts.py)."""
    return [(number, minutes, body) for number, _title, minutes, body in section_texts(text)]


def plan_minutes(section: str) -> list[int]:
    """The minutes column of the first table in a guide section whose header starts with '| minutes |'."""
    lines = section.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| minutes |"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(int(line.split("|")[1].strip()))
    return rows


def write_notebook(path: Path, cells: list[nbformat.NotebookNode]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nbformat.write(nb, path)
    return path


def test_the_method_counts_every_part_of_a_lesson_and_leaves_out_the_extension(tmp_path: Path) -> None:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    words = " ".join(["word"] * 150) + "."
    path = write_notebook(
        tmp_path / "nb.ipynb",
        [
            md(f"# Title\n\n**Time:** about 30 minutes.\n\n{words}"),
            code("from platetrails import lab\ntown = lab.start()", metadata={"tags": ["setup"]}),
            md("## A widget\n\n**Predict first:** what happens?"),
            code("widgets.Explorer(town).show()"),
            md("**Now try:**\n\n1. one\n2. two\n3. three\n\n**What to notice:** a thing."),
            md("**Discuss:** why?"),
            code("style.show(charts.one(town))\ntables.cases_table(facts)"),
            md("| a | b |\n| --- | --- |\n| 1 | 2 |"),
            code("widgets.Dial(town).show()"),
            md(
                "## Activity\n\n*(activity: 10 minutes)*\n\n## Key points\n\n## Discussion questions\n\n1. one?\n2. two?"
            ),
            md(f"## {EXTENSION}\n\n{words}"),
            code("widgets.Extra(town).show()"),
            md("### More\n\n**Discuss:** and this?"),
            md("## Sources\n\nnone"),
        ],
    )
    p = parts(path)
    # 3 figures (a chart, a table, a Markdown table); 3 + 1 tasks; 1 + 2 prompts
    assert (p["figure"], p["widget"], p["predict"], p["discuss"], p["activity"]) == (3, 4, 1, 3, 10)
    assert 150 < p["words"] < 190  # the 150 words and the short prompts
    assert estimated_minutes(path) == pytest.approx(p["words"] / 150 + 3 + 12 + 1 + 12 + 10)
    assert stated_minutes(path) == 30
    assert [c.source.split("\n")[0] for c in extension_cells(nbformat.read(path, as_version=4))] == [
        f"## {EXTENSION}",
        "widgets.Extra(town).show()",
        "### More",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_each_notebook_states_the_time_its_parts_take_and_fits_one_class(path: Path) -> None:
    stated, estimate = stated_minutes(path), estimated_minutes(path)
    assert stated > 0, "the first cell says '**Time:** about N minutes'"
    assert abs(stated - estimate) <= 2, (
        f"{path.name} says {stated} minutes; by the guide's method it takes {estimate:.1f}"
    )
    assert stated <= CLASS_MINUTES and round(estimate) <= CLASS_MINUTES, (
        f"{path.name} needs about {estimate:.0f} minutes: more than one class; move a part under a heading "
        f"'{EXTENSION}' or cut repetition"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_an_extension_is_marked_and_comes_after_the_key_points(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown" and c.source.startswith("#")]
    marked = [h for h in headings if "xtension" in h]
    assert all(h == f"## {EXTENSION}" for h in marked), f"an extension is marked exactly '## {EXTENSION}'"
    if marked:
        assert headings.index("## Key points") < headings.index(marked[0]), "the lesson ends before the extension"
        assert extension_cells(nb), "the extension holds something"


def test_the_guide_runs_in_notebook_order_and_states_each_notebooks_time() -> None:
    sections = guide_sections(GUIDE.read_text())
    numbers = [n for n, _, _ in sections]
    assert numbers == [p.name[:2] for p in NOTEBOOKS], f"the guide's notebooks run {numbers}"
    for (number, minutes, _), path in zip(sections, NOTEBOOKS):
        assert minutes == stated_minutes(path), (
            f"the guide gives notebook {number} {minutes} minutes; it says {stated_minutes(path)}"
        )


def test_each_plan_in_the_guide_covers_the_notebook_and_fits_one_class() -> None:
    for (number, minutes, section), path in zip(guide_sections(GUIDE.read_text()), NOTEBOOKS):
        plan = plan_minutes(section)
        assert minutes <= sum(plan) <= CLASS_MINUTES, f"notebook {number}: the plan adds up to {sum(plan)} minutes"
        if extension_cells(nbformat.read(path, as_version=4)):
            assert "Extension" in section, f"notebook {number}: the guide says what its extension holds"


def test_the_guide_opens_with_the_mixed_status_guidance_and_links_the_troubleshooting_page() -> None:
    text = GUIDE.read_text()
    mixed = text.index("mixed-status families")
    assert mixed < text.index("## Notebook 00"), "the advice applies from notebook 00 on"
    assert text.count("mixed-status families") >= 1 and "troubleshooting.md" in text
    assert "instructors/troubleshooting.md" in (ROOT / "README.md").read_text()


def test_the_troubleshooting_page_says_what_each_problem_looks_like_and_what_to_click() -> None:
    text = TROUBLESHOOTING.read_text()
    problems = re.findall(r"^## (.+)$", text, re.M)
    for needed in ("Run All", "kernel", "Error displaying widget", "Running..."):
        assert any(needed in p for p in problems) or needed in text, f"the page covers '{needed}'"
    assert len(problems) >= 4
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        if section.startswith("For the school's IT person"):
            continue
        assert "**What it looks like:**" in section and "**What to do:**" in section, section.splitlines()[0]
    teacher_part = text.split("## For the school's IT person")[0]
    assert "```" not in teacher_part and "make " not in teacher_part, "a teacher never needs to type a command"


def test_the_guide_says_how_much_longer_the_spanish_lessons_run() -> None:
    """The guide's section on Spanish classes: one to three more minutes of reading per lesson, which takes
    notebooks 01 to 05 (and only those) past 50 minutes. Recomputed with the guide's own method."""
    from tests.support.timing import edition_minutes

    extra = {p.name[:2]: edition_minutes(p) - estimated_minutes(p) for p in all_notebooks()}
    assert all(1 <= more <= 3 for more in extra.values()), extra
    over = sorted(p.name[:2] for p in all_notebooks() if edition_minutes(p) > 50)
    assert over == ["01", "02", "03", "04", "05"], over
    guide = (ROOT / "instructors" / "guide.md").read_text(encoding="utf-8")
    assert (
        "adds one to three\nminutes of reading to each lesson, which takes notebooks 01 to 05 past the end of the period"
        in guide
    )
