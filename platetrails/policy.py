"""Policy rules as data, and the model of what a policy keeps (benefits) and what it costs (privacy), on Alder Falls.

A `Policy` is a few plain fields: how long reads are kept, whether only hits are kept, who outside the
department may search (other police in the state, police in other states, federal agencies: each may
search, only with a court order, or not at all), what a search of old reads needs, whether searches are
logged, and which camera networks feed the database. `outcome(data, policy, assumptions)` runs the policy on the town and counts:

Benefits (the cases in data/policy/cases.csv, made by `python -m platetrails.build.horizon --out data`):
- hot-list cars (stolen or wanted) found within a day of being listed: a real-time alert, so it does
  not depend on how long reads are kept, only on which networks collect;
- investigations that need old reads ("which cars were near this corner at this time?" and "where did
  this known car go that day?"), each with a look-back: how many days after the event the search runs.
  The look-back comes from the case's `quantile` and an assumption students set, because no published
  figure says how old the reads used in investigations are;
- Amber-alert style abductions: finding the car in real time, and a lead from old reads (where the car
  was parked at night in the week before).

Costs (the reads the policy keeps, looked at by `mosaic.Analyst`'s own rules):
- homes an outside query could reveal, and sightings at sensitive places it could show;
- innocent cars held in the database; reads a data breach would expose; expected stops caused by
  misreads (a real-time cost, like alerts).

Sharing plugs in here: `outside_askers(policy)` is the only place that says who outside the agency may
query. Notebook 04's sharing model can replace it without touching the rest. A search "only with a court
order" is modelled like a warrant rule: it can name only cars police already have cause about (hot-listed).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from statistics import NormalDist

import numpy as np
import pandas as pd

from platetrails import hotlist, plates
from platetrails import networks as registry
from platetrails.data import DATA_DIR, TownData, read_csv_file
from platetrails.facts import FACTS_DIR, RETENTION_UNITS
from platetrails.i18n import N_, _
from platetrails.mosaic import NIGHT_HOURS, Analyst, guess_all

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


def load_cases(data_dir: Path | None = None) -> pd.DataFrame:
    """The policy lab's cases (see horizon.py)."""
    path = Path(data_dir or DATA_DIR) / "policy" / "cases.csv"
    table = read_csv_file(
        path,
        ["case_id", "kind", "plate", "x", "y", "time", "quantile"],
        fix="Rebuild it with the command: python -m platetrails.build.horizon --out data",
    )
    for col in ("x", "y"):
        table[col] = table[col].astype(int)
    table["quantile"] = table["quantile"].astype(float)
    table["time"] = pd.to_datetime(table["time"], format="%Y-%m-%dT%H:%M:%S")
    return table


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


