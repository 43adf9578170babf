"""One rounding rule for every figure a student reads: halves round up, so 0.685 reads "69%" everywhere.

Python's own formatting (f"{68.5:.0f}") rounds halves to the even neighbour and binary floats land either
side of a half, so one figure could read 68% in one sentence and 69% in another. Every sentence, table and
headline row that shows a percentage goes through here instead (data/headline.csv's `shown` column too).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal


def half_up(value: float, decimals: int = 0) -> Decimal:
    """`value` rounded to `decimals` places, halves away from zero (read from its shortest repr, not its binary)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent_value(share: float, decimals: int = 0) -> Decimal:
    """A share (0.685) as the percentage students read (Decimal 69), for sentences that format it themselves."""
    return (Decimal(str(share)) * 100).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def percent(share: float, decimals: int = 0) -> str:
    """A share as students read it: "69%" (0.685), "24.5%" (0.245 with one decimal), never a trailing ".0"."""
    text = f"{percent_value(share, decimals):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + "%"


def whole(value: float) -> str:
    """A count as students read it, halves rounded up, with thousands separated: 24217.5 is "24,218"."""
    return f"{int(half_up(value)):,}"


def rounded_share(share: float, decimals: int = 0) -> Decimal:
    """A share rounded so that a sentence's own "{x:.0%}" shows it by the one rule (0.685 -> Decimal 0.69)."""
    return percent_value(share, decimals) / 100


def significant(value: float, digits: int = 2) -> str:
    """A measured quantity to `digits` significant figures, halves up, never in exponent form: 0.02561 is
    "0.026", 3.7592 is "3.8", 1.0 is "1", 153.4 is "150", 27836.2 is "28,000"."""
    if value == 0:
        return "0"
    decimals = digits - 1 - math.floor(math.log10(abs(value)))
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if decimals <= 0:
        return f"{int(rounded):,}"
    return f"{rounded:,f}".rstrip("0").rstrip(".")  # 1.0 reads "1", as Python's "g" format does
