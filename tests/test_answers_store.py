"""The class-answers store (hub/answers_store.py, issue #23): one answer per student and question, the names-shown
log, the keep time and delete-all, and the plain sentences for bad input. No hub, no root: runs in make test-fast."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from hub.answers_store import MAX_ANSWER, AnswerStore, BadAnswer, check_body, check_question
from platetrails.class_answers import REFUSALS

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)


@pytest.fixture
def store(tmp_path: Path) -> AnswerStore:
    s = AnswerStore(tmp_path / "answers.sqlite", keep_days=42)
    yield s
    s.close()


def test_sending_again_replaces_the_earlier_answer_and_says_when_it_is_deleted(store: AnswerStore) -> None:
    first = store.put("ana", "02-predict-home", "about half", "half", now=T0)
    assert first == {
        "question": "02-predict-home",
        "answer": "about half",
        "choice": "half",
        "sent_at": "2026-09-01T09:00:00.000000Z",
        "delete_on": "2026-10-13",  # 42 days later
    }
    again = store.put("ana", "02-predict-home", "most of them", "most", now=T0 + timedelta(minutes=5))
    assert again["answer"] == "most of them" and again["choice"] == "most"
    assert store.count() == 1
    assert store.mine("ana")["answers"] == [again]


def test_a_student_sees_only_their_own_answers(store: AnswerStore) -> None:
    store.put("ana", "02-predict-home", "mine", None, now=T0)
    store.put("ben", "02-predict-home", "his", None, now=T0)
    store.put("ben", "03-exit", "also his", None, now=T0)
    assert [a["answer"] for a in store.mine("ana")["answers"]] == ["mine"]
    assert [a["question"] for a in store.mine("ben")["answers"]] == ["02-predict-home", "03-exit"]
    assert store.mine("cleo") == {"answers": [], "views": []}


def test_the_teacher_gets_every_answer_newest_first_with_names(store: AnswerStore) -> None:
    store.put("ana", "02-predict-home", "first", None, now=T0)
    store.put("ben", "02-predict-home", "second", None, now=T0 + timedelta(seconds=1))
    store.put("ben", "03-exit", "other question", None, now=T0 + timedelta(seconds=2))
    assert [(a["student"], a["answer"]) for a in store.all_answers("02-predict-home")] == [
        ("ben", "second"),
        ("ana", "first"),
    ]
    assert len(store.all_answers()) == 3


def test_showing_names_is_logged_for_each_student_concerned_only(store: AnswerStore) -> None:
    store.put("ana", "02-predict-home", "a", None, now=T0)
    store.put("ben", "03-exit", "b", None, now=T0)
    store.log_names_shown("mr-t", "02-predict-home", ["ana"], now=T0 + timedelta(hours=1))
    store.log_names_shown("mr-t", None, ["ana", "ben", "ana"], now=T0 + timedelta(hours=2))
    assert store.mine("ana")["views"] == [
        {"at": "2026-09-01T11:00:00.000000Z", "question": None},
        {"at": "2026-09-01T10:00:00.000000Z", "question": "02-predict-home"},
    ]
    assert store.mine("ben")["views"] == [{"at": "2026-09-01T11:00:00.000000Z", "question": None}]
    log = store.names_shown_log()
    assert len(log) == 3 and {r["teacher"] for r in log} == {"mr-t"}


def test_answers_older_than_the_keep_time_are_deleted_and_newer_ones_kept(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "a.sqlite", keep_days=7)
    store.put("ana", "02-predict-home", "old", None, now=T0)
    store.put("ben", "02-predict-home", "new", None, now=T0 + timedelta(days=6))
    store.log_names_shown("mr-t", None, ["ana"], now=T0)
    assert store.delete_expired(now=T0 + timedelta(days=7, seconds=1)) == 1
    assert [a["student"] for a in store.all_answers()] == ["ben"]
    assert store.mine("ana") == {"answers": [], "views": []}, "the names-shown log expires too"
    assert store.delete_expired(now=T0 + timedelta(days=7, seconds=2)) == 0
    store.close()


def test_a_keep_time_of_seconds_works_for_tests(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "a.sqlite", keep_days=2 / 86400)  # two seconds
    store.put("ana", "02-predict-home", "soon gone", None, now=T0)
    assert store.delete_expired(now=T0 + timedelta(seconds=1)) == 0
    assert store.delete_expired(now=T0 + timedelta(seconds=3)) == 1
    store.close()


def test_delete_all_empties_the_class_and_the_file_keeps_answers_across_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    store = AnswerStore(path)
    store.put("ana", "02-predict-home", "kept", "half", now=T0)
    store.close()
    reopened = AnswerStore(path)
    assert [a["answer"] for a in reopened.mine("ana")["answers"]] == ["kept"]
    reopened.put("ben", "03-exit", "x", None)
    assert reopened.delete_all() == 2
    assert reopened.count() == 0 and reopened.all_answers() == []
    reopened.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM answers").fetchone()[0] == 0


@pytest.mark.parametrize("question", ["02-predict-home", "00-exit", "06-try-2", "04-predict-who-can-search"])
def test_the_labs_question_ids_pass(question: str) -> None:
    assert check_question(question) == question


@pytest.mark.parametrize(
    "question", ["", "2-predict", "02-guess", "02-predict-Home", "02-predict-", "../etc", "02-exit-" + "a" * 60]
)
def test_other_question_ids_get_a_plain_sentence(question: str) -> None:
    with pytest.raises(BadAnswer, match="not one of the lab's"):
        check_question(question)


def test_a_body_is_checked_and_the_answer_stripped() -> None:
    assert check_body({"answer": "  about half \n", "choice": "half"}) == ("about half", "half")
    assert check_body({"answer": "x", "choice": None}) == ("x", None)
    assert check_body({"answer": "x"}) == ("x", None)
    assert check_body({"answer": "a" * MAX_ANSWER, "choice": None})[0] == "a" * MAX_ANSWER


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (["answer"], "a JSON object"),
        ({"answer": 3}, "as text"),
        ({"answer": "   "}, "empty"),
        ({"answer": "a" * (MAX_ANSWER + 1)}, "shorten it to 2000"),
        ({"answer": "x", "choice": "<b>"}, "not one of the question's"),
        ({"answer": "x", "choice": 2}, "not one of the question's"),
        ({"answer": "x", "student": "ana"}, "(remove student)"),
        ({"answer": "x", "user": "ana", "sent_at": "2020"}, "(remove sent_at, user)"),
    ],
)
def test_a_bad_body_gets_one_plain_sentence(body: object, words: str) -> None:
    with pytest.raises(BadAnswer) as refused:
        check_body(body)
    message = str(refused.value)
    assert words in message and "Traceback" not in message
    assert message.startswith(REFUSALS[refused.value.code].format(n=MAX_ANSWER))  # the box translates it by code
