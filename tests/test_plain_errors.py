"""Errors a student can meet become one plain sentence, worded for where the lab runs (laptop or class hub)."""

from __future__ import annotations

import errno

import pytest
from IPython.core.interactiveshell import InteractiveShell

from platetrails import plain_errors
from platetrails.data import DataFileError


@pytest.fixture
def shell(monkeypatch) -> InteractiveShell:
    """An IPython shell with the handler installed; what the notebook would show is kept in `shell.sent`."""
    shell = InteractiveShell.instance()
    plain_errors.install(shell)
    shell.sent = []
    shell.user_ns["DataFileError"] = DataFileError
    monkeypatch.setattr(plain_errors, "display", lambda shown: shell.sent.append(shown.data))
    monkeypatch.setattr(shell, "_showtraceback", lambda etype, value, stb: shell.sent.append("\n".join(stb)))
    yield shell
    shell.set_custom_exc((), None)


def shown(shell: InteractiveShell, code: str, capsys=None) -> str:
    """The text a notebook would show under this cell."""
    shell.sent.clear()
    result = shell.run_cell(code)
    assert result.error_in_exec is not None, "the cell failed"
    return "\n".join(shell.sent)


def test_on_the_class_hub_a_memory_error_names_the_limit_and_no_traceback_is_shown(shell, capsys, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "ptstudent01")
    monkeypatch.setenv("MEM_LIMIT", str(1024**3))
    out = shown(shell, "raise MemoryError()", capsys)
    assert "more memory than one person may use on the class server (1 GiB)" in out
    assert "Traceback" not in out and "raise MemoryError" not in out


def test_on_a_laptop_the_messages_speak_of_this_computer_and_never_of_a_teacher(shell, capsys, monkeypatch) -> None:
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    assert "this computer" in shown(shell, "raise MemoryError()", capsys)
    out = shown(shell, "raise DataFileError('The data file x.csv is missing.', 'Rebuild it with: make data')", capsys)
    assert out.startswith("**The data file x.csv is missing.") and "make data" in out and "teacher" not in out


def test_on_the_hub_a_data_problem_says_ask_the_teacher_not_a_command(shell, capsys, monkeypatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "ptstudent01")
    out = shown(shell, "raise DataFileError('The data file x.csv is missing.', 'Rebuild it with: make data')", capsys)
    assert "x.csv is missing" in out and "Ask your teacher" in out
    assert "make data" not in out and "Traceback" not in out


@pytest.mark.parametrize(
    "code, words",
    [
        (f"raise OSError({errno.ENOSPC}, 'No space left on device')", "Your folder is full"),
        (f"raise BlockingIOError({errno.EAGAIN}, 'Resource temporarily unavailable')", "more programs at once"),
        ('raise RuntimeError("can\'t start new thread")', "more programs at once"),
    ],
)
def test_a_full_folder_and_too_many_processes_get_their_own_sentence(shell, capsys, code: str, words: str) -> None:
    out = shown(shell, code, capsys)
    assert words in out and "Traceback" not in out


def test_any_other_error_keeps_its_usual_traceback(shell, capsys) -> None:
    out = shown(shell, "raise RuntimeError('something else')", capsys)
    assert "RuntimeError" in out and "something else" in out
    out = shown(shell, "open('/nonexistent/folder/file')", capsys)
    assert "FileNotFoundError" in out
