"""The stand's figures: each piece of evidence as a chart, the spectrum with the student's position and evidence,
and the catalogue as a table. Each is a pure function of a state or of the catalogue.
"""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING

import numpy as np
from IPython.display import HTML
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from platetrails import local_format, rounding, style
from platetrails.charts import new_chart
from platetrails.evidence import SIDES
from platetrails.i18n import LanguageMemory, _
from platetrails.palette import OKABE_ITO
from platetrails.positions import POSITIONS, SPECTRUM_WORDS
from platetrails.states.evidence import EvidenceState, StandState, kind_words

if TYPE_CHECKING:  # a type hint only: the figures never build the catalogue
    from platetrails.evidence_catalogue import EvidenceCatalogue

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
        return local_format.percent(value / 100, 0 if value >= 10 else 1)
    return local_format.whole(value) if value >= 10 else f"{rounding.half_up(value, 1)}".removesuffix(".0")


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
        rows.append(f"<tr>{tds}<td style='text-align:left'>{source_links(ev)}</td></tr>")
    return HTML(f"<table style='font-size:1.0em'><tr>{head}</tr>{''.join(rows)}</table>")


def source_links(ev) -> str:
    parts = []
    for s in ev.sources:
        words = html.escape(f"{s.publisher}, {s.date}" if s.date else f"{s.publisher}: {s.title}")
        if s.link:
            parts.append(f"<a href='{html.escape(s.link, quote=True)}' style='text-decoration:underline'>{words}</a>")
        else:
            parts.append(words)
    return "; ".join(parts)
