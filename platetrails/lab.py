"""What the first cell of every notebook calls: set the figure style, load the data, and keep errors plain."""

from __future__ import annotations

import ctypes
import html
import platform
import re
from collections.abc import Callable
from typing import Any

from IPython import get_ipython
from IPython.display import HTML, display

from platetrails import answer_key as truth
from platetrails import i18n, plain_errors, style
from platetrails.answer_key import AnswerKey
from platetrails.data import TownData, load_town, read_table
from platetrails.widgets.base import PAGE_STYLE

# Buffers at least this big (a figure's pixels, a PNG, a column of the reads) get their own pages from the
# system and go back to it when freed: glibc's default raises this bound each time such a buffer is freed,
# after which freed buffers stay in the heap, and a kernel grew by about 90 MiB under heavy use of the widgets.
BIG_BUFFER_BYTES = 128 * 1024
M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter number (malloc.h)


def keep_memory_flat() -> bool:
    """Fix glibc's mmap threshold (see BIG_BUFFER_BYTES), so redrawing a widget never grows the kernel. True if set.

    Elsewhere than glibc (macOS, Windows, musl) nothing is changed: their allocators do not hold on this way.
    """
    if platform.system() != "Linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        return ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, BIG_BUFFER_BYTES) == 1
    except (OSError, AttributeError):
        return False


def start() -> TownData:
    """Load Alder Falls for a notebook. A missing or damaged file is reported in one plain sentence."""
    plain_errors.install(get_ipython())
    keep_memory_flat()
    style.apply()
    display(HTML(PAGE_STYLE + page_language()))
    return load_town()


def page_language() -> str:
    """A script that gives a Voila page the notebook's language (`<html lang="es">`), for screen readers and
    axe-core. In JupyterLab the page holds other notebooks too, so it is left as it is."""
    lang = i18n.language().split("_")[0].lower()
    lang = lang if re.fullmatch(r"[a-z]{2,3}", lang) else i18n.SOURCE_LANGUAGE
    return f"<script>if (location.pathname.includes('/voila/')) document.documentElement.lang = '{lang}';</script>"  # i18n: ok


def answer_key() -> AnswerKey:
    """The truth behind the simulation, for the 'reveal' steps only (loaded once per kernel)."""
    return truth.class_key()


def case_plates() -> dict[str, str]:
    """The six case residents' neutral labels (Car A to Car F) and their plates, for the car menus."""
    return truth.case_plates(truth.class_key())


def case_places(town: TownData) -> dict[str, tuple[tuple[int, int], tuple[int, int] | None]]:
    """The six case residents' real home and workplace corners, so a widget can say whether a guess found them."""
    return truth.case_places(truth.class_key(), town.places)


def realism():
    """The realism dial's table (data/realism.csv): home guesses over simulated years at each level of the dial."""
    return read_table("realism.csv")


def dial_table():
    """The dial beside real places: reads per car per day and the share seen on 2+ days, with bands and sources."""
    from platetrails.states.scale import compute_realism, places_table

    return places_table(compute_realism(realism(), "town", 28)).style.hide(axis="index")


def candidate_trips():
    """The case residents' trips and the candidate camera sites each passes, for notebook 03's camera slider."""
    return truth.load_candidate_trips()


def seed_ranges() -> HTML:
    """Notebook 02's main figures in this town beside their range over eight simulated towns (data/mosaic/)."""
    from platetrails.build import seed_ranges as ranges  # only notebook 02 needs it: not loaded with every notebook

    rows = ranges.student_rows(ranges.load())
    cell = "<td style='text-align:left'>{}</td>"
    head = "".join(f"<th style='text-align:left'>{html.escape(h)}</th>" for h in rows.columns)
    body = "".join(
        "<tr>" + "".join(cell.format(html.escape(v)) for v in r) + "</tr>" for r in rows.itertuples(index=False)
    )
    return HTML(f"<table style='font-size:1.05em'><tr>{head}</tr>{body}</table>")


# --- Every widget on the class data, from its registry line ---------------------------------------------------

# What a widget's constructor may take, by the names registry lines use, each made as the notebooks make it.
# A new widget built from these needs no other file: the state test and `make bench` build it with build_widget.
INPUTS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "town": lambda made: load_town(),
    "key": lambda made: truth.class_key(),
    "cars": lambda made: case_plates(),
    "facts": lambda made: _facts(),
    "homes": lambda made: case_places(need(made, "town")),
    "innocent_car": lambda made: need(made, "cars")["Car C"],  # notebook 01: Car C, who rarely drives
    "realism": lambda made: realism(),
    "candidate_trips": lambda made: candidate_trips(),
    "flows": lambda made: _flows(made),
    "policy_model": lambda made: _policy_model(made),
    "warrant_days_max": lambda made: need(made, "facts").figure("arvada_warrant_days_max").value,
    "evidence": lambda made: _evidence(made),
}


def need(made: dict[str, Any], name: str) -> Any:
    """One input, made once and kept in `made` for the other inputs and widgets that need it."""
    if name not in made:
        made[name] = INPUTS[name](made)
    return made[name]


def build_widget(name: str, made: dict[str, Any] | None = None) -> Any:
    """The widget named in platetrails/widgets/registry.py, on the class data, built as its notebook builds it."""
    from platetrails import widgets
    from platetrails.widgets import registry

    made = {} if made is None else made
    line = registry.entry(name)
    unknown = [n for n in line.needs if n not in INPUTS]
    if unknown:
        raise ValueError(f"{name} needs {unknown}: name only inputs of lab.INPUTS ({sorted(INPUTS)})")
    return getattr(widgets, name)(*(need(made, n) for n in line.needs))


def _facts() -> Any:
    from platetrails.facts import load_facts

    return load_facts()


def _flows(made: dict[str, Any]) -> Any:
    from platetrails.states.sharing import SharingData

    history = need(made, "facts").figure("ice_history_years").value
    return SharingData(need(made, "town"), need(made, "key"), history, need(made, "cars"))


def _policy_model(made: dict[str, Any]) -> Any:
    from platetrails import policy

    return policy.PolicyData(need(made, "town"), policy.load_cases())


def _evidence(made: dict[str, Any]) -> Any:
    from platetrails.evidence_catalogue import EvidenceCatalogue

    return EvidenceCatalogue(need(made, "town"), need(made, "facts"), need(made, "key"), need(made, "cars"))
