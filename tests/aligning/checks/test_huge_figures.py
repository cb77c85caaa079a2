"""Shares stay finite when revenue sums overflow a float (issue 14, numbers)."""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Mapping
from typing import Any

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.audit import run_check
from channelvalue.aligning.checks._common import fractions, group_fractions, shares
from channelvalue.aligning.registry import get_check


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Mapping):
        return all(_finite(v) for v in value.values())
    return True


def _huge(field: str, value: float) -> cv.ChannelNetwork:
    doc = json.loads(cv.io.dumps(cv.datasets.example()))

    def bump(x: Any) -> None:
        if isinstance(x, dict):
            for k, v in x.items():
                if k == field and isinstance(v, float | int) and not isinstance(v, bool):
                    x[k] = value
                else:
                    bump(v)
        elif isinstance(x, list):
            for v in x:
                bump(v)

    bump(doc)
    return cv.io.loads(json.dumps(doc))


def test_fractions_of_values_whose_sum_overflows() -> None:
    big = np.array([1.7e308, 1.7e308, 0.0, 8.5e307])
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        assert fractions(big).tolist() == [0.4, 0.4, 0.0, 0.2]
        assert shares(big, np.array([True, True, False, False])).tolist() == [0.5, 0.5, 0, 0]
        got = group_fractions(np.array([0, 0, 1, 1]), big, 3)
    assert got.tolist() == pytest.approx([0.8, 0.2, 0.0])
    assert fractions(np.zeros(3)).tolist() == [0.0, 0.0, 0.0]


@pytest.mark.parametrize(
    ("check", "field", "value"),
    [
        ("propositions.integrity", "revenue", 1e307),
        ("propositions.integrity", "revenue", 1.7e308),
        ("resources.alignment", "revenue", 1e307),
        ("resources.alignment", "amount", 1e306),
        ("reporting.manager_load", "revenue", 1e307),
        ("priorities.alignment", "revenue", 1e307),
        ("transparency.sell_through", "revenue", 1e307),
    ],
)
def test_checks_with_huge_figures_run_with_finite_evidence(
    check: str, field: str, value: float
) -> None:
    net = _huge(field, value)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        found = run_check(get_check(check), net, AuditConfig())
    assert not any("the check failed" in f.message for f in found), [f.message for f in found]
    assert all(_finite(dict(f.evidence)) for f in found)


def test_key_partners_are_still_found_when_revenue_sums_overflow() -> None:
    net = _huge("revenue", 1e307)
    partners = [o for o in net.organizations.values() if not o.owned]
    share = shares(np.array([o.revenue for o in partners]), np.ones(len(partners), dtype=np.bool_))
    assert share.sum() == pytest.approx(1.0)
    assert (share > 0).all()


def test_sell_through_coverage_is_reported_when_revenue_sums_overflow() -> None:
    # the share used to be NaN (inf / inf), so no finding was made, silently
    found = run_check(
        get_check("transparency.sell_through"), _huge("revenue", 1e307), AuditConfig()
    )
    [coverage] = [f for f in found if "covered_share" in f.evidence]
    assert 0 < coverage.evidence["covered_share"] < 1
    assert "partner_revenue" not in coverage.evidence  # too large for a float


def test_every_check_runs_on_the_example_with_revenues_at_the_float_limit() -> None:
    """Was: coverage.segments (revenue weights of routes) and engagement.fit (ABC shares)
    summed revenues near 1e307 to inf, so the checks failed with inf/inf = NaN."""
    import warnings

    import attrs

    from channelvalue.testing import network_items

    example = cv.datasets.example()
    huge = cv.ChannelNetwork(steward=example.steward_id, name="huge")
    huge.add_all(
        [
            attrs.evolve(i, revenue=1e307)
            if isinstance(i, cv.Organization) and i.id != example.steward_id
            else i
            for i in network_items(example)
        ]
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = cv.audit(huge)
    assert not [f for f in report if "check failed" in f.message]
    assert len(report.checks) >= 10
