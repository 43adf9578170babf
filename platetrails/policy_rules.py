"""Policy rules as data: how long reads are kept, whether only hits are kept, who outside the department may
search (other police in the state, police in other states, federal agencies: each may search, only with a court
order, or not at all), what a search of old reads needs, whether searches are logged, and which camera networks
feed the database; the real state laws coded into the same fields; and the assumptions students set.

Sharing plugs in here: `outside_askers(policy)` is the only place that says who outside the agency may
query. Notebook 04's sharing model can replace it without touching the rest. A search "only with a court
order" is modelled like a warrant rule: it can name only cars police already have cause about (hot-listed).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from platetrails import networks as registry
from platetrails.data import read_csv_file
from platetrails.facts import FACTS_DIR, RETENTION_UNITS
from platetrails.i18n import N_

MINUTES = 1 / 1440
THREE_MINUTES = 3 * MINUTES
# The retention options students choose from, from the sourced state laws (None: no limit).
RETENTION_OPTIONS: dict[str, float | None] = {
    N_("3 minutes unless a hit"): THREE_MINUTES,
    N_("21 days"): 21.0,
    N_("30 days"): 30.0,
    N_("60 days"): 60.0,
    N_("150 days"): 150.0,
    N_("1 year"): 365.25,
    N_("5 years"): 5 * 365.25,
    N_("no limit"): None,
}
# The look-back assumption students choose from: the typical (median) time from an event to the search of its reads.
LOOK_BACK_OPTIONS: dict[str, float] = {
    N_("1 day"): 1.0,
    N_("1 week"): 7.0,
    N_("2 weeks"): 14.0,
    N_("1 month"): 30.0,
    N_("3 months"): 91.0,
    N_("1 year"): 365.25,
}
# Who outside the police department may search the kept reads: three groups, each with one of three answers.
GROUPS = {
    "in_state": N_("other police in this state"),
    "out_of_state": N_("police in other states"),
    "federal": N_("federal agencies such as ICE"),
}
ACCESS = {
    "yes": N_("yes"),
    "court_order": N_("court order"),
    "no": N_("no"),
}
# The old single menu, kept as shortcuts for the three groups (in-state, out-of-state, federal).
WHO_PRESETS = {
    "this_agency": ("no", "no", "no"),
    "in_state": ("yes", "no", "no"),
    "any_police": ("yes", "yes", "yes"),
}
HISTORY_NEEDS = {
    "nothing": N_("nothing: any search is allowed"),
    "reason": N_("a stated reason, written down"),
    "warrant": N_("a warrant from a judge"),
}
# The networks a town's own database can collect from (its fixed cameras, its patrol cars, and data bought from
# the private repossession fleet) are the registry's `collecting()`: a policy or a state law may govern only those.

# The model's windows (fixed, so the cases are checkable by hand).
HOT_FOUND_HOURS = 24  # a hot-list car counts as found if a kept network reads it within a day of listing
PLACE_MINUTES = 60  # "near this corner at this time": read within an hour ...
PLACE_BLOCKS = 2  # ... and within two blocks
TRAIL_HOURS = 12  # "where did it go that day": any read within 12 hours of the event
AMBER_HOURS = 3  # an abducted child's car found in real time: read within 3 hours
AMBER_LEAD_DAYS = 7  # the lead: the car read parked at night in the week before
SEARCH_DELAY_DAYS = 1 / 24  # even the quickest search of old reads runs an hour after the event
CONFIDENT_NIGHTS = 2  # an outsider "could name a home" when the guess rests on at least two nights


@dataclass(frozen=True)
class Policy:
    """One set of rules. `retention_days` None means no limit; THREE_MINUTES means 'unless a hit'."""

    retention_days: float | None = None
    hits_only: bool = False
    in_state: str = "yes"
    out_of_state: str = "yes"
    federal: str = "yes"
    history_needs: str = "nothing"
    audit_log: bool = False
    networks: tuple[str, ...] = field(default_factory=lambda: tuple(registry.collecting()))  # what it collects from
    name: str = ""

    def __post_init__(self) -> None:
        for group in GROUPS:
            if self.access(group) not in ACCESS:
                raise ValueError(f"{group} must be one of {list(ACCESS)}")
        if self.history_needs not in HISTORY_NEEDS:
            raise ValueError(f"history_needs must be one of {list(HISTORY_NEEDS)}")
        if self.retention_days is not None and self.retention_days < 0:
            raise ValueError("retention_days cannot be negative")
        collecting = registry.collecting()
        unknown = set(self.networks) - set(collecting)
        if unknown:
            raise ValueError(f"networks must be among {collecting}, not {sorted(unknown)}")

    def access(self, group: str) -> str:
        """'yes', 'court_order' or 'no': may this group outside the department search the kept reads?"""
        return str(getattr(self, group))

    @property
    def keeps_only_hits(self) -> bool:
        """True when reads that are not hits are gone before any search of old reads could run."""
        return self.hits_only or (self.retention_days is not None and self.retention_days < SEARCH_DELAY_DAYS)


def no_rules() -> Policy:
    """No limits at all, collecting from every collecting network in the registry now."""
    return Policy(name=N_("no rules"))


_NORMAL = NormalDist()


@lru_cache(maxsize=1)
def real_look_back() -> tuple[float, float]:
    """The median look-back (days) and its spread in one real sheriff's audit log (Okaloosa County, 2025):
    the model's default, read from data/facts/derived_figures.csv."""
    rows = pd.read_csv(FACTS_DIR / "derived_figures.csv").set_index("figure_id").value
    return float(rows["okaloosa_look_back_median"]), float(rows["okaloosa_look_back_lognormal_spread"])


