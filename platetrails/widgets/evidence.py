"""Notebook 06's widgets: look at one piece of evidence, then take a stand, saved as you type, and print it.

The adapter does the side effects through plain functions that tests call directly: `position_file.save_stand`
(the small JSON file, one per person, written atomically on every change, never over a newer file) and
`position_page.write_page` (the printable page, on the button, also offered as a download link that works in
Voila). Everything the student typed is escaped before it is shown.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import ipywidgets as w

from platetrails import evidence_charts, position_page
from platetrails.evidence import SIDES
from platetrails.evidence_catalogue import EvidenceCatalogue
from platetrails.i18n import _
from platetrails.position_file import (
    PAGE_NAME,
    Place,
    Stand,
    clean_code,
    find_place,
    load_stand,
    now,
    page_place,
    save_folder,
    save_stand,
)
from platetrails.positions import POSITIONS, position_label
from platetrails.states.evidence import compute_evidence, compute_stand, describe_evidence, describe_stand
from platetrails.widgets.base import WIDE, LabWidget, headline_and_more, paragraphs, went_wrong

SAVE_EVERY_S = 1.0  # while a student types, the stand is saved at most once a second, and once they pause


def kernel_loop() -> Any | None:
    """The running kernel's event loop (tornado's IOLoop), or None outside a kernel."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with ipywidgets
        return None
    return getattr(getattr(get_ipython(), "kernel", None), "io_loop", None)


