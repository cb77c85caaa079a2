"""Pins of ``mapping.policy``: every refusal of ``EngagementPolicy`` names object, field,
value and what is valid, word for word."""

from __future__ import annotations

from typing import Any

import pytest

from channelvalue.errors import ValidationError
from channelvalue.mapping import EngagementPolicy
from channelvalue.model.enums import EngagementModel, Role

MODELS = "'dedicated', 'pooled', 'self_service'"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"by_class": {"A": "dedicated"}},
            "EngagementPolicy.by_class: got {'A': 'dedicated'} but expected a mapping with "
            "keys 'A', 'B' and 'C'",
        ),
        (
            {"by_class": {"A": "x", "B": "pooled", "C": "pooled"}},
            f"EngagementPolicy.by_class['A']: got 'x' but expected one of {MODELS}",
        ),
        (
            {"by_role": 3},
            "EngagementPolicy.by_role: got 3 but expected a mapping role -> model",
        ),
        (
            {"by_role": {"reseller": "bogus"}},
            f"EngagementPolicy.by_role['reseller']: got 'bogus' but expected one of {MODELS}",
        ),
        (
            {"by_role": {"king": "pooled"}},
            "EngagementPolicy.by_role: got 'king' but expected roles among 'vendor', "
            "'distributor', 'reseller', 'msp', 'system_integrator', 'retailer', 'agent', "
            "'marketplace', 'logistics', 'other'",
        ),
        (
            {"step_up_quadrants": "star"},
            "EngagementPolicy.step_up_quadrants: got 'star' but expected a list of "
            "('star', 'core', 'emerging', 'tail')",
        ),
        (
            {"step_up_quadrants": ["nope"]},
            "EngagementPolicy.step_up_quadrants: got 'nope' but expected one of 'star', "
            "'core', 'emerging', 'tail'",
        ),
        (
            {"step_up_focus": 3},
            "EngagementPolicy.step_up_focus: got 3 but expected a list of ('consumer', "
            "'smb', 'midmarket', 'enterprise', 'mixed', 'none')",
        ),
        (
            {"step_up_focus": ["smb", "galaxy"]},
            "EngagementPolicy.step_up_focus: got 'galaxy' but expected one of 'consumer', "
            "'smb', 'midmarket', 'enterprise', 'mixed', 'none'",
        ),
    ],
)
def test_refusals_word_for_word(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as err:
        EngagementPolicy(**kwargs)
    assert str(err.value) == message


def test_defaults_and_conversions() -> None:
    p = EngagementPolicy()
    assert dict(p.by_class) == {
        "A": EngagementModel.DEDICATED,
        "B": EngagementModel.POOLED,
        "C": EngagementModel.SELF_SERVICE,
    }
    assert p.step_up_quadrants == ("star",)
    assert p.step_up_focus == ("enterprise",)
    assert dict(p.by_role) == {Role.DISTRIBUTOR: EngagementModel.DEDICATED}
    q = EngagementPolicy(
        step_up_quadrants=["tail", "star", "tail"], step_up_focus=("smb", "consumer")
    )
    assert q.step_up_quadrants == ("star", "tail")  # sorted, without repeats
    assert q.step_up_focus == ("consumer", "smb")
    assert dict(EngagementPolicy(by_role={"msp": "pooled"}).by_role) == {
        Role.MSP: EngagementModel.POOLED
    }
