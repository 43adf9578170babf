"""Notebook 06, take a stand: the evidence catalogue regenerated from the data, the stand's state and its messages,
the save file (atomic, reloaded, a damaged one set aside), the printable page, and the widgets."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from platetrails import answer_key as truth
from platetrails import handout, mosaic, networks, scoring, stand, style, widgets
from platetrails.facts import load_facts
from platetrails.states.stand import (
    EvidenceState,
    compute_evidence,
    compute_stand,
    describe_evidence,
    describe_stand,
)
from tests.test_structure import INJECTIONS, assert_shown_as_text

NASTY = "<script>alert('x')</script><img src=x onerror=alert(1)> & <b>bold</b> \"quoted\""


@pytest.fixture(scope="module")
def facts():
    return load_facts()


@pytest.fixture(scope="module")
def catalogue(town_data, answer_key, facts) -> stand.EvidenceCatalogue:
    return stand.EvidenceCatalogue(town_data, facts, answer_key, truth.case_plates(answer_key))


def small_catalogue() -> stand.EvidenceCatalogue:
    """Three hand-built pieces, one per side, so the stand's rules can be checked with known answers."""
    source = stand.Source("Example Press", "An example", "2020", "https://example.org/a")
    pieces = [
        stand.Evidence("a", "for", "01", "For A", "A finding for.", (source,), (("x", 1.0),), "count"),
        stand.Evidence("b", "limits", "05", "Middle B", "A finding between.", (source,), (("y", 50.0),), "%", True),
        stand.Evidence("c", "against", "02", "Against C", "A finding against.", (source,), (("z", 3.0),), "n"),
        stand.Evidence("d", "against", "02", "Against D", "Another finding.", (source,), (("w", 4.0),), "n"),
    ]
    cat = stand.EvidenceCatalogue.__new__(stand.EvidenceCatalogue)
    cat.pieces = {p.evidence_id: p for p in pieces}
    return cat


# --- The catalogue -----------------------------------------------------------------------------------


def test_the_catalogue_gives_each_side_strong_evidence(catalogue) -> None:
    sides = {side: {e.evidence_id for e in catalogue.on_side(side)} for side in stand.SIDES}
    assert {"town_alerts", "mesa_trial", "fairfax_results", "san_diego_results", "iacp_survey"} <= sides["for"]
    assert {"town_home", "town_labels", "town_misreads", "not_hits", "ice_sharing"} <= sides["against"]
    assert sides["limits"] == {"retention"}
    for ev in catalogue.pieces.values():
        assert ev.finding.endswith(".") and ev.title and ev.bars and ev.sources and ev.axis
        if ev.made_up:
            assert ev.sources[0].link == "" and "made up" in ev.sources[0].publisher
        else:
            assert all(s.link.startswith("http") and s.date for s in ev.sources), ev.evidence_id


def test_real_findings_are_read_from_the_facts_rows_not_typed(catalogue, facts) -> None:
    mesa = catalogue.get("mesa_trial")
    assert [v for _label, v in mesa.bars] == [
        facts.figure(i).value for i in ("mesa_lpr_plates_checked", "mesa_lpr_stolen_hits", "mesa_lpr_recoveries")
    ]
    assert mesa.sources[0].link == facts.figure("mesa_lpr_recoveries").link
    fairfax = catalogue.get("fairfax_results")
    assert f"{facts.figure('fairfax_year2_arrests').value:,.0f} people" in fairfax.finding
    assert f"{facts.figure('fairfax_retention_days').value:g} days" in fairfax.finding
    assert f"{facts.figure('sd_stolen_vehicles').value:,.0f} stolen" in catalogue.get("san_diego_results").finding
    assert f"{facts.figure('ice_officers').value:,.0f} ICE" in catalogue.get("ice_sharing").finding
    retention = catalogue.get("retention")
    assert retention.bars[-1][1] == facts.figure("ice_history_years").value * 12
    assert retention.bar_words[0] == "3 minutes" and retention.bars[0][0] == "New Hampshire"


