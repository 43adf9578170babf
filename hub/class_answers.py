"""The class-answers service (issue #23): a JupyterHub managed service at /services/class-answers/.

The hub starts it (hub/jupyterhub_config.py) as the system user pt-answers, on 127.0.0.1 only, with
JUPYTERHUB_SERVICE_URL, JUPYTERHUB_SERVICE_PREFIX, JUPYTERHUB_API_URL, JUPYTERHUB_API_TOKEN and the OAuth client
variables, plus:

  PT_HUB_ANSWERS_DIR        the folder for answers.sqlite and the cookie secret (mode 0700, pt-answers only)
  PT_HUB_ANSWERS_KEEP_DAYS  days answers are kept (default 42; a fraction of a day works, for tests)
  PT_HUB_ANSWERS_DB_URL     instead of the SQLite file, a database given by an SQLAlchemy URL (e.g. a district's
                            postgresql://...); SQLAlchemy and that database's driver must be installed

Students use the API with their server's token (`Authorization: token ...`) and act only on their own answers;
teachers (the hub's admins and the `teachers` group) open the dashboard in a browser, signed in through the hub
with OAuth (jupyterhub.services.auth). The HTTP API is described in docs/hosting.md.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import html
import io
import json
import logging
import os
import secrets
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from jupyterhub.utils import url_path_join
from tornado import httpclient, ioloop, web
from tornado.httpserver import HTTPServer

HUB_DIR = Path(__file__).resolve().parent
REPO_ROOT = HUB_DIR.parent
sys.path.insert(0, str(HUB_DIR))
sys.path.insert(1, str(REPO_ROOT))

from answers_store import AnswerStore, BadAnswer, check_body, check_question  # noqa: E402

from platetrails import questions  # noqa: E402
from platetrails.class_policy import DEFAULT_KEEP_DAYS, days_shown  # noqa: E402

log = logging.getLogger("class-answers")
DASHBOARD = HUB_DIR / "class_answers_dashboard.html"
TEACHERS_GROUP = "teachers"
TEACHER_CACHE_S = 10.0
CSP = (
    "default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

ORDER = {q.id: i for i, q in enumerate(questions.QUESTIONS)}  # notebook order


def question_info(qid: str) -> dict:
    """Prompt, kind, choices (key, label) and what the data shows, from platetrails.questions when it knows `qid`."""
    kind = qid.split("-")[1] if "-" in qid else ""
    info = {"id": qid, "notebook": qid[:2], "kind": kind, "prompt": qid, "choices": [], "data_shows": None}
    try:
        q = questions.find(qid)
    except KeyError:
        return info
    info["prompt"] = str(q.prompt())
    info["kind"] = q.kind
    info["choices"] = [{"key": key, "label": str(q.choice_label(key))} for key, _ in q.choices]
    shows = q.data_shows()
    if shows:
        info["data_shows"] = {"key": shows, "label": str(q.choice_label(shows))}
    return info


def question_order(qid: str) -> tuple:
    """Notebook order for the lab's questions, then any other id (an older copy's) by id."""
    return (0, ORDER[qid], qid) if qid in ORDER else (1, 0, qid)


def safe_cell(text: str | None) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    text = "" if text is None else str(text)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class BaseHandler(HubOAuthenticated, web.RequestHandler):
    """Security headers, plain JSON errors, and who is asking (a hub user, never a name from the request)."""

    api = True

    @property
    def store(self) -> AnswerStore:
        return self.settings["store"]

    def set_default_headers(self) -> None:
        self.nonce = secrets.token_urlsafe(16)
        self.set_header("Content-Security-Policy", CSP.format(nonce=self.nonce))
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Frame-Options", "DENY")
        self.set_header("Cache-Control", "no-store")

    def write_error(self, status_code: int, **kwargs) -> None:
        message = {
            400: "The request could not be read; send it again from the notebook.",
            403: "Only your own answers, and only a teacher sees the class's answers.",
            404: "There is nothing here.",
            405: "This address does not take that kind of request.",
        }.get(status_code, "The class-answers service had a problem; try again in a minute.")
        reason = kwargs.get("exc_info", (None, None))[1]
        if isinstance(reason, web.HTTPError) and reason.log_message and status_code == 400:
            message = reason.log_message
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps({"error": message}))

    def person(self) -> str:
        """The signed-in hub user's name, or 403 (no one signed in, a service, or an XSRF failure)."""
        user = self.current_user
        if not user or user.get("kind", "user") != "user":
            raise web.HTTPError(403)
        return user["name"]

    def reply(self, data: object, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=UTF-8")
        self.finish(json.dumps(data, ensure_ascii=False))

    def body_json(self) -> object:
        try:
            return json.loads(self.request.body.decode("utf-8") or "null")
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise web.HTTPError(400, 'Send JSON like {"answer": "your answer", "choice": null}.') from None

    async def is_teacher(self, name: str) -> bool:
        """Admin or in the `teachers` group, asked of the hub with the service's own token (cached a few seconds)."""
        cache: dict = self.settings["teacher_cache"]
        hit = cache.get(name)
        if hit and time.monotonic() - hit[1] < TEACHER_CACHE_S:
            return hit[0]
        url = url_path_join(os.environ["JUPYTERHUB_API_URL"], "users", quote(name, safe=""))
        try:
            resp = await httpclient.AsyncHTTPClient().fetch(
                url, headers={"Authorization": f"token {os.environ['JUPYTERHUB_API_TOKEN']}"}, request_timeout=10
            )
            model = json.loads(resp.body)
        except (httpclient.HTTPClientError, OSError, json.JSONDecodeError) as err:
            log.warning("Could not ask the hub about %s: %s", name, err)
            return False
        teacher = bool(model.get("admin")) or TEACHERS_GROUP in (model.get("groups") or [])
        cache[name] = (teacher, time.monotonic())
        return teacher

    async def teacher(self) -> str:
        name = self.person()
        if not await self.is_teacher(name):
            raise web.HTTPError(403)
        return name

    def anonymiser(self):
        """who(student) -> an opaque id, the same for one dashboard page (its ?page=), unguessable from the name."""
        page = self.get_argument("page", "") or secrets.token_hex(8)
        key = hmac.new(self.settings["secret"], page.encode(), hashlib.sha256).digest()
        return lambda student: hmac.new(key, student.encode(), hashlib.sha256).hexdigest()[:16]


# ---- students ----------------------------------------------------------------------------------------------------


class AnswerHandler(BaseHandler):
    async def put(self, question: str) -> None:
        student = self.person()
        try:
            qid = check_question(question)
            answer, choice = check_body(self.body_json())
        except BadAnswer as err:
            return self.reply({"error": str(err), "code": err.code}, 400)
        self.reply(self.store.put(student, qid, answer, choice))


class MineHandler(BaseHandler):
    async def get(self) -> None:
        self.reply(self.store.mine(self.person()))


class PolicyHandler(BaseHandler):
    async def get(self) -> None:
        self.person()
        self.reply({"keep_days": self.settings["keep_days_shown"]})


# ---- teachers ----------------------------------------------------------------------------------------------------


class DashboardHandler(BaseHandler):
    api = False

    @web.authenticated
    async def get(self) -> None:
        await self.teacher()
        present = self.get_argument("present", "") == "1"
        values = {
            "nonce": self.nonce,
            "xsrf": self.xsrf_token.decode() if isinstance(self.xsrf_token, bytes) else self.xsrf_token,
            "page": secrets.token_hex(12),
            "present": "1" if present else "0",
            "keep_days": str(self.settings["keep_days_shown"]),
        }
        page = DASHBOARD.read_text(encoding="utf-8")
        for key, value in values.items():
            page = page.replace("{{" + key + "}}", html.escape(value, quote=True))
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.finish(page)

    def write_error(self, status_code: int, **kwargs) -> None:
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        words = "Only a teacher of this class can open the class's answers." if status_code == 403 else "Not here."
        self.finish(
            f"<!doctype html><html lang='en'><head><title>Class answers</title></head><body>"
            f"<h1>Class answers</h1><p>{html.escape(words)}</p></body></html>"
        )


def class_view(store: AnswerStore, who) -> dict:
    """Per question: counts, counts per choice, and the answers anonymised (who), newest first."""
    by_question: dict[str, list[dict]] = {}
    for row in store.all_answers():
        by_question.setdefault(row["question"], []).append(row)
    out = []
    for qid in sorted(by_question, key=question_order):
        rows = by_question[qid]
        info = question_info(qid)
        labels = {c["key"]: c["label"] for c in info["choices"]}
        counts: dict[str, int] = {}
        for row in rows:
            if row["choice"] is not None:
                counts[row["choice"]] = counts.get(row["choice"], 0) + 1
        choices = [{**c, "count": counts.get(c["key"], 0)} for c in info["choices"]]
        choices += [{"key": k, "label": k, "count": n} for k, n in sorted(counts.items()) if k not in labels]
        info.update(
            count=len(rows),
            choices=choices,
            answers=[
                {
                    "who": who(r["student"]),
                    "answer": r["answer"],
                    "choice": r["choice"],
                    "choice_label": labels.get(r["choice"], r["choice"]),
                    "sent_at": r["sent_at"],
                }
                for r in rows
            ],
        )
        out.append(info)
    students = {r["student"] for rows in by_question.values() for r in rows}
    return {"total": sum(q["count"] for q in out), "students": len(students), "questions": out}


class ClassHandler(BaseHandler):
    async def get(self) -> None:
        await self.teacher()
        self.reply({"keep_days": self.settings["keep_days_shown"], **class_view(self.store, self.anonymiser())})


class NamesHandler(BaseHandler):
    async def post(self) -> None:
        teacher = await self.teacher()
        body = self.body_json()
        question = body.get("question") if isinstance(body, dict) else None
        if not isinstance(body, dict) or set(body) - {"question"}:
            return self.reply({"error": 'Send {"question": "<question id>"} to show the names for one question.'}, 400)
        if question is not None:
            try:
                check_question(question)
            except BadAnswer as err:
                return self.reply({"error": str(err), "code": err.code}, 400)
        rows = self.store.all_answers(question)
        at = self.store.log_names_shown(teacher, question, [r["student"] for r in rows])
        log.info("%s showed the names of %d answers (question %s)", teacher, len(rows), question or "all")
        who = self.anonymiser()
        self.reply(
            {
                "question": question,
                "logged_at": at,
                "answers": [
                    {"who": who(r["student"]), "student": r["student"], **{k: r[k] for k in ("answer", "choice")}}
                    | {"question": r["question"], "sent_at": r["sent_at"]}
                    for r in rows
                ],
            }
        )


class CsvHandler(BaseHandler):
    async def get(self) -> None:
        await self.teacher()
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["question", "student", "choice", "answer", "sent_at"])
        for r in sorted(self.store.all_answers(), key=lambda r: (question_order(r["question"]), r["student"])):
            writer.writerow([safe_cell(r[k]) for k in ("question", "student", "choice", "answer", "sent_at")])
        self.set_header("Content-Type", "text/csv; charset=UTF-8")
        self.set_header("Content-Disposition", 'attachment; filename="class-answers.csv"')
        self.finish(out.getvalue().encode("utf-8"))


