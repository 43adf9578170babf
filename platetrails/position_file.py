"""A student's stand (position, chosen evidence ids, reasoning, rebuttal) kept in a small JSON file.

Written atomically, so a kernel restart loses nothing. Each person has their own file: `my_stand.json` beside the
notebook on one's own computer or one's own hub server, and one file per page, named by a code the page shows,
on a Voila server that a class shares (`find_place`). A save never replaces a file that changed after the
page read it: it writes a second file beside it, and both are kept. A damaged file is set aside under a new
name, never lost and never a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from platetrails.i18n import _, _n
from platetrails.positions import position_label
from platetrails.save_files import (
    CODE_PATTERN,
    HUB_VAR,
    fingerprint,
    folder_from,
    folder_lock,
    kept_apart_path,
    new_code,
    on_shared_page,
    set_aside,
    write_atomically,
)

SAVE_NAME = "my_stand.json"
PAGE_NAME = "my_stand.html"
FOLDER_VAR = "PLATETRAILS_STAND_DIR"  # where the stand is saved, if set (tests set it); else the working folder
PAGE_FOLDER = "my_stands"  # on a shared Voila server: one file per page, named by the page's code
MAX_CHARS = 3000  # the most of one answer that the page holds; everything typed is still kept in the save file
MAX_NAME = 80

# --- The stand and its save file ------------------------------------------------------------------


@dataclass(frozen=True)
class Stand:
    """What a student has written: everything typed is kept whole here and in the save file."""

    position: str = ""
    evidence: tuple[str, ...] = ()
    reasoning: str = ""
    rebuttal: str = ""
    name: str = ""
    saved_at: str = field(default="", compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "evidence": list(self.evidence),
            "reasoning": self.reasoning,
            "rebuttal": self.rebuttal,
            "name": self.name,
            "saved_at": self.saved_at,
            "format": 1,
        }

    @classmethod
    def from_dict(cls, raw: Any) -> Stand:
        """A stand from a saved file's contents; anything of the wrong shape raises ValueError."""
        if not isinstance(raw, dict):
            raise ValueError("not a JSON object")
        text = {k: raw.get(k, "") for k in ("position", "reasoning", "rebuttal", "name", "saved_at")}
        if not all(isinstance(v, str) for v in text.values()):
            raise ValueError("a text field is not text")
        evidence = raw.get("evidence", [])
        if not isinstance(evidence, list) or not all(isinstance(e, str) for e in evidence):
            raise ValueError("evidence is not a list of ids")
        return cls(evidence=tuple(evidence), **text)


def save_folder(folder: Path | str | None = None) -> Path:
    """Where the stand and its page go: the folder given, else $PLATETRAILS_STAND_DIR, else the working folder.

    In JupyterLab, Notebook 7 and Voila the kernel's working folder is the notebook's own folder.
    """
    return folder_from(folder, FOLDER_VAR)


# --- Whose file: one per person ------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where one page keeps its stand: a file name inside the save folder, and what kind of place it is.

    kind: "own" (a notebook on one person's computer: `my_stand.json` beside it), "hub" (a student's own server
    on a class hub, in their own home: `my_stand.json` beside their copy), or "page" (a Voila server that anyone
    with the link can open: each page keeps its own file, named by a short code the page shows).
    """

    kind: str
    name: str = SAVE_NAME  # relative to the save folder
    code: str = ""  # on a shared page: the page's stand code


def clean_code(typed: str) -> str:
    """The code as typed, in capitals without spaces; "" if it is not a stand code."""
    code = "".join(str(typed).split()).upper()
    return code if CODE_PATTERN.fullmatch(code) else ""


def page_place(code: str) -> Place:
    return Place("page", f"{PAGE_FOLDER}/stand-{code}.json", code)


def find_place(env: Mapping[str, str] | None = None) -> Place:
    """Where this kernel's stand goes: a new page code on a shared Voila server, else `my_stand.json`."""
    env = os.environ if env is None else env
    if on_shared_page(env):
        return page_place(new_code())
    return Place("hub" if env.get(HUB_VAR) else "own")


# --- The save file: read when shown, never written over a newer one ---------------------------------


class Loaded(NamedTuple):
    stand: Stand
    message: str
    version: str  # the file's fingerprint when it was read; "" if there was no file


class Saved(NamedTuple):
    path: Path
    version: str  # the fingerprint of what was written
    kept_apart: bool  # the file had changed since it was read, so this stand went to a new file beside it


def save_stand(
    stand: Stand, folder: Path | str | None = None, name: str = SAVE_NAME, expected: str | None = None
) -> Saved:
    """Save the stand atomically as `name` in the folder.

    `expected` is the fingerprint of the file as this page last read or wrote it ("" for no file). If the file
    has changed since (another page or kernel saved it), it is left as it is, and this stand is written to a
    new file beside it: both are kept. With `expected=None` the file is simply replaced.
    """
    stamped = Stand(stand.position, stand.evidence, stand.reasoning, stand.rebuttal, stand.name, now())
    text = json.dumps(stamped.to_dict(), ensure_ascii=False, indent=1)
    path = save_folder(folder) / name
    with folder_lock(path.parent):
        kept_apart = expected is not None and fingerprint(path) != expected
        if kept_apart:
            path = kept_apart_path(path)
        write_atomically(path, text)
        return Saved(path, fingerprint(path), kept_apart)


def now() -> str:
    return datetime.now().strftime("%Y-%m-%d %H:%M")


def what_came_back(stand: Stand) -> str:
    """What a loaded stand holds, counted, so the student can see at once whether it is all there."""
    pieces = _n("{n} piece of evidence", "{n} pieces of evidence", len(stand.evidence)).format(n=len(stand.evidence))
    return _(
        "Your stand saved at {when} is back: {position}, {pieces}, reasoning {r} words, rebuttal {b} words."
    ).format(
        when=stand.saved_at or "?",
        position=position_label(stand.position) or _("no position"),
        pieces=pieces,
        r=len(stand.reasoning.split()),
        b=len(stand.rebuttal.split()),
    )


def load_stand(folder: Path | str | None = None, name: str = SAVE_NAME) -> Loaded:
    """The saved stand, a plain message and the file's fingerprint. No file: an empty stand. A damaged file is
    renamed, not lost."""
    path = save_folder(folder) / name
    try:
        version = fingerprint(path)
    except OSError:
        message = _("Your saved stand ({file}) could not be opened. Ask your teacher to look at it.")
        return Loaded(Stand(), message.format(file=path.name), "")
    if not version:
        return Loaded(Stand(), "", "")
    try:
        stand = Stand.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, UnicodeDecodeError, ValueError):
        kept = set_aside(path)
        if kept is None:
            return Loaded(
                Stand(),
                _(
                    "Your saved stand ({file}) could not be read, and could not be moved aside. Ask your teacher to "
                    "look at it. You can start again below."
                ).format(file=path.name),
                version,
            )
        return Loaded(
            Stand(),
            _(
                "Your saved stand could not be read, so it was kept aside as {kept} (nothing was deleted). "
                "You can start again below, or ask your teacher to look at that file."
            ).format(kept=kept.name),
            "",
        )
    return Loaded(stand, what_came_back(stand), version)
