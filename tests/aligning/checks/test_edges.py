"""Edges of the built-in checks: cells of partners with no regions, thresholds at the
boundary, summary findings, message wording, and the amount formatting of messages."""

from __future__ import annotations

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.checks._common import money, plural
from channelvalue.aligning.checks.propositions import key_segments

from ..aligning_nets import flow_network, network, reseller, run

# ----------------------------------------------------------------- conflict.overlap


def test_partners_with_no_regions_sit_in_every_region_of_the_segment() -> None:
    # 1000 customers over 2 regions: 500 per cell, smb capacity 500 -> 1 partner per cell;
    # a and b list no region, so each sits in both cells: 2 > 1 (not > 2) -> 2 warnings
    seg = cv.Segment("s", size=1000, band="smb", regions=["n", "south"])
    net = network(seg, reseller("a"), reseller("b"), cv.Serves("a", "s"), cv.Serves("b", "s"))
    found = run("conflict.overlap", net)
    assert [(f.severity.value, f.subjects) for f in found] == [
        ("warning", ("s", "a", "b")),
        ("warning", ("s", "a", "b")),
    ]
    assert [f.message.split(", which")[0] for f in found] == [
        "2 partners compete for s in n / any vertical",
        "2 partners compete for s in south / any vertical",
    ]


def test_partners_with_no_verticals_sit_in_every_vertical_of_the_segment() -> None:
    seg = cv.Segment("s", size=1000, band="smb", verticals=["health", "retail"])
    net = network(seg, reseller("a"), reseller("b"), cv.Serves("a", "s"), cv.Serves("b", "s"))
    assert [f.message.split(", which")[0] for f in run("conflict.overlap", net)] == [
        "2 partners compete for s in any region / health",
        "2 partners compete for s in any region / retail",
    ]


def test_direct_sale_beside_several_partners_says_partners() -> None:
    seg = cv.Segment("s", size=10_000)  # supports 20 partners: no crowding
    net = network(
        seg,
        reseller("a"),
        reseller("b"),
        cv.Serves("a", "s"),
        cv.Serves("b", "s"),
        cv.Serves("v", "s", revenue=5.0),
    )
    [f] = run("conflict.overlap", net)
    assert f.subjects == ("v", "s", "a", "b")
    assert f.message.startswith(
        "v (the steward's own) sells direct to s in any region / any vertical beside "
        "2 partners: agree rules of engagement"
    )


# ----------------------------------------------------------------- compensation.equity


def _equity(margins: dict[str, float], **config: object) -> list[cv.Finding]:
    # normative shares by hand: v .5, r .3, d .2
    table = cv.FlowTable(
        "s",
        weights={"promotion": 0.5, "negotiation": 0.3, "physical_possession": 0.2},
        shares={
            "promotion": {"v": 1.0},
            "negotiation": {"r": 1.0},
            "physical_possession": {"d": 1.0},
        },
    )
    return run("compensation.equity", flow_network(table, margins), **config)


def test_a_gap_between_two_and_three_tolerances_is_an_error() -> None:
    # v: .62 - .5 = +.12 > 2 x .05 -> error; r: .2 - .3 = -.1 = 2 x .05 -> a warning only
    # d: .18 - .2 = -.02 within .05 -> quiet
    found = _equity({"v": 0.62, "r": 0.2, "d": 0.18})
    assert [(f.subjects[0], f.severity.value, f.evidence["gap"]) for f in found] == [
        ("v", "error", 0.12),
        ("r", "warning", -0.1),
    ]


def test_members_beyond_the_cap_are_summarised_by_segment() -> None:
    # gaps +.3 (v), -.15 (d), -.15 (r): all errors; one listed, two summarised
    found = _equity({"v": 0.8, "r": 0.15, "d": 0.05}, max_findings_per_kind=1)
    assert [f.subjects for f in found] == [("v", "s"), ()]
    assert found[1].message == (
        "2 more members of s with inequitable margins (error) are not listed; "
        "raise AuditConfig.max_findings_per_kind"
    )


def test_a_table_member_off_every_route_is_named_in_the_message() -> None:
    table = cv.FlowTable("s", weights={"promotion": 1.0}, shares={"promotion": {"v": 1, "x": 0}})
    net = network(
        reseller("r"),
        reseller("x"),
        cv.Segment("s"),
        cv.Supplies("v", "r"),
        cv.Serves("r", "s"),
        table,
        cv.Margin("s", "v", share=1.0),
    )
    note = run("compensation.equity", net)[0]
    assert note.message == (
        "the flow table of s names x that no route to the segment passes through: correct the table"
    )


# ----------------------------------------------------------------- coverage.segments


def test_an_unreached_segment_nobody_serves_mentions_no_partners() -> None:
    net = network(cv.Segment("s", size=70))
    [f] = run("coverage.segments", net)
    assert f.message == (
        "no route from v reaches s (size 70): recruit or supply a partner that serves it"
    )
    assert dict(f.evidence) == {"size": 70.0, "unrouted_partners": 0.0}


# ----------------------------------------------------------------- propositions


def test_a_segment_exactly_at_the_key_share_is_key() -> None:
    # sizes 98 and 2 of 100: b has exactly the 0.02 threshold (no revenue anywhere)
    net = network(cv.Segment("a", size=98), cv.Segment("b", size=2))
    assert key_segments(net, AuditConfig(key_segment_share=0.02)) == {
        "a": (0.98, 0.0),
        "b": (0.02, 0.0),
    }


# ----------------------------------------------------------------- message helpers


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
