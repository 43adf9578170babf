"""The translation catalogues, kept by maintainers: `python -m platetrails.catalogue extract|update|compile|check`.

Extracts every `_()`, `_n()` and `N_()` text of the package into the template (.pot), merges it into each
language's .po, compiles the .mo files and checks that none is stale (babel does the reading and writing).
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
from datetime import datetime, timezone
from pathlib import Path

from platetrails.i18n import DOMAIN, LOCALE_DIR, PACKAGE_DIR, POT_PATH, relative, source_files
from platetrails.untranslated import untranslated_in_package

KEYWORDS = {"_": None, "_n": (1, 2), "N_": None}
# A fixed date in every header, so extracting or updating unchanged sources gives identical bytes.
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)
POT_HEADER = (
    "# Translations template for Plate Trails.\n"
    "# Made by `python -m platetrails.catalogue extract` from the package sources: do not edit by hand.\n"
    "#"
)

# The words of the real-world fact tables a student reads (under data/facts/): each column's distinct values are
# extracted like `_()` texts, and the tables show them through `_()`. Names (publishers, cases, states) are not.
DATA_TEXTS = {
    "facts/figures.csv": ("what", "unit", "where", "when"),
    "facts/derived_figures.csv": ("what", "unit", "where", "when"),
    "facts/timeline.csv": ("event",),
    "facts/court_cases.csv": ("holding",),
    "facts/sharing_sources.csv": ("who", "wording"),
    "facts/state_laws.csv": ("rule",),
}

# ------------------------------------------------------------------------------------- catalogues (babel)


def data_texts(data_dir: Path = PACKAGE_DIR.parent / "data") -> list[tuple[str, str, str]]:
    """(text, file, column) for every distinct value of DATA_TEXTS' columns, in file order (none if no data/)."""
    import csv

    found = []
    for name, columns in DATA_TEXTS.items():
        path = data_dir / name
        if not path.exists():
            continue
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                found += [(row[c].strip(), f"data/{name}", c) for c in columns if row[c].strip()]
    return found


