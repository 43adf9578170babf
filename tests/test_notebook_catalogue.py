"""The notebooks' translation path: English notebooks -> one catalogue per notebook -> notebooks/<lang>/."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from platetrails import markdown_catalogue as nc
from platetrails import markdown_parts as mp

NOTEBOOK = "01_what_a_reader_sees.ipynb"


@pytest.mark.parametrize("path", nc.english_notebooks(), ids=lambda p: p.name)
def test_every_markdown_cell_splits_into_parts_and_joins_back_exactly(path: Path) -> None:
    for cell in mp.read_notebook(path)["cells"]:
        source = mp.source(cell)
        pieces = mp.split_markdown(source)
        assert mp.join_markdown(pieces) == source
        if cell["cell_type"] == "markdown":
            assert any(isinstance(p, mp.Part) for p in pieces), "a markdown cell with nothing to translate"


def test_parts_are_paragraphs_headings_list_items_and_table_rows() -> None:
    source = "## Title\n\nOne line\nand its next line.\n\n1. first\n2. second\n\n| a | b |\n| --- | --- |\n| c | d |\n\n*Your answer:* "
    parts = [p for p in mp.split_markdown(source) if isinstance(p, mp.Part)]
    assert [(p.kind, p.prefix, p.text) for p in parts] == [
        ("heading", "## ", "Title"),
        ("paragraph", "", "One line\nand its next line."),
        ("list item", "1. ", "first"),
        ("list item", "2. ", "second"),
        ("table row", "", "| a | b |"),
        ("table row", "", "| c | d |"),
        ("paragraph", "", "*Your answer:*"),
    ]
    assert parts[-1].suffix == " "
    spanish = mp.join_markdown(mp.split_markdown(source), lambda p: p.text.upper())
    assert spanish.startswith(
        "## TITLE\n\nONE LINE\nAND ITS NEXT LINE.\n\n1. FIRST\n2. SECOND\n\n| A | B |\n| --- | --- |"
    )


def test_the_stored_catalogues_and_spanish_notebooks_are_what_the_english_notebooks_build(tmp_path: Path) -> None:
    """(a) A stale .pot, .po or notebooks/es fails here: run `make catalog`."""
    for notebook in nc.english_notebooks():
        pot = nc.template_path(notebook)
        assert pot.read_bytes() == nc.po_bytes(nc.extract(notebook)), f"{pot.name} is stale: run make catalog"
    assert nc.languages() == ["es"]
    locale = tmp_path / "locale"
    shutil.copytree(nc.LOCALE_DIR / "es" / "notebooks", locale / "es" / "notebooks")
    assert nc.update_catalogues(locale_dir=locale) == [], "a .po is not up to date with its .pot: run make catalog"
    built = nc.build_all(write=False)
    assert sorted(p.name for p in built) == sorted(p.name for p in nc.english_notebooks())
    for target, result in built.items():
        assert target.parent == nc.NOTEBOOK_DIR / "es"
        assert target.read_bytes() == result.data, f"{target.name} is stale: run make catalog"
    out = io.StringIO()
    assert nc.check(out=out) == 0, out.getvalue()


@pytest.mark.parametrize("path", nc.english_notebooks(), ids=lambda p: p.name)
def test_a_spanish_notebook_is_the_english_one_with_spanish_words_and_the_language_set(path: Path) -> None:
    english = mp.read_notebook(path)
    spanish = mp.read_notebook(nc.NOTEBOOK_DIR / "es" / path.name)
    assert spanish["metadata"] == {**english["metadata"], "language": "es"}
    assert [c["cell_type"] for c in spanish["cells"]] == [c["cell_type"] for c in english["cells"]]
    code = [(e, s) for e, s in zip(english["cells"], spanish["cells"]) if e["cell_type"] == "code"]
    setup_english, setup_spanish = (mp.source(c) for c in code[0])
    assert setup_spanish.startswith("# Setup")
    lines = setup_spanish.splitlines()
    before = lines[: lines.index('set_language("es")')]  # chosen before the lab is imported or started
    assert all("i18n" in line for line in before if line.startswith(("from ", "import ")))
    assert setup_spanish.replace(nc.LANGUAGE_LINES.format(lang="es"), "") == setup_english
    for e, s in code[1:]:
        assert s == e
    for _e, s in code:
        assert s["outputs"] == [] and s["execution_count"] is None


def _translated_copy(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of one English notebook with its catalogue, every entry given a (pretend) reviewed translation."""
    notebooks, templates, locale = tmp_path / "notebooks", tmp_path / "templates", tmp_path / "locale"
    notebooks.mkdir()
    shutil.copy(nc.NOTEBOOK_DIR / NOTEBOOK, notebooks / NOTEBOOK)
    nc.write_templates(notebooks, templates)
    nc.update_catalogues(["es"], notebooks, templates, locale)
    po = nc.po_path(Path(NOTEBOOK), "es", locale)
    catalog = nc.read_catalogue(po)
    for message in catalog:
        if message.id:
            message.string = "ES " + message.id
    po.write_bytes(nc.po_bytes(catalog))
    nc.build_all(["es"], notebooks, locale)
    return notebooks, templates, locale


