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

Maintainers: `python -m platetrails.catalogue extract|update|compile|check` keeps the catalogues (catalogue.py);
`untranslated.py` finds student-facing text that is not wrapped yet.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import os
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

DOMAIN = "platetrails"
SOURCE_LANGUAGE = "en"
ENV_VAR = "PLATETRAILS_LANG"
PACKAGE_DIR = Path(__file__).resolve().parent
LOCALE_DIR = PACKAGE_DIR / "locale"
POT_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
TOOLS = ("i18n.py", "catalogue.py", "untranslated.py")  # the translation machinery, not scanned or extracted

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


def relative(path: Path) -> str:
    try:
        return path.resolve().relative_to(PACKAGE_DIR.parent).as_posix()
    except ValueError:
        return path.as_posix()


def source_files(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """The package's Python files, sorted, without the translation modules themselves (TOOLS)."""
    package_dir = Path(package_dir)
    return sorted(
        p
        for p in package_dir.rglob("*.py")
        if not (p.parent == package_dir and p.name in TOOLS) and "__pycache__" not in p.parts
    )
