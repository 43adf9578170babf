"""A policy's rules in words, for the tables of the policy lab: retention limits, who may search, each coded
field, and how each law was read (set, silent, incomplete or simplified).
"""

from __future__ import annotations

import pandas as pd

from platetrails import networks as registry
from platetrails.i18n import N_, _
from platetrails.policy_rules import (
    ACCESS,
    GROUPS,
    HISTORY_NEEDS,
    RETENTION_OPTIONS,
    RULE_FIELDS,
    Policy,
    network_label,
)


def retention_words(days: float | None) -> str:
    """A retention limit in words: '3 minutes unless a hit', '21 days', '18 months', 'no limit'."""
    for words, value in RETENTION_OPTIONS.items():
        if value == days:
            return _(words)
    if days is not None and days >= 365.25:
        return _("{n:g} years").format(n=round(days / 365.25, 1))
    if days is not None and days > 150 and abs(days - round(days)) > 1e-6:
        return _("{n:g} months").format(n=round(days / 30.44, 1))
    return _("{n:g} days").format(n=days)


# Each coded field in a few words, for "our reading of the law is incomplete here: ..." in the table of laws.
FIELD_WORDS = {
    "retention": N_("time limit"),
    "hits_only": N_("hits only"),
    "in_state": N_("in-state police"),
    "out_of_state": N_("out-of-state police"),
    "federal": N_("federal agencies"),
    "history_needs": N_("what old reads need"),
    "audit_log": N_("search logs"),
    "audits": N_("audits"),
    "networks": N_("which cameras"),
}


def who_words(policy: Policy) -> str:
    """Who outside the department may search, group by group: 'in-state police: may search; ...'."""
    return "; ".join(
        _("{group}: {access}").format(group=_(FIELD_WORDS[g]), access=_(ACCESS[policy.access(g)])) for g in GROUPS
    )


def rules_words(
    policy: Policy, readings: dict[str, str] | None = None, audits: bool = False, as_read: dict[str, str] | None = None
) -> str:
    """A policy's rules in one short line, for a table. `readings`: each coded field's reading of the law
    (one of READINGS); fields the law is silent on, we could not read, or the model simplifies are named,
    the last with the law's rule as read (`as_read`)."""
    parts = [retention_words(policy.retention_days)]
    if policy.hits_only:
        parts.append(_("hits only"))
    parts.append(who_words(policy))
    if policy.history_needs != "nothing":
        parts.append(_("old reads need {what}").format(what=_(HISTORY_NEEDS[policy.history_needs]).split(",")[0]))
    if policy.audit_log:
        parts.append(_("searches logged"))
    if audits:
        parts.append(_("audits required"))
    if set(policy.networks) != set(registry.collecting()):
        parts.append(_("collects from: {nets}").format(nets=", ".join(_(network_label(n)) for n in policy.networks)))
    readings = readings or {}
    silent = [_(FIELD_WORDS[f]) for f, r in readings.items() if r == "silent" and f not in ("hits_only", "audits")]
    unread = [_(FIELD_WORDS[f]) for f, r in readings.items() if r == "incomplete"]
    if silent:
        parts.append(
            _("the law sets no rule on {fields}, so the loosest option is used").format(fields=", ".join(silent))
        )
    if unread:
        parts.append(
            _("our reading of the law is incomplete here ({fields}): the loosest option is shown").format(
                fields=", ".join(unread)
            )
        )
    for simplified in (f for f, r in readings.items() if r == "simplified"):
        parts.append(
            _("the model simplifies the law's rule on {field} (the law: {rule})").format(
                field=_(FIELD_WORDS[simplified]), rule=(as_read or {}).get(simplified, "")
            )
        )
    return "; ".join(parts)


def law_readings(laws: pd.DataFrame) -> list[dict[str, str]]:
    """Each law's reading of each coded field ('set', 'silent', 'incomplete'), from state_law_rules.csv."""
    return [{f: str(row.get(f"{f}_reading", "set")) for f in RULE_FIELDS} for _i, row in laws.iterrows()]


def law_rules_as_read(laws: pd.DataFrame) -> list[dict[str, str]]:
    """Each law's coded fields as read in the statute ('_as_read'), for the fields the model simplifies."""
    return [{f: str(row.get(f"{f}_as_read", "")) for f in RULE_FIELDS} for _i, row in laws.iterrows()]


def incomplete_fields(laws: pd.DataFrame) -> dict[str, list[str]]:
    """For each law whose statute text we could not fully read: the coded fields that rest on the loosest option."""
    out = {}
    for state, readings in zip(laws.state, law_readings(laws)):
        unread = [f for f, r in readings.items() if r == "incomplete"]
        if unread:
            out[str(state)] = unread
    return out
