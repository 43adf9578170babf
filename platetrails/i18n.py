"""Every word a student reads goes through `_()` (or `_n()` for plurals), backed by gettext catalogues.

The English text in the code is the source; `platetrails/locale/<lang>/LC_MESSAGES/platetrails.mo` holds the
translations. Pick the language with `set_language("es")` or the environment variable PLATETRAILS_LANG;
a language without a catalogue, or a sentence without a translation, shows the English.

Text with values uses named placeholders, filled in after translating: `_("{reads} reads a day").format(reads=n)`.
Never an f-string (`_(f"{n} reads")` cannot be looked up: its text changes with every value), and never
English glued together, so a translator can move the values and the words around a whole sentence.

Translate when the text is shown, not at import: a module-level table marks its labels with `N_()` (which
extracts them but returns the English) and the code that shows one calls `_(label)`.

A cache of anything a student reads (a picture, a pre-drawn background, a sentence) is a `LanguageMemory`
(or a function under `@per_language`): it keys each entry on the language too, so a switch never shows old text.

Maintainers: `python -m platetrails.i18n extract|update|compile|check` (see `main`); `untranslated()` finds
student-facing text that is not wrapped yet.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import functools
import gettext
import io
import os
import re
import string
import sys
import tokenize
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

DOMAIN = "platetrails"
SOURCE_LANGUAGE = "en"
ENV_VAR = "PLATETRAILS_LANG"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
# Messages of the tests' fixture module are extracted too, so `update` keeps their Spanish for the tests.
EXTRA_SOURCES = (PACKAGE_DIR.parent / "tests" / "support" / "untranslated.py",)
KEYWORDS = {"_": None, "_n": (1, 2), "N_": None}
# A fixed date in every header, so extracting or updating unchanged sources gives identical bytes.
FIXED_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)
POT_HEADER = (
    "# Translations template for Plate Trails.\n"
    "# Made by `python -m platetrails.i18n extract` from the package sources: do not edit by hand.\n"
    "#"
)

_chosen: str | None = None  # set by set_language(); None means: PLATETRAILS_LANG, else English


# --------------------------------------------------------------------------------------------------- run time


def _normalise(lang: str | None) -> str:
    return (lang or "").strip().replace("-", "_") or SOURCE_LANGUAGE


def language() -> str:
    """The current language code: the one set by set_language(), else $PLATETRAILS_LANG, else "en"."""
    return _chosen if _chosen is not None else _normalise(os.environ.get(ENV_VAR))


def set_language(lang: str) -> None:
    """Show every text in `lang` from now on ("es", "es_MX"...). A language without a catalogue shows English."""
    global _chosen
    _chosen = _normalise(lang)


@contextlib.contextmanager
def using_language(lang: str) -> Iterator[None]:
    """Within the block the language is `lang`; afterwards it is what it was before."""
    global _chosen
    before = _chosen
    set_language(lang)
    try:
        yield
    finally:
        _chosen = before


@functools.cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` in the current language (English when there is no translation)."""
    if not message:  # gettext("") would return the catalogue's header
        return message
    return _catalogue(language()).gettext(message)


def _n(singular: str, plural: str, n: int) -> str:
    """The singular or the plural form for `n`, in the current language: `_n("{n} read", "{n} reads", n).format(n=n)`."""
    return _catalogue(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it now (module-level tables); call `_()` when showing it."""
    return message


def available_languages() -> list[str]:
    """English plus every language with a compiled catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *(lang for lang in found if lang != SOURCE_LANGUAGE)]


# ------------------------------------------------------------------------------- memory kept per language

_memories: weakref.WeakSet[LanguageMemory] = weakref.WeakSet()