def test_town_findings_match_a_count_by_hand(catalogue, town_data, answer_key) -> None:
    analyst = mosaic.Analyst(town_data)
    acc = scoring.accuracy(analyst, answer_key, 28, networks.names())
    month = dict(catalogue.get("town_home").bars)["town, 28 days"]
    assert month == pytest.approx(100 * (acc.home_blocks_off <= 1).mean())
    assert f"{month:.0f}% after 28 days" in catalogue.get("town_home").finding
    labels = scoring.label_truth(analyst, answer_key, 28, networks.names())
    given, went = int(labels.plates_with_routine.sum()), int(labels.routine_and_went.sum())
    assert f"give {given} cars" in catalogue.get("town_labels").finding and f"only {went} of them" in (
        catalogue.get("town_labels").finding
    )
    assert went < given  # the lesson: most of the labels are wrong
    misreads = int(answer_key.read_truth.misread.sum())
    assert catalogue.get("town_misreads").finding.startswith(f"{misreads:,} of the town's {len(town_data.reads):,}")
    shares = dict(catalogue.get("town_alerts").bars)
    assert shares["within 1 day, every network"] >= shares["within 1 day, city cameras"]  # more networks, sooner
    assert shares["within 1 day, every network"] >= shares["within 1 hour, every network"]
    for piece in ("town_alerts", "town_home", "town_labels"):  # findings that depend on the town's density say so
        assert "real city" in catalogue.get(piece).note


# --- The stand's state ---------------------------------------------------------------------------------


def test_a_complete_stand_has_no_message_and_says_what_was_chosen() -> None:
    cat = small_catalogue()
    state = compute_stand(cat, "strict_limits", ["a", "c"], "Because of A.", "They say C; but A.", "Sam")
    assert state.message == "" and state.complete
    assert state.position_index == 2 and state.position_label == "Use them under strict limits"
    assert [e.evidence_id for e in state.evidence] == ["a", "c"]
    text = describe_stand(state)
    assert "Use them under strict limits" in text and "For A; Against C" in text
    assert "1 for using readers, 0 for a middle way, 1 for strong limits" in text
    assert "Reasoning: 3 words. Rebuttal: 5 words." in text


@pytest.mark.parametrize(
    "choices, expected",
    [
        (
            {"position": "", "evidence": [], "reasoning": "", "rebuttal": ""},
            ["Pick where you stand", "You chose 0 pieces", "reasoning box is empty", "rebuttal box is empty"],
        ),
        ({"position": "nowhere"}, ["Pick where you stand"]),
        ({"evidence": ["a"]}, ["You chose 1 piece of evidence: tick two or three."]),
        ({"evidence": ["a", "b", "c", "d"]}, ["You ticked 4 pieces"]),
        ({"evidence": ["a", "a", "zzz"]}, ["You chose 1 piece"]),  # repeats and unknown ids do not count
        ({"reasoning": "   \n\t "}, ["reasoning box is empty"]),
        ({"reasoning": "x" * 3001}, ["reasoning is 3,001 characters long, more than the 3,000"]),
        ({"rebuttal": "y" * 50_000}, ["rebuttal is 50,000 characters long"]),
        ({"name": "n" * 200}, ["first 80 characters"]),
    ],
)
def test_missing_or_too_long_parts_get_a_plain_message(choices: dict, expected: list[str]) -> None:
    full = {"position": "ban", "evidence": ["a", "c"], "reasoning": "r", "rebuttal": "b", "name": "Sam"}
    state = compute_stand(small_catalogue(), **{**full, **choices})
    for words in expected:
        assert words in state.message
    assert "Traceback" not in state.message and not state.complete


def test_very_long_text_is_capped_for_the_page_but_counted_as_typed() -> None:
    state = compute_stand(small_catalogue(), "ban", ["a", "c"], "word " * 2000, "b")
    assert len(state.reasoning) == stand.MAX_CHARS and state.reasoning.endswith("…")
    assert state.reasoning_chars == len(("word " * 2000).strip())


