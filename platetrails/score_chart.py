"""The policy scoreboard's chart: each law and the student's policy placed by the help it keeps and the reads it
opens to federal agencies, on a background drawn once per set of laws and language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from platetrails import local_format, style
from platetrails.i18n import N_, LanguageMemory, _
from platetrails.palette import OKABE_ITO
from platetrails.states.policy import PolicyScoreState, askers_words

# Which other police may search (policy.reach), as a colour and a marker (never colour alone). The across
# axis is the reads federal agencies could search, so markers show the police side of sharing.
WHO_STYLE = {
    "this_agency": {"color": OKABE_ITO["green"], "marker": "o"},
    "court_order": {"color": OKABE_ITO["sky"], "marker": "v"},
    "in_state": {"color": OKABE_ITO["blue"], "marker": "s"},
    "any_state": {"color": OKABE_ITO["orange"], "marker": "^"},
}
WHO_SHORT = {
    "this_agency": N_("this department"),
    "court_order": N_("court order only"),
    "in_state": N_("this state's police"),
    "any_state": N_("any state's police"),
}
INCOMPLETE_MARK = "*"  # after a law's code: our reading of that law is incomplete
EXPOSURE_DECADES = 7  # the reads axis runs from none to 10 million


def exposure_position(reads: float) -> float:
    """Where a count of reads sits on the scoreboard's axis: log10(1 + reads), so that none is at 0."""
    return float(np.log10(1.0 + min(max(float(reads), 0.0), 10.0**EXPOSURE_DECADES)))


SCORE_SIZE = (10.5, 6.7)  # the chart, and under it a key to the laws' abbreviations
SCORE_BOX = (0.1, 0.30, 0.64, 0.51)
SCORE_LEGEND_TOP = 0.847
_score_backgrounds = LanguageMemory()  # per set of assumptions and language
# Where a law's label may go, in pixels from its point (dx, dy, horizontal and vertical alignment), tried in
# turn until the label overlaps no other label, no marker and nothing outside the axes.
LABEL_SPOTS = (
    (0, 11, "center", "bottom"),
    (0, -11, "center", "top"),
    (12, 0, "left", "center"),
    (-12, 0, "right", "center"),
    *(
        (dx, sign * dy, "center" if dx == 0 else ("left" if dx > 0 else "right"), "bottom" if sign > 0 else "top")
        for dy in (30, 52, 74, 96)
        for sign in (1, -1)
        for dx in (0, 24, -24, 48, -48)
    ),
)
MARKER_HALF_PX = 9  # half the size of a law's marker, in pixels
KEY_LINE_CHARACTERS = 86  # one line of the key, at the small font, across the picture


def place_labels(ax: Axes, renderer, spots: list[tuple[float, float, str]], markers: list[tuple[float, float]]):
    """Put each label (x, y, text, in data units) at the first of LABEL_SPOTS where its measured box overlaps
    no label already placed and no marker, inside the axes. Returns the Text artists and, for each label
    placed away from its point, the (point, label box) pair for a thin line between them."""
    to_px = ax.transData.transform
    frame = ax.get_window_extent(renderer).padded(-2)
    taken = [
        (px - MARKER_HALF_PX, py - MARKER_HALF_PX, px + MARKER_HALF_PX, py + MARKER_HALF_PX)
        for px, py in (to_px(m) for m in markers)
    ]
    texts, lines = [], []

    def crowding(box) -> float:
        """How much of the box lies outside the axes or over labels and markers already there (0: clear)."""
        outside = max(frame.x0 - box[0], 0) + max(box[2] - frame.x1, 0) + max(frame.y0 - box[1], 0)
        outside += max(box[3] - frame.y1, 0)
        over = sum(
            max(min(box[2], t[2]) - max(box[0], t[0]), 0) * max(min(box[3], t[3]) - max(box[1], t[1]), 0) for t in taken
        )
        return outside * 1000 + over

    for x, y, text in sorted(spots, key=lambda s: (-s[1], s[0])):
        px, py = to_px((x, y))
        artist = ax.text(x, y, text, fontsize=style.SMALL)
        best = None
        for dx, dy, ha, va in LABEL_SPOTS:
            artist.set_horizontalalignment(ha)
            artist.set_verticalalignment(va)
            artist.set_position(ax.transData.inverted().transform((px + dx, py + dy)))
            ext = artist.get_window_extent(renderer)
            box = (ext.x0 - 2, ext.y0 - 1, ext.x1 + 2, ext.y1 + 1)
            score = crowding(box)
            if best is None or score < best[0]:
                best = (score, dx, dy, ha, va, box, ext)
            if score == 0:
                break
        _score, dx, dy, ha, va, box, ext = best  # the first clear spot, or the least crowded one
        artist.set_horizontalalignment(ha)
        artist.set_verticalalignment(va)
        artist.set_position(ax.transData.inverted().transform((px + dx, py + dy)))
        taken.append(box)
        texts.append(artist)
        if abs(dx) > 14 or abs(dy) > 14:
            lines.append(((px, py), ext))
    return texts, lines


