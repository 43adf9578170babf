"""The instructor guide's parts for paper: each notebook's section split into its introduction, its
minute-by-minute plan, and the rest (what students usually find, the task answers, the discussion guidance),
read from instructors/guide.md so that a change to the guide shows up in every handout."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "instructors" / "guide.md"
TROUBLESHOOTING = ROOT / "instructors" / "troubleshooting.md"
SECTION = re.compile(r"^## Notebook (\d\d), (.+?) \((\d+) minutes(?:[^)]*)\)\s*$", re.M)
EXIT_TICKET = re.compile(r"^(?:\*\*)?Exit ticket:?(?:\*\*)?:?.*?(?=^\s*$|\Z)", re.M | re.S)


@dataclass(frozen=True)
class GuideSection:
    """One notebook's section of the guide, as markdown pieces."""

    number: str
    title: str
    minutes: int
    intro: str  # the paragraphs before the plan
    plan: str  # the plan's table
    key: str  # everything after the plan but the exit ticket: findings, task answers, discussion guidance


def section_texts(text: str) -> list[tuple[str, str, int, str]]:
    """(number, title, stated minutes, text up to the next '## ') for each notebook section of the guide."""
    found = list(SECTION.finditer(text))
    sections = []
    for m in found:
        rest = text[m.end() :]
        end = re.search(r"^## ", rest, re.M)
        sections.append((m.group(1), m.group(2), int(m.group(3)), rest[: end.start()] if end else rest))
    return sections


def sections(text: str | None = None) -> dict[str, GuideSection]:
    """Every notebook's section of the guide, by notebook number."""
    text = GUIDE.read_text(encoding="utf-8") if text is None else text
    found = {}
    for number, title, minutes, body in section_texts(text):
        lines = body.splitlines()
        start = next(i for i, line in enumerate(lines) if line.startswith("| minutes |"))
        end = next((i for i in range(start, len(lines)) if not lines[i].startswith("|")), len(lines))
        key = EXIT_TICKET.sub("", "\n".join(lines[end:])).strip()
        found[number] = GuideSection(
            number, title, minutes, "\n".join(lines[:start]).strip(), "\n".join(lines[start:end]), key
        )
    return found
