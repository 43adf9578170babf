"""The thin adapter every widget shares: controls in, then compute, draw and describe, then shown on the page.

A widget subclass names its three pure functions and says how to read its controls into keyword
arguments (`choices`). Everything else is here: watching the controls, escaping text, showing the
picture with its description as alt text, and turning any error into one plain line.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable
from typing import Any, ClassVar

import ipywidgets as w
from matplotlib.figure import Figure

from platetrails import style
from platetrails.i18n import LanguageMemory, _
from platetrails.states.reading import day_words

# The page's look for a classroom, set once by lab.start(): text at least 18 px for body text, widget
# labels and controls; links underlined, not told apart by colour alone; a focus ring that is clearly visible;
# and a name for each slider that a screen reader can say.
PAGE_STYLE = r"""
<style>
:root {
  --jp-widgets-font-size: 18px;
  --jp-widgets-inline-height: 36px;
  --jp-widgets-inline-label-width: 150px;
  --jp-content-font-size1: 18px;
}
.jp-RenderedHTMLCommon, .jp-RenderedMarkdown { font-size: 18px; line-height: 1.5; }
.jp-RenderedHTMLCommon a, .jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited { text-decoration: underline !important; }
.platetrails-widget, .platetrails-widget .widget-label, .platetrails-widget .widget-readout,
.platetrails-widget .widget-html-content, .platetrails-widget label, .platetrails-widget button,
.platetrails-widget select, .platetrails-widget input { font-size: 18px !important; }
.platetrails-widget .widget-inline-hbox, .platetrails-widget .widget-checkbox { margin: 2px 0; }
.platetrails-widget .widget-output img { max-width: none; }
.jp-RenderedHTMLCommon table, .jp-RenderedHTMLCommon th, .jp-RenderedHTMLCommon td,
.jp-RenderedHTMLCommon code, .jp-RenderedHTMLCommon pre { font-size: 18px; }
.platetrails-widget .widget-radio-box { height: auto; }
.platetrails-widget .widget-radio-box label { height: auto; min-height: 32px; white-space: normal;
  line-height: 1.3; display: flex; align-items: center; margin: 2px 0; }
.platetrails-widget .widget-radio-box input { flex: 0 0 auto; order: -1; margin: 0 8px 0 0; }
.platetrails-widget .widget-readout { overflow: visible; max-width: none; min-width: 3em; width: auto !important; }
.platetrails-widget .widget-checkbox { height: auto; }
.platetrails-widget .widget-checkbox label { white-space: normal; overflow: visible; height: auto; line-height: 1.3; }
.platetrails-widget .platetrails-stacked { flex-wrap: wrap; height: auto; }
.platetrails-widget .platetrails-stacked > .widget-label { flex: 0 0 100%; max-width: 100%; width: 100% !important;
  text-align: left; }
.platetrails-widget .platetrails-stacked > select { flex: 1 1 100%; max-width: 100%; min-height: 34px; }
.platetrails-widget .platetrails-stacked > .slider-container { flex: 1 1 auto; min-width: 200px; }
/* A widget's sentences wrap at a reading line height, not at the height of a control. */
.platetrails-widget .widget-html-content p { line-height: 1.4; }
/* Step tabs (notebook 06's stand): each title whole, at 18 px, the open one in bold (not told by colour alone). */
.platetrails-widget .widget-tab > .lm-TabBar, .platetrails-widget .widget-tab > .p-TabBar { min-height: 40px; }
.platetrails-widget .widget-tab > .lm-TabBar .lm-TabBar-tab, .platetrails-widget .widget-tab > .p-TabBar .p-TabBar-tab {
  flex: 0 0 auto; max-width: none; min-height: 40px; font-size: 18px; padding: 4px 14px; }
.platetrails-widget .widget-tab .lm-TabBar-tabLabel, .platetrails-widget .widget-tab .p-TabBar-tabLabel { font-size: 18px;
  overflow: visible; }
