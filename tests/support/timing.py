"""A notebook's lesson time by the guide's method, counted from the notebook file itself.

The method ("How the times were set" in `instructors/guide.md`): reading at a grade-9 pace (150 words a
minute) for the prose, plus 1 minute to look at each figure or table, 3 minutes per widget task, 1 minute
per prediction and 4 minutes per discussion prompt, plus the stated length of any class activity.

What counts, so that a notebook cannot look shorter than it is:

- the lesson is every cell except the sections under a heading "Extension (optional, not in the 50
  minutes)"; such a section runs to the next heading of the same or a higher level;
- words: the prose a student reads in the lesson's Markdown (`readability.prose`);
- a figure or table: each one a code cell after the setup shows (every `style.show(...)`, and a last line
  that shows a value), unless the cell is a widget or a send box (`widgets.answer_box`, which takes the place
  of a "Your answer" cell), and every Markdown table;
- a widget task: each numbered step of a "Now try" list (one task for a "Now try" without numbered
  steps), and one task for a widget with no "Now try" after it;
- a prediction: each "**Predict first:**";
- a discussion prompt: each "**Discuss:**", each "**Your claim:**", and each numbered question under a
  "Discussion questions" heading;
- an activity: its stated length, "*(activity: 15 minutes)*" under its heading.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from tests.support.readability import prose

WORDS_PER_MINUTE = 150
MINUTES = {"figure": 1, "widget": 3, "predict": 1, "discuss": 4}
CLASS_MINUTES = 50
EXTENSION = "Extension (optional, not in the 50 minutes)"

_HEADING = re.compile(r"^(#+) (.*)$", re.M)
_WIDGET = re.compile(r"\.show\(\)")
_STEP = re.compile(r"^\d+\. ", re.M)
_SEND_BOX = re.compile(r"widgets\.answer_box\(")  # a box to type an answer in, as a "Your answer" cell was


def _heading(source: str) -> tuple[int, str] | None:
    """The level and text of the cell's first heading, if the cell starts with one."""
    match = _HEADING.match(source.lstrip())
    return (len(match.group(1)), match.group(2).strip()) if match else None


def lesson_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The cells a class works through: all but the extension sections."""
    kept, inside = [], None  # inside: the level of the extension heading we are in
    for cell in nb.cells:
        head = _heading(cell.source) if cell.cell_type == "markdown" else None
        if head and inside is not None and head[0] <= inside:
            inside = None
        if head and head[1] == EXTENSION:
            inside = head[0]
        if inside is None:
            kept.append(cell)
    return kept


def extension_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """The cells in extension sections."""
    lesson = {id(c) for c in lesson_cells(nb)}
    return [c for c in nb.cells if id(c) not in lesson]


def _now_try_steps(source: str) -> int:
    """Tasks in a cell's "Now try" blocks: each numbered step, or one for a block without steps."""
    tasks = 0
    for block in source.split("**Now try")[1:]:
        body = block.split(":**", 1)[-1].lstrip("\n")
        steps = re.split(r"\n\s*\n(?!\d+\. )", body, maxsplit=1)[0]
        tasks += max(1, len(_STEP.findall(steps)))
    return tasks


def _widget_tasks(cells: list[nbformat.NotebookNode]) -> int:
    """Every "Now try" task, plus one task for each widget that no "Now try" follows before the next code cell."""
    tasks = sum(_now_try_steps(c.source) for c in cells if c.cell_type == "markdown")
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and _WIDGET.search(cell.source):
            after = []
            for later in cells[i + 1 :]:
                if later.cell_type == "code":
                    break
                after.append(later.source)
            tasks += 0 if any("**Now try" in a for a in after) else 1
    return tasks


def _displays(source: str) -> int:
    """Figures and tables a code cell shows: each `style.show(...)`, and its last line if that shows a value."""
    lines = [line for line in source.strip().splitlines() if line.strip() and not line.lstrip().startswith("#")]
    last = lines[-1] if lines else ""
    shows_last = bool(last) and "style.show(" not in last and not re.match(r"^\w+(\.\w+)*\s*=[^=]", last)
    return source.count("style.show(") + int(shows_last)


def _tables(source: str) -> int:
    """Markdown tables in a cell: runs of lines that start with '|'."""
    lines = [line.lstrip().startswith("|") for line in source.splitlines()]
    return sum(1 for i, is_row in enumerate(lines) if is_row and (i == 0 or not lines[i - 1]))


def _discussion_questions(markdown: list[str]) -> int:
    count = 0
    for source in markdown:
        for section in re.split(r"(?=^#+ )", source, flags=re.M):
            if re.match(r"#+ Discussion questions", section):
                count += len(_STEP.findall(section))
    return count


def parts(path: Path) -> dict[str, int]:
    """What a class does in the lesson part of a notebook."""
    cells = lesson_cells(nbformat.read(path, as_version=4))
    code = [c for c in cells if c.cell_type == "code" and "setup" not in c.metadata.get("tags", [])]
    markdown = [c.source for c in cells if c.cell_type == "markdown"]
    text = "\n".join(markdown)
    return {
        "words": len(re.findall(r"[A-Za-z][A-Za-z']*", prose(markdown))),
        "figure": sum(
            _displays(c.source) for c in code if not _WIDGET.search(c.source) and not _SEND_BOX.search(c.source)
        )
        + sum(_tables(s) for s in markdown),
        "widget": _widget_tasks(cells),
        "predict": text.count("**Predict first:**"),
        "discuss": text.count("**Discuss:**") + text.count("**Your claim:**") + _discussion_questions(markdown),
        "activity": sum(int(n) for n in re.findall(r"\(activity: (\d+) minutes", text)),
    }


def estimated_minutes(path: Path) -> float:
    """Minutes a class needs for the lesson part of the notebook, by the method above."""
    p = parts(path)
    return p["words"] / WORDS_PER_MINUTE + sum(MINUTES[k] * p[k] for k in MINUTES) + p["activity"]


def stated_minutes(path: Path) -> int:
    """The time the notebook's first cell promises ('**Time:** about N minutes')."""
    first = nbformat.read(path, as_version=4).cells[0].source
    match = re.search(r"\*\*Time:\*\* about (\d+) minutes", first)
    return int(match.group(1)) if match else -1


def edition_minutes(path: Path, lang: str = "es") -> float:
    """Minutes for the same lesson in a translated edition (notebooks/<lang>/, built cell for cell): the English
    notebook's tasks, figures and discussions, with the edition's own words read at the same rate."""
    english = nbformat.read(path, as_version=4)
    edition = nbformat.read(path.parent / lang / path.name, as_version=4)
    lesson = {id(c) for c in lesson_cells(english)}
    markdown = [
        edition.cells[i].source
        for i, cell in enumerate(english.cells)
        if id(cell) in lesson and cell.cell_type == "markdown"
    ]
    words = len(re.findall(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][A-Za-zÁÉÍÓÚÜÑáéíóúüñ']*", prose(markdown)))
    p = parts(path)
    return words / WORDS_PER_MINUTE + sum(MINUTES[k] * p[k] for k in MINUTES) + p["activity"]