@dataclass(frozen=True)
class Assumptions:
    """What no study settles. Students may change each one; the defaults come from one real audit log."""

    look_back_days: float = field(default_factory=lambda: real_look_back()[0])  # the median look-back of a search
    look_back_spread: float = field(default_factory=lambda: real_look_back()[1])  # one standard deviation's factor
    warrant_days: float = 3.0  # time to get a warrant signed
    program_years: float = 10.0  # how long a database with no limit has been filling


def who(preset: str) -> dict[str, str]:
    """The three groups' access for one of the old single-menu choices ('this_agency', 'in_state', 'any_police')."""
    return dict(zip(GROUPS, WHO_PRESETS[preset]))


def outside_askers(policy: Policy) -> tuple[tuple[str, str], ...]:
    """Who outside the police department may query the kept reads, as (group label, access) pairs (empty: nobody)."""
    return tuple((GROUPS[g], policy.access(g)) for g in GROUPS if policy.access(g) != "no")


def reach(policy: Policy) -> str:
    """Which police outside the department may search, in one word, for the chart's markers."""
    if policy.access("out_of_state") == "yes":
        return "any_state"
    if policy.access("in_state") == "yes":
        return "in_state"
    if any(policy.access(g) == "court_order" for g in GROUPS):
        return "court_order"
    return "this_agency"


def look_back(quantile: np.ndarray, typical_days: float, spread: float) -> np.ndarray:
    """Days from each event to the search of its reads: an hour, plus a lognormal look-back with this median.

    One standard deviation multiplies the look-back by `spread`, as in a real audit log: most searches look
    back a day or so, a few months. Quantile 0 is the search that runs at once (no look-back).
    """
    q = np.asarray(quantile, dtype=float)
    z = np.array([_NORMAL.inv_cdf(min(max(x, 1e-9), 0.9999)) for x in q.ravel()]).reshape(q.shape)
    return SEARCH_DELAY_DAYS + np.where(q > 0, typical_days * np.power(spread, z), 0.0)


