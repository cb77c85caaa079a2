"""Every value an AuditConfig accepts works in every built-in check (issue 14, numbers)."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.audit import run_check
from channelvalue.aligning.registry import get_check, registered

EXAMPLE = cv.datasets.example()

unit = st.floats(0.0, 1.0)
positive = st.one_of(
    st.floats(min_value=5e-324, max_value=1e308),
    st.sampled_from([5e-324, 1e-300, 1e-9, 1.0, 1e9, 1e300, 1.7976931348623157e308]),
)
nonneg = st.one_of(st.just(0.0), positive)
finite = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([-1.7976931348623157e308, -1.0, 0.0, 1.0, 1.7976931348623157e308]),
)


@st.composite
def configs(draw: st.DrawFn) -> AuditConfig:
    fast, slow = sorted([draw(finite), draw(finite)], reverse=True)
    load, overload = sorted([draw(positive), draw(positive)])
    a = draw(st.floats(0.0, 1.0, exclude_min=True, exclude_max=True))
    b = draw(st.floats(a, 1.0, exclude_min=True))
    if not a < b:
        a, b = 0.5, 1.0
    return AuditConfig(
        max_subjects=draw(st.integers(1, 10**30)),
        key_partner_cover=draw(unit),
        tier_weights={
            t: draw(st.floats(5e-324, 1e6)) for t in ("platinum", "gold", "silver", "registered")
        },
        max_manager_load=load,
        manager_overload_error=overload,
        min_priority_overlap=draw(unit),
        max_misaligned_revenue_share=draw(unit),
        abc_thresholds=(a, b),
        fast_volume_quantile=draw(unit),
        fast_velocity=fast,
        small_volume_quantile=draw(unit),
        slow_velocity=slow,
        starved_ratio=draw(nonneg),
        overfunded_ratio=draw(positive),
        max_gini_gap=draw(nonneg),
        margin_tolerance=draw(unit),
        service_tolerance=draw(st.floats(0.0, 1.0, exclude_max=True)),
        customers_per_partner={k: draw(positive) for k in ("consumer", "smb", "default")},
        min_sell_through_share=draw(unit),
        max_feed_interval_days=draw(positive),
        key_segment_cover=draw(unit),
        options={"x": draw(nonneg)},
    )


def _finite(value: Any) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, Mapping):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list | tuple):
        return all(_finite(v) for v in value)
    return True


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs())
def test_every_accepted_config_runs_every_check(config: AuditConfig) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        for check in registered():
            for f in run_check(get_check(check), EXAMPLE, config):
                assert "the check failed" not in f.message, (check, f.message)
                assert _finite(dict(f.evidence)), (check, f.evidence)
        report = cv.aligning.audit(EXAMPLE, config=config)
    assert 0.0 <= report.score <= 100.0


@pytest.mark.parametrize("value", [1.0, 1, 1.5])
def test_service_tolerance_of_one_is_refused(value: float) -> None:
    with pytest.raises(cv.ValidationError, match=r"service_tolerance.*\[0, 1\)"):
        AuditConfig(service_tolerance=value)
    with pytest.raises(cv.DocumentError, match=r"\$\.service_tolerance"):
        AuditConfig.from_dict({"service_tolerance": value})


def test_service_tolerance_just_below_one_works() -> None:
    config = AuditConfig(service_tolerance=math.nextafter(1.0, 0.0))
    findings = run_check(get_check("coverage.segments"), EXAMPLE, config)
    assert not any("the check failed" in f.message for f in findings)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"fast_velocity": -1}, "fast_velocity"),
        ({"slow_velocity": 1}, "slow_velocity"),
        ({"max_manager_load": 3}, "max_manager_load"),
        ({"manager_overload_error": 0.5}, "manager_overload_error"),
    ],
)
def test_a_cross_field_rule_names_the_field_that_was_set(data: dict[str, Any], field: str) -> None:
    with pytest.raises(cv.DocumentError) as info:
        AuditConfig.from_dict(data)
    assert [p.path for p in info.value.problems] == [f"$.{field}"]
    with pytest.raises(cv.ValidationError) as err:
        AuditConfig(**data)
    assert err.value.field == field
