"""Notebook 06, take a stand: its shape, its stated time, and a run in a fresh kernel that saves into a temporary
folder (never into notebooks/), including a run that finds a damaged save file."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from platetrails import position_file, positions
from tests.support.notebooks import NOTEBOOK_DIR, execute
from tests.support.readability import notebook_prose

PATH = NOTEBOOK_DIR / "06_take_a_stand.ipynb"


@pytest.fixture(scope="module")
def nb() -> nbformat.NotebookNode:
    return nbformat.read(PATH, as_version=4)


def paragraph(source: str, start: str) -> str:
    return next(p for p in source.split("\n\n") if p.startswith(start))


def test_the_first_cell_has_goals_time_and_the_same_how_to_paragraphs_as_notebook_02(nb) -> None:
    first = nb.cells[0].source
    model = nbformat.read(NOTEBOOK_DIR / "02_the_mosaic.ipynb", as_version=4).cells[0].source
    for start in ("**How to run this notebook:**", "**How to answer:**"):
        assert paragraph(first, start) == paragraph(model, start)
    assert first.startswith("# Take a stand") and "**What you will learn**" in first
    assert 2 <= first.count("\n- ") <= 4, "two to four goals"


def test_the_stated_time_follows_the_method_and_fits_one_class(nb) -> None:
    first = nb.cells[0].source
    found = re.search(
        r"about (\d+) minutes: about (\d+) minutes of reading \(([\d,]+) words at 150 words a minute\), "
        r"(\d) widget tasks at 3 minutes each, (\d+) minutes of writing, and (\d) discussion prompts at 4 minutes each",
        first,
    )
    assert found, "the Time line states its method"
    total, read, words, tasks, writing, prompts = (int(g.replace(",", "")) for g in found.groups())
    counted = len(re.findall(r"[A-Za-z][A-Za-z']*", notebook_prose(PATH)))
    assert abs(words - counted) <= 60 and read == round(words / 150)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    assert prompts == sum(s.count("**Discuss:**") for s in markdown)
    widgets_shown = [c for c in nb.cells if c.cell_type == "code" and "widgets." in c.source]
    # + the button; a send box (widgets.answer_box) is a place to write, not a widget task
    assert tasks == sum(1 for c in widgets_shown if "widgets.answer_box(" not in c.source) + 1
    assert total == read + 3 * tasks + writing + 4 * prompts and total <= 50


def test_setup_is_hidden_and_every_section_asks_before_it_shows(nb) -> None:
    setup = nb.cells[1]
    assert setup.cell_type == "code" and setup.metadata == {"jupyter": {"source_hidden": True}, "tags": ["setup"]}
    assert "lab.start()" in setup.source and "EvidenceCatalogue" in setup.source
    sources = [c.source for c in nb.cells]
    assert any(s.startswith('widgets.answer_box("06-predict') for s in sources)  # the prediction's send box
    assert sum(s.startswith("*Your answer") for s in sources) >= 5
    for c in nb.cells:
        if c.cell_type == "code" and c is not setup:
            assert len(c.source.splitlines()) <= 2, "notebooks hold one-line calls"
    text = "\n".join(sources)
    for heading in ("## Key points", "## Discussion questions", "## Sources"):
        assert heading in text
    for position in positions.POSITIONS.values():  # every place on the line is spelled out for students
        assert f"**{position[0]}.** {position[1]}" in text
    assert "https://sacramento.cbslocal.com/2018/01/27/ice-license-plate-tracking-deal/" in text
    assert "saved as you type" in text and "my_stand.json" in text and "3,000" in text


def widget_text(run) -> str:
    return json.dumps(run.notebook.metadata.get("widgets", {}))


def test_the_notebook_runs_and_saves_only_into_the_folder_it_is_given(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(position_file.FOLDER_VAR, str(tmp_path))
    before = set(NOTEBOOK_DIR.iterdir())
    run = execute(PATH)
    assert run.errors == [] and run.network_attempts == []
    assert set(NOTEBOOK_DIR.iterdir()) == before, "the run left a file in notebooks/"
    assert list(tmp_path.iterdir()) == []  # opening the stand writes nothing until the student changes it
    outputs = json.dumps([c.get("outputs", []) for c in run.notebook.cells])
    state = widget_text(run)
    assert "Save my stand" in state and "I stand at:" in state and "Your stand is saved in my_stand.json" in state
    assert "A trial: readers find more stolen cars" in outputs  # the evidence table
    assert "data:image/png;base64" in state  # the pictures, drawn in the widgets
    for link in ("nij.ojp.gov", "gazetteleader.com", "10news.com", "eff.org", "wired.com"):
        assert link in outputs, f"a source link is missing from the evidence table: {link}"
    status = subprocess.run(
        ["git", "status", "--porcelain", "notebooks"], cwd=NOTEBOOK_DIR.parent, capture_output=True, text=True
    )
    assert "my_stand" not in status.stdout


def test_a_saved_stand_comes_back_and_a_damaged_one_is_a_plain_message(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(position_file.FOLDER_VAR, str(tmp_path))
    position_file.save_stand(
        position_file.Stand("alerts_only", ("not_hits", "mesa_trial"), "Saved <b>words</b>", "A rebuttal"), tmp_path
    )
    run = execute(PATH)
    assert run.errors == [] and "is back: Hot-list alerts only, 2 pieces of evidence" in widget_text(run)
    assert "Saved <b>words</b>" in widget_text(run)  # back in the text area, as typed
    (tmp_path / "my_stand.json").write_text("{ half a file")
    run = execute(PATH)
    state = widget_text(run)
    assert run.errors == [] and "could not be read, so it was kept aside" in state and "Traceback" not in state
    assert len(list(tmp_path.glob("my_stand.damaged-*.json"))) == 1
