"""A student's small save files (the stand, the typed answers): where they go, written whole or not at all, and a
damaged one set aside rather than lost.

Each person has their own file: beside the notebook on one's own computer or one's own hub server, and one file
per page, named by a short code, on a Voila server that a class shares (`on_shared_page`).
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

HUB_VAR = "JUPYTERHUB_USER"  # set on a class hub, where each student has their own server and home
CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
CODE_PATTERN = re.compile(f"[{CODE_LETTERS}]{{{CODE_LENGTH}}}")


def folder_from(folder: Path | str | None, variable: str) -> Path:
    """The folder given, else the one in the environment variable (tests set it), else the working folder.

    In JupyterLab, Notebook 7 and Voila the kernel's working folder is the notebook's own folder.
    """
    if folder is not None:
        return Path(folder)
    return Path(os.environ.get(variable) or Path.cwd())


def on_shared_page(env: Mapping[str, str] | None = None) -> bool:
    """True in a kernel of a Voila server that several people may open at once.

    Only a stand-alone Voila server runs notebooks ahead of time (VOILA_PREHEAT=True), and it serves whoever
    has its link. On a class hub (JUPYTERHUB_USER set) Voila runs inside one student's own server instead.
    """
    env = os.environ if env is None else env
    if env.get("VOILA_PREHEAT") == "True":
        return True
    if env.get(HUB_VAR):
        return False
    return "VOILA_PREHEAT" in env or env.get("SERVER_SOFTWARE", "").startswith("voila")


def new_code() -> str:
    """A short code for one page's file, easy to copy by hand (no 0/O or 1/I)."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def write_atomically(path: Path, text: str) -> Path:
    """Write a text file whole or not at all: a temporary file in the same folder, then a rename over the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return path


def fingerprint(path: Path) -> str:
    """A fingerprint of the file as it is now ("" if there is none): a save compares it with the one it read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return ""


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Only one kernel at a time checks and replaces a file in this folder (where the system allows a lock)."""
    folder.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover - Windows: the check and the rename are still one quick step
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def stamp() -> str:
    """The time now for a file name: 20260101-101500."""
    return datetime.now().strftime("%Y%m%d-%H%M%S")


def kept_apart_path(path: Path) -> Path:
    """A new name beside `path` for a save that must not overwrite it: my_stand.kept-20260101-101500.json."""
    when = stamp()
    candidate = path.with_name(f"{path.stem}.kept-{when}.json")
    n = 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}.kept-{when}-{n}.json")
        n += 1
    return candidate


def set_aside(path: Path) -> Path | None:
    """Rename a damaged file to `<stem>.damaged-<stamp>.json` beside it (nothing is deleted); None if it cannot be
    moved."""
    kept = path.with_name(f"{path.stem}.damaged-{stamp()}.json")
    try:
        path.replace(kept)
    except OSError:
        return None
    return kept
