"""The guided tour of notebook 00: tick camera networks on and off and watch the map and the count of reads change."""

from __future__ import annotations

import ipywidgets as w

from platetrails import maps, networks
from platetrails.data import TownData
from platetrails.i18n import _
from platetrails.states.reading import compute_tour, describe_tour
from platetrails.widgets.base import LabWidget


class NetworkTour(LabWidget):
    compute = staticmethod(compute_tour)
    draw = staticmethod(maps.draw_tour)
    describe = staticmethod(describe_tour)

    def __init__(self, town: TownData) -> None:
        self.boxes = {
            net.name: w.Checkbox(value=True, description=_(net.label), indent=False) for net in networks.all_networks()
        }
        heading = w.HTML(f"<b>{_('Camera networks to show:')}</b>")
        super().__init__(town, [heading, *self.boxes.values()])
        self.watch(*self.boxes.values())
        self.update()

    def choices(self) -> dict:
        return {"networks": [name for name, box in self.boxes.items() if box.value]}
