"""The plan objects: the flow table's members and weight tolerance."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.model import Flow, FlowTable


def test_flow_table_members_and_tolerance() -> None:
    # weights 0.1 + 0.2 + 0.7 are 0.99999999... in floats: within SHARE_TOLERANCE
    t = FlowTable(
        "smb",
        weights={"ordering": 0.1, "payment": 0.2, "promotion": 0.7},
        shares={
            "ordering": {"r": 1.0},
            "payment": {"d": 0.5, "r": 0.5},
            "promotion": {"v": 1.0},
        },
        costs={"ordering": {"d": 0.5}},
    )
    assert t.members == ("d", "r", "v")
    assert t.weights[Flow.PROMOTION] == 0.7
    # off by more than the tolerance: refused
    with pytest.raises(cv.ValidationError, match=r"sum to 1\.00001"):
        FlowTable("s", weights={"ordering": 1.00001}, shares={"ordering": {"r": 1.0}})
    # a zero weight needs no shares
    zero = FlowTable(
        "s", weights={"ordering": 1.0, "payment": 0.0}, shares={"ordering": {"r": 1.0}}
    )
    assert zero.members == ("r",)
