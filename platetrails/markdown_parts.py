"""A notebook's markdown cut into translatable parts (paragraphs, headings, list items, table rows) and put back.

`split_markdown` keeps every mark around a part (a heading's `## `, a list's `1. `, blank lines) as literal text,
so joining the parts, each translated or not, gives a cell with the same shape; the English joins back exactly.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

HEADING = re.compile(r"^(\s{0,3}#{1,6}\s+)")
LIST_ITEM = re.compile(r"^(\s*(?:[-*+]|\d{1,3}[.)])\s+)")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
SEPARATOR_ROW = re.compile(r"^\s*\|?(\s*:?-{3,}:?\s*\|)+\s*(:?-{3,}:?\s*)?$")
RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$")


@dataclass(frozen=True)
class Part:
    """One translatable piece of a markdown cell: its English `text`, between marks that stay as they are."""

    kind: str  # "heading", "paragraph", "list item" or "table row"
    prefix: str  # "## ", "- ", "1. " or leading spaces: kept, never translated
    text: str
    suffix: str  # trailing spaces


def split_markdown(source: str) -> list[str | Part]:
    """The cell's source as literal strings and Parts; joining them (a Part as prefix+text+suffix) gives it back."""
    lines = source.split("\n")
    spans: list[list] = []  # [kind, first line, last line, prefix length]
    current: list | None = None
    for i, line in enumerate(lines):
        if not line.strip() or RULE.match(line) or SEPARATOR_ROW.match(line):
            current = None
        elif heading := HEADING.match(line):
            spans.append(["heading", i, i, len(heading[1])])
            current = None
        elif TABLE_ROW.match(line):
            spans.append(["table row", i, i, 0])
            current = None
        elif item := LIST_ITEM.match(line):
            current = ["list item", i, i, len(item[1])]
            spans.append(current)
        elif current is not None:
            current[2] = i
        else:
            current = ["paragraph", i, i, len(line) - len(line.lstrip())]
            spans.append(current)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    pieces: list[str | Part] = []
    done = 0
    for kind, first, last, prefix_len in spans:
        begin, end = starts[first], starts[last] + len(lines[last])
        body = source[begin + prefix_len : end]
        text = body.rstrip()
        if not text:
            continue
        if begin > done:
            pieces.append(source[done:begin])
        pieces.append(Part(kind, source[begin : begin + prefix_len], text, body[len(text) :]))
        done = end
    if done < len(source):
        pieces.append(source[done:])
    return pieces


def join_markdown(pieces: list[str | Part], translate=lambda part: part.text) -> str:
    return "".join(p if isinstance(p, str) else p.prefix + translate(p) + p.suffix for p in pieces)


def parts_of(notebook: dict) -> list[tuple[int, str, int, Part]]:
    """(cell number from 1, cell id or "", part number from 1, part) for every part of every markdown cell."""
    found = []
    for number, cell in enumerate(notebook["cells"], 1):
        if cell["cell_type"] != "markdown":
            continue
        parts = [p for p in split_markdown(source(cell)) if isinstance(p, Part)]
        found.extend((number, cell.get("id", ""), k, part) for k, part in enumerate(parts, 1))
    return found


def where(cell: int, cell_id: str, part_no: int, kind: str) -> str:
    """How a translator (and `check`) names a part: 'cell 7 (id 2e8110ff), part 2 (list item)'."""
    named = f"cell {cell} (id {cell_id})" if cell_id else f"cell {cell}"
    return f"{named}, part {part_no} ({kind})"


def source(cell: dict) -> str:
    return cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])


def read_notebook(path: Path) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def notebook_bytes(notebook: dict) -> bytes:
    """A notebook as nbformat writes it (one-space indent, sorted keys, source as a list of lines)."""
    return (json.dumps(notebook, indent=1, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
