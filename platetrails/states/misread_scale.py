"""Notebook 01's misread widget at a real state's volume: one innocent car is rarely flagged, but a state's
cameras make so many reads that misreads add up to alerts on the wrong car every day.

Maryland's reads and hit share are sourced facts (January to May 2012). The misread rate is the student's
choice: the lab found no audited misread rate. The step from reads to false alerts assumes a misread plate is
on the hot list as often as a read plate is; the sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import pandas as pd

from platetrails import hotlist
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import _, _n
from platetrails.states.alerts import MisreadState, compute_misread

# The period of the Maryland figures md_reads and md_hit_share: "January to May 2012".
MARYLAND_FROM, MARYLAND_TO = pd.Timestamp("2012-01-01"), pd.Timestamp("2012-06-01")
# The misread-rate slider (percent of reads with one character wrong): where it starts, its ends and its step.
RATE_SLIDER = {"value": 2.0, "min": 0.0, "max": 5.0, "step": 0.5}


class MisreadData:
    """The town and Maryland's reads a day and hit share, gathered once."""

    def __init__(self, town_data: TownData, facts: Facts) -> None:
        self.town = town_data
        self.state_reads = float(facts.figure("md_reads").value)
        self.state_days = (MARYLAND_TO - MARYLAND_FROM).days
        self.hit_share = float(facts.figure("md_hit_share").value) / 100


@dataclass(frozen=True)
class MisreadAtScaleState(MisreadState):
    state_reads: float = 0.0  # Maryland's reads in the period
    state_days: int = 1
    hit_share: float = 0.0  # share of Maryland's reads that were hits (0.002 is 0.2%)
    wrong_car_per_day: float = 0.0  # expected alerts a day on the wrong car at Maryland's volume

    @property
    def state_reads_per_day(self) -> float:
        return self.state_reads / self.state_days


def compute_misread_at_scale(data: MisreadData, plate: str, rate_percent: float) -> MisreadAtScaleState:
    """The town's one innocent car (as before), and the alerts on the wrong car a day at Maryland's volume."""
    base = compute_misread(data.town, plate, rate_percent)
    per_day = data.state_reads / data.state_days
    wrong = hotlist.false_alerts_at_volume(per_day, rate_percent / 100, data.hit_share)
    return MisreadAtScaleState(
        **{f.name: getattr(base, f.name) for f in fields(MisreadState)},
        state_reads=data.state_reads,
        state_days=data.state_days,
        hit_share=data.hit_share,
        wrong_car_per_day=wrong,
    )


def about(n: float) -> str:
    """A large count rounded to three figures, with commas: 190,789.5 -> '191,000'."""
    if n < 1000:
        return f"{round(n):,}"
    digits = len(str(int(n))) - 3
    return f"{int(round(n, -digits)):,}"


def describe_misread_at_scale(state: MisreadAtScaleState) -> str:
    """Headline: alerts a day on the wrong car at Maryland's volume. Details: the sums, the assumption, one car."""
    if state.plate is None:  # the message says what is wrong with the typed plate
        return ""
    per_day = round(state.wrong_car_per_day)
    if state.rate_percent <= 0:
        head = _("With no misreads, no innocent car is flagged, at any volume.")
    else:
        head = _n(
            "At Maryland's volume, a {rate:.1f}% misread rate would mean about {n} alert a day on the wrong car.",
            "At Maryland's volume, a {rate:.1f}% misread rate would mean about {n} alerts a day on the wrong car.",
            max(per_day, 1),
        ).format(rate=state.rate_percent, n=per_day if per_day >= 1 else f"{state.wrong_car_per_day:.1f}")
    sums = _(
        "Maryland's cameras made {reads} reads from January to May 2012, about {per_day} a day, and {share:.1f}% "
        "of reads were hits. If a misread plate is on the hot list as often as a read plate is, {rate:.1f}% of "
        "{per_day} reads, times {share:.1f}%, is about {n:.1f} a day. That is a rough what-if, not a count: the "
        "lab found no audited misread rate, so the rate is yours to set."
    ).format(
        reads=about(state.state_reads),
        per_day=about(state.state_reads_per_day),
        share=100 * state.hit_share,
        rate=state.rate_percent,
        n=state.wrong_car_per_day,
    )
    return "\n\n".join(
        [
            head,
            sums,
            _n(
                "In Alder Falls, the cameras read {plate} {reads} time in {days} days. If a stolen car's plate is "
                "{stolen}, this one car would be flagged about {alerts:.1f} times a month: rare for one driver, "
                "but a state's reads add up. Every such alert could send officers to stop the wrong driver.",
                "In Alder Falls, the cameras read {plate} {reads} times in {days} days. If a stolen car's plate is "
                "{stolen}, this one car would be flagged about {alerts:.1f} times a month: rare for one driver, "
                "but a state's reads add up. Every such alert could send officers to stop the wrong driver.",
                state.reads,
            ).format(
                plate=state.plate, reads=state.reads, days=state.days, stolen=state.stolen, alerts=state.false_alerts
            ),
        ]
    )
