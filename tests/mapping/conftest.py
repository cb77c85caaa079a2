"""Fixtures of the mapping tests, chiefly the "paper" network: small enough that every
mapping figure is computed by hand.

::

            v (vendor, product_information 0.9)
          /    \\
        d1      d2          d1: availability 0.8, logistics 0.9   d2: availability 0.6
      / | \\      |
    r2  s1  r1 <-+          r1: after_sales 0.7   r2: after_sales 0.4   s1: customization 0.9
    |   |   |
   smb ent smb              home: no partner serves it

Supplies: v->d1, v->d2, d1->r1, d2->r1, d1->r2, d1->s1.
Serves: r1->smb, r2->smb, s1->ent (revenue 40 given).

Routes: smb has 3 (v>d1>r1, v>d2>r1, v>d1>r2), ent has 1 (v>d1>s1), home 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs
import pytest

import channelvalue as cv
from channelvalue.model import (
    FlowTable,
    Margin,
    Organization,
    Segment,
    Serves,
    Supplies,
)


def _paper_items() -> list[cv.network.Item]:
    """Every item of the paper network (a fresh list)."""
    return [
        Organization("v", role="vendor", revenue=0.0, capabilities={"product_information": 0.9}),
        Organization(
            "d1",
            role="distributor",
            revenue=200.0,
            volume=500.0,
            velocity=0.0,
            engagement="dedicated",
            capabilities={"availability": 0.8, "logistics": 0.9},
        ),
        Organization(
            "d2",
            role="distributor",
            revenue=100.0,
            volume=300.0,
            velocity=0.3,
            capabilities={"availability": 0.6},
        ),
        Organization(
            "r1",
            role="reseller",
            revenue=100.0,
            volume=100.0,
            velocity=0.2,
            engagement="dedicated",
            capabilities={"after_sales_service": 0.7},
        ),
        Organization(
            "r2",
            role="reseller",
            revenue=60.0,
            volume=80.0,
            velocity=-0.1,
            engagement="self_service",
            capabilities={"after_sales_service": 0.4},
        ),
        Organization(
            "s1",
            role="system_integrator",
            revenue=40.0,
            volume=20.0,
            velocity=0.5,
            engagement="pooled",
            capabilities={"customization": 0.9},
        ),
        Segment(
            "smb",
            band="smb",
            needs={
                "availability": (0.7, 3.0),
                "after_sales_service": (0.7, 2.0),
                "customization": (0.5, 1.0),
            },
        ),
        Segment(
            "ent",
            band="enterprise",
            needs={"customization": (0.8, 2.0), "after_sales_service": (0.8, 1.0)},
        ),
        Segment("home", band="consumer", needs={"spatial_convenience": (0.9, 1.0)}),
        Supplies("v", "d1"),
        Supplies("v", "d2"),
        Supplies("d1", "r1"),
        Supplies("d2", "r1"),
        Supplies("d1", "r2"),
        Supplies("d1", "s1"),
        Serves("r1", "smb"),
        Serves("r2", "smb"),
        Serves("s1", "ent", revenue=40.0),
        FlowTable(
            "smb",
            weights={
                "physical_possession": 0.4,
                "promotion": 0.3,
                "financing": 0.2,
                "ordering": 0.1,
            },
            shares={
                "physical_possession": {"d1": 0.75, "r1": 0.25},
                "promotion": {"v": 0.5, "r1": 0.5},
                "financing": {"d1": 1.0},
                "ordering": {"r1": 1.0},
            },
            costs={
                "physical_possession": {"d1": 1.0, "r1": 1.6, "r2": 1.2},
                "promotion": {"v": 0.9, "r1": 1.2},
            },
        ),
        Margin("smb", "v", share=0.25),
        Margin("smb", "d1", share=0.35),
        Margin("smb", "r1", share=0.40),
    ]


def _build(items: list[cv.network.Item], steward: str = "v") -> cv.ChannelNetwork:
    """A network of ``items`` with steward ``steward``."""
    net = cv.ChannelNetwork(steward=steward, name="paper")
    net.add_all(items)
    return net


def _relabel(net: cv.ChannelNetwork, rename: Callable[[str], str]) -> cv.ChannelNetwork:
    """A copy of ``net``'s organizations, segments, supply and serves links, flow tables and
    margins with every id passed through ``rename`` (what the mapping functions read)."""

    def table(rows: Mapping[object, Mapping[str, float]]) -> dict[object, dict[str, float]]:
        return {f: {rename(m): x for m, x in row.items()} for f, row in rows.items()}

    items: list[cv.network.Item] = []
    items += [attrs.evolve(o, id=rename(o.id)) for o in net.organizations.values()]
    items += [attrs.evolve(s, id=rename(s.id)) for s in net.segments.values()]
    for kind in ("supplies", "serves"):
        items += [
            attrs.evolve(lk, source=rename(lk.source), target=rename(lk.target))
            for lk in net.links(kind)
        ]
    items += [
        FlowTable(
            rename(t.segment), weights=t.weights, shares=table(t.shares), costs=table(t.costs)
        )
        for t in net.flow_tables.values()
    ]
    items += [
        Margin(rename(m.segment), rename(m.member), share=m.share) for m in net.margins.values()
    ]
    assert net.steward_id is not None
    out = cv.ChannelNetwork(steward=rename(net.steward_id))
    out.add_all(items)
    return out


@pytest.fixture
def paper_items() -> list[cv.network.Item]:
    """Every item of the paper network (a fresh list)."""
    return _paper_items()


@pytest.fixture(scope="session")
def build() -> Callable[..., cv.ChannelNetwork]:
    """``build(items, steward="v")``: a network named "paper" of ``items``."""
    return _build


@pytest.fixture(scope="session")
def relabel() -> Callable[[cv.ChannelNetwork, Callable[[str], str]], cv.ChannelNetwork]:
    """``relabel(net, rename)``: a copy of the parts of ``net`` the mapping functions read,
    with every id passed through ``rename``."""
    return _relabel


@pytest.fixture
def paper() -> cv.ChannelNetwork:
    """The paper network (fresh for each test)."""
    return _build(_paper_items())
