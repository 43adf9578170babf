"""Who holds the reads and where they flow: the owners of the reads with an arrow for each flow (the sharing map),
the four cases, and real agencies' sharing degrees. Each is a pure function of a state or a table.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from platetrails import local_format, networks, style
from platetrails.charts import new_chart
from platetrails.i18n import LanguageMemory, _
from platetrails.palette import OKABE_ITO
from platetrails.states.sharing import SCENARIOS, SharingMapState

# Where the parties sit on the diagram (axes fractions): the owners down the left, first to last, the
# database in the middle and the agency on the right, level with the middle owner.
OWNERS_X, DATABASE_X, AGENCY_X = 0.17, 0.56, 0.87
OWNERS_TOP, OWNERS_BOTTOM = 0.74, 0.14
BOX_W, BOX_H = 0.31, 0.24
GAP = 0.02  # at least this much space between two owners' boxes


def spots() -> dict[str, tuple[float, float]]:
    """Each party's place on the diagram, from the registry (so a new owner gets a box of its own)."""
    owners = networks.owners()
    step = (OWNERS_TOP - OWNERS_BOTTOM) / max(len(owners) - 1, 1)
    middle = round((OWNERS_TOP + OWNERS_BOTTOM) / 2, 2)
    places = {p.code: (OWNERS_X, round(OWNERS_TOP - i * step, 2)) for i, p in enumerate(owners)}
    places[networks.database().code] = (DATABASE_X, middle)
    places[networks.agency().code] = (AGENCY_X, middle)
    return places


def box_height() -> float:
    """The boxes' height: BOX_H, lower when more owners share the left side."""
    owners = len(networks.owners())
    return min(BOX_H, (OWNERS_TOP - OWNERS_BOTTOM) / max(owners - 1, 1) - GAP)


def party_colour(code: str) -> str:
    """An owner's colour is its first network's colour in the registry; the database and the agency are neutral."""
    nets = networks.networks_of(code)
    if nets:
        return networks.get(nets[0]).color
    return OKABE_ITO["yellow"] if code == networks.database().code else OKABE_ITO["grey"]


def _box(ax, spot: tuple[float, float], code: str, lines: list[str], width: float = BOX_W) -> None:
    x, y = spot
    height = box_height()
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.01",
            facecolor=party_colour(code),
            alpha=0.35,
            edgecolor="black",
            linewidth=1.5,
            transform=ax.transAxes,
        )
    )
    ax.text(x, y, "\n".join(lines), ha="center", va="center", fontsize=style.SMALL, transform=ax.transAxes)


def _arrow(ax, start: tuple[float, float], end: tuple[float, float], on: bool, colour: str, word: str) -> None:
    ax.add_patch(
        FancyArrowPatch(
            start,
            end,
            arrowstyle="-|>,head_width=0.5,head_length=0.8" if on else "-",
            mutation_scale=18,
            linewidth=4 if on else 2,
            linestyle="-" if on else (0, (3, 3)),
            color=colour if on else OKABE_ITO["grey"],
            transform=ax.transAxes,
        )
    )
    mid = ((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.035)
    ax.text(
        *mid,
        word,
        ha="center",
        va="bottom",
        fontsize=style.SMALL,
        fontweight="bold" if on else "normal",
        transform=ax.transAxes,
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
    )


_static_layers = LanguageMemory()  # per reads held and language


def _map_axes(fig: Figure):
    ax = fig.add_axes([0.0, 0.0, 1.0, 0.88])
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    return ax


def static_layer(held: tuple[tuple[str, int], ...]) -> np.ndarray:
    """The boxes, their names and the title, drawn once as pixels (they do not change with the switches).

    The widget pastes this layer under the arrows, so a switch only draws what changed.
    """
    return _static_layers.remember(held, lambda: _draw_static_layer(held))


def _draw_static_layer(held: tuple[tuple[str, int], ...]) -> np.ndarray:
    title = _("Who holds the reads, and who may see them?")
    database, agency = networks.database(), networks.agency()
    fig = style.new_figure(style.FIGSIZE)
    ax = _map_axes(fig)
    places = spots()
    for code, n in held:
        label = textwrap.wrap(_(networks.party(code).label), 22)[:2]
        _box(ax, places[code], code, [*label, _("holds {n} reads").format(n=local_format.whole(n))])
    _box(ax, places[database.code], database.code, textwrap.wrap(_(database.label), 14)[:3], 0.22)
    _box(ax, places[agency.code], agency.code, textwrap.wrap(_(agency.label), 12)[:3], 0.2)
    fig.suptitle(title, fontsize=style.TITLE, y=0.97)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[::-1])  # bottom row first, as Agg pastes it


