"""Charts of how well the analyst guesses: the class-wide picture of homes and workplaces found, the realism dial,
routine labels against the truth, and whose homes are missed. Each is a pure function of a state or a table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from platetrails import local_format, networks, rounding, style
from platetrails.charts import new_chart
from platetrails.i18n import N_, _
from platetrails.palette import OKABE_ITO
from platetrails.states.reading import day_words
from platetrails.states.scale import LEVEL_WORDS, RealismState, place_label


def _line(ax: Axes, part: pd.DataFrame, column: str, colour: str, marker: str, line_style: str, label: str) -> None:
    ax.plot(part.days, 100 * part[column], color=colour, marker=marker, linestyle=line_style, lw=2.6, label=label)


def class_picture(shares: pd.DataFrame, measure: str = "home") -> Figure:
    """One chart for the whole town: the share of cars whose home (or work) is guessed within a block, by days of data.

    One line per network on its own and one for every network together, so the picture answers one
    question: how fast does the picture form, and which cameras make it? `shares` is scoring.share_within's table.
    """
    column = f"{measure}_share"
    fig, ax = new_chart((10.5, 6.2), (0.1, 0.14, 0.86, 0.74))
    for net in networks.all_networks():
        part = shares[shares.networks == (net.name,)].sort_values("days")
        if len(part):
            _line(
                ax,
                part,
                column,
                net.color,
                net.marker,
                net.line_style,
                _("{network} alone").format(network=_(net.label)),
            )
    every = shares[shares.networks == tuple(networks.names())].sort_values("days")
    _line(ax, every, column, OKABE_ITO["black"], "o", "-", _("all networks together"))
    ax.set_xlabel(_("days of data"))
    ax.grid(alpha=0.3)
    if measure == "home":
        ax.set_ylabel(_("% of all cars, home found"))
        ax.set_title(_("How fast does the analyst find where cars sleep?"), y=1.0, pad=8)
    else:
        ax.set_ylabel(_("% of workers, work found"))
        ax.set_title(_("How fast does the analyst find where drivers work?"), y=1.0, pad=8)
    ax.legend(loc="upper left", ncol=2, frameon=True, framealpha=0.9, title=_("within 1 block, with"))
    ax.set_ylim(0, 125)
    ax.set_yticks([0, 20, 40, 60, 80, 100])
    first, last = every.iloc[0], every.iloc[-1]
    if measure == "home":
        text = _(
            "Line chart: with every network, the home of {first:.0f}% of cars is found within a block after {d1}, "
            "and of {last:.0f}% after {d2}; one line per network alone shows which cameras do most."
        )
    else:
        text = _(
            "Line chart: with every network, the work of {first:.0f}% of cars is found within a block after {d1}, "
            "and of {last:.0f}% after {d2}; one line per network alone shows which cameras do most."
        )
    text = text.format(
        first=rounding.percent_value(first[column]),
        d1=day_words(int(first.days)),
        last=rounding.percent_value(last[column]),
        d2=day_words(int(last.days)),
    )
    return style.describe(fig, text)


def draw_realism(state: RealismState) -> Figure:
    """Left: each level of the dial and each real place by reads per car per day (log scale), with bands.
    Right: home share against days of reads, one line per level; the chosen level and day are marked."""
    fig = style.new_figure((10.5, 5.6))
    left = fig.add_axes([0.3, 0.15, 0.25, 0.74])
    ax = fig.add_axes([0.66, 0.15, 0.31, 0.74])
    colours = dict(
        zip(LEVEL_WORDS, [OKABE_ITO["black"], OKABE_ITO["blue"], OKABE_ITO["orange"], OKABE_ITO["vermillion"]])
    )
    places = state.places.iloc[::-1].reset_index(drop=True)
    for y, r in enumerate(places.itertuples()):
        chosen = r.kind == "level" and r.level == state.level
        colour = colours.get(r.level, OKABE_ITO["green"])
        marker = "o" if r.kind == "level" else "D"
        if r.rate_high > r.rate_low:
            left.plot([r.rate_low, r.rate_high], [y, y], color=colour, lw=4, solid_capstyle="butt")
        left.plot([r.rate], [y], marker=marker, ms=15 if chosen else 10.5, color=colour, mec="black", zorder=3)
    left.set_xscale("log")
    left.set_xlim(0.01, 10)
    left.set_xticks([0.01, 0.1, 1, 10], ["0.01", "0.1", "1", "10"])
    left.minorticks_off()
    left.set_yticks([])  # the rows are named by plain text: quicker to draw than seven ticks
    for y, r in enumerate(places.itertuples()):
        chosen = r.kind == "level" and r.level == state.level
        left.text(
            -0.04,
            y,
            place_label(r),
            transform=left.get_yaxis_transform(),
            ha="right",
            va="center",
            fontsize=style.SMALL,
            fontweight="bold" if chosen else "normal",
            fontstyle="italic" if r.kind == "real" else "normal",
        )
    left.set_ylim(-0.6, len(places) - 0.4)
    left.set_xlabel(_("reads per car per day"))
    left.set_title(_("Real places in italics"), y=1.0, pad=8, loc="right")
    for (level, part), colour in zip(state.table.groupby("level", sort=False), colours.values()):
        chosen = level == state.level
        ax.plot(
            part.days, 100 * part.share, marker="o", color=colour, lw=3.2 if chosen else 1.6, alpha=1 if chosen else 0.5
        )
        if chosen:
            ax.fill_between(part.days, 100 * part.low, 100 * part.high, color=colour, alpha=0.2)
    ax.axhline(100 * state.town_share, color=OKABE_ITO["grey"], lw=1.5)
    ax.plot([state.days], [100 * state.share], marker="o", ms=16, mfc="none", mec="black", mew=2.5, zorder=5)
    ax.set_xscale("log")
    ax.set_xlim(5, 500)
    ax.set_xticks([7, 28, 365], [_("1 week"), _("4 weeks"), _("1 year")])
    ax.minorticks_off()
    ax.set_ylim(0, 100)
    ax.set_xlabel(_("days of reads"))
    ax.set_ylabel(_("% of homes found"))
    ax.set_title(_("Homes found"), y=1.0, pad=8)
    text = _(
        "Two charts. Left: the classroom town, the dial's levels and three real places by reads per car per day on "
        "a log scale; the town reads each car far more often than any real place. Right: the share of homes found "
        "against days of reads, one line per level; at the chosen level, {share} after {days} days."
    ).format(share=local_format.percent(state.share), days=state.days)
    return style.describe(fig, text)


def short_place(name: str) -> str:
    """A place's name short enough for a chart label: 'Eastfield Community Health Clinic' -> 'Eastfield Health Clinic'."""
    name = name.split(",")[0].replace(" Community", "")
    return name if len(name) <= 24 else name[:23] + "…"


