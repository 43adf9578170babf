"""Notebook 06's figures and the printable page: each piece of evidence as a chart, the spectrum with the
student's position, and one self-contained HTML page of the whole stand.

The page needs nothing from outside to render: its figures are embedded as base64 PNG, each with its
description as alt text, and its style is in the page. Every word on it, the student's above all, is
escaped with `html.escape`, so typed HTML or script shows as characters and never runs.
"""

from __future__ import annotations

import base64
import html
import textwrap
from pathlib import Path

import numpy as np
from IPython.display import HTML
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from platetrails import rounding, style
from platetrails.charts import new_chart
from platetrails.i18n import LanguageMemory, _, language
from platetrails.palette import OKABE_ITO
from platetrails.stand import PAGE_NAME, POSITIONS, SIDES, SPECTRUM_WORDS, EvidenceCatalogue, save_folder
from platetrails.stand import write_atomically as _write_atomically
from platetrails.states.stand import EvidenceState, StandState, kind_words

# Each side's look: a colour paired with a marker (on the spectrum) or the side in words (on a chart).
SIDE_STYLE = {
    "for": {"color": OKABE_ITO["blue"], "marker": "<"},
    "limits": {"color": OKABE_ITO["green"], "marker": "D"},
    "against": {"color": OKABE_ITO["vermillion"], "marker": ">"},
}
SIDE_MARK = {"for": "◀", "limits": "◆", "against": "▶"}
# Where each side's evidence sits on the spectrum (0 is "use freely", 4 is "ban them").
SIDE_PLACE = {"for": 0.0, "limits": 2.0, "against": 4.0}
MOST_ROWS = 4


def _number(value: float, percent: bool) -> str:
    """A bar's value as its label shows it, by the one rounding rule (a percentage is 0 to 100 here)."""
    if percent:
        return rounding.percent(value / 100, 0 if value >= 10 else 1)
    return rounding.whole(value) if value >= 10 else f"{rounding.half_up(value, 1)}".removesuffix(".0")


def draw_evidence(state: EvidenceState) -> Figure:
    """One piece of evidence as horizontal bars, in the colour and hatch of the side it supports."""
    fig, ax = new_chart((10.5, 5.0), (0.37, 0.17, 0.56, 0.7))
    ev = state.evidence
    if ev is None:
        ax.set_title(_("No evidence chosen"))
        ax.set_xlabel(_("pick a piece of evidence"))
        ax.set_yticks([])
        return style.describe(fig, _("Empty chart: no piece of evidence is chosen."))
    look = SIDE_STYLE[ev.side]
    labels = ["\n".join(textwrap.wrap(label, 24)) for label, _v in ev.bars][::-1]
    values = [value for _label, value in ev.bars][::-1]
    bars = ax.barh(labels, values, color=look["color"], edgecolor="black")
    words = list(ev.bar_words)[::-1] if ev.bar_words else [_number(v, ev.percent) for v in values]
    ax.bar_label(bars, words, padding=4, fontsize=style.SMALL)
    top = max(values) if values else 1
    if ev.percent and top > 60:
        ax.set_xlim(0, 115)
        ax.set_xticks([0, 25, 50, 75, 100])
    else:
        ax.set_xlim(0, top * 1.22)
        ax.xaxis.set_major_locator(MaxNLocator(4))  # few ticks: each one costs drawing time
    ax.set_xlabel(ev.axis)
    # The title centred on the picture at a fixed place (no layout pass, so a change of choice stays quick).
    fig.text(0.5, 0.93, ev.title, ha="center", fontsize=style.TITLE, fontweight="bold")
    # The side in words and its marker, so it never rests on colour alone (hatching costs a slider's time).
    side = _("{marker} It {side}").format(marker=SIDE_MARK[ev.side], side=_(SIDES[ev.side]))
    if state.show_kind:
        side = _("{side} · {kind}").format(side=side, kind=kind_words(ev))
    elif ev.made_up:
        side = _("{side} (made-up town data)").format(side=side)
    fig.text(0.01, 0.02, side, fontsize=style.SMALL, color="black")
    text = _("Bar chart, {side}: {finding}").format(side=_(SIDES[ev.side]), finding=ev.finding)
    return style.describe(fig, text)


# The line, its five places and the title, drawn once per language and title as pixels, and pasted under
# what changes (the star and the evidence): a choice then redraws only a few marks, as the maps do.
_backgrounds = LanguageMemory()  # per title and language
STAND_SIZE = (10.5, 4.8)
STAND_BOX = (0.03, 0.03, 0.94, 0.83)


def _stand_axes(fig: Figure):
    """Fixed limits, with room for every row of evidence, so the pasted line always sits in the same place."""
    ax = fig.add_axes(list(STAND_BOX))
    ax.set_xlim(-0.45, len(POSITIONS) - 0.55)
    ax.set_ylim(-1.1, 1.0 + 0.75 * (MOST_ROWS + 1.3))
    ax.set_axis_off()
    return ax


