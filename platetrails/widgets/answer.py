"""The send box beside each prediction, "Now try" task and exit ticket: choose or type, saved as you go, sent to the
teacher only on the click.

Thin: the saving is `answer_file` (my_answers.json beside the notebook, on every change), the sending is
`class_answers.ClassServer` (only on a class hub; off the hub nothing connects). Everything the student typed is
shown as text, never as HTML.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Protocol

import ipywidgets as w

from platetrails import local_format, questions
from platetrails.answer_file import SAVE_NAME as ANSWERS_FILE
from platetrails.answer_file import Kept, load_answer, save_answer
from platetrails.class_answers import MAX_ANSWER, ClassServer, ClassServerError
from platetrails.i18n import _
from platetrails.widgets.base import paragraphs, went_wrong

BOX_CLASS = "platetrails-answer"  # not platetrails-widget: that class marks a picture widget for the fit checks
TOGGLE_MOST = 4  # at most this many short choices show as buttons in a row; more or longer ones as a list
TOGGLE_LONGEST = 24
SHOWN_MOST = 200  # the status repeats at most this much of what was sent


class QuestionLike(Protocol):
    """What the send box needs of a question (platetrails.questions.Question has it)."""

    id: str
    choices: tuple[tuple[str, str], ...]

    def prompt(self) -> str: ...

    def choice_label(self, key: str) -> str: ...


def when_words(sent_at: str) -> str:
    """The server's ISO time as the student's day and time, in the language of the moment."""
    try:
        when = dt.datetime.fromisoformat(sent_at).astimezone()
    except (TypeError, ValueError):
        return sent_at
    return local_format.day_and_time(when.replace(tzinfo=None))


def shortened(text: str) -> str:
    return text if len(text) <= SHOWN_MOST else text[: SHOWN_MOST - 1] + "…"


def off_hub() -> str:
    return _(
        "There is no class server here, so nothing was sent. Your answer stays in this notebook (and in {file})."
    ).format(file=ANSWERS_FILE)


class AnswerBox(w.VBox):
    """One question's send box: its prompt, its choices (if any), a text box, the send button and one status line.

    `question` is a question id (looked up in platetrails.questions) or a question-like object; `server` is the
    class server (default: the one the hub names, None off the hub); `folder` and `file_name` say where the
    typed answer is kept (default: answer_file's rules).
    """

    def __init__(
        self,
        question: QuestionLike | str,
        server: ClassServer | None = None,
        folder: Path | str | None = None,
        file_name: str | None = None,
    ) -> None:
        if isinstance(question, str):
            question = questions.find(question)
        self.question = question
        self.server = server if server is not None else ClassServer.from_environment()
        self.folder, self.file_name = folder, file_name
        self.kept, loaded_message = load_answer(question.id, folder, file_name)
        self.status_text = ""
        self.sends = 0
        self.prompt = w.HTML(f"<b>{paragraphs(question.prompt(), '1em')}</b>")
        self.choice = self.choice_control(question) if question.choices else None
        self.text = w.Textarea(
            value=self.kept.answer,
            placeholder=_("Why? (you may leave this empty)") if question.choices else _("Type your answer here."),
            rows=3,
            layout=w.Layout(width="100%"),
        )
        if self.choice is not None and self.kept.choice in {key for _label, key in self.choice.options}:
            self.choice.value = self.kept.choice
        self.send_button = w.Button(
            description=_("Send to my teacher"), icon="paper-plane", layout=w.Layout(width="auto")
        )
        self.status = w.HTML(layout=w.Layout(min_height="1.5em"))
        self.send_button.on_click(lambda _button: self.send())
        self.text.observe(self.changed, names="value")
        if self.choice is not None:
            self.choice.observe(self.changed, names="value")
        self.say(loaded_message or self.resting_words())
        controls = [self.prompt, *([self.choice] if self.choice is not None else []), self.text]
        super().__init__(
            [*controls, w.HBox([self.send_button]), self.status],
            layout=w.Layout(width="100%", max_width="880px"),
        )
        self.add_class(BOX_CLASS)

    @staticmethod
    def choice_control(question: QuestionLike) -> w.ToggleButtons | w.RadioButtons:
        options = [(question.choice_label(key), key) for key, _english in question.choices]
        short = len(options) <= TOGGLE_MOST and all(len(label) <= TOGGLE_LONGEST for label, _key in options)
        if short:
            return w.ToggleButtons(options=options, value=None, style={"button_width": "auto"})
        return w.RadioButtons(options=options, value=None, layout=w.Layout(width="100%"))

    # --- What is shown ---------------------------------------------------------------------------------------

    def shown(self) -> Kept:
        """What the box shows now (the typed text whole, as the student sees it)."""
        choice = self.choice.value if self.choice is not None else None
        return Kept(self.text.value, choice, self.kept.sent_answer, self.kept.sent_choice, self.kept.sent_at)

    def answer_to_send(self) -> str:
        """The text sent: what is typed; for a choice with nothing typed, the chosen label as shown."""
        typed = self.text.value.strip()
        if typed or self.choice is None or self.choice.value is None:
            return typed
        return self.question.choice_label(self.choice.value)

    def say(self, text: str) -> None:
        self.status_text = text
        self.status.value = paragraphs(text, "1em")

    def sent_words(self) -> str:
        kept = self.kept
        what = shortened(kept.sent_answer)
        if kept.sent_choice is not None and kept.sent_answer != self.question.choice_label(kept.sent_choice):
            what = f"{self.question.choice_label(kept.sent_choice)}: {what}"
        return _("Sent to your teacher on {when}: “{what}”. Sending again replaces it.").format(
            when=when_words(kept.sent_at), what=what
        )

    def resting_words(self) -> str:
        """The status when nothing has just happened: what was sent, or that nothing is sent until the click."""
        kept = self.kept
        if kept.sent_at:
            if self.answer_to_send() == kept.sent_answer.strip() and kept.choice == kept.sent_choice:
                return self.sent_words()
            return _("Changed since you sent it on {when}. Click Send to my teacher to replace what you sent.").format(
                when=when_words(kept.sent_at)
            )
        if kept.answer or kept.choice:
            return _("Saved in this notebook as you type. Nothing is sent until you click Send to my teacher.")
        return _("Your answer is saved in this notebook as you type. Nothing is sent until you click the button.")

    # --- Reactions ---------------------------------------------------------------------------------------------

    def changed(self, change: dict | None = None) -> None:
        """Keep what is shown in my_answers.json, at once."""
        self.kept = self.shown()
        try:
            save_answer(self.question.id, self.kept, self.folder, self.file_name)
        except OSError:
            self.say(_("Your answer could not be saved in {file}. Copy it somewhere safe.").format(file=ANSWERS_FILE))
            return
        self.say(self.resting_words())

    def send(self) -> None:
        """Send exactly what is shown, with the question's id; say what was sent and when, or why not."""
        answer = self.answer_to_send()
        if self.server is None:
            self.say(off_hub())
            return
        if not answer:
            self.say(self.empty_words())
            return
        if len(answer) > MAX_ANSWER:
            self.say(
                _("Your answer has {n} characters; the most you can send is {most}. Shorten it, then send it.").format(
                    n=len(answer), most=MAX_ANSWER
                )
            )
            return
        choice = self.choice.value if self.choice is not None else None
        self.send_button.disabled = True
        try:
            sent = self.server.send(self.question.id, answer, choice)
        except ClassServerError as err:
            self.say(err.sentence)
            return
        except Exception:  # the edge: a student never sees a traceback
            self.say(went_wrong())
            return
        finally:
            self.send_button.disabled = False
        self.sends += 1
        self.kept = Kept(self.text.value, choice, sent.answer, sent.choice, sent.sent_at)
        try:
            save_answer(self.question.id, self.kept, self.folder, self.file_name)
        except OSError:
            pass  # it was sent; the status says so, and the next change saves again
        self.say(self.sent_words())

    def empty_words(self) -> str:
        if self.choice is not None:
            return _("Choose one of the answers above first (and say why, if you like), then click Send to my teacher.")
        return _("Type your answer in the box first, then click Send to my teacher.")


def answer_box(question_id: str) -> AnswerBox:
    """The send box for one question of the lab, by its id ("02-predict-home")."""
    return AnswerBox(question_id)
