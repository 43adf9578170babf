"""How hard a notebook's prose is to read: the Flesch-Kincaid grade of its Markdown, without links, code and tables."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pyphen

_HYPHENATOR = pyphen.Pyphen(lang="en_US")


def notebook_prose(path: Path) -> str:
    """The sentences a student reads in a notebook's Markdown cells (headings, tables, links and code removed)."""
    nb = nbformat.read(path, as_version=4)
    return prose([cell.source for cell in nb.cells if cell.cell_type == "markdown"])


def prose(markdown: list[str]) -> str:
    """The sentences a student reads in these Markdown sources (headings, tables, links and code removed)."""
    parts = []
    for source in markdown:
        for line in source.splitlines():
            line = line.strip()
            if not line or line.startswith(("#", "|", "<", "```")):
                continue
            line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)  # a link reads as its words
            line = re.sub(r"`[^`]*`", "it", line)  # code names read as one short word
            line = re.sub(r"[*_>]", "", line).lstrip("-0123456789. ")
            if line and not line.endswith((".", "?", "!", ":")):
                line += "."  # a list item or a label is its own sentence
            parts.append(line)
    return " ".join(parts)


def syllables(word: str) -> int:
    """Syllables in a word, from the hyphenation points of an English dictionary (at least one)."""
    return max(1, len(_HYPHENATOR.inserted(word.lower()).split("-")))


def flesch_kincaid_grade(text: str) -> float:
    """0.39 x words per sentence + 11.8 x syllables per word - 15.59 (Kincaid et al., 1975)."""
    sentences = max(1, len(re.findall(r"[.!?]+(\s|$)", text)))
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    if not words:
        return 0.0
    per_word = sum(syllables(w) for w in words) / len(words)
    return 0.39 * len(words) / sentences + 11.8 * per_word - 15.59


def grade(path: Path) -> float:
    """The Flesch-Kincaid grade level of the notebook's prose."""
    return flesch_kincaid_grade(notebook_prose(path))


_SPANISH = pyphen.Pyphen(lang="es")


def fernandez_huerta(text: str) -> float:
    """206.84 - 60 x syllables per word - 1.02 x words per sentence: Fernández Huerta's (1959) Spanish form of
    Flesch's reading ease, as textstat computes it; 60 to 70 reads as "normal", higher is easier."""
    sentences = max(1, len(re.findall(r"[.!?]+(\s|$)", text)))
    words = re.findall(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+", text)
    if not words:
        return 0.0
    per_word = sum(max(1, len(_SPANISH.inserted(w.lower()).split("-"))) for w in words) / len(words)
    return 206.84 - 60 * per_word - 1.02 * len(words) / sentences


def flesch_reading_ease(text: str) -> float:
    """206.835 - 84.6 x syllables per word - 1.015 x words per sentence (Flesch, 1948): the English scale
    Fernández Huerta adapted, to compare the two editions on one scale."""
    sentences = max(1, len(re.findall(r"[.!?]+(\s|$)", text)))
    words = re.findall(r"[A-Za-z][A-Za-z']*", text)
    if not words:
        return 0.0
    per_word = sum(syllables(w) for w in words) / len(words)
    return 206.835 - 84.6 * per_word - 1.015 * len(words) / sentences
