"""Notebook 03's other widgets: a watcher against a network that remembers, from a guessed home to a name,
and fixed cameras added one at a time against the court cases."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from platetrails import charts
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import _
from platetrails.states.anyway import (
    ALL_SIX,
    LineData,
    MemoryData,
    NamedData,
    compute_camera_line,
    compute_memory,
    compute_named,
    describe_camera_line,
    describe_memory,
    describe_named,
    memory_options,
)
from platetrails.widgets.base import LabWidget, days_slider

WIDE = {"description_width": "initial"}


def car_menu(labels, extra: list[tuple[str, str]] | None = None) -> w.Dropdown:
    options = (extra or []) + [(_(label), label) for label in labels]
    return w.Dropdown(options=options, value=options[0][1], description=_("Car:"), style=WIDE)


class CornerOrNetwork(LabWidget):
    """One person on one corner for a day, against the town's networks after days of memory or a state's law."""

    compute = staticmethod(compute_memory)
    draw = staticmethod(charts.draw_memory)
    describe = staticmethod(describe_memory)

    def __init__(
        self, town: TownData, case_plates: dict[str, str], facts: Facts, case_places: dict[str, tuple]
    ) -> None:
        data = MemoryData(town, case_plates, facts, case_places)
        self.car = car_menu(data.case_plates)
        self.memory = w.Dropdown(options=memory_options(data), value="watcher", description=_("Memory:"), style=WIDE)
        super().__init__(data, [self.car, self.memory])
        self.watch(self.car, self.memory)
        self.update()

    def choices(self) -> dict:
        return {"car": self.car.value, "memory": self.memory.value}


class HomeToName(LabWidget):
    """Join the analyst's guessed home (from reads alone) to the town's made-up public directory."""

    compute = staticmethod(compute_named)
    draw = staticmethod(charts.draw_named)
    describe = staticmethod(describe_named)

    def __init__(self, town: TownData, case_plates: dict[str, str], directory: pd.DataFrame | None = None) -> None:
        data = NamedData(town, case_plates, directory)
        self.car = car_menu(data.case_plates)
        self.days = days_slider(data.days_options, _("Days of data:"))
        super().__init__(data, [self.car, self.days])
        self.watch(self.car, self.days)
        self.update()

    def choices(self) -> dict:
        return {"car": self.car.value, "days": self.days.value}


class CameraLine(LabWidget):
    """Add fixed cameras one at a time; see how much of the case residents' trips the record catches; mark a line."""

    sentence_beside = True

    compute = staticmethod(compute_camera_line)
    draw = staticmethod(charts.draw_camera_line)
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