def test_changing_one_english_paragraph_marks_only_its_entry_fuzzy(tmp_path: Path) -> None:
    """(b) and (c): babel's update keeps the old translation, marked fuzzy; the rest is untouched; check names it."""
    notebooks, templates, locale = _translated_copy(tmp_path)
    po = nc.po_path(Path(NOTEBOOK), "es", locale)
    before = {m.id: (m.string, m.fuzzy) for m in nc.read_catalogue(po) if m.id}
    out = io.StringIO()
    assert nc.check(notebooks, templates, locale, strict=True, out=out) == 0, out.getvalue()

    path = notebooks / NOTEBOOK
    notebook = json.loads(path.read_text())
    old = "Most reads are of cars nobody is looking for."
    cell_number = next(i for i, c in enumerate(notebook["cells"], 1) if old in mp.source(c))
    cell = notebook["cells"][cell_number - 1]
    changed_from = next(p.text for p in mp.split_markdown(mp.source(cell)) if isinstance(p, mp.Part) and old in p.text)
    cell["source"] = mp.source(cell).replace(old, "Most reads are of cars that nobody is looking for.")
    path.write_bytes(mp.notebook_bytes(notebook))
    changed_to = changed_from.replace(old, "Most reads are of cars that nobody is looking for.")

    nc.write_templates(notebooks, templates)
    nc.update_catalogues(["es"], notebooks, templates, locale)
    after = {m.id: m for m in nc.read_catalogue(po) if m.id}
    fuzzy = [m for m in after.values() if m.fuzzy]
    assert [m.id for m in fuzzy] == [changed_to]
    assert fuzzy[0].string == "ES " + changed_from  # the old translation, kept for review
    assert set(after) == set(before) - {changed_from} | {changed_to}
    assert all(after[i].string == before[i][0] and not after[i].fuzzy for i in after if i != changed_to)

    out = io.StringIO()
    assert nc.check(notebooks, templates, locale, out=out) == 1  # the Spanish notebook is stale and the entry fuzzy
    report = out.getvalue()
    assert f"FAIL es {NOTEBOOK} cell {cell_number}" in report and "fuzzy" in report
    built = nc.build_all(["es"], notebooks, locale)[notebooks / "es" / NOTEBOOK]
    assert len(built.fuzzy) == 1 and built.fuzzy[0].startswith(f"cell {cell_number}, part ")
    shown = mp.source(json.loads(built.data)["cells"][cell_number - 1])
    assert changed_to in shown and "ES " + changed_from not in shown  # the English, until reviewed

    catalog = nc.read_catalogue(po)
    catalog.get(changed_to).flags.discard("fuzzy")  # the translator reviews it
    po.write_bytes(nc.po_bytes(catalog))
    nc.build_all(["es"], notebooks, locale)
    assert nc.check(notebooks, templates, locale, out=io.StringIO()) == 0


def test_check_names_the_notebook_and_cell_of_each_untranslated_part(tmp_path: Path) -> None:
    """(c) An untranslated part is counted (and listed with --list); --strict fails on it."""
    notebooks, templates, locale = _translated_copy(tmp_path)
    po = nc.po_path(Path(NOTEBOOK), "es", locale)
    catalog = nc.read_catalogue(po)
    catalog.get("*Your answer:*").string = ""
    po.write_bytes(nc.po_bytes(catalog))
    nc.build_all(["es"], notebooks, locale)
    notebook = mp.read_notebook(notebooks / NOTEBOOK)
    cells = [i for i, c in enumerate(notebook["cells"], 1) if mp.source(c).strip() == "*Your answer:*"]
    assert len(cells) > 3

    out = io.StringIO()
    assert nc.check(notebooks, templates, locale, out=out) == 0
    assert f"{len(cells)} untranslated, 0 fuzzy" in out.getvalue()
    out = io.StringIO()
    assert nc.check(notebooks, templates, locale, strict=True, out=out) == 1
    listed = [line for line in out.getvalue().splitlines() if line.startswith("FAIL")]
    assert listed == [f"FAIL es {NOTEBOOK} cell {n}, part 1 (paragraph): untranslated" for n in cells]


def test_a_translation_that_breaks_a_table_or_a_link_fails_the_check(tmp_path: Path) -> None:
    notebooks, templates, locale = _translated_copy(tmp_path)
    po = nc.po_path(Path(NOTEBOOK), "es", locale)
    catalog = nc.read_catalogue(po)
    linked = next(m for m in catalog if m.id and "](https://" in m.id)
    linked.string = "Sin enlace"
    po.write_bytes(nc.po_bytes(catalog))
    out = io.StringIO()
    assert nc.check(notebooks, templates, locale, out=out) == 1
    assert "the links' addresses differ from the English" in out.getvalue()
    row = nc.structure_errors(type(linked)("| a | b |", "| solo una celda |"))
    assert row == ["the table row has a different number of cells"]


def test_entries_name_their_cells_and_are_not_format_strings() -> None:
    text = nc.template_path(Path(NOTEBOOK)).read_text()
    assert "python-format" not in text
    catalog = nc.read_catalogue(nc.template_path(Path(NOTEBOOK)))
    for message in catalog:
        if message.id:
            assert message.auto_comments and all(c.startswith("cell ") for c in message.auto_comments)
            assert message.locations[0][0] == f"notebooks/{NOTEBOOK}"
    answer = catalog.get("*Your answer:*")
    assert len(answer.auto_comments) > 3  # one entry, translated once, for every place it appears
