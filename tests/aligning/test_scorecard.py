"""partner_scorecard: shares and ratios by hand, manager, feed, engagement, findings, review."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.aligning import PartnerReview, Scorecard, partner_scorecard
from channelvalue.aligning.scorecard import HTML_ROWS
from channelvalue.model import TierPolicy, TierRule


def small() -> cv.ChannelNetwork:
    """Three partners: revenue 600 / 300 / 100, investments 100 in b and 300 in c."""
    net = cv.ChannelNetwork(steward="v", name="Small")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Manager("m1", name="Ana"),
            cv.Segment("s"),
            cv.Organization(
                "a", name="Alpha", role="distributor", revenue=600.0, volume=60.0,
                velocity=0.1, tier="gold", regions=["north", "east"], engagement="dedicated",
            ),
            cv.Organization(
                "b", name="Beta", role="reseller", revenue=300.0, volume=30.0, velocity=-0.2,
                tier="silver", engagement="self_service",
            ),
            cv.Organization("c", name="<Gamma>", role="reseller", revenue=100.0, volume=5.0),
            cv.Organization("own", role="reseller", owned=True, revenue=5_000.0),
            cv.Supplies("v", "a"), cv.Supplies("a", "b"), cv.Supplies("a", "c"),
            cv.Serves("b", "s"), cv.Serves("c", "s"),
            cv.ReportsTo("a", "v", manager="m1"),
            cv.SharesData("a", "v", data=["sell_through", "inventory"], interval_days=7),
            cv.SharesData("b", "a", data=["sell_through"], interval_days=30),
            cv.SharesData("b", "v", data=["forecast"], interval_days=14),
            cv.Investment("i1", recipient="b", amount=100.0),
            cv.Investment("i2", recipient="c", amount=250.0),
            cv.Investment("i3", recipient="c", amount=50.0),
        ]
    )  # fmt: skip
    return net


def test_shares_and_ratios_by_hand() -> None:
    card = partner_scorecard(small())
    assert card.ids == ("a", "b", "c")  # steward and owned unit are left out
    assert card.revenue_share.tolist() == pytest.approx([0.6, 0.3, 0.1])
    assert card.resources.tolist() == [0.0, 100.0, 300.0]
    assert card.resource_share.tolist() == pytest.approx([0.0, 0.25, 0.75])
    # ratio = resource share / revenue share: 0, 0.25 / 0.3, 0.75 / 0.1
    assert card.resource_ratio.tolist() == pytest.approx([0.0, 0.25 / 0.3, 7.5])
    assert card.managers == ("Ana", "", "")
    assert np.isnan(card.data_feed_days[2])
    assert card.data_feed_days[:2].tolist() == [7.0, 14.0]  # b: its most frequent feed
    assert card.data_kinds[1] == ("forecast", "sell_through")
    assert card.ranks.tolist() == [1, 2, 3]


def test_engagement_and_tier_columns() -> None:
    df = partner_scorecard(small()).to_frame()
    assert list(df["partner"]) == ["a", "b", "c"]
    assert list(df["engagement"]) == ["dedicated", "self_service", ""]
    assert set(df["engagement_status"]) <= {"under", "over", "ok", "unknown"}
    assert df.loc[2, "engagement_status"] == "unknown"
    # the default policy by revenue: all three earn registered (revenue < 250k)
    assert list(df["recommended_tier"]) == ["registered"] * 3
    assert list(df["tier_status"]) == ["over", "over", "ok"]
    assert df["revenue_share"].sum() == pytest.approx(1.0)
    assert list(df.columns[-4:]) == ["errors", "warnings", "info", "findings_by_check"]


def test_findings_come_from_the_report() -> None:
    net = small()
    report = cv.audit(net)
    card = partner_scorecard(net, report)
    counts = card.finding_counts()
    for i, pid in enumerate(card.ids):
        mine = [f for f in report.findings if pid in f.subjects]
        assert len(card.findings[i]) == len(mine)
        assert sum(int(counts[s][i]) for s in ("error", "warning", "info")) == len(mine)
    # without a report the scorecard runs the same audit
    again = partner_scorecard(net)
    assert [len(f) for f in again.findings] == [len(f) for f in card.findings]
    tiering = [f for f in card.findings[0] if f.check == "engagement.tiering"]
    assert tiering
    assert tiering[0].severity is cv.Severity.WARNING


def test_a_policy_of_your_own_reaches_placement_and_audit() -> None:
    policy = TierPolicy(name="tiny", rules={"gold": TierRule({"revenue": 500.0})})
    card = partner_scorecard(small(), policy=policy)
    assert card.placement.partner("a").recommended is cv.Tier.GOLD
    assert not any(f.check == "engagement.tiering" for f in card.findings[0])  # a is gold


def test_partner_review() -> None:
    card = partner_scorecard(small())
    review = card.partner("<Gamma>")  # by name
    assert isinstance(review, PartnerReview)
    assert review.id == "c"
    text = str(review)
    assert text.splitlines()[0] == "Business review: <Gamma> (c)"
    assert "Revenue     100 (10.0% of partner revenue, #3 of 3)" in text
    assert "Resources   300 (75.0% of investments; 7.50x its revenue share)" in text
    assert "Data feed   none" in text
    md = review.to_markdown()
    assert md.startswith("## Business review: &lt;Gamma&gt;")  # escaped
    html = review._repr_html_()
    assert "&lt;Gamma&gt;" in html
    assert "<Gamma>" not in html
    alpha = card.partner("a")
    assert "Manager     Ana" in str(alpha)
    assert "over-tiered: its results earn registered" in str(alpha)
    with pytest.raises(cv.UnknownIdError):
        card.partner("nobody")


def test_html_is_bounded() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add(cv.Organization("v", role="vendor"))
    net.add_all(
        cv.Organization(f"p{i:03d}", name=f"P {i}", role="msp", revenue=float(i))
        for i in range(HTML_ROWS + 5)
    )
    card = partner_scorecard(net)
    html = card._repr_html_()
    assert html.count("<tr>") == HTML_ROWS + 1  # header and the top rows
    assert "... 5 more partners" in html
    assert html.index(f"P {HTML_ROWS + 4}") < html.index(f"P {HTML_ROWS + 3}")  # by revenue
    assert repr(card).startswith(f"<Scorecard: {HTML_ROWS + 5} partners")


def test_network_without_steward_or_partners() -> None:
    net = cv.ChannelNetwork()
    net.add(cv.Organization("x", role="msp", revenue=1.0, engagement="pooled"))
    card = partner_scorecard(net)
    assert card.engagement == ("pooled",)
    assert card.engagement_policy == ("",)
    empty = partner_scorecard(cv.ChannelNetwork())
    assert len(empty) == 0
    assert len(empty.to_frame()) == 0
    with pytest.raises(cv.WrongTypeError):
        partner_scorecard("net")  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError):
        partner_scorecard(net, report="r")  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError):
        partner_scorecard(net, policy={})  # type: ignore[arg-type]


def test_example_is_a_scorecard() -> None:
    card = partner_scorecard(cv.datasets.example())
    assert isinstance(card, Scorecard)
    assert len(card) == len(card.to_frame()) == len(card.placement)


@settings(max_examples=30, deadline=None)
@given(
    revenue=st.lists(st.floats(0, 1e12, allow_nan=False), min_size=1, max_size=8),
    amounts=st.lists(st.floats(0, 1e9, allow_nan=False), max_size=8),
)
def test_shares_sum_to_one(revenue: list[float], amounts: list[float]) -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add(cv.Organization("v", role="vendor"))
    net.add_all(cv.Organization(f"p{i}", role="msp", revenue=r) for i, r in enumerate(revenue))
    net.add_all(
        cv.Investment(f"i{k}", recipient=f"p{k % len(revenue)}", amount=x)
        for k, x in enumerate(amounts)
    )
    card = partner_scorecard(net, cv.audit(net, checks=[]))
    for share in (card.revenue_share, card.resource_share):
        total = float(share.sum())
        assert total == pytest.approx(1.0) or total == 0.0
        assert (share >= 0).all()
    assert math.isclose(float(card.resources.sum()), math.fsum(amounts), rel_tol=1e-9)
