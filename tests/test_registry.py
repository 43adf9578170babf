"""The network registry is closed: no module of the package outside `platetrails/networks.py` spells a network's,
an owner's or a sharing switch's code, or an owner's name; they ask the registry (issue #21, step 2)."""

from __future__ import annotations

import ast
from pathlib import Path

from platetrails import networks

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "platetrails"
REGISTRY_MODULES = {"platetrails/networks.py"}
# The one place a spelling may stay outside the registry, each with its reason (the scan fails on an entry
# that no longer occurs, so the list cannot go stale).
ALLOWED = {
    ("platetrails/untranslated.py", "city_fixed"): "a docstring's example of a code that is not words",
    ("platetrails/build/derive_facts.py", "agency_access"): "the real Flock data's table of that name, not the switch",
}


def spellings() -> dict[str, str]:
    """Every code and owner name the registry defines, with what it is."""
    found: dict[str, str] = {}
    for net in networks.all_networks():
        found[net.name] = "network"
        found[net.owner] = "owner"
    for party in networks.parties():
        found[party.code] = "party"
    for switch in networks.switches():
        found[switch.code] = "switch"
    return found


def spells(word: str, text: str, is_name: bool) -> bool:
    """A code with an underscore or a name with a space is spelled anywhere inside a string or a name; a code
    that is one plain word ('database') only as a whole string, so prose and local names may use the word."""
    if "_" in word or " " in word:
        return word in text
    return not is_name and text == word


def spelled(source: str, words: list[str]) -> list[tuple[int, str]]:
    """(line, word) for each string constant or name (variable, attribute, argument, keyword, definition) of
    the source that spells one of `words`."""
    hits = []
    for node in ast.walk(ast.parse(source)):
        texts: list[tuple[str, bool]] = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            texts = [(node.value, False)]
        elif isinstance(node, ast.Name):
            texts = [(node.id, True)]
        elif isinstance(node, ast.Attribute):
            texts = [(node.attr, True)]
        elif isinstance(node, ast.arg):
            texts = [(node.arg, True)]
        elif isinstance(node, ast.keyword) and node.arg:
            texts = [(node.arg, True)]
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            texts = [(node.name, True)]
        for text, is_name in texts:
            hits += [(node.lineno, word) for word in words if spells(word, text, is_name)]
    return hits


def package_spellings() -> dict[tuple[str, str], list[int]]:
    """{(module, word): lines} for every spelling in the package outside the registry modules."""
    words = list(spellings())
    found: dict[tuple[str, str], list[int]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(ROOT).as_posix()
        if module in REGISTRY_MODULES:
            continue
        for line, word in spelled(path.read_text(encoding="utf-8"), words):
            found.setdefault((module, word), []).append(line)
    return found


def test_no_module_outside_the_registry_spells_a_network_an_owner_or_a_switch() -> None:
    found = package_spellings()
    leaks = [f"{module}:{lines} spells the {spellings()[word]} '{word}'" for (module, word), lines in found.items()]
    leaks = [leak for leak, place in zip(leaks, found) if place not in ALLOWED]
    assert not leaks, "ask platetrails.networks instead:\n" + "\n".join(leaks)
    stale = [place for place in ALLOWED if place not in found]
    assert not stale, f"these allowed spellings no longer occur; remove them from ALLOWED: {stale}"


def test_the_scan_finds_each_kind_of_spelling_and_passes_prose() -> None:
    words = list(spellings())
    source = (
        'nets = ["city_fixed"]\n'
        'figure = f"home_{x}_alone" if x else "home_repo_fleet_alone"\n'
        "on = switches.agency_access\n"
        "def compute(data, city_shares: bool): ...\n"
        "compute(data, county_shares=True)\n"
        'owner = "Larch County Sheriff"\n'
        'target = "database"\n'
    )
    assert sorted(spelled(source, words)) == [
        (1, "city_fixed"),
        (2, "repo_fleet"),
        (3, "agency_access"),
        (4, "city_shares"),
        (5, "county_shares"),
        (6, "Larch County Sheriff"),
        (7, "database"),
    ]
    clean = (
        "nets = networks.networks_of(networks.POLICE, 'fixed')\n"
        'words = _("the commercial database")\n'
        "database = networks.database().code\n"
        "on = switches.on(networks.access_switch().code)\n"
    )
    assert spelled(clean, words) == []


def test_the_registry_answers_what_the_lessons_ask_of_it() -> None:
    assert networks.collecting() == [n.name for n in networks.all_networks() if n.collects]
    assert set(networks.collecting()) < set(networks.names())  # one network belongs to another agency
    assert [p.role for p in networks.parties()].count("owner") == len(networks.owners())
    assert networks.access_switch().source == networks.database().code
    assert networks.access_switch().target == networks.agency().code
    for owner in networks.owners():
        assert networks.switch_from(owner.code).target == networks.database().code
        assert all(
            networks.get(n).sharing == networks.switch_from(owner.code).code for n in networks.networks_of(owner.code)
        )
    assert networks.networks_of(networks.POLICE, "fixed") and networks.networks_of(networks.SHERIFF)
    assert all(networks.get(n).phrase for n in networks.names())
