"""Notebook 01's widgets about hot lists: an alert for one car, the hit rate, and the cost of a misread."""

from __future__ import annotations

import ipywidgets as w

from platetrails import cards, charts, maps, networks
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import _
from platetrails.states.alerts import (
    HotListData,
    compute_alert,
    compute_hit_rate,
    compute_misread,
    describe_alert,
    describe_hit_rate,
    describe_misread,
)
from platetrails.states.reading import day_options
from platetrails.widgets.base import LabWidget

WIDE = {"description_width": "initial"}


class AlertFinder(LabWidget):
    """A car goes on the hot list at a chosen time; which networks see it first, where, and how soon?"""

    compute = staticmethod(compute_alert)
    draw = staticmethod(maps.draw_alert)
    describe = staticmethod(describe_alert)

    def __init__(self, town: TownData, case_plates: dict[str, str]) -> None:
        cars = [(_(label), plate) for label, plate in case_plates.items()]
        self.car = w.Dropdown(options=cars, description=_("Car on the alert:"), style=WIDE)
        self.day = w.Dropdown(options=day_options(town), value=2, description=_("Alert day:"), style=WIDE)
        self.hour = w.IntSlider(
            value=9, min=0, max=23, description=_("Alert hour:"), continuous_update=False, style=WIDE
        )
        self.boxes = {
            net.name: w.Checkbox(
                value=net.owner == networks.get("city_fixed").owner, description=_(net.label), indent=False
            )
            for net in networks.all_networks()
        }
        heading = w.HTML(f"<b>{_('Networks that check their reads against the hot list:')}</b>")
        controls = [self.car, self.day, self.hour, heading, *self.boxes.values()]
        super().__init__(town, controls)
        self.watch(self.car, self.day, self.hour, *self.boxes.values())
        self.update()

    def choices(self) -> dict:
        return {
            "car_label": self.car.label,
            "plate": self.car.value,
            "day": self.day.value,
            "hour": self.hour.value,
            "networks": [name for name, box in self.boxes.items() if box.value],
        }


class HitRate(LabWidget):
    """Put more or fewer cars on the town's hot list and compare the town's hit rate with real published rates."""

    compute = staticmethod(compute_hit_rate)
    draw = staticmethod(charts.draw_hit_rate)
    describe = staticmethod(describe_hit_rate)

    def __init__(self, town: TownData, facts: Facts) -> None:
        data = HotListData(town, facts)
        self.size = w.IntSlider(
            value=1,
            min=0,
            max=len(data.ranked),
            description=_("Cars on the hot list:"),
            continuous_update=False,
            style=WIDE,
        )
        super().__init__(data, [self.size])
        self.watch(self.size)
        self.update()

    def choices(self) -> dict:
        return {"size": self.size.value}


class MisreadCost(LabWidget):
    """A stolen car's plate is one character away from an innocent car's plate: how many false alerts a month?"""

    compute = staticmethod(compute_misread)
    draw = staticmethod(cards.draw_misread)
    describe = staticmethod(describe_misread)

    def __init__(self, town: TownData, innocent_plate: str) -> None:
        self.plate_box = w.Text(
            value=innocent_plate, description=_("Innocent car's plate:"), continuous_update=False, style=WIDE
        )
        self.rate = w.FloatSlider(
            value=2.0,
            min=0.0,
            max=5.0,
            step=0.5,
            description=_("Misread rate (%):"),
            continuous_update=False,
            style=WIDE,
        )
        super().__init__(town, [self.plate_box, self.rate])
        self.watch(self.plate_box, self.rate)
        self.update()

    def choices(self) -> dict:
        return {"plate": self.plate_box.value, "rate_percent": self.rate.value}
