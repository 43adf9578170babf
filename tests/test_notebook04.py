"""Notebook 04's sharing map: states computed without a widget, the diagram drawn from a state, and the thin adapter."""

from __future__ import annotations

import itertools

import pytest

from platetrails import audit_log, networks, sharing, sharing_map, sharing_tables, style, widgets
from platetrails.answer_key import case_plates
from platetrails.facts import load_facts
from platetrails.states.sharing import SharingData, compute_sharing_map, describe_sharing_map
from tests.test_plurals import plural_after_one

# The story's switches: the three owners' flows, then the agency's access.
CODES = ("city_shares", "county_shares", "private_uploads", "agency_access")


def setting(flags: tuple[bool, ...], years: int) -> sharing.Switches:
    return sharing.Switches.of(dict(zip(CODES, flags)), years)


def test_the_switches_are_the_registrys_and_keyed_by_code() -> None:
    assert tuple(networks.switch_codes()) == CODES
    assert setting((False, True, True, True), 5) == sharing.Switches.story() == sharing.story_switches()
    assert sharing.Switches.all_on(2) == sharing.Switches.story(2).with_("city_shares", True)


@pytest.fixture(scope="module")
def data(town_data, answer_key) -> SharingData:
    return SharingData(town_data, answer_key, 5, case_plates(answer_key))


def test_every_combination_is_a_lookup_and_closing_a_flow_never_reveals_more(data) -> None:
    found = {}
    for flags in itertools.product([False, True], repeat=4):
        for years in sharing.YEAR_CHOICES:
            state = compute_sharing_map(data, setting(flags, years))
            found[(*flags, years)] = state.homes_found
            assert 0 <= state.homes_found <= state.homes_found_all_on <= state.cars == 200
            assert describe_sharing_map(state)
            if not flags[3] or not any(flags[:3]):
                assert state.homes_found == 0 and "no read reaches" in state.message
                assert all(seen == 0 for _code, _held, seen in state.reads_by_party)
    for key, value in found.items():
        for i in range(3):  # switching one owner on never hides a home the agency could already guess
            if not key[i]:
                assert found[key[:i] + (True,) + key[i + 1 :]] >= value


def test_the_city_opt_out_withholds_only_the_citys_reads(data) -> None:
    story = compute_sharing_map(data, sharing.Switches.story(5))
    everything = compute_sharing_map(data, sharing.Switches.all_on(5))
    seen = {code: s for code, _h, s in story.reads_by_party}
    held = {code: h for code, h, _s in story.reads_by_party}
    assert seen["city_police"] == 0
    assert seen["county_sheriff"] == held["county_sheriff"] and seen["repo_company"] == held["repo_company"]
    assert story.homes_found < everything.homes_found
    shorter = compute_sharing_map(data, sharing.Switches.all_on(1))
    assert shorter.reach_days == 6 and sum(s for _c, _h, s in shorter.reads_by_party) < sum(
        s for _c, _h, s in everything.reads_by_party
    )


def test_the_sentence_and_the_diagram_say_the_same_numbers(data) -> None:
    state = compute_sharing_map(data, sharing.Switches.story(5))
    text = describe_sharing_map(state)
    assert f"{state.homes_found} of 200 cars" in text
    assert all(case.label in text for case in state.cases) and len(state.cases) == 6
    fig = sharing_map.draw_sharing_map(state)
    words = [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]
    assert any(f"could guess {state.homes_found} of 200 homes" in w for w in words)
    assert words.count("off") == 1 and words.count("shares") == 2 and "query" in words
    assert "1 of 3 owners" not in style.description_of(fig) and "2 of 3 owners" in style.description_of(fig)


def test_no_setting_says_1_homes(data) -> None:
    texts = [
        describe_sharing_map(compute_sharing_map(data, setting(flags, years)))
        for flags in itertools.product([False, True], repeat=4)
        for years in sharing.YEAR_CHOICES
    ]
    assert [found for t in texts for found in plural_after_one(t)] == []
    assert any("withhold 1 home." in t for t in texts), "a setting withholds one home, in the singular"


def test_the_adapter_follows_its_switches(data) -> None:
    widget = widgets.SharingMap(data)
    assert widget.error is None and widget.state.switches == sharing.story_switches()
    widget.boxes["agency_access"].value = False
    assert widget.error is None and widget.state.homes_found == 0 and "no read reaches" in widget.message.value
    widget.boxes["agency_access"].value = True
    widget.boxes["city_shares"].value = True
    widget.years.value = 2
    assert widget.state.switches == sharing.Switches.all_on(2) and widget.png


def test_the_audit_page_and_the_real_degrees_chart_draw(data) -> None:
    log = audit_log.county_log(data.model, load_facts(), set(data.case_plates.values()))
    assert not set(log.plate) & set(data.case_plates.values())
    page = sharing_tables.audit_page(log)
    assert page.count("<tr>") == len(log) + 1 == audit_log.PAGE_ROWS + 1 and "<script" not in page
    fig = sharing_map.degree_chart(sharing.load_degrees())
    assert fig.axes[0].get_title() and fig.axes[0].get_xlabel() and style.description_of(fig)
