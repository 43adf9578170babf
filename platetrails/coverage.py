"""How much of a week a growing set of fixed cameras records: the coverage curve over candidate sites.

The trips it is measured against are passed in by the caller (they come from the answer key through lab.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def first_camera(site_ranks: pd.Series) -> np.ndarray:
    """For each trip, the rank of the first candidate camera added that it passes (infinity if none)."""
    out = np.full(len(site_ranks), np.inf)
    for i, text in enumerate(site_ranks.tolist()):
        if text:
            out[i] = min(int(r) for r in text.split(";"))
    return out


def coverage_curve(trips: pd.DataFrame, max_cameras: int) -> tuple[np.ndarray, np.ndarray]:
    """For 0 to max_cameras cameras: the % of the trips that pass at least one, and the % of the days with
    a trip on which at least one trip does."""
    first = first_camera(trips.site_ranks)
    day = trips.depart.dt.normalize().to_numpy()
    days = np.unique(day)
    trip_share, day_share = [], []
    for n in range(max_cameras + 1):
        seen = first <= n
        trip_share.append(100 * seen.mean() if len(first) else 0.0)
        day_share.append(100 * len(np.unique(day[seen])) / len(days) if len(days) else 0.0)
    return np.array(trip_share), np.array(day_share)
