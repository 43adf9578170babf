"""Charts: a day at one camera, hit rates, scans by neighbourhood, retention limits, and the class-wide mosaic.

Each is a pure function of a widget's state or of a table, so a test, a handout or another
language can draw it without a notebook.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyBboxPatch

from platetrails import networks, rounding, style, unicity
from platetrails.facts import Facts
from platetrails.i18n import N_, LanguageMemory, _, _n
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import HitRateState
from platetrails.states.coverage import CameraLineState
from platetrails.states.memory import MemoryState
from platetrails.states.naming import NamedState
from platetrails.states.policy import PolicyScoreState, askers_words
from platetrails.states.reading import CameraDayState, day_words, limit_words
from platetrails.states.scale import LEVEL_WORDS, RealismState, place_label
from platetrails.states.unicity import ALL, SingledOutState, percent_words


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
        notes.append(limit_words(r.retention_value, r.retention_unit))
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
    text = _(
        "Line chart: with every network, the {measure} of {first:.0f}% of cars is found within a block after {d1}, "
        "and of {last:.0f}% after {d2}; one line per network alone shows which cameras do most."
    ).format(
        measure=_(measure),
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
        "against days of reads, one line per level; at the chosen level, {share:.0%} after {days} days."
    ).format(share=rounding.rounded_share(state.share), days=state.days)
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
            100 * row.found + 1, yi, f"{rounding.percent(row.found)} ({row.cars})", va="center", fontsize=style.SMALL
        )
    ax.set_yticks(y, [_(ROUTINE_WORDS.get(a, a)) for a in missed.archetype])
    ax.set_xlim(0, 115)
    ax.set_xlabel(_("% whose home was found (number of cars)"))
    ax.set_title(_("Whose home does the analyst find?"), y=1.0, pad=8)
    worst = missed.iloc[0]
    text = _("Bar chart by kind of driver: the analyst finds the fewest homes of {who} ({share:.0%}).").format(
        who=_(ROUTINE_WORDS.get(worst.archetype, worst.archetype)), share=rounding.rounded_share(worst.found)
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
    shown = [rounding.percent(v / 100) for v in values[::-1]]
    ax.bar_label(bars, labels=shown, padding=4, fontsize=style.SMALL)
    ax.set_xlim(0, 100)
    ax.set_xlabel(_("% of cars, work found within 1 block after {d} days").format(d=int(every.days)))
    ax.set_title(_("How often is the work guess right?"), y=1.0, pad=8)
    text = _(
        "Bar chart: the workplace of {a:.0%} of cars that have one is found, {b:.0%} of all cars; and {n} cars "
        "with no workplace (retirees, people who work at home) were given a work guess anyway."
    ).format(
        a=rounding.rounded_share(every.work_share),
        b=rounding.rounded_share(every.work_share_all),
        n=int(every.false_work),
    )
    return style.describe(fig, text)


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


# --- Notebook 05: the policy scoreboard ------------------------------------------------------------------

# Which other police may search (policy.reach), as a colour and a marker (never colour alone). The across
# axis is the reads federal agencies could search, so markers show the police side of sharing.
WHO_STYLE = {
    "this_agency": {"color": OKABE_ITO["green"], "marker": "o"},
    "court_order": {"color": OKABE_ITO["sky"], "marker": "v"},
    "in_state": {"color": OKABE_ITO["blue"], "marker": "s"},
    "any_state": {"color": OKABE_ITO["orange"], "marker": "^"},
}
WHO_SHORT = {
    "this_agency": N_("this department"),
    "court_order": N_("court order only"),
    "in_state": N_("this state's police"),
    "any_state": N_("any state's police"),
}
INCOMPLETE_MARK = "*"  # after a law's code: our reading of that law is incomplete
EXPOSURE_DECADES = 7  # the reads axis runs from none to 10 million


def exposure_position(reads: float) -> float:
    """Where a count of reads sits on the scoreboard's axis: log10(1 + reads), so that none is at 0."""
    return float(np.log10(1.0 + min(max(float(reads), 0.0), 10.0**EXPOSURE_DECADES)))


SCORE_SIZE = (10.5, 6.7)  # the chart, and under it a key to the laws' abbreviations
SCORE_BOX = (0.1, 0.30, 0.64, 0.51)
SCORE_LEGEND_TOP = 0.847
_score_backgrounds = LanguageMemory()  # per set of assumptions and language
# Where a law's label may go, in pixels from its point (dx, dy, horizontal and vertical alignment), tried in
# turn until the label overlaps no other label, no marker and nothing outside the axes.
LABEL_SPOTS = (
    (0, 11, "center", "bottom"),
    (0, -11, "center", "top"),
    (12, 0, "left", "center"),
    (-12, 0, "right", "center"),
    *(
        (dx, sign * dy, "center" if dx == 0 else ("left" if dx > 0 else "right"), "bottom" if sign > 0 else "top")
        for dy in (30, 52, 74, 96)
        for sign in (1, -1)
        for dx in (0, 24, -24, 48, -48)
    ),
)
MARKER_HALF_PX = 9  # half the size of a law's marker, in pixels
KEY_LINE_CHARACTERS = 86  # one line of the key, at the small font, across the picture


