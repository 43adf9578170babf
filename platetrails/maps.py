"""Maps of the town: streets, neighbourhoods, places and cameras, and the maps the widgets draw from their states."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from platetrails import local_format, networks, style, town
from platetrails.data import TownData
from platetrails.i18n import N_, LanguageMemory, _
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import AlertState
from platetrails.states.picture import MosaicState, group_label, title_of
from platetrails.states.reading import TourState, network_label

# The letters that mark public places on every map, and what they stand for (shown in a key on the map).
PLACE_LABELS = {
    "city_hall": ("CH", N_("city hall")),
    "courthouse": ("J", N_("courthouse")),
    "police": ("PD", N_("police")),
    "legal_aid": ("L", N_("legal aid")),
    "clinic": ("+", N_("clinic")),
    "hospital": ("H", N_("hospital")),
    "worship": ("W", N_("worship")),
    "union_hall": ("U", N_("union hall")),
    "school": ("S", N_("school")),
    "college": ("C", N_("college")),
}


# The map always fills the same box, sized so that one block is as wide as it is tall, and the whole
# figure is WIDTH_PX wide, so that text keeps its size on the page.
MAP_SIZE = (10.5, 6.75)
MAP_XLIM = (-5, 20)
MAP_YLIM = (-1.3, 11.9)
_ASPECT = (MAP_YLIM[1] - MAP_YLIM[0]) / (MAP_XLIM[1] - MAP_XLIM[0]) * MAP_SIZE[0] / MAP_SIZE[1]
MAP_BOX = [0.01, 0.93 - 0.98 * _ASPECT, 0.98, 0.98 * _ASPECT]
CAMERA_NUDGE = (0.3, 0.3)  # a camera on a place's corner is drawn up and to the right, so both show

# The static town drawn once per loaded town and language, as pixels (kept beside the town, not on it).
_base_layers = LanguageMemory(weak=True)


def new_map(title: str) -> tuple[Figure, Axes]:
    """An empty figure shaped for the town map. Made without pyplot's global state so it never shows twice."""
    fig = style.new_figure(MAP_SIZE)
    ax = fig.add_axes(MAP_BOX)
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)
    ax.set_title(title, y=1.0, pad=8)
    ax.set_xlabel(_("avenues, numbered from the west"))
    ax.set_ylabel(_("streets, named from the south"))
    ax.set_axis_off()  # the streets and avenues are labelled on the map itself
    return fig, ax


def base_layer(town_data: TownData) -> np.ndarray:
    """The whole static map (streets, neighbourhoods, places, axes and their labels) drawn once as pixels.

    Widgets paste it under their markers, so a redraw only draws what changed: about three
    times faster than drawing the town again, which keeps every update well under 0.1 s.
    """
    return _base_layers.remember(town_data, lambda: _draw_base_layer(town_data))


def _draw_base_layer(town_data: TownData) -> np.ndarray:
    fig, ax = new_map("")
    draw_town(ax, town_data)
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def town_background(ax: Axes, town_data: TownData) -> None:
    """Paste the pre-drawn town and its axes under whatever a widget draws next on `ax`."""
    style.paste_background(ax.figure, base_layer(town_data), ax)
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)


def draw_town(ax: Axes, town_data: TownData, *, places: bool = True, labels: bool = True) -> None:
    """Streets as a grid with their names, neighbourhoods shaded, Route 9 drawn thick, public places and their key."""
    meta = town_data.meta
    width, height = meta["grid_width"], meta["grid_height"]
    for i, hood in enumerate(town_data.neighbourhoods.itertuples()):
        shade = "#f2f2f2" if i % 2 else "#e3e3e3"
        ax.add_patch(
            Rectangle(
                (hood.x_min - 0.5, hood.y_min - 0.5),
                hood.x_max - hood.x_min + 1,
                hood.y_max - hood.y_min + 1,
                facecolor=shade,
                edgecolor="#bbbbbb",
                zorder=0,
            )
        )
        if labels:
            ax.text(
                (hood.x_min + hood.x_max) / 2,
                hood.y_max + 0.5,
                hood.neighbourhood,
                ha="center",
                va="center",
                fontsize=style.SMALL,
                color="#555555",
                fontstyle="italic",
                zorder=0.7,
            )
    for x in range(width):
        ax.plot([x, x], [0, height - 1], color="white", lw=2, zorder=0.5)
    for y in range(height):
        ax.plot([0, width - 1], [y, y], color="white", lw=2, zorder=0.5)
    ax.plot(list(MAP_XLIM), [5, 5], color="#777777", lw=4, zorder=0.6, solid_capstyle="butt")
    if labels:
        streets = meta.get("streets") or town.STREET_NAMES
        for y, name in enumerate(streets[:height]):
            short = name.split(" (")[0]
            ax.text(
                -0.6,
                y,
                short,
                ha="right",
                va="center",
                fontsize=style.SMALL,
                color="#333333",
                zorder=1,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
            )
        for x in range(width):
            ax.text(x, -0.75, str(x + 1), ha="center", va="center", fontsize=style.SMALL, color="#333333", zorder=1)
        ax.text(width - 0.3, -0.75, _("Ave"), ha="left", va="center", fontsize=style.SMALL, color="#333333")
        ax.text(MAP_XLIM[0] + 0.1, 5.25, _("Route 9"), ha="left", va="bottom", fontsize=style.SMALL, color="#555555")
    if places:
        shown = town_data.places
        plain = shown[~shown.kind.isin(list(PLACE_LABELS))]
        ax.scatter(plain.x, plain.y, s=70, color="white", edgecolor="#333333", zorder=3, linewidths=1.2)
        for p in shown.itertuples():
            mark = PLACE_LABELS.get(p.kind)
            if mark:
                ax.text(
                    p.x,
                    p.y,
                    mark[0],
                    fontsize=style.SMALL,
                    ha="center",
                    va="center",
                    zorder=4,
                    fontweight="bold",
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "#333333", "lw": 1.2},
                )
        if labels:
            place_key(ax)


