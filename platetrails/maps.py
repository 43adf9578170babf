"""Drawing the town: streets, neighbourhoods, places and cameras on one map."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from platetrails import style
from platetrails.data import TownData

PLACE_LABELS = {
    "clinic": "+",
    "worship": "W",
    "legal_aid": "L",
    "union_hall": "U",
    "hospital": "H",
    "school": "S",
    "college": "C",
    "city_hall": "CH",
    "courthouse": "J",
    "police": "PD",
}


# The map always fills the same box, sized so that one block is as wide as it is tall.
MAP_SIZE = (11, 7.2)
MAP_BOX = [0.08, 0.2, 0.88, 0.71]
MAP_XLIM = (-5, 20)
MAP_YLIM = (-1, 12.2)


def new_map(title: str) -> tuple[Figure, Axes]:
    """An empty figure shaped for the town map. Made without pyplot's global state so it never shows twice."""
    with plt.ioff():
        fig = plt.figure(figsize=MAP_SIZE)
    ax = fig.add_axes(MAP_BOX)
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)
    ax.set_title(title)
    ax.set_xlabel("blocks east (avenues)")
    ax.set_ylabel("blocks north (streets)")
    return fig, ax


def base_layer(town: TownData) -> np.ndarray:
    """The whole static map (streets, neighbourhoods, places, axes and their labels) drawn once as pixels.

    Widgets paste it under their markers, so a redraw only draws what changed: about three
    times faster than drawing the town again, which keeps every update well under 0.1 s.
    """
    cached = getattr(town, "_base_layer", None)
    if cached is not None:
        return cached
    fig, ax = new_map("")
    draw_town(ax, town)
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba()).copy()
    plt.close(fig)
    town._base_layer = image
    return image


def town_background(ax: Axes, town: TownData) -> None:
    """Paste the pre-drawn town and its axes under whatever a widget draws next on `ax`."""
    fig = ax.figure
    fig.figimage(base_layer(town)[::-1], 0, 0, zorder=0, origin="lower")
    ax.set_xlim(*MAP_XLIM)
    ax.set_ylim(*MAP_YLIM)
    ax.set_zorder(1)
    ax.patch.set_alpha(0)
    ax.set_frame_on(False)
    ax.tick_params(left=False, bottom=False, labelleft=False, labelbottom=False)
    ax.xaxis.label.set_visible(False)  # drawn in the background; kept on the axes for tests and readers
    ax.yaxis.label.set_visible(False)


def draw_town(ax: Axes, town: TownData, *, places: bool = True, labels: bool = True) -> None:
    """Streets as a grid, neighbourhoods shaded, Route 9 drawn thick, public places marked."""
    meta = town.meta
    width, height = meta["grid_width"], meta["grid_height"]
    for i, hood in enumerate(town.neighbourhoods.itertuples()):
        shade = "#f2f2f2" if i % 2 else "#e6e6e6"
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
                hood.y_max + 0.3,
                hood.neighbourhood,
                ha="center",
                va="center",
                fontsize=11,
                color="#555555",
                zorder=1,
            )
    for x in range(width):
        ax.plot([x, x], [0, height - 1], color="white", lw=2, zorder=0.5)
    for y in range(height):
        ax.plot([0, width - 1], [y, y], color="white", lw=2, zorder=0.5)
    highway_x = list(MAP_XLIM)
    ax.plot(highway_x, [5, 5], color="#777777", lw=4, zorder=0.6, solid_capstyle="butt")
    ax.text(highway_x[0] + 0.2, 5.35, "Route 9", fontsize=10, color="#555555")
    if places:
        shown = town.places
        ax.scatter(shown.x, shown.y, s=110, color="white", edgecolor="#333333", zorder=3, linewidths=1.2)
        for p in shown.itertuples():
            mark = PLACE_LABELS.get(p.kind)
            if mark:
                ax.text(p.x, p.y, mark, fontsize=8, ha="center", va="center", zorder=4, fontweight="bold")


def draw_cameras(ax: Axes, cameras: pd.DataFrame, networks: list[str]) -> None:
    """Fixed cameras of the chosen networks, each network with its own colour and marker."""
    for net in networks:
        cams = cameras[(cameras.network == net) & (cameras.kind == "fixed")]
        st = style.NETWORK_STYLE[net]
        if len(cams):
            ax.scatter(
                cams.x.astype(float),
                cams.y.astype(float),
                marker=st["marker"],
                color=st["color"],
                s=130,
                edgecolor="black",
                zorder=5,
                label=st["label"],
            )


# Big markers that mean the same thing wherever they appear: (marker, size, colour).
SPOT_STYLE = {
    "guessed home": ("*", 700, style.OKABE_ITO["yellow"]),
    "guessed work": ("p", 450, style.OKABE_ITO["sky"]),
    "first read: the alert fires": ("*", 700, style.OKABE_ITO["yellow"]),
    "reads in the next 2 hours": ("o", 160, style.OKABE_ITO["orange"]),
}


def mark(ax: Axes, xs, ys, what: str, zorder: float = 8) -> None:
    """Mark spots on the map with the lab's marker for `what` (a key of SPOT_STYLE), labelled for the legend."""
    marker, size, colour = SPOT_STYLE[what]
    ax.scatter(xs, ys, marker=marker, s=size, color=colour, edgecolor="black", zorder=zorder, label=what)


def town_map(town: TownData, networks: list[str] | None = None) -> Figure:
    """The whole town with its places and the fixed cameras of the chosen networks, described in one line."""
    networks = list(style.NETWORK_STYLE) if networks is None else networks
    fig, ax = new_map(f"{town.meta['town']}: streets, places and fixed cameras")
    town_background(ax, town)
    draw_cameras(ax, town.cameras, networks)
    fixed = town.cameras[(town.cameras.kind == "fixed") & town.cameras.network.isin(networks)]
    mobile = town.cameras[(town.cameras.kind == "mobile") & town.cameras.network.isin(networks)]
    if len(fixed):
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=2, frameon=False)
    text = (
        f"Map of {town.meta['town']}, {town.meta['grid_width']} by {town.meta['grid_height']} blocks, with "
        f"{len(town.places)} public places and {len(fixed)} fixed cameras shown"
        + (f"; {len(mobile)} camera cars also drive around and are not drawn." if len(mobile) else ".")
    )
    return style.describe(fig, text)
