"""Pins of ``mapping.efficiency``: normative shares normalised exactly, frames without
margins, and the refusals word for word."""

from __future__ import annotations

import math
import sys
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.errors import ChannelValueError, MissingDependencyError
from channelvalue.mapping import efficiency_from_table, segment_efficiency
from channelvalue.model import FlowTable


def off_route_net() -> cv.ChannelNetwork:
    """``v -> r -> s``; ``x`` serves ``s`` but nobody supplies it; ``y`` serves nothing."""
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("r", role="reseller"),
            cv.Organization("x", role="reseller"),
            cv.Organization("y", role="reseller"),
            cv.Segment("s"),
            cv.Supplies("v", "r"),
            cv.Serves("r", "s"),
            cv.Serves("x", "s"),
            FlowTable(
                "s",
                weights={"promotion": 1.0},
                shares={"promotion": {"v": 0.5, "x": 0.25, "y": 0.25}},
            ),
        ]
    )
    return net


def test_normative_shares_are_divided_by_their_total() -> None:
    # weights sum to 1.0000005 (inside the FlowTable tolerance): shares are rescaled
    t = FlowTable(
        "smb",
        weights={"physical_possession": 0.6, "promotion": 0.4000005},
        shares={"physical_possession": {"dist": 1.0}, "promotion": {"acme": 0.5, "r1": 0.5}},
    )
    e = efficiency_from_table(t)
    total = 1.0000005
    assert e.normative_share["dist"] == pytest.approx(0.6 / total, rel=1e-14)
    assert e.normative_share["acme"] == pytest.approx(0.20000025 / total, rel=1e-14)
    assert math.fsum(e.normative_share.values()) == pytest.approx(1.0, abs=1e-14)
    assert e.actual_share is None
    assert e.share_gap is None


def test_frame_without_margins_has_nan_actuals() -> None:
    t = FlowTable("smb", weights={"promotion": 1.0}, shares={"promotion": {"a": 0.75, "b": 0.25}})
    frame = efficiency_from_table(t).to_frame()
    assert frame["member"].tolist() == ["a", "b"]
    assert frame["normative_share"].tolist() == [0.75, 0.25]
    assert all(math.isnan(v) for v in frame["actual_share"].tolist())
    assert all(math.isnan(v) for v in frame["share_gap"].tolist())


def test_frame_with_margins() -> None:
    t = FlowTable("smb", weights={"promotion": 1.0}, shares={"promotion": {"a": 0.75, "b": 0.25}})
    frame = efficiency_from_table(t, {"a": 0.5, "c": 0.25}).to_frame()
    assert frame["member"].tolist() == ["a", "b", "c"]  # c: no normative share
    assert frame["normative_share"].tolist() == [0.75, 0.25, 0.0]
    assert frame["actual_share"].tolist() == [0.5, 0.0, 0.25]
    assert frame["share_gap"].tolist() == [-0.25, -0.25, 0.25]


def test_off_route_members_refused_word_for_word() -> None:
    with pytest.raises(ChannelValueError) as err:
        segment_efficiency(off_route_net(), "s")
    assert str(err.value) == (
        "FlowTable['s'].members: got ['x', 'y'] but expected organizations on a route of "
        "segment 's' (steward -> supplies -> a partner that serves it)"
    )


@pytest.mark.parametrize(
    ("margins", "message"),
    [
        ({"": 0.1}, "margins.member: got '' but expected a non-empty member id"),
        ({"v": 2}, "margins.['v']: got 2 but expected a share in [0, 1]"),
        ({"v": True}, "margins.['v']: got True but expected a share in [0, 1]"),
        (
            [cv.Margin("other", "v", share=0.1)],
            "Margin.segment: got 'other' but expected the flow table's segment 's'",
        ),
        (
            [3],
            "efficiency_from_table.margins: got 3 (int) but expected Margin objects or a "
            "mapping member -> share",
        ),
        (
            "abc",
            "efficiency_from_table.margins: got 'abc' (str) but expected Margin objects or a "
            "mapping member -> share",
        ),
        (
            [cv.Margin("s", "v", share=0.1), cv.Margin("s", "v", share=0.2)],
            "margins.member: got 'v' but expected one margin per member",
        ),
    ],
)
def test_margin_refusals_word_for_word(margins: Any, message: str) -> None:
    table = off_route_net().flow_tables["s"]
    with pytest.raises(ChannelValueError) as err:
        efficiency_from_table(table, margins)
    assert str(err.value) == message


def test_other_refusals_word_for_word() -> None:
    with pytest.raises(ChannelValueError) as err:
        efficiency_from_table(3)  # type: ignore[arg-type]
    assert str(err.value) == "efficiency_from_table.table: got 3 (int) but expected a FlowTable"
    with pytest.raises(ChannelValueError) as err:
        segment_efficiency(cv.datasets.example(), "public")
    assert str(err.value) == (
        "segment_efficiency: unknown flow table id 'public' (add a FlowTable for it)"
    )


@pytest.mark.parametrize("name", ["to_frame", "supply_frame"])
def test_frames_without_pandas_name_the_call(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    e = segment_efficiency(cv.datasets.example(), "smb")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingDependencyError) as err:
        getattr(e, name)()
    assert str(err.value) == (
        f"EfficiencyTemplate.{name}() needs the optional dependency 'pandas': "
        "pip install 'channelvalue[pandas]'"
    )
