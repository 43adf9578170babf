"""Charts of what a trail of sightings gives away: how few sightings single out a car, a watcher against a
network that remembers, a guessed home to a name, and the camera-density line against the court cases.
"""

from __future__ import annotations

import textwrap

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from platetrails import local_format, style, unicity
from platetrails.charts import new_chart
from platetrails.i18n import _
from platetrails.palette import OKABE_ITO
from platetrails.states.coverage import CameraLineState
from platetrails.states.memory import MemoryState
from platetrails.states.naming import NamedState
from platetrails.states.unicity import ALL, SingledOutState, percent_words


def draw_singled_out(state: SingledOutState) -> Figure:
    """Share singled out against the number of sightings known, beside the published results for four points.

    Drawn lean (plain markers, one-line labels, a title placed by hand) so that a change of control stays quick.
    """
    fig, ax = new_chart((10.5, 5.5), (0.09, 0.15, 0.51, 0.74))
    level = _(unicity.LEVELS[state.level])
    other_level = _(next(label for name, label in unicity.LEVELS.items() if name != state.level))
    lines = [
        (state.town, OKABE_ITO["black"], "o", "-", _("all {n} cars: {level}").format(n=state.cars, level=level)),
        (state.other, OKABE_ITO["grey"], "s", ":", _("all {n} cars: {level}").format(n=state.cars, level=other_level)),
    ]
    if state.car != ALL:
        label = _("{car}: {level}").format(car=_(state.car), level=level)
        lines.append((state.shares, OKABE_ITO["orange"], "D", "--", label))
    for values, colour, marker, line_style, label in lines:
        ax.plot(state.ks, values, color=colour, marker=marker, markersize=8, linestyle=line_style, lw=2.8, label=label)
    looks = [(OKABE_ITO["vermillion"], "*", -0.1), (OKABE_ITO["blue"], "P", 0.1)]
    for pub, (colour, marker, nudge) in zip(state.published, looks):
        label = _("{who}:\n{percent:.0f}% of {millions:g} million {what}").format(
            who=_(pub.who), percent=pub.percent, millions=pub.people / 1e6, what=_(pub.what)
        )
        ax.plot(
            [pub.k + nudge],
            [pub.percent],
            color=colour,
            marker=marker,
            markersize=16,
            markeredgecolor="black",
            linestyle="none",
            label=label,
        )
    ax.set_xticks(state.ks)
    ax.set_xlim(0.6, state.ks[-1] + 0.4)
    ax.set_ylim(0, 105)
    ax.grid(alpha=0.3)
    ax.set_xlabel(_("sightings known (place and time)"))
    ax.set_ylabel(_("% singled out (only one car fits)"))
    ax.set_title(_("How few sightings single out one car?"), y=1.0, pad=8)  # a fixed place: no layout pass
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, [wrap(lab, 26) for lab in labels], loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    k = min(state.published[0].k, len(state.ks))
    if state.car == ALL:
        text = _(
            "Line chart: at the level of {level}, {k} sightings single out {share} of all cars ({other} at "
            "the level of {other_level}); published studies found {p1:.0f}% and {p2:.0f}% with four points."
        )
    else:
        text = _(
            "Line chart: at the level of {level}, {k} sightings single out {car} in {share} of tries (all cars: "
            "{town}; {other} at the level of {other_level}); published studies found {p1:.0f}% and "
            "{p2:.0f}% with four points."
        )
    text = text.format(
        level=level,
        k=k,
        car=_(state.car),
        share=percent_words(state.shares[k - 1]),
        town=percent_words(state.town[k - 1]),
        other=percent_words(state.other[k - 1]),
        other_level=other_level,
        p1=state.published[0].percent,
        p2=state.published[1].percent,
    )
    return style.describe(fig, text)


def draw_memory(state: MemoryState) -> Figure:
    """Different corners and different days known about one car: a watcher, the networks after 1, 7 and 28
    days, and (if chosen) as long as a state's law keeps reads. The chosen column is shaded."""
    fig, ax = new_chart((10.5, 4.8), (0.09, 0.2, 0.6, 0.68))
    x = np.arange(len(state.labels))
    ax.axvspan(state.chosen - 0.45, state.chosen + 0.45, color=OKABE_ITO["yellow"], alpha=0.5, lw=0)
    for values, shift, colour, hatch, label in (
        (state.corners, -0.2, OKABE_ITO["sky"], "", _("different corners")),
        (state.days_seen, 0.2, OKABE_ITO["blue"], "//", _("different days")),
    ):
        bars = ax.bar(x + shift, values, width=0.4, color=colour, edgecolor="black", hatch=hatch, label=label)
        ax.bar_label(bars, padding=2, fontsize=style.SMALL)
    # Wrapped narrow, so that a long law's name ('California (Highway Patrol)') never runs into its neighbour.
    ax.set_xticks(x, ["\n".join(textwrap.wrap(label, 10)) for label in state.labels])
    ax.set_ylim(0, max(max(state.corners), max(state.days_seen), 1) * 1.2)
    ax.set_ylabel(_("count"))
    ax.set_title(_("What is known about {car}").format(car=_(state.car)), pad=8)
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    text = _(
        "Bar chart for {car}: one watcher knows 1 corner on 1 day; the networks after 28 days know {corners} "
        "corners on {days} days."
    ).format(car=_(state.car), corners=state.corners[3], days=state.days_seen[3])
    return style.describe(fig, text)


