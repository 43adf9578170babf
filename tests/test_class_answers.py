"""The class view's student side (issue #23): the send box, its local save file and the class server's client, against
a real HTTP server on 127.0.0.1 (tests/support/fake_class_server.py) and with no server at all."""

from __future__ import annotations

import json
import socket
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from platetrails import answer_file, class_answers, i18n, questions, widgets
from platetrails.class_answers import REFUSALS, ClassServer, ClassServerError
from tests.support.fake_class_server import FakeClassServer, running
from tests.test_structure import INJECTIONS

REACTION_S = 0.1  # each reaction of the box, by a generous bound (a local server, a small file)


@dataclass(frozen=True)
class FakeQuestion:
    """Question-like: what the send box needs of platetrails.questions.Question."""

    id: str = "02-predict-home"
    choices: tuple[tuple[str, str], ...] = ()

    def prompt(self) -> str:
        return "What share of homes could a query still guess?"

    def choice_label(self, key: str) -> str:
        return dict(self.choices)[key]


WRITTEN = FakeQuestion("03-try-corner")
CHOICES = FakeQuestion("02-predict-home", (("most", "Most of them"), ("half", "About half"), ("few", "Very few")))


@pytest.fixture(autouse=True)
def off_the_hub(monkeypatch, tmp_path):
    """No class server named and the answers file in a scratch folder, unless a test says otherwise."""
    for var in (class_answers.URL_VAR, class_answers.TOKEN_VAR, "VOILA_PREHEAT", "SERVER_SOFTWARE", "JUPYTERHUB_USER"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv(answer_file.FOLDER_VAR, str(tmp_path))
    monkeypatch.setattr(answer_file, "_page_name", None)


@pytest.fixture
def fake():
    fake = FakeClassServer(tokens={"token-ana": "ana", "token-ben": "ben"}, forbidden={"token-noscope"})
    with running(fake) as served:
        yield served


def box_for(
    fake: FakeClassServer, question: FakeQuestion = WRITTEN, token: str = "token-ana", **kw
) -> widgets.AnswerBox:
    return widgets.AnswerBox(question, server=ClassServer(fake.url, token, **kw))


def saved(tmp_path: Path) -> dict:
    return json.loads((tmp_path / answer_file.SAVE_NAME).read_text(encoding="utf-8"))["answers"]


def text_of(html_text: str) -> str:
    return BeautifulSoup(html_text, "html.parser").get_text()


def assert_plain(html_text: str) -> None:
    """Escaped text in the box's own paragraphs and tables: no tag a student typed, no traceback."""
    soup = BeautifulSoup(html_text, "html.parser")
    assert {t.name for t in soup.find_all(True)} <= {"p", "b", "table", "thead", "tbody", "tr", "th", "td"}
    assert "Traceback" not in soup.get_text() and "Error:" not in soup.get_text()


# --- Sending -----------------------------------------------------------------------------------------------------


def test_nothing_is_sent_before_the_click_and_the_click_sends_exactly_what_is_shown(fake, tmp_path) -> None:
    box = box_for(fake, CHOICES)
    box.choice.value = "half"
    box.text.value = "Most people  park at home.\nSome don't."
    assert fake.requests == []
    assert saved(tmp_path)[CHOICES.id]["answer"] == "Most people  park at home.\nSome don't."
    box.send_button.click()
    [sent] = fake.requests
    assert (sent.method, sent.user) == ("PUT", "ana")
    assert sent.path.endswith("/api/answers/02-predict-home")
    assert sent.body == {"answer": "Most people  park at home.\nSome don't.", "choice": "half"}
    assert "Sent to your teacher" in box.status_text and "About half" in box.status_text
    assert "Most people  park at home." in box.status_text


def test_a_choice_alone_sends_its_label_as_shown(fake) -> None:
    box = box_for(fake, CHOICES)
    box.choice.value = "few"
    box.send()
    assert fake.requests[-1].body == {"answer": "Very few", "choice": "few"}
    assert fake.answers["ana"][CHOICES.id]["choice"] == "few"


def test_sending_again_replaces_the_earlier_answer(fake) -> None:
    box = box_for(fake)
    box.text.value = "first thought"
    box.send()
    box.text.value = "second thought"
    assert "Changed since you sent it" in box.status_text
    box.send()
    assert [a["answer"] for a in fake.answers["ana"].values()] == ["second thought"]
    assert "second thought" in box.status_text and box.sends == 2


def test_a_second_student_sees_only_their_own_answers(fake) -> None:
    ana, ben = box_for(fake), box_for(fake, token="token-ben")
    ana.text.value, ben.text.value = "Ana's answer", "Ben's answer"
    ana.send()
    ben.send()
    fake.add_view("ana", WRITTEN.id)
    mine_ana = ClassServer(fake.url, "token-ana").mine()
    mine_ben = ClassServer(fake.url, "token-ben").mine()
    assert [a.answer for a in mine_ana.answers] == ["Ana's answer"] and len(mine_ana.views) == 1
    assert [a.answer for a in mine_ben.answers] == ["Ben's answer"] and mine_ben.views == ()
    data = widgets.MyClassData(ClassServer(fake.url, "token-ben"))
    data.button.click()
    shown = text_of(data.shown.value)
    assert "Ben's answer" in shown and "Ana" not in shown
    assert "No teacher has shown the names" in shown and "30 days" in shown
    data = widgets.MyClassData(ClassServer(fake.url, "token-ana"))
    data.button.click()
    assert "1 time:" in text_of(data.shown.value) and WRITTEN.id in text_of(data.shown.value)


@pytest.mark.parametrize("typed", INJECTIONS)
def test_typed_html_is_shown_as_text(fake, typed: str) -> None:
    box = box_for(fake)
    box.text.value = typed
    box.send()
    assert_plain(box.status.value)
    assert typed.strip() in BeautifulSoup(box.status.value, "html.parser").get_text()
    data = widgets.MyClassData(ClassServer(fake.url, "token-ana"))
    data.show()
    assert_plain(data.shown.value)
    assert typed.strip() in BeautifulSoup(data.shown.value, "html.parser").get_text()


def test_an_empty_or_too_long_answer_gets_a_sentence_and_nothing_is_sent(fake) -> None:
    box = box_for(fake)
    box.text.value = "   "
    box.send()
    assert box.status_text == "Type your answer in the box first, then click Send to my teacher."
    choice_box = box_for(fake, CHOICES)
    choice_box.send()
    assert choice_box.status_text.startswith("Choose one of the answers above first")
    box.text.value = "x" * (class_answers.MAX_ANSWER + 1)
    box.send()
    assert "2001 characters" in box.status_text and "2000" in box.status_text
    assert fake.requests == []


# --- Failures: one plain sentence each, never a traceback --------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def failing_server(fake: FakeClassServer, how: str) -> ClassServer:
    if how == "down":
        return ClassServer(f"http://127.0.0.1:{free_port()}/services/class-answers/", "token-ana")
    if how == "timeout":
        fake.delay_s = 0.6
        return ClassServer(fake.url, "token-ana", timeout=0.2)
    if how == "401":
        return ClassServer(fake.url, "token-unknown")
    if how == "403":
        return ClassServer(fake.url, "token-noscope")
    fake.fail_with = int(how)
    return ClassServer(fake.url, "token-ana")


EXPECTED = {
    "down": class_answers.not_reachable(),
    "timeout": class_answers.too_slow(),
    "401": class_answers.login_refused(),
    "403": class_answers.login_refused(),
    "500": class_answers.server_problem(500),
    "502": class_answers.server_problem(502),
}


@pytest.mark.parametrize("how", list(EXPECTED))
def test_every_failure_gives_a_plain_sentence_and_keeps_the_answer(fake, tmp_path, how: str) -> None:
    server = failing_server(fake, how)
    box = widgets.AnswerBox(WRITTEN, server=server)
    box.text.value = "kept whatever happens"
    box.send()
    assert box.status_text == EXPECTED[how]
    assert_plain(box.status.value)
    assert not box.send_button.disabled
    assert saved(tmp_path)[WRITTEN.id]["answer"] == "kept whatever happens"
    assert saved(tmp_path)[WRITTEN.id]["sent_at"] == ""
    data = widgets.MyClassData(server)
    data.show()
    assert EXPECTED[how] in data.shown.value
    with pytest.raises(ClassServerError) as caught:
        server.policy()
    assert caught.value.sentence == EXPECTED[how]


def test_a_refused_answer_shows_the_servers_sentence_in_the_students_language(fake) -> None:
    box = box_for(fake, FakeQuestion("not a question id"))
    box.text.value = "an answer"
    box.send()
    assert box.status_text == REFUSALS["question"]
    i18n.set_language("es")
    try:
        with pytest.raises(ClassServerError) as caught:
            ClassServer(fake.url, "token-ana").send("02-exit", "an answer", choice="<b>")
        assert caught.value.sentence == i18n._(REFUSALS["choice"]) != REFUSALS["choice"]  # in Spanish
    finally:
        i18n.set_language("en")
    fake.fail_with = 400
    with pytest.raises(ClassServerError) as caught:
        ClassServer(fake.url, "token-ana").mine()
    assert (caught.value.status, caught.value.sentence) == (400, "It failed on purpose.")


def test_the_client_sends_the_token_and_quotes_the_question(fake) -> None:
    sent = ClassServer(fake.url, "token-ana").send("04-exit", " the answer ", None)
    assert (sent.question, sent.answer, sent.choice) == ("04-exit", "the answer", None)
    assert fake.requests[-1].user == "ana"
    with pytest.raises(ClassServerError):
        ClassServer(fake.url, "token-ana").send("04-exit/../x", "an answer")
    assert fake.requests[-1].path.endswith("04-exit%2F..%2Fx")


# --- Off the hub: no connection at all ---------------------------------------------------------------------------


def test_off_the_hub_no_socket_is_opened_and_the_button_says_why(monkeypatch, tmp_path) -> None:
    opened = []

    def refuse(*args, **kwargs):
        opened.append(args)
        raise AssertionError("no connection may be made off the hub")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    assert ClassServer.from_environment() is None
    box = widgets.AnswerBox(CHOICES)
    assert box.send_button.description == "Send to my teacher" and not box.send_button.disabled
    box.choice.value = "most"
    box.text.value = "because"
    box.send_button.click()
    assert box.status_text == (
        "There is no class server here, so nothing was sent. Your answer stays in this notebook (and in my_answers.json)."
    )
    data = widgets.MyClassData()
    data.button.click()
    assert "There is no class server here" in data.shown.value
    assert opened == []
    assert saved(tmp_path)[CHOICES.id] == {
        "answer": "because",
        "choice": "most",
        "sent_answer": "",
        "sent_choice": None,
        "sent_at": "",
    }


def test_the_hub_names_the_server_and_the_token(monkeypatch) -> None:
    server = ClassServer.from_environment({class_answers.URL_VAR: "http://127.0.0.1:9/x", class_answers.TOKEN_VAR: "t"})
    assert server is not None and (server.url, server.token) == ("http://127.0.0.1:9/x/", "t")
    assert ClassServer.from_environment({class_answers.URL_VAR: "  "}) is None


# --- Kept in the notebook ----------------------------------------------------------------------------------------


def test_typed_text_survives_recreating_the_widget(fake) -> None:
    box = box_for(fake, CHOICES)
    box.choice.value = "most"
    box.text.value = "My reason"
    again = box_for(fake, CHOICES)
    assert (again.choice.value, again.text.value) == ("most", "My reason")
    assert "Nothing is sent until" in again.status_text
    again.send()
    third = box_for(fake, CHOICES)
    assert third.status_text.startswith("Sent to your teacher on") and "My reason" in third.status_text
    other = box_for(fake, WRITTEN)
    assert other.text.value == ""  # another question keeps its own


def test_two_pages_on_a_shared_voila_server_do_not_mix(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    first = answer_file.file_name()
    assert first == answer_file.file_name()  # one file per page (kernel), for all its boxes
    monkeypatch.setattr(answer_file, "_page_name", None)  # a second page: a new kernel
    second = answer_file.file_name()
    assert first != second and first.startswith("my_answers/answers-")
    one = widgets.AnswerBox(WRITTEN, file_name=first)
    two = widgets.AnswerBox(WRITTEN, file_name=second)
    one.text.value, two.text.value = "page one", "page two"
    assert widgets.AnswerBox(WRITTEN, file_name=first).text.value == "page one"
    assert widgets.AnswerBox(WRITTEN, file_name=second).text.value == "page two"
    assert not (tmp_path / answer_file.SAVE_NAME).exists()


def test_a_damaged_answers_file_is_set_aside_not_lost(tmp_path) -> None:
    (tmp_path / answer_file.SAVE_NAME).write_text("{not json", encoding="utf-8")
    box = widgets.AnswerBox(WRITTEN)
    assert "kept aside as my_answers.damaged-" in box.status_text and box.text.value == ""
    [aside] = tmp_path.glob("my_answers.damaged-*.json")
    assert aside.read_text(encoding="utf-8") == "{not json"
    box.text.value = "a fresh start"
    assert saved(tmp_path)[WRITTEN.id]["answer"] == "a fresh start"


def test_each_box_changes_only_its_own_question_in_the_shared_file(tmp_path) -> None:
    a, b = widgets.AnswerBox(WRITTEN), widgets.AnswerBox(CHOICES)
    a.text.value = "written"
    b.choice.value = "few"
    a.text.value = "written again"
    assert saved(tmp_path)[WRITTEN.id]["answer"] == "written again"
    assert saved(tmp_path)[CHOICES.id]["choice"] == "few"


# --- Shape, speed and Spanish ------------------------------------------------------------------------------------


def test_the_box_is_marked_for_its_own_style_not_as_a_picture_widget(fake) -> None:
    box = box_for(fake, CHOICES)
    assert "platetrails-answer" in box._dom_classes and "platetrails-widget" not in box._dom_classes
    assert box.layout.max_width == "880px"
    from platetrails.widgets.base import PAGE_STYLE

    assert ".platetrails-answer textarea" in PAGE_STYLE and "18px" in PAGE_STYLE
    long = FakeQuestion("05-predict-long", (("a", "A rather long choice label that wraps"), ("b", "Short")))
    assert type(box_for(fake, long).choice).__name__ == "RadioButtons"
    assert type(box.choice).__name__ == "ToggleButtons"
    assert (box.choice.description, box.text.description) == ("Your choice:", "Why:")  # each control labelled
    assert box_for(fake, WRITTEN).text.description == "Your answer:"


def test_each_reaction_is_well_under_a_tenth_of_a_second(fake) -> None:
    box = box_for(fake, CHOICES)
    timings = []
    for n in range(5):
        for act in (
            lambda n=n: setattr(box.text, "value", f"reason number {n}"),
            lambda n=n: setattr(box.choice, "value", ("most", "half")[n % 2]),
            box.send,
        ):
            start = time.perf_counter()
            act()
            timings.append(time.perf_counter() - start)
    assert sorted(timings)[len(timings) // 2] < REACTION_S / 2, timings
    assert max(timings) < REACTION_S * 5, timings  # a generous bound for a busy test machine


def test_the_box_speaks_spanish() -> None:
    with i18n.using_language("es"):
        box = widgets.AnswerBox(WRITTEN)
        box.send()
        assert box.send_button.description == "Enviar a mi maestro/a"
        assert box.text.description == "Tu respuesta:"
        assert "servidor de la clase" in box.status_text
        data = widgets.MyClassData()
        assert data.button.description != "What the class server keeps about me"


def test_every_question_of_the_lab_gets_a_box_that_sends_it(fake, monkeypatch) -> None:
    monkeypatch.setenv(class_answers.URL_VAR, fake.url)
    monkeypatch.setenv(class_answers.TOKEN_VAR, "token-ana")
    for question in questions.QUESTIONS:
        box = widgets.answer_box(question.id)
        assert isinstance(box, widgets.AnswerBox) and box.question is question
        if question.choices:
            key = question.choices[-1][0]
            box.choice.value = key
            assert box.choice.label == question.choice_label(key)
        else:
            assert box.choice is None
            box.text.value = "My answer to " + question.id
        box.send()
        assert box.status_text.startswith("Sent to your teacher"), (question.id, box.status_text)
    assert set(fake.answers["ana"]) == {q.id for q in questions.QUESTIONS}