def extract(package_dir: Path = PACKAGE_DIR, extra: tuple[Path, ...] = ()):
    """The template catalogue: every `_()`, `_n()` and `N_()` text in the package (and `extra` files that exist)."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_file

    catalog = Catalog(
        domain=DOMAIN,
        project="Plate Trails",
        version="0.1",
        header_comment=POT_HEADER,
        creation_date=FIXED_DATE,
        charset="utf-8",
    )
    for path in [*source_files(package_dir), *(p for p in extra if p.exists())]:
        found = extract_from_file(
            "python", path, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
        )
        for lineno, message, comments, context in found:
            catalog.add(message, locations=[(relative(path), lineno)], auto_comments=comments, context=context)
    if package_dir == PACKAGE_DIR:
        for text, name, column in data_texts():
            if not any(c.isalpha() for c in text):
                continue  # a date or a number reads the same in every language
            catalog.add(text, locations=[(name, None)], auto_comments=[f"column {column} of a fact table"])
    return catalog


def without_percent_format(catalog):
    """No entry is a %-format string: the lab's texts use {placeholders} only, and babel's guess from '69% of'
    would make its checker reject a right translation ('% de' is not '% o')."""
    for message in [*catalog, *catalog.obsolete.values()]:
        message.flags.discard("python-format")
    return catalog


def po_bytes(catalog) -> bytes:
    """A catalogue as `.po` bytes, the same every time for the same entries (also the notebook catalogues')."""
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    # No line numbers: a location names the file only, so editing code does not churn every catalogue.
    write_po(buffer, without_percent_format(catalog), width=100, include_lineno=False)
    return buffer.getvalue()


def read_po_file(path: Path, domain: str = DOMAIN):
    """A `.po` or `.pot` file as a babel catalogue (also the notebook catalogues')."""
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return without_percent_format(read_po(f, domain=domain))


def mo_bytes(po_path: Path) -> bytes:
    """What a `.po` file compiles to (fuzzy and untranslated entries left out: those show the English)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, read_po_file(po_path), use_fuzzy=False)
    return buffer.getvalue()


def po_files(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(Path(locale_dir).glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def write_template(pot_path: Path = POT_PATH, package_dir: Path = PACKAGE_DIR) -> int:
    """extract: write the `.pot`; returns the number of messages."""
    catalog = extract(package_dir)
    _write_if_changed(Path(pot_path), po_bytes(catalog))
    return len(catalog)


def init_language(lang: str, locale_dir: Path = LOCALE_DIR, pot_path: Path = POT_PATH) -> Path:
    """init: start the `.po` of a new language from the `.pot`."""
    from babel.messages.catalog import Catalog

    template = read_po_file(Path(pot_path))
    po_path = Path(locale_dir) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po_path.exists():
        raise SystemExit(f"{po_path} exists already; use update")
    catalog = Catalog(
        locale=lang,
        domain=DOMAIN,
        project="Plate Trails",
        version="0.1",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        language_team=f"{lang} <none>",
        last_translator="Plate Trails",
        fuzzy=False,
    )
    catalog.header_comment = f"# {catalog.locale.english_name} translations for Plate Trails.\n#"
    catalog.update(template, no_fuzzy_matching=True)
    _write_if_changed(po_path, po_bytes(catalog))
    return po_path


def update_catalogues(locale_dir: Path = LOCALE_DIR, pot_path: Path = POT_PATH) -> list[Path]:
    """update: merge the `.pot` into every `.po` (new texts come in untranslated; gone ones become obsolete)."""
    template = read_po_file(Path(pot_path))
    changed = []
    for po_path in po_files(locale_dir):
        catalog = read_po_file(po_path)
        catalog.update(template, update_creation_date=False)
        if _write_if_changed(po_path, po_bytes(catalog)):
            changed.append(po_path)
    return changed


def compile_catalogues(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """compile: write every `.mo` from its `.po`; returns those that changed."""
    changed = []
    for po_path in po_files(locale_dir):
        if _write_if_changed(po_path.with_suffix(".mo"), mo_bytes(po_path)):
            changed.append(po_path.with_suffix(".mo"))
    return changed


def _fields(text: str) -> set[str] | None:
    """The placeholder names in a `{name}` template, or None when it is not a valid template."""
    try:
        return {re.split(r"[.\[]", name)[0] for _lit, name, _spec, _conv in string.Formatter().parse(text) if name}
    except ValueError:
        return None


def _placeholder_errors(message) -> list[str]:
    ids = message.id if isinstance(message.id, (list, tuple)) else (message.id,)
    strings = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    allowed: set[str] = set()
    for msgid in ids:
        allowed |= _fields(msgid) or set()
    if not allowed:
        return []
    errors = []
    for text in strings:
        if not text:
            continue
        used = _fields(text)
        if used is None:
            errors.append(f"translation of {ids[0]!r} has unbalanced braces: {text!r}")
        elif used - allowed:
            errors.append(f"translation of {ids[0]!r} uses unknown placeholders {sorted(used - allowed)}: {text!r}")
    return errors


def check_catalogues(locale_dir: Path = LOCALE_DIR, pot_path: Path = POT_PATH, out=sys.stdout) -> int:
    """check: 1 if a `.mo` is stale or missing, a `.po` lacks a text of the `.pot`, or a translation's
    placeholders would break `.format()`; untranslated and fuzzy entries are reported only (they show English)."""
    failures = 0
    template = read_po_file(Path(pot_path))
    template_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in template if m.id}
    current = extract()
    source_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in current if m.id}
    if Path(pot_path).resolve() == POT_PATH.resolve() and source_ids != template_ids:
        print(
            f"note: {pot_path.name} is not up to date with the sources "
            f"({len(source_ids - template_ids)} new, {len(template_ids - source_ids)} gone): run extract, then update",
            file=out,
        )
    for po_path in po_files(locale_dir):
        lang = po_path.parent.parent.name
        catalog = read_po_file(po_path)
        ids = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
        missing = sorted(template_ids - ids)
        if missing:
            failures += 1
            print(f"FAIL {lang}: {len(missing)} texts of the .pot are missing (run update): {missing[:5]}", file=out)
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists():
            failures += 1
            print(f"FAIL {lang}: {mo_path.name} is missing (run compile)", file=out)
        elif mo_path.read_bytes() != mo_bytes(po_path):
            failures += 1
            print(f"FAIL {lang}: {mo_path.name} differs from what {po_path.name} compiles to (run compile)", file=out)
        messages = [m for m in catalog if m.id]
        for message in messages:
            for error in _placeholder_errors(message):
                failures += 1
                print(f"FAIL {lang}: {error}", file=out)
            for error in message.check(catalog):
                failures += 1
                print(f"FAIL {lang}: {message.id!r}: {error}", file=out)
        untranslated = [m for m in messages if not (all(m.string) if isinstance(m.string, tuple) else m.string)]
        fuzzy = [m for m in messages if m.fuzzy and m not in untranslated]
        print(
            f"{lang}: {len(messages)} texts, {len(messages) - len(untranslated) - len(fuzzy)} translated, "
            f"{len(untranslated)} untranslated, {len(fuzzy)} fuzzy (those show English), "
            f"{len(catalog.obsolete)} obsolete",
            file=out,
        )
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m platetrails.catalogue", description="Maintain the gettext catalogues."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help=f"write {relative(POT_PATH)} from the package sources")
    commands.add_parser("update", help="merge the .pot into every .po")
    commands.add_parser("compile", help="write every .mo from its .po")
    commands.add_parser("check", help="fail if a .mo is stale or a .po lacks a text of the .pot")
    init = commands.add_parser("init", help="start the .po of a new language")
    init.add_argument("lang")
    commands.add_parser("untranslated", help="list student-facing text not wrapped in _() yet")
    args = parser.parse_args(argv)

    if args.command == "extract":
        print(f"{relative(POT_PATH)}: {write_template()} texts")
    elif args.command == "update":
        changed = update_catalogues()
        print(f"updated {len(po_files())} catalogues, {len(changed)} changed")
    elif args.command == "compile":
        changed = compile_catalogues()
        print(f"compiled {len(po_files())} catalogues, {len(changed)} changed")
    elif args.command == "check":
        return check_catalogues()
    elif args.command == "init":
        print(f"wrote {relative(init_language(args.lang))}")
    elif args.command == "untranslated":
        report = untranslated_in_package()
        for module, found in report.items():
            for line, text in found:
                print(f"{module}:{line}: {text}")
        print(f"{sum(map(len, report.values()))} untranslated texts")
        return 1 if report else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