def labels_chart(labels: pd.DataFrame) -> Figure:
    """For each sensitive place: cars read at its corner, cars given a 'routine' there, and how many truly went.

    `labels` is scoring.label_truth's table. The gap between the bars is the lesson: a camera on a busy
    corner gives many cars the same label, and most of them only drove past.
    """
    labels = labels.iloc[::-1]
    fig, ax = new_chart((10.5, 6.4), (0.33, 0.14, 0.64, 0.76))
    y = np.arange(len(labels))
    bars = [
        ("plates_read_there", _("read by a camera at its corner"), OKABE_ITO["sky"], ""),
        ("plates_with_routine", _("given a weekly 'routine' there"), OKABE_ITO["orange"], "//"),
        ("routine_and_went", _("... and truly went there"), OKABE_ITO["green"], "xx"),
    ]
    for k, (column, label, colour, hatch) in enumerate(bars):
        ax.barh(
            y + (1 - k) * 0.27, labels[column], height=0.26, color=colour, edgecolor="black", hatch=hatch, label=label
        )
    ax.set_yticks(y, [short_place(p) + f"\n({_(s)})" for p, s in zip(labels.place, labels.sensitive)])
    ax.set_xlabel(_("cars, of the town's 200 (28 days, every network)"))
    ax.set_title(_("What a camera by a sensitive place shows"), y=1.0, pad=8)
    ax.legend(loc="center right", frameon=True, framealpha=0.9)
    busiest = labels.loc[labels.plates_with_routine.idxmax()]
    text = _(
        "Grouped bar chart: {n} cars get a routine at {place}, and {went} of them truly went there; "
        "places without a camera at their corner show no visits at all."
    ).format(n=int(busiest.plates_with_routine), place=busiest.place, went=int(busiest.routine_and_went))
    return style.describe(fig, text)


