"""transparency.sell_through: fire, stay quiet, evidence by hand."""

from __future__ import annotations

import pytest

import channelvalue as cv


@pytest.fixture
def fires(network, reseller) -> cv.ChannelNetwork:
    return network(
        cv.Organization("d", role="distributor"),
        reseller("r1", 600),
        reseller("r2", 300),
        reseller("r3", 100),
        cv.Segment("s"),
        cv.Segment("t"),
        cv.Serves("r1", "s"),
        cv.Serves("r2", "s"),
        cv.Serves("r2", "t"),
        cv.Serves("r3", "s"),
        cv.SharesData("r1", "d", data=["sell_through"], interval_days=7),
        cv.SharesData("d", "v", data=["sell_through", "inventory"], interval_days=45),
        cv.SharesData("r2", "d", data=["inventory"], interval_days=7),  # no sell-through
    )


def test_fires_with_hand_checked_evidence(run, fires: cv.ChannelNetwork) -> None:
    found = run("transparency.sell_through", fires)
    kinds = {f.subjects: f for f in found}
    # end-customer revenue: r1 600, r2 150 + 150, r3 100 = 1000; only r1's sell-through
    # travels r1 -> d -> v: 600 / 1000 = 0.6 < 0.8
    share = kinds[("v",)]
    assert share.severity is cv.Severity.WARNING
    assert dict(share.evidence) == {
        "covered_share": 0.6,
        "covered_revenue": 600.0,
        "partner_revenue": 1000.0,
    }
    # its share: what partners with a feed fail to report (r2's 300; r3 has no feed and its
    # own finding): 0.3
    assert share.share == pytest.approx(0.3)
    # r3 shares nothing: 100 / 1000 = 0.1 of partner revenue; r1 and r2 bring 0.9 before
    # it, so at key_partner_cover 0.8 it is not a key partner: a warning
    missing = kinds[("r3",)]
    assert missing.severity is cv.Severity.WARNING
    assert dict(missing.evidence) == {"revenue": 100.0, "revenue_share": 0.1}
    assert missing.share == 0.1
    key = {f.subjects: f for f in run("transparency.sell_through", fires, key_partner_cover=1)}
    assert key[("r3",)].severity is cv.Severity.ERROR
    # d -> v refreshes every 45 days > 30
    stale = kinds[("d", "v")]
    assert stale.severity is cv.Severity.WARNING
    assert stale.evidence["interval_days"] == 45.0
    assert stale.evidence["max_interval_days"] == 30.0
    assert stale.share == 0.0  # d has no revenue of its own
    assert len(found) == 3


def test_thresholds_are_configurable(run, fires: cv.ChannelNetwork) -> None:
    found = run(
        "transparency.sell_through", fires, min_sell_through_share=0.5, max_feed_interval_days=60
    )
    assert [f.subjects for f in found] == [("r3",)]


def test_quiet(network, reseller, run) -> None:
    net = network(
        cv.Organization("d", role="distributor"),
        reseller("r1", 600),
        cv.Segment("s"),
        cv.Serves("r1", "s"),
        cv.SharesData("r1", "d", interval_days=7),
        cv.SharesData("d", "v", interval_days=30),
    )
    assert run("transparency.sell_through", net) == []


def test_owned_units_need_no_feed(network, run) -> None:
    net = network(cv.Organization("own", role="agent", owned=True, revenue=9.0))
    assert run("transparency.sell_through", net) == []
