"""Memory kept per language (issue 21, step 3): a picture, background or sentence remembered in one language
never comes back after the class switches to another. Every cache goes through one helper,
`i18n.LanguageMemory` (or `@i18n.per_language`), and a scan of the package finds any that does not."""

from __future__ import annotations

import ast
import gc
import gettext
import io
import re
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from platetrails import answer_key as truth
from platetrails import i18n, style, widgets
from platetrails.facts import load_facts
from platetrails.i18n import TOOLS, LanguageMemory, per_language
from tests.test_structure import every_state

PACKAGE = Path(i18n.__file__).resolve().parent
PSEUDO = "xx_pseudo"  # a made-up language in which every text differs from the English

# Caches that hold no text a student reads, so they need not be kept per language: each with the reason.
LANGUAGE_FREE = {
    "local_format:_locale": "the Babel locale (CLDR data) of a language code: keyed on the language itself, no text",
    "answer_key:_loaded_once": "the class answer key's tables, loaded once per kernel: data, no text",
    "policy_rules:real_look_back": "two numbers read from data/facts/derived_figures.csv",
    "policy:PolicyData._costs": "counts of homes, sightings, cars and reads for each rule",
    "policy:PolicyData._placed": "each law's numbers; its state names and codes are data, not translated text",
    "sharing:FlowModel._cache": "which reads each setting of the switches exposes: rows and counts",
    "questions:_data_shows": "the key of the choice the class data supports for a prediction: a code, no text",
    "style:_descriptions": "a figure's alt text, kept beside that figure only: made with it, in its language",
}


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def differing(a: bytes, b: bytes) -> int:
    """How many pixels differ between two pictures (every pixel when their sizes differ)."""
    pa, pb = pixels(a), pixels(b)
    if pa.shape != pb.shape:
        return max(pa.shape[0] * pa.shape[1], pb.shape[0] * pb.shape[1])
    return int(np.any(pa != pb, axis=-1).sum())


