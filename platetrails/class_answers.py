"""The client of the class server (the hub's `class-answers` service): send one answer, read back what it keeps.

Only on a class hub: the hub sets PT_CLASS_ANSWERS_URL in the student's server, and `ClassServer.from_environment()`
is None without it, so a notebook off the hub never opens a connection. Standard library only (urllib), with a
short timeout. Every failure is one exception type, `ClassServerError`, whose `sentence` a student can act on.
"""

from __future__ import annotations

import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from platetrails.i18n import N_, _

URL_VAR = "PT_CLASS_ANSWERS_URL"  # set by the hub's spawner, ending in "/"; absent off the hub
TOKEN_VAR = "JUPYTERHUB_API_TOKEN"  # the student's server's own token
TIMEOUT_S = 5.0
MAX_ANSWER = 2000  # the longest answer the service stores (it imports this)
# Why the class-answers service refuses an answer, by the code in its reply (hub/answers_store.py raises these
# in English); the box shows the sentence in the student's language. {n} is MAX_ANSWER, filled after translating.
REFUSALS = {
    "question": N_("This question is not one of the lab's: send the answer from the notebook's box."),
    "body": N_("The class server takes an answer and a choice only: send the answer from the notebook's box."),
    "not_text": N_("Write your answer as text before sending it."),
    "empty": N_("Your answer is empty: write something before sending it."),
    "too_long": N_("Your answer is too long: shorten it to {n} characters or fewer."),
    "choice": N_("That choice is not one of the question's: pick one of its buttons, or none."),
}


def refusal(code: str, translate: bool = True) -> str:
    """The sentence for a refusal code, in the current language (or in English, for the service)."""
    text = _(REFUSALS[code]) if translate else REFUSALS[code]
    return text.format(n=MAX_ANSWER)


class ClassServerError(Exception):
    """Anything that went wrong talking to the class server, with one plain sentence for the student."""

    def __init__(self, sentence: str, status: int | None = None) -> None:
        super().__init__(sentence)
        self.sentence = sentence
        self.status = status  # the HTTP status, if the server answered


@dataclass(frozen=True)
class SentAnswer:
    """One answer as the class server keeps it."""

    question: str
    answer: str
    choice: str | None
    sent_at: str  # ISO-8601, UTC
    delete_on: str  # YYYY-MM-DD

    @classmethod
    def from_json(cls, raw: Any) -> SentAnswer:
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        choice = raw.get("choice")
        return cls(
            str(raw["question"]),
            str(raw["answer"]),
            None if choice is None else str(choice),
            str(raw["sent_at"]),
            str(raw.get("delete_on") or ""),
        )


@dataclass(frozen=True)
class NameView:
    """One time a teacher showed the names beside answers that include this student's."""

    at: str  # ISO-8601, UTC
    question: str | None  # None: all questions


@dataclass(frozen=True)
class MyData:
    """Everything the class server keeps about this student: their answers and the log of teachers' name views."""

    answers: tuple[SentAnswer, ...]
    views: tuple[NameView, ...]


def not_reachable() -> str:
    return _(
        "The class server could not be reached, so nothing was sent. Your answer is kept in this notebook: "
        "try again in a minute, or tell your teacher."
    )


def too_slow() -> str:
    return _(
        "The class server did not answer in time, so your answer may not have been sent. It is kept in this "
        "notebook: click Send again in a minute."
    )


def login_refused() -> str:
    return _(
        "The class server did not accept your login. Save your notebook, log out of the class hub, log in "
        "again, then send again."
    )


def server_problem(status: int) -> str:
    return _(
        "The class server had a problem (error {status}), so nothing was sent. Your answer is kept in this "
        "notebook: try again later, or tell your teacher."
    ).format(status=status)


def answer_refused() -> str:
    return _("The class server did not accept this answer. Check it, then send it again.")


def error_sentence(body: bytes) -> str:
    """The sentence for a 400 reply's refusal code in the student's language, else the service's own sentence
    (`{"error": ...}`), else a general one."""
    try:
        reply = json.loads(body.decode("utf-8"))
        sentence, code = reply.get("error"), reply.get("code")
    except (ValueError, AttributeError, UnicodeDecodeError):
        sentence, code = None, None
    if code in REFUSALS:
        return refusal(code)
    return sentence.strip() if isinstance(sentence, str) and sentence.strip() else answer_refused()


def sentence_for_status(status: int, body: bytes) -> str:
    if status in (401, 403):
        return login_refused()
    if status == 400:
        return error_sentence(body)
    return server_problem(status)


class ClassServer:
    """The class-answers service at `url` (ending in "/"), reached with the student's server token."""

    def __init__(self, url: str, token: str, timeout: float = TIMEOUT_S) -> None:
        self.url = url if url.endswith("/") else url + "/"
        self.token = token
        self.timeout = timeout

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None) -> ClassServer | None:
        """The class server the hub named in PT_CLASS_ANSWERS_URL, or None off the hub (then nothing connects)."""
        env = os.environ if env is None else env
        url = env.get(URL_VAR, "").strip()
        if not url:
            return None
        return cls(url, env.get(TOKEN_VAR, ""))

    def request(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        """One JSON request to the service; its JSON reply, or ClassServerError with a plain sentence."""
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
        headers = {"Authorization": f"token {self.token}", "Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json; charset=utf-8"
        req = urllib.request.Request(self.url + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as reply:
                raw = reply.read()
        except urllib.error.HTTPError as err:
            body_bytes = err.read() if err.fp is not None else b""
            raise ClassServerError(sentence_for_status(err.code, body_bytes), err.code) from None
        except urllib.error.URLError as err:
            if isinstance(err.reason, TimeoutError | socket.timeout):
                raise ClassServerError(too_slow()) from None
            raise ClassServerError(not_reachable()) from None
        except TimeoutError:
            raise ClassServerError(too_slow()) from None
        except (OSError, ValueError):  # a dropped connection, a malformed URL
            raise ClassServerError(not_reachable()) from None
        try:
            return json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise ClassServerError(server_problem(200), 200) from None

    def send(self, question: str, answer: str, choice: str | None = None) -> SentAnswer:
        """Send one answer (replacing an earlier one to the same question); what the server kept."""
        path = "api/answers/" + urllib.parse.quote(question, safe="")
        reply = self.request("PUT", path, {"answer": answer, "choice": choice})
        try:
            return SentAnswer.from_json(reply)
        except (KeyError, TypeError, ValueError):
            raise ClassServerError(server_problem(200), 200) from None

    def mine(self) -> MyData:
        """This student's own answers on the server, and the log of teachers' views of names."""
        reply = self.request("GET", "api/answers/mine")
        try:
            answers = tuple(SentAnswer.from_json(a) for a in reply["answers"])
            views = tuple(
                NameView(str(v["at"]), None if v.get("question") is None else str(v["question"]))
                for v in reply["views"]
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ClassServerError(server_problem(200), 200) from None
        return MyData(answers, views)

    def policy(self) -> int:
        """The days the class server keeps an answer."""
        reply = self.request("GET", "api/policy")
        try:
            return int(reply["keep_days"])
        except (KeyError, TypeError, ValueError):
            raise ClassServerError(server_problem(200), 200) from None
