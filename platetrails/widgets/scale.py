"""Notebook 02's realism dial: set how often every reader reads, from the classroom town down to Seattle's rate, beside real places."""

from __future__ import annotations

import ipywidgets as w
import pandas as pd

from platetrails import guess_charts
from platetrails.i18n import _
from platetrails.states.scale import LEVEL_WORDS, compute_realism, describe_realism
from platetrails.widgets.base import WIDE, LabWidget


class RealismDial(LabWidget):
    compute = staticmethod(compute_realism)
    draw = staticmethod(guess_charts.draw_realism)
    describe = staticmethod(describe_realism)

    def __init__(self, realism: pd.DataFrame) -> None:
        levels = list(dict.fromkeys(realism.level))
        self.level = w.RadioButtons(
            options=[(_(LEVEL_WORDS.get(lv, lv)), lv) for lv in levels],
            value=levels[0],
            description=_("All readers:"),
            style=WIDE,
        )
        days = sorted(set(realism.days))
        self.days = w.SelectionSlider(
            options=[(str(d), d) for d in days],
            value=28 if 28 in days else days[0],
            description=_("Days of reads:"),
            continuous_update=False,
            style=WIDE,
        )
        super().__init__(realism, [self.level, self.days])
        self.watch(self.level, self.days)
        self.update()

    def choices(self) -> dict:
        return {"level": self.level.value, "days": self.days.value}
