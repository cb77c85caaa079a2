"""Fixtures of the building tests: small hand-built networks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import channelvalue as cv


def _flow_net(*, margins: bool = False) -> cv.ChannelNetwork:
    """acme -> d -> r1, r2 -> segment s, with a flow table that leaves five flows unowned.

    Flow table of s (weights physical 0.5, promotion 0.3, negotiation 0.2):
      physical_possession: d 1.0 (clear)
      promotion:           acme 0.5, r1 0.5 (a tie: no clear primary)
      negotiation:         r1 0.45, r2 0.35, acme 0.2 (top below 0.5: no clear primary)
    """
    net = cv.ChannelNetwork(steward="acme", name="flows")
    items: list[cv.network.Item] = [
        cv.Organization("acme", role="vendor"),
        cv.Organization("d", role="distributor", revenue=1000),
        cv.Organization("r1", role="reseller", revenue=300),
        cv.Organization("r2", role="reseller", revenue=100),
        cv.Segment("s", size=10),
        cv.Supplies("acme", "d"),
        cv.Supplies("d", "r1"),
        cv.Supplies("d", "r2"),
        cv.Serves("r1", "s"),
        cv.Serves("r2", "s"),
        cv.FlowTable(
            "s",
            weights={"physical_possession": 0.5, "promotion": 0.3, "negotiation": 0.2},
            shares={
                "physical_possession": {"d": 1.0, "r2": 0.0},
                "promotion": {"acme": 0.5, "r1": 0.5},
                "negotiation": {"r1": 0.45, "r2": 0.35, "acme": 0.2},
            },
        ),
    ]
    if margins:
        items += [cv.Margin("s", "d", share=0.3), cv.Margin("s", "r1", share=0.5)]
    net.add_all(items)
    return net


def _revenue_net() -> cv.ChannelNetwork:
    """Three segments whose revenue comes from given and split Serves revenue.

    r1 (revenue 300) serves s1 with revenue 100 given and s2 without: s2 gets 300 / 2 = 150.
    r2 (revenue 50) serves only s2 without a figure: s2 gets 50. s3 has no partner.
    So s1 = 100, s2 = 200, s3 = 0 (sizes: s1 5, s2 1, s3 4).
    """
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("r1", role="reseller", revenue=300),
            cv.Organization("r2", role="retailer", revenue=50),
            cv.Segment("s1", size=5),
            cv.Segment("s2", size=1),
            cv.Segment("s3", size=4),
            cv.Supplies("v", "r1"),
            cv.Supplies("v", "r2"),
            cv.Serves("r1", "s1", revenue=100),
            cv.Serves("r1", "s2"),
            cv.Serves("r2", "s2"),
            cv.ValueProposition(
                "vp1", segment="s1", claim="Fast", evidence=[cv.Evidence("days", 1)]
            ),
        ]
    )
    return net


@pytest.fixture(scope="session")
def flow_net() -> Callable[..., cv.ChannelNetwork]:
    """``flow_net(margins=False)``: a fresh acme -> d -> r1, r2 -> s network whose flow table
    leaves five flows unowned (with margins of d and r1 if ``margins``); see ``_flow_net``."""
    return _flow_net


@pytest.fixture
def revenue_net() -> cv.ChannelNetwork:
    """Three segments whose revenue comes from given and split Serves revenue; see
    ``_revenue_net``."""
    return _revenue_net()
