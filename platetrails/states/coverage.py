"""State of the camera-density line: how much of the case residents' week a growing set of fixed cameras records,
against the court cases. The case residents' trips are passed in (lab.candidate_trips); the curves are built once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from platetrails import coverage
from platetrails.data import read_table
from platetrails.facts import Facts
from platetrails.i18n import _, _n

ALL_SIX = "all six"
MCCARTHY_FIGURE = "mccarthy_cameras"  # data/facts/figures.csv: the cameras in Commonwealth v. McCarthy

# --- 4. The camera-density line ------------------------------------------------------------------


class LineData:
    """The candidate sites and, for each case car (and all six together), the coverage curve for 0 to N cameras."""

    def __init__(self, case_trips: pd.DataFrame, facts: Facts, sites: pd.DataFrame | None = None) -> None:
        self.mccarthy = int(float(facts.figure(MCCARTHY_FIGURE).value))
        self.sites = read_table("town/candidate_sites.csv") if sites is None else sites
        self.max_cameras = int(len(self.sites))
        self.labels = tuple(sorted(case_trips.case_label.unique()))
        groups = {label: case_trips[case_trips.case_label == label] for label in self.labels}
        self.curves = {k: coverage.coverage_curve(g, self.max_cameras) for k, g in groups.items()}
        # All six together: the share of all their trips, and the average resident's share of days.
        pooled, _days = coverage.coverage_curve(case_trips, self.max_cameras)
        self.curves[ALL_SIX] = (pooled, np.mean([self.curves[k][1] for k in self.labels], axis=0))
        self.trips = {k: len(g) for k, g in groups.items()} | {ALL_SIX: len(case_trips)}


@dataclass(frozen=True)
class CameraLineState:
    car: str
    cameras: int
    line: int  # where the student would draw the line, in cameras
    trip_share: tuple[float, ...]  # % of trips past at least one camera, for 0..N cameras
    day_share: tuple[float, ...]
    trips: int
    newest: str  # the label of the last camera added, or ""
    mccarthy: int  # the number of cameras in the McCarthy case
    message: str = ""


def compute_camera_line(data: LineData, car: str = ALL_SIX, cameras: int = 4, line: int = 0) -> CameraLineState:
    message = ""
    if car not in data.curves:
        car, message = ALL_SIX, _("Pick a car from the list.")
    cameras = max(0, min(int(cameras), data.max_cameras))
    line = max(0, min(int(line), data.max_cameras))
    trip_share, day_share = data.curves[car]
    newest = str(data.sites.label.iloc[cameras - 1]) if cameras else ""
    return CameraLineState(
        car,
        cameras,
        line,
        tuple(round(float(v), 1) for v in trip_share),
        tuple(round(float(v), 1) for v in day_share),
        data.trips[car],
        newest,
        data.mccarthy,
        message,
    )


def car_words(car: str) -> str:
    return _("the six case residents") if car == ALL_SIX else _(car)


def describe_camera_line(state: CameraLineState) -> str:
    n = state.cameras
    trips, days = state.trip_share[n], state.day_share[n]
    if state.car == ALL_SIX:
        first = _(
            "With {cameras}, the record catches {trips:.0f}% of the {total} trips the six case residents "
            "make in 28 days. On average, it catches each of them on {days:.0f}% of the days they drive."
        )
    else:
        first = _(
            "With {cameras}, the record catches {trips:.0f}% of the {total} trips {who} makes in 28 days, "
            "and at least one trip on {days:.0f}% of the days the car is driven."
        )
    cameras = _n("{n} fixed camera", "{n} fixed cameras", n).format(n=n)
    lines = [first.format(cameras=cameras, trips=trips, total=state.trips, who=car_words(state.car), days=days)]
    if state.newest:
        lines.append(_("The last camera added: {site}.").format(site=state.newest))
    if state.line:
        lines.append(
            _n(
                "You would draw the line at {line} camera. There, the record catches {share:.0f}% of the trips.",
                "You would draw the line at {line} cameras. There, the record catches {share:.0f}% of the trips.",
                state.line,
            ).format(line=state.line, share=state.trip_share[state.line])
        )
    lines.append(
        _(
            "No court has drawn this line in numbers. In McCarthy (2020), {n} cameras on two bridges did not "
            "invade a person's privacy in the whole of their public movements, but the court said that wide use "
            "of plate readers could."
        ).format(n=state.mccarthy)
    )
    return "\n\n".join(lines)
