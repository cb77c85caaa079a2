"""The message helpers shared by the built-in checks: amounts and plurals."""

from __future__ import annotations

from channelvalue.aligning.checks._common import money, plural


def test_money_scales_by_exact_powers_of_ten() -> None:
    assert (money(950), money(12_500), money(3_400_000), money(2e9)) == (
        "950",
        "12.5k",
        "3.4M",
        "2B",
    )
    # at a rounding boundary of 3 significant digits: 1.235 rounds up
    assert money(1_235_000) == "1.24M"
    assert money(1_235_000_000) == "1.24B"


def test_plural() -> None:
    assert (plural(1, "partner"), plural(0, "partner"), plural(1200, "cell")) == (
        "1 partner",
        "0 partners",
        "1,200 cells",
    )