def held_days(policy: Policy, assumptions: Assumptions) -> float:
    """How many days of reads the database holds at one moment (no limit: the whole program so far)."""
    if policy.retention_days is None:
        return assumptions.program_years * 365.25
    return float(policy.retention_days)


@dataclass(frozen=True)
class Outcome:
    """What one policy keeps and what it costs on the town, under the assumptions."""

    hot_found: int
    hot_cases: int
    investigations: int
    investigation_cases: int
    amber_found: int
    amber_leads: int
    amber_cases: int
    homes_exposed: int  # cars whose home the widest outside query could name (0 if nobody outside may query)
    sensitive_exposed: int  # sightings at sensitive places an outside query could show
    reads_exposed: int  # reads the widest outside query could search (0 if nobody outside may query)
    reads_open: dict[str, int]  # the same, for each group outside the department (see GROUPS)
    homes_held: int  # the same count for the agency itself, before the question of who may query
    innocent_cars: int  # cars not on the hot list with reads in the database
    breach_reads: int  # reads held at one moment, which a breach would expose
    misread_stops: float  # expected alerts on the wrong car in four weeks, from misreads
    askers: tuple[tuple[str, str], ...]  # (group label, access) for each group that may search at all
    innocent_in_town_weeks: int = 0  # of innocent_cars: those read in the town's own four weeks
    held_days: float = 0.0  # days of reads the database holds at one moment (no limit: the program's years)

    @property
    def federal_reads(self) -> int:
        """Reads federal agencies could search: the scoreboard's across axis."""
        return self.reads_open["federal"]

    @property
    def helped(self) -> int:
        return self.hot_found + self.investigations + self.amber_found + self.amber_leads

    @property
    def possible(self) -> int:
        return self.hot_cases + self.investigation_cases + 2 * self.amber_cases


# The coded columns of state_law_rules.csv. Each comes with `_reading` (set: the law sets it; silent: the law
# was read and says nothing, so the loosest option; incomplete: the text was not read or is unclear, so the
# loosest option and "our reading of the law is incomplete here"; simplified: the law sets a rule the model
# cannot express, such as a rule that changes with the reads' age, so the model uses the option that holds for
# most searches and the table gives the law's rule as read), `_as_read`, `_citation`, `_url`, `_quote` and
# `_confidence`.
RULE_FIELDS = (
    "retention",
    "hits_only",
    "in_state",
    "out_of_state",
    "federal",
    "history_needs",
    "audit_log",
    "audits",
    "networks",
)
READINGS = ("set", "silent", "incomplete", "simplified")


def load_law_rules(folder: Path | None = None) -> pd.DataFrame:
    """Each real state law coded into the rule fields, with the citation, link and confidence of each coded cell."""
    path = Path(folder or FACTS_DIR) / "state_law_rules.csv"
    return read_csv_file(
        path,
        ["state", "code", *RULE_FIELDS],
        fix=f"Restore it with: git checkout {path}",
    )


def retention_of(text: str) -> float | None:
    """'3 minutes', '21 days', '18 months', '3 years' or 'none' as days (None: no limit)."""
    if text.strip() == "none":
        return None
    value, unit = text.split()
    return float(value) * RETENTION_UNITS[unit]


def law_policy(row: pd.Series) -> Policy:
    """One row of state_law_rules.csv as a Policy."""
    return Policy(
        retention_days=retention_of(row["retention"]),
        hits_only=row["hits_only"] == "yes",
        in_state=row["in_state"],
        out_of_state=row["out_of_state"],
        federal=row["federal"],
        history_needs=row["history_needs"],
        audit_log=row["audit_log"] == "yes",
        networks=tuple(n for n in row["networks"].split(";") if n),
        name=row["state"],
    )


def with_rules(policy: Policy, **changes) -> Policy:
    """A copy of a policy with some fields changed."""
    return replace(policy, **changes)


def network_label(name: str) -> str:
    """A network's label as stored (translate it with _() where it is shown)."""
    return registry.get(name).label
