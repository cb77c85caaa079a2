"""`margins.stacking`: share gaps along priced routes, end prices above target, and "not
assessed" without route pricings."""

from __future__ import annotations

import json

import channelvalue as cv
from channelvalue.aligning import AuditConfig
from channelvalue.aligning.checks.margins import has_route_pricing, margins_stacking
from channelvalue.model import PriceLevel, RoutePricing


def _pricing(target: float | None = 80, **kw: object) -> RoutePricing:
    levels = kw.pop(
        "levels",
        [
            PriceLevel("dist-north", buy=60, sell=66, back_end=1.5),
            PriceLevel("res-07", buy=66, sell=85, rebate=2),
        ],
    )
    return RoutePricing(
        str(kw.pop("id", "rt-smb-north")),
        steward="acme",
        segment=kw.pop("segment", "smb"),  # type: ignore[arg-type]
        list_price=100,
        target_price=target,
        levels=levels,  # type: ignore[arg-type]
    )


def _bare() -> cv.ChannelNetwork:
    """The bundled example without its route pricing ("price-smb-north")."""
    net = cv.datasets.example()
    net.remove("price-smb-north")
    return net


def _net(*pricings: RoutePricing) -> cv.ChannelNetwork:
    net = _bare()
    net.add_all(list(pricings))
    return net


def test_gaps_and_target_of_the_three_level_route() -> None:
    found = list(margins_stacking(_net(_pricing()), AuditConfig()))
    assert [(f.severity.value, f.subjects) for f in found] == [
        ("error", ("dist-north", "rt-smb-north")),
        ("error", ("res-07", "rt-smb-north")),
        ("warning", ("rt-smb-north", "res-07")),
    ]
    low, high, over = found
    assert low.evidence["share"] == round(7.5 / 28.5, 12)
    assert low.evidence["normative"] == round(0.445 / 0.6625, 12)
    assert low.evidence["gap"] == -high.evidence["gap"]
    assert low.evidence["margin"] == 7.5
    assert low.evidence["channel_margin"] == 28.5
    assert "raise its margin" in low.message
    assert "trim its margin" in high.message
    assert over.evidence == {
        "end_price": 85.0,
        "target_price": 80.0,
        "excess": 5.0,
        "channel_margin": 28.5,
        "largest_margin": 21.0,
    }
    assert "5.00 above its target 80.00" in over.message


def test_tolerances_come_from_the_config() -> None:
    net = _net(_pricing())
    loose = AuditConfig(stacking_tolerance=0.25, target_price_tolerance=0.1)
    assert [f.severity.value for f in margins_stacking(net, loose)] == ["warning", "warning"]
    looser = AuditConfig(stacking_tolerance=0.5, target_price_tolerance=0.0625)
    assert list(margins_stacking(net, looser)) == []


def test_no_target_and_no_flow_table_give_no_findings() -> None:
    net = _net(_pricing(target=None, segment=None))
    assert list(margins_stacking(net, AuditConfig())) == []


def test_on_target_routes_are_quiet() -> None:
    net = _net(_pricing(target=85))
    assert all(f.subjects[1] == "rt-smb-north" for f in margins_stacking(net, AuditConfig()))


def test_every_finding_is_listed_and_routes_weigh_alike() -> None:
    pricings = [
        _pricing(
            id=f"rt-{i:03d}", segment=None, target=1, levels=[PriceLevel("res-01", buy=5, sell=9)]
        )
        for i in range(60)
    ]
    found = list(margins_stacking(_net(*pricings), AuditConfig()))
    assert len(found) == 60
    # each route ends at 9 against a target of 1: excess 8, share min(1, 8 / 1) / 60
    assert {f.share for f in found} == {1 / 60}


def test_not_assessed_without_route_pricing() -> None:
    assert has_route_pricing(cv.datasets.example())
    example = _bare()
    assert not has_route_pricing(example)
    report = cv.audit(example)
    assert "margins.stacking" not in report.scores
    assert report.not_assessed["margins.stacking"] == "no route pricing"
    assert "margins.stacking" in cv.aligning.registered()
    alone = cv.audit(example, checks=["margins"])
    assert alone.assessed == () and alone.score is None
    priced = cv.audit(_net(_pricing()))
    assert "margins.stacking" in priced.assessed
    assert priced.scores["margins.stacking"] < 100


def test_new_thresholds_stay_out_of_saved_reports_at_their_defaults() -> None:
    data = AuditConfig().to_dict()
    assert "stacking_tolerance" not in data
    assert "target_price_tolerance" not in data
    changed = AuditConfig(stacking_tolerance=0.1).to_dict()
    assert changed["stacking_tolerance"] == 0.1
    assert AuditConfig.from_dict(changed).stacking_tolerance == 0.1
    report = cv.audit(_net(_pricing()), config=AuditConfig(target_price_tolerance=0.5))
    again = cv.aligning.AuditReport.from_dict(json.loads(json.dumps(report.to_dict())))
    assert again.config.target_price_tolerance == 0.5
    assert "stacking_tolerance" in AuditConfig.describe()
