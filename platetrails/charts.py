"""Charts: a day at one camera, hit rates, scans by neighbourhood, retention limits, and the class-wide mosaic.

Each is a pure function of a widget's state or of a table, so a test, a handout or another
language can draw it without a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from platetrails import networks, style, unicity
from platetrails.facts import Facts
from platetrails.i18n import _
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import HitRateState
from platetrails.states.public import ALL, SingledOutState, percent_words
from platetrails.states.reading import CameraDayState


def new_chart(size: tuple[float, float] = (11, 5.5), box: tuple[float, float, float, float] = (0.1, 0.16, 0.86, 0.72)):
    """An empty figure with one axes at a fixed place (no layout solver, so drawing stays quick)."""
    fig = style.new_figure(size)
    return fig, fig.add_axes(list(box))


def draw_camera_day(state: CameraDayState) -> Figure:
    """Reads per hour at one camera on one day, in the colour of its network."""
    fig, ax = new_chart()
    colour = networks.get(state.network).color if state.network in networks.names() else OKABE_ITO["grey"]
    ax.bar(np.arange(24), state.per_hour, color=colour, edgecolor="black")
    ax.set_xticks(range(0, 24, 3))
    ax.set_xlabel(_("hour of the day"))
    ax.set_ylabel(_("plate reads"))
    ax.set_title(_("A day at {camera}: {day}").format(camera=state.camera_id, day=state.day_label))
    text = _("Bar chart of reads per hour at {camera} on {day}: {reads} reads, most at {hour}:00.").format(
        camera=state.camera_id, day=state.day_label, reads=state.reads, hour=state.busiest_hour
    )
    return style.describe(fig, text)


def draw_hit_rate(state: HitRateState) -> Figure:
    """The town's hit rate beside real published rates, as horizontal bars."""
    fig, ax = new_chart((11, 5.2), (0.36, 0.16, 0.6, 0.72))
    labels = [_("Alder Falls, {n} cars listed").format(n=len(state.listed))] + [
        _(label) for _fid, label, _value in state.real
    ]
    values = [state.rate] + [value for _fid, _label, value in state.real]
    colours = [OKABE_ITO["orange"]] + [OKABE_ITO["blue"]] * len(state.real)
    hatches = ["//"] + [""] * len(state.real)
    bars = ax.barh(labels[::-1], values[::-1], color=colours[::-1], edgecolor="black", hatch=hatches[::-1])
    ax.bar_label(bars, fmt="%.2f%%", padding=4, fontsize=12)
    ax.set_xlabel(_("share of reads that are hits (%)"))
    ax.set_xlim(0, max(1.0, max(values) * 1.25))
    ax.set_title(_("How often is a read a hit?"))
    real = values[1:]
    text = _(
        "Bar chart: {rate:.2f}% of the town's reads are hits, beside real rates from {low:.2f}% to {high:.2f}%."
    ).format(rate=state.rate, low=min(real), high=max(real))
    return style.describe(fig, text)


def scans_chart(per: pd.DataFrame) -> Figure:
    """Reads per street corner per day in each neighbourhood, stacked by network: whose streets are scanned most.

    `per` is hotlist.scans_by_neighbourhood's table: one row per neighbourhood, one column per network.
    """
    per = per.loc[per.sum(axis=1).sort_values().index]
    fig, ax = new_chart((11, 5.5), (0.2, 0.14, 0.76, 0.74))
    left = np.zeros(len(per))
    for net in networks.all_networks():
        if net.name in per.columns:
            ax.barh(
                per.index,
                per[net.name],
                left=left,
                color=net.color,
                edgecolor="black",
                hatch=net.hatch,
                label=_(net.label),
            )
            left += per[net.name].to_numpy()
    ax.set_xlabel(_("plate reads per street corner per day"))
    ax.set_title(_("Whose streets are scanned most?"))
    ax.legend(loc="lower right", frameon=False)
    totals = per.sum(axis=1)
    ratio = totals.max() / max(totals.min(), 1e-9)
    text = _("Stacked bar chart: {top} is scanned most, about {ratio:.0f} times as much per corner as {low}.").format(
        top=totals.idxmax(), ratio=ratio, low=totals.idxmin()
    )
    return style.describe(fig, text)


