"""The thin adapter every widget shares: controls in, then compute, draw and describe, then shown on the page.

A widget subclass names its three pure functions and says how to read its controls into keyword
arguments (`choices`). Everything else is here: watching the controls, escaping text, showing the
picture with its description as alt text, and turning any error into one plain line.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any, ClassVar

import ipywidgets as w
from matplotlib.figure import Figure

from platetrails import style
from platetrails.i18n import _


def went_wrong() -> str:
    return _(
        "Something went wrong while drawing. Try another choice, or use Run All again. "
        "If it keeps happening, tell your teacher."
    )


def paragraphs(text: str, size: str = "1.15em") -> str:
    """Plain text as escaped HTML paragraphs (a blank line starts a new one). Nothing typed is ever run as HTML."""
    parts = [p for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p style='font-size:{size};margin:0.3em 0'>{html.escape(p)}</p>" for p in parts)


class LabWidget:
    """Controls, a frozen state, a figure and a sentence. Subclasses set the three functions and `choices`."""

    compute: ClassVar[Callable[..., Any]]
    draw: ClassVar[Callable[[Any], Figure]]
    describe: ClassVar[Callable[[Any], str]]

    def __init__(self, data: Any, controls: list[w.Widget]) -> None:
        self.data = data
        self.controls = controls
        self.output = w.Output(layout=w.Layout(width="auto"))
        self.message = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.summary = w.HTML(layout=w.Layout(min_height="3em"))
        self.state: Any = None
        self.figure: Figure | None = None
        self.sentence = ""
        self.png = b""
        self.error: str | None = None
        self.updates = 0
        self.live = True  # tests may switch this off to set several controls before one update

    def choices(self) -> dict[str, Any]:  # pragma: no cover - each widget defines its own
        """The controls' values as the keyword arguments of `compute`."""
        raise NotImplementedError

    def watch(self, *controls: w.Widget) -> None:
        """Redraw whenever one of these controls changes value."""
        for control in controls:
            control.observe(self.update, names="value")

    def update(self, change: dict | None = None) -> None:
        """Recompute the state from the controls, redraw the figure, and rewrite the message and the sentence."""
        if not self.live:
            return
        try:
            state = self.compute(self.data, **self.choices())
            figure = self.draw(state)
            sentence = self.describe(state)
            png = style.png_bytes(figure)
        except Exception as err:  # the edge: a student must never see a traceback
            self.error = f"{type(err).__name__}: {err}"
            self.message.value = paragraphs(went_wrong(), "1em")
            return
        self.error = None
        self.state, self.figure, self.sentence, self.png = state, figure, sentence, png
        self.message.value = f"<b>{paragraphs(state.message, '1em')}</b>" if state.message else ""
        self.summary.value = paragraphs(sentence)
        self.updates += 1
        # Replace the picture in one step by setting the Output widget's outputs: nothing flickers,
        # and no output capture runs while Voila builds the page (capture there could stall a page).
        description = style.description_of(figure)
        picture = {
            "output_type": "display_data",
            "data": {"text/html": style.picture_html(png, description), "text/plain": description},
            "metadata": {},
        }
        self.output.outputs = (picture,)

    def show(self) -> w.VBox:
        """The layout for a notebook: controls on top, then the message, the picture and the sentence."""
        return w.VBox([*self.controls, self.message, self.output, self.summary])
