"""Notebook 03's widget: how few sightings single out one car, at two levels of detail, beside published studies."""

from __future__ import annotations

import ipywidgets as w

from platetrails import privacy_charts
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import _
from platetrails.states.unicity import ALL, PublicData, compute_singled_out, describe_singled_out
from platetrails.widgets.base import WIDE, LabWidget, days_slider


class SingledOut(LabWidget):
    """Pick a level of detail, a car and how many days of reads: what share do k sightings single out?"""

    compute = staticmethod(compute_singled_out)
    draw = staticmethod(privacy_charts.draw_singled_out)
    describe = staticmethod(describe_singled_out)

    def __init__(self, town: TownData, case_plates: dict[str, str], facts: Facts) -> None:
        data = PublicData(town, case_plates, facts)  # every curve, computed once
        self.level = w.RadioButtons(  # radio buttons tell a screen reader which one is chosen
            options=[(_("Street corner and hour"), "exact"), (_("Neighbourhood and part of day"), "coarse")],
            value="exact",
            description=_("Detail:"),
            style=WIDE,
        )
        cars = [(_("All cars"), ALL)] + [(_(label), label) for label in data.case_plates]
        self.car = w.Dropdown(options=cars, value=ALL, description=_("Car:"), style=WIDE)
        self.days = days_slider(data.days_options, _("Days of data:"))
        super().__init__(data, [self.level, self.car, self.days])
        self.watch(self.level, self.car, self.days)
        self.update()

    def choices(self) -> dict:
        return {"level": self.level.value, "car": self.car.value, "days": self.days.value}
