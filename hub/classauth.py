"""The class hub's login: first-use passwords for the names on a class list, one system user per student.

Runs inside the hub (hub/.venv), imported by hub/jupyterhub_config.py.

- `read_class_list(path)` reads the teacher's CSV (columns `username,role`; role is `student` or `teacher`).
- `ClassListAuthenticator` is FirstUseAuthenticator (each person picks a password the first time they log in;
  only names on the class list may log in) combined with LocalAuthenticator (the hub creates a system user for
  each name, so each student's files belong to that student). Homes are made private (mode 700).
"""

from __future__ import annotations

import csv
import os
import pwd
import re
from pathlib import Path

from firstuseauthenticator import FirstUseAuthenticator
from jupyterhub.auth import LocalAuthenticator

USERNAME = re.compile(r"^[a-z][a-z0-9]{2,30}$")
ROLES = {"student", "teacher"}


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


class ClassListAuthenticator(FirstUseAuthenticator, LocalAuthenticator):
    """First-use passwords for listed names only, and a private system user (home mode 700) for each."""

    def add_system_user(self, user):
        super().add_system_user(user)
        home = Path(pwd.getpwnam(user.name).pw_dir)
        if home.is_dir():
            home.chmod(0o700)
