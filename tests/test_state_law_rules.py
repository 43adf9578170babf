"""Every coded cell of data/facts/state_law_rules.csv carries its section citation, source link and confidence
(issue #19, build step 1), and the laws the December 2026 fact check found miscoded sit where their statutes
put them."""

from __future__ import annotations

import pandas as pd
import pytest

from platetrails import facts, policy, policy_rules, policy_words

RULES = facts.FACTS_DIR / "state_law_rules.csv"
CONFIDENCE = {"high", "medium", "low"}
NOT_READ = "statute text not read"


@pytest.fixture(scope="module")
def rules() -> pd.DataFrame:
    return pd.read_csv(RULES, dtype=str, keep_default_na=False)


def coded_cells(rules: pd.DataFrame):
    for _i, row in rules.iterrows():
        for field in policy_rules.RULE_FIELDS:
            yield row.state, field, row


def test_every_coded_column_has_its_citation_link_quote_reading_and_confidence(rules) -> None:
    for field in policy_rules.RULE_FIELDS:
        for part in ("", "_reading", "_as_read", "_citation", "_url", "_quote", "_confidence"):
            assert f"{field}{part}" in rules.columns, f"{field}{part}"


def test_every_coded_cell_has_a_section_citation_a_link_and_a_confidence(rules) -> None:
    missing = []
    for state, field, row in coded_cells(rules):
        citation, url = row[f"{field}_citation"].strip(), row[f"{field}_url"].strip()
        confidence, reading = row[f"{field}_confidence"], row[f"{field}_reading"]
        if not citation or not any(mark in citation for mark in ("§", "RSA", "Act", "HB", "law")):
            missing.append((state, field, "no section citation"))
        if not url.startswith("http"):
            missing.append((state, field, "no source link"))
        if confidence not in CONFIDENCE:
            missing.append((state, field, f"confidence {confidence!r}"))
        if reading not in policy_rules.READINGS:
            missing.append((state, field, f"reading {reading!r}"))
    assert not missing, missing


def test_a_cell_whose_statute_was_not_read_says_so_and_is_never_high_confidence(rules) -> None:
    for state, field, row in coded_cells(rules):
        as_read, reading = row[f"{field}_as_read"], row[f"{field}_reading"]
        if as_read.startswith(NOT_READ) or as_read.startswith("unclear"):
            assert reading == "incomplete", (state, field)
        if reading == "incomplete":
            citation = row[f"{field}_citation"]
            assert NOT_READ in citation or "unclear" in citation, (state, field)
            assert row[f"{field}_confidence"] != "high", (state, field)
        elif reading == "set" and not row[f"{field}_quote"].strip():
            pytest.fail(f"{state} {field}: a rule the law sets needs the operative words quoted")


def test_a_law_with_a_cell_not_read_is_marked_incomplete_in_the_table_of_laws(town_data) -> None:
    data = policy.PolicyData(town_data, policy.load_cases())
    unread = policy_words.incomplete_fields(data.laws)
    assert {"Maine", "Montana", "Virginia", "Maryland"} <= set(unread)
    board = policy.scoreboard(data).set_index("state")
    for state in data.laws.state:
        said = "our reading of the law is incomplete here" in board.loc[state, "rules"]
        assert said == (state in unread), state


def test_the_laws_the_fact_check_found_miscoded_sit_where_their_statutes_put_them() -> None:
    laws = policy_rules.load_law_rules().set_index("state")

    def coded(state: str) -> policy_rules.Policy:
        return policy_rules.law_policy(laws.loc[state].to_frame().T.assign(state=state).iloc[0])

    california = coded("California")  # Civ. Code 1798.90.52 and .55(b)
    assert california.history_needs == "reason" and california.audit_log
    assert (california.in_state, california.out_of_state, california.federal) == ("yes", "no", "no")
    assert california != policy_rules.Policy(name="California") and policy_rules.reach(california) == "in_state"
    chp = coded("California (Highway Patrol)")
    assert (chp.out_of_state, chp.federal, chp.history_needs, chp.audit_log) == ("no", "no", "reason", True)
    minnesota = coded("Minnesota")  # 13.824: a warrant only to track a person; stored reads need a purpose
    assert minnesota.history_needs == "reason" and minnesota.audit_log
    nebraska = coded("Nebraska")  # 60-3205(2): disclosure by court order
    assert {nebraska.in_state, nebraska.out_of_state, nebraska.federal} == {"court_order"}
    virginia = coded("Virginia")  # 2.2-5517: Virginia agencies only
    assert (virginia.in_state, virginia.out_of_state, virginia.federal) == ("yes", "no", "no")
    maryland = coded("Maryland")  # 2024 HB 1081; Public Safety 3-529
    assert (maryland.out_of_state, maryland.federal) == ("no", "no")
    arkansas = coded("Arkansas")  # 12-12-1804(d) as amended by Act 668 of 2025: evidence of an offense only
    assert arkansas.federal == "court_order" and "repo_fleet" not in arkansas.networks
    assert laws.loc["Arkansas", "federal_as_read"] == "evidence_only"
    for state in ("New Hampshire", "Utah", "North Carolina"):  # the purpose limits the check named
        assert coded(state).history_needs == "reason", state
    assert laws.loc["Maine", "history_needs_reading"] == "incomplete"  # Maine: who may operate, not who may search
    assert not (laws.networks.str.contains("anyone")).any()
    new_hampshire = coded("New Hampshire")  # 261:75-b: "local, county, and state law enforcement officers"
    assert new_hampshire.federal == "no" and laws.loc["New Hampshire", "federal_reading"] == "set"
    assert laws.loc["New Hampshire", "out_of_state_reading"] == "incomplete"  # parts VII to X not read
    assert laws.loc["Colorado", "history_needs_reading"] == "simplified"  # 24-72-113(2)(a): a rule after year one


def test_a_cell_read_as_silent_never_rests_on_text_we_did_not_read() -> None:
    rules = policy_rules.load_law_rules()
    for _i, row in rules.iterrows():
        for field in policy_rules.RULE_FIELDS:
            if row[f"{field}_reading"] == "silent":
                citation = row[f"{field}_citation"]
                assert "not read" not in citation and "unclear" not in citation, (row.state, field, citation)


def test_a_rule_the_model_simplifies_is_given_as_read_in_the_table_of_laws(town_data) -> None:
    data = policy.PolicyData(town_data, policy.load_cases())
    board = policy.scoreboard(data).set_index("state")
    colorado = board.loc["Colorado", "rules"]
    assert "the model simplifies the law's rule on what old reads need" in colorado
    assert "a listed incident in years 1 to 3" in colorado
    assert (
        "the law sets no rule on" not in colorado
        or "what old reads need" not in colorado.split("the law sets no rule on")[1].split(";")[0]
    )


def test_no_law_coincides_with_no_rules_on_the_scoreboard(town_data) -> None:
    data = policy.PolicyData(town_data, policy.load_cases())
    placed = data.place_laws(policy_rules.Assumptions()).set_index("state")
    none = data.outcome(policy_rules.no_rules())
    assert placed.loc["California", "federal_reads"] == 0 < none.federal_reads
    for state in ("California", "Virginia", "Maryland", "California (Highway Patrol)"):
        assert placed.loc[state, "federal_reads"] == 0, state
