"""The class server's own data policy, written in the policy lab's terms (time limit, who may see, search logs).

Notebook 00 shows it as a table, so students meet the rules the class-answers service (hub/class_answers.py)
enforces as one example of the rules they write in notebook 05. The hub sets the days through
PT_CLASS_ANSWERS_KEEP_DAYS in each student's server; both the hub and the service default to DEFAULT_KEEP_DAYS.
"""

from __future__ import annotations

import math
import os

from IPython.display import HTML

from platetrails.i18n import N_, _, _n

DEFAULT_KEEP_DAYS = 42  # six weeks: the length of a unit, then the answers are deleted
KEEP_DAYS_VAR = "PT_CLASS_ANSWERS_KEEP_DAYS"


def days_shown(keep: float) -> int:
    """The whole days students are told for a keep time the hub may set in fractions (a test uses seconds)."""
    return max(1, math.ceil(keep))


def keep_days() -> int:
    """The days the class server keeps an answer: the hub's setting, else the default."""
    raw = os.environ.get(KEEP_DAYS_VAR, "")
    return int(raw) if raw.strip().isdigit() and int(raw) > 0 else DEFAULT_KEEP_DAYS


def rules(days: int | None = None) -> list[tuple[str, str]]:
    """(term, rule) pairs: the terms are the policy lab's words, the rules what the class server does."""
    days = keep_days() if days is None else days
    return [
        (_(N_("what is kept")), _("Only the answers you send with Send to my teacher. Nothing else you type.")),
        (
            _(N_("time limit")),
            _n(
                "{n} day after it is sent, then the server deletes it.",
                "{n} days after it is sent, then the server deletes it.",
                days,
            ).format(n=days),
        ),
        (
            _(N_("who may see")),
            _(
                "You see your own answers. Your teacher sees the class's answers. On the projector, the class "
                "sees answers without names."
            ),
        ),
        (_(N_("outside sharing")), _("None: the answers stay on the class server.")),
        (
            _(N_("search logs")),
            _("Each time your teacher shows the names beside answers, the server logs it. You can see that log."),
        ),
        (_(N_("deleting")), _("Your teacher can delete all the class's answers in one step.")),
    ]


def policy_table(days: int | None = None) -> HTML:
    """The rules as a two-column table, the policy lab's terms in bold; every cell escaped."""
    # Imported here: tables brings pandas, and the hub's config imports this module at start-up for its days alone
    from platetrails.tables import text_table

    return HTML(text_table([_("rule"), _("what the class server does")], [list(r) for r in rules(days)], True))
