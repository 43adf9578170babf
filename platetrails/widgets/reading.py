"""Notebook 01's widgets about what a camera records: one read up close, and a day at one camera."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from platetrails import cards, charts
from platetrails.data import TownData
from platetrails.i18n import _
from platetrails.states.reading import (
    CameraIndex,
    compute_camera_day,
    compute_read_card,
    day_options,
    describe_camera_day,
    describe_read_card,
)
from platetrails.widgets.base import WIDE, LabWidget


class ReadCard(LabWidget):
    """Show one read as a card; a button draws another one at random."""

    compute = staticmethod(compute_read_card)
    draw = staticmethod(cards.draw_read_card)
    describe = staticmethod(describe_read_card)

    def __init__(self, town: TownData, seed: int = 1) -> None:
        self.rng = np.random.default_rng(seed)
        self.index = 0
        self.button = w.Button(description=_("Show another read"), icon="refresh", layout=w.Layout(width="auto"))
        self.button.on_click(self.another)
        super().__init__(town, [self.button])
        self.update()

    def another(self, _button=None) -> None:
        """Pick another read at random (never the same one twice in a row)."""
        count = len(self.data.reads)
        self.index = (self.index + 1 + int(self.rng.integers(count - 1))) % count if count > 1 else 0
        self.update()

    def choices(self) -> dict:
        return {"index": self.index}


class CameraDay(LabWidget):
    """Pick a camera and a day: reads per hour, and how many plates it had already seen on earlier days."""

    compute = staticmethod(compute_camera_day)
    draw = staticmethod(charts.draw_camera_day)
    describe = staticmethod(describe_camera_day)

    def __init__(self, town: TownData) -> None:
        options = [(f"{c.camera_id}: {_(c.label)}", c.camera_id) for c in town.cameras.itertuples()]
        self.camera = w.Dropdown(options=options, value="CITY-09", description=_("Camera:"), style=WIDE)
        self.day = w.Dropdown(options=day_options(town), value=1, description=_("Day:"), style=WIDE)
        super().__init__(CameraIndex(town), [self.camera, self.day])
        self.watch(self.camera, self.day)
        self.update()

    def choices(self) -> dict:
        return {"camera_id": self.camera.value, "day": self.day.value}
