"""Charts of what readers record: a day at one camera, hit rates, scans by neighbourhood and retention limits,
and `new_chart`, the empty figure every chart starts from.

Each is a pure function of a widget's state or of a table, so a test, a handout or another
language can draw it without a notebook.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from platetrails import networks, style
from platetrails.facts import Facts, general_camera_rule, limit_not_read
from platetrails.i18n import N_, _, _n
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import HitRateState, wait_words
from platetrails.states.casework import CaseState
from platetrails.states.reading import CameraDayState, limit_words


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
    ax.set_title(_("A day at {camera}: {day}").format(camera=state.camera_id, day=state.day_label), y=1.0, pad=8)
    text = _("Bar chart of reads per hour at {camera} on {day}: {reads} reads, most at {hour}:00.").format(
        camera=state.camera_id, day=state.day_label, reads=state.reads, hour=state.busiest_hour
    )
    return style.describe(fig, text)


def draw_hit_rate(state: HitRateState) -> Figure:
    """The town's hit rate beside real published rates, as horizontal bars."""
    fig, ax = new_chart((10.5, 5.2), (0.47, 0.16, 0.43, 0.72))
    listed = _n("Alder Falls, {n} car listed", "Alder Falls, {n} cars listed", len(state.listed))
    labels = [listed.format(n=len(state.listed))] + [_(label) for _fid, label, _value in state.real]
    values = [state.rate] + [value for _fid, _label, value in state.real]
    colours = [OKABE_ITO["orange"]] + [OKABE_ITO["blue"]] * len(state.real)
    hatches = ["//"] + [""] * len(state.real)
    bars = ax.barh(labels[::-1], values[::-1], color=colours[::-1], edgecolor="black", hatch=hatches[::-1])
    ax.bar_label(bars, fmt="%.2f%%", padding=4, fontsize=style.SMALL)
    ax.set_xlabel(_("share of reads that are hits (%)"))
    ax.set_xlim(0, max(1.0, max(values) * 1.25))
    ax.set_title(_("How often is a read a hit?"), y=1.0, pad=8)
    real = values[1:]
    text = _(
        "Bar chart: {rate:.2f}% of the town's reads are hits, beside real rates from {low:.2f}% to {high:.2f}%."
    ).format(rate=state.rate, low=min(real), high=max(real))
    return style.describe(fig, text)


INCOME_WORDS = {"lower": N_("lower income"), "middle": N_("middle income"), "higher": N_("higher income")}


def scans_chart(per: pd.DataFrame, neighbourhoods: pd.DataFrame | None = None) -> Figure:
    """Reads per street corner per day in each neighbourhood, stacked by network: whose streets are scanned most.

    `per` is hotlist.scans_by_neighbourhood's table: one row per neighbourhood, one column per network.
    With the town's `neighbourhoods` table, each bar also says the neighbourhood's (fictional) income level,
    and the description compares where people with lower and higher incomes live.
    """
    per = per.loc[per.sum(axis=1).sort_values().index]
    income = {}
    if neighbourhoods is not None and "income_level" in neighbourhoods.columns:
        income = dict(zip(neighbourhoods.neighbourhood, neighbourhoods.income_level))
    labels = [f"{h}\n({_(INCOME_WORDS[income[h]])})" if h in income else h for h in per.index]
    fig, ax = new_chart((10.5, 6.2), (0.26, 0.13, 0.7, 0.77))
    left = np.zeros(len(per))
    for net in networks.all_networks():
        if net.name in per.columns:
            ax.barh(
                labels,
                per[net.name],
                left=left,
                color=net.color,
                edgecolor="black",
                hatch=net.hatch,
                label=_(net.label),
            )
            left += per[net.name].to_numpy()
    ax.set_xlabel(_("plate reads per street corner per day"))
    ax.set_title(_("Whose streets are scanned most?"), y=1.0, pad=8)
    ax.legend(loc="lower right", frameon=True, framealpha=0.9)
    totals = per.sum(axis=1)
    text = _("Stacked bar chart: {top} is scanned most, about {ratio:.0f} times as much per corner as {low}.").format(
        top=totals.idxmax(), ratio=totals.max() / max(totals.min(), 1e-9), low=totals.idxmin()
    )
    lower = [h for h in per.index if income.get(h) == "lower"]
    higher = [h for h in per.index if income.get(h) == "higher"]
    if lower and higher:
        ratio = totals[lower].mean() / max(totals[higher].mean(), 1e-9)
        text += " " + _(
            "The lower-income neighbourhoods ({low}) are scanned about {ratio:.0f} times as much per corner as the "
            "higher-income ones ({high})."
        ).format(low=", ".join(lower), ratio=ratio, high=", ".join(higher))
    return style.describe(fig, text)