def place_key(ax: Axes) -> None:
    """What the place letters mean, listed down the empty right-hand margin of the map."""
    top, step = MAP_YLIM[1] - 0.45, 0.6
    x = town.GRID_WIDTH + 0.2
    for i, (letter, meaning) in enumerate(PLACE_LABELS.values()):
        ax.text(x, top - i * step, f"{letter}  {_(meaning)}", fontsize=style.SMALL, va="center", zorder=1)


def nudged(xs: np.ndarray, ys: np.ndarray, places: pd.DataFrame | None) -> tuple[np.ndarray, np.ndarray]:
    """Camera positions, moved off any corner that holds a place so the place's letter stays visible."""
    if places is None or not len(places):
        return xs, ys
    taken = set(zip(places.x.astype(float), places.y.astype(float)))
    on_place = np.array([(x, y) in taken for x, y in zip(xs, ys)], dtype=bool)
    return xs + CAMERA_NUDGE[0] * on_place, ys + CAMERA_NUDGE[1] * on_place


def draw_cameras(
    ax: Axes, cameras: pd.DataFrame, chosen: list[str] | tuple[str, ...], places: pd.DataFrame | None = None
) -> None:
    """Fixed cameras of the chosen networks, each network with its own colour and marker (from the registry)."""
    for net in networks.all_networks():
        if net.name not in chosen or net.mobile:
            continue
        cams = cameras[(cameras.network == net.name) & (cameras.kind == "fixed")]
        if len(cams):
            xs, ys = nudged(cams.x.astype(float).to_numpy(), cams.y.astype(float).to_numpy(), places)
            ax.scatter(
                xs,
                ys,
                marker=net.marker,
                color=net.color,
                s=130,
                edgecolor="black",
                zorder=5,
                label=_(net.label),
            )


# Big markers that mean the same thing wherever they appear: (marker, size, face colour).
# The guesses are hollow so that the sightings under them stay visible.
SPOT_STYLE = {
    N_("guessed home"): ("*", 900, "none"),
    N_("guessed work"): ("p", 650, "none"),
    N_("first read: the alert fires"): ("*", 700, OKABE_ITO["yellow"]),
    N_("reads in the next 2 hours"): ("o", 160, OKABE_ITO["orange"]),
}


def mark(ax: Axes, xs, ys, what: str, zorder: float = 8) -> None:
    """Mark spots on the map with the lab's marker for `what` (a key of SPOT_STYLE), labelled for the legend."""
    marker, size, face = SPOT_STYLE[what]
    ax.scatter(
        xs, ys, marker=marker, s=size, facecolor=face, edgecolor="black", linewidths=2.5, zorder=zorder, label=_(what)
    )


def legend_below(ax: Axes, columns: int = 2) -> None:
    """The widget's legend in the strip under the map (the place key is on the map itself)."""
    if ax.get_legend_handles_labels()[0]:
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, 0.0),
            ncol=columns,
            frameon=False,
            handletextpad=0.3,
            columnspacing=1.0,
            borderaxespad=0.2,
        )


def town_map(town_data: TownData, chosen: list[str] | None = None) -> Figure:
    """The whole town with its places and the fixed cameras of the chosen networks, described in one line."""
    chosen = networks.names() if chosen is None else chosen
    fig, ax = new_map(_("{town}: streets, places and fixed cameras").format(town=town_data.meta["town"]))
    town_background(ax, town_data)
    draw_cameras(ax, town_data.cameras, chosen, town_data.places)
    fixed = town_data.cameras[(town_data.cameras.kind == "fixed") & town_data.cameras.network.isin(chosen)]
    mobile = town_data.cameras[(town_data.cameras.kind == "mobile") & town_data.cameras.network.isin(chosen)]
    legend_below(ax)
    text = _("Map of {town}, {w} by {h} blocks, with {places} public places and {fixed} fixed cameras shown.").format(
        town=town_data.meta["town"],
        w=town_data.meta["grid_width"],
        h=town_data.meta["grid_height"],
        places=len(town_data.places),
        fixed=len(fixed),
    )
    if len(mobile):
        text += " " + _("{n} camera cars also drive around and are not drawn.").format(n=len(mobile))
    return style.describe(fig, text)


