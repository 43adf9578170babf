"""The camera-density line: fixed cameras added one at a time, against the court cases."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from platetrails import privacy_charts
from platetrails.facts import Facts
from platetrails.i18n import _
from platetrails.states.coverage import ALL_SIX, LineData, compute_camera_line, describe_camera_line
from platetrails.widgets.base import WIDE, LabWidget, car_menu


class CameraLine(LabWidget):
    """Add fixed cameras one at a time; see how much of the case residents' trips the record catches; mark a line."""

    sentence_beside = True

    compute = staticmethod(compute_camera_line)
    draw = staticmethod(privacy_charts.draw_camera_line)
    describe = staticmethod(describe_camera_line)

    def __init__(self, case_trips: pd.DataFrame, facts: Facts) -> None:
        data = LineData(case_trips, facts)
        self.car = car_menu(data.labels, [(_("All six case residents"), ALL_SIX)])
        self.cameras = w.IntSlider(
            value=2, min=0, max=data.max_cameras, description=_("Cameras:"), continuous_update=False, style=WIDE
        )
        self.line = w.IntSlider(
            value=0,
            min=0,
            max=data.max_cameras,
            description=_("My line (0 = none):"),
            continuous_update=False,
            style=WIDE,
        )
        super().__init__(data, [self.car, self.cameras, self.line])
        self.watch(self.car, self.cameras, self.line)
        self.update()

    def choices(self) -> dict:
        return {"car": self.car.value, "cameras": self.cameras.value, "line": self.line.value}
