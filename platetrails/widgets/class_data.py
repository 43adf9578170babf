""" "What the class server keeps about me": a student's own answers on the class server and the log of each time a
teacher showed the names beside answers that include theirs, as plain tables (everything escaped)."""

from __future__ import annotations

import ipywidgets as w

from platetrails.class_answers import ClassServer, ClassServerError, MyData
from platetrails.i18n import _, _n
from platetrails.tables import text_table
from platetrails.widgets.answer import ANSWERS_FILE, BOX_CLASS, when_words
from platetrails.widgets.base import paragraphs, went_wrong


def no_server_words() -> str:
    return _(
        "There is no class server here, so it keeps nothing about you. Your answers stay in this notebook "
        "(and in {file})."
    ).format(file=ANSWERS_FILE)


def describe_my_data(data: MyData, keep_days: int | None) -> str:
    """The student's answers and the log of name views, as escaped HTML: a sentence and a table for each."""
    parts = []
    if keep_days is not None:
        parts.append(
            _n(
                "The class server keeps each answer for {n} day, then deletes it.",
                "The class server keeps each answer for {n} days, then deletes it.",
                keep_days,
            ).format(n=keep_days)
        )
    count = len(data.answers)
    parts.append(_n("It keeps {n} answer from you.", "It keeps {n} answers from you.", count).format(n=count))
    shown = paragraphs("\n\n".join(parts), "1em")
    if data.answers:
        shown += text_table(
            [_("question"), _("your answer"), _("your choice"), _("sent"), _("deleted on")],
            [[a.question, a.answer, a.choice or "", when_words(a.sent_at), a.delete_on] for a in data.answers],
        )
    if data.views:
        shown += paragraphs(
            _n(
                "A teacher showed the names beside answers that include yours {n} time:",
                "A teacher showed the names beside answers that include yours {n} times:",
                len(data.views),
            ).format(n=len(data.views)),
            "1em",
        )
        shown += text_table(
            [_("when"), _("question")],
            [[when_words(v.at), v.question or _("all questions")] for v in data.views],
        )
    else:
        shown += paragraphs(_("No teacher has shown the names beside your answers."), "1em")
    return shown


class MyClassData(w.VBox):
    """A button that shows what the class server keeps about this student (or that there is no class server)."""

    def __init__(self, server: ClassServer | None = None) -> None:
        self.server = server if server is not None else ClassServer.from_environment()
        self.button = w.Button(description=_("What the class server keeps about me"), layout=w.Layout(width="auto"))
        self.shown = w.HTML()
        self.button.on_click(lambda _button: self.show())
        super().__init__([self.button, self.shown], layout=w.Layout(width="100%", max_width="880px"))
        self.add_class(BOX_CLASS)

    def show(self) -> None:
        if self.server is None:
            self.shown.value = paragraphs(no_server_words(), "1em")
            return
        try:
            data = self.server.mine()
            keep_days = self.server.policy()
        except ClassServerError as err:
            self.shown.value = paragraphs(err.sentence, "1em")
            return
        except Exception:  # the edge: a student never sees a traceback
            self.shown.value = paragraphs(went_wrong(), "1em")
            return
        self.shown.value = describe_my_data(data, keep_days)


def my_class_data() -> MyClassData:
    """The button "What the class server keeps about me"."""
    return MyClassData()
