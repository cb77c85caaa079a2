"""propositions.integrity: fire, stay quiet, evidence by hand."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.checks.propositions import key_segments


def _segments() -> list[cv.Segment]:
    # sizes 900, 80, 20 of 1000: shares .9, .08, .02
    return [cv.Segment("a", size=900), cv.Segment("b", size=80), cv.Segment("c", size=20)]


@pytest.fixture
def fires(network) -> cv.ChannelNetwork:
    return network(
        *_segments(),
        cv.Lever("l1", acts_on="satisfaction", owners=["v"]),
        cv.Lever("l2", acts_on="satisfaction"),
        cv.ValueProposition(
            "vp-a",
            segment="a",
            claim="Fast",
            evidence=[cv.Evidence("speed", 1.0, source="ops")],
            levers=["l1"],
            owners=["v"],
        ),
        cv.ValueProposition("vp-c", segment="c", claim="Cheap", evidence=[cv.Evidence("p", 2)]),
    )


def test_key_segments_by_hand(fires: cv.ChannelNetwork) -> None:
    keys = key_segments(fires, AuditConfig(key_segment_cover=0.95))
    # a: nothing larger; b: a's 0.9 before it < 0.95; c: 0.98 before it
    assert keys == {"a": (0.9, 0.0), "b": (0.08, 0.0)}


def test_key_segment_by_revenue(network) -> None:
    net = network(
        *_segments(),
        cv.Organization("r", role="reseller", revenue=100.0),
        cv.Serves("r", "c"),
    )
    # c has 0.02 of size but all end-customer revenue
    assert key_segments(net, AuditConfig(key_segment_cover=0.95))["c"] == (0.02, 1.0)


def test_fires_with_hand_checked_evidence(run, fires: cv.ChannelNetwork) -> None:
    found = run("propositions.integrity", fires, key_segment_cover=0.95)
    got = [(f.severity.value, f.subjects, f.message.split(":")[0]) for f in found]
    assert got == [
        (
            "warning",
            ("b",),
            "key segment b (8.0% of segment size, 0.0% of end-customer revenue) "
            "has no value proposition",
        ),
        ("warning", ("vp-c", "c"), "vp-c (for c) names no lever that delivers it"),
        (
            "warning",
            ("vp-c", "c"),
            "vp-c (for c) backs its claim only with evidence that names no source",
        ),
        ("info", ("vp-c", "c"), "vp-c (for c) has no owner"),
        ("warning", ("l2",), "lever l2 has no owner"),
        ("warning", ("l1", "l2"), "every lever acts on satisfaction only"),
    ]
    assert dict(found[0].evidence) == {"size_share": 0.08, "revenue_share": 0.0}
    assert found[-1].evidence["levers"] == 2.0
    # shares: segment weights (size shares here, no revenue): b .08; vp-c's segment c .02;
    # l2 delivers no proposition: 0; the one-sided lever set: segments a and c, .92
    assert [f.share for f in found] == pytest.approx([0.08, 0.02, 0.02, 0.02, 0.0, 0.92])


def test_quiet(network, run) -> None:
    ev = [cv.Evidence("x", 1.0, source="s")]
    net = network(
        cv.Segment("a", size=1),
        cv.Lever("l1", acts_on="satisfaction", owners=["v"]),
        cv.Lever("l2", acts_on="efficiency", owners=["v"]),
        cv.ValueProposition("p", segment="a", claim="c", evidence=ev, levers=["l1"], owners=["v"]),
    )
    assert run("propositions.integrity", net) == []


def test_efficiency_only_levers(network, run) -> None:
    net = network(cv.Lever("l", acts_on="efficiency", owners=["v"]))
    [f] = run("propositions.integrity", net)
    assert f.message.startswith("every lever acts on efficiency only")


def test_no_plan_and_no_segments_is_quiet(run, network) -> None:
    assert run("propositions.integrity", network()) == []


def test_the_segment_that_crosses_the_cover_is_key_and_ties_are_alike(network) -> None:
    # sizes 98 and 2 of 100 (no revenue anywhere): 0.98 lies before b
    net = network(cv.Segment("a", size=98), cv.Segment("b", size=2))
    assert key_segments(net, AuditConfig(key_segment_cover=0.98)) == {"a": (0.98, 0.0)}
    assert set(key_segments(net, AuditConfig(key_segment_cover=0.99))) == {"a", "b"}
    tied = network(cv.Segment("a", size=50), cv.Segment("b", size=50))
    assert set(key_segments(tied, AuditConfig(key_segment_cover=0.1))) == {"a", "b"}
