"""Partner segmentation and the engagement policy: worked example, properties, errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings

import channelvalue as cv
from channelvalue.mapping import EngagementPolicy, PartnerProfile, segment_partners
from channelvalue.model import EngagementModel as EM
from channelvalue.model import Role
from channelvalue.testing import strategies as cvst


def test_paper_profiles(paper: cv.ChannelNetwork) -> None:
    seg = segment_partners(paper)
    assert seg.ids == ("d1", "d2", "r1", "r2", "s1")  # every organization but the steward
    # revenue 200, 100, 100, 60, 40 of 500; share of those with more revenue:
    # d1 0, d2 and r1 (tied) .4, r2 .8, s1 .92 -> A A A B B with thresholds (.8, .95)
    # volume median 100, velocity median .2; "high" is strictly above the median
    assert seg.partner("d1") == PartnerProfile(
        "d1",
        role=Role.DISTRIBUTOR,
        revenue=200.0,
        share=0.4,
        abc="A",
        quadrant="core",  # volume 500 high, velocity 0 low
        focus="none",  # serves no segment
        recommended=EM.DEDICATED,  # distributors: by_role
        current=EM.DEDICATED,
    )
    rows = [
        (p.abc, p.quadrant, p.focus, p.recommended, p.current) for p in map(seg.partner, seg.ids)
    ]
    assert rows == [
        ("A", "core", "none", EM.DEDICATED, EM.DEDICATED),
        ("A", "star", "none", EM.DEDICATED, None),  # volume 300, velocity .3
        ("A", "tail", "smb", EM.DEDICATED, EM.DEDICATED),  # 100 and .2: at the medians
        ("B", "tail", "smb", EM.POOLED, EM.SELF_SERVICE),
        ("B", "emerging", "enterprise", EM.DEDICATED, EM.POOLED),  # B pooled + enterprise step
    ]
    assert (seg.volume_median, seg.velocity_median) == (100.0, 0.2)
    assert seg.misfits == ("r2", "s1")
    assert seg.unassigned == ("d2",)
    assert repr(seg) == "PartnerSegmentation(partners=5, A=3, B=2, C=0, misfits=2, unassigned=1)"


def test_custom_thresholds(paper: cv.ChannelNetwork) -> None:
    seg = segment_partners(paper, thresholds=(0.5, 0.9))
    # before-shares 0, .4, .4, .8, .92 -> A A A B C
    assert [seg.partner(p).abc for p in seg.ids] == ["A", "A", "A", "B", "C"]
    assert seg.thresholds == (0.5, 0.9)


def test_ties_share_a_class(build) -> None:
    items: list[cv.network.Item] = [cv.Organization("v", role="vendor")]
    items += [cv.Organization(f"p{i}", role="agent", revenue=10.0) for i in range(10)]
    seg = segment_partners(build(items))
    assert {seg.partner(p).abc for p in seg.ids} == {"A"}  # nobody has more revenue


def test_no_revenue_is_class_c(build) -> None:
    items: list[cv.network.Item] = [cv.Organization("v", role="vendor")]
    items += [cv.Organization(f"p{i}", role="agent") for i in range(3)]
    seg = segment_partners(build(items))
    assert [seg.partner(p).abc for p in seg.ids] == ["C", "C", "C"]


def test_mixed_focus_and_segments_without_band(paper_items, build) -> None:
    items = [*paper_items, cv.Serves("r1", "ent"), cv.Segment("misc"), cv.Serves("r2", "misc")]
    seg = segment_partners(build(items))
    assert seg.partner("r1").focus == "mixed"  # smb and enterprise
    assert seg.partner("r2").focus == "smb"  # misc has no band: ignored


def test_only_the_steward(build) -> None:
    seg = segment_partners(build([cv.Organization("v", role="vendor")]))
    assert len(seg) == 0
    assert seg.to_frame().shape == (0, 11)


def test_frame(paper: cv.ChannelNetwork) -> None:
    df = segment_partners(paper).to_frame()
    assert df["abc"].tolist() == ["A", "A", "A", "B", "B"]
    assert df["current"].isna().tolist() == [False, True, False, False, False]
    assert df["fits"].tolist() == [True, False, True, False, False]
    assert df["share"].round(9).tolist() == [0.4, 0.2, 0.2, 0.12, 0.08]


@settings(max_examples=60, deadline=None)
@given(cvst.networks(max_organizations=8, plan=False))
def test_classes_follow_revenue(net: cv.ChannelNetwork) -> None:
    seg = segment_partners(net)
    profiles = [seg.partner(p) for p in seg.ids]
    rank = {"A": 0, "B": 1, "C": 2}
    for a in profiles:
        for b in profiles:
            if a.revenue > b.revenue:
                assert rank[a.abc] <= rank[b.abc]
            if a.revenue == b.revenue:
                assert a.abc == b.abc
    assert sum(p.share for p in profiles) == pytest.approx(1.0 if seg.revenue.sum() else 0.0)
    policy = EngagementPolicy()
    for p in profiles:
        assert p.recommended is policy.recommend(
            abc=p.abc, quadrant=p.quadrant, focus=p.focus, role=p.role
        )


# ------------------------------------------------------------------ the policy alone
def test_policy_defaults() -> None:
    policy = EngagementPolicy()
    assert dict(policy.by_class) == {"A": EM.DEDICATED, "B": EM.POOLED, "C": EM.SELF_SERVICE}
    assert policy.step_up_quadrants == ("star",)
    assert policy.step_up_focus == ("enterprise",)
    assert dict(policy.by_role) == {Role.DISTRIBUTOR: EM.DEDICATED}


@pytest.mark.parametrize(
    ("abc", "quadrant", "focus", "role", "expected"),
    [
        ("A", "tail", "smb", None, EM.DEDICATED),
        ("B", "core", "smb", "reseller", EM.POOLED),
        ("B", "star", "smb", None, EM.DEDICATED),  # step up
        ("C", "star", "enterprise", None, EM.POOLED),  # one step at most
        ("A", "star", "enterprise", None, EM.DEDICATED),  # already at the top
        ("C", "tail", "none", "distributor", EM.DEDICATED),  # role override
        ("C", "tail", "none", Role.DISTRIBUTOR, EM.DEDICATED),
    ],
)
def test_policy_recommend(
    abc: str, quadrant: str, focus: str, role: str | None, expected: EM
) -> None:
    policy = EngagementPolicy()
    assert policy.recommend(abc=abc, quadrant=quadrant, focus=focus, role=role) is expected


def test_policy_overrides(paper: cv.ChannelNetwork) -> None:
    policy = EngagementPolicy(
        by_class={"A": "pooled", "B": "self_service", "C": "self_service"},
        step_up_quadrants=[],
        step_up_focus=["smb", "smb"],
        by_role={"system_integrator": "dedicated"},
    )
    assert policy.step_up_focus == ("smb",)
    assert policy.recommend(abc="A", quadrant="star", focus="smb") is EM.DEDICATED
    seg = segment_partners(paper, policy=policy)
    assert seg.partner("s1").recommended is EM.DEDICATED
    assert seg.partner("d1").recommended is EM.POOLED  # no distributor override any more
    assert seg.policy == policy


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"by_class": {"A": "dedicated"}}, r"EngagementPolicy\.by_class: .*keys 'A', 'B' and 'C'"),
        (
            {"by_class": {"A": "named", "B": "pooled", "C": "pooled"}},
            r"EngagementPolicy\.by_class\['A'\]: got 'named'",
        ),
        ({"step_up_quadrants": ["rising"]}, r"step_up_quadrants: got 'rising'"),
        ({"step_up_quadrants": "star"}, r"step_up_quadrants: got 'star' but expected a list"),
        ({"step_up_focus": ["vip"]}, r"step_up_focus: got 'vip'"),
        ({"by_role": {"wholesaler": "pooled"}}, r"by_role: got 'wholesaler'"),
        ({"by_role": {"msp": "often"}}, r"by_role\['msp'\]: got 'often'"),
        ({"by_role": ["msp"]}, r"by_role: got \['msp'\]"),
    ],
)
def test_policy_errors(kwargs: dict[str, object], match: str) -> None:
    with pytest.raises(cv.ValidationError, match=match):
        EngagementPolicy(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"abc": "D"}, r"recommend\.abc: got 'D'"),
        ({"quadrant": "up"}, r"recommend\.quadrant: got 'up'"),
        ({"focus": "global"}, r"recommend\.focus: got 'global'"),
        ({"role": "wholesaler"}, r"recommend\.role: got 'wholesaler'"),
    ],
)
def test_recommend_errors(kwargs: dict[str, str], match: str) -> None:
    args = {"abc": "A", "quadrant": "tail", "focus": "smb", **kwargs}
    with pytest.raises(cv.ValidationError, match=match):
        EngagementPolicy().recommend(**args)


@pytest.mark.parametrize(
    "thresholds", [(0.9, 0.8), (0.0, 0.5), (0.5,), "ab", (0.5, 1.2), (True, 1)]
)
def test_bad_thresholds(paper: cv.ChannelNetwork, thresholds: object) -> None:
    with pytest.raises(cv.ValidationError, match=r"segment_partners\.thresholds"):
        segment_partners(paper, thresholds=thresholds)  # type: ignore[arg-type]


def test_bad_policy_and_partner(paper: cv.ChannelNetwork) -> None:
    with pytest.raises(cv.WrongTypeError, match="an EngagementPolicy"):
        segment_partners(paper, policy={"A": "dedicated"})  # type: ignore[arg-type]
    seg = segment_partners(paper)
    with pytest.raises(cv.UnknownIdError, match="unknown partner id 'v'"):
        seg.partner("v")  # the steward is not a partner
    with pytest.raises(cv.UnknownIdError, match="unknown partner id 'zz'"):
        seg.partner("zz")
