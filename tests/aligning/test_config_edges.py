"""AuditConfig: error messages that name the value and the choices; describe() text."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig


def _message(**kw: object) -> str:
    with pytest.raises(cv.ValidationError) as info:
        AuditConfig(**kw)  # type: ignore[arg-type]
    return str(info.value)


def test_mapping_errors_name_the_key_the_value_and_the_choices() -> None:
    assert _message(customers_per_partner={"giant": 5}) == (
        "AuditConfig.customers_per_partner: got 'giant' but expected keys among "
        "'consumer', 'default', 'enterprise', 'midmarket', 'smb'"
    )
    # a Band key is named by its value, like a string key
    assert _message(customers_per_partner={cv.Band.SMB: 0}) == (
        "AuditConfig.customers_per_partner['smb']: got 0 but expected a finite number > 0"
    )
    assert _message(tier_weights={"gold": -1}) == (
        "AuditConfig.tier_weights['gold']: got -1 but expected a finite number > 0"
    )


def test_a_policy_that_fails_to_build_keeps_the_reason() -> None:
    lazy = (int(q) for q in ["star"])  # raises ValueError only when EngagementPolicy reads it
    with pytest.raises(cv.ValidationError) as info:
        AuditConfig(engagement_policy={"step_up_quadrants": lazy})
    text = str(info.value)
    assert text.startswith("AuditConfig.engagement_policy: got {'step_up_quadrants': <generator")
    assert text.endswith(
        "but expected a valid EngagementPolicy (invalid literal for int() with base 10: 'star')"
    )


def test_from_dict_of_a_non_object_is_one_problem_at_the_root() -> None:
    with pytest.raises(cv.DocumentError) as info:
        AuditConfig.from_dict([1, 2])  # type: ignore[arg-type]
    assert [(p.path, p.message) for p in info.value.problems] == [
        ("$", "expected an object of settings, got list")
    ]


def test_describe_stops_before_the_example() -> None:
    described = AuditConfig.describe()
    # the last field: no text of the Example section, no trailing blank
    assert described["options"] == (
        "free-form numbers for your own checks (read them with ``config.options``)."
    )
    # a description over several lines is joined with single spaces
    assert described["manager_overload_error"] == (
        "... and at or above this ratio, the finding is an error."
    )
    assert described["max_subjects"] == (
        "at most this many ids are named in a finding about a group (a crowded "
        "cell lists its first partners by id)."
    )
