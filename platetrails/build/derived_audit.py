"""Figures from a real search audit log (Okaloosa County, Florida): how far back searches look, how many reasons
name no case, how many networks a search reaches. Part of `python -m platetrails.build.derive_facts`.
"""

from __future__ import annotations

import math
from pathlib import Path
from statistics import NormalDist

import pandas as pd

from platetrails.audit_rules import GENERIC_REASONS, OKALOOSA_RETENTION_DAYS, vague

# Okaloosa County (Florida) Sheriff's Office: its Flock search audit log for 2025-11-01 to 2025-12-08,
# released under the Florida Public Records Act and parsed from the PDF into CSV by a third party.
OKALOOSA = (
    "Okaloosa County Sheriff's Office (Florida), Flock Safety search audit log released under the Florida "
    "Public Records Act; parsed and published by the GitHub repository HistoryJunkie/OkaloosaALPR_AUDIT",
    "Flock search audit 2025-11-01 to 2025-12-08 (11_1_2025-12_8_2025-Okaloosa_County_FL_SO-Audit.pdf) "
    "and its CSV parse",
    "2026-01",
    "https://github.com/HistoryJunkie/OkaloosaALPR_AUDIT",
)
OKALOOSA_FILE = ("okaloosa_flock_audit", "audit_2025-11-01_2025-12-08.csv")
OKALOOSA_WHERE = "Okaloosa County, Florida (one sheriff's office)"
OKALOOSA_WHEN = "2025-11-01 to 2025-12-08 (five weeks)"
AUDIT_TIME_FORMAT = "%m/%d/%Y, %I:%M:%S %p UTC"
LOOK_BACK_THRESHOLDS = (1, 7, 14, 30, 90)
LOOK_BACK_QUANTILES = (0.25, 0.75, 0.9, 0.95)


def audit_log(path: Path) -> pd.DataFrame:
    """The audit log with its times parsed, the look-back in days and the reason trimmed and lowercased."""
    log = pd.read_csv(path, dtype=str, keep_default_na=False)
    start = pd.to_datetime(log["Time_Frame_Start"], format=AUDIT_TIME_FORMAT)
    searched = pd.to_datetime(log["Search_Time"], format=AUDIT_TIME_FORMAT)
    log["look_back_days"] = (searched - start).dt.total_seconds() / 86400
    log["reason"] = log["Reason"].str.strip().str.lower()
    log["networks"] = pd.to_numeric(log["Total_Networks_Searched"])
    log["devices"] = pd.to_numeric(log["Total_Devices_Searched"])
    return log


def lognormal_spread(median_days: float, share_beyond: float, days: float) -> float:
    """Sigma of the lognormal with this median that puts `share_beyond` of its mass beyond `days`."""
    return math.log(days / median_days) / NormalDist().inv_cdf(1.0 - share_beyond)