.platetrails-widget .widget-tab .lm-mod-current, .platetrails-widget .widget-tab .p-mod-current { font-weight: bold; }
.platetrails-widget details > summary { cursor: pointer; font-size: 18px; text-decoration: underline; margin: 0.2em 0; }
/* The send box (platetrails-answer, not a picture widget): its prompt, choices, text box, button and status at 18 px. */
.platetrails-answer, .platetrails-answer .widget-label, .platetrails-answer .widget-html-content,
.platetrails-answer label, .platetrails-answer button, .platetrails-answer textarea,
.platetrails-answer table { font-size: 18px !important; }
.platetrails-answer .widget-toggle-buttons { flex-wrap: wrap; height: auto; }
.platetrails-answer .widget-toggle-button { width: auto; min-height: 36px; }
.platetrails-answer .widget-radio-box { height: auto; }
.platetrails-answer .widget-radio-box label { height: auto; min-height: 32px; white-space: normal; line-height: 1.3; }
.platetrails-answer .widget-html-content p { line-height: 1.4; margin: 0.2em 0; }
.jupyter-widgets :focus, .jupyter-widgets :focus-visible, .jp-RenderedHTMLCommon a:focus {
  outline: 3px solid #0072B2 !important; outline-offset: 2px;
}
</style>
<script>
/* ipywidgets gives a slider's handle no accessible name: name it after the slider's own label. */
(function () {
  function nameHandles() {
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var text = label ? label.textContent.replace(/[:\s]+$/, "") : "";
      slider.querySelectorAll(".noUi-handle, [role=slider]").forEach(function (handle) {
        if (text && handle.getAttribute("aria-label") !== text) handle.setAttribute("aria-label", text);
      });
    });
  }
  nameHandles();
  new MutationObserver(nameHandles).observe(document.body, { childList: true, subtree: true });
})();
</script>
"""


WIDE = {"description_width": "initial"}  # a control's label as wide as its words


def car_menu(labels, extra: list[tuple[str, str]] | None = None) -> w.Dropdown:
    """The case cars' menu (Car A to Car F, each label translated), after any extra choices; the first is chosen."""
    options = (extra or []) + [(_(label), label) for label in labels]
    return w.Dropdown(options=options, value=options[0][1], description=_("Car:"), style=WIDE)


def went_wrong() -> str:
    return _(
        "Something went wrong while drawing. Try another choice, or use Run All again. "
        "If it keeps happening, tell your teacher."
    )


def days_slider(days_options: tuple[int, ...] | list[int], description: str) -> w.SelectionSlider:
    """A slider over a few numbers of days ('1 day', '7 days', '28 days'), starting at the last."""
    options = [(day_words(d), d) for d in days_options]
    return w.SelectionSlider(
        options=options,
        value=days_options[-1],
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
    )


# How many recent pictures each widget keeps, so that going back to a choice already seen is instant (kept per
# language: after a switch, a choice seen before is drawn again in the new language).
REMEMBERED_PICTURES = 16


def choices_key(choices: dict[str, Any]) -> Hashable | None:
    """The choices as a key for the widget's memory of recent pictures; None if a value cannot be a key."""

    def frozen(value: Any) -> Hashable:
        if isinstance(value, list | tuple | set | frozenset):
            items = [frozen(v) for v in value]
            return tuple(sorted(items, key=repr) if isinstance(value, set | frozenset) else items)
        if isinstance(value, dict):
            return tuple(sorted((k, frozen(v)) for k, v in value.items()))
        hash(value)
        return value

    try:
        return frozen(choices)
    except TypeError:
        return None