def test_typed_html_is_kept_as_typed_in_the_state() -> None:
    state = compute_stand(small_catalogue(), "ban", ["a", "c"], NASTY, NASTY, NASTY)
    assert state.reasoning == NASTY.strip() and state.rebuttal == NASTY.strip()


def test_evidence_state_and_sentence(catalogue) -> None:
    state = compute_evidence(catalogue, "town_home")
    text = describe_evidence(state)
    assert state.message == "" and text.startswith(state.evidence.finding)
    assert "Seattle" in text and "Source: Plate Trails class data (made up)" in text
    assert "supports strong limits or a ban" in text
    missing = compute_evidence(catalogue, "<b>nope</b>")
    assert missing.evidence is None and "no piece of evidence called" in missing.message
    assert describe_evidence(missing) == missing.message


# --- Figures -------------------------------------------------------------------------------------------


def test_every_piece_of_evidence_draws_with_a_title_axis_and_description(catalogue) -> None:
    for ev in catalogue.pieces.values():
        fig = handout.draw_evidence(EvidenceState(ev))
        texts = [t.get_text() for t in fig.texts]
        assert ev.title in texts and any(_s in " ".join(texts) for _s in ("It supports",))
        assert fig.axes[0].get_xlabel() == ev.axis
        assert len(fig.axes[0].patches) == len(ev.bars)
        assert style.description_of(fig).endswith(ev.finding)
    empty = handout.draw_evidence(EvidenceState(None))
    assert empty.axes[0].get_title() == "No evidence chosen"


def test_the_spectrum_marks_the_position_and_the_evidence() -> None:
    cat = small_catalogue()
    state = compute_stand(cat, "alerts_only", ["a", "b", "c"], "r", "b")
    fig = handout.draw_stand(state, pixels=False)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.texts if t.get_va() == "top"] == [
        "Use\nfreely",
        "Use with\npublic rules",
        "Strict\nlimits",
        "Alerts\nonly",
        "Ban\nthem",
    ]
    star = [c for c in ax.collections if len(c.get_offsets()) == 1 and c.get_sizes()[0] > 1000]
    assert star and tuple(star[0].get_offsets()[0]) == (3.0, 0.0)
    labels = [t.get_text() for t in ax.texts]
    assert {"you", "For A", "Middle B", "Against C"} <= set(labels)
    assert "your position, Hot-list alerts only" in style.description_of(fig)
    assert "1 for using readers (left), 1 for a middle way, 1 for strong limits" in style.description_of(fig)
    nothing = handout.draw_stand(compute_stand(cat), pixels=False)
    assert nothing.axes[0].get_title() == "Pick where you stand" and "you" not in [
        t.get_text() for t in nothing.axes[0].texts
    ]


# --- The save file ---------------------------------------------------------------------------------------


def test_a_stand_saves_and_loads_whole_even_with_html_and_long_text(tmp_path: Path) -> None:
    mine = stand.Stand("use_with_rules", ("mesa_trial", "town_home"), NASTY + "é" * 5000, "two\n\nlines", "Ana")
    path = stand.save_stand(mine, tmp_path)
    assert path == tmp_path / "my_stand.json" and json.loads(path.read_text())["reasoning"] == mine.reasoning
    loaded, message = stand.load_stand(tmp_path)
    assert loaded == mine and "was loaded" in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_stand.json"]  # no temporary file is left behind


def test_no_file_gives_an_empty_stand_and_no_message(tmp_path: Path) -> None:
    assert stand.load_stand(tmp_path) == (stand.Stand(), "")


