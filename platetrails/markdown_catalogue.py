"""The notebooks' words in other languages: `python -m platetrails.markdown_catalogue extract|update|build|check`.

The English notebooks (notebooks/0*.ipynb) are the source. `extract` splits every markdown cell into parts
(a paragraph, a heading, a list item or a table row) and writes one template per notebook,
`platetrails/locale/notebooks/<notebook>.pot`; `update` merges each into `platetrails/locale/<lang>/notebooks/
<notebook>.po` (babel marks an entry fuzzy when its English changed under a translation); `build` writes
`notebooks/<lang>/<notebook>.ipynb`: markdown from the catalogue (a part without a reviewed translation stays
English and is counted), code cells as in English with the language set in the setup cell, no outputs.
An entry is keyed by its English alone, so moving a cell never unsettles a translation; its comment names the
cells and parts it comes from.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from platetrails.catalogue import FIXED_DATE, po_bytes, read_po_file
from platetrails.i18n import LOCALE_DIR, PACKAGE_DIR, relative
from platetrails.markdown_parts import (
    TABLE_ROW,
    Part,
    join_markdown,
    notebook_bytes,
    parts_of,
    read_notebook,
    source,
    split_markdown,
    where,
)

ROOT = PACKAGE_DIR.parent
NOTEBOOK_DIR = ROOT / "notebooks"
TEMPLATE_DIR = LOCALE_DIR / "notebooks"
POT_HEADER = (
    "# Translation template for one Plate Trails notebook's text (its markdown cells, part by part).\n"
    "# Made by `python -m platetrails.markdown_catalogue extract` from the English notebook: do not edit by hand.\n"
    "# Translators: follow docs/glossary-es.md; keep the markdown marks (**bold**, *italic*, links' addresses)\n"
    "# and, in a table row, every | between cells.\n"
    "#"
)
# The setup cell (the first code cell) of a translated notebook starts with these lines, before any import.
LANGUAGE_LINES = 'from platetrails.i18n import set_language\nset_language("{lang}")\n'


def english_notebooks(notebook_dir: Path = NOTEBOOK_DIR) -> list[Path]:
    return sorted(Path(notebook_dir).glob("0*.ipynb"))


def languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every language with notebook catalogues (a folder `<lang>/notebooks/`)."""
    return sorted(p.parent.name for p in Path(locale_dir).glob("*/notebooks") if p.is_dir())


def template_path(notebook: Path, template_dir: Path = TEMPLATE_DIR) -> Path:
    return Path(template_dir) / f"{Path(notebook).stem}.pot"


