"""The printable page of a student's stand: one self-contained HTML page, written beside the save file.

The page needs nothing from outside to render: its figures are embedded as base64 PNG, each with its
description as alt text, and its style is in the page. Every word on it, the student's above all, is
escaped with `html.escape`, so typed HTML or script shows as characters and never runs.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

from matplotlib.figure import Figure

from platetrails import style
from platetrails.evidence_charts import draw_evidence, draw_stand, source_links
from platetrails.i18n import _, language
from platetrails.position_file import PAGE_NAME, save_folder
from platetrails.position_file import write_atomically as _write_atomically
from platetrails.states.evidence import EvidenceState, StandState

# --- The printable page -------------------------------------------------------------------------------

PAGE_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; font-size: 13pt; line-height: 1.45; color: #000;
       background: #fff; max-width: 46em; margin: 1.5em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin-bottom: 0.2em; }
h2 { font-size: 16pt; border-bottom: 1px solid #000; margin-top: 1.4em; }
h3 { font-size: 14pt; margin-bottom: 0.3em; }
img { max-width: 100%; height: auto; display: block; margin: 0.4em 0; }
.typed { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 4px solid #555; padding-left: 0.8em; }
.missing { font-style: italic; }
.note, .source, .who, footer { font-size: 11pt; }
.message { border: 2px solid #000; padding: 0.5em; }
section.evidence { break-inside: avoid; page-break-inside: avoid; }
a { color: #000; text-decoration: underline; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  img { max-height: 9cm; width: auto; }
  h2 { break-after: avoid; page-break-after: avoid; }
  a[href]::after { content: " (" attr(href) ")"; font-size: 9pt; overflow-wrap: anywhere; }
}
"""


def _img(fig: Figure) -> str:
    data = base64.b64encode(style.png_bytes(fig)).decode("ascii")
    alt = html.escape(style.description_of(fig), quote=True)
    return f'<img src="data:image/png;base64,{data}" alt="{alt}">'


def _typed(text: str) -> str:
    if not text:
        return f"<p class='missing'>{html.escape(_('(not written yet)'))}</p>"
    return f"<p class='typed'>{html.escape(text)}</p>"


def page_html(state: StandState, when: str = "") -> str:
    """The whole stand as one self-contained, printable HTML page. Everything on it is escaped."""
    e = html.escape
    title = _("My stand on plate readers")
    who = " · ".join(p for p in (state.name, when) if p)
    parts = [
        "<!DOCTYPE html>",
        f"<html lang='{e(language())}'><head><meta charset='utf-8'>",
        f"<title>{e(title + (': ' + state.name if state.name else ''))}</title>",
        f"<style>{PAGE_CSS}</style></head><body>",
        f"<h1>{e(title)}</h1>",
    ]
    if who:
        parts.append(f"<p class='who'>{e(who)}</p>")
    if state.message:
        parts.append(f"<div class='message'><p>{e(_('This stand is not finished yet:'))}</p>")
        parts += [f"<p>{e(p)}</p>" for p in state.message.split("\n\n")]
        parts.append("</div>")
    parts.append(f"<h2>{e(_('Where I stand'))}</h2>")
    if state.position:
        parts.append(f"<p><strong>{e(state.position_label)}</strong>: {e(state.position_text)}</p>")
    else:
        parts.append(f"<p class='missing'>{e(_('(no position picked yet)'))}</p>")
    parts.append(_img(draw_stand(state)))
    parts.append(f"<h2>{e(_('My evidence'))}</h2>")
    if not state.evidence:
        parts.append(f"<p class='missing'>{e(_('(no evidence chosen yet)'))}</p>")
    for ev in state.evidence:
        parts.append(f"<section class='evidence' id='{e(ev.evidence_id, quote=True)}'><h3>{e(ev.title)}</h3>")
        parts.append(_img(draw_evidence(EvidenceState(ev))))
        parts.append(f"<p>{e(ev.finding)}</p>")
        if ev.note:
            parts.append(f"<p class='note'>{e(ev.note)}</p>")
        parts.append(f"<p class='source'>{e(_('Source:'))} {source_links(ev)}</p></section>")
    parts.append(f"<h2>{e(_('My reasoning'))}</h2>")
    parts.append(_typed(state.reasoning))
    parts.append(f"<h2>{e(_('My rebuttal of the strongest point on the other side'))}</h2>")
    parts.append(_typed(state.rebuttal))
    footer = _(
        "Made with Plate Trails. The town of Alder Falls and its cars are made up; each real figure names its source."
    )
    parts.append(f"<footer><p>{e(footer)}</p></footer></body></html>")
    return "\n".join(parts)


def write_page(state: StandState, folder: Path | str | None = None, when: str = "", name: str = PAGE_NAME) -> Path:
    """Write the page as `name` (`my_stand.html`) in the folder (atomically) and return its path."""
    return _write_atomically(save_folder(folder) / name, page_html(state, when))


def download_link(page: str, label: str, filename: str = PAGE_NAME) -> str:
    """A link that downloads the page itself (a data: URL), so it works wherever the notebook runs, Voila too,
    where a file beside the notebook cannot be fetched. Only the label is text, escaped."""
    data = base64.b64encode(page.encode("utf-8")).decode("ascii")
    name = html.escape(filename, quote=True)
    return (
        f'<a download="{name}" href="data:text/html;charset=utf-8;base64,{data}" '
        f'style="font-size:1.1em;text-decoration:underline">{html.escape(label)}</a>'
    )
