"""A stand-in for the hub's class-answers service, for tests: a real HTTP server on 127.0.0.1 in a thread, with the
contract's student endpoints (PUT api/answers/<question>, GET api/answers/mine, GET api/policy) under
/services/class-answers/, one token per user, and switches to make it fail (a status, or a slow reply)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from hub.answers_store import BadAnswer, check_body, check_question

PREFIX = "/services/class-answers/"


@dataclass
class Request:
    method: str
    path: str
    user: str | None
    body: Any


@dataclass
class FakeClassServer:
    """The fake service's state: tokens, stored answers per user, teachers' name views, and every request seen."""

    tokens: dict[str, str] = field(default_factory=dict)  # token -> user
    forbidden: set[str] = field(default_factory=set)  # tokens the hub knows but without the service's scope
    answers: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # user -> question -> answer
    views: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # user -> views of names
    keep_days: int = 30
    fail_with: int | None = None  # answer every request with this status
    delay_s: float = 0.0  # wait this long before answering
    requests: list[Request] = field(default_factory=list)
    url: str = ""

    def reply(self, method: str, path: str, token: str, raw: bytes) -> tuple[int, dict[str, Any]]:
        """The status and JSON reply for one request (the contract's student endpoints)."""
        user = self.tokens.get(token)
        try:
            body = json.loads(raw.decode("utf-8")) if raw else None
        except ValueError:
            body = "<not JSON>"
        self.requests.append(Request(method, path, user, body))
        if self.fail_with:
            return self.fail_with, {"error": "It failed on purpose."}
        if token in self.forbidden:
            return 403, {"error": "Forbidden."}
        if user is None:
            return 401, {"error": "Not logged in."}
        if not path.startswith(PREFIX):
            return 404, {"error": "Not found."}
        path = path[len(PREFIX) :]
        if method == "GET" and path == "api/policy":
            return 200, {"keep_days": self.keep_days}
        if method == "GET" and path == "api/answers/mine":
            mine = sorted(self.answers.get(user, {}).values(), key=lambda a: a["question"])
            return 200, {"answers": mine, "views": list(self.views.get(user, []))}
        if method == "PUT" and path.startswith("api/answers/"):
            return self.put(user, unquote(path[len("api/answers/") :]), body)
        return 404, {"error": "Not found."}

    def put(self, user: str, question: str, body: Any) -> tuple[int, dict[str, Any]]:
        try:  # the real service's checks and refusals
            check_question(question)
            answer, _choice = check_body(body)
        except BadAnswer as err:
            return 400, {"error": str(err), "code": err.code}
        now = datetime.now(UTC).replace(microsecond=0)
        stored = {
            "question": question,
            "answer": answer,
            "choice": body.get("choice"),
            "sent_at": now.isoformat(),
            "delete_on": (now + timedelta(days=self.keep_days)).date().isoformat(),
        }
        self.answers.setdefault(user, {})[question] = stored
        return 200, stored

    def add_view(self, user: str, question: str | None) -> None:
        """A teacher showed the names beside answers that include this user's."""
        at = datetime.now(UTC).replace(microsecond=0).isoformat()
        self.views.setdefault(user, []).append({"at": at, "question": question})


def handler_for(fake: FakeClassServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            auth = self.headers.get("Authorization", "")
            token = auth[len("token ") :] if auth.startswith("token ") else ""
            if fake.delay_s:
                time.sleep(fake.delay_s)
            status, body = fake.reply(self.command, self.path, token, raw)
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                pass

        do_GET = do_PUT = do_POST = answer

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

    return Handler


@contextmanager
def running(fake: FakeClassServer | None = None) -> Iterator[FakeClassServer]:
    """Serve the fake on a free port of 127.0.0.1 while the block runs; its `url` is the service's URL."""
    fake = fake or FakeClassServer()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
