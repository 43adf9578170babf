"""The Spanish glossary (docs/glossary-es.md) parses, so the translation step can check its words against it."""

from __future__ import annotations

from pathlib import Path

GLOSSARY = Path(__file__).resolve().parents[1] / "docs" / "glossary-es.md"
COLUMNS = ["English", "Spanish", "Note", "Source"]
KEY_TERMS = {
    "automatic license plate reader (ALPR)": "lector automático de placas",
    "license plate, plate": "placa",
    "sanctuary city": "ciudad santuario",
    "hot list": "",
    "hit": "",
    "misread": "",
    "camera car": "",
    "fixed camera": "",
    "warrant (search warrant)": "",
    "retention (how long reads are kept)": "",
    "look-back (how far back a search looks)": "",
    "audit log": "",
    "data broker": "",
    "Now try": "",
    "Predict first": "",
    "Discuss": "",
    "Your answer": "",
    "Key points": "",
    "Extension (optional, not in the 50 minutes)": "",
    "Run All / Run → Run All Cells": "",
    "File → Save": "",
}


def split_row(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def glossary(path: Path = GLOSSARY) -> dict[str, dict[str, str]]:
    """The glossary's one table: {English: {"Spanish": ..., "Note": ..., "Source": ...}}; raises on a bad row."""
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    header, rule, *body = rows
    assert split_row(header) == COLUMNS, f"the table's columns must be {COLUMNS}"
    assert set(rule.replace("|", "").split()) == {"---"}
    table: dict[str, dict[str, str]] = {}
    for line in body:
        cells = split_row(line)
        assert len(cells) == len(COLUMNS), f"a row with {len(cells)} cells: {line}"
        english, spanish, note, source = cells
        assert english and english not in table, f"an empty or repeated English term: {english!r}"
        assert spanish, f"no Spanish for {english!r}"
        assert source, f"no source for {english!r} (write 'decision' when none was found)"
        table[english] = {"Spanish": spanish, "Note": note, "Source": source}
    return table


def test_the_glossary_table_parses_with_a_spanish_term_and_a_source_in_every_row() -> None:
    table = glossary()
    assert len(table) >= 50
    for english, spanish in KEY_TERMS.items():
        assert english in table, f"the glossary lacks {english!r}"
        assert spanish in table[english]["Spanish"]


def test_network_names_agree_with_the_package_catalogue() -> None:
    """A network's Spanish name in the glossary is the one the widgets show (platetrails.po)."""
    from babel.messages.pofile import read_po

    from platetrails import networks
    from platetrails.i18n import LOCALE_DIR

    with open(LOCALE_DIR / "es" / "LC_MESSAGES" / "platetrails.po", "rb") as f:
        catalog = read_po(f)
    table = glossary()
    for net in networks.all_networks():
        row = table[f"{net.label} (network)"]
        assert catalog.get(net.label).string == row["Spanish"]


def test_a_row_without_spanish_fails(tmp_path: Path) -> None:
    bad = tmp_path / "glossary.md"
    bad.write_text("| English | Spanish | Note | Source |\n| --- | --- | --- | --- |\n| hit |  | a note | decision |\n")
    try:
        glossary(bad)
    except AssertionError as error:
        assert "no Spanish for 'hit'" in str(error)
    else:
        raise AssertionError("an empty Spanish cell was accepted")


def forbidden_words(path: Path = GLOSSARY) -> set[str]:
    """The words the glossary rules out ("not *matrícula* or *patente*", "never *vosotros*")."""
    import re

    text = path.read_text(encoding="utf-8")
    found = set()
    for match in re.finditer(r"\b(?:[Nn]ot|never) \*([^*]+)\*(?: \([^)]*\))?(?: or \*([^*]+)\*)?", text):
        found |= {word for word in match.groups() if word}
    return found


def spanish_texts() -> list[str]:
    """Every Spanish translation the lab ships: the package catalogue and the notebook catalogues."""
    from babel.messages.pofile import read_po

    from platetrails.i18n import LOCALE_DIR

    texts = []
    for po in sorted((LOCALE_DIR / "es").rglob("*.po")):
        with open(po, "rb") as f:
            for message in read_po(f):
                if message.id:
                    texts += [s for s in (message.string if isinstance(message.string, tuple) else [message.string])]
    return texts


def test_the_translation_never_uses_a_word_the_glossary_rules_out() -> None:
    import re

    words = forbidden_words()
    assert {"matrícula", "patente", "coche", "vosotros"} <= words, words
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(words))) + r")(s|es)?\b", re.IGNORECASE)
    texts = spanish_texts()
    assert len(texts) > 1000
    used = sorted({m.group(0) for text in texts for m in pattern.finditer(text)})
    assert used == [], used


def test_the_key_terms_are_the_glossarys() -> None:
    joined = "\n".join(spanish_texts())
    for term in (
        "lector automático de placas",
        "placa",
        "orden judicial",
        "ciudad santuario",
        "lista de placas buscadas",
    ):
        assert term in joined, term
