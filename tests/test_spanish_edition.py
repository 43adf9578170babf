"""The Spanish edition: a complete catalogue, and no English left in what a student reads in Spanish.

Quotes from the story and its sources stay in English (each followed by its marked translation), as do names and
links; everything else a student reads (the notebooks' prose, every widget's controls, sentences, figures and their
text descriptions, the notebooks' outputs) is checked for English sentences with tests/support/english_left.py.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import nbformat
import pytest
from babel.messages.pofile import read_po

from platetrails import answer_key as truth
from platetrails import lab, markdown_catalogue, style
from platetrails.facts import load_facts
from platetrails.i18n import LOCALE_DIR, using_language
from platetrails.widgets import registry
from tests.support.english_left import english_sentences, is_english, readable, widget_texts
from tests.support.notebooks import executed, translated_notebooks


@pytest.fixture(scope="module")
def facts():
    return load_facts()


@pytest.fixture(scope="module")
def cars(answer_key):
    return truth.case_plates(answer_key)


SPANISH_NOTEBOOKS = [p for p in translated_notebooks() if p.parent.name == "es"]
ENGLISH_DATES = re.compile(
    r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July|August"
    r"|September|October|November|December|Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov"
    r"|Dec)\b"
)


def english_dates(texts) -> list[str]:
    """English day or month names outside quotes, links and code (a citation's date sits in its link)."""
    return [m.group(0) for text in texts for m in ENGLISH_DATES.finditer(readable(text))]


# ------------------------------------------------------------------------------------------------ the check


@pytest.mark.parametrize(
    "text",
    [
        "The city keeps every read for 30 days, and the county shares them.",
        "Mueve el control. The reads are kept for a year.",
        "<b>How far back</b> can it search?",
        "<table><tr><td>Ley de 2015</td><td>The city keeps every read for 30 days.</td></tr></table>",
        "ICE is not seeking to build a database, and will not collect data.",
    ],
)
def test_the_check_finds_english_sentences(text: str) -> None:
    assert list(english_sentences([text])), text


@pytest.mark.parametrize(
    "text",
    [
        'Harp dijo que la información "is actually public" (en español: «es realmente pública»).',
        "El Servicio de Inmigración y Control de Aduanas (ICE, Immigration and Customs Enforcement) compra acceso.",
        "Lee la nota ([ACLU, You Are Being Tracked](https://www.aclu.org/x)) y la ley de Alder Falls.",
        "<td><a href='https://x.org'>Cybernews (reporting the reading of the logs), 2025</a></td>",
        "La Policía de Alder Falls y el Sheriff del condado de Larch comparten sus lecturas con PlateVault.",
        "<table><tr><td>Supreme Court of the United States, 2012-01-23</td><td>Center for Democracy & Technology</td>"
        "<td>Una ley de California</td></tr></table>",
        "En *United States v. Knotts* (1983), la Corte Suprema dijo que seguir un auto no era un registro.",
    ],
)
def test_the_check_lets_quotes_names_and_links_stay_english(text: str) -> None:
    assert list(english_sentences([text])) == []


def test_the_check_sees_english_dates_outside_links() -> None:
    assert english_dates(["La alerta llegó el Tuesday 05 November."]) == ["Tuesday", "November"]
    assert english_dates(["([CBS13, Jan. 27, 2018](https://example.org))"]) == []


# ------------------------------------------------------------------------------------------- the catalogues


def test_the_spanish_package_catalogue_is_complete_with_nothing_fuzzy() -> None:
    with open(LOCALE_DIR / "es" / "LC_MESSAGES" / "platetrails.po", "rb") as f:
        catalog = read_po(f)
    messages = [m for m in catalog if m.id]
    untranslated = [m.id for m in messages if not all(m.string if isinstance(m.string, tuple) else [m.string])]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert untranslated == [] and fuzzy == [], (len(untranslated), untranslated[:5], len(fuzzy), fuzzy[:5])


def test_every_spanish_notebook_part_is_translated_and_reviewed() -> None:
    out = io.StringIO()
    assert markdown_catalogue.check(strict=True, out=out) == 0, out.getvalue()[-3000:]


def test_all_seven_notebooks_have_a_spanish_edition() -> None:
    english = sorted(p.name for p in markdown_catalogue.english_notebooks())
    assert len(english) == 7 and sorted(p.name for p in SPANISH_NOTEBOOKS) == english


def test_the_spanish_notebooks_prose_is_spanish() -> None:
    for path in SPANISH_NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        prose = [c.source for c in nb.cells if c.cell_type == "markdown"]
        assert list(english_sentences(prose)) == [], path.name
        assert english_dates(prose) == [], path.name


# ---------------------------------------------------------------------------------------------- the widgets


def test_every_widget_state_reads_in_spanish(town_data, answer_key, facts, cars) -> None:
    from tests.test_structure import drawn_texts, every_figure, every_state

    with using_language("es"):
        sentences = [describe(state) for state, _draw, describe in every_state(town_data, answer_key, facts, cars)]
        figures = every_figure(town_data, answer_key, facts, cars)
        pictures = [t.get_text() for fig in figures for t in drawn_texts(fig)]
        descriptions = [style.description_of(fig) for fig in figures]
    for kind, texts in (("sentence", sentences), ("figure text", pictures), ("text description", descriptions)):
        assert list(english_sentences(texts)) == [], kind
        assert english_dates(texts) == [], kind


def test_every_registered_widget_shows_its_controls_and_sentence_in_spanish(town_data, answer_key, facts, cars):
    made = {"town": town_data, "key": answer_key, "facts": facts, "cars": cars}
    with using_language("es"):
        texts = {name: list(widget_texts(lab.build_widget(name, made))) for name in registry.names()}
    for name, shown in texts.items():
        assert shown, f"{name}: no text found: the scan is broken"
        assert list(english_sentences(shown)) == [], name
        assert english_dates(shown) == [], name


def test_the_widget_scan_would_find_an_english_label() -> None:
    import ipywidgets as w

    box = w.VBox(
        [w.Checkbox(description="Mostrar cámaras"), w.HTML("<p>Pick one of the cars and move the slider.</p>")]
    )
    assert [s for s in english_sentences(widget_texts(box)) if is_english(s)] == [
        "Pick one of the cars and move the slider."
    ]


# -------------------------------------------------------------------------------------------- the notebooks


def _shown_texts(nb: nbformat.NotebookNode) -> list[str]:
    """What an executed notebook shows besides its prose: text outputs and the widgets' texts."""
    texts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            texts.append(out.get("text", ""))
            for kind in ("text/plain", "text/html", "text/markdown"):
                texts.append(out.get("data", {}).get(kind, ""))
    states = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in states.values():
        state = model.get("state", {})
        for key in ("description", "placeholder", "tooltip"):
            texts.append(state.get(key) or "")
        texts += [label for label in state.get("_options_labels", []) if isinstance(label, str)]
        texts += [title for title in state.get("titles", []) if isinstance(title, str)]
        if model.get("model_name") in {"HTMLModel", "HTMLMathModel", "LabelModel"}:
            texts.append(state.get("value") or "")
    return [t if isinstance(t, str) else "".join(t) for t in texts]


@pytest.mark.notebook  # runs a kernel
@pytest.mark.parametrize("path", SPANISH_NOTEBOOKS, ids=lambda p: p.name)
def test_an_executed_spanish_notebook_shows_no_english_sentence(path: Path) -> None:
    run = executed(path)
    assert run.errors == []
    shown = _shown_texts(run.notebook)
    assert any(shown), "the scan found no output: it is broken"
    assert list(english_sentences(shown)) == []
    assert english_dates(shown) == []


@pytest.mark.slow  # moves every control of every widget (about 20 s)
def test_moving_every_control_keeps_every_widget_in_spanish(
    town_data, answer_key, facts, cars, tmp_path, monkeypatch
) -> None:
    """Each control of each registered widget moved through its choices (as `make bench` moves them): every message,
    sentence, figure text and text description on the way is Spanish."""
    monkeypatch.chdir(tmp_path)  # the stand saves itself beside the notebook: here, not in the repository
    from benchmarks import run as bench
    from tests.test_structure import drawn_texts

    made = {"town": town_data, "key": answer_key, "facts": facts, "cars": cars}
    found: dict[str, set[str]] = {}
    moves = 0
    with using_language("es"):
        for name in registry.names():
            widget = lab.build_widget(name, made)
            if not hasattr(widget, "controls"):
                continue
            for _label, control, value in bench.control_changes(widget, rounds=1):
                control.value = value
                moves += 1
                shown = [widget.message.value, widget.summary.value]
                figure = getattr(widget, "figure", None)  # a property: drawn from the state if it came from memory
                if figure is not None:
                    shown += [t.get_text() for t in drawn_texts(figure)] + [style.description_of(figure)]
                found.setdefault(name, set()).update(english_sentences(shown))
                found[name].update(english_dates(shown))
    assert moves > 50, "the controls were not moved: the test is broken"
    assert {name: sorted(s)[:5] for name, s in found.items() if s} == {}


# ------------------------------------------------------------------------------------------ the fact tables


def test_every_fact_tables_words_are_in_the_template() -> None:
    from platetrails import catalogue

    texts = catalogue.data_texts()
    assert len(texts) > 200, "the fact tables' words were not found"
    with open(LOCALE_DIR / "platetrails.pot", "rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    missing = [text for text, _file, _column in texts if any(c.isalpha() for c in text) and text not in template]
    assert missing == [], missing[:5]


def test_every_fact_table_reads_in_spanish(facts) -> None:
    from platetrails import sharing, sharing_tables, tables

    sources = sharing.load_sources()
    with using_language("es"):
        shown = [
            tables.timeline_table(facts).data,
            tables.cases_table(facts).data,
            tables.facts_table(facts, list(facts.figures.figure_id)).data,
            sharing_tables.sources_table(sources, list(sources.index)).data,
            sharing_tables.laws_table(facts, sources).data,
            sharing_tables.real_log_table(facts, list(facts.figures.figure_id)).data,
        ]
    assert list(english_sentences(shown)) == []
    assert english_dates(shown) == []


# ------------------------------------------------------------------------------------ choosing the language


@pytest.mark.parametrize(
    ("command", "environment", "first"),
    [
        (["make", "-n", "lab", "LANG=es"], {}, "notebooks/es/00_start_here.ipynb"),
        (["make", "-n", "lab"], {"LANG": "es_MX.UTF-8"}, "notebooks/00_start_here.ipynb"),
        (["make", "-n", "lab"], {"LANG": "C.UTF-8"}, "notebooks/00_start_here.ipynb"),
    ],
)
def test_make_lab_opens_the_edition_asked_for_on_the_command_line(command, environment, first) -> None:
    import os
    import subprocess

    from platetrails.i18n import PACKAGE_DIR

    env = {**os.environ, **environment}
    out = subprocess.run(command, cwd=PACKAGE_DIR.parent, env=env, capture_output=True, text=True, check=True).stdout
    assert f"default_url=/lab/tree/{first}" in out
