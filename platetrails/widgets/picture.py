"""Notebook 02's explorer: pick a car, add days and camera networks, and watch an analyst's picture of it form."""

from __future__ import annotations

import ipywidgets as w
import numpy as np

from platetrails import maps, networks, plates
from platetrails.answer_key import AnswerKey
from platetrails.data import TownData
from platetrails.i18n import _
from platetrails.states.picture import RANDOM, TYPED, MosaicData, compute_mosaic, describe_mosaic
from platetrails.widgets.base import WIDE, LabWidget


class MosaicExplorer(LabWidget):
    compute = staticmethod(compute_mosaic)
    draw = staticmethod(maps.draw_mosaic)
    describe = staticmethod(describe_mosaic)

    def __init__(self, town: TownData, key: AnswerKey, seed: int = 0) -> None:
        data = MosaicData(town, key)
        self.rng = np.random.default_rng(seed)
        self.random_plate = self._draw_random(None, data)
        choices = [(_(label), label) for label in data.case_plates]
        choices += [(_("A random car"), RANDOM), (_("The plate typed in the box"), TYPED)]
        self.car = w.Dropdown(options=choices, value=choices[0][1], description=_("Car:"), style=WIDE)
        self.plate_box = w.Text(
            value="",
            placeholder=_("type a plate, e.g. {example}").format(example=plates.EXAMPLE_PLATE),
            description=_("Plate:"),
            continuous_update=False,
            style=WIDE,
        )
        self.new_random = w.Button(description=_("Another random car"), icon="random", layout=w.Layout(width="auto"))
        self.days = w.IntSlider(
            value=7, min=1, max=town.days, description=_("Days of data:"), continuous_update=False, style=WIDE
        )
        self.network_boxes = {
            net.name: w.Checkbox(value=True, description=_(net.label), indent=False) for net in networks.all_networks()
        }
        self.colour = w.RadioButtons(
            options=[(_("time of week"), "time"), (_("camera network"), "network")],
            value="time",
            description=_("Colour by:"),
            style=WIDE,
        )
        self.reveal = w.Checkbox(value=False, description=_("Reveal the truth"), indent=False)
        controls = [
            self.car,
            self.plate_box,
            self.new_random,
            self.days,
            *self.network_boxes.values(),
            self.colour,
            self.reveal,
        ]
        super().__init__(data, controls)
        self.new_random.on_click(self.another_random)
        self.plate_box.observe(self._typed, names="value")
        self.watch(self.car, self.days, self.colour, self.reveal, *self.network_boxes.values())
        self.update()

    def _draw_random(self, current: str | None, data: MosaicData) -> str:
        """A random car's plate, never the one already shown."""
        pool = [p for p in data.car_plates if p != current]
        return str(self.rng.choice(pool))

    def another_random(self, _button=None) -> None:
        self.random_plate = self._draw_random(self.random_plate, self.data)
        if self.car.value == RANDOM:
            self.update()
        else:
            self.car.value = RANDOM  # triggers update

    def _typed(self, change: dict) -> None:
        """Typing a plate means 'show this plate': switch the menu to it (which redraws once)."""
        if self.car.value == TYPED:
            self.update()
        else:
            self.car.value = TYPED

    def choices(self) -> dict:
        return {
            "car": self.car.value,
            "typed_plate": self.plate_box.value,
            "random_plate": self.random_plate,
            "days": self.days.value,
            "networks": tuple(name for name, box in self.network_boxes.items() if box.value),
            "colour_by": self.colour.value,
            "reveal": self.reveal.value,
        }