def retention_chart(facts: Facts) -> Figure:
    """How long state laws let plate reads be kept, on a plain (not log) scale of months, beside ICE's five years.

    A plain scale shows honestly how short three minutes or three weeks are next to five years; each bar
    is labelled with its exact limit. Laws that set no limit are drawn to the edge with a hatched bar, and
    a general camera rule that was not written for plate readers is marked as such. A law whose time limit we
    did not read gets no bar and says so, never "no time limit".
    """
    laws = facts.state_laws.copy()
    laws["months"] = laws.retention_days / 30.44
    laws["general"], laws["unread"] = general_camera_rule(laws), limit_not_read(laws)
    ice = facts.figure("ice_history_years")
    edge = float(ice.value) * 12 * 1.12
    laws = laws.sort_values("months", na_position="last", kind="stable").iloc[::-1]
    fig, ax = new_chart((10.5, 7.4), (0.36, 0.17, 0.6, 0.75))
    labels, lengths, hatches, colours, notes = [], [], [], [], []
    for r in laws.itertuples():
        general = bool(r.general)
        label = r.state + (" *" if general else "")
        labels.append(label)
        unlimited = r.retention_unit == "none" and not r.unread
        lengths.append(edge if unlimited else (0.0 if r.unread else r.months))
        hatches.append("//" if unlimited else ("xx" if general else ""))
        colours.append(OKABE_ITO["grey"] if unlimited or general else OKABE_ITO["blue"])
        notes.append(_("time limit not read") if r.unread else limit_words(r.retention_value, r.retention_unit))
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
    ax.set_title(_("How long may plate reads be kept?"), y=1.0, pad=8)
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
        short_words=limit_words(shortest.retention_value, shortest.retention_unit),
        long=longest.state,
        long_words=limit_words(longest.retention_value, longest.retention_unit),
        none=", ".join(laws[(laws.retention_unit == "none") & ~laws.unread].state),
    )
    return style.describe(fig, text)


def draw_case(state: CaseState) -> Figure:
    """Per rule, the car's sightings from the week before still kept when the search runs, out of all of them."""
    fig, ax = new_chart((10.5, 4.6), (0.3, 0.19, 0.62, 0.55))
    labels = [_(r.rule) for r in state.rules][::-1]
    kept = [r.kept for r in state.rules][::-1]
    total = max(state.sightings, 1)
    y = np.arange(len(labels))
    ax.barh(y, [state.sightings] * len(y), color="#dddddd", edgecolor=OKABE_ITO["grey"])
    ax.barh(y, kept, color=OKABE_ITO["blue"], edgecolor="black")
    for yi, k in zip(y, kept):
        ax.text(
            total * 1.02,
            yi,
            _("{kept} of {total}").format(kept=k, total=state.sightings),
            va="center",
            fontsize=style.SMALL,
        )
    ax.set_yticks(y, labels)
    ax.set_xlim(0, total * 1.3)
    ax.set_xlabel(_("sightings from the week before (blue: kept; grey: deleted)"))
    title = _("A search run {delay}: what each rule has kept").format(delay=_(state.delay))
    fig.text(0.02, 0.91, title, fontsize=style.TITLE, fontweight="bold")
    if state.live_minutes is None:
        live = _("Live alert: not read after listing")
    else:
        live = _("Live alert, under every rule: read {wait} after listing").format(wait=wait_words(state.live_minutes))
    fig.text(0.02, 0.81, live, fontsize=style.BODY, fontweight="bold", color=OKABE_ITO["vermillion"])
    text = _("Bar chart: of {total} sightings of {car} in the week before, a search run {delay} finds {each}.").format(
        total=state.sightings,
        car=_(state.car_label),
        delay=_(state.delay),
        each="; ".join(_("{kept} under {rule}").format(kept=r.kept, rule=_(r.rule)) for r in state.rules),
    )
    return style.describe(fig, text)
