"""State of the realism dial (notebook 02): how fast the mosaic forms when every reader reads less, and where the
dial's levels sit beside real places, read from the table made over simulated years (data/realism.csv) and the
figures derived from real data (data/facts/derived_figures.csv)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from platetrails import local_format
from platetrails.facts import Facts, load_facts
from platetrails.i18n import N_, _, per_language

# The dial's levels as students read them, in the order of the table.
LEVEL_WORDS = {
    "town": N_("as in the classroom town"),
    "one third": N_("one third as often"),
    "one tenth": N_("one tenth as often"),
    "Seattle-like": N_("as rarely as in Seattle"),
}
# Short names for the chart's rows.
LEVEL_LABELS = {
    "town": N_("town's density"),
    "one third": N_("one third"),
    "one tenth": N_("one tenth"),
    "Seattle-like": N_("Seattle-like"),
}
# Real places: (chart label, rate row, 2+ day share row or "", what was counted, vehicles row). Rows of
# derived_figures.csv.
REAL_PLACES = (
    (
        N_("Newport News police"),
        "flock_newport_news_va_pd_detections_per_vehicle_per_day",
        "",
        N_("Newport News, Virginia, police's 74 fixed cameras, 30 days to April 2024"),
        "flock_newport_news_va_pd_place_vehicles",
    ),
    (
        N_("Richmond police"),
        "flock_richmond_va_pd_detections_per_vehicle_per_day",
        "",
        N_("Richmond, Virginia, police's 97 fixed cameras, 30 days to April 2024"),
        "flock_richmond_va_pd_place_vehicles",
    ),
    (
        N_("Seattle police"),
        "seattle_reads_per_vehicle_per_day",
        "seattle_share_plates_2_days",
        N_("Seattle police's readers, all on cars, one week of October 2021"),
        "seattle_vehicles",
    ),
)
PLACE_COLUMNS = [
    "label",
    "kind",
    "level",
    "rate",
    "rate_low",
    "rate_high",
    "share",
    "share_low",
    "share_high",
    "source",
]


@dataclass(frozen=True)
class RealismState:
    table: pd.DataFrame  # level, days, share (mean over draws), low, high (its 95% band)
    places: pd.DataFrame  # PLACE_COLUMNS: each level and each real place, by reads per vehicle per day
    level: str
    days: int
    share: float  # share of homes found within a block at this level and days (mean of the draws)
    low: float
    high: float
    draws: int  # simulated towns behind each figure
    town_share: float  # the town level's share at 28 days: the classroom figure
    reach: str  # days for every draw to reach its town's 28-day share ("lo to hi days ..."), or "not reached ..."
    message: str = ""


def summarise_realism(realism: pd.DataFrame) -> pd.DataFrame:
    """Mean and 95% band of the home share over the draws, for every level and horizon (from the table's columns)."""
    cells = realism.drop_duplicates(["level", "days"])
    return pd.DataFrame(
        {
            "level": cells.level.to_numpy(),
            "days": cells.days.to_numpy(),
            "share": cells.home_mean.to_numpy(),
            "low": cells.home_band_low.to_numpy(),
            "high": cells.home_band_high.to_numpy(),
        }
    )


def real_places(facts: Facts) -> pd.DataFrame:
    """The real places the dial is set beside, from the derived figures (each with its source)."""
    rows = []
    for label, rate_id, share_id, what, vehicles_id in REAL_PLACES:
        rate, vehicles = facts.figure(rate_id), facts.figure(vehicles_id)
        share = float(facts.figure(share_id).value) / 100 if share_id else math.nan
        source = _("{what}; reads: {by}, {when}; vehicles: {vby}, {vwhen}").format(
            what=_(what), by=rate.publisher, when=rate.source_date, vby=vehicles.publisher, vwhen=vehicles.source_date
        )
        value = float(rate.value)
        rows.append([label, "real", "", value, value, value, share, share, share, source])
    return pd.DataFrame(rows, columns=PLACE_COLUMNS)


@per_language  # its sources are sentences
def _shipped_real_places() -> pd.DataFrame:
    return real_places(load_facts())


def dial_places(realism: pd.DataFrame, facts: Facts | None = None) -> pd.DataFrame:
    """Each level of the dial (all readers, mean and band over the draws) and each real place, most reads first."""
    levels = realism.drop_duplicates("level")
    draws = int(realism.draws.iloc[0])
    source = _("simulated: the mean of {n} towns, a year each; band: 95% interval of the mean").format(n=draws)
    rows = [
        [
            r.level,
            "level",
            r.level,
            r.reads_per_vehicle_per_day_mean,
            r.reads_per_vehicle_per_day_band_low,
            r.reads_per_vehicle_per_day_band_high,
            r.share_plates_2_days_mean,
            r.share_plates_2_days_band_low,
            r.share_plates_2_days_band_high,
            source,
        ]
        for r in levels.itertuples()
    ]
    real = _shipped_real_places() if facts is None else real_places(facts)
    places = pd.concat([pd.DataFrame(rows, columns=PLACE_COLUMNS), real], ignore_index=True)
    return places.sort_values("rate", ascending=False, kind="stable").reset_index(drop=True)


def place_label(row) -> str:
    return _(LEVEL_LABELS.get(row.level, row.label)) if row.kind == "level" else _(row.label)


def places_table(state: RealismState) -> pd.DataFrame:
    """The dial's table as students read it: each place, its reads per vehicle per day and 2+ day share, with bands."""

    def rate_words(r) -> str:
        if r.rate_high > r.rate_low:
            return f"{r.rate:.2g} ({r.rate_low:.2g} to {r.rate_high:.2g})"
        return f"{r.rate:.2g}"

    def share_words(r) -> str:
        if math.isnan(r.share):
            return _("not published")
        if r.share_high > r.share_low:
            return f"{local_format.percent(r.share)} ({local_format.percent(r.share_low)} to {local_format.percent(r.share_high)})"
        return local_format.percent(r.share)

    return pd.DataFrame(
        {
            _("place"): [place_label(r) for r in state.places.itertuples()],
            _("reads per car per day, all readers"): [rate_words(r) for r in state.places.itertuples()],
            _("plates read on 2 or more days of a week"): [share_words(r) for r in state.places.itertuples()],
            _("source"): state.places.source.tolist(),
        }
    )


def compute_realism(realism: pd.DataFrame, level: str, days: int, facts: Facts | None = None) -> RealismState:
    """The home share at one level of the dial and one horizon, with its band, and the dial beside real places."""
    table = summarise_realism(realism)
    row = table[(table.level == level) & (table.days == days)]
    town = table[(table.level == "town") & (table.days == 28)]
    if row.empty or town.empty:
        raise ValueError(f"the realism table has no row for {level} at {days} days")
    r = row.iloc[0]
    return RealismState(
        table=table,
        places=dial_places(realism, facts),
        level=level,
        days=int(days),
        share=float(r.share),
        low=float(r.low),
        high=float(r.high),
        draws=int(realism.draws.iloc[0]),
        town_share=float(town.share.iloc[0]),
        reach=str(realism[realism.level == level].days_to_reach_every_draw.iloc[0]),
    )


def times(a: float, b: float) -> str:
    """How many times `a` is `b`, rounded as a student would say it ("about 150 times")."""
    k = a / b
    return f"{k:.0f}" if k < 20 else f"{round(k, -1):.0f}"


def reach_words(reach: str, draws: int) -> str:
    """How long the level takes to match the classroom density's four-week figure in every simulated town."""
    if not reach[:1].isdigit():
        return _("the lab gives no time: within a year, some of the {n} simulated towns never get there").format(
            n=draws
        )
    low, high = (int(v) for v in reach.split(" ")[0:3:2])
    if high <= 28:
        return _("it takes four weeks or less, as in the classroom town")
    return _("it takes {a} to {b} days in the {n} simulated towns").format(a=low, b=high, n=draws)


def describe_realism(state: RealismState) -> str:
    places = state.places.set_index("label")
    rate = float(places.loc[state.level, "rate"])
    seattle = float(places.loc[REAL_PLACES[-1][0], "rate"])
    town = float(places.loc["town", "rate"])
    if state.level == "town":
        compared = _("{k} times as often as Seattle's police readers did in 2021 ({seattle:.2g})").format(
            k=times(rate, seattle), seattle=seattle
        )
        return _(
            "At the classroom town's density, all readers together read each car {rate:.2g} times a day, "
            "{compared}. After {days} days the analyst finds the home of {share} of cars (mean of {n} simulated "
            "towns, 95% band {low} to {high})."
        ).format(
            rate=rate,
            compared=compared,
            days=state.days,
            share=local_format.percent(state.share),
            n=state.draws,
            low=local_format.percent(state.low),
            high=local_format.percent(state.high),
        )
    if rate < 1.5 * seattle:
        compared = _("about as often as Seattle's police readers did in 2021 ({seattle:.2g})").format(seattle=seattle)
    else:
        compared = _("{k} times as often as Seattle's police readers did in 2021 ({seattle:.2g})").format(
            k=times(rate, seattle), seattle=seattle
        )
    return _(
        "At this level all readers together read each car {rate:.2g} times a day, {compared}; at the classroom "
        "town's density they read it {town:.2g} times a day. After {days} days the analyst finds the home of "
        "{share} of cars (mean of {n} simulated towns, 95% band {low} to {high}). To match what the "
        "classroom town's density finds in four weeks ({town_share}, mean of the simulated towns), {how}."
    ).format(
        rate=rate,
        compared=compared,
        town=town,
        days=state.days,
        share=local_format.percent(state.share),
        n=state.draws,
        low=local_format.percent(state.low),
        high=local_format.percent(state.high),
        town_share=local_format.percent(state.town_share),
        how=reach_words(state.reach, state.draws),
    )
