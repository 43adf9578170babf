"""The flow model of notebook 04 on small hand-built towns with known answers, and on the class data."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from platetrails import networks, sharing
from platetrails.data import TownData

START = pd.Timestamp("2018-03-05")  # a Monday
DAYS = 28


def tiny_town(plan: list[tuple[str, str, str, int, int, int]]) -> TownData:
    """A town from (plate, network, camera_id, x, y, hour) patterns, each read once a day for DAYS days."""
    rows = []
    for plate, network, camera, x, y, hour in plan:
        for day in range(DAYS):
            stamp = START + pd.Timedelta(days=day, hours=hour)
            rows.append((f"R{len(rows):05d}", plate, stamp, camera, network, x, y))
    reads = pd.DataFrame(rows, columns=["read_id", "plate", "timestamp", "camera_id", "network", "x", "y"])
    reads["timestamp"] = reads.timestamp.astype("datetime64[s]")
    reads["network"] = reads.network.astype("category")
    places = pd.DataFrame(
        {
            "place_id": ["P1"],
            "name": ["Clinic"],
            "kind": ["clinic"],
            "detail": [""],
            "x": [9],
            "y": [9],
            "neighbourhood": ["Old Town"],
            "sensitive": ["health"],
            "address": [""],
        }
    )
    meta = {"days": DAYS, "start_date": str(START.date()), "grid_width": 16, "grid_height": 11}
    return TownData(places, pd.DataFrame(), pd.DataFrame(), reads, meta)


# One car: parked at home (3, 3) every night where the repossession cars sweep, driving past a city camera
# each morning, a city patrol car each noon, and the county camera each evening.
PLAN = [
    ("ABC1234", "repo_fleet", "REPO-1", 3, 3, 23),
    ("ABC1234", "city_fixed", "CITY-01", 5, 5, 8),
    ("ABC1234", "city_patrol", "PATROL-1", 6, 6, 12),
    ("ABC1234", "county_fixed", "COUNTY-01", 0, 5, 18),
]
OFF = sharing.Switches.of(dict.fromkeys(networks.switch_codes(), False), 5)
ALL = sharing.Switches.all_on(5)


def only(*codes: str, years: int = 5) -> sharing.Switches:
    """These owners' flows and the agency's access on, every other flow off."""
    return sharing.Switches.of({**OFF.as_dict(), **dict.fromkeys([*codes, "agency_access"], True)}, years)


@pytest.fixture(scope="module")
def model() -> sharing.FlowModel:
    return sharing.FlowModel(tiny_town(PLAN), full_years=5)


def networks_seen(model: sharing.FlowModel, setting: sharing.Switches) -> set[str]:
    s = model.analyst.s
    return {s.network_names[c] for c in s.network[model.exposure(setting).rows]}


def test_with_every_switch_off_the_agency_sees_nothing(model) -> None:
    assert sharing.visible_networks(OFF) == []
    exposure = model.exposure(OFF)
    assert len(exposure.rows) == 0 and sum(exposure.reads_by_network.values()) == 0
    assert (exposure.guesses.home_x == -999).all()


def test_owners_sharing_without_access_still_show_the_agency_nothing(model) -> None:
    no_access = ALL.with_("agency_access", False)
    assert len(model.exposure(no_access).rows) == 0
    assert sharing.travel("county_fixed", no_access) == ("county_sheriff", "database")


@pytest.mark.parametrize(
    ("switch", "expected"),
    [
        ("city_shares", {"city_fixed", "city_patrol"}),
        ("county_shares", {"county_fixed"}),
        ("private_uploads", {"repo_fleet"}),
    ],
)
def test_turning_on_one_owners_flow_exposes_exactly_that_owners_reads(model, switch, expected) -> None:
    setting = only(switch)
    assert networks_seen(model, setting) == expected
    assert len(model.exposure(setting).rows) == DAYS * len(expected)
    held = model.exposure(ALL).reads_by_network
    assert {n for n, v in model.exposure(setting).reads_by_network.items() if v} == expected
    assert all(model.exposure(setting).reads_by_network[n] == held[n] for n in expected)


def test_only_the_private_nightly_reads_find_the_home(model) -> None:
    code = model.analyst.s.plates.get_indexer(["ABC1234"])[0]
    private = only("private_uploads")
    g = model.exposure(private).guesses
    assert (g.home_x[code], g.home_y[code]) == (3, 3)
    county = model.exposure(only("county_shares")).guesses
    assert (county.home_x[code], county.home_y[code]) != (3, 3)  # a camera it drives past each evening


def test_the_search_window_limits_what_a_query_returns(model) -> None:
    assert sharing.days_back(5, 28, 5) == 28
    assert sharing.days_back(1, 28, 5) == 6  # each year stands for 28 / 5 of the lab's days
    assert sharing.days_back(0, 28, 5) == 0
    reach = {y: len(model.exposure(only("private_uploads", years=y)).rows) for y in sharing.YEAR_CHOICES}
    assert reach[1] == 6 and reach[5] == DAYS
    assert list(reach.values()) == sorted(reach.values())
    days = model.analyst.s.day[model.exposure(only("private_uploads", years=1)).rows]
    assert days.min() == DAYS - 6 and days.max() == DAYS - 1  # the most recent reads, not the first


def test_the_agency_contributes_nothing_and_every_owner_is_in_the_registry() -> None:
    codes = {p.code for p in networks.parties()}
    assert {"city_police", "county_sheriff", "repo_company", "database", "federal_agency"} == codes
    for net in networks.all_networks():
        assert net.party in codes and net.sharing in {s.code for s in networks.switches()}
    assert not networks.networks_of("federal_agency") and not networks.networks_of("database")
    assert all(s.source != "federal_agency" for s in networks.switches())  # no flow out of the agency
    story = sharing.story_switches()
    assert story.as_dict() == {
        "city_shares": False,
        "county_shares": True,
        "private_uploads": True,
        "agency_access": True,
    }
    assert story.years_back == max(sharing.YEAR_CHOICES)


def test_switches_are_keyed_by_code_and_refuse_an_unknown_or_misordered_one() -> None:
    assert OFF.with_("county_shares", True).on("county_shares") and not OFF.on("county_shares")
    assert sharing.Switches.of({"city_shares": True}) == sharing.Switches.story().with_("city_shares", True)
    with pytest.raises(KeyError):
        sharing.Switches.of({"city_sharez": True})
    with pytest.raises(ValueError):
        sharing.Switches(tuple(reversed(ALL.flags)), 5)
    assert hash(ALL) == hash(sharing.Switches.all_on(5))


def test_every_setting_is_precomputed_once_and_same_exposure_settings_share_a_result(model) -> None:
    model.precompute()
    assert len(model.every_setting()) == 16 * len(sharing.YEAR_CHOICES)
    # with access off, every other switch is irrelevant: one cached result
    assert model.exposure(OFF) is model.exposure(sharing.Switches.all_on(3).with_("agency_access", False))
    assert len(model._cache) == 7 * len(sharing.YEAR_CHOICES) + 1


def test_the_sourced_tables_load_with_their_sources() -> None:
    sources = sharing.load_sources()
    assert {"spokesman_paraphrase", "spokesman_written", "sb54", "auditor_2019_118", "marin_settlement"} <= set(
        sources.index
    )
    assert sources.loc["spokesman_paraphrase", "wording"] != sources.loc["spokesman_written", "wording"]
    degrees = sharing.load_degrees()
    assert set(degrees.dataset) == {"Flock portals, 2024", "EFF records, 2016-2017"}
    assert (degrees.link.str.startswith("http")).all()


def test_the_class_data_cases_order_as_the_story_says(town_data, answer_key) -> None:
    from platetrails.answer_key import case_plates
    from platetrails.states.sharing import SharingData

    data = SharingData(town_data, answer_key, 5, case_plates(answer_key))
    table = data.scenario_table().set_index("scenario")
    found = table.homes_found
    assert found["all flows on"] > found["city opts out"] >= found["city and county opt out"] > 0
    assert found["no private uploads"] < found["all flows on"]
    assert (table.lost == found["all flows on"] - found).all()
    nothing, cases = data.lookup(OFF)
    assert nothing == 0 and all(c.sightings == 0 for c in cases)
    assert np.all(data.found(OFF) == False)  # noqa: E712


# The real data sets sit in shared/ beside the project (never copied into it).
REALDATA = Path(os.environ.get("PLATETRAILS_REALDATA", Path(__file__).resolve().parents[2] / "shared" / "realdata"))


@pytest.mark.skipif(
    not REALDATA.is_dir() and not os.environ.get("CI"), reason="the real data sets are not on this machine"
)
def test_the_derived_sharing_figures_and_degrees_rebuild_from_the_real_data(tmp_path) -> None:
    from platetrails.build import derive_facts
    from platetrails.facts import FACTS_DIR

    derive_facts.main(
        ["--realdata", str(REALDATA), "--out", str(tmp_path / "d.csv"), "--degrees-out", str(tmp_path / "g.csv")]
    )
    assert (tmp_path / "d.csv").read_text() == (FACTS_DIR / "derived_figures.csv").read_text()
    assert (tmp_path / "g.csv").read_text() == (FACTS_DIR / "sharing_degrees.csv").read_text()
    degrees = pd.read_csv(tmp_path / "g.csv")
    flock = degrees[degrees.dataset == "Flock portals, 2024"]
    assert flock.agencies.sum() == 224  # every agency with a sharing list falls in exactly one bin