def place_labels(ax: Axes, renderer, spots: list[tuple[float, float, str]], markers: list[tuple[float, float]]):
    """Put each label (x, y, text, in data units) at the first of LABEL_SPOTS where its measured box overlaps
    no label already placed and no marker, inside the axes. Returns the Text artists and, for each label
    placed away from its point, the (point, label box) pair for a thin line between them."""
    to_px = ax.transData.transform
    frame = ax.get_window_extent(renderer).padded(-2)
    taken = [
        (px - MARKER_HALF_PX, py - MARKER_HALF_PX, px + MARKER_HALF_PX, py + MARKER_HALF_PX)
        for px, py in (to_px(m) for m in markers)
    ]
    texts, lines = [], []

    def crowding(box) -> float:
        """How much of the box lies outside the axes or over labels and markers already there (0: clear)."""
        outside = max(frame.x0 - box[0], 0) + max(box[2] - frame.x1, 0) + max(frame.y0 - box[1], 0)
        outside += max(box[3] - frame.y1, 0)
        over = sum(
            max(min(box[2], t[2]) - max(box[0], t[0]), 0) * max(min(box[3], t[3]) - max(box[1], t[1]), 0) for t in taken
        )
        return outside * 1000 + over

    for x, y, text in sorted(spots, key=lambda s: (-s[1], s[0])):
        px, py = to_px((x, y))
        artist = ax.text(x, y, text, fontsize=style.SMALL)
        best = None
        for dx, dy, ha, va in LABEL_SPOTS:
            artist.set_horizontalalignment(ha)
            artist.set_verticalalignment(va)
            artist.set_position(ax.transData.inverted().transform((px + dx, py + dy)))
            ext = artist.get_window_extent(renderer)
            box = (ext.x0 - 2, ext.y0 - 1, ext.x1 + 2, ext.y1 + 1)
            score = crowding(box)
            if best is None or score < best[0]:
                best = (score, dx, dy, ha, va, box, ext)
            if score == 0:
                break
        _score, dx, dy, ha, va, box, ext = best  # the first clear spot, or the least crowded one
        artist.set_horizontalalignment(ha)
        artist.set_verticalalignment(va)
        artist.set_position(ax.transData.inverted().transform((px + dx, py + dy)))
        taken.append(box)
        texts.append(artist)
        if abs(dx) > 14 or abs(dy) > 14:
            lines.append(((px, py), ext))
    return texts, lines


def law_key(laws: pd.DataFrame) -> list[str]:
    """The key to the abbreviations on the chart: 'AR Arkansas', one per law, in the order of the codes (a star
    after a code is explained beside the legend)."""
    pairs = sorted({(str(code), str(state)) for code, state in zip(law_codes(laws), laws.state)})
    return [_("{code} {state}").format(code=code, state=state) for code, state in pairs]


def law_codes(laws: pd.DataFrame) -> list[str]:
    """Each law's code as drawn: with a star where our reading of the law is incomplete."""
    marks = laws["incomplete"] if "incomplete" in laws.columns else [False] * len(laws)
    return [f"{code}{INCOMPLETE_MARK if mark else ''}" for code, mark in zip(laws.code, marks)]


def _score_axes(fig: Figure) -> Axes:
    ax = fig.add_axes(list(SCORE_BOX))
    ax.set_xlim(-0.3, EXPOSURE_DECADES + 0.3)
    ax.set_ylim(-12, 128)
    return ax


def score_background(laws: pd.DataFrame, no_rules_reads: int) -> np.ndarray:
    """The scoreboard without the student's star: axes, the placed laws, their labels and the key, as pixels.

    It changes only when the assumptions move the laws, so it is drawn once per set of assumptions and
    pasted under the star: a control change then draws a star and a title, well under 0.1 s.
    """
    key = (
        tuple(law_codes(laws)),
        tuple(laws.federal_reads),
        tuple(laws.benefits_kept.round(3)),
        tuple(laws.reach),
        no_rules_reads,
    )
    return _score_backgrounds.remember(key, lambda: _pixels(score_background_figure(laws, no_rules_reads)))


