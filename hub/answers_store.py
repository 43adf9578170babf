"""The class-answers store (issue #23): what students chose to send, kept in one SQLite file (standard library only).

One row per (student, question): sending again replaces the earlier answer. A teacher's "show names" is logged
per student concerned, so each student can see when their answers were shown with their name. Answers and that log
are deleted once older than the class's keep time; a teacher can delete every answer at once.

`check_question` and `check_body` turn a request's parts into clean values or raise `BadAnswer` with one plain
sentence for the student. No web framework here: hub/class_answers.py serves this over HTTP.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

MAX_ANSWER = 2000
MAX_QUESTION = 60
QUESTION_ID = re.compile(r"^[0-9]{2}-(predict|try|exit)(-[a-z0-9]+)*$")
CHOICE_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    student TEXT NOT NULL,
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    choice TEXT,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (student, question)
);
CREATE INDEX IF NOT EXISTS answers_sent_at ON answers (sent_at);
CREATE TABLE IF NOT EXISTS views (
    student TEXT NOT NULL,
    teacher TEXT NOT NULL,
    question TEXT,
    at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS views_student ON views (student);
"""


class BadAnswer(ValueError):
    """A request the service refuses; str() is one plain sentence saying what to do."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """ISO-8601 in UTC with a Z, to the microsecond (sorts as text)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def check_question(question: str) -> str:
    """The question id if it has the lab's shape (02-predict-home, 04-exit...), else BadAnswer."""
    if not isinstance(question, str) or len(question) > MAX_QUESTION or not QUESTION_ID.match(question):
        raise BadAnswer(
            "This question id is not one of the lab's (like 02-predict-home): send the answer from the notebook's box."
        )
    return question


def check_body(body: object) -> tuple[str, str | None]:
    """(answer, choice) from a decoded JSON body {"answer": str, "choice": str or null}, else BadAnswer."""
    if not isinstance(body, dict):
        raise BadAnswer('Send a JSON object like {"answer": "your answer", "choice": null}.')
    extra = sorted(set(body) - {"answer", "choice"})
    if extra:
        raise BadAnswer(f"Send only an answer and a choice; remove {', '.join(map(str, extra))}.")
    answer = body.get("answer")
    if not isinstance(answer, str):
        raise BadAnswer("Write your answer as text before sending it.")
    answer = answer.strip()
    if not answer:
        raise BadAnswer("Your answer is empty: write something before sending it.")
    if len(answer) > MAX_ANSWER:
        raise BadAnswer(f"Your answer is {len(answer)} characters long; shorten it to {MAX_ANSWER} or fewer.")
    choice = body.get("choice")
    if choice is not None and (not isinstance(choice, str) or not CHOICE_KEY.match(choice)):
        raise BadAnswer("That choice is not one of the question's: pick one of its buttons, or none.")
    return answer, choice


class AnswerStore:
    """The answers and the names-shown log in one SQLite file (created with its tables if missing)."""

    def __init__(self, path: Path | str, keep_days: float = 42) -> None:
        self.path = Path(path)
        self.keep_days = float(keep_days)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ---- what a row looks like to the student and the teacher ----
    def delete_on(self, sent_at: str) -> str:
        """The day (UTC) on or after which an answer sent at `sent_at` is deleted."""
        return (parse_iso(sent_at) + timedelta(days=self.keep_days)).date().isoformat()

    def _row(self, row: sqlite3.Row, with_student: bool = False) -> dict:
        out = {
            "question": row["question"],
            "answer": row["answer"],
            "choice": row["choice"],
            "sent_at": row["sent_at"],
            "delete_on": self.delete_on(row["sent_at"]),
        }
        return {"student": row["student"], **out} if with_student else out

    # ---- students ----
    def put(self, student: str, question: str, answer: str, choice: str | None, now: datetime | None = None) -> dict:
        """Store (or replace) `student`'s answer to `question`; the stored row."""
        sent_at = iso(now or utc_now())
        with self._lock:
            self._db.execute(
                "INSERT INTO answers (student, question, answer, choice, sent_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (student, question) DO UPDATE SET answer=excluded.answer, choice=excluded.choice, "
                "sent_at=excluded.sent_at",
                (student, question, answer, choice, sent_at),
            )
            row = self._db.execute(
                "SELECT * FROM answers WHERE student=? AND question=?", (student, question)
            ).fetchone()
        return self._row(row)

    def mine(self, student: str) -> dict:
        """A student's own answers (notebook order) and each time a teacher showed them with names (newest first)."""
        with self._lock:
            answers = self._db.execute("SELECT * FROM answers WHERE student=? ORDER BY question", (student,)).fetchall()
            views = self._db.execute(
                "SELECT at, question FROM views WHERE student=? ORDER BY at DESC", (student,)
            ).fetchall()
        return {
            "answers": [self._row(r) for r in answers],
            "views": [{"at": v["at"], "question": v["question"]} for v in views],
        }

    # ---- teachers ----
    def all_answers(self, question: str | None = None) -> list[dict]:
        """Every answer with its student (one question's, or all), newest first."""
        sql, args = "SELECT * FROM answers", ()
        if question is not None:
            sql, args = sql + " WHERE question=?", (question,)
        with self._lock:
            rows = self._db.execute(sql + " ORDER BY sent_at DESC, student", args).fetchall()
        return [self._row(r, with_student=True) for r in rows]

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0]

    def log_names_shown(
        self, teacher: str, question: str | None, students: list[str], now: datetime | None = None
    ) -> str:
        """Record that `teacher` saw these students' names beside their answers (to one question, or all)."""
        at = iso(now or utc_now())
        with self._lock:
            self._db.executemany(
                "INSERT INTO views (student, teacher, question, at) VALUES (?, ?, ?, ?)",
                [(s, teacher, question, at) for s in sorted(set(students))],
            )
        return at

    def names_shown_log(self) -> list[dict]:
        """The whole log (teacher, question, time, student), oldest first."""
        with self._lock:
            rows = self._db.execute("SELECT * FROM views ORDER BY at, student").fetchall()
        return [dict(r) for r in rows]

    # ---- the data policy ----
    def delete_expired(self, now: datetime | None = None) -> int:
        """Delete answers, and names-shown records, older than keep_days; the number of answers deleted."""
        cutoff = iso((now or utc_now()) - timedelta(days=self.keep_days))
        with self._lock:
            gone = self._db.execute("DELETE FROM answers WHERE sent_at < ?", (cutoff,)).rowcount
            self._db.execute("DELETE FROM views WHERE at < ?", (cutoff,))
        return gone

    def delete_all(self) -> int:
        """Delete every answer of the class (the names-shown log stays until it expires); the number deleted."""
        with self._lock:
            return self._db.execute("DELETE FROM answers").rowcount
