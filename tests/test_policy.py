"""The policy model (notebook 05) on small hand-built towns with known answers, and on the class data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from platetrails import facts, networks, policy, policy_rules
from platetrails.build import horizon
from platetrails.data import TownData
from platetrails.policy import PolicyData
from platetrails.policy_rules import THREE_MINUTES, Assumptions, Policy, no_rules
from platetrails.states.policy import LOOK_BACK_OPTIONS

START = pd.Timestamp("2025-11-03")  # a Monday


def at(day: int, hour: int, minute: int = 0) -> pd.Timestamp:
    return START + pd.Timedelta(days=day, hours=hour, minutes=minute)


def tiny_town(reads: list[tuple[str, pd.Timestamp, str, int, int]]) -> TownData:
    """A town with one sensitive place (a clinic at 5,3) and the given reads (plate, time, network, x, y)."""
    places = pd.DataFrame(
        {
            "place_id": ["P1", "P2"],
            "name": ["Clinic", "Bakery"],
            "kind": ["clinic", "shop"],
            "detail": ["", ""],
            "x": [5, 9],
            "y": [3, 9],
            "neighbourhood": ["Riverside", "Old Town"],
            "sensitive": ["health", ""],
            "address": ["", ""],
        }
    )
    table = pd.DataFrame(reads, columns=["plate", "timestamp", "network", "x", "y"])
    table.insert(0, "read_id", [f"R{i:04d}" for i in range(len(table))])
    table["camera_id"] = [f"{n}-{x}-{y}" for n, x, y in zip(table.network, table.x, table.y)]
    table["network"] = table.network.astype("category")
    table["timestamp"] = table.timestamp.astype("datetime64[s]")
    meta = {"days": 28, "start_date": str(START.date()), "grid_width": 16, "grid_height": 12, "misread_rate": 0.02}
    return TownData(places, pd.DataFrame(), pd.DataFrame(), table, meta)


def cases(rows: list[tuple[str, str, int, int, pd.Timestamp, float]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=["kind", "plate", "x", "y", "time", "quantile"])
    table.insert(0, "case_id", [f"C{i}" for i in range(len(table))])
    return table


HOME = (3, 3)


def hand_built() -> PolicyData:
    """One wanted car (HOT1234), two innocent cars; a hot-list case, a place case, a trail case, an Amber case."""
    reads = [
        ("HOT1234", at(10, 9), "city_fixed", 7, 7),  # an hour after it is listed
        ("CAR0001", at(12, 10, 10), "city_fixed", 5, 3),  # near the place case, ten minutes after
        ("CAR0002", at(14, 15), "city_patrol", 8, 8),  # three hours after the trail case
        ("CAR0001", at(20, 19), "city_fixed", 5, 3),  # an hour after the Amber case
    ]
    reads += [("CAR0001", at(d, 23), "repo_fleet", *HOME) for d in range(15, 20)]  # parked at home at night
    reads += [("CAR0002", at(d, 23), "repo_fleet", 12, 2) for d in range(22, 25)]
    table = cases(
        [
            ("hot_list", "HOT1234", -1, -1, at(10, 8), 0.5),
            ("place", "CAR0001", 5, 3, at(12, 10), 0.5),  # look-back: an hour plus one typical look-back
            ("trail", "CAR0002", 8, 8, at(14, 12), 0.0),  # look-back: one hour
            ("amber", "CAR0001", 4, 3, at(20, 18), 0.5),
        ]
    )
    laws = policy_rules.load_law_rules()
    return PolicyData(tiny_town(reads), table, laws)


@pytest.fixture(scope="module")
def tiny() -> PolicyData:
    return hand_built()


@pytest.fixture(scope="module")
def town_policy(town_data) -> PolicyData:
    return PolicyData(town_data, policy.load_cases())


def test_no_rules_helps_every_hand_built_case(tiny) -> None:
    out = tiny.outcome(no_rules(), Assumptions(look_back_days=7))
    assert (out.hot_found, out.investigations, out.amber_found, out.amber_leads) == (1, 2, 1, 1)
    assert out.innocent_cars == 2 + round(tiny.visitors_per_day * (10 * 365.25 - 28))
    assert out.askers and out.homes_exposed >= 1


def test_three_minute_retention_keeps_real_time_alerts_and_removes_every_historical_search(tiny, town_policy) -> None:
    for data in (tiny, town_policy):
        for look_back in (1, 14, 365):
            a = Assumptions(look_back_days=look_back)
            full, short = data.outcome(no_rules(), a), data.outcome(Policy(THREE_MINUTES), a)
            assert short.hot_found == full.hot_found > 0
            assert short.amber_found == full.amber_found > 0
            assert short.investigations == 0 and short.amber_leads == 0
            assert full.investigations > 0


def test_keeping_only_hits_keeps_no_innocent_car(tiny, town_policy) -> None:
    for data in (tiny, town_policy):
        for days in policy_rules.RETENTION_OPTIONS.values():
            out = data.outcome(Policy(days, hits_only=True))
            assert out.innocent_cars == 0
            assert out.investigations == 0
        rows = data.kept_rows(tuple(networks.collecting()), data.days, only_hits=True)
        assert np.isin(data.s.plate[rows], data.hot_codes).all()
    assert tiny.outcome(Policy(None, hits_only=True)).hot_found == 1


def test_no_outside_access_exposes_no_home_to_an_outside_query(tiny, town_policy) -> None:
    for data in (tiny, town_policy):
        for days in policy_rules.RETENTION_OPTIONS.values():
            out = data.outcome(Policy(days, **policy_rules.who("this_agency")))
            assert out.homes_exposed == 0 and out.sensitive_exposed == 0 and out.reads_exposed == 0
            assert out.askers == ()
            assert out.breach_reads > 0  # the department itself still holds the reads
    assert town_policy.outcome(Policy(None, **policy_rules.who("in_state"))).homes_exposed > 0


def test_the_hand_built_home_and_clinic_are_what_an_outsider_sees(tiny) -> None:
    out = tiny.outcome(Policy(None, **policy_rules.who("in_state")))
    # CAR0001 is parked at home on five nights and CAR0002 on three: both homes can be named.
    assert out.homes_exposed == 2
    # CAR0001 is read twice at the clinic's corner.
    assert out.sensitive_exposed == 2
    assert out.askers == (("other police in this state", "yes"),)
    assert out.reads_open["federal"] == 0 and out.reads_open["in_state"] == out.reads_exposed > 0


def test_a_warrant_wait_can_push_a_search_past_the_retention_limit(tiny) -> None:
    # The place case looks back 1 hour + 18 days (quantile 0.5 is the median); 21 days keeps it...
    a = Assumptions(look_back_days=18, warrant_days=5)
    assert tiny.outcome(Policy(21.0, history_needs="reason"), a).investigations == 2
    # ... but a five-day wait for a warrant needs 23 days of reads; the one-hour trail case still fits.
    assert tiny.outcome(Policy(21.0, history_needs="warrant"), a).investigations == 1
    # An abduction is an emergency: its lead needs no warrant.
    assert tiny.outcome(Policy(21.0, history_needs="warrant"), a).amber_leads == 1


def test_which_networks_collect_decides_what_is_found(tiny) -> None:
    no_fixed = Policy(networks=("city_patrol", "repo_fleet"))
    out = tiny.outcome(no_fixed, Assumptions(look_back_days=7))
    assert out.hot_found == 0 and out.amber_found == 0 and out.investigations == 1  # only the patrol car's trail
    assert out.amber_leads == 1  # the repossession fleet saw the car parked at home
    assert tiny.outcome(Policy(networks=("city_fixed", "city_patrol"))).amber_leads == 0


def test_look_back_starts_at_an_hour_and_its_median_is_the_assumption() -> None:
    days = policy_rules.look_back(np.array([0.0, 0.5, 0.8413447]), 10, 9.0)
    assert days[0] == pytest.approx(1 / 24)  # the search that runs at once
    assert days[1] == pytest.approx(1 / 24 + 10)  # the median is the assumption
    assert days[2] == pytest.approx(1 / 24 + 90, rel=1e-4)  # one standard deviation up multiplies it by the spread


def test_the_default_look_back_is_the_real_audit_log_s() -> None:
    """Notebook 05's default puts between 3% and 12% of searches beyond 30 days, as the Okaloosa log does (#20)."""
    table = facts.load_facts()
    default = Assumptions()
    assert default.look_back_days == table.figure("okaloosa_look_back_median").value
    assert default.look_back_spread == table.figure("okaloosa_look_back_lognormal_spread").value
    q = (np.arange(20_000) + 0.5) / 20_000
    beyond_30 = float(np.mean(policy_rules.look_back(q, default.look_back_days, default.look_back_spread) > 30))
    assert 0.03 <= beyond_30 <= 0.12
    assert beyond_30 == pytest.approx(table.figure("okaloosa_look_back_over_30_days").value / 100, abs=0.01)
    assert LOOK_BACK_OPTIONS["1 day"] == default.look_back_days  # the widget's default choice is that median