class LanguageMemory:
    """Remembered pictures, backgrounds or sentences, each kept under its key AND the language it was made in.

    Every cache of something a student reads is one of these (tests/test_language_memory.py scans the package),
    so after a switch of language nothing made in the old one comes back. `size`: keep only that many, dropping
    the least recently used. `weak`: the key is an object (a loaded town) held weakly, as in a WeakKeyDictionary.
    """

    def __init__(self, size: int | None = None, *, weak: bool = False) -> None:
        if weak and size is not None:
            raise ValueError("a weak memory is kept as long as its keys live; it takes no size")
        self.size = size
        self.weak = weak
        self._kept: OrderedDict[tuple[str, Hashable], Any] = OrderedDict()
        self._by_owner: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()
        _memories.add(self)

    def get(self, key: Hashable, default: Any = None) -> Any:
        """What was kept for `key` in the current language (marked as just used), else `default`."""
        if self.weak:
            return self._by_owner.get(key, {}).get(language(), default)
        full = (language(), key)
        if full not in self._kept:
            return default
        self._kept.move_to_end(full)
        return self._kept[full]

    def put(self, key: Hashable, value: Any) -> None:
        """Keep `value` for `key` in the current language."""
        if self.weak:
            self._by_owner.setdefault(key, {})[language()] = value
            return
        self._kept[(language(), key)] = value
        self._kept.move_to_end((language(), key))
        while self.size is not None and len(self._kept) > self.size:
            self._kept.popitem(last=False)

    def remember(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The value kept for `key` in the current language, made (and kept) the first time it is asked for."""
        missing = object()
        value = self.get(key, missing)
        if value is missing:
            value = make()
            self.put(key, value)
        return value

    def clear(self) -> None:
        self._kept.clear()
        self._by_owner.clear()

    def __len__(self) -> int:
        return len(self._kept) + sum(len(per) for per in self._by_owner.values())


def per_language(func: Callable[..., Any]) -> Callable[..., Any]:
    """`functools.cache` for a function whose result holds text: one result per arguments and language."""
    memory = LanguageMemory()

    @functools.wraps(func)
    def remembered(*args: Hashable) -> Any:
        return memory.remember(args, lambda: func(*args))

    remembered.memory = memory  # type: ignore[attr-defined]
    return remembered


def forget_remembered() -> None:
    """Empty every LanguageMemory: what is drawn next is drawn from nothing (for tests and for measuring)."""
    for memory in list(_memories):
        memory.clear()


# ------------------------------------------------------------------------------------- catalogues (babel)


def _relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(PACKAGE_DIR.parent).as_posix()
    except ValueError:
        return path.as_posix()


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The package's Python files, sorted, without this module."""
    return sorted(p for p in Path(package_dir).rglob("*.py") if p.name != "i18n.py" and "__pycache__" not in p.parts)


def extract(package_dir: Path = PACKAGE_DIR, extra: tuple[Path, ...] = EXTRA_SOURCES):
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
            catalog.add(message, locations=[(_relative(path), lineno)], auto_comments=comments, context=context)
    return catalog


def _po_bytes(catalog) -> bytes:
    from babel.messages.pofile import write_po

    buffer = io.BytesIO()
    # No line numbers: a location names the file only, so editing code does not churn every catalogue.
    write_po(buffer, catalog, width=100, include_lineno=False)
    return buffer.getvalue()


def _read_po(path: Path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as f:
        return read_po(f, domain=DOMAIN)


def mo_bytes(po_path: Path) -> bytes:
    """What a `.po` file compiles to (fuzzy and untranslated entries left out: those show the English)."""
    from babel.messages.mofile import write_mo

    buffer = io.BytesIO()
    write_mo(buffer, _read_po(po_path), use_fuzzy=False)
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
    _write_if_changed(Path(pot_path), _po_bytes(catalog))
    return len(catalog)


def init_language(lang: str, locale_dir: Path = LOCALE_DIR, pot_path: Path = POT_PATH) -> Path:
    """init: start the `.po` of a new language from the `.pot`."""
    from babel.messages.catalog import Catalog

    template = _read_po(Path(pot_path))
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
    _write_if_changed(po_path, _po_bytes(catalog))
    return po_path


def update_catalogues(locale_dir: Path = LOCALE_DIR, pot_path: Path = POT_PATH) -> list[Path]:
    """update: merge the `.pot` into every `.po` (new texts come in untranslated; gone ones become obsolete)."""
    template = _read_po(Path(pot_path))
    changed = []
    for po_path in po_files(locale_dir):
        catalog = _read_po(po_path)
        catalog.update(template, update_creation_date=False)
        if _write_if_changed(po_path, _po_bytes(catalog)):
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
    template = _read_po(Path(pot_path))
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
        catalog = _read_po(po_path)
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


# ------------------------------------------------------------------------------------ the untranslated checker

TEXT_KEYWORDS = {"description", "label", "title", "placeholder", "tooltip", "xlabel", "ylabel", "message"}
# Methods whose positional arguments are shown (all of them are checked: matplotlib's text(x, y, s) has the
# text third, ipywidgets' Tab.set_title(index, title) second; numbers and names are never flagged).
TEXT_METHODS = {"set_title", "set_xlabel", "set_ylabel", "suptitle", "text", "annotate", "say", "set_text"}
TEXT_METHODS |= {"new_map", "mark"}  # the package's own helpers that hand their text to matplotlib (maps.py)
TEXT_METHOD_KEYWORDS = {"s", "text"}
HTML_CALLS = {"HTML", "HTMLMath", "Label", "Markdown"}  # first argument or value=
ATTRIBUTE_TARGETS = {"message", "description", "placeholder", "tooltip"}  # self.message = "...", b.description = ...
TRANSLATE_CALLS = {"_", "_n", "N_"}
LOG_NAMES = {"logging", "logger", "log", "_log", "_logger", "LOGGER", "warnings", "argparse", "parser"}
OPT_OUT = re.compile(r"#\s*i18n:\s*ok\b")
_TAG = re.compile(r"<[^>]*>|&#?\w+;")
_KEY = re.compile(r"[a-z0-9_]+")
_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}")


def _is_text(value: str) -> bool:
    """Whether a literal reads as words: not punctuation or digits, not a key like "city_fixed", not a style value."""
    bare = _TAG.sub("", value)
    if len(bare.strip()) <= 1 or not any(c.isalpha() for c in bare):  # one letter is a marker ("o", "D")
        return False
    return not (_KEY.fullmatch(bare) or _COLOUR.fullmatch(bare))


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_translated(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _name(node.func) in TRANSLATE_CALLS


def _is_ignored_call(node: ast.Call) -> bool:
    """Calls whose text is not for students: logging and warnings."""
    func = node.func
    while isinstance(func, ast.Attribute):
        func = func.value
    return isinstance(func, ast.Name) and func.id in LOG_NAMES


def _assigned_names(target: ast.expr, value: ast.expr | None) -> Iterator[tuple[str, ast.expr | None]]:
    """(name, value) pairs of an assignment; `a, b = x, y` pairs element by element."""
    if isinstance(target, ast.Name):
        yield target.id, value
    elif isinstance(target, (ast.Tuple, ast.List)):
        values = value.elts if isinstance(value, (ast.Tuple, ast.List)) else [None] * len(target.elts)
        if len(values) == len(target.elts):
            for sub, sub_value in zip(target.elts, values):
                yield from _assigned_names(sub, sub_value)


def _scope_walk(scope: ast.AST) -> Iterator[ast.AST]:
    """The nodes of one scope (module or function), not those of the functions and classes inside it."""
    todo = list(ast.iter_child_nodes(scope))
    while todo:
        node = todo.pop()
        yield node
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            todo.extend(ast.iter_child_nodes(node))


def _scope_values(scope: ast.AST) -> dict[str, list[ast.expr]]:
    """What each local name is given in a scope: assignments, `+=`, and `.append()`/`.extend()`/`.insert()`."""
    values: dict[str, list[ast.expr]] = {}
    for node in _scope_walk(scope):
        pairs: list[tuple[str, ast.expr | None]] = []
        if isinstance(node, ast.Assign):
            for target in node.targets:
                pairs += _assigned_names(target, node.value)
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            pairs += _assigned_names(node.target, node.value)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.attr in {"append", "extend", "insert"}
            and node.args
        ):
            pairs.append((node.func.value.id, node.args[-1]))
        for name, value in pairs:
            if value is not None:
                values.setdefault(name, []).append(value)
    return values


class _Finder(ast.NodeVisitor):
    """Walks a module; at each student-facing place, follows the text back through local names, `+=`, `.append()`,
    `" ".join()`, f-string parts and the returns of functions of the same module."""

    def __init__(self, tree: ast.Module) -> None:
        self.found: dict[int, ast.expr] = {}
        self.functions: dict[str, list[ast.FunctionDef | ast.AsyncFunctionDef]] = {}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(node.name, []).append(node)
        self.values: dict[int, dict[str, list[ast.expr]]] = {}
        self.scopes: list[ast.AST] = [tree]
        self.following: set[int] = set()

    def _values(self, scope: ast.AST) -> dict[str, list[ast.expr]]:
        if id(scope) not in self.values:
            self.values[id(scope)] = _scope_values(scope)
        return self.values[id(scope)]

    def texts(self, node: ast.AST | None, scopes: list[ast.AST] | None = None) -> Iterator[ast.expr]:
        """The untranslated literals in an expression whose value a student reads."""
        scopes = scopes if scopes is not None else self.scopes
        if node is None or _is_translated(node) or id(node) in self.following:
            return
        self.following.add(id(node))  # each expression is followed once per place: no loops through names
        try:
            yield from self._texts(node, scopes)
        finally:
            self.following.discard(id(node))

    def _texts(self, node: ast.AST, scopes: list[ast.AST]) -> Iterator[ast.expr]:
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and _is_text(node.value):
                yield node
        elif isinstance(node, ast.JoinedStr):  # an f-string: its literal parts count, never its format specs
            literal = "".join(v.value if isinstance(v, ast.Constant) else "0" for v in node.values)
            if _is_text(literal):
                yield node
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    yield from self.texts(part.value, scopes)
        elif isinstance(node, ast.Name):
            for scope in reversed(scopes):
                found = self._values(scope).get(node.id)
                if found:
                    for value in found:
                        yield from self.texts(value, scopes[: scopes.index(scope) + 1])
                    break
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in {"format", "format_map"}:
                yield from self.texts(func.value, scopes)  # "...".format() is untranslated, _("...").format() is fine
            elif isinstance(func, ast.Attribute) and func.attr == "join" and node.args:
                yield from self.texts(node.args[0], scopes)
            elif isinstance(func, ast.Name) or (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in {"self", "cls"}
            ):
                for function in self.functions.get(_name(func) or "", []):
                    for ret in _scope_walk(function):
                        if isinstance(ret, ast.Return):
                            yield from self.texts(ret.value, [scopes[0], function])
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            yield from self.texts(node.left, scopes)
            if isinstance(node.op, ast.Add):
                yield from self.texts(node.right, scopes)
        elif isinstance(node, ast.IfExp):
            yield from self.texts(node.body, scopes)
            yield from self.texts(node.orelse, scopes)
        elif isinstance(node, ast.BoolOp):
            for value in node.values:
                yield from self.texts(value, scopes)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for elt in node.elts:
                yield from self.texts(elt, scopes)
        elif isinstance(node, ast.Starred):
            yield from self.texts(node.value, scopes)

    def option_labels(self, node: ast.AST) -> Iterator[ast.expr]:
        """The labels of options=[("Label", value), ...] (or a comprehension of such tuples, or a dict)."""
        if isinstance(node, ast.Name):
            for scope in reversed(self.scopes):
                found = self._values(scope).get(node.id)
                if found:
                    for value in found:
                        yield from self.option_labels(value)
                    return
        elif isinstance(node, (ast.List, ast.Tuple)):
            for elt in node.elts:
                if isinstance(elt, ast.Tuple) and elt.elts:
                    yield from self.texts(elt.elts[0])
        elif isinstance(node, (ast.ListComp, ast.GeneratorExp)) and isinstance(node.elt, ast.Tuple) and node.elt.elts:
            yield from self.texts(node.elt.elts[0])
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                yield from self.texts(key)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            yield from self.option_labels(node.left)
            yield from self.option_labels(node.right)

    def _flag(self, nodes: Iterator[ast.expr]) -> None:
        for node in nodes:
            self.found.setdefault(id(node), node)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scopes.append(node)
        self.generic_visit(node)
        self.scopes.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Raise(self, node: ast.Raise) -> None:
        return  # error text for programmers and tracebacks

    def visit_Assert(self, node: ast.Assert) -> None:
        return

    def visit_Return(self, node: ast.Return) -> None:
        function = self.scopes[-1]
        if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)) and function.name.startswith("describe"):
            self._flag(self.texts(node.value))
        self.generic_visit(node)

    def _targets(self, targets: list[ast.expr], value: ast.expr | None) -> None:
        for target in targets:
            for name, sub_value in _assigned_names(target, value):
                if name == "message":
                    self._flag(self.texts(sub_value))
            if isinstance(target, ast.Attribute):
                shown = target.attr in ATTRIBUTE_TARGETS
                if target.attr == "value":  # self.message.value = "..."
                    shown = _name(target.value) == "message"
                if shown:
                    self._flag(self.texts(value))

    def visit_Assign(self, node: ast.Assign) -> None:
        self._targets(node.targets, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._targets([node.target], node.value)  # dataclass fields: message: str = "..."
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        # Style tables: {"label": "City fixed cameras"} is shown later, so its text needs N_().
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and key.value in TEXT_KEYWORDS:
                self._flag(self.texts(value))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if _is_translated(node) or _is_ignored_call(node):
            return
        name = _name(node.func)
        keywords = {k.arg: k.value for k in node.keywords if k.arg}
        for key in sorted(TEXT_KEYWORDS & keywords.keys()):
            self._flag(self.texts(keywords[key]))
        if "options" in keywords:
            self._flag(self.option_labels(keywords["options"]))
        if name in TEXT_METHODS:
            for arg in node.args:
                self._flag(self.texts(arg))
            for key in sorted(TEXT_METHOD_KEYWORDS & keywords.keys()):
                self._flag(self.texts(keywords[key]))
        if name in HTML_CALLS:
            self._flag(self.texts(node.args[0] if node.args else None))
            self._flag(self.texts(keywords.get("value")))
        if name == "describe":  # style.describe(fig, text)
            self._flag(self.texts(node.args[1] if len(node.args) > 1 else None))
            self._flag(self.texts(keywords.get("text")))
        self.generic_visit(node)


def _opted_out_lines(source: str) -> set[int]:
    lines = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(source).readline):
            if token.type == tokenize.COMMENT and OPT_OUT.search(token.string):
                lines.add(token.start[0])
    except (tokenize.TokenError, SyntaxError):
        pass
    return lines


