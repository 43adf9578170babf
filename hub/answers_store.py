"""The class-answers store (issue #23): what students chose to send, kept in one SQLite file (standard library only),
or in a database a district already runs, given as an SQLAlchemy URL (postgresql://..., mysql+pymysql://...).

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
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path

from platetrails.class_answers import MAX_ANSWER, refusal
from platetrails.class_policy import DEFAULT_KEEP_DAYS
from platetrails.questions import ID_PATTERN

MAX_QUESTION = 60
QUESTION_ID = re.compile(f"^{ID_PATTERN.pattern}$")
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


class _SqliteFile:
    """The default: one SQLite file through the standard library."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA busy_timeout=5000")
        self.conn.executescript(SCHEMA)

    @contextmanager
    def begin(self) -> Iterator[_SqliteFile]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def run(self, sql: str, params: dict | list[dict]) -> int:
        if isinstance(params, list):
            return self.conn.executemany(sql, params).rowcount
        return self.conn.execute(sql, params).rowcount

    def rows(self, sql: str, params: dict) -> list[dict]:
        return [dict(r) for r in self.conn.execute(sql, params).fetchall()]

    def close(self) -> None:
        self.conn.close()


class _SqlAlchemyDatabase:
    """A database given by an SQLAlchemy URL (needs SQLAlchemy and the database's driver); same tables."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.sa = sa
        self.engine = sa.create_engine(url, pool_pre_ping=True)
        meta = sa.MetaData()
        sa.Table(
            "answers",
            meta,
            sa.Column("student", sa.String(255), primary_key=True),
            sa.Column("question", sa.String(MAX_QUESTION), primary_key=True),
            sa.Column("answer", sa.Text, nullable=False),
            sa.Column("choice", sa.String(40)),
            sa.Column("sent_at", sa.String(32), nullable=False, index=True),
        )
        sa.Table(
            "views",
            meta,
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("student", sa.String(255), nullable=False, index=True),
            sa.Column("teacher", sa.String(255), nullable=False),
            sa.Column("question", sa.String(MAX_QUESTION)),
            sa.Column("at", sa.String(32), nullable=False),
        )
        meta.create_all(self.engine)
        self.conn = None

    @contextmanager
    def begin(self) -> Iterator[_SqlAlchemyDatabase]:
        with self.engine.begin() as conn:
            self.conn = conn
            try:
                yield self
            finally:
                self.conn = None

    def run(self, sql: str, params: dict | list[dict]) -> int:
        return self.conn.execute(self.sa.text(sql), params).rowcount

    def rows(self, sql: str, params: dict) -> list[dict]:
        return [dict(r) for r in self.conn.execute(self.sa.text(sql), params).mappings()]

    def close(self) -> None:
        self.engine.dispose()


class BadAnswer(ValueError):
    """A request the service refuses; str() is one plain sentence saying what to do, `code` says which (the
    student's box shows that sentence in the student's language: platetrails.class_answers.REFUSALS)."""

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(refusal(code, translate=False) + (f" ({detail})" if detail else ""))


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
        raise BadAnswer("question")
    return question


def check_body(body: object) -> tuple[str, str | None]:
    """(answer, choice) from a decoded JSON body {"answer": str, "choice": str or null}, else BadAnswer."""
    if not isinstance(body, dict):
        raise BadAnswer("body", 'a JSON object like {"answer": "your answer", "choice": null}')
    extra = sorted(set(body) - {"answer", "choice"})
    if extra:
        raise BadAnswer("body", f"remove {', '.join(map(str, extra))}")
    answer = body.get("answer")
    if not isinstance(answer, str):
        raise BadAnswer("not_text")
    answer = answer.strip()
    if not answer:
        raise BadAnswer("empty")
    if len(answer) > MAX_ANSWER:
        raise BadAnswer("too_long", f"{len(answer)} characters")
    choice = body.get("choice")
    if choice is not None and (not isinstance(choice, str) or not CHOICE_KEY.match(choice)):
        raise BadAnswer("choice")
    return answer, choice


class AnswerStore:
    """The answers and the names-shown log: in a SQLite file (a path), or a database given by an SQLAlchemy URL."""

    def __init__(self, where: Path | str, keep_days: float = DEFAULT_KEEP_DAYS) -> None:
        self.keep_days = float(keep_days)
        self._lock = threading.Lock()
        if isinstance(where, str) and "://" in where:
            self.path = None
            self._db = _SqlAlchemyDatabase(where)
        else:
            self.path = Path(where)
            self._db = _SqliteFile(self.path)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _rows(self, sql: str, params: dict | None = None) -> list[dict]:
        with self._lock, self._db.begin() as db:
            return db.rows(sql, params or {})

    # ---- what a row looks like to the student and the teacher ----
    def delete_on(self, sent_at: str) -> str:
        """The day (UTC) on or after which an answer sent at `sent_at` is deleted."""
        return (parse_iso(sent_at) + timedelta(days=self.keep_days)).date().isoformat()

    def _row(self, row: dict, with_student: bool = False) -> dict:
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
        row = {"student": student, "question": question, "answer": answer, "choice": choice}
        row["sent_at"] = iso(now or utc_now())
        with self._lock, self._db.begin() as db:  # an update, else an insert: the same SQL in every database
            changed = db.run(
                "UPDATE answers SET answer=:answer, choice=:choice, sent_at=:sent_at "
                "WHERE student=:student AND question=:question",
                row,
            )
            if not changed:
                db.run(
                    "INSERT INTO answers (student, question, answer, choice, sent_at) "
                    "VALUES (:student, :question, :answer, :choice, :sent_at)",
                    row,
                )
        return self._row(row)

    def mine(self, student: str) -> dict:
        """A student's own answers (by question) and each time a teacher showed them with names (newest first)."""
        who = {"student": student}
        answers = self._rows("SELECT * FROM answers WHERE student=:student ORDER BY question", who)
        views = self._rows("SELECT at, question FROM views WHERE student=:student ORDER BY at DESC", who)
        return {
            "answers": [self._row(r) for r in answers],
            "views": [{"at": v["at"], "question": v["question"]} for v in views],
        }

    # ---- teachers ----
    def all_answers(self, question: str | None = None) -> list[dict]:
        """Every answer with its student (one question's, or all), newest first."""
        where = " WHERE question=:question" if question is not None else ""
        rows = self._rows(f"SELECT * FROM answers{where} ORDER BY sent_at DESC, student", {"question": question})
        return [self._row(r, with_student=True) for r in rows]

    def count(self) -> int:
        return self._rows("SELECT COUNT(*) AS n FROM answers")[0]["n"]

    def log_names_shown(
        self, teacher: str, question: str | None, students: list[str], now: datetime | None = None
    ) -> str:
        """Record that `teacher` saw these students' names beside their answers (to one question, or all)."""
        at = iso(now or utc_now())
        rows = [{"student": s, "teacher": teacher, "question": question, "at": at} for s in sorted(set(students))]
        if rows:
            with self._lock, self._db.begin() as db:
                db.run(
                    "INSERT INTO views (student, teacher, question, at) VALUES (:student, :teacher, :question, :at)",
                    rows,
                )
        return at

    def names_shown_log(self) -> list[dict]:
        """The whole log (teacher, question, time, student), oldest first."""
        return self._rows("SELECT student, teacher, question, at FROM views ORDER BY at, student")

    # ---- the data policy ----
    def delete_expired(self, now: datetime | None = None) -> int:
        """Delete answers, and names-shown records, older than keep_days; the number of answers deleted."""
        cutoff = {"cutoff": iso((now or utc_now()) - timedelta(days=self.keep_days))}
        with self._lock, self._db.begin() as db:
            gone = db.run("DELETE FROM answers WHERE sent_at < :cutoff", cutoff)
            db.run("DELETE FROM views WHERE at < :cutoff", cutoff)
        return gone

    def delete_all(self) -> int:
        """Delete every answer of the class (the names-shown log stays until it expires); the number deleted."""
        with self._lock, self._db.begin() as db:
            return db.run("DELETE FROM answers", {})
