"""Words in quotation marks attributed to Harp, Cagle or the ICE spokesman are their own words in the article (issue #19).

Every paragraph that names one of them, in the notebooks, the guide, the package's student-facing text and
the facts tables, is searched for spans in double quotation marks of three words or more; each span (or
each part of it around an ellipsis) must sit inside a direct quotation of a speaker that paragraph names,
as `shared/source/article.txt` prints it, ignoring case, curly quotes and spacing. What the reporter tells
in indirect speech ("According to Harp, ...") is the reporter's wording: the lab paraphrases it without
quotation marks.
"""

from __future__ import annotations

import ast
import csv
import os
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path(os.environ.get("PLATETRAILS_ARTICLE", ROOT.parent / "shared" / "source" / "article.txt"))
SPEAKERS = re.compile(r"\b(Harp|Cagle|spokesman|spokesperson)\b")
# How the lab's own text also names them ("the former FBI agent", "the ACLU attorney", "the station")
ALIASES = {"Harp": re.compile(r"\bagent\b"), "Cagle": re.compile(r"\battorney\b")}
QUOTED = re.compile(r"[\"\u201c]([^\"\u201c\u201d]+?)[\"\u201d]")
ELLIPSIS = re.compile(r"\.\.\.|\u2026|\[[^\]]*\]")


def normal(text: str) -> str:
    """Lower case, straight apostrophes, plain dashes and single spaces; no punctuation at either end."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip(" .,;:!?-'").lower()


def paragraphs() -> list[tuple[str, str]]:
    """(where, paragraph) for every paragraph of the lab's text that a student or teacher reads."""
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for i, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type == "markdown":
                found += [(f"{path.name} cell {i}", p) for p in re.split(r"\n\s*\n|\n(?=[-*] )", cell.source)]
    for path in sorted((ROOT / "instructors").glob("*.md")):
        found += [(path.name, p) for p in re.split(r"\n\s*\n|\n(?=- )", path.read_text("utf-8"))]
    for path in sorted((ROOT / "platetrails").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found += [(f"{path.relative_to(ROOT)} line {node.lineno}", node.value)]
    for path in sorted((ROOT / "data" / "facts").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.reader(f), start=1):
                found += [(f"{path.name} row {n}", cell) for cell in row]
    return found


def speakers_quotes(article: str) -> dict[str, list[str]]:
    """Each speaker's direct quotations in the article: a quotation belongs to the speaker its paragraph names,
    or else to the last one named before it."""
    quotes: dict[str, list[str]] = {}
    last = ""
    for paragraph in re.split(r"\n\s*\n", article):
        named = [m.group(1) for m in SPEAKERS.finditer(paragraph)]
        for span in QUOTED.findall(paragraph):
            speaker = named[-1] if named else last
            quotes.setdefault(speaker.replace("spokesperson", "spokesman"), []).append(normal(span))
        last = named[-1] if named else last
    return quotes


def misquotes(article: str, texts: list[tuple[str, str]]) -> list[str]:
    """Each quoted span (three words or more) in a paragraph naming a speaker that is not that speaker's words."""
    quotes = speakers_quotes(article)
    wrong = []
    for where, text in texts:
        named = {m.group(1).replace("spokesperson", "spokesman") for m in SPEAKERS.finditer(text)}
        named |= {speaker for speaker, alias in ALIASES.items() if alias.search(text)}
        if not named:
            continue
        theirs = [q for speaker in named for q in quotes.get(speaker, [])]
        for span in QUOTED.findall(text):
            if len(span.split()) < 3:
                continue
            parts = [normal(p) for p in ELLIPSIS.split(span) if normal(p)]
            if not all(any(p in q for q in theirs) for p in parts):
                wrong.append(f'{where}: "{" ".join(span.split())}"')
    return wrong


@pytest.mark.skipif(not ARTICLE.exists() and not os.environ.get("CI"), reason="the article is not on this machine")
def test_quotes_of_harp_cagle_and_the_spokesman_are_the_article_s_words() -> None:
    wrong = misquotes(ARTICLE.read_text("utf-8"), paragraphs())
    assert not wrong, "quoted, but not the article's words:\n" + "\n".join(wrong)


def test_the_check_finds_a_paraphrase_in_quotation_marks() -> None:
    article = (
        "\u201cOver time, if our car is seen many times\u201d said Cagle.\n\n"
        "According to Harp, that information is actually public.\n\n"
        "\u201cThey use it for whenever there\u2019s a kidnapping,\u201d said Harp."
    )
    texts = [
        ("ok", "Cagle warned: \u201cover time, if our car is seen many times\u201d."),
        ("cut", 'Cagle said "Over time ... many times".'),
        ("indirect", 'Harp said the information "is actually public" online.'),
        ("wrong speaker", 'Harp said "if our car is seen".'),
        ("no speaker", 'The analyst is "fairly sure of it" here.'),
        ("ok", 'Harp: "They use it for whenever there\'s a kidnapping".'),
        ("alias", 'The agent\'s own words ("is actually public") come from the story.'),
    ]
    assert misquotes(article, texts) == [
        'indirect: "is actually public"',
        'wrong speaker: "if our car is seen"',
        'alias: "is actually public"',
    ]
