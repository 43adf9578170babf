"""Notebook 01's widgets about hot lists: an alert for one car, the hit rate, the cost of a misread, and an
investigator's case under each retention rule."""

from __future__ import annotations

import ipywidgets as w

from platetrails import cards, charts, maps, networks
from platetrails.data import TownData
from platetrails.facts import Facts, load_facts
from platetrails.i18n import _
from platetrails.states.alerts import (
    HotListData,
    compute_alert,
    compute_hit_rate,
    describe_alert,
    describe_hit_rate,
)
from platetrails.states.casework import DELAYS, CaseData, compute_case, describe_case
from platetrails.states.misread_scale import (
    RATE_SLIDER,
    MisreadData,
    compute_misread_at_scale,
    describe_misread_at_scale,
)
from platetrails.states.reading import day_options
from platetrails.widgets.base import WIDE, LabWidget


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
            net.name: w.Checkbox(value=net.party == networks.POLICE, description=_(net.label), indent=False)
            for net in networks.all_networks()
        }
        heading = w.HTML("<b>{}</b>".format(_("Networks that check their reads against the hot list:")))
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
    """A stolen car's plate is one character away from an innocent car's plate: one car is rarely flagged, but at a
    real state's volume (Maryland's reads) misreads add up to alerts on the wrong car every day."""

    compute = staticmethod(compute_misread_at_scale)
    draw = staticmethod(cards.draw_misread)
    describe = staticmethod(describe_misread_at_scale)

    def __init__(self, town: TownData, innocent_plate: str, facts: Facts | None = None) -> None:
        self.plate_box = w.Text(
            value=innocent_plate, description=_("Innocent car's plate:"), continuous_update=False, style=WIDE
        )
        self.rate = w.FloatSlider(
            **RATE_SLIDER,
            description=_("Misread rate (%):"),
            continuous_update=False,
            style=WIDE,
        )
        super().__init__(MisreadData(town, facts if facts is not None else load_facts()), [self.plate_box, self.rate])
        self.watch(self.plate_box, self.rate)
        self.update()

    def choices(self) -> dict:
        return {"plate": self.plate_box.value, "rate_percent": self.rate.value}


class CaseSearch(LabWidget):
    """An investigator's case: a car tied to a crime goes on the hot list. When does a live alert find it, and
    what does a search of its reads from the week before still find under each retention rule?"""

    compute = staticmethod(compute_case)
    draw = staticmethod(charts.draw_case)
    describe = staticmethod(describe_case)

    def __init__(self, town: TownData, case_plates: dict[str, str], facts: Facts | None = None) -> None:
        cars = [(_(label), plate) for label, plate in case_plates.items()]
        self.car = w.Dropdown(options=cars, description=_("Car in the case:"), style=WIDE)
        self.delay = w.SelectionSlider(
            options=[(_(label), label) for label in DELAYS],
            value=next(iter(DELAYS)),
            description=_("Search runs:"),
            continuous_update=False,
            style=WIDE,
        )
        data = CaseData(town, facts if facts is not None else load_facts())
        super().__init__(data, [self.car, self.delay])
        self.watch(self.car, self.delay)
        self.update()

    def choices(self) -> dict:
        return {"car_label": self.car.label, "plate": self.car.value, "delay": self.delay.value}
