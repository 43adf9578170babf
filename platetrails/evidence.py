"""What a piece of evidence is: a one-sentence finding, its sources, the bars of its figure, which way it pulls
(its side) and what kind of evidence it is (a trial, an agency's count, a survey, records, laws or the made-up town).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails.facts import Facts
from platetrails.i18n import N_, _

# Which way a piece of evidence pulls: towards using readers, towards limits in the middle, or towards
# strong limits or a ban. The side is where its supporters would use it, not a verdict on it.
SIDES = {
    "for": N_("supports using readers"),
    "limits": N_("supports a middle way"),
    "against": N_("supports strong limits or a ban"),
}


# What kind of evidence a piece is, and what that kind can and cannot show: strength is part of the lesson.
KINDS = {
    "trial": (
        N_("a randomized trial"),
        N_("It compares places picked by chance, with and without readers, so it is a fair test."),
    ),
    "agency": (
        N_("a police department's own count"),
        N_("It shows readers were used in these cases, but not how many would have been solved without them."),
    ),
    "survey": (N_("a survey of what agencies believe"), N_("It tells you what police think, not what was measured.")),
    "records": (
        N_("public records"),
        N_("Counts from agencies' own data or contracts, gathered by reporters, researchers or lawyers."),
    ),
    "laws": (N_("laws and agency rules"), N_("It shows what the rules allow, not how the reads are used.")),
    "town": (
        N_("the made-up town"),
        N_("It shows how the tool works, in a town with more cameras per car than a real city."),
    ),
}


@dataclass(frozen=True)
class Source:
    """Where a piece of evidence comes from. The lab's own made-up data has no link: it is in this folder."""

    publisher: str
    title: str
    date: str = ""
    link: str = ""


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence: a one-sentence finding, its source, and the bars of its figure."""

    evidence_id: str
    side: str  # a key of SIDES
    notebook: str  # the lesson it comes from, such as "01"
    title: str  # short, for a chart title and a tick box
    finding: str  # one sentence, computed from the data
    sources: tuple[Source, ...]
    bars: tuple[tuple[str, float], ...]  # the figure: one bar per (label, value)
    axis: str  # the figure's value axis label
    percent: bool = False  # values are percentages (0 to 100)
    note: str = ""  # how a real city compares, when the finding depends on the town's density
    made_up: bool = False  # from the town's made-up data, not the real world
    bar_words: tuple[str, ...] = ()  # the text beside each bar, if not its value
    kind: str = "town"  # a key of KINDS


def source_of(row: pd.Series) -> Source:
    return Source(str(row["publisher"]), str(row["title"]), str(row["source_date"]), str(row["link"]))


def town_source(notebook: str) -> Source:
    return Source(_("Plate Trails class data (made up)"), _("Alder Falls, notebook {n}").format(n=notebook))


def sources(facts: Facts, *ids: str) -> tuple[Source, ...]:
    """The distinct sources of some facts rows, in order."""
    found: list[Source] = []
    for fid in ids:
        source = source_of(facts.figure(fid))
        if source not in found:
            found.append(source)
    return tuple(found)


def count(value: float) -> str:
    return f"{value:,.0f}"
