"""Compensation: margins by normative profit share, next to actual margins, by hand."""

from __future__ import annotations

import math

import pytest

import channelvalue as cv
from channelvalue.building import CompensationTable, compensation
from channelvalue.errors import UnknownIdError, ValidationError


def test_example_smb_by_hand() -> None:
    # normative shares (weights x shares of the smb flow table):
    #   acme       financing 0.15 x 0.2 + promotion 0.15 x 0.6 = 0.03 + 0.09 = 0.12
    #   dist-north 0.15 x 0.8 + ownership 0.1 x 0.5 + payment 0.1 x 0.6
    #              + physical 0.25 x 0.7 + risking 0.1 x 0.4 = 0.445
    #   res-07 = res-13 = 0.05 + 0.025 + 0.025 + 0.02 + 0.0375 + 0.03 + 0.03 = 0.2175
    # actual margins: acme 0.3, dist-north 0.22, res-07 0.3, res-13 0.18
    t = compensation(cv.datasets.example(), "smb", channel_margin=1_000_000)
    got = {r.member: (r.proposed, r.actual, r.change) for r in t.rows}
    expected = {
        "acme": (120_000, 300_000, -180_000),
        "dist-north": (445_000, 220_000, 225_000),
        "res-07": (217_500, 300_000, -82_500),
        "res-13": (217_500, 180_000, 37_500),
    }
    assert got.keys() == expected.keys()
    for member, values in expected.items():
        assert got[member] == pytest.approx(values)
    assert t.row("dist-north").role == "distributor"
    assert t.row("acme").normative_share == pytest.approx(0.12)
    assert t.total_proposed == pytest.approx(1_000_000)
    assert t.total_actual == pytest.approx(1_000_000)  # the example's margins sum to 1
    frame = t.to_frame()
    assert frame["member"].tolist() == ["acme", "dist-north", "res-07", "res-13"]
    assert frame["change"].sum() == pytest.approx(0.0)


def test_members_without_margin_and_no_margins_at_all(flow_net) -> None:
    # normative: acme 0.3 x 0.5 + 0.2 x 0.2 = 0.19; d 0.5; r1 0.3 x 0.5 + 0.2 x 0.45 = 0.24;
    # r2 0.2 x 0.35 = 0.07; with a margin of 200: 38, 100, 48, 14
    bare = compensation(flow_net(), "s", channel_margin=200)
    assert {r.member: r.proposed for r in bare.rows} == pytest.approx(
        {"acme": 38.0, "d": 100.0, "r1": 48.0, "r2": 14.0}
    )
    assert all(r.actual == 0.0 for r in bare.rows)
    # margins d 0.3 and r1 0.5 (acme and r2 have none: 0): actual 60, 100; total 160
    paid = compensation(flow_net(margins=True), "s", channel_margin=200)
    assert {r.member: r.actual for r in paid.rows} == pytest.approx(
        {"acme": 0.0, "d": 60.0, "r1": 100.0, "r2": 0.0}
    )
    assert paid.row("r1").change == pytest.approx(48 - 100)
    assert paid.total_actual == pytest.approx(160.0)
    assert repr(paid) == "<CompensationTable 's': margin 200 over 4 members; largest change r1 -52>"
    assert compensation(flow_net(), "s", channel_margin=0).total_proposed == 0.0


def test_errors() -> None:
    net = cv.datasets.example()
    for bad in (-1, math.nan, math.inf, "100", None, True):
        with pytest.raises(ValidationError) as err:
            compensation(net, "smb", channel_margin=bad)  # type: ignore[arg-type]
        assert err.value.field == "channel_margin"
    with pytest.raises(UnknownIdError, match="'nope'"):
        compensation(net, "nope", channel_margin=1)
    with pytest.raises(UnknownIdError, match="flow table"):
        compensation(net, "public", channel_margin=1)
    with pytest.raises(UnknownIdError, match="'ghost'"):
        compensation(net, "smb", channel_margin=1).row("ghost")


def test_margin_error_message() -> None:
    with pytest.raises(ValidationError) as err:
        compensation(cv.datasets.example(), "smb", channel_margin=-1)
    assert str(err.value) == "compensation.channel_margin: got -1 but expected a finite number >= 0"


def test_repr_of_a_table_without_rows() -> None:
    # a flow table always has members, but the class is public: no rows, no largest change
    empty = CompensationTable(segment="s", channel_margin=1500.0, rows=())
    assert repr(empty) == "<CompensationTable 's': margin 1,500 over 0 members>"
    assert empty.total_proposed == 0.0