def law_key(laws: pd.DataFrame) -> list[str]:
    """The key to the abbreviations on the chart: 'AR Arkansas', one per law, in the order of the codes (a star
    after a code is explained beside the legend)."""
    pairs = sorted({(str(code), str(state)) for code, state in zip(law_codes(laws), laws.state)})
    return [_("{code} {state}").format(code=code, state=state) for code, state in pairs]


def law_codes(laws: pd.DataFrame) -> list[str]:
    """Each law's code as drawn: with a star where our reading of the law is incomplete."""
    marks = laws["incomplete"] if "incomplete" in laws.columns else [False] * len(laws)
    return [f"{code}{INCOMPLETE_MARK if mark else ''}" for code, mark in zip(laws.code, marks)]


def _score_axes(fig: Figure) -> Axes:
    ax = fig.add_axes(list(SCORE_BOX))
    ax.set_xlim(-0.3, EXPOSURE_DECADES + 0.3)
    ax.set_ylim(-12, 128)
    return ax


def score_background(laws: pd.DataFrame, no_rules_reads: int) -> np.ndarray:
    """The scoreboard without the student's star: axes, the placed laws, their labels and the key, as pixels.

    It changes only when the assumptions move the laws, so it is drawn once per set of assumptions and
    pasted under the star: a control change then draws a star and a title, well under 0.1 s.
    """
    key = (
        tuple(law_codes(laws)),
        tuple(laws.federal_reads),
        tuple(laws.benefits_kept.round(3)),
        tuple(laws.reach),
        no_rules_reads,
    )
    return _score_backgrounds.remember(key, lambda: _pixels(score_background_figure(laws, no_rules_reads)))


