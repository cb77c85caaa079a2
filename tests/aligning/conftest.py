"""Fixtures of the aligning tests: small hand-made networks and the helpers that run a check.

Each fixture returns a function (a fixture factory), since the tests build many networks of
their own. The functions hold no state, so the fixtures are session-scoped: hypothesis tests
(``@given``) can use them too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.authoring import get_check


def _network(*items: Any, steward: str = "v", **vendor: Any) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward=steward, name="test")
    net.add_all([cv.Organization(steward, role="vendor", owned=True, **vendor), *items])
    return net


def _reseller(ident: str, revenue: float = 0.0, **kw: Any) -> cv.Organization:
    return cv.Organization(ident, role="reseller", revenue=revenue, **kw)


def _run(check_id: str, net: cv.ChannelNetwork, **config: Any) -> list[cv.Finding]:
    return list(get_check(check_id)(net, AuditConfig(**config)))


def _by_subject(findings: list[cv.Finding]) -> dict[str, cv.Finding]:
    out = {f.subjects[0]: f for f in findings if f.subjects}
    assert len(out) == len([f for f in findings if f.subjects])
    return out


def _flow_network(table: cv.FlowTable, margins: dict[str, float]) -> cv.ChannelNetwork:
    return _network(
        cv.Organization("d", role="distributor"),
        _reseller("r", 10),
        cv.Segment("s"),
        cv.Supplies("v", "d"),
        cv.Supplies("d", "r"),
        cv.Serves("r", "s"),
        table,
        *[cv.Margin("s", m, share=x) for m, x in margins.items()],
    )


def _items_of(net: cv.ChannelNetwork) -> list[Any]:
    return [
        *net.organizations.values(),
        *net.segments.values(),
        *net.managers.values(),
        *net.links(),
        *net.levers.values(),
        *net.propositions.values(),
        *net.investments.values(),
        *net.margins.values(),
        *net.flow_tables.values(),
        *net.registry("account_list").values(),
    ]


@pytest.fixture(scope="session")
def network() -> Callable[..., cv.ChannelNetwork]:
    """``network(*items, steward="v", **vendor)``: a network named "test" whose steward (an
    owned vendor with the attributes ``vendor``) is added with ``items``."""
    return _network


@pytest.fixture(scope="session")
def reseller() -> Callable[..., cv.Organization]:
    """``reseller(ident, revenue=0.0, **kw)``: a reseller partner."""
    return _reseller


@pytest.fixture(scope="session")
def run() -> Callable[..., list[cv.Finding]]:
    """``run(check_id, net, **config)``: the findings of one check on ``net`` with an
    AuditConfig of ``config``."""
    return _run


@pytest.fixture(scope="session")
def by_subject() -> Callable[[list[cv.Finding]], dict[str, cv.Finding]]:
    """``by_subject(findings)``: findings keyed by their first subject (asserting there is one
    per subject)."""
    return _by_subject


@pytest.fixture(scope="session")
def flow_network() -> Callable[[cv.FlowTable, dict[str, float]], cv.ChannelNetwork]:
    """``flow_network(table, margins)``: the route v -> d -> r -> segment s, with ``table`` and
    a margin per member."""
    return _flow_network


@pytest.fixture(scope="session")
def items_of() -> Callable[[cv.ChannelNetwork], list[Any]]:
    """``items_of(net)``: every item of a network, in a fixed order (to re-add them in another
    order)."""
    return _items_of
