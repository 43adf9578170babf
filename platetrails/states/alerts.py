"""States of the widgets about hot lists: an alert for one car, the hit rate, and the cost of a misread."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import hotlist, local_format, plates, town
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import N_, _

# --- An alert for one car (notebook 01) ---------------------------------------------------------


@dataclass(frozen=True)
class Sighting:
    """One read placed on the map: when, which camera, which corner."""

    timestamp: pd.Timestamp
    camera_id: str
    x: int
    y: int


@dataclass(frozen=True)
class AlertState:
    town: TownData
    car_label: str
    plate: str
    start: pd.Timestamp
    networks: tuple[str, ...]
    first: Sighting | None  # the first read after the alert, or None
    minutes: float | None
    later: tuple[Sighting, ...]  # reads in the two hours after the first
    typical_wait: float | None = None  # median minutes to the first read, over an alert at every hour of the data
    within_hour: float = 0.0  # share of those alerts that fire within an hour
    message: str = ""


def compute_alert(
    town_data: TownData, car_label: str, plate: str, day: int, hour: int, networks: list[str]
) -> AlertState:
    """When and where a car put on the hot list at `day`, `hour` is first read by the networks that check the list."""
    start = town_data.start + pd.Timedelta(days=day, hours=hour)
    alert = hotlist.first_sighting(town_data, plate, start, list(networks))

    def sighting(row) -> Sighting:
        return Sighting(row.timestamp, str(row.camera_id), int(row.x), int(row.y))

    # The same car put on the list at every hour of the data, to show what is typical, not one lucky case.
    every_hour = pd.Series(pd.date_range(town_data.start, periods=town_data.days * 24, freq="h"))
    wait = hotlist.waits(town_data, plate, list(networks), every_hour)
    seen = wait[~np.isnan(wait)]

    return AlertState(
        town=town_data,
        car_label=car_label,
        plate=plate,
        start=start,
        networks=tuple(networks),
        first=None if alert.first is None else sighting(alert.first),
        minutes=alert.minutes,
        later=tuple(sighting(r) for r in alert.later.itertuples()),
        typical_wait=float(np.median(seen)) if len(seen) else None,
        within_hour=float((wait <= 60).mean()) if len(wait) else 0.0,
        message="" if networks else _("Tick at least one network: with none, no camera checks the hot list."),
    )


def wait_words(minutes: float) -> str:
    """A wait in hours and minutes, such as '10 h 4 min'."""
    hours, mins = divmod(int(round(minutes)), 60)
    if hours:
        return _("{h} h {m} min").format(h=hours, m=mins)
    return _("{m} min").format(m=mins)


def describe_alert(state: AlertState) -> str:
    if not state.networks:
        return _("No network checks the hot list, so no alert can fire.")
    if state.first is None:
        return _("The networks that check the hot list never read this car after the alert, up to the end of the data.")
    f = state.first
    return _("First read {wait} after the alert, at {time} on {day}, by {camera} at {corner} ({hood}).").format(
        wait=wait_words(state.minutes or 0),
        time=local_format.time_of_day(f.timestamp),
        day=local_format.day(f.timestamp),
        camera=f.camera_id,
        corner=town.corner_name(f.x, f.y),
        hood=town.neighbourhood_of(f.x, f.y),
    ) + typical_words(state)


def typical_words(state: AlertState) -> str:
    """What usually happens: the median wait over an alert at every hour of the four weeks."""
    if state.typical_wait is None:
        return ""
    return " " + _(
        "That is one case. Listed at any hour of the four weeks, this car waits a median of {wait} to be read "
        "by these networks, and is found within an hour {share} of the time."
    ).format(wait=wait_words(state.typical_wait), share=local_format.percent(state.within_hour))


# --- How often is a read a hit? (notebook 01) ---------------------------------------------------

REAL_RATES = [
    ("md_hit_share", N_("Maryland, Jan.-May 2012")),
    ("eff_median_hit_rate", N_("middle agency, EFF data 2016-17")),
    ("eff_pooled_hit_rate", N_("all agencies pooled, EFF data 2016-17")),
    ("flock_pooled_hit_rate", N_("Flock agencies pooled, 2024")),
]


class HotListData:
    """The town's reads, its cars ranked for the hot list, and the real published hit rates, gathered once."""

    def __init__(self, town_data: TownData, facts: Facts, longest: int = 10) -> None:
        self.reads = town_data.reads
        self.ranked = hotlist.hot_list(town_data.reads, longest)  # a list of n is the first n of this
        self.codes, plates = pd.factorize(self.reads.plate, sort=True)  # each read's plate as a number, once
        self.ranked_codes = list(pd.Index(plates).get_indexer(self.ranked))
        self.real = tuple((fid, label, float(facts.figure(fid).value)) for fid, label in REAL_RATES)
        self.cars = int(town_data.meta.get("vehicles", 0))


