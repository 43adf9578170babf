"""A notebook's lesson as parts for paper: its title and aims, its headings, its key pictures, and every
prediction, task, discussion prompt and exit ticket in order, read from the notebook's own cells.

The Spanish notebooks are built cell for cell from the English ones, so each part is recognised in the English
cell and its words are taken from the same cell of the notebook in the handout's language. The lesson ends where
the notebook's extension begins (the extension is not in the 50 minutes).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from platetrails.widgets.registry import names as widget_names

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
NUMBERS = ("00", "01", "02", "03", "04", "05", "06")
WIDGET_CALL = re.compile(r"widgets\.(?:\w+\.)?([A-Z]\w+)\(")
ANSWER_BOX = re.compile(r"widgets\.answer_box\(\"([^\"]+)\"\)")
ACTIVITY = "*(activity:"  # a class activity's cell: printed whole but for its heading and its words on the widget
MARKERS = {"**Discuss:**": "discuss", "**Now try": "try", "**Exit ticket:**": "exit"}


@dataclass(frozen=True)
class Part:
    """One piece of a lesson: `kind` is heading, figure, predict, try, discuss, activity or exit; `text` is markdown in
    the handout's language (a figure's text is the widget's class name); `question` is the send box's id."""

    kind: str
    text: str
    question: str = ""
    writing: bool = False  # an activity of writing ("*(activity: 12 minutes of writing)*"), not of talking


@dataclass(frozen=True)
class Lesson:
    number: str
    title: str
    aims: str  # the notebook's "What you will learn" list, markdown
    parts: tuple[Part, ...]

    def of_kind(self, *kinds: str) -> list[Part]:
        return [p for p in self.parts if p.kind in kinds]


def notebook_path(number: str, language: str = "en") -> Path:
    """The notebook `number` ("04") in `language` (English at the top of notebooks/, others in notebooks/<lang>/)."""
    folder = NOTEBOOKS if language == "en" else NOTEBOOKS / language
    found = sorted(folder.glob(f"{number}_*.ipynb"))
    if not found:
        raise FileNotFoundError(f"no notebook {number} in {folder}")
    return found[0]


def _cells(number: str, language: str) -> list[tuple[nbformat.NotebookNode, nbformat.NotebookNode]]:
    english = nbformat.read(notebook_path(number), as_version=4).cells
    shown = nbformat.read(notebook_path(number, language), as_version=4).cells
    if len(english) != len(shown):
        raise ValueError(f"notebook {number}: the {language} edition has {len(shown)} cells, English {len(english)}")
    return list(zip(english, shown, strict=True))


def _marker(source: str) -> str | None:
    return next((kind for marker, kind in MARKERS.items() if source.lstrip().startswith(marker)), None)


def on_paper(english: str, shown: str) -> str:
    """An activity cell's paragraphs for paper, in the shown language: all but the heading and those about the
    widget (how to click it, how it saves), judged on the English paragraph beside each."""
    pairs = list(zip(english.split("\n\n"), shown.split("\n\n"), strict=True))
    kept = [mine for theirs, mine in pairs if not theirs.lstrip().startswith("#") and "widget" not in theirs]
    return "\n\n".join(kept).strip()


def lesson(number: str, language: str = "en") -> Lesson:
    """The lesson of notebook `number` as parts, in `language`."""
    from platetrails import questions
    from platetrails.i18n import using_language

    pairs = _cells(number, language)
    title_cell = pairs[0][1].source
    title = title_cell.splitlines()[0].lstrip("# ").strip()
    aims = "\n".join(line for line in title_cell.splitlines()[1:] if line.strip().startswith("- "))
    known = set(widget_names())
    parts: list[Part] = []
    for english, shown in pairs[1:]:
        source = english.source
        if english.cell_type == "markdown":
            first = source.lstrip().splitlines()[0] if source.strip() else ""
            if first.startswith("## Extension") or first.startswith("## Key points"):
                break
            if first.startswith("#"):
                parts.append(Part("heading", shown.source.lstrip().splitlines()[0].lstrip("# ").strip()))
            if ACTIVITY in source:
                parts.append(Part("activity", on_paper(source, shown.source), writing="of writing)*" in source))
                continue
            kind = _marker(source)
            if kind is not None:
                parts.append(Part(kind, shown.source.strip()))  # with the notebook's own bold lead-in
            continue
        box = ANSWER_BOX.search(source)
        if box:
            qid = box.group(1)
            if "-predict-" in qid:
                with using_language(language):
                    parts.append(Part("predict", questions.find(qid).prompt(), qid))
            else:  # the task's or exit ticket's words are in the cell before: give it the box's id
                for i in range(len(parts) - 1, -1, -1):
                    if parts[i].kind in ("try", "exit") and not parts[i].question:
                        parts[i] = Part(parts[i].kind, parts[i].text, qid)
                        break
            continue
        for name in WIDGET_CALL.findall(source):
            if name in known:
                parts.append(Part("figure", name))
    return Lesson(number, title, aims, tuple(parts))