def retention_chart(facts: Facts) -> Figure:
    """How long state laws let plate reads be kept, in days on a log scale, beside ICE's five years of history."""
    laws = facts.state_laws.dropna(subset=["retention_days"]).sort_values("retention_days")
    fig, ax = new_chart((11, 6.5), (0.34, 0.12, 0.62, 0.78))
    labels = [f"{r.state} ({r.retention_value:g} {r.retention_unit})" for r in laws.itertuples()]
    ax.barh(labels, laws.retention_days, color=OKABE_ITO["blue"], edgecolor="black")
    ice = facts.figure("ice_history_years")
    ax.axvline(ice.value * 365.25, color=OKABE_ITO["vermillion"], linestyle="--", lw=2.5)
    ax.text(
        ice.value * 365.25,
        -0.6,
        _("ICE's searchable\nhistory: 5 years "),
        color=OKABE_ITO["vermillion"],
        ha="right",
        va="bottom",
        fontsize=12,
    )
    ax.set_xscale("log")
    ticks = {
        3 / 1440: _("3 min"),
        1: _("1 day"),
        7: _("1 week"),
        30: _("1 month"),
        365.25: _("1 year"),
        5 * 365.25: _("5 years"),
    }
    ax.set_xticks(list(ticks), list(ticks.values()))
    ax.set_ylabel(_("state law"))
    ax.set_xlabel(_("longest time plate reads may be kept (days, log scale)"))
    ax.set_title(_("How long may plate reads be kept?"))
    shortest, longest = laws.iloc[0], laws.iloc[-1]
    text = _(
        "Bar chart of {n} state retention limits, from {short} ({short_value:g} {short_unit}) to {long} "
        "({long_value:g} {long_unit}); the dashed line marks ICE's five years of searchable history."
    ).format(
        n=len(laws),
        short=shortest.state,
        short_value=shortest.retention_value,
        short_unit=shortest.retention_unit,
        long=longest.state,
        long_value=longest.retention_value,
        long_unit=longest.retention_unit,
    )
    return style.describe(fig, text)


def _line(ax: Axes, part: pd.DataFrame, column: str, colour: str, marker: str, line_style: str, label: str) -> None:
    ax.plot(part.days, 100 * part[column], color=colour, marker=marker, linestyle=line_style, lw=2.6, label=label)


def class_picture(shares: pd.DataFrame, measure: str = "home") -> Figure:
    """One chart for the whole town: the share of cars whose home (or work) is guessed within a block, by days of data.

    One line per network on its own and one for every network together, so the picture answers one
    question: how fast does the picture form, and which cameras make it? `shares` is scoring.share_within's table.
    """
    column = f"{measure}_share"
    fig, ax = new_chart((11, 6.2), (0.1, 0.14, 0.6, 0.74))
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
    ax.set_ylim(0, 100)
    ax.grid(alpha=0.3)
    if measure == "home":
        ax.set_ylabel(_("% of all cars, home found within 1 block"))
        ax.set_title(_("How fast does the analyst find where cars sleep?"))
    else:
        ax.set_ylabel(_("% of cars with a workplace, work found within 1 block"))
        ax.set_title(_("How fast does the analyst find where drivers work?"))
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
    first, last = every.iloc[0], every.iloc[-1]
    text = _(
        "Line chart: with every network, the {measure} of {first:.0f}% of cars is found within a block after {d1} "
        "days, and of {last:.0f}% after {d2} days; one line per network alone shows which cameras do most."
    ).format(
        measure=_(measure), first=100 * first[column], d1=int(first.days), last=100 * last[column], d2=int(last.days)
    )
    return style.describe(fig, text)


def draw_singled_out(state: SingledOutState) -> Figure:
    """Share singled out against the number of sightings known, beside the published results for four points.

    Drawn lean (plain markers, one-line labels, a title placed by hand) so that a change of control stays quick.
    """
    fig, ax = new_chart((11, 5.5), (0.09, 0.15, 0.51, 0.74))
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
    ax.legend(loc="center left", bbox_to_anchor=(1.02, 0.5), frameon=False)
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
