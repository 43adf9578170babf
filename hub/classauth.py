"""The class hub's accounts: only the teacher's printed codes open an account, never whoever logs in first.

Runs inside the hub (hub/.venv), imported by hub/jupyterhub_config.py.

- `read_class_list(path)` reads the teacher's CSV (columns `username,role`; role is `student` or `teacher`).
- `CodeBook` keeps one-time codes as bcrypt hashes in a file only root can read.
- `ClassListAuthenticator` is FirstUseAuthenticator's password store and change-password page, combined with
  LocalAuthenticator (one private system user per name), with first use switched off: a name logs in only with the
  password its owner chose on the join page (/hub/join), which needs that person's one-time code. The teacher's code
  is printed once when the hub is set up; the teacher prints the students' codes (and issues a new one to a student
  who forgot their password, at once, without a restart) from /hub/class-codes.
"""

from __future__ import annotations

import csv
import dbm
import html
import os
import pwd
import re
import secrets
from pathlib import Path

import bcrypt
from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import LocalAuthenticator
from jupyterhub.handlers import BaseHandler
from tornado import web
from traitlets import Integer, Unicode

USERNAME = re.compile(r"^[a-z][a-z0-9]{2,30}$")
ROLES = {"student", "teacher"}
# Codes are read off paper: no 0/O, 1/I/L or U. Twelve characters give about 59 bits, far beyond guessing.
CODE_LETTERS = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_GROUPS = 3


class ClassListError(ValueError):
    """The class list cannot be used; the message says which line and why."""


def read_class_list(path: str | os.PathLike) -> dict[str, set[str]]:
    """{'student': {...}, 'teacher': {...}} from a CSV with a header `username,role`.

    Usernames become Linux user names, so they are lower-case letters and digits, starting with a letter.
    """
    people: dict[str, set[str]] = {"student": set(), "teacher": set()}
    with open(path, newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if line.strip() and not line.lstrip().startswith("#"))
        if rows.fieldnames is None or not {"username", "role"} <= {f.strip() for f in rows.fieldnames}:
            raise ClassListError(f"{path}: the first line must be the header 'username,role'")
        for number, row in enumerate(rows, start=2):
            name = (row.get("username") or "").strip().lower()
            role = (row.get("role") or "student").strip().lower() or "student"
            if not USERNAME.match(name):
                raise ClassListError(
                    f"{path}, line {number}: '{name}' is not a usable user name "
                    "(3 to 31 lower-case letters or digits, starting with a letter)"
                )
            if role not in ROLES:
                raise ClassListError(f"{path}, line {number}: role '{role}' must be 'student' or 'teacher'")
            if any(name in names for names in people.values()):
                raise ClassListError(f"{path}, line {number}: '{name}' is listed twice")
            people[role].add(name)
    if not people["teacher"]:
        raise ClassListError(f"{path}: list at least one teacher (role 'teacher'), who becomes the hub's admin")
    return people


def new_code() -> str:
    """A fresh one-time code such as 7KQ4-M2XD-9PHT."""
    return "-".join("".join(secrets.choice(CODE_LETTERS) for _ in range(4)) for _ in range(CODE_GROUPS))


def tidy_code(typed: str) -> str:
    """The code as stored: upper case, no spaces, dashes between groups of four (students type it many ways)."""
    letters = re.sub(r"[^0-9A-Za-z]", "", typed).upper()
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def forget(dbm_path: str | os.PathLike, name: str) -> None:
    """Remove `name`'s entry (a code or a password hash) from a dbm store, if it has one."""
    with dbm.open(str(dbm_path), "c", 0o600) as db:
        if name.encode() in db:
            del db[name]