class Pseudo(gettext.NullTranslations):
    """Every text with its letters' case swapped (placeholders kept), so no remembered English can hide."""

    @staticmethod
    def swap(message: str) -> str:
        return "".join(p if p.startswith("{") else p.swapcase() for p in re.split(r"(\{[^{}]*\})", message))

    def gettext(self, message: str) -> str:
        return self.swap(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.swap(singular if n == 1 else plural)


@pytest.fixture()
def pseudo(monkeypatch):
    real = i18n._catalogue
    monkeypatch.setattr(i18n, "_catalogue", lambda lang: Pseudo() if lang == PSEUDO else real(lang))
    return PSEUDO


@pytest.fixture(autouse=True)
def english_afterwards():
    yield
    i18n.set_language("en")


# --- the finding, and every background -------------------------------------------------------------------


def test_a_widget_used_in_english_shows_its_remembered_choices_in_spanish(town_data) -> None:
    """The finding: a choice seen in English, set again after switching to Spanish, came back in English."""
    tour = widgets.NetworkTour(town_data)
    box = tour.boxes["city_fixed"]
    box.value, box.value = False, True  # used in English: both pictures are remembered
    english = tour.png
    i18n.set_language("es")
    box.value, box.value = False, True  # the same choices again, now in Spanish
    assert tour.error is None
    i18n.forget_remembered()
    fresh = widgets.NetworkTour(town_data)
    assert differing(english, fresh.png) > 0, "the Spanish picture should differ from the English one"
    assert differing(tour.png, fresh.png) == 0, "the remembered picture came back in English"
    assert tour.sentence == fresh.sentence
    i18n.set_language("en")
    box.value, box.value = False, True  # and back: the English pictures were kept, not drawn again
    assert tour.png == english


def test_every_background_is_drawn_again_in_the_new_language(town_data, answer_key, pseudo) -> None:
    """Every figure of every widget, drawn in English, then in another language with whatever was kept, equals the
    same figure drawn in that language from nothing."""
    cases = every_state(town_data, answer_key, load_facts(), truth.case_plates(answer_key))
    english = [style.png_bytes(draw(state)) for state, draw, _describe in cases]
    i18n.set_language(pseudo)
    kept = [style.png_bytes(draw(state)) for state, draw, _describe in cases]
    i18n.forget_remembered()
    fresh = [style.png_bytes(draw(state)) for state, draw, _describe in cases]
    names = [type(state).__name__ for state, _draw, _describe in cases]
    stale = {n: differing(k, f) for n, k, f in zip(names, kept, fresh) if differing(k, f)}
    assert stale == {}, f"pixels still in the old language: {stale}"
    assert all(differing(e, f) > 0 for e, f in zip(english, fresh)), "every figure has some text to translate"


# --- the helper ------------------------------------------------------------------------------------------


def test_a_language_memory_keeps_one_entry_per_key_and_language(pseudo) -> None:
    memory, made = LanguageMemory(size=3), []

    def make(key: str) -> str:
        made.append((i18n.language(), key))
        return i18n._("Days of data:") + key

    assert memory.remember("a", lambda: make("a")) == "Days of data:a"
    assert memory.remember("a", lambda: make("a")) == "Days of data:a" and len(made) == 1
    with i18n.using_language("es"):
        assert memory.get("a") is None
        assert memory.remember("a", lambda: make("a")) == "Días de datos:a"
    assert memory.get("a") == "Days of data:a" and len(memory) == 2
    for key in "bcd":  # the least recently used go first
        memory.put(key, key)
    assert len(memory) == 3 and memory.get("a") is None and memory.get("d") == "d"
    i18n.forget_remembered()
    assert len(memory) == 0


def test_a_weak_memory_lets_its_objects_go() -> None:
    class Town:
        pass

    memory, town = LanguageMemory(weak=True), Town()
    memory.put(town, "map")
    with i18n.using_language("es"):
        assert memory.get(town) is None
        memory.put(town, "mapa")
    assert memory.get(town) == "map" and len(memory) == 2
    del town
    gc.collect()
    assert len(memory) == 0
    with pytest.raises(ValueError):
        LanguageMemory(3, weak=True)


def test_per_language_remembers_a_result_per_arguments_and_language() -> None:
    calls = []

    @per_language
    def label(n: int) -> str:
        calls.append(n)
        return i18n._("Days of data:") + str(n)

    assert label(1) == label(1) == "Days of data:1" and calls == [1]
    with i18n.using_language("es"):
        assert label(1) == "Días de datos:1" and calls == [1, 1]
    assert label(1) == "Days of data:1" and calls == [1, 1]


# --- the scan: every cache goes through the helper -------------------------------------------------------

CACHE_DECORATORS = {"cache", "lru_cache", "cached_property"}
MAPPINGS = {"dict", "OrderedDict", "WeakKeyDictionary", "WeakValueDictionary", "defaultdict", "Counter"}
FILLING = {"setdefault", "update", "__setitem__"}


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _is_empty_mapping(node: ast.expr | None) -> bool:
    """`{}`, `dict()`, `OrderedDict()`, `WeakKeyDictionary()`, `defaultdict(list)`...: a store filled later."""
    if isinstance(node, ast.Dict):
        return not node.keys
    return (
        isinstance(node, ast.Call)
        and _name(node) in MAPPINGS
        and not node.keywords
        and (not node.args or _name(node) == "defaultdict")
    )


def _targets(node: ast.AST) -> list[ast.expr]:
    if isinstance(node, ast.Assign):
        return node.targets
    return [node.target] if isinstance(node, ast.AnnAssign) else []


def _self_attr(node: ast.expr) -> str | None:
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "self":
        return node.attr
    return None


def caches_in(source: str, module: str) -> list[str]:
    """Every cache in a module's source that is not made by the helper, as 'module:name': functions under
    functools' cache decorators, module- and class-level empty dictionaries, and empty dictionaries on `self`
    that a method other than `__init__` fills (a store that grows as the widget is used)."""
    tree = ast.parse(source)
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            if any(_name(d) in CACHE_DECORATORS for d in node.decorator_list):
                found.append(f"{module}:{node.name}")
    for scope, prefix in [(tree, ""), *((c, f"{c.name}.") for c in ast.walk(tree) if isinstance(c, ast.ClassDef))]:
        for node in scope.body:
            value = getattr(node, "value", None)
            for target in _targets(node):
                if isinstance(target, ast.Name) and _is_empty_mapping(value):
                    found.append(f"{module}:{prefix}{target.id}")
    for cls in (c for c in ast.walk(tree) if isinstance(c, ast.ClassDef)):
        empty = {
            _self_attr(t)
            for n in ast.walk(cls)
            for t in _targets(n)
            if _self_attr(t) and _is_empty_mapping(getattr(n, "value", None))
        }
        filled = set()
        for method in (m for m in cls.body if isinstance(m, ast.FunctionDef) and m.name != "__init__"):
            for n in ast.walk(method):
                for t in _targets(n):
                    if isinstance(t, ast.Subscript) and _self_attr(t.value):
                        filled.add(_self_attr(t.value))
                if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in FILLING:
                    filled.add(_self_attr(n.func.value))
        found += [f"{module}:{cls.name}.{attr}" for attr in sorted(empty & filled)]
    return sorted(set(found))


def package_caches() -> list[str]:
    """The caches of every module but the translation machinery (i18n.TOOLS: the helper's home, whose catalogues are
    per language already, and the maintainers' catalogue tools)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if (path.parent == PACKAGE and path.name in TOOLS) or "__pycache__" in path.parts:
            continue
        module = ".".join(path.relative_to(PACKAGE).with_suffix("").parts)
        found += caches_in(path.read_text(encoding="utf-8"), module)
    return found


def test_every_cache_in_the_package_keys_on_the_language_through_the_helper() -> None:
    found = package_caches()
    outside = [c for c in found if c not in LANGUAGE_FREE]
    assert outside == [], (
        f"caches that ignore the language: {outside}. Make each an i18n.LanguageMemory (or put @i18n.per_language "
        "on the function); a cache that holds no text at all goes in LANGUAGE_FREE with the reason."
    )
    assert sorted(set(LANGUAGE_FREE) - set(found)) == [], "LANGUAGE_FREE names a cache that is gone"


BAD = """
import functools, weakref
from collections import OrderedDict
from functools import lru_cache

_layers: dict[tuple, object] = {}
_towns = weakref.WeakKeyDictionary()

@functools.cache
def labels(): ...

@lru_cache(maxsize=1)
def places(): ...

class Widget:
    _shared = {}

    def __init__(self):
        self._remembered = OrderedDict()
        self.table = {}
        for k in range(3):
            self.table[k] = k  # filled once, while the widget is made: data, not a cache

    def update(self, key, value):
        self._remembered[key] = value

class Board:
    def __init__(self):
        self._placed: dict = {}

    def placed(self, key):
        return self._placed.setdefault(key, key)
"""

GOOD = """
from platetrails.i18n import LanguageMemory, per_language

_layers = LanguageMemory()
NAMES = {"city_fixed": "City fixed cameras"}

@per_language
def labels(): ...

class Widget:
    def __init__(self):
        self._remembered = LanguageMemory(16)
        self.table = {k: k for k in range(3)}

    def update(self, key, value):
        self._remembered.put(key, value)
"""


def test_the_scan_finds_every_kind_of_cache_and_passes_the_helpers() -> None:
    assert caches_in(BAD, "bad") == [
        "bad:Board._placed",
        "bad:Widget._remembered",
        "bad:Widget._shared",
        "bad:_layers",
        "bad:_towns",
        "bad:labels",
        "bad:places",
    ]
    assert caches_in(GOOD, "good") == []
