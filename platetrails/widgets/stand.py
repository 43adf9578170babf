"""Notebook 06's widgets: look at one piece of evidence, then take a stand, saved as you type, and print it.

The adapter does the side effects through plain functions that tests call directly: `stand.save_stand`
(the small JSON file beside the notebook, written atomically on every change) and `handout.write_page`
(the printable page, on the button). Everything the student typed is escaped before it is shown.
"""

from __future__ import annotations

import time
from pathlib import Path

import ipywidgets as w

from platetrails import handout
from platetrails.i18n import _
from platetrails.stand import (
    PAGE_NAME,
    POSITIONS,
    SAVE_NAME,
    SIDES,
    EvidenceCatalogue,
    Stand,
    load_stand,
    now,
    position_label,
    save_folder,
    save_stand,
)
from platetrails.states.stand import compute_evidence, compute_stand, describe_evidence, describe_stand
from platetrails.widgets.base import LabWidget, paragraphs

WIDE = {"description_width": "initial"}


class EvidenceViewer(LabWidget):
    """Pick a piece of evidence: its chart, its one-sentence finding and its source."""

    compute = staticmethod(compute_evidence)
    draw = staticmethod(handout.draw_evidence)
    describe = staticmethod(describe_evidence)

    def __init__(self, catalogue: EvidenceCatalogue, first: str | None = None) -> None:
        # The title alone: the picture's colour and words say which side a piece supports, and a longer
        # choice would be cut in the 360 px controls column.
        options = [(ev.title, ev.evidence_id) for ev in catalogue.pieces.values()]
        self.piece = w.Dropdown(
            options=options, value=first or catalogue.ids()[0], description=_("Evidence:"), style=WIDE
        )
        self.kind = w.Checkbox(value=False, description=_("Say what kind of evidence it is"), indent=False)
        super().__init__(catalogue, [self.piece, self.kind])
        self.watch(self.piece, self.kind)
        self.update()

    def choices(self) -> dict:
        return {"evidence_id": self.piece.value, "show_kind": self.kind.value}


