"""place_tiers: worked examples, over-tiering cost by hand, skipped rules, invariants."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.building import TierPlacement, place_tiers
from channelvalue.building.tiering import HTML_ROWS
from channelvalue.model import Tier, TierBenefits, TierPolicy, TierRule

POLICY = TierPolicy(
    rules={
        "silver": TierRule({"revenue": 100.0}),
        "gold": TierRule({"revenue": 1_000.0, "certifications": 2}),
        "platinum": TierRule({"revenue": 10_000.0, "certifications": 4}),
    },
    benefits={
        "silver": TierBenefits(mdf=10.0, discount=0.01),
        "gold": TierBenefits(mdf=100.0, discount=0.02),
        "platinum": TierBenefits(mdf=1_000.0, discount=0.05, other={"rebate": 50.0}),
    },
)


def _net(*orgs: cv.Organization) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name="t")
    net.add_all([cv.Organization("v", role="vendor", tier="platinum", revenue=1e9), *orgs])
    return net


def _org(ident: str, revenue: float, tier: str, certs: float | None = None, **kw: Any) -> Any:
    attributes = {} if certs is None else {"certifications": certs}
    return cv.Organization(
        ident, name=ident.upper(), role="reseller", revenue=revenue, tier=tier,
        attributes=attributes, **kw,
    )  # fmt: skip


def four_partners() -> cv.ChannelNetwork:
    return _net(
        _org("a", 20_000.0, "platinum", certs=1),  # earns silver: over by two tiers
        _org("b", 5_000.0, "gold", certs=3),  # earns gold: ok
        _org("c", 50.0, "silver", certs=0),  # earns registered: over by one
        _org("d", 15_000.0, "silver", certs=5),  # earns platinum: under
    )


def test_worked_example_by_hand() -> None:
    p = place_tiers(four_partners(), POLICY)
    assert p.ids == ("a", "b", "c", "d")  # the steward is not a partner
    recommended = [r.recommended.value for r in p.rows()]
    assert recommended == ["silver", "gold", "registered", "platinum"]
    assert p.over_tiered == ("a", "c")
    assert p.under_tiered == ("d",)
    assert p.mis_tiered == ("a", "c", "d")
    # a: platinum 1,000 + 5 % of 20,000 + 50 = 2,050; silver 10 + 1 % of 20,000 = 210
    # c: silver 10 + 1 % of 50 = 10.5; registered 0
    assert p.partner("a").over_tiering_cost == pytest.approx(2_050.0 - 210.0)
    assert p.partner("c").over_tiering_cost == pytest.approx(10.5)
    assert p.partner("d").over_tiering_cost == 0.0  # under-tiered: no over-tiering cost
    assert p.over_tiering_cost == pytest.approx(1_840.0 + 10.5)
    assert p.partner("A").id == "a"  # by name too
    assert p.partner("a").short_of == ("certifications 1 < 2",)  # why not gold
    assert p.partner("d").short_of == ()  # top tier
    assert p.partner("c").values == {"certifications": 0.0, "revenue": 50.0}


def test_frame_and_repr() -> None:
    p = place_tiers(four_partners(), POLICY)
    df = p.to_frame()
    assert list(df["status"]) == ["over", "ok", "over", "under"]
    assert list(df["recommended"]) == ["silver", "gold", "registered", "platinum"]
    assert df["over_tiering_cost"].sum() == pytest.approx(p.over_tiering_cost)
    assert {"certifications", "revenue", "short_of"} <= set(df.columns)
    assert repr(p) == (
        "TierPlacement(partners=4, over_tiered=2, under_tiered=1, over_tiering_cost=1,850)"
    )
    html = p._repr_html_()
    assert html.index(">A<") < html.index(">C<") < html.index(">D<")  # over by cost, then under


def test_attribute_nobody_records_is_skipped_and_missing_attribute_fails() -> None:
    # nobody records certifications: the rules read revenue only
    net = _net(_org("a", 20_000.0, "silver"), _org("b", 500.0, "gold"))
    p = place_tiers(net, POLICY)
    assert p.skipped == ("certifications",)
    assert [r.recommended for r in p.rows()] == [Tier.PLATINUM, Tier.SILVER]
    # once one partner records it, a partner without it does not meet a minimum on it
    net.add(_org("c", 1.0, "registered", certs=9))
    p = place_tiers(net, POLICY)
    assert p.skipped == ()
    assert p.partner("a").recommended is Tier.SILVER
    assert p.partner("a").short_of == ("certifications not recorded < 2",)


def test_tier_made_only_of_skipped_rules_is_not_offered() -> None:
    policy = TierPolicy(rules={"gold": TierRule({"certifications": 1})})
    p = place_tiers(_net(_org("a", 1e6, "registered")), policy)
    assert p.partner("a").recommended is Tier.REGISTERED


def test_owned_units_and_placeholders_are_not_partners() -> None:
    net = _net(
        _org("a", 500.0, "gold"),
        cv.Organization("own", role="reseller", owned=True, revenue=1e6),
        cv.Organization("ghost", role="reseller", placeholder=True),
    )
    assert place_tiers(net, POLICY).ids == ("a",)


def test_empty_network_and_errors() -> None:
    p = place_tiers(cv.ChannelNetwork())
    assert len(p) == 0
    assert p.over_tiering_cost == 0.0
    assert "No partner is mis-tiered" in p._repr_html_()
    assert len(p.to_frame()) == 0
    with pytest.raises(cv.WrongTypeError):
        place_tiers("net")  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError):
        place_tiers(cv.ChannelNetwork(), {"rules": {}})  # type: ignore[arg-type]
    with pytest.raises(cv.UnknownIdError):
        place_tiers(four_partners()).partner("nobody")


def test_html_is_bounded() -> None:
    net = _net(*(_org(f"p{i:03d}", 0.0, "gold") for i in range(HTML_ROWS + 7)))
    html = place_tiers(net, POLICY)._repr_html_()
    assert html.count("<tr>") == HTML_ROWS + 1
    assert "... 7 more mis-tiered partners" in html


def test_default_policy_on_the_example() -> None:
    p = place_tiers(cv.datasets.example())
    assert isinstance(p, TierPlacement)
    assert set(p.skipped) == {"certifications", "deal_registrations"}  # not in the example
    assert len(p) == len(p.to_frame())


@settings(max_examples=40, deadline=None)
@given(
    revenue=st.lists(st.floats(0, 1e5, allow_nan=False), min_size=1, max_size=6),
    certs=st.lists(st.integers(0, 6), min_size=6, max_size=6),
    who=st.integers(0, 5),
    more=st.floats(0, 1e5, allow_nan=False),
)
def test_raising_revenue_never_lowers_the_recommended_tier(
    revenue: list[float], certs: list[int], who: int, more: float
) -> None:
    who %= len(revenue)
    orgs = [_org(f"p{i}", r, "registered", certs=certs[i]) for i, r in enumerate(revenue)]
    before = place_tiers(_net(*orgs), POLICY)
    orgs[who] = _org(f"p{who}", revenue[who] + more, "registered", certs=certs[who])
    after = place_tiers(_net(*orgs), POLICY)
    assert after.recommended[who] >= before.recommended[who]
    others = np.arange(len(revenue)) != who
    assert (after.recommended[others] == before.recommended[others]).all()
