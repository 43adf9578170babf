"""A notebook's lesson time by a stated method, so that the time a notebook promises can be checked.

Reading at a grade-9 pace (150 words a minute) for the prose, plus 1 minute per figure or table to look
at, 3 minutes per widget task, 1 minute per prediction and 4 minutes per discussion prompt, plus the stated length of any class activity. The guide
says how a walk-through done as a student checked these numbers.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from tests.support.readability import notebook_prose

WORDS_PER_MINUTE = 150
MINUTES = {"figure": 1, "widget": 3, "predict": 1, "discuss": 4}


def parts(path: Path) -> dict[str, int]:
    """What a student does in the notebook: words to read, figures, widgets, predictions, discussion prompts."""
    nb = nbformat.read(path, as_version=4)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return {
        "words": len(re.findall(r"[A-Za-z][A-Za-z']*", notebook_prose(path))),
        "figure": len(re.findall(r"style\.show\(|tables\.\w+_table\(", code)),
        # a task is a widget to use, or a "Now try" step (one widget can carry several)
        "widget": max(len(re.findall(r"\.show\(\)", code)), markdown.count("**Now try")),
        "predict": markdown.count("**Predict first:**"),
        "discuss": markdown.count("**Discuss:**"),
        # a class activity states its own length, e.g. "*(activity: 15 minutes)*" under its heading
        "activity": sum(int(n) for n in re.findall(r"\(activity: (\d+) minutes", markdown)),
    }


def estimated_minutes(path: Path) -> float:
    """Minutes a class needs for the notebook, by the method above."""
    p = parts(path)
    return p["words"] / WORDS_PER_MINUTE + sum(MINUTES[k] * p[k] for k in MINUTES) + p["activity"]


def stated_minutes(path: Path) -> int:
    """The time the notebook's first cell promises ('Time: about N minutes')."""
    first = nbformat.read(path, as_version=4).cells[0].source
    match = re.search(r"\*\*Time:\*\* about (\d+) minutes", first)
    return int(match.group(1)) if match else -1