def draw_named(state: NamedState) -> Figure:
    """A card: the guessed home, the directory's names there, and the weekly routine now pinned to a name."""
    fig = style.new_figure((10.5, 4.6))
    ax = fig.add_axes([0.03, 0.12, 0.94, 0.76])
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_title(_("Reads + a public directory = a name and a routine"), pad=8)
    boxes = [
        (0.02, _("1. Reads only"), state.home_place or _("no guess yet"), OKABE_ITO["sky"]),
        (
            0.36,
            _("2. Directory"),
            "\n".join(state.names[:4]) or _("no household listed"),
            OKABE_ITO["yellow"],
        ),
        (
            0.70,
            _("3. Named routine"),
            "\n".join(
                _("{place}\n{weekday}s ~{hour}:00").format(
                    place=s.place, weekday=local_format.weekday_name(s.weekday), hour=s.hour
                )
                for s in state.stops[:2]
            )
            or _("no weekly routine yet"),
            OKABE_ITO["orange"],
        ),
    ]
    for x0, head, body, colour in boxes:
        ax.add_patch(plt_rectangle((x0, 0.05), 0.28, 0.9, colour))
        ax.text(x0 + 0.14, 0.86, head, ha="center", va="center", fontsize=style.BODY, weight="bold")
        ax.text(x0 + 0.14, 0.45, wrap(body, 22), ha="center", va="center", fontsize=style.SMALL)
    for x0 in (0.31, 0.65):
        ax.annotate("", xy=(x0 + 0.045, 0.5), xytext=(x0, 0.5), arrowprops={"arrowstyle": "->", "lw": 3})
    ax.text(0.5, -0.08, _("All names are made up by the lab."), ha="center", va="center", fontsize=style.SMALL)
    text = _("Card for {car}: guessed home {home}; {n} names listed there; {r} weekly routines.").format(
        car=_(state.car), home=state.home_place or _("none"), n=len(state.names), r=len(state.stops)
    )
    return style.describe(fig, text)


def plt_rectangle(xy: tuple[float, float], width: float, height: float, colour: str):
    return FancyBboxPatch(
        xy, width, height, boxstyle="round,pad=0.01", facecolor=colour, edgecolor="black", alpha=0.55, lw=2
    )


def wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.fill(line, width) if line else line for line in text.split("\n"))


def draw_camera_line(state: CameraLineState) -> Figure:
    """% of trips (and of days) the record catches as fixed cameras are added, with the student's line."""
    fig, ax = new_chart((10.5, 5.6), (0.1, 0.15, 0.86, 0.72))
    n = np.arange(len(state.trip_share))
    ax.plot(
        n,
        state.trip_share,
        color=OKABE_ITO["blue"],
        marker="o",
        markevery=6,
        markersize=8,
        lw=2.8,
        label=_("trips caught"),
    )
    ax.plot(
        n,
        state.day_share,
        color=OKABE_ITO["green"],
        marker="^",
        markevery=(3, 6),
        markersize=8,
        lw=2.2,
        ls="--",
        label=_("days caught"),
    )
    ax.axvline(state.cameras, color=OKABE_ITO["orange"], lw=3, label=_("cameras now: {n}").format(n=state.cameras))
    ax.plot(
        [state.mccarthy],
        [state.trip_share[state.mccarthy]],
        marker="*",
        markersize=20,
        color=OKABE_ITO["vermillion"],
        markeredgecolor="black",
        ls="none",
        label=_("{n} cameras, as in McCarthy").format(n=state.mccarthy),
    )
    if state.line:
        ax.axvline(state.line, color=OKABE_ITO["black"], lw=2.5, ls=":", label=_("your line: {n}").format(n=state.line))
    ax.set_xlim(0, n[-1])
    ax.set_ylim(0, 105)
    ax.grid(alpha=0.3)
    ax.set_xlabel(_("fixed cameras in town (first where Route 9 enters)"))
    ax.set_ylabel(_("% caught at least once"))
    ax.set_title(_("How much of a week does the record hold?"), pad=8)
    ax.legend(loc="lower right", frameon=True)
    text = _("Line chart: with {n} cameras the record catches {trips:.0f}% of trips and {days:.0f}% of days.").format(
        n=state.cameras, trips=state.trip_share[state.cameras], days=state.day_share[state.cameras]
    )
    return style.describe(fig, text)
