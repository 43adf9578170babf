"""A simulated page of the county sheriff's search log, with the fields and the patterns of a real one (notebook 04).

The real log is the Okaloosa County (Florida) sheriff's Flock audit log for five weeks of late 2025. Its figures
are rows of data/facts/derived_figures.csv (written by `derive_facts`), read here through the facts loader, never
typed. Each simulated search has a time, a made-up officer ID, one of the town's fictional plates, the window it
searched (how far back it looked), how many camera networks and cameras it reached, and the reason as typed.

The page's shares follow the real log's as closely as a page of whole searches allows, at every seed: the counts
(vague reasons, blank reasons, searches of more than one network, windows past the retention limit) are allotted
from the real shares, and the seed only decides which search gets which, and the plates, times and officers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from platetrails import audit_rules, networks, plates
from platetrails.facts import Facts
from platetrails.i18n import N_
from platetrails.sharing import FlowModel

PAGE_ROWS = 15  # one projector screen (tests/support/fit.py measures the page)
CLASS_SEED = 2018  # the year of the story
OFFICERS = 5  # made-up IDs on one page
SEARCH_DAYS = 7  # the searches fall in the week after the town's 28 days of reads
MIN_READS = 3  # a plate read on this many days looks like a real car (a misread rarely repeats)
# Windows a user picks from a menu; most real searches use one of these (days; see
# docs/research/real-logs-2026-12/NOTES.md, section 1). A longer window is typed as dates.
PRESET_WINDOWS = (0.5, 1, 7, 14, 30)
# The real log's case numbers were redacted at source, so how many of its longer reasons carry one is unknown:
# the lab gives half of them a case number. This is the lab's choice, not a figure.
CASE_NUMBER_SHARE = 0.5
COLUMNS = ["when", "officer", "plate", "window_start", "window_end", "look_back_days", "networks", "cameras", "reason"]

# Reasons as typed. The generic ones are words derive_facts counts as naming no offence, person or case
# (tests check that each generic word is one of audit_rules.GENERIC_REASONS).
GENERIC_WORDS = (N_("investigation"), N_("bolo"), N_("patrol"), N_("suspicious"), N_("suspect"))
SPECIFIC_WORDS = (
    N_("warrant"),
    N_("stolen"),
    N_("theft"),
    N_("burglary"),
    N_("fraud"),
    N_("runaway"),
    N_("assault"),
    N_("robbery"),
)
SEVERAL_WORDS = (
    N_("stolen vehicle"),
    N_("missing person"),
    N_("hit and run"),
    N_("suspicious vehicle"),
    N_("welfare check"),
    N_("stolen plate"),
)
CASE_WORDS = (N_("burglary case"), N_("theft case"), N_("stolen car case"), N_("assault case"), N_("fraud case"))
REASON_KINDS = ("blank", "generic", "one_word", "several_words", "case_number")


@dataclass(frozen=True)
class RealLog:
    """The real log's figures that the simulation follows, each read from its fact row."""

    searches: int
    blank: float  # shares, 0 to 1
    one_word: float
    generic: float
    multi_network: float
    median_networks: float  # of the searches that reached more than one network
    most_networks: int
    most_cameras: int
    look_back_median: float  # days
    look_back_spread: float  # one standard deviation of the lognormal multiplies the look-back by this
    past_retention: float  # share looking back further than the office's retention
    longest_look_back: float  # days
    retention_days: int = audit_rules.OKALOOSA_RETENTION_DAYS


def real_log(facts: Facts) -> RealLog:
    """The Okaloosa rows of the derived figures, as the numbers the simulation needs."""

    def value(figure_id: str) -> float:
        return float(facts.figure(f"okaloosa_{figure_id}").value)

    searches = int(value("searches"))
    return RealLog(
        searches=searches,
        blank=value("blank_reasons") / 100,
        one_word=value("one_word_reasons") / 100,
        generic=value("generic_reasons") / 100,
        multi_network=value("multi_network_searches") / 100,
        median_networks=value("median_networks_multi"),
        most_networks=int(value("most_networks")),
        most_cameras=int(value("most_devices")),
        look_back_median=value("look_back_median"),
        look_back_spread=value("look_back_lognormal_spread"),
        past_retention=value("past_retention_searches") / searches,
        longest_look_back=value("longest_look_back"),
    )


