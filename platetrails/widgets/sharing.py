"""Notebook 04's sharing map: switch each flow of reads on or off and see what a federal query could still find."""

from __future__ import annotations

import ipywidgets as w

from platetrails import networks as registry
from platetrails import sharing, sharing_map
from platetrails.i18n import _
from platetrails.states.sharing import SharingData, compute_sharing_map, describe_sharing_map
from platetrails.widgets.base import WIDE, LabWidget


class SharingMap(LabWidget):
    compute = staticmethod(compute_sharing_map)
    draw = staticmethod(sharing_map.draw_sharing_map)
    describe = staticmethod(describe_sharing_map)

    def __init__(self, data: SharingData) -> None:
        story = sharing.Switches.story()
        self.boxes = {
            sw.code: w.Checkbox(value=story.on(sw.code), description=_(sw.label), indent=False, style=WIDE)
            for sw in registry.switches()
        }
        self.years = w.SelectionSlider(
            options=[(str(y), y) for y in sharing.YEAR_CHOICES],
            value=story.years_back,
            description=_("Years back it may search:"),
            continuous_update=False,
            style=WIDE,
        )
        super().__init__(data, [*self.boxes.values(), self.years])
        self.watch(*self.boxes.values(), self.years)
        self.update()

    def choices(self) -> dict:
        flags = {code: box.value for code, box in self.boxes.items()}
        return {"switches": sharing.Switches.of(flags, self.years.value)}