def draw_tour(state: TourState) -> Figure:
    """The town map with the ticked networks: fixed cameras as markers, camera cars as the spots where they read cars."""
    fig, ax = new_map(_("{town}: the cameras of the ticked networks").format(town=state.town.meta["town"]))
    town_background(ax, state.town)
    draw_cameras(ax, state.town.cameras, state.networks, state.town.places)
    mobile = [n for n in networks.all_networks() if n.mobile]
    for k, net in enumerate(mobile):
        spots = state.mobile_spots[state.mobile_spots.network == net.name]
        if net.name in state.networks and len(spots):
            dx, dy = _nudge(k, len(mobile))
            ax.scatter(
                spots.x + dx - 0.1,
                spots.y + dy - 0.2,
                s=12 + 6 * np.sqrt(spots.reads),
                marker=net.marker,
                color=net.color,
                alpha=0.6,
                edgecolor="black",
                linewidths=0.4,
                zorder=4.5,
                label=_("{network}: where they read parked cars").format(network=network_label(net.name)),
            )
    legend_below(ax)
    names = ", ".join(network_label(n) for n in state.networks) or _("no network")
    text = _(
        "Map of the town showing {names}: {fixed} fixed cameras and the spots where {cars} camera cars read cars."
    ).format(names=names, fixed=state.fixed_cameras, cars=state.mobile_units)
    return style.describe(fig, text)


def draw_alert(state: AlertState) -> Figure:
    """The town map marking where the car on the alert was first read, and its reads in the two hours after."""
    title = _("Alert for {car}, from {when}").format(car=state.car_label, when=local_format.day_and_time(state.start))
    fig, ax = new_map(title)
    town_background(ax, state.town)
    draw_cameras(ax, state.town.cameras, state.networks, state.town.places)
    if state.first is not None:
        mark(ax, [s.x for s in state.later], [s.y for s in state.later], N_("reads in the next 2 hours"), zorder=7)
        mark(ax, [state.first.x], [state.first.y], N_("first read: the alert fires"))
    legend_below(ax)
    if state.first is None:
        where = _("nowhere in the data")
    else:
        where = _("at {corner}").format(corner=town.corner_name(state.first.x, state.first.y))
    return style.describe(
        fig, _("Map of the town marking where the car on the alert was first read: {where}.").format(where=where)
    )


# Sightings at one corner are nudged apart by group, so that the groups do not hide each other.
def _nudge(k: int, groups: int) -> tuple[float, float]:
    if groups <= 1:
        return 0.0, 0.0
    angle = 2 * np.pi * k / groups
    return 0.2 * np.cos(angle), 0.2 * np.sin(angle)


def draw_mosaic(state: MosaicState) -> Figure:
    """The town map with one car's sightings, the analyst's guesses, and (if revealed) the truth."""
    fig, ax = new_map(title_of(state))
    town_background(ax, state.town)
    p = state.profile
    if p is not None and p.sightings:
        for k, group in enumerate(state.groups):
            part = state.points[state.points.group == k]
            if part.empty:
                continue
            if state.colour_by == "network":
                net = networks.get(group)
                colour, marker = net.color, net.marker
            else:
                colour, marker = style.TIME_STYLE[group]["color"], style.TIME_STYLE[group]["marker"]
            dx, dy = _nudge(k, len(state.groups))
            ax.scatter(
                part.x + dx,
                part.y + dy,
                s=30 + 30 * np.sqrt(part["count"]),
                color=colour,
                marker=marker,
                edgecolor="black",
                linewidths=0.6,
                alpha=0.85,
                zorder=6,
                label=f"{group_label(state, group)} ({int(part['count'].sum())})",
            )
        if p.home:
            mark(ax, [p.home[0]], [p.home[1]], N_("guessed home"))
        if p.work:
            mark(ax, [p.work[0]], [p.work[1]], N_("guessed work"))
    t = state.truth
    if state.revealed and t is not None and t.known:
        for spot, text in ((t.home, _("true home")), (t.work, _("true work"))):
            if spot:
                ax.scatter(
                    *spot,
                    marker="o",
                    s=1300,
                    facecolor="none",
                    edgecolor="black",
                    linewidths=2.5,
                    linestyle="--",
                    zorder=9,
                )
                ax.annotate(
                    text,
                    spot,
                    xytext=(16, -26),
                    textcoords="offset points",
                    fontsize=style.SMALL,
                    fontweight="bold",
                    zorder=10,
                    bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1},
                )
    legend_below(ax, columns=3)
    if p is None or p.sightings == 0:
        text = _("Map of the town with no sightings of this car.")
    else:
        how = _("time of week") if state.colour_by == "time" else _("camera network")
        text = _(
            "Map of {n} sightings of {car} over {days} days, coloured by {how}; the hollow star marks the guessed home."
        ).format(n=p.sightings, car=state.label, days=p.days, how=how)
        if p.work:
            text += " " + _("The hollow pentagon marks the guessed work.")
    return style.describe(fig, text)
