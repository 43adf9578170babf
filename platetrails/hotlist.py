"""Hot lists and alerts in Alder Falls: which reads are hits, how soon a wanted car is seen, and what a misread costs."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import plates, town
from platetrails.data import TownData

HOT_LIST_SEED = 11


def regular_plates(reads: pd.DataFrame, least: int = 5) -> list[str]:
    """Plates read at least `least` times that have a plate's form: real cars that drive in town, not misreads
    (read rarely) or road signs (read often at a fixed camera, but words, not plates)."""
    counts = reads.plate.value_counts()
    return sorted(p for p in counts[counts >= least].index if plates.TOWN_PLATE_FORM.match(p))


def hot_list(reads: pd.DataFrame, size: int, seed: int = HOT_LIST_SEED) -> list[str]:
    """A police hot list of `size` plates of cars that drive in town (stolen cars, warrants), drawn reproducibly."""
    pool = regular_plates(reads)
    order = np.random.default_rng(seed).permutation(len(pool))
    return [pool[i] for i in order[: max(0, min(size, len(pool)))]]


def hit_rate(reads: pd.DataFrame, listed: list[str]) -> float:
    """Share of reads whose plate is on the hot list, as a percentage."""
    if len(reads) == 0:
        return 0.0
    return 100.0 * reads.plate.isin(listed).mean()


@dataclass
class Alert:
    plate: str
    start: pd.Timestamp
    networks: list[str]
    first: pd.Series | None  # the first read after the alert, or None
    minutes: float | None
    later: pd.DataFrame  # reads in the two hours after the first


def first_sighting(town_data: TownData, plate: str, start: pd.Timestamp, networks: list[str]) -> Alert:
    """When and where a plate on an alert is first read by the live networks after `start`."""
    reads = town_data.reads
    mine = reads[(reads.plate == plate) & (reads.timestamp >= start) & reads.network.isin(networks)]
    if mine.empty:
        return Alert(plate, start, networks, None, None, mine)
    first = mine.iloc[0]
    minutes = (first.timestamp - start).total_seconds() / 60
    later = mine[mine.timestamp <= first.timestamp + pd.Timedelta(hours=2)]
    return Alert(plate, start, networks, first, minutes, later)


def waits(town_data: TownData, plate: str, networks: list[str], starts: pd.Series) -> np.ndarray:
    """Minutes from each alert start until the plate's first read by the chosen networks (NaN if never read after)."""
    reads = town_data.reads
    times = reads.timestamp[(reads.plate == plate) & reads.network.isin(networks)].sort_values().to_numpy()
    begin = starts.to_numpy()
    nxt = np.searchsorted(times, begin, side="left")
    found = nxt < len(times)
    out = np.full(len(begin), np.nan)
    out[found] = (times[nxt[found]] - begin[found]) / np.timedelta64(1, "m")
    return out


def look_alikes(plate: str) -> list[str]:
    """Every plate one camera misread away from `plate` (8 for B, 0 for O, and so on)."""
    out = []
    for i, ch in enumerate(plate):
        if ch in plates.CONFUSIONS:
            out.append(plate[:i] + plates.CONFUSIONS[ch] + plate[i + 1 :])
    return out


def expected_false_alerts(reads_of_car: int, plate: str, target: str, misread_rate: float) -> float:
    """Expected false alerts when an innocent car (`plate`) is misread as the listed `target`.

    A misread changes one of the confusable characters, each equally likely; only the one
    that turns `plate` into `target` raises an alert.
    """
    spots = sum(1 for ch in plate if ch in plates.CONFUSIONS)
    if target not in look_alikes(plate) or spots == 0:
        return 0.0
    return reads_of_car * misread_rate / spots


def scans_by_neighbourhood(town_data: TownData) -> pd.DataFrame:
    """Reads a day per street corner in each neighbourhood, split by network: whose streets are scanned most."""
    reads = town_data.reads
    hood = [town.neighbourhood_of(int(x), int(y)) for x, y in zip(reads.x, reads.y)]
    counts = pd.crosstab(pd.Series(hood, name="neighbourhood"), reads.network.astype(str).to_numpy())
    hoods = town_data.neighbourhoods.set_index("neighbourhood")
    corners = (hoods.x_max - hoods.x_min + 1) * (hoods.y_max - hoods.y_min + 1)
    counts = counts.reindex(hoods.index).fillna(0)
    return counts.div(corners, axis=0) / town_data.days


def reads_before(
    town_data: TownData, plate: str, listed: pd.Timestamp, days: float, networks: list[str]
) -> pd.DataFrame:
    """The plate's reads by `networks` in the `days` before it was listed: what a search of past reads could look at."""
    reads = town_data.reads
    since = listed - pd.Timedelta(days=days)
    mine = reads[(reads.plate == plate) & reads.network.isin(networks)]
    return mine[(mine.timestamp >= since) & (mine.timestamp < listed)]


def still_kept(times: pd.Series, search: pd.Timestamp, limit_days: float) -> pd.Series:
    """Which reads (by time) a rule that keeps reads `limit_days` still holds when a search runs at `search`.

    A read that was not a hit is deleted once it is older than the limit; the reads of a car before it
    was listed were not hits, so no rule keeps them longer than its limit.
    """
    return (search - times) <= pd.Timedelta(days=limit_days)


def false_alerts_at_volume(reads: float, misread_rate: float, hit_share: float) -> float:
    """Alerts on the wrong car expected among `reads`, if a misread plate is on the hot list as often as a read
    plate is (`hit_share`, a share of reads such as Maryland's 0.2%). A rough what-if, not a measured count."""
    return reads * misread_rate * hit_share
