"""resources.alignment: fire, stay quiet, evidence (ratios, Gini gap) by hand."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.metrics import concentration, gini


@pytest.fixture
def partners(reseller) -> list[cv.Organization]:
    """Four resellers a, b, c, d with revenue 400, 300, 200, 100."""
    return [
        reseller("a", 400, volume=400, velocity=0.5),
        reseller("b", 300, volume=300, velocity=0.1),
        reseller("c", 200, volume=200, velocity=0.0),
        reseller("d", 100, volume=100, velocity=0.0),
    ]


@pytest.fixture
def with_investments(
    network, partners: list[cv.Organization]
) -> Callable[[dict[str, float]], cv.ChannelNetwork]:
    """``with_investments(amounts)``: the four partners with an investment of ``amounts[k]``
    in each partner k."""

    def build(amounts: dict[str, float]) -> cv.ChannelNetwork:
        invest = [cv.Investment(f"i-{k}", recipient=k, amount=v) for k, v in amounts.items()]
        return network(*partners, *invest)

    return build


def test_gini_and_concentration_by_hand() -> None:
    x = np.array([100.0, 200.0, 300.0, 400.0])
    # sum i * x_i = 100 + 400 + 900 + 1600 = 3000; 2 * 3000 / (4 * 1000) - 5 / 4 = 0.25
    assert gini(x) == 0.25
    # resources ranked by revenue: 30, 20, 50, 0 -> 30 + 40 + 150 + 0 = 220
    # 2 * 220 / (4 * 100) - 1.25 = -0.15
    assert concentration(np.array([0.0, 50.0, 20.0, 30.0]), x[::-1].copy()) == -0.15
    assert gini(np.zeros(3)) == 0.0
    assert gini(np.array([])) == 0.0


def test_fires_with_hand_checked_evidence(run, with_investments, by_subject) -> None:
    # resources b 50, c 20, d 30 of 100; revenue shares .4 .3 .2 .1
    found = run("resources.alignment", with_investments({"b": 50, "c": 20, "d": 30}))
    by = by_subject(found)
    # volume quantiles over 100..400: q0.8 = 340, q0.5 = 250
    # a: volume 400 >= 340, velocity .5 >= .2, ratio 0 / .4 = 0 < .5: starved, key: error
    assert by["a"].severity is cv.Severity.ERROR
    assert by["a"].evidence["ratio"] == 0.0
    assert by["a"].evidence["revenue_share"] == 0.4
    assert "fast mover" in by["a"].message
    # d: volume 100 <= 250, velocity 0 <= .05, ratio .3 / .1 = 3 > 2: over-funded
    assert by["d"].severity is cv.Severity.WARNING
    assert by["d"].evidence["ratio"] == 3.0
    assert by["d"].evidence["resources"] == 30.0
    # c: small and slow but ratio .2 / .2 = 1: fine; b: neither fast nor small
    assert "c" not in by
    assert "b" not in by
    # Gini of revenue .25; resources along revenue -.15; gap .4 > .25
    gap = by["v"]
    assert gap.severity is cv.Severity.WARNING
    assert dict(gap.evidence) == pytest.approx(
        {
            "gini_revenue": 0.25,
            "gini_resources": 0.4,  # sorted 0, 20, 30, 50: 2*330/400 - 1.25
            "resource_concentration": -0.15,
            "gini_gap": 0.4,
        }
    )


def test_quiet_when_resources_follow_revenue(run, with_investments) -> None:
    assert run("resources.alignment", with_investments({"a": 40, "b": 30, "c": 20, "d": 10})) == []


def test_quiet_without_investments_in_partners(
    network, partners: list[cv.Organization], run
) -> None:
    lever = cv.Lever("l", owners=["v"])
    net = network(*partners, lever, cv.Investment("i", recipient="l", amount=99))
    assert run("resources.alignment", net) == []


def test_partner_with_no_revenue_has_no_ratio(network, reseller, run) -> None:
    net = network(
        reseller("z", 0), reseller("y", 100, volume=50), cv.Investment("i", recipient="z", amount=5)
    )
    [over] = [f for f in run("resources.alignment", net) if f.subjects == ("z",)]
    assert "ratio" not in over.evidence
    assert "no revenue" in over.message


@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=30))
def test_gini_in_unit_interval_and_equals_self_concentration(xs: list[float]) -> None:
    x = np.array(xs)
    g = gini(x)
    assert 0.0 <= g <= 1.0
    assert -1.0 <= concentration(x, -x) <= 1.0
