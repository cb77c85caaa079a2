"""engagement.fit: fire, stay quiet, evidence by hand (built on channelvalue.mapping)."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.mapping import EngagementPolicy


@pytest.fixture
def engagement_net(network, reseller) -> cv.ChannelNetwork:
    # revenue 90, 10, 0 of 100; the share of the partners *before* each: 0, .9, 1.0
    # -> ABC classes A, B, C -> dedicated, pooled, self_service (volume and velocity are
    # all 0, so every partner is in the 'tail' quadrant: no step up)
    return network(
        reseller("big", 90, engagement="self_service"),
        reseller("small", 10, engagement="dedicated"),
        reseller("new", 0),
        cv.Organization("own", role="agent", owned=True, engagement="self_service"),
    )


def test_engagement_fires_with_hand_checked_evidence(
    by_subject, run, engagement_net: cv.ChannelNetwork
) -> None:
    by = by_subject(run("engagement.fit", engagement_net))
    assert set(by) == {"big", "small", "new"}  # the owned unit is not judged
    assert by["big"].severity is cv.Severity.ERROR  # under-served key partner (0.9)
    assert dict(by["big"].evidence) == {
        "revenue": 90.0,
        "revenue_share": 0.9,
        "current_level": 0.0,
        "recommended_level": 2.0,
    }
    assert "step up coverage" in by["big"].message
    assert by["small"].severity is cv.Severity.WARNING  # over-served: dedicated vs pooled
    assert by["small"].evidence["current_level"] == 2.0
    assert by["small"].evidence["recommended_level"] == 1.0
    assert by["new"].severity is cv.Severity.INFO  # no model recorded
    assert by["new"].evidence["current_level"] == -1.0


def test_engagement_policy_comes_from_the_config(run, engagement_net: cv.ChannelNetwork) -> None:
    policy = EngagementPolicy(by_class={"A": "self_service", "B": "dedicated", "C": "pooled"})
    found = run("engagement.fit", engagement_net, engagement_policy=policy)
    assert [f.subjects for f in found] == [("new",)]  # big and small now fit


def test_engagement_quiet(network, reseller, run) -> None:
    net = network(
        reseller("big", 90, engagement="dedicated"), reseller("small", 10, engagement="pooled")
    )
    assert run("engagement.fit", net) == []


def test_engagement_without_steward_or_models_is_not_assessed(run) -> None:
    assert run("engagement.fit", cv.ChannelNetwork()) == []
    report = cv.audit(cv.ChannelNetwork(), checks=["engagement"])
    assert report.not_assessed == {"engagement.fit": "no steward is set"}
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor"), cv.Organization("r", role="reseller")])
    report = cv.audit(net, checks=["engagement"])
    assert report.not_assessed == {"engagement.fit": "no partner has an engagement model recorded"}
    assert report.score is None