def look_back_figures(path: Path) -> list[tuple]:
    """How far back one sheriff's searches looked, and what their reasons and reach were (see docs/research)."""
    log = audit_log(path)
    n = len(log)
    days = log.look_back_days
    where, when = OKALOOSA_WHERE, OKALOOSA_WHEN
    window = "look-back = Search_Time - Time_Frame_Start (the search window, not the age of the read used)"
    median = float(days.median())
    rows = [
        (
            "okaloosa_searches",
            "Searches in the audit log",
            n,
            "searches",
            where,
            when,
            *OKALOOSA,
            "rows of the parsed log",
        ),
        (
            "okaloosa_look_back_median",
            "How far back the middle search looked (half the searches looked back less)",
            round(median, 3),
            "days",
            where,
            when,
            *OKALOOSA,
            f"median over {n} searches; {window}",
        ),
    ]
    for threshold in LOOK_BACK_THRESHOLDS:
        rows.append(
            (
                f"okaloosa_look_back_over_{threshold}_days",
                f"Share of searches that looked back more than {threshold} day{'s' if threshold > 1 else ''}",
                round(100 * float((days > threshold).mean()), 2),
                "percent",
                where,
                when,
                *OKALOOSA,
                f"searches with look-back > {threshold} days / {n}; {window}",
            )
        )
    for q in LOOK_BACK_QUANTILES:
        rows.append(
            (
                f"okaloosa_look_back_p{round(100 * q)}",
                f"Look-back that {round(100 * q)}% of searches did not exceed",
                round(float(days.quantile(q)), 3),
                "days",
                where,
                when,
                *OKALOOSA,
                f"{q:.2f} quantile (linear interpolation) over {n} searches; {window}",
            )
        )
    beyond = float((days > OKALOOSA_RETENTION_DAYS).mean())
    sigma = lognormal_spread(median, beyond, OKALOOSA_RETENTION_DAYS)
    rows += [
        (
            "okaloosa_look_back_lognormal_spread",
            "Spread of a lognormal fitted to the look-backs (its median is the log's median): one standard "
            "deviation multiplies the look-back by this factor",
            round(math.exp(sigma), 3),
            "times as many",
            where,
            when,
            *OKALOOSA,
            f"exp(sigma), sigma = ln(30 / median) / z, z the standard normal quantile of 1 - (share beyond 30 days);"
            f" sigma = {sigma:.4f}, so the fitted lognormal puts the same share beyond 30 days as the log",
        ),
        (
            "okaloosa_past_retention_searches",
            f"Searches that looked back further than the office's own {OKALOOSA_RETENTION_DAYS}-day retention",
            int((days > OKALOOSA_RETENTION_DAYS).sum()),
            "searches",
            where,
            when,
            *OKALOOSA,
            f"searches with look-back > {OKALOOSA_RETENTION_DAYS} days; the 30-day rolling deletion is in the "
            "data dictionary (Flock contract) and the office's FAQ quoted by the repository. A window past 30 days "
            "can still return reads from other agencies' networks that keep data longer",
        ),
        (
            "okaloosa_longest_look_back",
            "Longest look-back of any search",
            round(float(days.max()), 1),
            "days",
            where,
            when,
            *OKALOOSA,
            f"maximum over {n} searches; {window}",
        ),
    ]
    blank = log.reason == ""
    one_word = vague(log.reason)
    generic = log.reason.isin(GENERIC_REASONS)
    multi = log.networks > 1
    rows += [
        (
            "okaloosa_blank_reasons",
            "Share of searches with a blank reason",
            round(100 * float(blank.mean()), 3),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(blank.sum())} searches with an empty Reason after trimming / {n}",
        ),
        (
            "okaloosa_one_word_reasons",
            "Share of searches whose reason is one word with no case number (such as 'bolo', 'investigation', "
            "'warrant', 'stolen')",
            round(100 * float(one_word.mean()), 1),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(one_word.sum())} / {n}: Reason of exactly one word containing no digit",
        ),
        (
            "okaloosa_generic_reasons",
            "Share of searches whose whole reason names no offence, person or case (such as 'investigation', "
            "'bolo', 'patrol')",
            round(100 * float(generic.mean()), 1),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(generic.sum())} / {n}: Reason, lowercased and trimmed, is one of: " + "; ".join(GENERIC_REASONS),
        ),
        (
            "okaloosa_multi_network_searches",
            "Share of searches that queried more than one camera network",
            round(100 * float(multi.mean()), 1),
            "percent",
            where,
            when,
            *OKALOOSA,
            f"{int(multi.sum())} / {n} searches with Total_Networks_Searched > 1",
        ),
        (
            "okaloosa_median_networks_multi",
            "Networks queried by the middle one of those multi-network searches",
            float(log.networks[multi].median()),
            "networks",
            where,
            when,
            *OKALOOSA,
            f"median of Total_Networks_Searched over the {int(multi.sum())} searches with more than one",
        ),
        (
            "okaloosa_most_networks",
            "Most camera networks queried by one search",
            int(log.networks.max()),
            "networks",
            where,
            when,
            *OKALOOSA,
            "maximum of Total_Networks_Searched",
        ),
        (
            "okaloosa_most_devices",
            "Most cameras queried by one search",
            int(log.devices.max()),
            "devices",
            where,
            when,
            *OKALOOSA,
            "maximum of Total_Devices_Searched",
        ),
    ]
    return rows


# Seattle Police Department plate reads, 2021-10-01 to 2021-10-08, from UWCHR's public records request.