class PolicyData:
    """The town's sightings and cases, prepared once, so that a policy's outcome is a few lookups."""

    def __init__(self, town: TownData, cases: pd.DataFrame, laws: pd.DataFrame | None = None) -> None:
        self.town = town
        self.analyst = Analyst(town)
        s = self.analyst.s
        self.s = s
        self.cases = cases.reset_index(drop=True)
        self.net_code = {n: i for i, n in enumerate(s.network_names)}
        self.time_min = s.day.astype(np.int64) * 1440 + s.minute  # minutes since the start
        self.days = town.days
        listed = set(self.cases.plate[self.cases.kind == "hot_list"])
        self.hot_codes = np.array([i for i, p in enumerate(s.plates) if p in listed], dtype=int)
        self.is_hit = np.isin(s.plate, self.hot_codes)
        self.car_like = np.array([bool(plates.PLATE_PATTERN.match(p)) for p in s.plates])
        sensitive = town.places[town.places.sensitive != ""]
        corners = set(zip(sensitive.x.astype(int), sensitive.y.astype(int)))
        self.at_sensitive = np.array([(int(x), int(y)) in corners for x, y in zip(s.x, s.y)])
        self.in_policy_network = {n: s.network == self.net_code[n] for n in registry.collecting() if n in self.net_code}
        self.evidence = self._evidence()
        self.misreads = self._misread_stops(float(town.meta.get("misread_rate", 0.0)))
        self.visitors_per_day = self._visitors_per_day()
        self._costs: dict[tuple, tuple[int, int, int, int, int]] = {}  # see `view`
        self._placed: dict[Assumptions, pd.DataFrame] = {}
        self.laws = laws if laws is not None else load_law_rules()
        self.law_policies = [law_policy(r) for _, r in self.laws.iterrows()]
        for policy in [no_rules(), *self.law_policies]:
            self.view(policy, limited=False)
            self.view(policy, limited=True)

    # --- benefits -----------------------------------------------------------------------------------

    def _evidence(self) -> dict[str, dict[str, np.ndarray]]:
        """For each case and each collecting network: does that network hold the evidence the case needs?"""
        s, cases = self.s, self.cases
        start = self.town.start
        out: dict[str, dict[str, np.ndarray]] = {}
        parts = ("now", "history")
        collecting = registry.collecting()
        for net in collecting:
            out[net] = {p: np.zeros(len(cases), dtype=bool) for p in parts}
        for i, case in cases.iterrows():
            code = s.plates.get_indexer([case.plate])[0]
            if code < 0:
                continue
            rows = s.rows_of_plate[code]
            t = self.time_min[rows]
            t0 = (case.time - start).total_seconds() / 60
            if case.kind == "hot_list":
                now = (t >= t0) & (t <= t0 + HOT_FOUND_HOURS * 60)
                hist = np.zeros(len(rows), dtype=bool)
            elif case.kind == "place":
                near = np.abs(s.x[rows] - case.x) + np.abs(s.y[rows] - case.y) <= PLACE_BLOCKS
                now = np.zeros(len(rows), dtype=bool)
                hist = near & (np.abs(t - t0) <= PLACE_MINUTES)
            elif case.kind == "trail":
                now = np.zeros(len(rows), dtype=bool)
                hist = np.abs(t - t0) <= TRAIL_HOURS * 60
            else:  # amber
                now = (t >= t0) & (t <= t0 + AMBER_HOURS * 60)
                h = s.hour[rows]
                night = (h >= NIGHT_HOURS[0]) | (h < NIGHT_HOURS[1])
                hist = night & (t < t0) & (t >= t0 - AMBER_LEAD_DAYS * 1440)
            for net in collecting:
                if net not in self.net_code:
                    continue
                mine = s.network[rows] == self.net_code[net]
                out[net]["now"][i] = bool((now & mine).any())
                out[net]["history"][i] = bool((hist & mine).any())
        return out

    def has_evidence(self, networks: tuple[str, ...], part: str) -> np.ndarray:
        found = np.zeros(len(self.cases), dtype=bool)
        for net in networks:
            if net in self.evidence:
                found |= self.evidence[net][part]
        return found

    def benefits(self, policy: Policy, assumptions: Assumptions) -> dict[str, int]:
        kind = self.cases.kind.to_numpy()
        now = self.has_evidence(policy.networks, "now")
        history = self.has_evidence(policy.networks, "history")
        keep = math.inf if policy.retention_days is None else policy.retention_days
        searchable = not policy.keeps_only_hits and policy.retention_days != 0
        wait = assumptions.warrant_days if policy.history_needs == "warrant" else 0.0
        need = look_back(self.cases["quantile"].to_numpy(), assumptions.look_back_days, assumptions.look_back_spread)
        need = need + wait
        investigation = np.isin(kind, ["place", "trail"])
        solved = investigation & history & searchable & (need <= keep)
        # An abduction is an emergency: no warrant wait; the lead needs the week before to be kept.
        lead = (kind == "amber") & history & searchable & (AMBER_LEAD_DAYS <= keep)
        return {
            "hot_found": int((now & (kind == "hot_list")).sum()),
            "hot_cases": int((kind == "hot_list").sum()),
            "investigations": int(solved.sum()),
            "investigation_cases": int(investigation.sum()),
            "amber_found": int((now & (kind == "amber")).sum()),
            "amber_leads": int(lead.sum()),
            "amber_cases": int((kind == "amber").sum()),
        }

    # --- costs --------------------------------------------------------------------------------------

    def kept_rows(self, networks: tuple[str, ...], window_days: float, only_hits: bool) -> np.ndarray:
        """Sightings held at the end of the four weeks: chosen networks, the last `window_days`, hits if asked."""
        mask = np.zeros(len(self.s.plate), dtype=bool)
        for net in networks:
            if net in self.in_policy_network:
                mask |= self.in_policy_network[net]
        if only_hits:
            mask &= self.is_hit
        else:
            mask &= self.time_min >= (self.days - min(window_days, self.days)) * 1440
        return np.flatnonzero(mask)

    def _window(self, policy: Policy) -> float:
        return self.days if policy.retention_days is None else min(float(policy.retention_days), self.days)

    def view(self, policy: Policy, limited: bool) -> tuple[int, int, int, int, int]:
        """Homes and sensitive sightings a query could show, innocent cars and reads held, reads a query could search.

        `limited`: the query may name only cars police already have cause about (hot-listed), as under a
        warrant rule or a court order. These are counted at the end of the town's four weeks, on the reads
        the database holds then.
        """
        only_hits = policy.keeps_only_hits
        limited = limited or only_hits
        key = (tuple(sorted(policy.networks)), round(self._window(policy), 6), only_hits, limited)
        if key not in self._costs:
            held = self.kept_rows(policy.networks, self._window(policy), only_hits)
            seen = self.kept_rows(policy.networks, self._window(policy), True) if limited else held
            g = guess_all(self.s, seen)
            confident = (g.home_nights >= CONFIDENT_NIGHTS) & self.car_like
            homes = int(confident.sum())
            sensitive = int(self.at_sensitive[seen].sum())
            codes = np.unique(self.s.plate[held])
            innocent = int((self.car_like[codes] & ~np.isin(codes, self.hot_codes)).sum())
            self._costs[key] = (homes, sensitive, innocent, len(held), len(seen))
        return self._costs[key]

    def costs(self, policy: Policy) -> tuple[int, int, int, int, int]:
        """`view` for a group that may search: a warrant rule lets a search name only hot-listed cars."""
        return self.view(policy, policy.history_needs == "warrant")

    def _visitors_per_day(self) -> float:
        """New car plates first read per day in the last two weeks: cars passing through, who keep arriving."""
        s = self.s
        car = self.car_like[s.plate]
        first = pd.Series(s.day[car]).groupby(s.plate[car]).min()
        late = first[first >= self.days // 2]
        return float(len(late)) / (self.days - self.days // 2)

    def _misread_stops(self, misread_rate: float) -> dict[str, float]:
        """Per network: expected alerts in four weeks on an innocent car misread as a listed plate."""
        s = self.s
        hot = {s.plates[c] for c in self.hot_codes}
        out = {}
        for net, mask in self.in_policy_network.items():
            counts = np.bincount(s.plate[mask], minlength=len(s.plates))
            total = 0.0
            for code in np.flatnonzero(counts):
                plate = s.plates[code]
                if plate in hot or not self.car_like[code]:
                    continue
                for target in hotlist.look_alikes(plate):
                    if target in hot:
                        total += hotlist.expected_false_alerts(int(counts[code]), plate, target, misread_rate)
            out[net] = total
        return out

    # --- both ---------------------------------------------------------------------------------------

    def outcome(self, policy: Policy, assumptions: Assumptions | None = None) -> Outcome:
        assumptions = assumptions or Assumptions()
        b = self.benefits(policy, assumptions)
        homes, _sensitive, innocent, held, _seen = self.view(policy, limited=False)
        in_town_weeks = innocent
        days = held_days(policy, assumptions)
        longer = max(1.0, days / self.days)  # the town's four weeks stand for any four weeks of a longer program
        if policy.keeps_only_hits:
            # Hits are kept as long as the rule allows; other reads only for the minutes of a 3-minute rule.
            other = 0 if policy.hits_only else len(self.kept_rows(policy.networks, self.days, False)) - held
            breach = held * longer + other * min(days, self.days) / self.days
        else:
            breach = held * longer
            innocent = innocent + self.visitors_per_day * max(0.0, days - self.days)
        warrant = policy.history_needs == "warrant"
        reads_open, widest = {}, (0, 0, 0)
        for group in GROUPS:
            access = policy.access(group)
            if access == "no":
                reads_open[group] = 0
                continue
            g_homes, g_sensitive, _innocent, _held, g_seen = self.view(policy, warrant or access == "court_order")
            reads_open[group] = int(round(g_seen * longer))
            widest = max(widest, (reads_open[group], g_homes, g_sensitive))
        return Outcome(
            homes_exposed=widest[1],
            sensitive_exposed=widest[2],
            reads_exposed=widest[0],
            reads_open=reads_open,
            homes_held=homes,
            innocent_cars=int(round(innocent)),
            breach_reads=int(round(breach)),
            misread_stops=float(sum(self.misreads.get(n, 0.0) for n in policy.networks)),
            askers=outside_askers(policy),
            innocent_in_town_weeks=int(round(in_town_weeks)),
            held_days=days,
            **b,
        )

    def benefits_kept(self, outcome: Outcome, assumptions: Assumptions) -> float:
        """The cases this policy helps, as a percentage of the cases 'no rules' helps (same assumptions)."""
        best = self.outcome(no_rules(), assumptions).helped
        return 100.0 * outcome.helped / best if best else 0.0

    def place_laws(self, assumptions: Assumptions) -> pd.DataFrame:
        """Every coded state law placed by the model: benefits kept and homes exposed, with its other numbers."""
        rows = []
        unread = incomplete_fields(self.laws)
        for row, policy in zip(self.laws.itertuples(), self.law_policies):
            out = self.outcome(policy, assumptions)
            rows.append(
                {
                    "state": row.state,
                    "code": row.code,
                    "benefits_kept": self.benefits_kept(out, assumptions),
                    "homes_exposed": out.homes_exposed,
                    "reads_exposed": out.reads_exposed,
                    "federal_reads": out.federal_reads,
                    "reach": reach(policy),
                    "incomplete": row.state in unread,
                    "helped": out.helped,
                    "investigations": out.investigations,
                    "innocent_cars": out.innocent_cars,
                    "breach_reads": out.breach_reads,
                }
            )
        return pd.DataFrame(rows)

    def laws_placed(self, assumptions: Assumptions) -> pd.DataFrame:
        """`place_laws`, kept once per set of assumptions (a control change then only looks it up)."""
        if assumptions not in self._placed:
            self._placed[assumptions] = self.place_laws(assumptions)
        return self._placed[assumptions]


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


def scoreboard(data: PolicyData, assumptions: Assumptions | None = None) -> pd.DataFrame:
    """No rules and every coded state law, with their rules in words and what the model says each keeps and costs."""
    assumptions = assumptions or Assumptions()
    rows = []
    readings = [{}, *law_readings(data.laws)]
    as_read = [{}, *law_rules_as_read(data.laws)]
    audits = [False, *(data.laws.get("audits", pd.Series(["no"] * len(data.laws))) == "yes")]
    for policy, reading, read, audited in zip([no_rules(), *data.law_policies], readings, as_read, audits):
        out = data.outcome(policy, assumptions)
        rows.append(
            {
                "state": policy.name,
                "rules": rules_words(policy, reading, bool(audited), read),
                "benefits_kept": data.benefits_kept(out, assumptions),
                "hot_found": out.hot_found,
                "investigations": out.investigations,
                "amber_found": out.amber_found,
                "amber_leads": out.amber_leads,
                "reads_exposed": out.reads_exposed,
                "federal_reads": out.federal_reads,
                "homes_exposed": out.homes_exposed,
                "sensitive_exposed": out.sensitive_exposed,
                "innocent_cars": out.innocent_cars,
                "breach_reads": out.breach_reads,
            }
        )
    return pd.DataFrame(rows)


def with_rules(policy: Policy, **changes) -> Policy:
    """A copy of a policy with some fields changed."""
    return replace(policy, **changes)


def network_label(name: str) -> str:
    """A network's label as stored (translate it with _() where it is shown)."""
    return registry.get(name).label
