"""Fictional licence plates: making them, misreading them like a camera does, and reading what a student types."""

from __future__ import annotations

import re

import numpy as np

from platetrails.i18n import _

LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"  # like many states, no I, O or Q on new plates
DIGITS = "0123456789"

# Characters that plate-reading software is known to confuse, both ways round.
CONFUSIONS = {
    "8": "B",
    "B": "8",
    "0": "O",
    "O": "0",
    "1": "I",
    "I": "1",
    "5": "S",
    "S": "5",
    "2": "Z",
    "Z": "2",
}
CONFUSABLE = set(CONFUSIONS)

PLATE_PATTERN = re.compile(r"^[A-Z0-9]{2,8}$")
# The form every plate in Alder Falls has (make_plates): a road sign read as a plate ("DETOUR") never has it.
TOWN_PLATE_FORM = re.compile(r"^[1-9][A-Z]{3}[0-9]{3}$")


def make_plates(rng: np.random.Generator, count: int) -> list[str]:
    """Draw distinct plates of the form 4KXT218 (digit, three letters, three digits).

    Each plate holds at least one character a camera can misread, so the misread
    rate in the data matches the rate the generator is asked for.
    """
    plates: list[str] = []
    seen: set[str] = set()
    while len(plates) < count:
        need = count - len(plates)
        first = rng.integers(1, 10, size=need)
        letters = rng.integers(0, len(LETTERS), size=(need, 3))
        digits = rng.integers(0, 10, size=(need, 3))
        for i in range(need):
            plate = str(first[i]) + "".join(LETTERS[j] for j in letters[i]) + "".join(DIGITS[j] for j in digits[i])
            if plate in seen or not CONFUSABLE.intersection(plate):
                continue
            seen.add(plate)
            plates.append(plate)
    return plates


def misread(plate: str, rng: np.random.Generator) -> str:
    """Swap one confusable character, as an optical character reader might (8 read as B, 0 as O...)."""
    spots = [i for i, ch in enumerate(plate) if ch in CONFUSIONS]
    if not spots:
        return plate
    i = spots[int(rng.integers(0, len(spots)))]
    return plate[:i] + CONFUSIONS[plate[i]] + plate[i + 1 :]


# The plate the messages give as an example: one the town's cameras read, of no case resident (a test checks both).
EXAMPLE_PLATE = "8TXT353"


def clean_plate(text: object) -> tuple[str | None, str]:
    """Turn what a student typed into a plate, or explain in one sentence what to fix.

    Returns (plate, "") when the text looks like a plate, else (None, message).
    Spaces, dashes and lower case are forgiven, since people type plates that way.
    """
    if text is None:
        return None, _("Type a plate, for example {example}.").format(example=EXAMPLE_PLATE)
    cleaned = re.sub(r"[\s\-·.]", "", str(text)).upper()
    if not cleaned:
        return None, _("The box is empty. Type a plate, for example {example}.").format(example=EXAMPLE_PLATE)
    if not cleaned.isascii() or not PLATE_PATTERN.match(cleaned):
        return None, _(
            "'{typed}' does not look like a plate. Plates here use 2 to 8 letters and digits, for example {example}."
        ).format(typed=str(text).strip()[:20], example=EXAMPLE_PLATE)
    return cleaned, ""
