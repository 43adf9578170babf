"""Finds English sentences left in a translated text: quotes, links, code and names are allowed to stay English.

A sentence counts as English when, outside quotes, links and code, it holds at least two English function words
("the", "and", "with"...) and more of them than Spanish ones: names ("Immigration and Customs Enforcement",
"Alder Falls") have at most one, and a Spanish sentence with one English name has far more Spanish words.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator

ENGLISH = frozenset(
    "the and of is are with that this for from you your what which how it they their was were has have can will"
    " would or by an be these those who when where does did its than then there here about into only each every"
    " some any more most could should been after before over under between because while".split()
)
SPANISH = frozenset(
    "el la los las de del que y en un una es son con por para se su sus al lo como más pero este esta estos estas"
    " no sí qué cuál cómo cuando donde ya muy hay ser fue puede pueden tu tus te le les ni o u entre sobre sin"
    " hasta desde cada otro otra otros otras también solo".split()
)
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')  # an English quote stays English (its translation follows it)
_LINK = re.compile(r"!?\[[^\]]*\]\([^)]*\)")  # a link's words often name its source
_CODE = re.compile(r"```.*?```|`[^`]*`", re.S)
_URL = re.compile(r"https?://\S+")
_ANCHOR = re.compile(r"<a\b[^>]*>.*?</a>", re.S | re.I)  # an HTML link: its words name a source
_TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?:;|])\s+|\n+")
_CELL_END = re.compile(r"</t[dh]>|</tr>|</li>|</p>|<br\s*/?>", re.I)  # each cell, item or paragraph on its own
# A name: capitalised words, joined by the small words names hold ("Supreme Court of the United States",
# "Center for Democracy & Technology"); a sentence that starts with a capital keeps its other words.
_NAME = re.compile(r"\b[A-Z][\w.&'-]*(?:(?:\s+(?:of|the|and|for|on|in|&))*\s+[A-Z][\w.&'-]*)*")
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ']+")


def readable(text: str) -> str:
    """The words a reader sees: HTML tags, code, links, web addresses and quotes removed."""
    text = html.unescape(_TAG.sub(" ", _CELL_END.sub("\n", _ANCHOR.sub(" ", text))))
    for pattern in (_CODE, _LINK, _URL, _QUOTED):
        text = pattern.sub(" ", text)
    return text


def is_english(sentence: str) -> bool:
    """Whether a sentence (already without quotes, links and code) reads as English, its names left out."""
    words = [w.lower() for w in _WORD.findall(_NAME.sub(" ", sentence))]
    english = sum(w in ENGLISH for w in words)
    return english >= 2 and english > sum(w in SPANISH for w in words)


def english_sentences(texts: Iterable[str]) -> Iterator[str]:
    """Each English sentence in these texts, as it reads."""
    for text in texts:
        for sentence in _SENTENCE_END.split(readable(text)):
            if is_english(sentence):
                yield " ".join(sentence.split())


def widget_texts(widget) -> Iterator[str]:
    """Every text an ipywidget and its children show: labels, options, tooltips, HTML and tab titles."""
    seen: set[int] = set()
    todo = [widget.show() if hasattr(widget, "show") else widget]  # a LabWidget: the layout a notebook shows
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for name in ("description", "placeholder", "tooltip"):
            value = getattr(node, name, None)
            if isinstance(value, str) and value:
                yield value
        if type(node).__name__ in {"HTML", "HTMLMath", "Label"} and node.value:
            yield node.value
        yield from getattr(node, "_options_labels", ()) or ()
        for title in getattr(node, "titles", ()) or ():
            if title:
                yield title
        todo.extend(getattr(node, "children", ()) or ())