def test_each_retention_option_gives_a_different_result(town_policy) -> None:
    results = set()
    for days in policy_rules.RETENTION_OPTIONS.values():
        out = town_policy.outcome(Policy(days), Assumptions(look_back_days=365.25))
        results.add((out.investigations, out.breach_reads, out.innocent_cars))
    assert len(results) == len(policy_rules.RETENTION_OPTIONS)
    # Longer retention never helps less and never holds less.
    ordered = [
        town_policy.outcome(Policy(d), Assumptions(look_back_days=91)) for d in policy_rules.RETENTION_OPTIONS.values()
    ]
    assert [o.investigations for o in ordered] == sorted(o.investigations for o in ordered)
    assert [o.breach_reads for o in ordered] == sorted(o.breach_reads for o in ordered)


def test_every_real_law_is_coded_in_the_same_order_as_the_table_of_laws_and_the_model_knows_each_value() -> None:
    rules = pd.read_csv(facts.FACTS_DIR / "state_law_rules.csv", dtype=str, keep_default_na=False)
    laws = facts.load_facts().state_laws
    assert list(rules.state) == list(laws.state)
    for row, law in zip(rules.itertuples(), laws.itertuples()):
        coded = policy_rules.retention_of(row.retention)
        if law.retention_unit == "none":
            assert coded is None
        else:
            assert coded == pytest.approx(law.retention_days)
        policy_rules.law_policy(pd.Series(row._asdict()))  # every coded value is one the model knows


