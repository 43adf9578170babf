"""State of the policy scoreboard (notebook 05): students set the rules, and see what the policy keeps and costs,
as one point among the real state laws, each placed by the same model."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from platetrails import local_format, policy_rules, policy_words
from platetrails import networks as registry
from platetrails.i18n import N_, _, _n
from platetrails.policy import PolicyData
from platetrails.policy_rules import Assumptions, Outcome, Policy

LOOK_BACK_OPTIONS = (
    policy_rules.LOOK_BACK_OPTIONS
)  # the look-back menu (policy.py, where the headline figures read it too)


@dataclass(frozen=True)
class PolicyScoreState:
    retention: str  # a key of policy.RETENTION_OPTIONS
    policy: Policy
    assumptions: Assumptions
    look_back: str  # a key of LOOK_BACK_OPTIONS
    outcome: Outcome
    benefits_kept: float  # percent of the cases 'no rules' helps
    no_rules: Outcome
    laws: pd.DataFrame  # every coded state law placed by the model (see PolicyData.place_laws)
    message: str = ""


def compute_policy_score(
    data: PolicyData,
    retention: str = "no limit",
    hits_only: bool = False,
    in_state: str = "yes",
    out_of_state: str = "yes",
    federal: str = "yes",
    history_needs: str = "nothing",
    audit_log: bool = False,
    networks: list[str] | tuple[str, ...] | None = None,
    look_back: str = "1 day",
    warrant_days: float = 3.0,
    who_may_query: str | None = None,
) -> PolicyScoreState:
    """Run the chosen rules on the town and place them among the real state laws.

    `who_may_query` ('this_agency', 'in_state', 'any_police') sets the three groups at once, as a shortcut.
    `networks` None: every network the registry says a town's database collects from.
    """
    collecting = registry.collecting()
    chosen = collecting if networks is None else networks
    if who_may_query is not None:
        in_state, out_of_state, federal = policy_rules.WHO_PRESETS[who_may_query]
    if retention not in policy_rules.RETENTION_OPTIONS:
        raise ValueError(f"retention must be one of {list(policy_rules.RETENTION_OPTIONS)}")
    if look_back not in LOOK_BACK_OPTIONS:
        raise ValueError(f"look_back must be one of {list(LOOK_BACK_OPTIONS)}")
    policy = Policy(
        retention_days=policy_rules.RETENTION_OPTIONS[retention],
        hits_only=bool(hits_only),
        in_state=in_state,
        out_of_state=out_of_state,
        federal=federal,
        history_needs=history_needs,
        audit_log=bool(audit_log),
        networks=tuple(n for n in collecting if n in chosen),
        name=N_("your policy"),
    )
    assumptions = Assumptions(look_back_days=LOOK_BACK_OPTIONS[look_back], warrant_days=float(warrant_days))
    outcome = data.outcome(policy, assumptions)
    message = "" if policy.networks else _("Tick at least one camera network: with none, the database holds nothing.")
    return PolicyScoreState(
        retention=retention,
        policy=policy,
        assumptions=assumptions,
        look_back=look_back,
        outcome=outcome,
        benefits_kept=data.benefits_kept(outcome, assumptions),
        no_rules=data.outcome(policy_rules.no_rules(), assumptions),
        laws=data.laws_placed(assumptions),
        message=message,
    )


def askers_words(askers: tuple[tuple[str, str], ...]) -> str:
    """'other police in this state, federal agencies such as ICE (court order only)', or nobody."""
    words = [
        _(group) if access == "yes" else _("{group} (court order only)").format(group=_(group))
        for group, access in askers
    ]
    return ", ".join(words) if words else _("nobody outside the police department")


def innocent_words(o: Outcome) -> str:
    """The innocent cars held, explained when the count is far beyond the town's 200 cars (a long-kept database)."""
    if o.innocent_cars <= o.innocent_in_town_weeks:
        return _n("{n} innocent car", "{n} innocent cars", o.innocent_cars).format(
            n=local_format.whole(o.innocent_cars)
        )
    return _(
        "{n} innocent cars ({town} seen in the town's four weeks, the rest visitors passing through in "
        "{years} of kept reads)"
    ).format(
        n=local_format.whole(o.innocent_cars),
        town=local_format.whole(o.innocent_in_town_weeks),
        years=policy_words.retention_words(o.held_days),
    )


def describe_policy_score(state: PolicyScoreState) -> str:
    o, n, p = state.outcome, state.no_rules, state.policy
    keeps = _(
        "Keeps {kept:.0f}% of the help of no rules. In real time, with any retention: {hot} of {hot_n} hot-list "
        "cars found within a day, {amber} of {amber_n} abducted children's cars within three hours. From old "
        "reads: {inv} of {inv_n} investigations and {leads} of {amber_n} abduction leads, if searches typically "
        "look back {back}."
    ).format(
        kept=state.benefits_kept,
        hot=o.hot_found,
        hot_n=o.hot_cases,
        amber=o.amber_found,
        amber_n=o.amber_cases,
        inv=o.investigations,
        inv_n=o.investigation_cases,
        leads=o.amber_leads,
        back=_(state.look_back),
    )
    gives_up = _(
        "Compared with no rules, it gives up {inv} investigations and {leads} leads. Reads open to other police "
        "in this state: {ins}; to police in other states: {outs}; to federal agencies: {fed} (no rules: "
        "{n_reads} to each)."
    ).format(
        inv=n.investigations - o.investigations,
        leads=n.amber_leads - o.amber_leads,
        ins=local_format.whole(o.reads_open["in_state"]),
        outs=local_format.whole(o.reads_open["out_of_state"]),
        fed=local_format.whole(o.federal_reads),
        n_reads=local_format.whole(n.federal_reads),
    )
    costs = _(
        "Outsiders who may search: {askers}. They could name {homes} homes and see {sens} sightings at sensitive "
        "places. The database holds {cars}; a breach would expose {breach} reads. Misreads: "
        "about {stops:.1f} wrong-car alerts in four weeks, whatever the retention."
    ).format(
        askers=askers_words(o.askers),
        homes=o.homes_exposed,
        sens=o.sensitive_exposed,
        cars=innocent_words(o),
        breach=local_format.whole(o.breach_reads),
        stops=o.misread_stops,
    )
    audit = (
        _("Searches are logged: someone can check later who searched (this changes no number here).")
        if p.audit_log
        else _("Searches are not logged: nobody can check later who searched.")
    )
    headline = _(
        "Your policy keeps {kept:.0f}% of the help of no rules and opens {reads} reads to federal agencies "
        "(no rules: {n_reads})."
    ).format(
        kept=state.benefits_kept, reads=local_format.whole(o.federal_reads), n_reads=local_format.whole(n.federal_reads)
    )
    return "\n\n".join([headline, keeps, gives_up, costs + " " + audit])


def law_sentence(state: PolicyScoreState) -> str:
    """One line per law, for a printed handout: where the model places it."""
    lines = []
    for r in state.laws.itertuples():
        lines.append(
            _n(
                "{state}: keeps {kept:.0f}% of the help; federal agencies could search {reads} read.",
                "{state}: keeps {kept:.0f}% of the help; federal agencies could search {reads} reads.",
                int(r.federal_reads),
            ).format(state=r.state, kept=r.benefits_kept, reads=local_format.whole(int(r.federal_reads)))
        )
    return "\n".join(lines)
