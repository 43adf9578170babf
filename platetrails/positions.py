"""The spectrum of positions a student can take on plate readers, from using them freely to a ban, and how
many pieces of evidence a stand uses. Each middle position is spelled out, so a student picks a rule, not a mood.
"""

from __future__ import annotations

from platetrails.i18n import N_, _

FEWEST, MOST = 2, 3  # pieces of evidence a stand should use

# The spectrum, from one end to the other. Each middle position is spelled out, so a student picks a rule,
# not a mood.
POSITIONS = {
    "use_freely": (
        N_("Use them freely"),
        N_(
            "Police may read any plate, keep the reads as long as they find them useful, and share them with "
            "other agencies, ICE included."
        ),
    ),
    "use_with_rules": (
        N_("Use them, with public rules"),
        N_(
            "Readers stay, but reads are kept for a set time (such as a year), every search is logged, and there "
            "is a yearly public report."
        ),
    ),
    "strict_limits": (
        N_("Use them under strict limits"),
        N_(
            "Reads that are not hits are kept for days or weeks, not years. Each search needs a case number. "
            "Sharing with other agencies needs a court order or a vote of the town."
        ),
    ),
    "alerts_only": (
        N_("Hot-list alerts only"),
        N_(
            "Readers may check plates against a list of stolen or wanted cars, but every read that is not a hit "
            "is deleted within minutes. No history is kept."
        ),
    ),
    "ban": (
        N_("Ban them"),
        N_("No government plate readers, and no buying access to private plate databases."),
    ),
}
SPECTRUM_WORDS = {
    "use_freely": N_("Use\nfreely"),
    "use_with_rules": N_("Use with\npublic rules"),
    "strict_limits": N_("Strict\nlimits"),
    "alerts_only": N_("Alerts\nonly"),
    "ban": N_("Ban\nthem"),
}


def position_label(position: str) -> str:
    return _(POSITIONS[position][0]) if position in POSITIONS else ""


def position_text(position: str) -> str:
    return _(POSITIONS[position][1]) if position in POSITIONS else ""
