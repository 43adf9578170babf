"""The "from a guessed home to a name" widget: the analyst's guesses for a case car and the names at the guessed home."""

from __future__ import annotations

import pandas as pd

from platetrails import privacy_charts
from platetrails.data import TownData
from platetrails.i18n import _
from platetrails.states.naming import NamedData, compute_named, describe_named
from platetrails.widgets.base import LabWidget, car_menu, days_slider


class HomeToName(LabWidget):
    """Join the analyst's guessed home (from reads alone) to the town's made-up public directory."""

    compute = staticmethod(compute_named)
    draw = staticmethod(privacy_charts.draw_named)
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