def allot(shares: dict[str, float], total: int) -> dict[str, int]:
    """Whole counts that add up to `total` and follow the shares as closely as possible (largest remainder)."""
    exact = {k: total * v / sum(shares.values()) for k, v in shares.items()}
    counts = {k: math.floor(v) for k, v in exact.items()}
    for k in sorted(exact, key=lambda k: (counts[k] - exact[k], list(exact).index(k)))[: total - sum(counts.values())]:
        counts[k] += 1
    return counts


def chosen(share: float, total: int, rng: np.random.Generator) -> np.ndarray:
    """True for the allotted number of `total` searches (`share` of them, rounded as `allot` does), at random."""
    picked = np.zeros(total, bool)
    picked[rng.permutation(total)[: allot({"yes": share, "no": 1 - share}, total)["yes"]]] = True
    return picked


def reason_shares(real: RealLog) -> dict[str, float]:
    """The share of each kind of reason: blank, generic (one word), other one word, several words, a case number."""
    longer = max(0.0, 1.0 - real.one_word - real.blank)
    return {
        "blank": real.blank,
        "generic": real.generic,
        "one_word": max(0.0, real.one_word - real.generic),
        "several_words": longer * (1 - CASE_NUMBER_SHARE),
        "case_number": longer * CASE_NUMBER_SHARE,
    }


def network_spread(real: RealLog) -> float:
    """Sigma of a lognormal around the median fan-out that puts the log's widest search at the top of its draws.

    Of the log's multi-network searches, the widest is about the 1 - 1/n quantile, so sigma is
    ln(most / median) / z(1 - 1/n).
    """
    n = max(2, round(real.searches * real.multi_network))
    return math.log(real.most_networks / real.median_networks) / NormalDist().inv_cdf(1 - 1 / n)