def untranslated(source: str, filename: str = "<string>") -> list[tuple[int, str]]:
    """(line, text) of every string or f-string that a student would read but that is not wrapped in `_()`/`_n()`.

    Student-facing: description=/label=/title=/placeholder=/tooltip=/xlabel=/ylabel=/message= arguments,
    set_title/set_xlabel/set_ylabel/suptitle/text/annotate/say/set_text arguments, HTML/Label/Markdown text,
    options=[("Label", value)] labels, returns of describe*() functions, `message` assignments,
    describe(fig, text) and {"label": ...} entries of style tables. Text is followed back through local and
    module names, `+=`, `.append()`, `" ".join()`, f-string parts and the returns of the module's own functions
    (not into other modules). Raise, assert, logging and argparse text is not checked. A line ending in
    `# i18n: ok` is skipped.
    """
    tree = ast.parse(source, filename=filename)
    finder = _Finder(tree)
    finder.visit(tree)
    skip = _opted_out_lines(source)
    result = []
    for node in sorted(finder.found.values(), key=lambda n: (n.lineno, n.col_offset)):
        if skip.intersection(range(node.lineno, (node.end_lineno or node.lineno) + 1)):
            continue
        text = node.value if isinstance(node, ast.Constant) else ast.unparse(node)
        result.append((node.lineno, text))
    return result