class DeleteAllHandler(BaseHandler):
    async def post(self) -> None:
        teacher = await self.teacher()
        gone = self.store.delete_all()
        log.info("%s deleted all %d answers", teacher, gone)
        self.reply({"deleted": gone})


# ---- the service -------------------------------------------------------------------------------------------------


def keep_days_setting() -> float:
    text = os.environ.get("PT_HUB_ANSWERS_KEEP_DAYS") or str(DEFAULT_KEEP_DAYS)
    try:
        days = float(text)
    except ValueError:
        sys.exit(f"PT_HUB_ANSWERS_KEEP_DAYS must be a number of days, not {text!r}.")
    if not days > 0:
        sys.exit("PT_HUB_ANSWERS_KEEP_DAYS must be more than 0.")
    return days


def secret_in(folder: Path) -> bytes:
    """A random secret kept in the answers folder (signs cookies and the dashboard's anonymous ids)."""
    path = folder / "service_secret"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_hex(32))
    return bytes.fromhex(path.read_text().strip())


def make_app(store: AnswerStore, secret: bytes, prefix: str) -> web.Application:
    def route(path: str) -> str:
        return url_path_join(prefix, path)

    return web.Application(
        [
            (route("oauth_callback"), HubOAuthCallbackHandler),
            (route(r"api/answers/mine"), MineHandler),
            (route(r"api/answers/([^/]+)"), AnswerHandler),
            (route("api/policy"), PolicyHandler),
            (route("api/class"), ClassHandler),
            (route("api/names"), NamesHandler),
            (route("api/delete-all"), DeleteAllHandler),
            (route("answers.csv"), CsvHandler),
            (prefix.rstrip("/") + "/?", DashboardHandler),
        ],
        cookie_secret=secret,
        secret=secret,
        store=store,
        teacher_cache={},
        keep_days_shown=days_shown(store.keep_days),
    )


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="[%(levelname)s %(asctime)s class-answers] %(message)s")
    folder = Path(os.environ.get("PT_HUB_ANSWERS_DIR") or HUB_DIR / "state-answers")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        sys.exit(f"The answers folder {folder} is missing or not writable by this user.")
    keep_days = keep_days_setting()
    url_setting = os.environ.get("PT_HUB_ANSWERS_DB_URL")
    try:
        store = AnswerStore(url_setting or folder / "answers.sqlite", keep_days=keep_days)
    except Exception as err:  # a wrong URL, a missing driver, a database that does not answer
        sys.exit(f"The class-answers service could not open its database: {type(err).__name__}: {err}")
    if store.path is not None:
        store.path.chmod(0o600)
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/class-answers/")
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:8003"))
    app = make_app(store, secret_in(folder), prefix)
    server = HTTPServer(app, max_body_size=64 * 1024, xheaders=False)
    server.listen(url.port or 80, address="127.0.0.1")  # loopback only, whatever the URL says

    def expire() -> None:
        gone = store.delete_expired()
        if gone:
            log.info("Deleted %d answers older than %s days", gone, keep_days)

    expire()  # on start, then every hour (more often for a keep time of minutes, in tests)
    every_ms = min(3600.0, max(0.5, keep_days * 86400 / 4)) * 1000
    ioloop.PeriodicCallback(expire, every_ms).start()
    where = "the database at PT_HUB_ANSWERS_DB_URL" if store.path is None else store.path
    log.info("Serving %s on 127.0.0.1:%s; answers in %s, kept %s days", prefix, url.port, where, keep_days)
    ioloop.IOLoop.current().start()


if __name__ == "__main__":
    main()
