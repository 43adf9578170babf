"""Charts: a day at one camera, hit rates, scans by neighbourhood, retention limits, and the class-wide mosaic.

Each is a pure function of a widget's state or of a table, so a test, a handout or another
language can draw it without a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from platetrails import networks, style
from platetrails.facts import Facts
from platetrails.i18n import _, _n
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import HitRateState
from platetrails.states.reading import CameraDayState


def new_chart(
    size: tuple[float, float] = (10.5, 5.5), box: tuple[float, float, float, float] = (0.1, 0.16, 0.86, 0.72)
):
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
    fig, ax = new_chart((10.5, 5.2), (0.47, 0.16, 0.45, 0.72))
    listed = _n("Alder Falls, {n} car listed", "Alder Falls, {n} cars listed", len(state.listed))
    labels = [listed.format(n=len(state.listed))] + [_(label) for _fid, label, _value in state.real]
    values = [state.rate] + [value for _fid, _label, value in state.real]
    colours = [OKABE_ITO["orange"]] + [OKABE_ITO["blue"]] * len(state.real)
    hatches = ["//"] + [""] * len(state.real)
    bars = ax.barh(labels[::-1], values[::-1], color=colours[::-1], edgecolor="black", hatch=hatches[::-1])
    ax.bar_label(bars, fmt="%.2f%%", padding=4, fontsize=style.SMALL)
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
    fig, ax = new_chart((10.5, 5.5), (0.22, 0.14, 0.74, 0.74))
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


def retention_words(value: float, unit: str) -> str:
    """A retention limit as students say it: '3 minutes', '60 days', '18 months', 'no limit in the law'."""
    if unit == "none":
        return _("no time limit in the law")
    names = {"minutes": _("minutes"), "days": _("days"), "months": _("months"), "years": _("years")}
    return f"{value:g} {names.get(unit, unit)}"


def retention_chart(facts: Facts) -> Figure:
    """How long state laws let plate reads be kept, on a plain (not log) scale of months, beside ICE's five years.

    A plain scale shows honestly how short three minutes or three weeks are next to five years; each bar
    is labelled with its exact limit. Laws that set no limit are drawn to the edge with a hatched bar, and
    a general camera rule that was not written for plate readers is marked as such.
    """
    laws = facts.state_laws.copy()
    laws["months"] = laws.retention_days / 30.44
    ice = facts.figure("ice_history_years")
    edge = float(ice.value) * 12 * 1.12
    laws = laws.sort_values("months", na_position="last", kind="stable").iloc[::-1]
    fig, ax = new_chart((10.5, 7.4), (0.36, 0.17, 0.6, 0.75))
    labels, lengths, hatches, colours, notes = [], [], [], [], []
    for r in laws.itertuples():
        general = "not written for plate readers" in r.rule
        label = r.state + (" *" if general else "")
        labels.append(label)
        unlimited = r.retention_unit == "none"
        lengths.append(edge if unlimited else r.months)
        hatches.append("//" if unlimited else ("xx" if general else ""))
        colours.append(OKABE_ITO["grey"] if unlimited or general else OKABE_ITO["blue"])
        notes.append(retention_words(r.retention_value, r.retention_unit))
    y = np.arange(len(labels))
    ax.barh(y, lengths, color=colours, edgecolor="black", hatch=hatches)
    for yi, length, note in zip(y, lengths, notes):
        inside = length > edge * 0.6
        ax.text(
            length - 0.8 if inside else length + 0.8,
            yi,
            note,
            va="center",
            ha="right" if inside else "left",
            fontsize=style.SMALL,
            color="white" if inside else "black",
            bbox={"facecolor": "#555555", "edgecolor": "none", "pad": 1} if inside else None,
        )
    ax.set_yticks(y, labels)
    years = float(ice.value)
    ax.axvline(years * 12, color=OKABE_ITO["vermillion"], linestyle="--", lw=2.5)
    ax.text(
        years * 12 - 0.8,
        len(labels) - 0.4,
        _("ICE may search {n:g} years back").format(n=years),
        color=OKABE_ITO["vermillion"],
        ha="right",
        va="bottom",
        fontsize=style.SMALL,
        fontweight="bold",
    )
    ax.set_xlim(0, edge)
    ax.set_ylim(-0.7, len(labels) + 0.5)
    ax.set_xticks(
        [0, 12, 24, 36, 48, 60], [_("0"), _("1 year"), _("2 years"), _("3 years"), _("4 years"), _("5 years")]
    )
    ax.set_xlabel(_("longest time reads may be kept (plain scale, not log)"))
    ax.set_title(_("How long may plate reads be kept?"))
    fig.text(
        0.01,
        0.01,
        _("* a general camera rule, not written for plate readers. Hatched: the law sets no time limit."),
        fontsize=style.SMALL,
    )
    timed = laws.dropna(subset=["retention_days"]).sort_values("retention_days")
    shortest, longest = timed.iloc[0], timed.iloc[-1]
    text = _(
        "Bar chart of {n} state rules on a plain scale: from {short} ({short_words}) to {long} ({long_words}); "
        "{none} set no time limit, and the dashed line marks the five years ICE may search. Most states have no "
        "plate-reader law at all."
    ).format(
        n=len(laws),
        short=shortest.state,
        short_words=retention_words(shortest.retention_value, shortest.retention_unit),
        long=longest.state,
        long_words=retention_words(longest.retention_value, longest.retention_unit),
        none=", ".join(laws[laws.retention_unit == "none"].state),
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
    fig, ax = new_chart((10.5, 6.2), (0.11, 0.14, 0.52, 0.74))
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
