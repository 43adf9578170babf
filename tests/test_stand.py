"""Notebook 06, take a stand: the evidence catalogue regenerated from the data, the stand's state and its messages,
the save file (atomic, reloaded, a damaged one set aside), the printable page, and the widgets."""

from __future__ import annotations

import base64
import json
import os
import re
import statistics
import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from platetrails import answer_key as truth
from platetrails import (
    evidence,
    evidence_catalogue,
    evidence_charts,
    mosaic,
    networks,
    position_file,
    position_page,
    rounding,
    scoring,
    style,
    widgets,
)
from platetrails.facts import load_facts
from platetrails.states.evidence import (
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
def catalogue(town_data, answer_key, facts) -> evidence_catalogue.EvidenceCatalogue:
    return evidence_catalogue.EvidenceCatalogue(town_data, facts, answer_key, truth.case_plates(answer_key))


def small_catalogue() -> evidence_catalogue.EvidenceCatalogue:
    """Three hand-built pieces, one per side, so the stand's rules can be checked with known answers."""
    source = evidence.Source("Example Press", "An example", "2020", "https://example.org/a")
    pieces = [
        evidence.Evidence("a", "for", "01", "For A", "A finding for.", (source,), (("x", 1.0),), "count"),
        evidence.Evidence("b", "limits", "05", "Middle B", "A finding between.", (source,), (("y", 50.0),), "%", True),
        evidence.Evidence("c", "against", "02", "Against C", "A finding against.", (source,), (("z", 3.0),), "n"),
        evidence.Evidence("d", "against", "02", "Against D", "Another finding.", (source,), (("w", 4.0),), "n"),
    ]
    cat = evidence_catalogue.EvidenceCatalogue.__new__(evidence_catalogue.EvidenceCatalogue)
    cat.pieces = {p.evidence_id: p for p in pieces}
    return cat


# --- The catalogue -----------------------------------------------------------------------------------


def test_the_catalogue_gives_each_side_strong_evidence(catalogue) -> None:
    sides = {side: {e.evidence_id for e in catalogue.on_side(side)} for side in evidence.SIDES}
    assert {"town_alerts", "mesa_trial", "fairfax_results", "san_diego_results", "iacp_survey"} <= sides["for"]
    assert {"town_home", "town_labels", "town_misreads", "not_hits", "ice_sharing"} <= sides["against"]
    assert sides["limits"] == {"retention", "deterrence_trials"}
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
    assert "Colorado" not in {label for label, _v in retention.bars}  # a general camera rule, not a reader law
    assert "California" in retention.finding and "no time limit" in retention.finding
    assert "Maryland" not in retention.finding  # its time limit was not read: not said to set none
    trials = catalogue.get("deterrence_trials")  # the trial that found an effect sits beside the ones that did not
    assert [v for _label, v in trials.bars] == [
        facts.figure(i).value for i in ("koper_2013_lpr_cycles", "lum_2011_lpr_hot_spots", "koper_2022_hot_spots")
    ]
    assert "fewer drug-offense calls" in trials.finding and "no deterrent effect" in trials.finding


def test_town_findings_match_a_count_by_hand(catalogue, town_data, answer_key) -> None:
    analyst = mosaic.Analyst(town_data)
    acc = scoring.accuracy(analyst, answer_key, 28, networks.names())
    month = dict(catalogue.get("town_home").bars)["town, 28 days"]
    assert month == pytest.approx(100 * (acc.home_blocks_off <= 1).mean())
    assert f"{rounding.percent(month / 100)} after 28 days" in catalogue.get("town_home").finding  # halves up
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
        ({"evidence": ["a"]}, ["You chose 1 piece of evidence: tick two or three (step 2)."]),
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
    assert len(state.reasoning) == position_file.MAX_CHARS and state.reasoning.endswith("…")
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
        fig = evidence_charts.draw_evidence(EvidenceState(ev))
        texts = [t.get_text() for t in fig.texts]
        assert ev.title in texts and any(_s in " ".join(texts) for _s in ("It supports",))
        assert fig.axes[0].get_xlabel() == ev.axis
        assert len(fig.axes[0].patches) == len(ev.bars)
        assert style.description_of(fig).endswith(ev.finding)
    empty = evidence_charts.draw_evidence(EvidenceState(None))
    assert empty.axes[0].get_title() == "No evidence chosen"


def test_the_spectrum_marks_the_position_and_the_evidence() -> None:
    cat = small_catalogue()
    state = compute_stand(cat, "alerts_only", ["a", "b", "c"], "r", "b")
    fig = evidence_charts.draw_stand(state, pixels=False)
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
    nothing = evidence_charts.draw_stand(compute_stand(cat), pixels=False)
    assert nothing.axes[0].get_title() == "Pick where you stand" and "you" not in [
        t.get_text() for t in nothing.axes[0].texts
    ]


# --- The save file ---------------------------------------------------------------------------------------


def test_a_stand_saves_and_loads_whole_even_with_html_and_long_text(tmp_path: Path) -> None:
    mine = position_file.Stand("use_with_rules", ("mesa_trial", "town_home"), NASTY + "é" * 5000, "two\n\nlines", "Ana")
    path = position_file.save_stand(mine, tmp_path).path
    assert path == tmp_path / "my_stand.json" and json.loads(path.read_text())["reasoning"] == mine.reasoning
    loaded, message, version = position_file.load_stand(tmp_path)
    assert loaded == mine and "is back: Use them, with public rules, 2 pieces of evidence" in message
    assert version == position_file.fingerprint(path) and "nothing was lost" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["my_stand.json"]  # no temporary file is left behind


def test_no_file_gives_an_empty_stand_and_no_message(tmp_path: Path) -> None:
    assert position_file.load_stand(tmp_path) == (position_file.Stand(), "", "")


def test_the_folder_comes_from_the_argument_then_the_environment_then_the_working_folder(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(position_file.FOLDER_VAR, str(tmp_path / "env"))
    assert position_file.save_folder() == tmp_path / "env" and position_file.save_folder(tmp_path) == tmp_path
    monkeypatch.delenv(position_file.FOLDER_VAR)
    monkeypatch.chdir(tmp_path)
    assert position_file.save_folder() == tmp_path


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
    loaded, message, version = position_file.load_stand(tmp_path)
    assert loaded == position_file.Stand() and version == ""
    assert "could not be read" in message and "nothing was deleted" in message and "Traceback" not in message
    kept = list(tmp_path.glob("my_stand.damaged-*.json"))
    assert len(kept) == 1 and kept[0].read_bytes() == damage and kept[0].name in message
    assert not (tmp_path / "my_stand.json").exists()


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch) -> None:
    position_file.save_stand(position_file.Stand("ban", reasoning="first"), tmp_path)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        position_file.save_stand(position_file.Stand("ban", reasoning="second"), tmp_path)
    monkeypatch.undo()
    assert position_file.load_stand(tmp_path)[0].reasoning == "first"
    assert [p.name for p in tmp_path.iterdir()] == ["my_stand.json"]


# --- The printable page ----------------------------------------------------------------------------------


def test_the_page_is_self_contained_escaped_and_has_every_figure(catalogue, tmp_path: Path) -> None:
    state = compute_stand(catalogue, "strict_limits", ["mesa_trial", "town_labels", "retention"], NASTY, NASTY, NASTY)
    path = position_page.write_page(state, tmp_path, when="2026-01-01 10:00")
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
    soup = BeautifulSoup(position_page.page_html(state), "html.parser")
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
    assert "is back: Use them, with public rules, 2 pieces of evidence" in again.status.value and again.saves == 0
    assert "nothing was lost" not in again.status.value


def test_the_button_writes_the_page_beside_the_notebook(catalogue, tmp_path: Path) -> None:
    widget = widgets.StandWidget(catalogue, tmp_path)
    widget.position.value = "ban"
    widget.save_button.click()
    assert widget.error is None and widget.page == tmp_path / "my_stand.html" and widget.page.exists()
    assert "saved as my_stand.html" in widget.status.value and "not finished" in widget.status.value
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
    side = [t.get_text() for t in evidence_charts.draw_evidence(kind).texts if "It supports" in t.get_text()]
    assert side == ["◀ It supports using readers · a randomized trial"]
    assert {e.kind for e in catalogue.pieces.values()} == set(evidence.KINDS)
    assert all(e.kind == "town" for e in catalogue.pieces.values() if e.made_up)
    viewer = widgets.EvidenceViewer(catalogue, "fairfax_results")
    viewer.kind.value = True
    assert "police department" in viewer.summary.value and viewer.error is None


# --- Whose file, read when shown, never written over a newer one (issue #18) ------------------------------

PLACE_VARS = ("VOILA_PREHEAT", "SERVER_SOFTWARE", position_file.HUB_VAR)


@pytest.fixture(autouse=True)
def no_server_env(monkeypatch) -> None:
    """These tests run as on one person's computer unless a test says otherwise."""
    for var in PLACE_VARS:
        monkeypatch.delenv(var, raising=False)


@pytest.mark.parametrize(
    "env, kind",
    [
        ({}, "own"),  # JupyterLab or Notebook 7 on one's own computer
        ({"JUPYTERHUB_USER": "ana"}, "hub"),  # a student's own server on the class hub
        ({"JUPYTERHUB_USER": "ana", "VOILA_PREHEAT": "False", "SERVER_SOFTWARE": "voila/0.5.13"}, "hub"),  # Voila there
        ({"VOILA_PREHEAT": "True"}, "page"),  # `make voila`: a page prepared ahead of time
        ({"VOILA_PREHEAT": "True", "JUPYTERHUB_USER": "teacher"}, "page"),  # make voila started on a hub
        ({"VOILA_PREHEAT": "False", "SERVER_SOFTWARE": "voila/0.5.13"}, "page"),  # its pool was empty
    ],
)
def test_each_place_gives_each_person_their_own_file(env: dict, kind: str) -> None:
    place = position_file.find_place(env)
    assert place.kind == kind
    if kind == "page":
        assert position_file.CODE_PATTERN.fullmatch(place.code) and place.name == f"my_stands/stand-{place.code}.json"
        assert len({position_file.find_place(env).code for _ in range(50)}) == 50  # every page its own code
    else:
        assert place.name == "my_stand.json" and place.code == ""


def test_a_save_never_writes_over_a_file_that_changed_after_it_was_read(tmp_path: Path) -> None:
    mine = position_file.Stand("ban", ("a", "c"), "my whole reasoning", "my rebuttal", "Ana")
    first = position_file.save_stand(mine, tmp_path, expected="")
    assert first.path == tmp_path / "my_stand.json" and not first.kept_apart
    _stand, _msg, version = position_file.load_stand(tmp_path)  # a second page reads it
    other = position_file.save_stand(
        position_file.Stand("ban", ("a",)), tmp_path, expected=first.version
    )  # the first page goes on
    assert not other.kept_apart and other.version != version
    late = position_file.save_stand(
        position_file.Stand(evidence=("d",)), tmp_path, expected=version
    )  # the second page, too late
    assert late.kept_apart and late.path.name.startswith("my_stand.kept-") and late.path.suffix == ".json"
    assert json.loads((tmp_path / "my_stand.json").read_text())["evidence"] == ["a"]  # the newer file untouched
    assert json.loads(late.path.read_text())["evidence"] == ["d"]  # and this stand kept beside it
    again = position_file.save_stand(
        position_file.Stand(evidence=("d", "c")), tmp_path, late.path.name, expected=late.version
    )
    assert not again.kept_apart and again.path == late.path  # it goes on in its own file: no pile of copies
    assert len(list(tmp_path.glob("*.json"))) == 2
    assert (
        position_file.save_stand(position_file.Stand(), tmp_path, expected=None).path == tmp_path / "my_stand.json"
    )  # no check


def test_a_file_that_appears_after_an_empty_start_is_not_written_over(tmp_path: Path) -> None:
    position_file.save_stand(position_file.Stand("ban", reasoning="written on another page"), tmp_path)
    late = position_file.save_stand(
        position_file.Stand(evidence=("a",)), tmp_path, expected=""
    )  # this page found no file
    assert late.kept_apart and position_file.load_stand(tmp_path).stand.reasoning == "written on another page"


def test_two_widgets_on_one_file_keep_both_and_say_so(catalogue, tmp_path: Path) -> None:
    """Two kernels of one notebook (two tabs, or an old kernel still running): the later save goes beside."""
    old = widgets.StandWidget(catalogue, tmp_path)
    new = widgets.StandWidget(catalogue, tmp_path)
    new.reasoning.value = "The whole reasoning, typed on the new page."
    new.rebuttal.value = "The whole rebuttal."
    old.boxes["mesa_trial"].value = True  # the old page, which read nothing, saves later
    whole = position_file.load_stand(tmp_path).stand
    assert whole.reasoning == "The whole reasoning, typed on the new page." and whole.rebuttal == "The whole rebuttal."
    kept = list(tmp_path.glob("my_stand.kept-*.json"))
    assert len(kept) == 1 and json.loads(kept[0].read_text())["evidence"] == ["mesa_trial"]
    text = BeautifulSoup(old.status.value, "html.parser").get_text()
    assert "was changed somewhere else" in text and kept[0].name in text and "Both files are kept" in text
    old.boxes["not_hits"].value = True
    assert len(list(tmp_path.glob("my_stand.kept-*.json"))) == 1 and old.error is None
    assert json.loads(kept[0].read_text())["evidence"] == ["mesa_trial", "not_hits"]


def full_stand(widget: widgets.StandWidget, who: str) -> None:
    widget.name.value = who
    widget.position.value = "strict_limits"
    widget.boxes["mesa_trial"].value = True
    widget.boxes["town_home"].value = True
    widget.reasoning.value = f"{who}'s reasoning."
    widget.rebuttal.value = f"{who}'s rebuttal."


def test_a_shared_page_reads_nothing_when_prepared_and_each_page_keeps_its_own_file(
    catalogue, tmp_path: Path, monkeypatch
) -> None:
    """`make voila` prepares 06 in a waiting kernel before anyone opens it: that kernel must read no one's stand."""
    position_file.save_stand(position_file.Stand("ban", ("a",), "someone's stand beside the notebook"), tmp_path)
    monkeypatch.setenv("VOILA_PREHEAT", "True")
    ana = widgets.StandWidget(catalogue, tmp_path)  # prepared ahead of time, then opened by Ana
    assert ana.place.kind == "page" and ana.stand() == position_file.Stand() and ana.saves == 0
    assert f"under its own code, {ana.place.code}" in ana.status.value
    full_stand(ana, "Ana")
    ben = widgets.StandWidget(catalogue, tmp_path)  # the next waiting kernel, opened by Ben (or Ana's reload)
    assert ben.stand() == position_file.Stand() and ben.place.code != ana.place.code
    ben.boxes["town_misreads"].value = True  # the step that once left only this box in the file
    mine = position_file.load_stand(tmp_path, ana.place.name).stand
    assert mine.reasoning == "Ana's reasoning." and mine.rebuttal == "Ana's rebuttal." and mine.name == "Ana"
    assert position_file.load_stand(tmp_path, ben.place.name).stand.evidence == ("town_misreads",)
    assert position_file.load_stand(tmp_path).stand.reasoning == "someone's stand beside the notebook"  # untouched


def test_a_stand_code_brings_a_stand_back_on_a_new_page(catalogue, tmp_path: Path) -> None:
    first = widgets.StandWidget(catalogue, tmp_path, position_file.page_place("K7MQ2X"))
    full_stand(first, "Ana")
    page = widgets.StandWidget(catalogue, tmp_path, position_file.page_place(position_file.new_code()))
    page.boxes["town_misreads"].value = True  # ticked before remembering the code: kept in this page's own file
    for typed, says in [
        ("", "six letters and digits"),
        ("<b>K7</b>", "six letters and digits"),
        ("ZZZZZZ", "No stand is saved under the code ZZZZZZ"),
    ]:
        page.code_box.value = typed
        page.bring_back.click()
        assert says in BeautifulSoup(page.status.value, "html.parser").get_text() and page.error is None
        assert {t.name for t in BeautifulSoup(page.status.value, "html.parser").find_all(True)} <= {"p"}
    page.code_box.value = " k7mq 2x "
    page.bring_back.click()
    assert page.reasoning.value == "Ana's reasoning." and page.position.value == "strict_limits"
    assert {k for k, b in page.boxes.items() if b.value} == {"mesa_trial", "town_home"}
    assert "is back" in page.status.value and "code K7MQ2X" in page.status.value
    assert page.state.reasoning == "Ana's reasoning."  # the picture and the sentence follow
    page.boxes["town_scans"].value = True  # typing on saves into the brought-back stand, not over it
    back = position_file.load_stand(tmp_path, first.place.name).stand
    assert back.reasoning == "Ana's reasoning." and "town_scans" in back.evidence
    assert len(list((tmp_path / "my_stands").glob("*.kept-*"))) == 0


def test_the_printable_page_is_a_download_link_that_works_without_the_file(catalogue, tmp_path: Path) -> None:
    widget = widgets.StandWidget(catalogue, tmp_path, position_file.page_place("ABCDEF"))
    full_stand(widget, "Ana <b>x</b>")
    widget.reasoning.value = NASTY
    widget.save_button.click()
    assert widget.error is None and widget.page == tmp_path / "my_stands" / "stand-ABCDEF.html"
    link = BeautifulSoup(widget.download.value, "html.parser").find_all(True)
    assert [t.name for t in link] == ["a"] and link[0]["download"] == "my_stand.html"
    assert link[0].get_text() == "Download your page (my_stand.html)"
    href = link[0]["href"]
    assert href.startswith("data:text/html;charset=utf-8;base64,")
    page = base64.b64decode(href.split(",", 1)[1]).decode("utf-8")
    assert page == widget.page.read_text(encoding="utf-8") and "&lt;script&gt;" in page and "<script" not in page
    assert "use the link to download it" in widget.status.value and "same folder" not in widget.status.value


def test_each_change_to_the_stand_answers_in_under_100_ms(catalogue, tmp_path: Path) -> None:
    widget = widgets.StandWidget(catalogue, tmp_path)
    times = []
    changes = [
        (widget.position, "ban"),
        (widget.boxes["mesa_trial"], True),
        (widget.boxes["town_home"], True),
        (widget.reasoning, "Because."),
        (widget.rebuttal, "They say; I answer."),
        (widget.position, "alerts_only"),
        (widget.boxes["town_home"], False),
        (widget.name, "Ana"),
    ]
    for control, value in changes:
        start = time.perf_counter()
        control.value = value
        times.append(time.perf_counter() - start)
    assert widget.error is None and widget.saves == len(changes)
    assert statistics.median(times) < 0.1, times


class FakeLoop:
    """A kernel's event loop that runs its timers only when told to."""

    def __init__(self) -> None:
        self.timers: list[list] = []

    def call_later(self, delay: float, callback) -> list:
        timer = [delay, callback]
        self.timers.append(timer)
        return timer

    def remove_timeout(self, timer: list) -> None:  # as tornado's: a timer that already ran is no error
        if timer in self.timers:
            self.timers.remove(timer)

    def run_timers(self) -> None:
        while self.timers:
            _delay, callback = self.timers.pop(0)
            callback()


def test_words_are_kept_as_they_are_typed_and_saved_once_typing_pauses(catalogue, tmp_path: Path, monkeypatch) -> None:
    """No 'click outside the box' needed: every letter reaches the kernel, and the file follows within a second."""
    from platetrails.widgets import evidence as stand_widgets

    loop = FakeLoop()
    monkeypatch.setattr(stand_widgets, "kernel_loop", lambda: loop)
    widget = widgets.StandWidget(catalogue, tmp_path)
    assert widget.reasoning.continuous_update and widget.rebuttal.continuous_update and widget.name.continuous_update
    widget.position.value = "ban"  # a choice saves at once
    picture = widget.output.outputs
    typed = ""
    for letter in "Readers find stolen cars.":
        typed += letter
        widget.reasoning.value = typed
    assert widget.saves == 1 and len(loop.timers) == 1  # one save waits for the typing to pause
    assert widget.state.reasoning == typed and "Reasoning: 4 words" in widget.summary.value  # the sentence follows
    assert widget.output.outputs is picture  # and the picture, which shows no words, is not drawn again
    loop.run_timers()
    assert widget.saves == 2 and position_file.load_stand(tmp_path).stand.reasoning == typed
    widget.rebuttal.value = "They say"
    widget.boxes["mesa_trial"].value = True  # a tick saves at once, words included: the waiting save is dropped
    assert loop.timers == [] and position_file.load_stand(tmp_path).stand.rebuttal == "They say"
    assert widget.error is None