class Pixels(Artist):
    """A pre-drawn layer pasted at the figure's corner as it is (no resampling, so it costs almost nothing)."""

    def __init__(self, rgba: np.ndarray) -> None:
        super().__init__()
        self.rgba = rgba
        self.set_zorder(0)

    def draw(self, renderer) -> None:
        gc = renderer.new_gc()
        renderer.draw_image(gc, 0, 0, self.rgba)
        gc.restore()


def draw_sharing_map(state: SharingMapState) -> Figure:
    """The owners, the database and the agency, with a solid arrow for each open flow and a dashed line for each closed one."""
    fig = style.new_figure(style.FIGSIZE)
    reads = {code: (held, seen) for code, held, seen in state.reads_by_party}
    fig.add_artist(Pixels(static_layer(tuple((c, h) for c, (h, _s) in reads.items()))))
    ax = _map_axes(fig)
    ax.set_zorder(1)
    ax.patch.set_alpha(0)
    places, database = spots(), networks.database().code
    for _code, source, target, on in state.flows:
        sx, sy = places[source]
        tx, ty = places[target]
        start = (sx + (BOX_W / 2 if source != database else 0.11), sy)
        end = (tx - (0.11 if target == database else 0.1), ty)
        if source == database:
            word = _("query") if on else _("no access")
            colour = OKABE_ITO["black"]
        else:
            word = _("shares") if on else _("off")
            colour = party_colour(source)
        _arrow(ax, start, end, on, colour, word)
    seen_total = sum(seen for _h, seen in reads.values())
    ax.text(
        0.72,
        0.06,
        _("A federal query sees {reads} reads\nand could guess {found} of {cars} homes").format(
            reads=local_format.whole(seen_total), found=state.homes_found, cars=state.cars
        ),
        ha="center",
        va="bottom",
        fontsize=style.BODY,
        fontweight="bold",
        transform=ax.transAxes,
    )
    open_flows = [_(networks.party(src).label) for _c, src, _t, on in state.flows if on and src != database]
    text = _(
        "Diagram: {open} of {owners} owners send reads to the database; the agency {access}. A federal query sees "
        "{reads} reads and could guess {found} of {cars} homes."
    ).format(
        open=len(open_flows),
        owners=len(state.reads_by_party),
        access=_("has access") if state.switches.on(networks.access_switch().code) else _("has no access"),
        reads=seen_total,
        found=state.homes_found,
        cars=state.cars,
    )
    return style.describe(fig, text)


def scenarios_chart(table: pd.DataFrame) -> Figure:
    """Homes a federal query could guess in the lesson's four cases, as horizontal bars."""
    fig, ax = new_chart((10.5, 5.0), (0.36, 0.18, 0.56, 0.68))
    labels = [_(SCENARIOS[name]) for name in table.scenario][::-1]
    values = (100 * table.share).tolist()[::-1]
    hatches = ["", "//", "xx", ".."][: len(values)][::-1]
    bars = ax.barh(labels, values, color=OKABE_ITO["blue"], edgecolor="black", hatch=hatches)
    ax.bar_label(bars, fmt="%.0f%%", padding=4, fontsize=style.SMALL)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("homes a federal query could guess (% of cars)"))
    ax.set_title(_("What does each opt-out withhold?"))
    first = table.iloc[0]
    text = _("Bar chart: with all flows on a query could guess {all} of homes; the other cases withhold some.").format(
        all=local_format.percent(first.share)
    )
    return style.describe(fig, text)


def degree_chart(degrees: pd.DataFrame) -> Figure:
    """How many agencies each real agency shares its plate data with, binned, from a derived table."""
    fig, ax = new_chart((10.5, 5.2), (0.12, 0.2, 0.84, 0.66))
    sources = list(dict.fromkeys(degrees.dataset))
    bins = list(dict.fromkeys(degrees.bin))
    width = 0.8 / max(1, len(sources))
    colours = [OKABE_ITO["blue"], OKABE_ITO["orange"]]
    hatches = ["", "//"]
    for i, source in enumerate(sources):
        part = degrees[degrees.dataset == source].set_index("bin").reindex(bins)
        share = 100 * part.agencies / part.agencies.sum()
        ax.bar(
            [b + (i - (len(sources) - 1) / 2) * width for b in range(len(bins))],
            share.fillna(0),
            width=width,
            color=colours[i % 2],
            hatch=hatches[i % 2],
            edgecolor="black",
            label=_(source),
        )
    ax.set_xticks(range(len(bins)))
    ax.set_xticklabels(bins)
    ax.set_xlabel(_("number of other agencies an agency shares with"))
    ax.set_ylabel(_("share of agencies (%)"))
    ax.set_title(_("How widely do real agencies share plate data?"))
    ax.legend(fontsize=style.SMALL, loc="upper right")
    text = _("Bar chart of how many other agencies each agency shares with, in two real data sets.")
    return style.describe(fig, text)