def paragraphs(text: str, size: str = "1.15em") -> str:
    """Plain text as escaped HTML paragraphs (a blank line starts a new one). Nothing typed is ever run as HTML."""
    parts = [p for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p style='font-size:{size};margin:0.3em 0'>{html.escape(p)}</p>" for p in parts)


def more_words() -> str:
    return _("More: what else the picture shows")


def headline_and_more(text: str) -> str:
    """A widget's sentence as shown: its first paragraph as the headline, read from the back row, and the other
    paragraphs one click away (a closed <details>, which keyboards and screen readers open like a button).

    Everything is escaped, as in `paragraphs`; the full text stays in the widget's `sentence`.
    """
    parts = [p for p in str(text).split("\n\n") if p.strip()]
    if len(parts) <= 1:
        return paragraphs(text)
    rest = paragraphs("\n\n".join(parts[1:]), "1em")
    return f"{paragraphs(parts[0])}<details><summary>{html.escape(more_words())}</summary>{rest}</details>"


# A slider, menu or text box whose label and value cannot share one line of the 360 px controls column gets
# its label on a line of its own (class platetrails-stacked), so the track and the choice keep their width.
ONE_LINE_CHARACTERS = {"slider": 16, "menu": 30, "text": 18}


def needs_own_line(control: w.Widget) -> bool:
    label = len(str(getattr(control, "description", "") or ""))
    if isinstance(control, w.SelectionSlider):  # its readout is the longest choice
        longest = max((len(str(name)) for name in control._options_labels), default=0)
        return label + longest > ONE_LINE_CHARACTERS["slider"] + 4
    if isinstance(control, w.IntSlider | w.FloatSlider):
        return label > ONE_LINE_CHARACTERS["slider"]
    if isinstance(control, w.Dropdown):
        longest = max((len(str(name)) for name in control._options_labels), default=0)
        return label + longest > ONE_LINE_CHARACTERS["menu"]
    if isinstance(control, w.Text):
        return label > ONE_LINE_CHARACTERS["text"]
    return False


class LabWidget:
    """Controls, a frozen state, a figure and a sentence. Subclasses set the three functions and `choices`."""

    compute: ClassVar[Callable[..., Any]]
    draw: ClassVar[Callable[[Any], Figure]]
    describe: ClassVar[Callable[[Any], str]]
    # Put the sentence under the controls instead of under the picture: for widgets with few controls and
    # a tall picture or a long sentence, so that everything still fits one 1280 x 720 screen.
    sentence_beside: ClassVar[bool] = False
    # Keep the last few pictures and go straight back to one when its choices come round again. Only for
    # widgets whose compute depends on nothing but the data and the choices (the contract); off for any that
    # reads something else.
    remembers_pictures: ClassVar[bool] = True

    def __init__(self, data: Any, controls: list[w.Widget]) -> None:
        self.data = data
        self.controls = controls
        for control in controls:  # fill the controls column, so sliders are long enough to use
            if isinstance(control, w.IntSlider | w.FloatSlider | w.SelectionSlider | w.Dropdown | w.Text):
                control.layout.width = "100%"
            if isinstance(control, w.Checkbox | w.RadioButtons):  # a long label wraps instead of being cut at 300 px
                control.layout.width = "100%"
            if needs_own_line(control):
                control.add_class("platetrails-stacked")
        self.output = w.Output(layout=w.Layout(width="auto"))
        self.message = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.summary = w.HTML(layout=w.Layout(min_height="3em"))
        self.state: Any = None
        self._figure: Figure | None = None
        self._remembered = LanguageMemory(REMEMBERED_PICTURES)  # (state, sentence, png, description) per choices
        self.remembered_hits = 0
        self.sentence = ""
        self.png = b""
        self.error: str | None = None
        self.updates = 0
        self.live = True  # tests may switch this off to set several controls before one update

    @property
    def figure(self) -> Figure | None:
        """The figure of the current state (drawn again from the state when the picture came from memory)."""
        if self._figure is None and self.state is not None:
            self._figure = self.draw(self.state)
        return self._figure

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
            choices = self.choices()
            key = choices_key(choices) if self.remembers_pictures else None
            remembered = self._remembered.get(key) if key is not None else None
            if remembered is not None:
                self.remembered_hits += 1
                state, sentence, png, description = remembered
                figure = None  # drawn again from the state only if someone asks for it (see `figure`)
            else:
                state = self.compute(self.data, **choices)
                figure = self.draw(state)
                sentence = self.describe(state)
                png = style.png_bytes(figure)
                description = style.description_of(figure)
        except Exception as err:  # the edge: a student must never see a traceback
            self.error = f"{type(err).__name__}: {err}"
            self.message.value = paragraphs(went_wrong(), "1em")
            return
        if key is not None and remembered is None:
            self._remembered.put(key, (state, sentence, png, description))
        self.error = None
        self.state, self._figure, self.sentence, self.png = state, figure, sentence, png
        self.message.value = f"<b>{paragraphs(state.message, '1em')}</b>" if state.message else ""
        self.summary.value = headline_and_more(sentence)
        self.updates += 1
        # Replace the picture in one step by setting the Output widget's outputs: nothing flickers,
        # and no output capture runs while Voila builds the page (capture there could stall a page).
        picture = {
            "output_type": "display_data",
            "data": {"text/html": style.picture_html(png, description), "text/plain": description},
            "metadata": {},
        }
        self.output.outputs = (picture,)

    def show(self) -> w.HBox:
        """The layout for a notebook: controls and message on the left, the picture and its sentence beside them.

        Sized for a 1280 x 720 projector: the picture is at most 840 px wide (never scaled down, so its
        text keeps its size), and controls, picture and sentence are on one screen together (a browser test
        checks both for every widget of every notebook).
        """
        beside = [self.summary] if self.sentence_beside else []
        under = [] if self.sentence_beside else [self.summary]
        left = w.VBox([*self.controls, self.message, *beside], layout=w.Layout(width="360px", flex="0 0 360px"))
        right = w.VBox([self.output, *under], layout=w.Layout(width="880px", flex="0 1 880px"))
        box = w.HBox([left, right], layout=w.Layout(width="100%", align_items="flex-start"))
        box.add_class("platetrails-widget")
        return box