ROUTINE_WORDS = {
    "day_commuter": N_("day commuters"),
    "county_commuter": N_("county commuters"),
    "night_shift": N_("night-shift workers"),
    "rotating_shift": N_("rotating-shift workers"),
    "student": N_("students"),
    "delivery_driver": N_("delivery drivers"),
    "retiree": N_("retirees"),
    "home_worker": N_("work from home"),
    "school_parent": N_("school parents"),
}


def missed_chart(missed: pd.DataFrame) -> Figure:
    """The share of each kind of driver whose home the analyst found: who the cameras miss, and why it matters."""
    fig, ax = new_chart((10.5, 5.8), (0.3, 0.15, 0.66, 0.74))
    y = np.arange(len(missed))
    ax.barh(y, 100 * missed.found, color=OKABE_ITO["blue"], edgecolor="black")
    for yi, row in zip(y, missed.itertuples()):
        ax.text(
            100 * row.found + 1,
            yi,
            f"{local_format.percent(row.found)} ({row.cars})",
            va="center",
            fontsize=style.SMALL,
        )
    ax.set_yticks(y, [_(ROUTINE_WORDS.get(a, a)) for a in missed.archetype])
    ax.set_xlim(0, 115)
    ax.set_xlabel(_("% whose home was found (number of cars)"))
    ax.set_title(_("Whose home does the analyst find?"), y=1.0, pad=8)
    worst = missed.iloc[0]
    text = _("Bar chart by kind of driver: the analyst finds the fewest homes of {who} ({share}).").format(
        who=_(ROUTINE_WORDS.get(worst.archetype, worst.archetype)), share=local_format.percent(worst.found)
    )
    return style.describe(fig, text)


def work_chart(shares: pd.DataFrame) -> Figure:
    """Work guesses after four weeks with every network, counted two ways, and the guesses made for cars with no job."""
    every = shares[shares.networks == tuple(networks.names())].sort_values("days").iloc[-1]
    fig, ax = new_chart((10.5, 4.2), (0.47, 0.2, 0.48, 0.64))
    labels = [
        _("work found, of cars with a workplace"),
        _("work found, of all cars"),
    ]
    values = [100 * every.work_share, 100 * every.work_share_all]
    bars = ax.barh(labels[::-1], values[::-1], color=[OKABE_ITO["sky"], OKABE_ITO["blue"]], edgecolor="black")
    shown = [local_format.percent(v / 100) for v in values[::-1]]
    ax.bar_label(bars, labels=shown, padding=4, fontsize=style.SMALL)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("% of cars, work found within 1 block after {d} days").format(d=int(every.days)))
    ax.set_title(_("How often is the work guess right?"), y=1.0, pad=8)
    text = _(
        "Bar chart: the workplace of {a} of cars that have one is found, {b} of all cars; and {n} cars "
        "with no workplace (retirees, people who work at home) were given a work guess anyway."
    ).format(
        a=local_format.percent(every.work_share),
        b=local_format.percent(every.work_share_all),
        n=int(every.false_work),
    )
    return style.describe(fig, text)
