"""Diagrams for notebook 04: the owners of the reads with an arrow for each flow, the four cases, real sharing degrees,
and a page of the federal audit log.

Each is a pure function of a state or a table.
"""

from __future__ import annotations

import html
import textwrap

import numpy as np
import pandas as pd
from IPython.display import HTML
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from platetrails import networks, style, tables
from platetrails.charts import new_chart
from platetrails.facts import SOURCE_COLUMNS, Facts
from platetrails.i18n import _
from platetrails.palette import OKABE_ITO
from platetrails.states.sharing import SCENARIOS, SharingMapState

# Where each party sits on the diagram (axes fractions), and how it is drawn.
SPOTS = {
    "city_police": (0.17, 0.74),
    "county_sheriff": (0.17, 0.44),
    "repo_company": (0.17, 0.14),
    "database": (0.56, 0.44),
    "federal_agency": (0.87, 0.44),
}
BOX_W, BOX_H = 0.31, 0.24


def party_colour(code: str) -> str:
    """An owner's colour is its first network's colour in the registry; the database and the agency are neutral."""
    nets = networks.networks_of(code)
    if nets:
        return networks.get(nets[0]).color
    return OKABE_ITO["yellow"] if code == "database" else OKABE_ITO["grey"]


def _box(ax, code: str, lines: list[str], width: float = BOX_W) -> None:
    x, y = SPOTS[code]
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - BOX_H / 2),
            width,
            BOX_H,
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


_static_layers: dict[tuple, np.ndarray] = {}


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
    title = _("Who holds the reads, and who may see them?")
    key = (title, _(networks.party("database").label), held)
    if key in _static_layers:
        return _static_layers[key]
    fig = style.new_figure(style.FIGSIZE)
    ax = _map_axes(fig)
    for code, n in held:
        label = textwrap.wrap(_(networks.party(code).label), 22)[:2]
        _box(ax, code, [*label, _("holds {n:,} reads").format(n=n)])
    _box(ax, "database", textwrap.wrap(_(networks.party("database").label), 14)[:3], 0.22)
    _box(ax, "federal_agency", textwrap.wrap(_(networks.party("federal_agency").label), 12)[:3], 0.2)
    fig.suptitle(title, fontsize=style.TITLE, y=0.97)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    image = np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[::-1])  # bottom row first, as Agg pastes it
    _static_layers[key] = image
    return image


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
    for _code, source, target, on in state.flows:
        sx, sy = SPOTS[source]
        tx, ty = SPOTS[target]
        start = (sx + (BOX_W / 2 if source != "database" else 0.11), sy)
        end = (tx - (0.11 if target == "database" else 0.1), ty)
        if source == "database":
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
        _("A federal query sees {reads:,} reads\nand could guess {found} of {cars} homes").format(
            reads=seen_total, found=state.homes_found, cars=state.cars
        ),
        ha="center",
        va="bottom",
        fontsize=style.BODY,
        fontweight="bold",
        transform=ax.transAxes,
    )
    open_flows = [_(networks.party(src).label) for _c, src, _t, on in state.flows if on and src != "database"]
    text = _(
        "Diagram: {open} of 3 owners send reads to the database; the agency {access}. A federal query sees "
        "{reads} reads and could guess {found} of {cars} homes."
    ).format(
        open=len(open_flows),
        access=_("has access") if state.switches.agency_access else _("has no access"),
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
    text = _(
        "Bar chart: with all flows on a query could guess {all:.0%} of homes; the other cases withhold some."
    ).format(all=first.share)
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


def audit_page(log: pd.DataFrame, start: int = 0, rows: int = 15) -> str:
    """One page of the federal audit log as an escaped HTML table, as an auditor would read it."""
    heads = [_("when"), _("officer"), _("plate"), _("stated reason"), _("case number"), _("sightings returned")]
    head = "".join(f"<th style='text-align:left;padding-right:1em'>{html.escape(h)}</th>" for h in heads)
    body = []
    for r in log.iloc[start : start + rows].itertuples():
        cells = [
            r.when.strftime("%a %d %b %H:%M"),
            r.officer,
            r.plate,
            _(r.reason) if r.reason else _("(none written)"),
            r.case_number or _("(none)"),
            str(r.results),
        ]
        body.append("<tr>" + "".join(f"<td style='padding-right:1em'>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return f"<table style='font-size:1.05em;font-family:monospace'><tr>{head}</tr>{''.join(body)}</table>"


def sources_table(sources: pd.DataFrame, ids: list[str]) -> HTML:
    """Chosen sourced statements, laws or cases (from sharing.load_sources), each with its source as a link."""
    return HTML(tables.html_table(sources.loc[ids], {"who": _("who or what"), "wording": _("what it says")}))


def deciders_table() -> HTML:
    """Who set each switch in the town, and who could change it (from the network registry)."""
    rows = [
        f"<tr><td>{html.escape(_(s.label))}</td><td>{html.escape(_(s.decided_by))}</td>"
        f"<td>{html.escape(_(s.how_changed))}</td></tr>"
        for s in networks.switches()
    ]
    head = "".join(
        f"<th style='text-align:left'>{html.escape(h)}</th>"
        for h in (_("switch"), _("who decided it in Alder Falls"), _("who could change it"))
    )
    return HTML(f"<table style='font-size:1.05em'><tr>{head}</tr>{''.join(rows)}</table>")


def scenarios_table(table: pd.DataFrame) -> HTML:
    """The four cases as a table: homes a federal query could guess, and homes the agency loses."""
    head = "".join(
        f"<th style='text-align:left'>{html.escape(h)}</th>"
        for h in (_("case"), _("homes it could guess"), _("share of cars"), _("homes lost against all flows on"))
    )
    rows = [
        f"<tr><td>{html.escape(_(SCENARIOS[r.scenario]))}</td><td>{r.homes_found} / {r.cars}</td>"
        f"<td>{r.share:.0%}</td><td>{r.lost}</td></tr>"
        for r in table.itertuples()
    ]
    return HTML(f"<table style='font-size:1.05em'><tr>{head}</tr>{''.join(rows)}</table>")


def show_audit_page(log: pd.DataFrame, start: int = 0, rows: int = 15) -> HTML:
    """One page of the audit log, for a notebook."""
    return HTML(audit_page(log, start, rows))


def laws_table(facts: Facts, sources: pd.DataFrame) -> HTML:
    """California's plate-data sharing law (SB 34, from the state laws table) and its sanctuary law (SB 54), with sources."""
    laws = facts.state_laws[facts.state_laws.statute.str.contains("SB 34", regex=False)]
    sb34 = laws.assign(who=laws.statute, wording=laws.rule)[["who", "wording", *SOURCE_COLUMNS]]
    both = pd.concat([sb34, sources.loc[["ag_bulletin_2023", "sb54"], ["who", "wording", *SOURCE_COLUMNS]]])
    return HTML(tables.html_table(both, {"who": _("law"), "wording": _("what it says")}))
