"""How an auditor reads a search log's reasons, the same for the real log (build/derived_audit.py) and the lab's
simulated one (audit_log.py): which reasons are vague or generic, and the office's retention promise.
"""

from __future__ import annotations

import pandas as pd

# The office's retention promise: the data dictionary of the parse lists "30-day rolling deletion" in the
# Flock contract (recitals, order form), and the repository quotes the office's FAQ ("deletes its data every
# 30 days on a rolling basis").
OKALOOSA_RETENTION_DAYS = 30

# "Vague": a reason of one word with no digit in it (so no case number), e.g. "bolo", "investigation",
# "warrant", "stolen". "Generic": a reason, lowercased and trimmed, that is exactly one of these words or
# phrases, which say only that police work is going on, naming no offence, person or case.
GENERIC_REASONS = (
    "investigation",
    "investigations",
    "inv",
    "criminal investigation",
    "active case",
    "bolo",
    "patrol",
    "suspicious",
    "suspect",
    "agency assist",
    "training",
    "test",
)


def vague(reason: pd.Series) -> pd.Series:
    """True for a reason of exactly one word with no digit (no case number): 'bolo', 'investigation'."""
    words = reason.str.split().str.len().fillna(0)
    return (words == 1) & ~reason.str.contains(r"\d", regex=True)