class CodeBook:
    """One-time codes by user name, kept as bcrypt hashes in a dbm file (mode 600) in the hub's private state."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = str(path)

    def issue(self, name: str) -> str:
        """A new code for `name`; any earlier code of theirs stops working."""
        code = new_code()
        with dbm.open(self.path, "c", 0o600) as db:
            db[name] = bcrypt.hashpw(code.encode(), bcrypt.gensalt())
        return code

    def matches(self, name: str, typed: str) -> bool:
        with dbm.open(self.path, "c", 0o600) as db:
            stored = db.get(name.encode())
        return stored is not None and bcrypt.checkpw(tidy_code(typed).encode(), stored)

    def forget(self, name: str) -> None:
        forget(self.path, name)

    def waiting(self) -> set[str]:
        """Names whose code has been issued and not used yet."""
        with dbm.open(self.path, "c", 0o600) as db:
            return {key.decode() for key in db.keys()}


def password_is_set(dbm_path: str | os.PathLike, name: str) -> bool:
    """True once `name` has chosen a password (FirstUseAuthenticator's store)."""
    with dbm.open(str(dbm_path), "c", 0o600) as db:
        return name.encode() in db


class ClassListAuthenticator(FirstUseAuthenticator, LocalAuthenticator):
    """Passwords chosen with a one-time code, for the class list's names only; a private system user for each."""

    codes_path = Unicode(help="The dbm file of one-time codes (hub state, mode 600)").tag(config=True)
    min_password_length = Integer(8).tag(config=True)

    @property
    def codes(self) -> CodeBook:
        return CodeBook(self.codes_path)

    def has_password(self, name: str) -> bool:
        return password_is_set(self.dbm_path, name)

    def forget_password(self, name: str) -> None:
        forget(self.dbm_path, name)

    def listed(self, name: str) -> bool:
        return name in self.allowed_users or name in self.admin_users

    async def authenticate(self, handler, data):
        """The stored password, or nothing: a name with no password yet never sets one here (no first use)."""
        name = self.normalize_username(data.get("username", ""))
        if not self.listed(name) or not self.has_password(name):
            return None
        return await super().authenticate(handler, data)

    def join(self, name: str, code: str, password: str, again: str) -> str | None:
        """Set `name`'s password with their one-time code, which is then used up. None if done, else what is wrong."""
        if not self.listed(name) or not code.strip() or not self.codes.matches(name, code):
            return "That name and code do not match. Check both on your slip, or ask your teacher for a new code."
        if len(password) < self.min_password_length:
            return f"Choose a password of at least {self.min_password_length} characters."
        if password != again:
            return "The two passwords are not the same. Type the same password twice."
        if tidy_code(password) == tidy_code(code):
            return "Choose your own password, not the code on your slip."
        self.reset_password(name, password)
        self.codes.forget(name)
        return None

    def new_code_for(self, name: str) -> str:
        """A new one-time code for a listed person; their old password stops working at once (no restart)."""
        code = self.codes.issue(name)
        self.forget_password(name)
        return code

    def delete_user(self, user) -> None:
        """Deleting a user in the admin page also removes their code; their password goes as in FirstUse."""
        self.codes.forget(user.name)
        super().delete_user(user)

    def add_system_user(self, user) -> None:
        super().add_system_user(user)
        home = Path(pwd.getpwnam(user.name).pw_dir)
        if home.is_dir():
            home.chmod(0o700)

    def get_handlers(self, app):
        return super().get_handlers(app) + [(r"/join", JoinHandler), (r"/class-codes", ClassCodesHandler)]


class JoinHandler(BaseHandler):
    """The first visit: name, the one-time code from the teacher, and a password the student chooses (twice)."""

    async def get(self):
        self.finish(await self.render_template("join.html", error="", username=""))

    async def post(self):
        name = self.authenticator.normalize_username(self.get_body_argument("username", ""))
        password = self.get_body_argument("password", "", strip=False)
        problem = self.authenticator.join(
            name,
            self.get_body_argument("code", ""),
            password,
            self.get_body_argument("again", "", strip=False),
        )
        if problem is None:
            user = await self.login_user({"username": name, "password": password})
            if user is not None:
                self.redirect(self.get_next_url(user))
                return
            problem = "Your password is set, but signing in failed. Sign in on the sign-in page."
        self.log.warning("Join refused for %r: %s", name[:32], problem)
        self.set_status(403)
        self.finish(await self.render_template("join.html", error=problem, username=name))


class ClassCodesHandler(BaseHandler):
    """For the hub's admins (the teachers): who has joined, and new one-time codes to print or hand out."""

    def admin_only(self):
        user = self.current_user
        if user is None:
            raise web.HTTPError(403)
        if not user.admin:
            raise web.HTTPError(403, "Only the teacher can open this page.")
        return user

    def people(self) -> list[dict]:
        auth = self.authenticator
        waiting = auth.codes.waiting()
        rows = []
        for name in sorted(auth.allowed_users | auth.admin_users):
            state = "joined" if auth.has_password(name) else ("code not used yet" if name in waiting else "no code yet")
            rows.append({"name": name, "teacher": name in auth.admin_users, "state": state})
        return rows

    def page(self, slips: list[dict]):
        join_url = f"{self.request.protocol}://{self.request.host}{self.hub.base_url}join"
        return self.render_template("class-codes.html", people=self.people(), slips=slips, join_url=join_url)

    @web.authenticated
    async def get(self):
        self.admin_only()
        self.finish(await self.page(slips=[]))

    @web.authenticated
    async def post(self):
        me = self.admin_only()
        auth = self.authenticator
        wanted = self.get_body_argument("name", "")
        if wanted == "*waiting*":
            names = [p["name"] for p in self.people() if p["state"] != "joined" and not p["teacher"]]
        else:
            names = [auth.normalize_username(wanted)]
        names = [n for n in names if auth.listed(n) and n != me.name]
        slips = [{"name": n, "code": auth.new_code_for(n)} for n in names]
        self.log.info("%s issued new codes for %s", me.name, ", ".join(names) or "nobody")
        self.finish(await self.page(slips=slips))


def slip_sheet(slips: dict[str, str], hub_url: str) -> str:
    """A printable HTML page of code slips, as the set-up writes it for the teacher (root-only file)."""
    rows = "".join(
        f"<div class='slip'><p>Plate Trails class server: <b>{html.escape(hub_url)}/hub/join</b></p>"
        f"<p>Your name: <b>{html.escape(name)}</b></p><p>Your one-time code: <b class='code'>{html.escape(code)}"
        "</b></p><p>Open the page, type your name and this code, and choose your own password.</p></div>"
        for name, code in sorted(slips.items())
    )
    style = (
        "body{font:18px sans-serif} .slip{border:1px dashed #444;padding:8px 16px;margin:8px 0;"
        "page-break-inside:avoid} .code{font:24px monospace;letter-spacing:2px}"
    )
    return f"<!doctype html><html lang='en'><meta charset='utf-8'><title>Class codes</title><style>{style}</style>{rows}</html>"
