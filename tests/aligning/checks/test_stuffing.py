"""resources.stuffing on measured channel data, and resources.alignment on measured velocity."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditConfig, audit
from channelvalue.aligning.checks.stuffing import (
    NO_MEASURES,
    channel_stuffing,
    measured_evidence,
    missing_measures,
)
from channelvalue.model import ChannelMeasures, PartnerMeasure, Provenance

D = dt.date


def measure(partner: str, ratio: float | None, change: float | None, **kw: Any) -> PartnerMeasure:
    base: dict[str, Any] = {
        "volume": 100.0,
        "velocity": 0.0,
        "sell_in": 200.0,
        "sell_through": 100.0,
        "on_hand": 50.0,
        "weeks_of_inventory": 6.0,
        "weeks_of_inventory_change": change,
        "sell_in_ratio": ratio,
        "claims_paid": 0.0,
        "claims_earned": 0.0,
        "win_rate": None,
        "lines": 12,
    }
    base.update(kw)
    return PartnerMeasure(partner, **base)


PROVENANCE = Provenance("month", D(2025, 1, 1), D(2026, 12, 31), D(2026, 12, 31))


@pytest.fixture
def net() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("a", role="reseller", name="Alpha", revenue=960, volume=10),
            cv.Organization("b", role="reseller", name="Beta", revenue=10, volume=10),
            cv.Organization("c", role="reseller", name="Gamma", revenue=20, volume=10),
            cv.Organization("d", role="reseller", name="Delta", revenue=10, volume=10),
        ]
    )
    return net


def test_flags_sell_in_ahead_with_inventory_rising(net: cv.ChannelNetwork) -> None:
    measures = ChannelMeasures(
        [
            measure("a", 2.0, 3.0),  # stuffed, key partner: error
            measure("b", 1.5, 1.0, weeks_of_inventory=None, on_hand=None),  # stuffed: warning
            measure("c", 2.0, 0.2),  # ahead, but inventory about flat
            measure("d", 1.0, 4.0),  # inventory rising, sell-in in line
            measure("ghost", 3.0, 9.0),  # not in the network
        ],
        PROVENANCE,
    )
    found = list(channel_stuffing(net.with_measures(measures), AuditConfig()))
    assert [(f.subjects, f.severity.value) for f in found] == [
        (("a",), "error"),
        (("b",), "warning"),
    ]
    a, b = found
    assert a.evidence["sell_in_ratio"] == 2.0
    assert a.evidence["weeks_of_inventory"] == 6.0
    assert a.evidence["weeks_of_inventory_change"] == 3.0
    assert a.evidence["on_hand"] == 50.0
    assert a.evidence["revenue_share"] == pytest.approx(0.96)
    assert "Alpha is buying ahead" in a.message
    assert "2.00x" in a.message
    assert "weeks_of_inventory" not in b.evidence


def test_thresholds_come_from_the_options(net: cv.ChannelNetwork) -> None:
    measured = net.with_measures(ChannelMeasures([measure("c", 2.0, 0.2)], PROVENANCE))
    assert not list(channel_stuffing(measured, AuditConfig()))
    config = AuditConfig(options={"stuffing_weeks_rise": 0.1, "stuffing_ratio": 1.9})
    assert [f.subjects for f in channel_stuffing(measured, config)] == [("c",)]
    config = AuditConfig(options={"stuffing_weeks_rise": 0.1, "stuffing_ratio": 2.5})
    assert not list(channel_stuffing(measured, config))


def test_not_assessed_without_measures(net: cv.ChannelNetwork) -> None:
    assert missing_measures(net) == NO_MEASURES
    assert not list(channel_stuffing(net, AuditConfig()))
    report = audit(net)
    assert "resources.stuffing" not in {f.check for f in report}
    measured = net.with_measures(ChannelMeasures([measure("a", 2.0, 3.0)], PROVENANCE))
    assert missing_measures(measured) is None
    assert "resources.stuffing" in {f.check for f in audit(measured)}


def test_alignment_says_which_velocities_are_measured(net: cv.ChannelNetwork) -> None:
    assert measured_evidence(net, "a") == {}
    measured = net.with_measures(
        ChannelMeasures([measure("a", 1.0, 0.0, velocity=0.4, lines=30)], PROVENANCE)
    )
    assert measured_evidence(measured, "a") == {"velocity_measured": 1.0, "measured_lines": 30.0}
    assert measured_evidence(measured, "b") == {"velocity_measured": 0.0}
    unmeasured = net.with_measures(
        ChannelMeasures([measure("a", 1.0, 0.0, velocity=None)], PROVENANCE)
    )
    assert measured_evidence(unmeasured, "a")["velocity_measured"] == 0.0


def test_alignment_is_judged_on_measured_velocity(net: cv.ChannelNetwork) -> None:
    """Typed in as slow, measured as fast: the starved-fast-mover finding appears."""
    net.add_all(
        [
            cv.Investment("i-b", recipient="b", amount=1000),
            cv.Investment("i-c", recipient="c", amount=1000),
        ]
    )
    config = AuditConfig()
    before = [f for f in audit(net, checks=["resources.alignment"]) if f.subjects == ("a",)]
    assert not before
    fast = measure("a", 1.0, 0.0, volume=5000.0, velocity=0.6)
    measured = net.with_measures(ChannelMeasures([fast], PROVENANCE))
    after = [
        f
        for f in audit(measured, config=config, checks=["resources.alignment"])
        if f.subjects == ("a",)
    ]
    assert len(after) == 1
    assert after[0].evidence["velocity"] == 0.6
    assert after[0].evidence["velocity_measured"] == 1.0


def test_end_to_end_from_lines() -> None:
    """Lines in a store -> metrics -> measures -> network -> audit finds the stuffed partner."""
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("ibis")
    from channelvalue.transactions import ChannelData, channel_metrics

    data = ChannelData()
    si: dict[str, list[Any]] = {k: [] for k in ("date", "seller", "buyer", "product")}
    si.update(quantity=[], amount=[], is_return=[])
    st: dict[str, list[Any]] = {k: [] for k in ("date", "partner", "product", "quantity")}
    st.update(amount=[], is_return=[])
    inv: dict[str, list[Any]] = {"date": [], "partner": [], "product": [], "on_hand": []}
    for m in range(1, 13):
        for p in ("a", "b"):
            stuffed = p == "b" and m > 8
            si["date"].append(D(2026, m, 2))
            si["seller"].append("v")
            si["buyer"].append(p)
            si["product"].append("x")
            si["quantity"].append(30.0 if stuffed else 10.0)
            si["amount"].append(300.0 if stuffed else 100.0)
            si["is_return"].append(False)
            st["date"].append(D(2026, m, 20))
            st["partner"].append(p)
            st["product"].append("x")
            st["quantity"].append(10.0)
            st["amount"].append(120.0)
            st["is_return"].append(False)
            inv["date"].append(D(2026, m, 28))
            inv["partner"].append(p)
            inv["product"].append("x")
            inv["on_hand"].append(20.0 + (20.0 * (m - 8) if stuffed else 0.0))
    data.load("sell_in", pa.table(si), source="erp")
    data.load("sell_through", pa.table(st), source="pos")
    data.load("inventory", pa.table(inv), source="inv")
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("a", role="reseller", revenue=500),
            cv.Organization("b", role="reseller", revenue=500),
        ]
    )
    measured = net.with_measures(channel_metrics(data), as_of=D(2026, 12, 31))
    assert measured.measures is not None
    assert measured.measures.provenance.rows["sell_in"] == 24
    assert measured.measures.provenance.sources == ("erp", "inv", "pos")
    found = list(audit(measured, checks=["resources.stuffing"]))
    assert [f.subjects for f in found] == [("b",)]
    # three months of sell-in 900 over sell-through 360; on hand 100 now, 40 three months ago
    assert found[0].evidence["sell_in_ratio"] == pytest.approx(2.5)
    weekly = 30 / (3 * 365.25 / 12 / 7)
    assert found[0].evidence["weeks_of_inventory"] == pytest.approx(100 / weekly)
    assert found[0].evidence["weeks_of_inventory_change"] == pytest.approx(
        100 / weekly - 40 / weekly
    )
    # the measured network survives JSON with its provenance
    assert cv.io.loads(cv.io.dumps(measured)) == measured