class EvidenceViewer(LabWidget):
    """Pick a piece of evidence: its chart, its one-sentence finding and its source."""

    compute = staticmethod(compute_evidence)
    draw = staticmethod(evidence_charts.draw_evidence)
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
    """Where you stand, two or three pieces of evidence, your reasoning and your rebuttal; saved as you go.

    The stand is read when the widget is made, which is when a student runs the cell, except on a Voila server
    that a class shares: there every page starts empty and keeps its own file under a code it shows (a page
    prepared ahead of time reads nothing), and a student brings a stand back by typing its code.
    """

    compute = staticmethod(compute_stand)
    draw = staticmethod(evidence_charts.draw_stand)
    describe = staticmethod(describe_stand)

    def __init__(
        self, catalogue: EvidenceCatalogue, folder: Path | str | None = None, place: Place | None = None
    ) -> None:
        self.folder = save_folder(folder)
        self.place = place or find_place()
        self.name = w.Text(
            description=_("Your name:"),
            placeholder=_("for your teacher (optional)"),
            continuous_update=True,  # every word reaches the kernel as it is typed: a reload loses nothing
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
            ev.evidence_id: w.Checkbox(value=False, description=ev.title, indent=False, layout=w.Layout(width="410px"))
            for ev in catalogue.pieces.values()
        }
        box_layout = w.Layout(width="100%", height="9em")
        self.reasoning = w.Textarea(
            placeholder=_("My reasoning: why does my evidence support where I stand?"),
            continuous_update=True,  # every word reaches the kernel as it is typed: a reload loses nothing
            layout=box_layout,
        )
        self.rebuttal = w.Textarea(
            placeholder=_("My rebuttal: what is the strongest point on the other side, and how do I answer it?"),
            continuous_update=True,  # every word reaches the kernel as it is typed: a reload loses nothing
            layout=box_layout,
        )
        self.save_button = w.Button(description=_("Save my stand"), icon="print", button_style="primary")
        self.save_button.layout.width = "auto"
        self.save_button.layout.flex = "0 0 auto"  # a long sentence beside it never squeezes the button's label
        self.status = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.download = w.HTML()
        # On a shared page: type the code of a stand saved on an earlier page to bring it back.
        self.code_box = w.Text(
            description=_("Its code:"), placeholder=_("such as K7MQ2X"), style=WIDE, layout=w.Layout(width="18em")
        )
        self.bring_back = w.Button(description=_("Bring back my stand"), layout=w.Layout(width="auto", flex="0 0 auto"))
        self.bring_back.on_click(self.bring_back_stand)
        self.saves = 0
        self.page: Path | None = None
        self.page_seconds: float | None = None
        self.version = ""  # the fingerprint of the save file as this page last read or wrote it
        self.kept_from = ""  # the file this page stopped writing to because it changed elsewhere
        self.last_save = 0.0  # time.monotonic() of the last save
        self.pending: tuple[Any, Any] | None = None  # (the kernel's loop, a save waiting for typing to pause)
        super().__init__(catalogue, [self.name, self.position])

        loaded = ""
        if self.place.kind != "page":  # a shared page starts empty: nothing is read before a student is there
            stand, loaded, self.version = load_stand(self.folder, self.place.name)
            self.restore(stand)
        self.typed = [self.name, self.position, *self.boxes.values(), self.reasoning, self.rebuttal]
        self.words = [self.name, self.reasoning, self.rebuttal]
        choices = [control for control in self.typed if control not in self.words]
        self.watch(*choices)
        for control in choices:
            control.observe(self.autosave, names="value")
        for control in self.words:
            control.observe(self.words_changed, names="value")
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

    def restore(self, stand: Stand) -> None:
        """Put a saved stand into the controls without saving it again or redrawing for each control."""
        self.live = False
        try:
            self.name.value = stand.name
            self.position.value = stand.position if stand.position in POSITIONS else None
            for evidence_id, box in self.boxes.items():
                box.value = evidence_id in stand.evidence
            self.reasoning.value = stand.reasoning
            self.rebuttal.value = stand.rebuttal
        finally:
            self.live = True

    def file_words(self) -> str:
        """The save file as a student would find it in the notebook's folder."""
        return self.place.name

    def where_words(self) -> str:
        if self.place.kind == "page":
            return _(
                "This page is shared by the class, so it keeps your stand under its own code, {code}: write it "
                "down. Your stand is saved each time you change it. After a reload the page starts empty: type "
                "your code in step 1 and press Bring back my stand."
            ).format(code=self.place.code)
        if self.place.kind == "hub":
            return _(
                "Your stand is saved in {file}, in your own copy of the notebooks on the class server, each time "
                "you change it."
            ).format(file=self.file_words())
        return _("Your stand is saved in {file}, in the same folder as this notebook, each time you change it.").format(
            file=self.file_words()
        )

    def say(self, text: str) -> None:
        self.status.value = paragraphs(text, "1em")

    def save(self) -> None:
        """Save the stand; if the file changed since this page read it, keep both and say so."""
        if self.pending is not None:  # this save holds the latest words: no later one is needed
            loop, handle = self.pending
            loop.remove_timeout(handle)
            self.pending = None
        self.last_save = time.monotonic()
        saved = save_stand(self.stand(), self.folder, self.place.name, expected=self.version)
        self.version = saved.version
        self.saves += 1
        if saved.kept_apart:
            before = self.place.name
            self.kept_from = Path(before).name
            self.place = Place(self.place.kind, saved.path.relative_to(self.folder).as_posix(), self.place.code)
            self.say(
                _(
                    "{old} was changed somewhere else (another page or a restarted notebook) after this page "
                    "opened it. So as not to write over it, your stand from this page is now saved as {new}. "
                    "Both files are kept: ask your teacher if you need them joined."
                ).format(old=Path(before).name, new=saved.path.name)
            )
            return
        if self.place.kind == "page":
            text = _("Saved at {when} under your stand code, {code}.").format(when=now(), code=self.place.code)
        else:
            text = _("Saved at {when} in {file}.").format(when=now(), file=self.file_words())
        if self.kept_from:
            text += " " + _("{old} changed somewhere else, so it is kept as it was.").format(old=self.kept_from)
        self.say(text)

    def words_changed(self, change: dict | None = None) -> None:
        """A letter typed: the sentence follows at once; the picture (position and evidence only) stays."""
        if not self.live:
            return
        if self.state is None or self.error is not None:
            self.update()
        else:
            try:
                state = self.compute(self.data, **self.choices())
                sentence = self.describe(state)
            except Exception as err:  # the edge: a student must never see a traceback
                self.error = f"{type(err).__name__}: {err}"
                self.message.value = paragraphs(went_wrong(), "1em")
                return
            self.state, self.sentence, self._figure = state, sentence, None
            self.message.value = f"<b>{paragraphs(state.message, '1em')}</b>" if state.message else ""
            self.summary.value = headline_and_more(sentence)
            self.updates += 1
        self.save_soon()

    def save_soon(self) -> None:
        """Save now if the last save is SAVE_EVERY_S old, else once typing pauses (a file write per letter is waste).

        Outside a kernel (a test, a script) there is no loop to wait on: it saves at once.
        """
        wait = self.last_save + SAVE_EVERY_S - time.monotonic()
        loop = kernel_loop()
        if wait <= 0 or loop is None:
            self.autosave()
        elif self.pending is None:
            self.pending = (loop, loop.call_later(wait, self.autosave))

    def autosave(self, change: dict | None = None) -> None:
        """Save the stand on every change; a failure is one plain sentence."""
        if not self.live:
            return
        try:
            self.save()
        except OSError as err:
            self.error = f"{type(err).__name__}: {err}"
            self.say(
                _(
                    "Your stand could not be saved ({file}). Copy your words into the answer cells, and tell your teacher."
                ).format(file=Path(self.place.name).name)
            )

    def bring_back_stand(self, button: w.Button | None = None) -> None:
        """Read the stand saved under the typed code, and save this page's changes into it from now on."""
        code = clean_code(self.code_box.value)
        if not code:
            self.say(_("A stand code has six letters and digits, such as K7MQ2X. Check it and try again."))
            return
        place = page_place(code)
        if not (self.folder / place.name).exists():
            self.say(
                _("No stand is saved under the code {code}. Check the code, or ask your teacher.").format(code=code)
            )
            return
        stand, loaded, version = load_stand(self.folder, place.name)
        if not version:  # the file was damaged and set aside: say so, keep this page as it is
            self.say(loaded)
            return
        self.place, self.version = place, version
        self.restore(stand)
        self.update()
        self.say(loaded + " " + _("This page now saves into the stand with code {code}.").format(code=code))

    def write_page(self, button: w.Button | None = None) -> None:
        """The button: save the stand, write the printable page beside it, and offer it as a download."""
        start = time.perf_counter()
        try:
            self.save()
            name = str(Path(self.place.name).with_suffix(".html")) if self.place.kind == "page" else PAGE_NAME
            self.page = position_page.write_page(self.state, self.folder, when=now(), name=name)
            link = _("Download your page ({file})").format(file=PAGE_NAME)
            self.download.value = position_page.download_link(self.page.read_text(encoding="utf-8"), link)
        except Exception as err:  # the edge: a student must never see a traceback
            self.error = f"{type(err).__name__}: {err}"
            self.say(_("The page could not be written. Try again, and if it keeps happening, tell your teacher."))
            return
        self.page_seconds = time.perf_counter() - start
        text = _("Your page is ready: use the link to download it, then open it in a web browser to read or print it.")
        if self.place.kind != "page":
            text += " " + _("It is also saved as {page}, in the same folder as this notebook.").format(page=PAGE_NAME)
        if self.state.message:
            text += " " + _("It lists what is not finished yet.")
        self.say(text)

    def code_row(self) -> list[w.Widget]:
        """The code box and its button, on a shared page only."""
        if self.place.kind != "page":
            return []
        ask = w.HTML(paragraphs(_("Wrote a stand on an earlier page?"), "1em"), layout=w.Layout(margin="0 1em 0 0"))
        return [w.HBox([ask, self.code_box, self.bring_back], layout=w.Layout(align_items="center"))]

    def show(self) -> w.VBox:
        """Three steps on tabs, each one screen tall: where I stand (with the picture), my evidence, my words.

        The save button and what it last did stay under the tabs, so a student sees "Saved" from every step.
        """
        label = w.HTML
        left = w.VBox([*self.controls, self.message], layout=w.Layout(width="330px", flex="0 0 330px"))
        picture = w.VBox([self.output, self.summary], layout=w.Layout(width="880px"))  # the picture at its own size
        stand = w.VBox(
            [w.HBox([left, picture], layout=w.Layout(width="100%", align_items="flex-start")), *self.code_row()]
        )
        groups: list[w.Widget] = [label(paragraphs(_("Tick two or three pieces of evidence:"), "1.05em"))]
        for side, words in SIDES.items():  # each side's pieces under its heading, three to a row: no title is cut
            heading = _("Evidence that {side}").format(side=_(words))
            groups.append(w.HTML(f"<b>{paragraphs(heading, '1em')}</b>"))
            picks = [self.boxes[ev.evidence_id] for ev in self.data.on_side(side)]
            groups.append(w.HBox(picks, layout=w.Layout(flex_flow="row wrap")))
        evidence = w.VBox(groups, layout=w.Layout(width="100%"))
        writing = w.VBox(
            [
                label(paragraphs(_("My reasoning (claim, evidence, reasoning):"), "1.05em")),
                self.reasoning,
                label(paragraphs(_("My rebuttal of the strongest point on the other side:"), "1.05em")),
                self.rebuttal,
            ],
            layout=w.Layout(width="100%"),
        )
        self.steps = w.Tab(
            children=[stand, evidence, writing],
            titles=[_("1. Where I stand"), _("2. My evidence"), _("3. My reasoning and rebuttal")],
            layout=w.Layout(width="100%"),
        )
        page = w.VBox(
            [
                self.steps,
                w.HBox([self.save_button, self.status], layout=w.Layout(align_items="center")),
                self.download,
            ],
            layout=w.Layout(width="100%"),
        )
        page.add_class("platetrails-widget")
        return page