@dataclass(frozen=True)
class HitRateState:
    listed: tuple[str, ...]
    hits: int
    reads: int
    rate: float  # percent of reads that are hits
    real: tuple[tuple[str, str, float], ...]  # (figure id, label, percent)
    cars: int = 0  # the town's cars
    message: str = ""


def compute_hit_rate(data: HotListData, size: int) -> HitRateState:
    """Put the first `size` ranked cars on the hot list and count the reads that are hits."""
    size = max(0, min(int(size), len(data.ranked)))
    hits = int(np.isin(data.codes, data.ranked_codes[:size]).sum())
    total = len(data.reads)
    rate = 100.0 * hits / total if total else 0.0
    return HitRateState(tuple(data.ranked[:size]), hits, total, rate, data.real, data.cars)


def describe_hit_rate(state: HitRateState) -> str:
    return _(
        "With {listed} of the town's cars on the hot list, {hits} of {reads} reads are hits ({rate:.2f}%). "
        "The other {misses} reads are of cars nobody was looking for, and they are stored too."
    ).format(
        listed=len(state.listed),
        hits=local_format.whole(state.hits),
        reads=local_format.whole(state.reads),
        rate=state.rate,
        misses=local_format.whole(state.reads - state.hits),
    ) + scale_words(state)


def scale_words(state: HitRateState) -> str:
    """Why a small town's hit rate runs high: one listed car is a big share of its cars."""
    if not state.listed or not state.cars:
        return ""
    return "\n\n" + _(  # a paragraph of its own: one click away under the headline
        "Here each listed car is 1 of the town's {cars} cars, so even one car on the list makes "
        "{share:.1%} of the cars wanted. A real hot list holds a far smaller share of the cars on the road, "
        "which is one reason real hit rates are low."
    ).format(cars=state.cars, share=len(state.listed) / state.cars)


# --- The cost of a misread (notebook 01) --------------------------------------------------------


@dataclass(frozen=True)
class MisreadState:
    typed: str
    plate: str | None  # the innocent car's plate, once understood
    stolen: str  # the look-alike plate on the hot list
    reads: int
    rate_percent: float
    false_alerts: float  # expected false alerts a month
    days: int
    message: str = ""


def compute_misread(town_data: TownData, plate: str, rate_percent: float) -> MisreadState:
    """How many false alerts a month an innocent car would raise if a plate one misread away were on the hot list."""
    cleaned, problem = plates.clean_plate(plate)
    typed = str(plate)
    if cleaned is None:
        return MisreadState(typed, None, "", 0, rate_percent, 0.0, town_data.days, problem)
    alikes = hotlist.look_alikes(cleaned)
    if not alikes:
        message = _(
            "No character of {plate} is one a camera commonly confuses (8, B, 0, O, 1, I, 5, S, 2, Z). Try another plate."
        ).format(plate=cleaned)
        return MisreadState(typed, None, "", 0, rate_percent, 0.0, town_data.days, message)
    reads = int((town_data.reads.plate == cleaned).sum())
    stolen = alikes[0]
    per_month = hotlist.expected_false_alerts(reads, cleaned, stolen, rate_percent / 100) * 28 / town_data.days
    return MisreadState(typed, cleaned, stolen, reads, rate_percent, per_month, town_data.days)


def describe_misread(state: MisreadState) -> str:
    if state.plate is None:
        return ""
    return _(
        "The town's cameras read {plate} {reads} times in {days} days. If a stolen car's plate is {stolen}, a "
        "misread rate of {rate:.1f}% would flag this innocent car about {alerts:.1f} times a month. Every such "
        "alert could send officers to stop the wrong driver."
    ).format(
        plate=state.plate,
        reads=state.reads,
        days=state.days,
        stolen=state.stolen,
        rate=state.rate_percent,
        alerts=state.false_alerts,
    )