def draw_spectrum(ax, title: str) -> None:
    """The static part: the line from 'use freely' to 'ban them', its five places, and the title."""
    keys = list(POSITIONS)
    ax.plot([0, len(keys) - 1], [0, 0], color=OKABE_ITO["black"], lw=3, zorder=1)
    ax.scatter(range(len(keys)), [0] * len(keys), s=160, color="white", edgecolor="black", zorder=2)
    # Plain texts on an axes switched off: tick machinery would double the drawing time.
    for i, key in enumerate(keys):
        ax.text(i, -0.3, _(SPECTRUM_WORDS[key]), ha="center", va="top", fontsize=style.SMALL)
    ax.set_title(title, y=1.0, pad=8)


def _background(title: str) -> np.ndarray:
    return _backgrounds.remember(title, lambda: _draw_background(title))


def _draw_background(title: str) -> np.ndarray:
    fig = style.new_figure(STAND_SIZE)
    draw_spectrum(_stand_axes(fig), title)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def draw_stand(state: StandState, pixels: bool = True) -> Figure:
    """The spectrum from 'use freely' to 'ban them', the student's position on it, and the evidence chosen.

    With `pixels`, the static line and its labels are pasted from a picture drawn once; without, they are
    drawn as text (for the test that measures every text on the figure).
    """
    rows = state.evidence[:MOST_ROWS]
    fig = style.new_figure(STAND_SIZE)
    ax = _stand_axes(fig)
    title = _("Where you stand, and the evidence you chose") if state.position else _("Pick where you stand")
    if pixels:
        style.paste_background(fig, _background(title), ax)
    else:
        draw_spectrum(ax, title)
    if state.position_index is not None:
        ax.scatter(
            [state.position_index], [0], s=1100, marker="*", color=OKABE_ITO["orange"], edgecolor="black", zorder=3
        )
        ax.text(state.position_index, 0.45, _("you"), ha="center", va="bottom", fontsize=style.BIG, fontweight="bold")
    for k, ev in enumerate(rows, start=1):
        y = 0.9 + 0.75 * k
        x = SIDE_PLACE[ev.side]
        look = SIDE_STYLE[ev.side]
        ax.scatter([x], [y], s=260, marker=look["marker"], color=look["color"], edgecolor="black", zorder=3)
        align = {"for": "left", "limits": "center", "against": "right"}[ev.side]
        shift = {"for": 0.18, "limits": 0.0, "against": -0.18}[ev.side]
        middle = ev.side == "limits"
        ax.text(
            x + shift,
            y + (0.22 if middle else 0),
            ev.title,
            ha=align,
            va="bottom" if middle else "center",
            fontsize=style.SMALL,
        )
    if len(state.evidence) > MOST_ROWS:
        more = len(state.evidence) - MOST_ROWS
        ax.text(2, 0.9 + 0.75 * (MOST_ROWS + 1), _("and {n} more").format(n=more), ha="center", fontsize=style.SMALL)
    sides = {side: sum(1 for e in state.evidence if e.side == side) for side in SIDES}
    where = state.position_label or _("no position picked yet")
    text = _(
        "A line from 'use freely' to 'ban them' with your position, {where}, and your evidence: {n_for} for using "
        "readers (left), {n_mid} for a middle way, {n_against} for strong limits or a ban (right)."
    ).format(where=where, n_for=sides["for"], n_mid=sides["limits"], n_against=sides["against"])
    return style.describe(fig, text)


def evidence_table(catalogue: EvidenceCatalogue) -> HTML:
    """Every piece of evidence: the side it supports, its lesson, its finding and its source, as a link."""
    heads = [_("evidence"), _("it"), _("from notebook"), _("finding"), _("source")]
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in heads)
    rows = []
    for ev in catalogue.pieces.values():
        cells = [ev.title, _(SIDES[ev.side]), ev.notebook, ev.finding]
        tds = "".join(f"<td style='text-align:left'>{html.escape(c)}</td>" for c in cells)
        rows.append(f"<tr>{tds}<td style='text-align:left'>{_source_links(ev)}</td></tr>")
    return HTML(f"<table style='font-size:1.0em'><tr>{head}</tr>{''.join(rows)}</table>")


def _source_links(ev) -> str:
    parts = []
    for s in ev.sources:
        words = html.escape(f"{s.publisher}, {s.date}" if s.date else f"{s.publisher}: {s.title}")
        if s.link:
            parts.append(f"<a href='{html.escape(s.link, quote=True)}' style='text-decoration:underline'>{words}</a>")
        else:
            parts.append(words)
    return "; ".join(parts)


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
        parts.append(f"<p class='source'>{e(_('Source:'))} {_source_links(ev)}</p></section>")
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