def windows(real: RealLog, past: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Look-back days: the log's lognormal (median and spread), within the retention limit or past it as allotted.

    A window within the limit is the smallest menu window that covers the draw; one past it is whole days, at
    most the log's longest.
    """
    dist = NormalDist(math.log(real.look_back_median), math.log(real.look_back_spread))
    limit = dist.cdf(math.log(real.retention_days))
    out = np.empty(len(past))
    for i, beyond in enumerate(past):
        q = rng.uniform(limit, 1.0) if beyond else rng.uniform(0.0, limit)
        days = math.exp(dist.inv_cdf(min(max(q, 1e-12), 1 - 1e-12)))
        if beyond:
            out[i] = min(real.longest_look_back, max(real.retention_days + 1, math.ceil(days)))
        else:
            out[i] = next(w for w in PRESET_WINDOWS if w >= min(days, real.retention_days))
    return out


def reasons(kinds: list[str], rng: np.random.Generator) -> list[str]:
    """A reason as typed for each kind (English; the page translates it when it shows it)."""
    typed = []
    for kind in kinds:
        if kind == "blank":
            typed.append("")
        elif kind == "generic":
            typed.append(str(rng.choice(GENERIC_WORDS)))
        elif kind == "one_word":
            typed.append(str(rng.choice(SPECIFIC_WORDS)))
        elif kind == "several_words":
            typed.append(str(rng.choice(SEVERAL_WORDS)))
        else:
            typed.append(f"{rng.choice(CASE_WORDS)} {int(rng.integers(24, 26))}-{int(rng.integers(1000, 9999)):05d}")
    return typed


def simulate(
    plate_pool: list[str],
    real: RealLog,
    start: pd.Timestamp,
    own_cameras: int,
    seed: int = CLASS_SEED,
    searches: int = PAGE_ROWS,
) -> pd.DataFrame:
    """A deterministic log of `searches` searches, in time order, whose shares follow the real log's.

    `start` is when the searching week begins; a search of only the county's own network reaches `own_cameras`.
    """
    rng = np.random.default_rng(seed)
    kinds = [k for k, n in allot(reason_shares(real), searches).items() for _ in range(n)]
    kinds = [kinds[i] for i in rng.permutation(searches)]
    multi = chosen(real.multi_network, searches, rng)
    past = chosen(real.past_retention, searches, rng)

    sigma = network_spread(real)
    fan = np.exp(math.log(real.median_networks) + sigma * rng.standard_normal(searches))
    nets = np.where(multi, np.clip(np.round(fan), 2, real.most_networks), 1).astype(int)
    per_network = real.most_cameras / real.most_networks  # the widest search's cameras per network
    cams = np.where(multi, np.minimum(real.most_cameras, np.round(nets * per_network)), own_cameras).astype(int)

    officers = [f"D-{n:04d}" for n in rng.choice(np.arange(1000, 9999), size=OFFICERS, replace=False)]
    when = start + pd.to_timedelta(np.sort(rng.integers(0, SEARCH_DAYS * 24 * 60, size=searches)), unit="min")
    look_back = windows(real, past, rng)
    table = pd.DataFrame(
        {
            "when": when,
            "officer": [officers[i] for i in rng.integers(0, OFFICERS, size=searches)],
            "plate": [str(p) for p in rng.choice(plate_pool, size=searches)] if plate_pool else [""] * searches,
            "window_start": when - pd.to_timedelta(look_back, unit="D"),
            "window_end": when,
            "look_back_days": look_back,
            "networks": nets,
            "cameras": cams,
            "reason": reasons(kinds, rng),
        }
    )
    return table[COLUMNS]


def candidate_plates(model: FlowModel, exclude: set[str]) -> list[str]:
    """The town's well-formed plates read on several days, leaving out `exclude` (the case residents' plates,
    which the lab keeps out of any search)."""
    s = model.analyst.s
    days_seen = pd.Series(s.day).groupby(s.plate).nunique().reindex(range(len(s.plates)), fill_value=0).to_numpy()
    return sorted(
        p
        for i, p in enumerate(s.plates)
        if plates.PLATE_PATTERN.fullmatch(p)
        and any(c.isdigit() for c in p)
        and days_seen[i] >= min(MIN_READS, model.data_days)
        and p not in exclude
    )


def county_log(model: FlowModel, facts: Facts, exclude: set[str], seed: int = CLASS_SEED) -> pd.DataFrame:
    """Notebook 04's page: the county sheriff's searches in the week after the town's reads, one screen of them."""
    start = model.town.start + pd.Timedelta(days=model.data_days)
    own = sum(len(networks.get(n).cameras) for n in networks.networks_of(networks.SHERIFF))
    return simulate(candidate_plates(model, exclude), real_log(facts), start, own, seed, PAGE_ROWS)


def audit_summary(log: pd.DataFrame, retention_days: int = audit_rules.OKALOOSA_RETENTION_DAYS) -> dict[str, int]:
    """What an auditor can count on the page, by the same rules derive_facts applies to the real log."""
    reason = log.reason.str.strip().str.lower()
    multi = log.networks > 1
    return {
        "searches": len(log),
        "blank": int((reason == "").sum()),
        "one_word": int(audit_rules.vague(reason).sum()),
        "generic": int(reason.isin(audit_rules.GENERIC_REASONS).sum()),
        "case_number": int(reason.str.contains(r"\d", regex=True).sum()),
        "multi_network": int(multi.sum()),
        "most_networks": int(log.networks.max()) if len(log) else 0,
        "most_cameras": int(log.cameras.max()) if len(log) else 0,
        "past_retention": int((log.look_back_days > retention_days).sum()),
        "longest_look_back": int(math.ceil(log.look_back_days.max())) if len(log) else 0,
    }
