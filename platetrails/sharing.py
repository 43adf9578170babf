"""Who shares with whom: which reads a federal query could see under a set of switches, and the guesses that follow.

The flow model is simple and follows the story. Every network has an owner (its `party` in the registry)
and a switch (`sharing`) that lets its reads travel to the commercial database. The federal agency
holds no cameras and contributes nothing: it sees only what reaches the database, and only if it has
bought access, and only as far back as it may search. The home guesses come from `mosaic.guess_all` on
the visible reads only. Nothing here reads the answer key.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import networks as registry
from platetrails.data import TownData, read_csv_file
from platetrails.facts import FACTS_DIR, check
from platetrails.mosaic import Analyst, Guesses, Sightings, guess_all

YEAR_CHOICES = (1, 2, 3, 4, 5)  # the years-back control; the lab's days stand for the real search window


@dataclass(frozen=True)
class Switches:
    """One setting of every flow, keyed by switch code (registry order), and how far back a query reaches.

    Build one with `Switches.of`, `Switches.story` or `Switches.all_on`, and change one switch with `with_`.
    """

    flags: tuple[tuple[str, bool], ...]  # (switch code, on) for every switch in the registry, in its order
    years_back: int = max(YEAR_CHOICES)

    def __post_init__(self) -> None:
        codes = [code for code, _on in self.flags]
        if codes != registry.switch_codes():
            raise ValueError(f"switches must be {registry.switch_codes()} in that order, not {codes}")

    @classmethod
    def of(cls, flags: Mapping[str, bool], years_back: int = max(YEAR_CHOICES)) -> Switches:
        """A setting from {switch code: on}; a switch left out keeps the story's setting, an unknown code fails."""
        unknown = set(flags) - set(registry.switch_codes())
        if unknown:
            raise KeyError(f"no switch called {sorted(unknown)}")
        pairs = tuple((s.code, bool(flags.get(s.code, s.default))) for s in registry.switches())
        return cls(pairs, int(years_back))

    @classmethod
    def story(cls, years_back: int = max(YEAR_CHOICES)) -> Switches:
        """The story's setting, read from the registry's defaults."""
        return cls.of({}, years_back)

    @classmethod
    def all_on(cls, years_back: int = max(YEAR_CHOICES)) -> Switches:
        """Every flow on."""
        return cls.of(dict.fromkeys(registry.switch_codes(), True), years_back)

    def on(self, code: str) -> bool:
        return dict(self.flags)[code]

    def as_dict(self) -> dict[str, bool]:
        return dict(self.flags)

    def with_(self, code: str, on: bool) -> Switches:
        """The same setting with one switch changed."""
        return Switches.of({**self.as_dict(), code: on}, self.years_back)


def story_switches() -> Switches:
    """The story's setting (the years back are the whole window)."""
    return Switches.story()


def travel(network: str, switches: Switches) -> tuple[str, ...]:
    """Where one network's reads may travel under the switches: its owner, then the database, then the agency."""
    net = registry.get(network)
    path = (net.party,)
    if net.sharing and switches.on(net.sharing):
        path += (registry.database().code,)
        if switches.on(registry.access_switch().code):
            path += (registry.agency().code,)
    return path


def visible_networks(switches: Switches) -> list[str]:
    """The networks whose reads a federal query can reach."""
    return [n for n in registry.names() if registry.agency().code in travel(n, switches)]


def days_back(years: int, data_days: int, full_years: float) -> int:
    """How many of the lab's days a query reaches when it may search `years` back.

    The lab's `data_days` stand for the whole real window of `full_years`, so each year is
    data_days / full_years of the lab's days (at least one day when any year is allowed).
    """
    if years <= 0:
        return 0
    return int(min(data_days, max(1, round(data_days * years / full_years))))


