"""Every piece of evidence a stand can use, computed once from the class data and the facts tables."""

from __future__ import annotations

from platetrails.answer_key import AnswerKey
from platetrails.data import TownData, read_table
from platetrails.evidence import Evidence
from platetrails.facts import Facts
from platetrails.mosaic import Analyst
from platetrails.sourced_evidence import (
    deterrence_trials,
    fairfax,
    iacp,
    ice_sharing,
    mesa_trial,
    not_hits,
    retention,
    san_diego,
)
from platetrails.town_evidence import town_alerts, town_home, town_labels, town_misreads, town_scans


class EvidenceCatalogue:
    """Every piece of evidence a stand can use, computed once from the class data and the facts tables.

    `key` is the answer key (for scoring the analyst's guesses, as notebook 02 does) and `cars` the case
    residents' labels and plates (`lab.case_plates()`).
    """

    def __init__(self, town: TownData, facts: Facts, key: AnswerKey, cars: dict[str, str]) -> None:
        analyst = Analyst(town)
        realism = read_table("realism.csv")
        pieces = [
            town_alerts(town, cars),
            mesa_trial(facts),
            deterrence_trials(facts),
            fairfax(facts),
            san_diego(facts),
            iacp(facts),
            retention(facts),
            town_home(analyst, key, realism),
            town_labels(analyst, key),
            town_misreads(town, key),
            town_scans(town),
            not_hits(facts),
            ice_sharing(facts),
        ]
        self.pieces: dict[str, Evidence] = {p.evidence_id: p for p in pieces}

    def ids(self) -> list[str]:
        return list(self.pieces)

    def get(self, evidence_id: str) -> Evidence:
        return self.pieces[evidence_id]

    def on_side(self, side: str) -> list[Evidence]:
        return [p for p in self.pieces.values() if p.side == side]
