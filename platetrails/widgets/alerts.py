"""Notebook 01's widgets about hot lists: an alert for one car, the hit rate, the cost of a misread, and an
investigator's case under each retention rule."""

from __future__ import annotations

import ipywidgets as w
import numpy as np
from matplotlib.figure import Figure

from platetrails import cards, charts, maps, networks, style
from platetrails.data import TownData
from platetrails.facts import Facts, load_facts
from platetrails.i18n import _
from platetrails.palette import OKABE_ITO
from platetrails.states.alerts import (
    HotListData,
    compute_alert,
    compute_hit_rate,
    describe_alert,
    describe_hit_rate,
    wait_words,
)
from platetrails.states.casework import DELAYS, CaseData, CaseState, compute_case, describe_case
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


# The case's picture lives beside its widget (a figure module would be its usual home: see CONTRIBUTING.md).
def draw_case(state: CaseState) -> Figure:
    """Per rule, the car's sightings from the week before still kept when the search runs, out of all of them."""
    fig, ax = charts.new_chart((10.5, 4.6), (0.3, 0.19, 0.62, 0.55))
    labels = [_(r.rule) for r in state.rules][::-1]
    kept = [r.kept for r in state.rules][::-1]
    total = max(state.sightings, 1)
    y = np.arange(len(labels))
    ax.barh(y, [state.sightings] * len(y), color="#dddddd", edgecolor=OKABE_ITO["grey"])
    ax.barh(y, kept, color=OKABE_ITO["blue"], edgecolor="black")
    for yi, k in zip(y, kept):
        ax.text(
            total * 1.02,
            yi,
            _("{kept} of {total}").format(kept=k, total=state.sightings),
            va="center",
            fontsize=style.SMALL,
        )
    ax.set_yticks(y, labels)
    ax.set_xlim(0, total * 1.3)
    ax.set_xlabel(_("sightings from the week before (blue: kept; grey: deleted)"))
    title = _("A search run {delay}: what each rule has kept").format(delay=_(state.delay))
    fig.text(0.02, 0.91, title, fontsize=style.TITLE, fontweight="bold")
    if state.live_minutes is None:
        live = _("Live alert: not read after listing")
    else:
        live = _("Live alert, under every rule: read {wait} after listing").format(wait=wait_words(state.live_minutes))
    fig.text(0.02, 0.81, live, fontsize=style.BODY, fontweight="bold", color=OKABE_ITO["vermillion"])
    text = _("Bar chart: of {total} sightings of {car} in the week before, a search run {delay} finds {each}.").format(
        total=state.sightings,
        car=_(state.car_label),
        delay=_(state.delay),
        each="; ".join(_("{kept} under {rule}").format(kept=r.kept, rule=_(r.rule)) for r in state.rules),
    )
    return style.describe(fig, text)


class CaseSearch(LabWidget):
    """An investigator's case: a car tied to a crime goes on the hot list. When does a live alert find it, and
    what does a search of its reads from the week before still find under each retention rule?"""

    compute = staticmethod(compute_case)
    draw = staticmethod(draw_case)
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
