"""The questions a student can send: ids, their words in the notebooks and the guide, and what the data shows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from platetrails import networks, questions, sharing
from platetrails.states.reading import compute_tour
from platetrails.states.sharing import SharingData, compute_sharing_map

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))
GUIDE = (ROOT / "instructors" / "guide.md").read_text(encoding="utf-8")


def markdown_of(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def test_ids_are_unique_well_formed_and_every_notebook_has_a_prediction_and_one_exit_ticket() -> None:
    ids = [q.id for q in questions.QUESTIONS]
    assert len(ids) == len(set(ids))
    assert all(questions.ID_PATTERN.fullmatch(i) and len(i) <= 60 for i in ids)
    for notebook in NOTEBOOKS:
        kinds = [q.kind for q in questions.of_notebook(notebook.name[:2])]
        assert kinds.count("exit") == 1 and kinds.count("predict") >= 1, notebook.name
    with pytest.raises(KeyError):
        questions.find("02-predict-nothing")


def test_every_prediction_is_word_for_word_the_notebooks_predict_first_line() -> None:
    for q in questions.QUESTIONS:
        if q.kind == "predict":
            text = markdown_of(ROOT / "notebooks" / next(n.name for n in NOTEBOOKS if n.name[:2] == q.notebook))
            assert f"**Predict first:** {q.text}" in text, q.id


def test_every_exit_ticket_is_word_for_word_the_guides() -> None:
    flat = re.sub(r"\s+", " ", GUIDE)  # the guide wraps its lines
    for q in questions.QUESTIONS:
        if q.kind == "exit":
            assert re.search(r"Exit ticket:\** \"?" + re.escape(q.text), flat), q.id


def test_the_busiest_network_is_the_one_the_tour_counts_most_reads_for(town_data) -> None:
    per_day = {net: compute_tour(town_data, [net]).reads_per_day for net in networks.names()}
    q = questions.find("00-predict-network")
    assert q.data_shows() == max(per_day, key=per_day.get)
    assert q.data_shows() in dict(q.choices)
    assert q.choice_label(q.data_shows()) == networks.get(q.data_shows()).label


def test_the_share_of_homes_with_the_city_off_is_put_in_the_predictions_words(town_data, answer_key) -> None:
    from platetrails import answer_key as truth
    from platetrails.facts import load_facts

    flows = SharingData(
        town_data, answer_key, load_facts().figure("ice_history_years").value, truth.case_plates(answer_key)
    )
    share = compute_sharing_map(flows, sharing.story_switches()).share
    expected = "none" if share < 0.25 else "half" if share < 2 / 3 else "most"
    q = questions.find("04-predict-share")
    assert q.data_shows() == expected
    assert [key for key, _label in q.choices] == ["none", "half", "most"]
    # A written question shows no choice.
    assert questions.find("04-exit").data_shows() is None and questions.find("04-exit").choices == ()


def test_every_spanish_prediction_is_word_for_word_the_spanish_notebooks_line() -> None:
    from platetrails import i18n

    i18n.set_language("es")
    try:
        prompts = {q.id: q.prompt() for q in questions.QUESTIONS if q.kind == "predict"}
    finally:
        i18n.set_language("en")
    for question_id, prompt in prompts.items():
        notebook = next((ROOT / "notebooks" / "es").glob(f"{question_id[:2]}_*.ipynb"))
        assert f"**Primero, predice:** {prompt}" in markdown_of(notebook), question_id
