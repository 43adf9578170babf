"""The class server's data policy as notebook 00 shows it: the policy lab's terms, the hub's days, escaped."""

from __future__ import annotations

import pytest

from platetrails import class_policy, i18n


def test_the_days_come_from_the_hub_and_a_bad_setting_falls_back_to_the_default(monkeypatch) -> None:
    monkeypatch.delenv(class_policy.KEEP_DAYS_VAR, raising=False)
    assert class_policy.keep_days() == class_policy.DEFAULT_KEEP_DAYS
    monkeypatch.setenv(class_policy.KEEP_DAYS_VAR, "30")
    assert class_policy.keep_days() == 30
    assert "30 days after it is sent" in dict(class_policy.rules())["time limit"]
    for bad in ("0", "-3", "soon", "2.5"):
        monkeypatch.setenv(class_policy.KEEP_DAYS_VAR, bad)
        assert class_policy.keep_days() == class_policy.DEFAULT_KEEP_DAYS


def test_a_keep_time_in_fractions_of_a_day_is_told_as_whole_days_never_zero() -> None:
    assert [class_policy.days_shown(k) for k in (4 / 86400, 1, 1.5, 42)] == [1, 1, 2, 42]


def test_the_table_uses_the_policy_labs_terms_and_says_one_day_in_the_singular() -> None:
    terms = [term for term, _rule in class_policy.rules(1)]
    assert {"time limit", "search logs"} <= set(terms)  # the words of notebook 05's scoreboard
    assert dict(class_policy.rules(1))["time limit"].startswith("1 day after")
    table = class_policy.policy_table(42).data
    assert table.count("<tr>") == len(terms) + 1 and "42 days" in table


@pytest.mark.parametrize("lang", ["es"])
def test_the_table_is_translated(lang: str) -> None:
    i18n.set_language(lang)
    try:
        table = class_policy.policy_table(42).data
    finally:
        i18n.set_language("en")
    assert "42 días" in table and "time limit" not in table
