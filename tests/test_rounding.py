"""The one rounding rule: halves up, and measured quantities never in exponent form."""

from __future__ import annotations

import pytest

from platetrails import rounding


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.02561, "0.026"),
        (3.7592, "3.8"),
        (1.25, "1.3"),
        (1.0, "1"),
        (0.0204, "0.02"),
        (153.4, "150"),
        (27836.2, "28,000"),
        (0.0, "0"),
    ],
)
def test_significant_figures_round_halves_up_and_never_use_an_exponent(value: float, shown: str) -> None:
    assert rounding.significant(value) == shown
    assert "e" not in rounding.significant(value * 1e6)


def test_a_share_reads_the_same_wherever_it_is_shown() -> None:
    assert rounding.percent(0.685) == "69%" and f"{rounding.rounded_share(0.685):.0%}" == "69%"
    assert rounding.percent(0.245, 1) == "24.5%" and rounding.whole(24217.5) == "24,218"
