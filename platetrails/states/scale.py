"""State of the realism dial (notebook 02): how fast the mosaic forms when camera cars sweep as often as in a
real city, read from the small table the generator made over a simulated year (data/realism.csv)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails.i18n import N_, _

# The dial's levels as students read them, in the order of the table.
LEVEL_WORDS = {
    "town": N_("as in the classroom town"),
    "one third": N_("one third as often"),
    "one tenth": N_("one tenth as often"),
    "Seattle-like": N_("as rarely as in Seattle"),
}


@dataclass(frozen=True)
class RealismState:
    table: pd.DataFrame  # level, days, share (mean over seeds), low, high
    level: str
    days: int
    share: float  # share of homes found within a block at this level and days (mean of seeds)
    low: float
    high: float
    town_share: float  # the town level's share at 28 days: the classroom figure
    reach_days: tuple[str, ...]  # per seed: days to reach the town's 28-day share, or "not reached"
    message: str = ""


def summarise_realism(realism: pd.DataFrame) -> pd.DataFrame:
    """Mean, lowest and highest home share over the seeds, for every level and horizon."""
    grouped = realism.groupby(["level", "days"], sort=False).home_within_1_block
    return grouped.agg(share="mean", low="min", high="max").reset_index()


def compute_realism(realism: pd.DataFrame, level: str, days: int) -> RealismState:
    """The home share at one level of the dial and one horizon, with its range over seeds."""
    table = summarise_realism(realism)
    row = table[(table.level == level) & (table.days == days)]
    town = table[(table.level == "town") & (table.days == 28)]
    if row.empty or town.empty:
        raise ValueError(f"the realism table has no row for {level} at {days} days")
    reach = realism[(realism.level == level) & (realism.days == days)].days_to_reach_town_28_day_share
    r = row.iloc[0]
    return RealismState(
        table=table,
        level=level,
        days=int(days),
        share=float(r.share),
        low=float(r.low),
        high=float(r.high),
        town_share=float(town.share.iloc[0]),
        reach_days=tuple(str(v) for v in reach),
    )


def months_words(reach: tuple[str, ...]) -> str:
    """How long the level takes to match the classroom figure, over the seeds, in plain words."""
    reached = sorted(int(v) for v in reach if v.isdigit())
    missed = len(reach) - len(reached)
    if not reached:
        return _("even a full year of reads is not enough")
    if reached[-1] <= 28:
        return _("it takes four weeks, as in the classroom town")
    low, high = reached[0] / 30.4, reached[-1] / 30.4
    text = (
        _("it takes about {n:.0f} months").format(n=low)
        if round(low) == round(high)
        else _("it takes about {a:.0f} to {b:.0f} months").format(a=low, b=high)
    )
    if missed:
        text += _(", and in {n} of {of} simulated towns a full year is not enough").format(n=missed, of=len(reach))
    return text


def describe_realism(state: RealismState) -> str:
    return _(
        "With camera cars sweeping {level}, after {days} days the analyst finds the home of about {share:.0%} of "
        "cars (from {low:.0%} to {high:.0%} in three simulated towns). To match the classroom towns' four-week "
        "figure of about {town:.0%}, {how}."
    ).format(
        level=_(LEVEL_WORDS.get(state.level, state.level)),
        days=state.days,
        share=state.share,
        low=state.low,
        high=state.high,
        town=state.town_share,
        how=months_words(state.reach_days),
    )