class StandWidget(LabWidget):
    """Where you stand, two or three pieces of evidence, your reasoning and your rebuttal; saved as you go."""

    compute = staticmethod(compute_stand)
    draw = staticmethod(handout.draw_stand)
    describe = staticmethod(describe_stand)

    def __init__(self, catalogue: EvidenceCatalogue, folder: Path | str | None = None) -> None:
        self.folder = save_folder(folder)
        self.name = w.Text(
            description=_("Your name:"),
            placeholder=_("for your teacher (optional)"),
            continuous_update=False,
            style=WIDE,
        )
        self.position = w.RadioButtons(
            options=[(position_label(key), key) for key in POSITIONS],
            value=None,
            description=_("I stand at:"),
            style=WIDE,
            layout=w.Layout(width="auto"),
        )
        self.boxes = {
            ev.evidence_id: w.Checkbox(value=False, description=ev.title, indent=False, layout=w.Layout(width="430px"))
            for ev in catalogue.pieces.values()
        }
        box_layout = w.Layout(width="100%", height="9em")
        self.reasoning = w.Textarea(
            placeholder=_("My reasoning: why does my evidence support where I stand?"),
            continuous_update=False,
            layout=box_layout,
        )
        self.rebuttal = w.Textarea(
            placeholder=_("My rebuttal: what is the strongest point on the other side, and how do I answer it?"),
            continuous_update=False,
            layout=box_layout,
        )
        self.save_button = w.Button(description=_("Save my stand"), icon="print", button_style="primary")
        self.save_button.layout.width = "auto"
        self.status = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.saves = 0
        self.page: Path | None = None
        self.page_seconds: float | None = None
        super().__init__(catalogue, [self.name, self.position])

        stand, loaded = load_stand(self.folder)
        self.live = False  # restore the saved stand without saving it again or redrawing for each control
        self.name.value = stand.name
        self.position.value = stand.position if stand.position in POSITIONS else None
        for evidence_id, box in self.boxes.items():
            box.value = evidence_id in stand.evidence
        self.reasoning.value = stand.reasoning
        self.rebuttal.value = stand.rebuttal
        self.live = True
        self.typed = [self.name, self.position, *self.boxes.values(), self.reasoning, self.rebuttal]
        self.watch(*self.typed)
        for control in self.typed:
            control.observe(self.autosave, names="value")
        self.save_button.on_click(self.write_page)
        self.say(loaded or self.where_words())
        self.update()

    def choices(self) -> dict:
        return {
            "position": self.position.value or "",
            "evidence": tuple(key for key, box in self.boxes.items() if box.value),
            "reasoning": self.reasoning.value,
            "rebuttal": self.rebuttal.value,
            "name": self.name.value,
        }

    def stand(self) -> Stand:
        """Everything as typed (not capped): this is what the save file keeps."""
        c = self.choices()
        return Stand(c["position"], c["evidence"], c["reasoning"], c["rebuttal"], c["name"])

    def where_words(self) -> str:
        return _("Your stand is saved in {file}, in the same folder as this notebook, each time you change it.").format(
            file=SAVE_NAME
        )

    def say(self, text: str) -> None:
        self.status.value = paragraphs(text, "1em")

    def autosave(self, change: dict | None = None) -> None:
        """Save the stand to the small file beside the notebook; a failure is one plain sentence."""
        if not self.live:
            return
        try:
            save_stand(self.stand(), self.folder)
        except OSError as err:
            self.error = f"{type(err).__name__}: {err}"
            self.say(
                _(
                    "Your stand could not be saved ({file}). Copy your words into the answer cells, and tell your teacher."
                ).format(file=SAVE_NAME)
            )
            return
        self.saves += 1
        self.say(_("Saved at {when} in {file}.").format(when=now(), file=SAVE_NAME))

    def write_page(self, button: w.Button | None = None) -> None:
        """The button: save the stand, then write the printable page beside the notebook."""
        start = time.perf_counter()
        try:
            save_stand(self.stand(), self.folder)
            self.page = handout.write_page(self.state, self.folder, when=now())
        except Exception as err:  # the edge: a student must never see a traceback
            self.error = f"{type(err).__name__}: {err}"
            self.say(_("The page could not be written. Try again, and if it keeps happening, tell your teacher."))
            return
        self.page_seconds = time.perf_counter() - start
        text = _(
            "Your page is saved as {page}, in the same folder as this notebook. Open it in a web browser to read "
            "or print it."
        ).format(page=PAGE_NAME)
        if self.state.message:
            text += " " + _("It lists what is not finished yet.")
        self.say(text)

    def show(self) -> w.VBox:
        """Position and evidence first, then the picture they make, then the two text boxes and the button."""
        label = w.HTML
        groups: list[w.Widget] = [label(paragraphs(_("Tick two or three pieces of evidence:"), "1.05em"))]
        for side, words in SIDES.items():  # each side's pieces under its heading, two to a row: no title is cut
            groups.append(w.HTML(f"<b>{paragraphs(_('Evidence that {side}').format(side=_(words)), '1em')}</b>"))
            picks = [self.boxes[ev.evidence_id] for ev in self.data.on_side(side)]
            groups.append(w.HBox(picks, layout=w.Layout(flex_flow="row wrap")))
        evidence = w.VBox(groups, layout=w.Layout(flex="1 1 auto"))
        left = w.VBox([*self.controls, self.message], layout=w.Layout(width="360px", flex="0 0 360px"))
        page = w.VBox(
            [
                w.HBox([left, evidence], layout=w.Layout(width="100%", align_items="flex-start")),
                w.VBox([self.output, self.summary], layout=w.Layout(width="880px")),  # the picture at its own size
                label(paragraphs(_("My reasoning (claim, evidence, reasoning):"), "1.05em")),
                self.reasoning,
                label(paragraphs(_("My rebuttal of the strongest point on the other side:"), "1.05em")),
                self.rebuttal,
                w.HBox([self.save_button, self.status], layout=w.Layout(align_items="center")),
            ],
            layout=w.Layout(width="100%"),
        )
        page.add_class("platetrails-widget")
        return page
