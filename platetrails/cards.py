"""Cards: pictures that are not charts or maps (one read as an index card, two plates one misread apart)."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from platetrails import local_format, style
from platetrails.i18n import _
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import MisreadState
from platetrails.states.reading import ReadCardState, network_label


def _card(size: tuple[float, float]):
    fig = style.new_figure(size)
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_axis_off()
    return fig, ax


def draw_read_card(state: ReadCardState) -> Figure:
    """One read drawn as an index card: everything a reader stores about one passing car, except the photo."""
    fig, ax = _card((10.5, 4.4))
    ax.add_patch(
        FancyBboxPatch(
            (0.03, 0.06), 0.94, 0.82, boxstyle="round,pad=0.02", facecolor="#fbfbf4", edgecolor="#333333", lw=2
        )
    )
    ax.add_patch(
        FancyBboxPatch((0.76, 0.2), 0.18, 0.55, boxstyle="round,pad=0.01", facecolor="#e6e6e6", edgecolor="#999999")
    )
    ax.text(
        0.85,
        0.475,
        _("photo of the car\n(real systems\nkeep one; this\nlab does not)"),
        ha="center",
        va="center",
        fontsize=style.SMALL,
        color="#555555",
    )
    lines = [
        (_("Read"), state.read_id),
        (_("Plate"), state.plate),
        (_("Date and time"), local_format.long_day_and_time(state.timestamp)),
        (_("Camera"), f"{state.camera_id}, {network_label(state.network).lower()}"),
        (_("Place"), state.place),
    ]
    for i, (label, value) in enumerate(lines):
        is_plate = i == 1
        ax.text(0.05, 0.78 - i * 0.14, label + ":", fontsize=style.BODY, fontweight="bold", va="center")
        ax.text(
            0.27,
            0.78 - i * 0.14,
            value,
            fontsize=24 if is_plate else style.BODY,
            va="center",
            family="monospace" if is_plate else None,
        )
    ax.text(0.5, 0.95, _("What one plate read holds"), ha="center", fontsize=style.TITLE, fontweight="bold")
    text = _("A card showing one read: plate {plate}, read at {time} on {day} by {camera} at {place}.").format(
        plate=state.plate,
        time=local_format.time_of_day(state.timestamp),
        day=local_format.day_month(state.timestamp),
        camera=state.camera_id,
        place=state.place,
    )
    return style.describe(fig, text)


def draw_misread(state: MisreadState) -> Figure:
    """The innocent car's plate beside the stolen car's plate, one misread apart."""
    fig, ax = _card((10.5, 3.6))
    if state.plate is None:
        ax.text(0.5, 0.5, _("Type a plate above"), ha="center", va="center", fontsize=style.BIG)
        return style.describe(fig, _("No plate to show."))
    ax.text(0.5, 0.9, _("One character apart"), ha="center", fontsize=style.TITLE, fontweight="bold")
    sides = (
        (0.25, _("innocent car"), state.plate, OKABE_ITO["green"]),
        (0.75, _("stolen car on the hot list"), state.stolen, OKABE_ITO["vermillion"]),
    )
    for x, label, text, colour in sides:
        ax.add_patch(
            FancyBboxPatch(
                (x - 0.17, 0.35), 0.34, 0.3, boxstyle="round,pad=0.02", facecolor="white", edgecolor=colour, lw=4
            )
        )
        ax.text(x, 0.5, text, ha="center", va="center", fontsize=30, family="monospace", fontweight="bold")
        ax.text(x, 0.2, label, ha="center", fontsize=style.BODY, color="#333333")
    ax.annotate("", xy=(0.57, 0.5), xytext=(0.43, 0.5), arrowprops={"arrowstyle": "->", "lw": 3})
    ax.text(0.5, 0.58, _("misread"), ha="center", fontsize=style.SMALL)
    text = _("Two plates side by side: {plate} and {stolen} differ in one character that cameras confuse.").format(
        plate=state.plate, stolen=state.stolen
    )
    return style.describe(fig, text)