def po_path(notebook: Path, lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / lang / "notebooks" / f"{Path(notebook).stem}.po"


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


# ------------------------------------------------------------------------------------- catalogues (babel)


def read_catalogue(path: Path):
    """One notebook's catalogue (its domain is the notebook's name)."""
    return read_po_file(path, domain=Path(path).stem)


def extract(notebook_path: Path):
    """The template of one notebook: an entry per distinct English part, its comments naming every place it is."""
    from babel.messages.catalog import Catalog

    catalog = Catalog(
        domain=Path(notebook_path).stem,
        project="Plate Trails",
        version="0.1",
        header_comment=POT_HEADER,
        creation_date=FIXED_DATE,
        charset="utf-8",
    )
    for cell, cell_id, part_no, part in parts_of(read_notebook(notebook_path)):
        catalog.add(
            part.text,
            locations=[(relative(Path(notebook_path)), cell)],
            auto_comments=[where(cell, cell_id, part_no, part.kind)],
        )
    return catalog


def write_templates(notebook_dir: Path = NOTEBOOK_DIR, template_dir: Path = TEMPLATE_DIR) -> dict[Path, int]:
    """extract: write each notebook's `.pot`; returns the number of entries of each."""
    counts = {}
    for notebook in english_notebooks(notebook_dir):
        catalog = extract(notebook)
        _write_if_changed(template_path(notebook, template_dir), po_bytes(catalog))
        counts[template_path(notebook, template_dir)] = len(catalog)
    return counts


def new_catalogue(lang: str, domain: str):
    from babel.messages.catalog import Catalog

    catalog = Catalog(
        locale=lang,
        domain=domain,
        project="Plate Trails",
        version="0.1",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=f"{lang} <none>",
        last_translator="Plate Trails",
        fuzzy=False,
    )
    catalog.header_comment = f"# {catalog.locale.english_name} translation of the Plate Trails notebook {domain}.\n#"
    return catalog


def update_catalogues(
    langs: list[str] | None = None,
    notebook_dir: Path = NOTEBOOK_DIR,
    template_dir: Path = TEMPLATE_DIR,
    locale_dir: Path = LOCALE_DIR,
) -> list[Path]:
    """update (and init): merge each `.pot` into its `.po` for every language, starting a `.po` that is missing.

    A new English part comes in untranslated; a part whose English changed under a translation is marked fuzzy
    (babel's guess, to review); a part no longer in the notebook becomes obsolete. Returns the changed files.
    """
    changed = []
    for lang in langs if langs is not None else languages(locale_dir):
        for notebook in english_notebooks(notebook_dir):
            template = read_catalogue(template_path(notebook, template_dir))
            path = po_path(notebook, lang, locale_dir)
            catalog = read_catalogue(path) if path.exists() else new_catalogue(lang, notebook.stem)
            catalog.update(template, update_creation_date=False)
            if _write_if_changed(path, po_bytes(catalog)):
                changed.append(path)
    return changed


# ------------------------------------------------------------------------------------- the translated notebooks


@dataclass
class Built:
    """What `build` made of one notebook: its bytes and the parts still shown in English."""

    data: bytes
    parts: int = 0
    untranslated: list[str] = field(default_factory=list)  # where() of each part shown in English, no translation
    fuzzy: list[str] = field(default_factory=list)  # where() of each part shown in English, translation to review


def reviewed(message) -> bool:
    return bool(message is not None and message.string and not message.fuzzy)


def build_notebook(notebook_path: Path, catalog, lang: str) -> Built:
    """The notebook in `lang`: markdown parts from `catalog` (English where none is reviewed), code as in English
    with `set_language(lang)` first in the setup cell, no outputs, and `language` in the notebook's metadata."""
    notebook = copy.deepcopy(read_notebook(notebook_path))
    built = Built(b"")
    setup_done = False
    for number, cell in enumerate(notebook["cells"], 1):
        if cell["cell_type"] == "markdown":
            pieces = split_markdown(source(cell))
            part_numbers = {id(p): k for k, p in enumerate((p for p in pieces if isinstance(p, Part)), 1)}

            def translate(part: Part, number=number, cell=cell, part_numbers=part_numbers) -> str:
                built.parts += 1
                message = catalog.get(part.text)
                if reviewed(message):
                    return message.string
                place = where(number, cell.get("id", ""), part_numbers[id(part)], part.kind)
                (built.fuzzy if message is not None and message.fuzzy else built.untranslated).append(place)
                return part.text

            cell["source"] = join_markdown(pieces, translate).splitlines(keepends=True)
        elif cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
            if not setup_done:
                cell["source"] = with_language(source(cell), lang).splitlines(keepends=True)
                setup_done = True
    notebook["metadata"]["language"] = lang
    built.data = notebook_bytes(notebook)
    return built


def with_language(setup: str, lang: str) -> str:
    """The setup cell with the language chosen before anything is imported (after its first comment lines)."""
    lines = setup.splitlines(keepends=True)
    at = 0
    while at < len(lines) and lines[at].startswith("#"):
        at += 1
    return "".join([*lines[:at], LANGUAGE_LINES.format(lang=lang), *lines[at:]])


def built_path(notebook: Path, lang: str, notebook_dir: Path = NOTEBOOK_DIR) -> Path:
    return Path(notebook_dir) / lang / Path(notebook).name


def build_all(
    langs: list[str] | None = None, notebook_dir: Path = NOTEBOOK_DIR, locale_dir: Path = LOCALE_DIR, write: bool = True
) -> dict[Path, Built]:
    """build: every English notebook in every language with catalogues (written unless `write` is False)."""
    found = {}
    for lang in langs if langs is not None else languages(locale_dir):
        for notebook in english_notebooks(notebook_dir):
            built = build_notebook(notebook, read_catalogue(po_path(notebook, lang, locale_dir)), lang)
            target = built_path(notebook, lang, notebook_dir)
            if write:
                _write_if_changed(target, built.data)
            found[target] = built
    return found


# ------------------------------------------------------------------------------------- check


def _cells(text: str) -> int:
    return text.strip().strip("|").count("|")


def _addresses(text: str) -> list[str]:
    return sorted(re.findall(r"\]\(([^)\s]+)\)", text))


def structure_errors(message) -> list[str]:
    """A translation that would break the notebook: a table row with other cells, or links to other addresses."""
    if not message.string:
        return []
    errors = []
    if TABLE_ROW.match(message.id) and _cells(message.string) != _cells(message.id):
        errors.append("the table row has a different number of cells")
    if _addresses(message.string) != _addresses(message.id):
        errors.append("the links' addresses differ from the English")
    return errors


def check(
    notebook_dir: Path = NOTEBOOK_DIR,
    template_dir: Path = TEMPLATE_DIR,
    locale_dir: Path = LOCALE_DIR,
    strict: bool = False,
    list_all: bool = False,
    out=sys.stdout,
) -> int:
    """check: 1 if a `.pot` is not what the English notebook gives, a `.po` misses a `.pot` entry, a translation
    is fuzzy (its English changed: review it, then remove the fuzzy mark) or breaks a table or a link, or a built
    notebook is not what the catalogue builds. Untranslated parts are counted (listed with `list_all`) and fail
    only when `strict`. Each listed part names its notebook and cell."""
    failures = 0
    for notebook in english_notebooks(notebook_dir):
        pot = template_path(notebook, template_dir)
        if not pot.exists() or pot.read_bytes() != po_bytes(extract(notebook)):
            failures += 1
            print(f"FAIL {relative(pot)} is not up to date with {notebook.name} (run extract, then update)", file=out)
    for lang in languages(locale_dir):
        for notebook in english_notebooks(notebook_dir):
            path = po_path(notebook, lang, locale_dir)
            if not path.exists():
                failures += 1
                print(f"FAIL {relative(path)} is missing (run update)", file=out)
                continue
            catalog = read_catalogue(path)
            pot = template_path(notebook, template_dir)
            if pot.exists():
                missing = {m.id for m in read_catalogue(pot) if m.id} - {m.id for m in catalog if m.id}
                if missing:
                    failures += 1
                    print(
                        f"FAIL {relative(path)}: {len(missing)} entries of the .pot are missing (run update)", file=out
                    )
            for message in catalog:
                for error in structure_errors(message) if message.id else []:
                    failures += 1
                    print(f"FAIL {lang} {notebook.name} {_places(message)}: {error}: {_short(message.id)}", file=out)
            built = build_notebook(notebook, catalog, lang)
            target = built_path(notebook, lang, notebook_dir)
            if not target.exists() or target.read_bytes() != built.data:
                failures += 1
                print(f"FAIL {relative(target)} is not what the catalogue builds (run build)", file=out)
            for place in built.fuzzy:
                failures += 1
                print(f"FAIL {lang} {notebook.name} {place}: fuzzy (the English changed: review it)", file=out)
            for place in built.untranslated if (list_all or strict) else []:
                failures += int(strict)
                print(f"{'FAIL' if strict else 'note'} {lang} {notebook.name} {place}: untranslated", file=out)
            shown = built.parts - len(built.untranslated) - len(built.fuzzy)
            print(
                f"{lang} {notebook.name}: {shown} of {built.parts} parts translated, "
                f"{len(built.untranslated)} untranslated, {len(built.fuzzy)} fuzzy (those show English)",
                file=out,
            )
    return 1 if failures else 0


def _places(message) -> str:
    return "; ".join(message.auto_comments)


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m platetrails.markdown_catalogue",
        description="Keep the notebooks' translation catalogues and build the translated notebooks.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help=f"write {relative(TEMPLATE_DIR)}/<notebook>.pot from the English notebooks")
    update = commands.add_parser("update", help="merge each .pot into its .po in every language (init: --lang)")
    update.add_argument("--lang", action="append", help="start or update this language only (repeatable)")
    commands.add_parser("build", help="write notebooks/<lang>/<notebook>.ipynb from the catalogues")
    check_parser = commands.add_parser("check", help="fail if a catalogue or a built notebook is stale or fuzzy")
    check_parser.add_argument("--list", action="store_true", help="also list every untranslated part")
    check_parser.add_argument("--strict", action="store_true", help="fail on untranslated parts too")
    args = parser.parse_args(argv)

    if args.command == "extract":
        counts = write_templates()
        print(f"{relative(TEMPLATE_DIR)}: {len(counts)} templates, {sum(counts.values())} entries")
    elif args.command == "update":
        changed = update_catalogues(args.lang)
        print(f"updated the notebook catalogues of {', '.join(args.lang or languages())}, {len(changed)} changed")
    elif args.command == "build":
        for target, built in build_all().items():
            english = len(built.untranslated) + len(built.fuzzy)
            print(
                f"{relative(target)}: {english} of {built.parts} parts in English "
                f"({len(built.untranslated)} untranslated, {len(built.fuzzy)} fuzzy)"
            )
    elif args.command == "check":
        return check(strict=args.strict, list_all=args.list)
    return 0


if __name__ == "__main__":
    sys.exit(main())