def _pixels(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def score_background_figure(laws: pd.DataFrame, no_rules_reads: int) -> Figure:
    """The figure behind `score_background` (a test checks its texts like any other figure's)."""
    fig = style.new_figure(SCORE_SIZE)
    ax = _score_axes(fig)
    xs = np.array([exposure_position(v) for v in laws.federal_reads])
    ys = laws.benefits_kept.to_numpy(dtype=float)
    for who, look in WHO_STYLE.items():
        mine = (laws.reach == who).to_numpy()
        if mine.any():
            ax.scatter(
                xs[mine], ys[mine], s=130, color=look["color"], marker=look["marker"], edgecolor="black", zorder=3
            )
    groups: dict[tuple[float, float], list[str]] = {}
    for x, y, code in zip(xs, ys, law_codes(laws)):
        groups.setdefault((round(x, 2), round(y, 1)), []).append(code)
    renderer = FigureCanvasAgg(fig).get_renderer()
    spots = [(x, y, ", ".join(codes)) for (x, y), codes in groups.items()]
    markers = [*zip(xs, ys), (exposure_position(no_rules_reads), 100.0)]
    _texts, lines = place_labels(ax, renderer, spots, markers)
    to_data = ax.transData.inverted().transform
    for (px, py), ext in lines:  # a thin line from the point to the nearest edge of its label
        ex = min(max(px, ext.x0), ext.x1)
        ey = ext.y0 if py < ext.y0 else (ext.y1 if py > ext.y1 else py)
        (x0, y0), (x1, y1) = to_data((px, py)), to_data((ex, ey))
        ax.plot([x0, x1], [y0, y1], color="black", lw=0.8, zorder=2)
    key_lines, line = [], ""
    for item in law_key(laws):
        candidate = f"{line}  ·  {item}" if line else _("Key: {item}").format(item=item)
        if len(candidate) > KEY_LINE_CHARACTERS and line:
            key_lines.append(line)
            line = item
        else:
            line = candidate
    key_lines.append(line)
    fig.text(0.02, 0.02, "\n".join(key_lines), fontsize=style.SMALL, va="bottom", ha="left", linespacing=1.25)
    if any(code.endswith(INCOMPLETE_MARK) for code in law_codes(laws)):
        fig.text(
            0.775,
            SCORE_BOX[1] + 0.01,
            _("{mark} our reading\nof the law is\nincomplete").format(mark=INCOMPLETE_MARK),
            fontsize=style.SMALL,
            va="bottom",
            ha="left",
        )
    ax.scatter(
        [exposure_position(no_rules_reads)],
        [100],
        s=260,
        marker="X",
        color=OKABE_ITO["grey"],
        edgecolor="black",
        zorder=4,
    )
    ax.set_xticks([0, 3, 5, 7], [_("none"), _("1,000"), _("100,000"), _("10 million")])
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_xlabel(_("reads federal agencies could search (log scale)"))
    ax.set_ylabel(_("help kept (% of no rules)"))
    handles = [
        Line2D([], [], ls="", marker="*", ms=20, color="black", label=_("your policy")),
        Line2D([], [], ls="", marker="X", ms=13, color=OKABE_ITO["grey"], markeredgecolor="black", label=_("no rules")),
    ] + [
        Line2D(
            [], [], ls="", marker=v["marker"], ms=11, color=v["color"], markeredgecolor="black", label=_(WHO_SHORT[k])
        )
        for k, v in WHO_STYLE.items()
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.745, SCORE_LEGEND_TOP),
        fontsize=style.SMALL,
        title=_("other police who\nmay search"),
        title_fontsize=style.SMALL,
        frameon=False,
        handletextpad=0.2,
        borderaxespad=0,
    )
    return style.describe(fig, _("The state laws placed by the model, without your policy."))


def draw_policy_score(state: PolicyScoreState) -> Figure:
    """The student's policy (a black star) among the real state laws, each placed by the same model.

    Up is more help kept; right is more reads open to a search from outside the department (a log
    scale drawn by hand on a plain axis). Laws at the same spot share a label. The laws and the key are
    pasted from `score_background`; only the star and the title are drawn each time.
    """
    laws, none, mine_out = state.laws, state.no_rules, state.outcome
    fig = style.new_figure(SCORE_SIZE)
    ax = _score_axes(fig)
    style.paste_background(fig, score_background(laws, none.federal_reads), ax)
    ax.set_axis_off()
    ax.scatter(
        [exposure_position(mine_out.federal_reads)],
        [state.benefits_kept],
        s=700,
        marker="*",
        color="black",
        edgecolor=OKABE_ITO["yellow"],
        lw=1.5,
        zorder=5,
    )
    fig.text(
        SCORE_BOX[0],
        SCORE_BOX[1] + SCORE_BOX[3] + 0.03,
        _("Your policy (the star): {kept:.0f}% of the help kept,\n{reads} reads open to federal agencies").format(
            kept=state.benefits_kept, reads=local_format.whole(mine_out.federal_reads)
        ),
        fontsize=style.BODY,
        fontweight="bold",
        va="bottom",
    )
    text = _(
        "Scatter chart of {n} state laws placed by the model, with help kept going up and reads open to "
        "federal agencies going right. Your policy keeps {kept:.0f}% of the help and opens {reads} reads to "
        "federal agencies; it lets these search: {askers}. No rules keeps all the help and opens {none}."
    ).format(
        n=len(laws),
        kept=state.benefits_kept,
        reads=local_format.whole(mine_out.federal_reads),
        askers=askers_words(mine_out.askers),
        none=local_format.whole(none.federal_reads),
    )
    return style.describe(fig, text)
