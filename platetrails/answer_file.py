"""What a student typed and chose for each question, and what they last sent, kept in `my_answers.json`.

Saved on every change, written atomically, so a rerun or a restart loses nothing. One file per person, in the same
places as the stand (`save_files`): beside the notebook on one's own computer or hub server, and on a Voila server
that a class shares one file per page (named by a code made once per kernel, so two pages never mix). Each save
reads the file again under a lock and changes only its own question, so several boxes on one page share the file.
A damaged file is set aside, never lost and never a traceback.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from platetrails.i18n import _
from platetrails.save_files import folder_from, folder_lock, new_code, on_shared_page, set_aside, write_atomically

SAVE_NAME = "my_answers.json"
FOLDER_VAR = "PLATETRAILS_ANSWERS_DIR"  # where the answers are saved, if set (tests set it); else the working folder
PAGE_FOLDER = "my_answers"  # on a shared Voila server: one file per page

_page_name: str | None = None  # this kernel's file on a shared Voila server, made once


@dataclass(frozen=True)
class Kept:
    """One question's typed text and choice, and what was last sent to the teacher (empty if nothing)."""

    answer: str = ""
    choice: str | None = None
    sent_answer: str = ""
    sent_choice: str | None = None
    sent_at: str = ""  # ISO-8601 UTC, as the class server said

    @classmethod
    def from_dict(cls, raw: Any) -> Kept:
        if not isinstance(raw, dict):
            raise ValueError("not an object")
        fields = {k: raw.get(k, "") for k in ("answer", "sent_answer", "sent_at")}
        choices = {k: raw.get(k) for k in ("choice", "sent_choice")}
        if not all(isinstance(v, str) for v in fields.values()):
            raise ValueError("a text field is not text")
        if not all(v is None or isinstance(v, str) for v in choices.values()):
            raise ValueError("a choice is not text")
        return cls(**fields, **choices)


def save_folder(folder: Path | str | None = None) -> Path:
    """The folder given, else $PLATETRAILS_ANSWERS_DIR, else the working folder (the notebook's own)."""
    return folder_from(folder, FOLDER_VAR)


def file_name(env: Mapping[str, str] | None = None) -> str:
    """This kernel's file: `my_answers.json`, or on a shared Voila server `my_answers/answers-<code>.json`."""
    global _page_name
    env = os.environ if env is None else env
    if not on_shared_page(env):
        return SAVE_NAME
    if _page_name is None:
        _page_name = f"{PAGE_FOLDER}/answers-{new_code()}.json"
    return _page_name


def read_all(path: Path) -> tuple[dict[str, Kept], str]:
    """Every question's kept answer in the file, and a plain message ("" when all is well). A damaged file is
    set aside and reading starts afresh."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, ""
    except (OSError, UnicodeDecodeError):
        text = ""
    try:
        raw = json.loads(text)
        if not isinstance(raw, dict) or not isinstance(raw.get("answers", {}), dict):
            raise ValueError("not an answers file")
        return {str(q): Kept.from_dict(v) for q, v in raw.get("answers", {}).items()}, ""
    except ValueError:
        kept = set_aside(path)
        if kept is None:
            return {}, _(
                "Your saved answers ({file}) could not be read. Ask your teacher to look at that file."
            ).format(file=path.name)
        return {}, _(
            "Your saved answers could not be read, so they were kept aside as {kept} (nothing was deleted)."
        ).format(kept=kept.name)


def load_answer(question: str, folder: Path | str | None = None, name: str | None = None) -> tuple[Kept, str]:
    """What was kept for one question (empty if nothing), and a plain message if the file was damaged."""
    path = save_folder(folder) / (name or file_name())
    answers, message = read_all(path)
    return answers.get(question, Kept()), message


def save_answer(question: str, kept: Kept, folder: Path | str | None = None, name: str | None = None) -> Path:
    """Keep one question's answer, leaving the others in the file as they are."""
    path = save_folder(folder) / (name or file_name())
    with folder_lock(path.parent):
        answers, _message = read_all(path)
        answers[question] = kept
        text = json.dumps(
            {"format": 1, "answers": {q: asdict(k) for q, k in sorted(answers.items())}}, ensure_ascii=False, indent=1
        )
        return write_atomically(path, text)