def untranslated_in_package(package_dir: Path = PACKAGE_DIR) -> dict[str, list[tuple[int, str]]]:
    """untranslated() over every module of the package but this one, keyed by the path inside the package."""
    package_dir = Path(package_dir)
    report = {}
    for path in source_files(package_dir):
        found = untranslated(path.read_text(encoding="utf-8"), filename=str(path))
        if found:
            report[path.relative_to(package_dir).as_posix()] = found
    return report


# --------------------------------------------------------------------------------------------------- command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m platetrails.i18n", description="Maintain the gettext catalogues.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help=f"write {_relative(POT_PATH)} from the package sources")
    commands.add_parser("update", help="merge the .pot into every .po")
    commands.add_parser("compile", help="write every .mo from its .po")
    commands.add_parser("check", help="fail if a .mo is stale or a .po lacks a text of the .pot")
    init = commands.add_parser("init", help="start the .po of a new language")
    init.add_argument("lang")
    commands.add_parser("untranslated", help="list student-facing text not wrapped in _() yet")
    args = parser.parse_args(argv)

    if args.command == "extract":
        print(f"{_relative(POT_PATH)}: {write_template()} texts")
    elif args.command == "update":
        changed = update_catalogues()
        print(f"updated {len(po_files())} catalogues, {len(changed)} changed")
    elif args.command == "compile":
        changed = compile_catalogues()
        print(f"compiled {len(po_files())} catalogues, {len(changed)} changed")
    elif args.command == "check":
        return check_catalogues()
    elif args.command == "init":
        print(f"wrote {_relative(init_language(args.lang))}")
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
