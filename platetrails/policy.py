"""The model of what a policy keeps (benefits) and what it costs (privacy), on Alder Falls.

A `Policy` (policy_rules.py) is a few plain fields. `PolicyData.outcome(policy, assumptions)` runs it on the town
and counts:

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
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd

from platetrails import hotlist, plates
from platetrails import networks as registry
from platetrails.data import DATA_DIR, TownData, read_csv_file
from platetrails.mosaic import NIGHT_HOURS, Analyst, guess_all
from platetrails.policy_rules import (
    AMBER_HOURS,
    AMBER_LEAD_DAYS,
    CONFIDENT_NIGHTS,
    GROUPS,
    HOT_FOUND_HOURS,
    PLACE_BLOCKS,
    PLACE_MINUTES,
    TRAIL_HOURS,
    Assumptions,
    Outcome,
    Policy,
    held_days,
    law_policy,
    load_law_rules,
    look_back,
    no_rules,
    outside_askers,
    reach,
)
from platetrails.policy_words import incomplete_fields, law_readings, law_rules_as_read, rules_words


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