def _pixels(fig: Figure) -> np.ndarray:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def score_background_figure(laws: pd.DataFrame, no_rules_reads: int) -> Figure:
    """The figure behind `score_background` (a test checks its texts like any other figure's)."""
    fig = style.new_figure(SCORE_SIZE)
    ax = _score_axes(fig)
    xs = np.array([exposure_position(v) for v in laws.federal_reads])
    ys = laws.benefits_kept.to_numpy(dtype=float)
    for who, look in WHO_STYLE.items():
        mine = (laws.reach == who).to_numpy()
        if mine.any():
            ax.scatter(
                xs[mine], ys[mine], s=130, color=look["color"], marker=look["marker"], edgecolor="black", zorder=3
            )
    groups: dict[tuple[float, float], list[str]] = {}
    for x, y, code in zip(xs, ys, law_codes(laws)):
        groups.setdefault((round(x, 2), round(y, 1)), []).append(code)
    renderer = FigureCanvasAgg(fig).get_renderer()
    spots = [(x, y, ", ".join(codes)) for (x, y), codes in groups.items()]
    markers = [*zip(xs, ys), (exposure_position(no_rules_reads), 100.0)]
    _texts, lines = place_labels(ax, renderer, spots, markers)
    to_data = ax.transData.inverted().transform
    for (px, py), ext in lines:  # a thin line from the point to the nearest edge of its label
        ex = min(max(px, ext.x0), ext.x1)
        ey = ext.y0 if py < ext.y0 else (ext.y1 if py > ext.y1 else py)
        (x0, y0), (x1, y1) = to_data((px, py)), to_data((ex, ey))
        ax.plot([x0, x1], [y0, y1], color="black", lw=0.8, zorder=2)
    key_lines, line = [], ""
    for item in law_key(laws):
        candidate = f"{line}  ·  {item}" if line else _("Key: {item}").format(item=item)
        if len(candidate) > KEY_LINE_CHARACTERS and line:
            key_lines.append(line)
            line = item
        else:
            line = candidate
    key_lines.append(line)
    fig.text(0.02, 0.02, "\n".join(key_lines), fontsize=style.SMALL, va="bottom", ha="left", linespacing=1.25)
    if any(code.endswith(INCOMPLETE_MARK) for code in law_codes(laws)):
        fig.text(
            0.775,
            SCORE_BOX[1] + 0.01,
            _("{mark} our reading\nof the law is\nincomplete").format(mark=INCOMPLETE_MARK),
            fontsize=style.SMALL,
            va="bottom",
            ha="left",
        )
    ax.scatter(
        [exposure_position(no_rules_reads)],
        [100],
        s=260,
        marker="X",
        color=OKABE_ITO["grey"],
        edgecolor="black",
        zorder=4,
    )
    ax.set_xticks([0, 3, 5, 7], [_("none"), _("1,000"), _("100,000"), _("10 million")])
    ax.set_yticks([0, 25, 50, 75, 100])
    ax.set_xlabel(_("reads federal agencies could search (log scale)"))
    ax.set_ylabel(_("help kept (% of no rules)"))
    handles = [
        Line2D([], [], ls="", marker="*", ms=20, color="black", label=_("your policy")),
        Line2D([], [], ls="", marker="X", ms=13, color=OKABE_ITO["grey"], markeredgecolor="black", label=_("no rules")),
    ] + [
        Line2D(
            [], [], ls="", marker=v["marker"], ms=11, color=v["color"], markeredgecolor="black", label=_(WHO_SHORT[k])
        )
        for k, v in WHO_STYLE.items()
    ]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.745, SCORE_LEGEND_TOP),
        fontsize=style.SMALL,
        title=_("other police who\nmay search"),
        title_fontsize=style.SMALL,
        frameon=False,
        handletextpad=0.2,
        borderaxespad=0,
    )
    return style.describe(fig, _("The state laws placed by the model, without your policy."))


def draw_policy_score(state: PolicyScoreState) -> Figure:
    """The student's policy (a black star) among the real state laws, each placed by the same model.

    Up is more help kept; right is more reads open to a search from outside the department (a log
    scale drawn by hand on a plain axis). Laws at the same spot share a label. The laws and the key are
    pasted from `score_background`; only the star and the title are drawn each time.
    """
    laws, none, mine_out = state.laws, state.no_rules, state.outcome
    fig = style.new_figure(SCORE_SIZE)
    ax = _score_axes(fig)
    style.paste_background(fig, score_background(laws, none.federal_reads), ax)
    ax.set_axis_off()
    ax.scatter(
        [exposure_position(mine_out.federal_reads)],
        [state.benefits_kept],
        s=700,
        marker="*",
        color="black",
        edgecolor=OKABE_ITO["yellow"],
        lw=1.5,
        zorder=5,
    )
    fig.text(
        SCORE_BOX[0],
        SCORE_BOX[1] + SCORE_BOX[3] + 0.03,
        _("Your policy (the star): {kept:.0f}% of the help kept,\n{reads:,} reads open to federal agencies").format(
            kept=state.benefits_kept, reads=mine_out.federal_reads
        ),
        fontsize=style.BODY,
        fontweight="bold",
        va="bottom",
    )
    text = _(
        "Scatter chart of {n} state laws placed by the model, with help kept going up and reads open to "
        "federal agencies going right. Your policy keeps {kept:.0f}% of the help and opens {reads:,} reads to "
        "federal agencies; it lets these search: {askers}. No rules keeps all the help and opens {none:,}."
    ).format(
        n=len(laws),
        kept=state.benefits_kept,
        reads=mine_out.federal_reads,
        askers=askers_words(mine_out.askers),
        none=none.federal_reads,
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
                _("{place}\n{weekday}s ~{hour}:00").format(place=s.place, weekday=_(s.weekday), hour=s.hour)
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
