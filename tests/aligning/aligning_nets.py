"""Small hand-made networks and helpers shared by the aligning tests."""

from __future__ import annotations

from typing import Any

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.authoring import get_check


def network(*items: Any, steward: str = "v", **vendor: Any) -> cv.ChannelNetwork:
    """A network whose steward ``v`` (an owned vendor) is added with ``items``."""
    net = cv.ChannelNetwork(steward=steward, name="test")
    net.add_all([cv.Organization(steward, role="vendor", owned=True, **vendor), *items])
    return net


def run(check_id: str, net: cv.ChannelNetwork, **config: Any) -> list[cv.Finding]:
    """The findings of one check on ``net`` with an AuditConfig of ``config``."""
    return list(get_check(check_id)(net, AuditConfig(**config)))


def by_subject(findings: list[cv.Finding]) -> dict[str, cv.Finding]:
    """Findings keyed by their first subject (asserting there is one per subject)."""
    out = {f.subjects[0]: f for f in findings if f.subjects}
    assert len(out) == len([f for f in findings if f.subjects])
    return out


def reseller(ident: str, revenue: float = 0.0, **kw: Any) -> cv.Organization:
    """A reseller partner."""
    return cv.Organization(ident, role="reseller", revenue=revenue, **kw)


def flow_network(table: cv.FlowTable, margins: dict[str, float]) -> cv.ChannelNetwork:
    """The route v -> d -> r -> segment s, with ``table`` and a margin per member."""
    return network(
        cv.Organization("d", role="distributor"),
        reseller("r", 10),
        cv.Segment("s"),
        cv.Supplies("v", "d"),
        cv.Supplies("d", "r"),
        cv.Serves("r", "s"),
        table,
        *[cv.Margin("s", m, share=x) for m, x in margins.items()],
    )


def items_of(net: cv.ChannelNetwork) -> list[Any]:
    """Every item of a network, in a fixed order (to re-add them in another order)."""
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
    ]
