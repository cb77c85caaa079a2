"""ChannelNetwork.with_measures: measured volume and velocity, with provenance, kept by copy,
==, and the JSON document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.errors import DocumentError, ValidationError, WrongTypeError
from channelvalue.model import ChannelMeasures, Organization, PartnerMeasure, Provenance

D = dt.date


def measure(partner: str, volume: float, velocity: float | None) -> PartnerMeasure:
    return PartnerMeasure(
        partner,
        volume=volume,
        velocity=velocity,
        sell_in=1.0,
        sell_through=1.0,
        on_hand=None,
        weeks_of_inventory=None,
        weeks_of_inventory_change=None,
        sell_in_ratio=1.0,
        claims_paid=0.0,
        claims_earned=0.0,
        win_rate=None,
        lines=10,
    )


def measures(**kw: Any) -> ChannelMeasures:
    return ChannelMeasures(
        [measure("r1", 500.0, 0.2), measure("r2", 80.0, None), measure("ghost", 1.0, 0.0)],
        Provenance(
            "month",
            D(2025, 1, 1),
            D(2026, 12, 31),
            D(2026, 12, 31),
            sources=["pos.csv"],
            rows={"sell_through": 30},
        ),
    )


@pytest.fixture
def net() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="acme", name="n")
    net.add_all(
        [
            Organization("acme", role="vendor"),
            Organization("r1", role="reseller", volume=10, velocity=0.5),
            Organization("r2", role="reseller", volume=20, velocity=-0.1),
            Organization("r3", role="reseller", volume=30, velocity=0.3),
        ]
    )
    return net


def test_volume_and_velocity_come_from_the_data(net: cv.ChannelNetwork) -> None:
    measured = net.with_measures(measures())
    orgs = measured.organizations
    assert (orgs["r1"].volume, orgs["r1"].velocity) == (500.0, 0.2)
    # no year before: the velocity as entered stays
    assert (orgs["r2"].volume, orgs["r2"].velocity) == (80.0, -0.1)
    # not measured: as entered
    assert (orgs["r3"].volume, orgs["r3"].velocity) == (30.0, 0.3)
    # the original is unchanged
    assert net.organizations["r1"].volume == 10.0
    assert net.measures is None
    assert measured.measures == measures()
    assert measured.measures is not None
    assert measured.measures.provenance.rows["sell_through"] == 30


def test_graph_and_cache_follow_the_copy(net: cv.ChannelNetwork) -> None:
    _ = net.graph  # built before the copy
    measured = net.with_measures(measures())
    assert set(measured.graph.nodes) == set(net.graph.nodes)
    assert cv.mapping.coverage(measured) is not None


def test_copy_and_equality_keep_the_measures(net: cv.ChannelNetwork) -> None:
    measured = net.with_measures(measures())
    assert measured.copy() == measured
    assert measured.copy().measures == measured.measures
    assert measured != net
    # the same organizations without the measures: not equal
    volumes = [measured.organizations[o] for o in ("r1", "r2")]
    plain = net.copy()
    plain.remove("r1")
    plain.remove("r2")
    plain.add_all(volumes)
    assert plain.organizations == measured.organizations
    assert plain != measured


def test_json_round_trip(net: cv.ChannelNetwork) -> None:
    measured = net.with_measures(measures())
    text = cv.io.dumps(measured)
    back = cv.io.loads(text)
    assert back == measured
    assert back.measures == measured.measures
    assert '"measures"' in text
    assert "measures" not in cv.io.document(net)  # no section without measures


def test_bad_measures_section_is_a_document_error(net: cv.ChannelNetwork) -> None:
    doc = cv.io.document(net.with_measures(measures()))
    doc["measures"]["partners"][0]["volume"] = -5
    with pytest.raises(DocumentError, match=r"\$\.measures.*PartnerMeasure.volume"):
        cv.io.network_from_document(doc)


def test_with_metrics_and_as_of(net: cv.ChannelNetwork) -> None:
    class Metrics:
        def measures(self, as_of: dt.date | None = None) -> ChannelMeasures:
            assert as_of == D(2026, 12, 31)
            return measures()

    assert net.with_measures(Metrics(), as_of=D(2026, 12, 31)).measures == measures()
    assert net.with_measures(measures(), as_of=D(2026, 12, 31)).measures == measures()
    with pytest.raises(ValidationError, match="as_of"):
        net.with_measures(measures(), as_of=D(2026, 6, 30))
    with pytest.raises(WrongTypeError):
        net.with_measures(42)

    class Bad:
        def measures(self, as_of: dt.date | None = None) -> int:
            return 1

    with pytest.raises(WrongTypeError):
        net.with_measures(Bad())
