"""The building block of every widget in the lab, and the short tour widget of notebook 00.

A widget keeps its controls, a plain-Python `state` computed by a pure function,
the last `figure` and a one-line `summary`. Tests set the controls and read those
back; `show()` lays them out for a notebook. Errors a student can cause become a
plain sentence in the message line, never a traceback.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

import ipywidgets as w
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from platetrails import maps, style
from platetrails.data import TownData

OUTPUT_HEIGHT = "600px"
WENT_WRONG = (
    "<b>Something went wrong while drawing.</b> Try another choice, or use Run All again. "
    "If it keeps happening, tell your teacher."
)


class LabWidget:
    """Controls, state, figure and summary; subclasses say how to compute the state and draw it."""

    controls: list[w.Widget]

    def __init__(self) -> None:
        self.output = w.Output(layout=w.Layout(height=OUTPUT_HEIGHT, overflow="hidden"))
        self.message = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.summary = w.HTML(layout=w.Layout(min_height="3em"))
        self.figure: Figure | None = None
        self.png = b""
        self.error: str | None = None
        self.updates = 0
        self.live = True  # tests may switch this off to set several controls before one update

    def watch(self, *controls: w.Widget) -> None:
        """Redraw whenever one of these controls changes value."""
        for control in controls:
            control.observe(self.update, names="value")

    def compute(self):  # pragma: no cover - each widget defines its own
        raise NotImplementedError

    def draw(self, state) -> Figure:  # pragma: no cover
        raise NotImplementedError

    def describe(self, state) -> str:  # pragma: no cover
        raise NotImplementedError

    def update(self, change: dict | None = None) -> None:
        """Recompute the state from the controls, redraw the figure, and rewrite the summary."""
        if not self.live:
            return
        try:
            self.state = self.compute()
            figure = self.draw(self.state)
            self.summary.value = f"<p style='font-size:1.15em'>{self.describe(self.state)}</p>"
            if self.error is not None and self.message.value == WENT_WRONG:
                self.message.value = ""  # the last choice failed, this one worked
            self.error = None
        except Exception as err:  # the edge: a student must never see a traceback
            self.error = f"{type(err).__name__}: {err}"
            self.message.value = WENT_WRONG
            return
        self.figure = figure
        self.png = style.png_bytes(figure)
        self.updates += 1
        # Replace the picture in one step by setting the Output widget's outputs: nothing flickers,
        # and no output capture runs while Voila builds the page (capture there could stall a page).
        picture = {
            "output_type": "display_data",
            "data": {
                "image/png": base64.b64encode(self.png).decode("ascii"),
                "text/plain": style.description_of(figure),
            },
            "metadata": {},
        }
        self.output.outputs = (picture,)
        plt.close(figure)

    def say(self, text: str) -> None:
        """Put a plain message (bad input, nothing to show) in the message line."""
        self.message.value = f"<b>{text}</b>" if text else ""

    def show(self) -> w.VBox:
        """The layout for a notebook: controls on top, then the message, figure and summary."""
        return w.VBox([*self.controls, self.message, self.output, self.summary])


@dataclass
class TourState:
    networks: list[str]
    fixed_cameras: int
    mobile_units: int
    reads_per_day: float
    plates_seen_day_one: int


class NetworkTour(LabWidget):
    """Notebook 00: tick camera networks on and off and watch the map and the count of reads change."""

    def __init__(self, town: TownData) -> None:
        super().__init__()
        self.town = town
        self.boxes = {
            net: w.Checkbox(value=True, description=st["label"], indent=False)
            for net, st in style.NETWORK_STYLE.items()
        }
        self.controls = [w.HTML("<b>Camera networks to show:</b>"), w.HBox(list(self.boxes.values()))]
        self.watch(*self.boxes.values())
        self.update()

    def compute(self) -> TourState:
        chosen = [net for net, box in self.boxes.items() if box.value]
        cams = self.town.cameras[self.town.cameras.network.isin(chosen)]
        reads = self.town.reads[self.town.reads.network.isin(chosen)]
        first_day = reads[reads.timestamp < self.town.start + pd.Timedelta(days=1)]
        return TourState(
            networks=chosen,
            fixed_cameras=int((cams.kind == "fixed").sum()),
            mobile_units=int((cams.kind == "mobile").sum()),
            reads_per_day=len(reads) / self.town.days,
            plates_seen_day_one=first_day.plate.nunique(),
        )

    def draw(self, state: TourState) -> Figure:
        return maps.town_map(self.town, state.networks)

    def describe(self, state: TourState) -> str:
        if not state.networks:
            return "No network is ticked, so no camera records anything."
        return (
            f"{state.fixed_cameras} fixed cameras and {state.mobile_units} camera cars record about "
            f"{state.reads_per_day:,.0f} plate reads a day. On the first day alone they read "
            f"{state.plates_seen_day_one} different plates."
        )
