"""Every notebook in notebooks/: stored clean, and runs top to bottom in a fresh kernel without errors or network.

The tests that start a kernel carry the `notebook` marker ('make test-fast' leaves them out); the checks of
the stored files take milliseconds and stay in the fast tier.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from tests.support.notebooks import NOTEBOOK_DIR, all_notebooks, execute, executed, translated_notebooks

NOTEBOOKS = all_notebooks()
EDITIONS = translated_notebooks()  # built from the catalogues: notebooks/es/ (tests/test_notebook_catalogue.py)
PERSONAL_KEYS = {"colab", "authors", "author", "widgets", "vscode", "toc", "collapsed_sections"}


def test_there_are_notebooks() -> None:
    assert any(p.name.startswith("00_") for p in NOTEBOOKS)


@pytest.mark.parametrize("path", NOTEBOOKS + EDITIONS, ids=lambda p: p.relative_to(NOTEBOOK_DIR).as_posix())
def test_notebook_is_stored_clean(path: Path) -> None:
    assert " " not in path.name
    assert path.stat().st_size < 1_000_000
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"cell {i} has stored outputs"
            assert cell.execution_count is None, f"cell {i} has an execution count"
        assert not set(cell.metadata) & PERSONAL_KEYS, f"cell {i} carries personal or widget metadata"
    assert not set(nb.metadata) & PERSONAL_KEYS
    edition = {"language"} if path.parent != NOTEBOOK_DIR else set()  # a translation names its language
    assert set(nb.metadata) <= {"kernelspec", "language_info"} | edition
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert len(re.findall(r"(?m)^# ", markdown)) == 1, "one H1 per notebook"
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    levels = [len(m) for m in re.findall(r"(?m)^(#+) ", markdown)]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"
    answer = {"es": "Tu respuesta"}.get(nb.metadata.get("language"), "Your answer")
    assert answer in markdown, "students need somewhere to write"
    assert "Run All" in nb.cells[0].source


@pytest.mark.notebook  # runs a kernel
@pytest.mark.parametrize("path", NOTEBOOKS + EDITIONS, ids=lambda p: p.relative_to(NOTEBOOK_DIR).as_posix())
def test_notebook_runs_top_to_bottom_without_errors_or_network(path: Path) -> None:
    run = executed(path)
    assert run.errors == []
    assert run.network_attempts == []
    code = [c for c in run.notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), "every code cell ran"
    assert sum(1 for c in code for o in c.outputs if "image/png" in o.get("data", {})) + len(
        run.notebook.metadata.get("widgets", {})
    ), "the notebook shows at least one figure or widget"


@pytest.mark.notebook  # runs a kernel
def test_the_harness_catches_errors_and_network_use(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import socket\ntry:\n    socket.create_connection(('192.0.2.1', 80), timeout=1)\nexcept OSError:\n    pass"
        ),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, path)
    run = execute(path)
    assert run.network_attempts and "192.0.2.1" in run.network_attempts[0]
    assert any("ZeroDivisionError" in e for e in run.errors)


def test_notebooks_never_name_this_machine() -> None:
    for path in all_notebooks():
        text = path.read_text()
        for machine_path in (str(NOTEBOOK_DIR.parent.parent), str(Path.home())):
            assert machine_path + "/" not in text, f"{path.name} names a folder of this machine"
        assert json.loads(text)["nbformat"] == 4
    assert NOTEBOOK_DIR.is_dir()


@pytest.mark.notebook  # runs a kernel
def test_a_missing_data_file_shows_one_plain_sentence_in_a_notebook(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from pathlib import Path\nfrom platetrails import data, lab\n"
            f"data.DATA_DIR = Path({str(tmp_path / 'nowhere')!r})\ntown = lab.start()"
        ),
        nbformat.v4.new_code_cell("print('after')"),
    ]
    path = tmp_path / "missing.ipynb"
    nbformat.write(nb, path)
    run = execute(path)
    first = run.notebook.cells[0].outputs
    text = json.dumps(first)
    assert "is missing" in text and "make data" in text
    assert "Traceback" not in text and not any(o.get("output_type") == "error" for o in first)