def test_the_folder_comes_from_the_argument_then_the_environment_then_the_working_folder(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(stand.FOLDER_VAR, str(tmp_path / "env"))
    assert stand.save_folder() == tmp_path / "env" and stand.save_folder(tmp_path) == tmp_path
    monkeypatch.delenv(stand.FOLDER_VAR)
    monkeypatch.chdir(tmp_path)
    assert stand.save_folder() == tmp_path


@pytest.mark.parametrize(
    "damage",
    [
        b"{not json",
        b"",
        b"\xff\xfe\x00garbage",
        b"[1, 2, 3]",
        b'{"reasoning": 42}',
        b'{"evidence": "mesa_trial"}',
        b'{"position": "ban", "reasoning": "half a file',
    ],
)
def test_a_damaged_save_file_is_kept_aside_with_a_plain_message(tmp_path: Path, damage: bytes) -> None:
    (tmp_path / "my_stand.json").write_bytes(damage)
    loaded, message = stand.load_stand(tmp_path)
    assert loaded == stand.Stand()
    assert "could not be read" in message and "nothing was deleted" in message and "Traceback" not in message
    kept = list(tmp_path.glob("my_stand.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage and kept[0].name in message
    assert not (tmp_path / "my_stand.json").exists()


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    stand.save_stand(stand.Stand("ban", reasoning="first"), tmp_path)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        stand.save_stand(stand.Stand("ban", reasoning="second"), tmp_path)
    monkeypatch.undo()
    assert stand.load_stand(tmp_path)[0].reasoning == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["my_stand.json"]


# --- The printable page ----------------------------------------------------------------------------------


def test_the_page_is_self_contained_escaped_and_has_every_figure(catalogue, tmp_path: Path) -> None:
    state = compute_stand(catalogue, "strict_limits", ["mesa_trial", "town_labels", "retention"], NASTY, NASTY, NASTY)
    path = handout.write_page(state, tmp_path, when="2026-01-01 10:00")
    page = path.read_text(encoding="utf-8")
    assert path.name == "my_stand.html"
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.find_all(["script", "link", "iframe", "object", "embed"]) and "onerror" not in str(
        soup.find_all("img")
    )
    assert "&lt;script&gt;" in page and "<script" not in page
    typed = [p.get_text() for p in soup.select(".typed")]
    assert typed == [NASTY.strip(), NASTY.strip()]
    images = soup.find_all("img")
    assert len(images) == 1 + 3 and all(img["src"].startswith("data:image/png;base64,") for img in images)
    assert all(img.get("alt") for img in images)
    assert soup.title.get_text().startswith("My stand on plate readers")
    assert "Use them under strict limits" in soup.get_text()
    for ev in state.evidence:
        assert ev.finding in soup.get_text()
    assert "Fresno" not in page and catalogue.get("mesa_trial").sources[0].link in page
    assert all(a["href"].startswith("https://") or a["href"].startswith("http://") for a in soup.find_all("a"))
    assert not soup.find_all(style=re.compile("url\\(")) and "url(" not in soup.style.get_text()
    assert "@media print" in page


def test_an_unfinished_page_says_what_is_missing(tmp_path: Path) -> None:
    state = compute_stand(small_catalogue())
    soup = BeautifulSoup(handout.page_html(state), "html.parser")
    text = soup.get_text()
    assert "This stand is not finished yet" in text and "no position picked yet" in text
    assert text.count("(not written yet)") == 2 and len(soup.find_all("img")) == 1


# --- The widgets ------------------------------------------------------------------------------------------


def test_the_stand_widget_saves_as_it_changes_and_reloads_after_a_restart(catalogue, tmp_path: Path) -> None:
    first = widgets.StandWidget(catalogue, tmp_path)
    assert first.error is None and not (tmp_path / "my_stand.json").exists()  # opening it writes nothing
    first.position.value = "use_with_rules"
    first.boxes["mesa_trial"].value = True
    first.boxes["not_hits"].value = True
    first.reasoning.value = "Readers find stolen cars."
    first.rebuttal.value = "Most reads are innocent, so keep them a short time."
    first.name.value = "Ana"
    assert first.saves == 6 and first.state.complete and first.message.value == ""
    assert "Saved at" in first.status.value
    again = widgets.StandWidget(catalogue, tmp_path)  # the kernel restarted: nothing is lost
    assert again.position.value == "use_with_rules" and again.reasoning.value == "Readers find stolen cars."
    assert {k for k, b in again.boxes.items() if b.value} == {"mesa_trial", "not_hits"}
    assert "was loaded, so nothing was lost" in again.status.value and again.saves == 0


def test_the_button_writes_the_page_beside_the_notebook(catalogue, tmp_path: Path) -> None:
    widget = widgets.StandWidget(catalogue, tmp_path)
    widget.position.value = "ban"
    widget.save_button.click()
    assert widget.error is None and widget.page == tmp_path / "my_stand.html" and widget.page.exists()
    assert "Your page is saved as my_stand.html" in widget.status.value and "not finished" in widget.status.value
    assert widget.page_seconds is not None and (tmp_path / "my_stand.json").exists()


@pytest.mark.parametrize("typed", [*INJECTIONS, NASTY])
def test_html_typed_in_the_stand_is_shown_as_text(catalogue, tmp_path: Path, typed: str) -> None:
    widget = widgets.StandWidget(catalogue, tmp_path)
    widget.name.value = typed
    widget.reasoning.value = typed
    widget.rebuttal.value = typed
    assert widget.error is None
    for shown in (widget.message.value, widget.summary.value, widget.status.value):
        soup = BeautifulSoup(shown, "html.parser")
        assert {t.name for t in soup.find_all(True)} <= {"p", "b", "details", "summary"}  # the adapter's own
    assert_shown_as_text(widget.summary.value, widget.summary.value and "You")


def test_a_damaged_save_file_in_the_widget_is_a_plain_message(catalogue, tmp_path: Path) -> None:
    (tmp_path / "my_stand.json").write_text("{oops")
    widget = widgets.StandWidget(catalogue, tmp_path)
    assert widget.error is None and "could not be read" in widget.status.value
    assert widget.position.value is None and list(tmp_path.glob("my_stand.damaged-*.json"))


def test_a_folder_that_cannot_be_written_is_a_plain_message(catalogue, tmp_path: Path) -> None:
    blocked = tmp_path / "a_file"
    blocked.write_text("not a folder")
    widget = widgets.StandWidget(catalogue, blocked)
    widget.position.value = "ban"
    assert "could not be saved" in widget.status.value and widget.state.position == "ban"
    widget.save_button.click()
    assert "could not be written" in widget.status.value and "Traceback" not in widget.status.value


def test_the_evidence_viewer_shows_each_piece(catalogue) -> None:
    viewer = widgets.EvidenceViewer(catalogue)
    for evidence_id in catalogue.ids():
        viewer.piece.value = evidence_id
        assert viewer.error is None and viewer.state.evidence.evidence_id == evidence_id
        assert (
            BeautifulSoup(viewer.summary.value, "html.parser").get_text().startswith(viewer.state.evidence.finding[:40])
        )


def test_the_kind_of_evidence_is_said_when_asked(catalogue) -> None:
    plain = compute_evidence(catalogue, "mesa_trial")
    kind = compute_evidence(catalogue, "mesa_trial", show_kind=True)
    assert "This is a" not in describe_evidence(plain)
    assert "This is a randomized trial. It compares places picked by chance" in describe_evidence(kind)
    side = [t.get_text() for t in handout.draw_evidence(kind).texts if "It supports" in t.get_text()]
    assert side == ["◀ It supports using readers · a randomized trial"]
    assert {e.kind for e in catalogue.pieces.values()} == set(stand.KINDS)
    assert all(e.kind == "town" for e in catalogue.pieces.values() if e.made_up)
    viewer = widgets.EvidenceViewer(catalogue, "fairfax_results")
    viewer.kind.value = True
    assert "police department" in viewer.summary.value and viewer.error is None
