"""Organization, Need, Segment: defaults, canonical collections, equality, needs."""

from __future__ import annotations

import channelvalue as cv
from channelvalue.model import Need, ServiceOutput


def test_organization_defaults_and_canonical_collections() -> None:
    org = cv.Organization(
        "r1",
        role="reseller",
        regions=["south", "north", "south"],
        revenue=2,
        capabilities={"lot_size": 1, ServiceOutput.AVAILABILITY: 0.5},
        priorities={"b": 1, "a": 3},
    )
    assert org.regions == ("north", "south")  # sorted, distinct
    assert org.revenue == 2.0
    assert type(org.revenue) is float
    assert org.tier is cv.Tier.REGISTERED
    assert org.engagement is None
    assert not org.owned
    assert list(org.capabilities) == [ServiceOutput.AVAILABILITY, ServiceOutput.LOT_SIZE]
    assert list(org.priorities.items()) == [("a", 3.0), ("b", 1.0)]
    assert org.label == "r1"
    assert cv.Organization("r1", role="reseller", name="R One").label == "R One"


def test_equal_objects_whatever_the_input_order() -> None:
    a = cv.Organization("x", role="msp", verticals=["b", "a"], priorities={"p": 1, "q": 2})
    b = cv.Organization("x", role=cv.Role.MSP, verticals=("a", "b"), priorities={"q": 2, "p": 1})
    assert a == b
    assert hash(a) == hash(b)


def test_needs_accept_a_need_a_pair_or_a_mapping() -> None:
    seg = cv.Segment(
        "s",
        needs={
            "lot_size": Need(level=0.2),
            "availability": (0.9, 3),
            "logistics": {"level": 0.4},
        },
    )
    assert seg.needs["lot_size"] == Need(level=0.2, importance=1.0)
    assert seg.needs["availability"] == Need(level=0.9, importance=3.0)
    assert seg.needs["logistics"].importance == 1.0
