"""Value propositions and key segments, by hand."""

from __future__ import annotations

import math
import sys

import pytest

import channelvalue as cv
from channelvalue.building import (
    key_segments,
    key_segments_without_proposition,
    proposition_matrix,
)
from channelvalue.errors import ValidationError


def test_proposition_matrix_of_the_example() -> None:
    m = proposition_matrix(cv.datasets.example())
    assert [(r.segment, r.proposition) for r in m.rows] == [
        ("enterprise", "vp-ent-secure"),
        ("home-office", "vp-home-shelf"),
        ("smb", "vp-smb-nextday"),
    ]
    smb = m.for_segment("smb")[0]
    assert smb.levers == ("lever-portal-deals", "lever-regional-stock")
    assert smb.owners == ("acme", "dist-north")
    assert smb.lever_owners == ("acme", "dist-north")
    assert smb.evidence == 2
    assert m.for_segment("home-office")[0].lever_owners == ()  # shelf kits has no owner
    assert m.uncovered == ("midmarket", "public")
    assert m.for_segment("public") == ()
    frame = m.to_frame()
    assert frame.loc[2, "levers"] == "lever-portal-deals, lever-regional-stock"
    assert proposition_matrix(cv.ChannelNetwork()).rows == ()


def test_key_segments_by_size_of_the_example() -> None:
    net = cv.datasets.example()
    # sizes: home-office 250000, smb 42000, midmarket 6500, public 1200, enterprise 900;
    # total 300600. 250000 / 300600 = 0.8317 >= 0.8
    k = key_segments(net)
    assert k.segments == ("home-office",)
    assert k.without_proposition == ()
    # 0.95: + smb -> 292000 / 300600 = 0.9714
    assert key_segments(net, share=0.95).segments == ("home-office", "smb")
    # 0.99: + midmarket -> 298500 / 300600 = 0.99301, and midmarket has no proposition
    k99 = key_segments(net, share=0.99)
    assert k99.segments == ("home-office", "smb", "midmarket")
    assert k99.cumulative["midmarket"] == pytest.approx(298500 / 300600)
    assert key_segments_without_proposition(net, share=0.99) == ("midmarket",)


def test_key_segments_by_revenue_by_hand(revenue_net: cv.ChannelNetwork) -> None:
    net = revenue_net
    # s1 = 100 (given), s2 = 300 / 2 + 50 = 200 (splits), s3 = 0; total 300
    k = key_segments(net, by="revenue")
    assert dict(k.values) == {"s1": 100.0, "s2": 200.0, "s3": 0.0}
    # s2 reaches 200 / 300 = 0.667 < 0.8, s1 brings it to 1.0
    assert k.segments == ("s2", "s1")
    assert k.without_proposition == ("s2",)
    assert key_segments(net, by="revenue", share=0.6).segments == ("s2",)
    # a segment worth nothing is never key, even for share 1
    assert key_segments(net, by="revenue", share=1.0).segments == ("s2", "s1")
    # by size: s1 5, s3 4, s2 1 of 10 -> s1 0.5, s3 0.9
    assert key_segments(net, share=0.8).segments == ("s1", "s3")
    frame = key_segments(net, by="revenue").to_frame()
    assert frame["segment"].tolist() == ["s2", "s1", "s3"]
    assert frame["cumulative"].tolist() == pytest.approx([2 / 3, 1.0, 1.0])
    assert frame["key"].tolist() == [True, True, False]
    assert repr(k) == "<KeySegments by revenue, share 0.8: s2, s1 (100.0 %)>"


def test_key_segments_with_nothing_to_share() -> None:
    net = cv.ChannelNetwork()
    net.add_all([cv.Segment("a"), cv.Segment("b")])
    k = key_segments(net)
    assert k.segments == ()
    assert repr(k) == "<KeySegments by size, share 0.8: none (0.0 %)>"


def test_errors() -> None:
    net = cv.datasets.example()
    for bad in (0, -0.5, 1.01, math.nan, "0.8", True):
        with pytest.raises(ValidationError) as err:
            key_segments(net, share=bad)  # type: ignore[arg-type]
        assert err.value.field == "share"
    with pytest.raises(ValidationError, match="one of 'size', 'revenue'"):
        key_segments(net, by="customers")
    with pytest.raises(ValidationError):
        key_segments_without_proposition(net, share=2)


def test_matrix_rows_carry_the_claim(revenue_net: cv.ChannelNetwork) -> None:
    net = cv.datasets.example()
    row = proposition_matrix(net).for_segment("smb")[0]
    assert row.claim == "Any Acme firewall on site next business day"
    assert row.claim == net.propositions["vp-smb-nextday"].claim
    assert proposition_matrix(revenue_net).rows[0].claim == "Fast"


def test_error_messages_name_the_argument() -> None:
    net = cv.datasets.example()
    with pytest.raises(ValidationError) as err:
        key_segments(net, share=1.01)
    assert str(err.value) == "key_segments.share: got 1.01 but expected a number in (0, 1]"
    with pytest.raises(ValidationError) as err:
        key_segments(net, by="customers")
    assert str(err.value) == (
        "key_segments.by: got 'customers' but expected one of 'size', 'revenue'"
    )


def test_a_zero_segment_stays_out_when_rounding_leaves_share_one_unreached() -> None:
    # one segment of 2**53 and 12000 of size 1: adding 1 to 2**53 rounds back to 2**53, so
    # the running total stays at 2**53 while the total is 2**53 + 12000; the cumulative
    # share never gets within 1e-12 of 1 and every segment is taken - but not "zero"
    net = cv.ChannelNetwork()
    ones = [cv.Segment(f"s{k:05d}", size=1) for k in range(12_000)]
    net.add_all([cv.Segment("big", size=2**53), cv.Segment("zero", size=0), *ones])
    k = key_segments(net, share=1.0)
    assert len(k.segments) == 12_001
    assert k.segments[0] == "big"
    assert "zero" not in k.segments
    assert k.cumulative[k.segments[-1]] < 1 - 1e-12


def test_frame_without_pandas_names_the_method(
    revenue_net: cv.ChannelNetwork, monkeypatch: pytest.MonkeyPatch
) -> None:
    k = key_segments(revenue_net)
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(cv.MissingDependencyError, match=r"^KeySegments\.to_frame\(\) needs"):
        k.to_frame()