def visible_rows(s: Sightings, network_names: list[str], reach_days: int, last_day: int) -> np.ndarray:
    """Sightings from the chosen networks in the last `reach_days` days before a query made after `last_day`."""
    codes = [s.network_names.index(n) for n in network_names if n in s.network_names]
    wanted = np.isin(s.network, codes) & (s.day > last_day - reach_days)
    return np.flatnonzero(wanted)


@dataclass
class Exposure:
    """What the federal agency could see under one setting of the switches."""

    switches: Switches
    networks: tuple[str, ...]
    reach_days: int
    rows: np.ndarray
    guesses: Guesses
    reads_by_network: dict[str, int]


class FlowModel:
    """The prepared sightings and every combination of switches, computed once (there are few)."""

    def __init__(self, town: TownData, full_years: float, analyst: Analyst | None = None) -> None:
        self.town = town
        self.analyst = analyst or Analyst(town)
        self.full_years = float(full_years)
        self.last_day = int(self.analyst.s.day.max()) if len(self.analyst.s.day) else 0
        self.data_days = town.days
        self._cache: dict[tuple, Exposure] = {}

    def key(self, switches: Switches) -> tuple:
        """Settings that expose the same reads share one key (with access off, nothing else matters)."""
        nets = tuple(visible_networks(switches))
        reach = days_back(switches.years_back, self.data_days, self.full_years) if nets else 0
        return nets, reach

    def exposure(self, switches: Switches) -> Exposure:
        nets, reach = self.key(switches)
        if (nets, reach) not in self._cache:
            s = self.analyst.s
            rows = visible_rows(s, list(nets), reach, self.last_day) if nets else np.array([], dtype=int)
            counts = np.bincount(s.network[rows], minlength=len(s.network_names)) if len(rows) else None
            by_net = {n: int(counts[i]) if counts is not None else 0 for i, n in enumerate(s.network_names)}
            self._cache[(nets, reach)] = Exposure(switches, nets, reach, rows, guess_all(s, rows), by_net)
        return self._cache[(nets, reach)]

    def every_setting(self) -> list[Switches]:
        """Every combination of the switches and the years back."""
        codes = registry.switch_codes()
        flags = itertools.product([False, True], repeat=len(codes))
        return [Switches.of(dict(zip(codes, f)), years_back=y) for f in flags for y in YEAR_CHOICES]

    def precompute(self) -> None:
        for setting in self.every_setting():
            self.exposure(setting)

    def rows_of(self, plate: str, switches: Switches) -> np.ndarray:
        """The visible sightings of one plate."""
        s = self.analyst.s
        code = s.plates.get_indexer([plate])[0]
        if code < 0:
            return np.array([], dtype=int)
        return np.intersect1d(s.rows_of_plate[code], self.exposure(switches).rows)


# --- This lesson's sourced tables (statements, laws and cases; real sharing degrees) ------------

SOURCES_COLUMNS = ["source_id", "kind", "wording", "who"]
DEGREE_COLUMNS = ["dataset", "bin", "low", "high", "agencies", "method"]


def load_sources(folder: Path | None = None) -> pd.DataFrame:
    """The sourced statements, laws and cases of notebook 04 (data/facts/sharing_sources.csv), checked like every facts table."""
    path = Path(folder or FACTS_DIR) / "sharing_sources.csv"
    table = read_csv_file(path, SOURCES_COLUMNS, fix=f"Restore it with: git checkout {path}")
    check("sharing_sources", table, path)
    return table.set_index("source_id", drop=False)


def load_degrees(folder: Path | None = None) -> pd.DataFrame:
    """How many agencies real agencies share with, binned (data/facts/sharing_degrees.csv, made by derive_facts)."""
    path = Path(folder or FACTS_DIR) / "sharing_degrees.csv"
    table = read_csv_file(
        path,
        DEGREE_COLUMNS,
        fix=f"Rebuild it with: python -m platetrails.build.derive_facts --realdata PATH (or git checkout {path})",
    )
    check("sharing_degrees", table, path)
    table["agencies"] = pd.to_numeric(table.agencies)
    return table
