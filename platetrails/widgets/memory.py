"""The "a person on the corner, or a network that remembers?" widget: one watcher for a day against the town's
networks after days of memory or under a state law's retention limit."""

from __future__ import annotations

import ipywidgets as w

from platetrails import privacy_charts
from platetrails.data import TownData
from platetrails.facts import Facts
from platetrails.i18n import _
from platetrails.states.memory import MemoryData, compute_memory, describe_memory, memory_options
from platetrails.widgets.base import WIDE, LabWidget, car_menu


class CornerOrNetwork(LabWidget):
    """One person on one corner for a day, against the town's networks after days of memory or a state's law."""

    compute = staticmethod(compute_memory)
    draw = staticmethod(privacy_charts.draw_memory)
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