def test_the_new_hampshire_and_arkansas_codes_say_what_their_rules_say() -> None:
    rules = policy_rules.load_law_rules().set_index("state")
    nh = policy_rules.law_policy(
        rules.loc["New Hampshire"].rename("New Hampshire").to_frame().T.assign(state="New Hampshire").iloc[0]
    )
    assert nh.keeps_only_hits and nh.retention_days == pytest.approx(THREE_MINUTES)
    ar = policy_rules.law_policy(rules.loc["Arkansas"].to_frame().T.assign(state="Arkansas").iloc[0])
    assert "repo_fleet" not in ar.networks


def test_a_policy_refuses_rules_it_does_not_know() -> None:
    with pytest.raises(ValueError):
        Policy(federal="the whole internet")
    with pytest.raises(ValueError):
        Policy(networks=("county_fixed",))
    with pytest.raises(ValueError):
        Policy(history_needs="a coin toss")


def test_who_may_search_is_one_small_function_that_sharing_can_replace(tiny) -> None:
    widths = [len(policy_rules.outside_askers(Policy(**policy_rules.who(w)))) for w in policy_rules.WHO_PRESETS]
    assert widths == sorted(widths) and widths[0] == 0
    assert ("federal agencies such as ICE", "yes") in policy_rules.outside_askers(
        Policy(**policy_rules.who("any_police"))
    )
    assert all(
        g != "federal agencies such as ICE"
        for g, _a in policy_rules.outside_askers(Policy(**policy_rules.who("in_state")))
    )
    # A court order lets a group name only hot-listed cars: fewer reads than open access, more than none.
    full = tiny.outcome(Policy(None))
    ordered = tiny.outcome(Policy(None, federal="court_order"))
    assert 0 < ordered.reads_open["federal"] < full.reads_open["federal"]
    assert ordered.reads_open["in_state"] == full.reads_open["in_state"]
    assert tiny.outcome(Policy(None, federal="no")).federal_reads == 0


def test_the_cases_table_is_what_the_horizon_command_writes(town_data, answer_key) -> None:
    built = horizon.build_cases(town_data, answer_key)
    stored = policy.load_cases()
    assert list(built.case_id) == list(stored.case_id)
    assert list(built.plate) == list(stored.plate)
    assert np.allclose(built["quantile"], stored["quantile"])
    residents = set(answer_key.vehicles.plate[answer_key.vehicles.case_label != ""])
    assert not residents & set(stored.plate)  # the six case residents are never suspects


def test_the_scoreboard_table_has_no_rules_and_every_law(town_policy) -> None:
    board = policy.scoreboard(town_policy)
    assert board.state.iloc[0] == "no rules" and board.benefits_kept.iloc[0] == pytest.approx(100)
    assert len(board) == 1 + len(town_policy.laws)
    nh = board[board.state == "New Hampshire"].iloc[0]
    assert nh.investigations == 0 and nh.innocent_cars == 0
