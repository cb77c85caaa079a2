"""Honest audit scores (issue 16, items 1 and 2): checks without their input data are not
assessed and say why, a missing steward is an error, no checks give no score, scores do not
change with the size of the network, every finding is reachable, and messages name
organizations by name (issue 15, item 5)."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.aligning import AuditReport, audit, compare
from channelvalue.io.json import document, network_from_document

# ---------------------------------------------------------------- not assessed, with reasons


def _bare(*items: Any) -> cv.ChannelNetwork:
    """A steward and one reseller, plus `items`."""
    net = cv.ChannelNetwork(steward="v", name="bare")
    net.add_all(
        [cv.Organization("v", role="vendor"), cv.Organization("r", role="reseller", revenue=10)]
    )
    net.add_all(list(items))
    return net


REASONS = {
    "transparency.data_quality": (
        "no channel-data measures: load partner reports and use net.with_measures(...)"
    ),
    "resources.stuffing": "no measures from channel data (load them with net.with_measures)",
    "compensation.equity": "no flow tables or margins",
    "conflict.accounts": "no account lists",
    "conflict.overlap": "no partner serves a segment (no serves links)",
    "coverage.needs": "no segments",
    "coverage.segments": "no segments",
    "engagement.fit": "no partner has an engagement model recorded",
    "engagement.tiering": "no partner tiers recorded (every partner is 'registered')",
    "margins.stacking": "no route pricing",
    "power.balance": "no partner states its share of business with the steward (steward_share)",
    "priorities.alignment": "the steward states no priorities",
    "propositions.integrity": "no segments",
    "reporting.coverage": "no reporting lines (reports_to links)",
    "reporting.manager_load": "no managers",
    "resources.alignment": "no investments in partners",
    "transparency.sell_through": "no data feeds (shares_data links)",
}


def test_a_network_without_input_data_has_each_check_not_assessed_with_its_reason() -> None:
    report = audit(_bare())
    assert dict(report.not_assessed) == REASONS
    assert report.assessed == ("structure.steward",)
    assert set(report.scores) == set(report.assessed)
    assert all(report.coverage[c] == 0.0 for c in REASONS)
    # the overall score is that of the one check assessed (the steward is set)
    assert report.score == 100.0
    assert f"1 of {len(report.checks)} checks assessed" in report.to_text()
    frame = report.checks_frame().set_index("check")
    assert frame.loc["margins.stacking", "reason"] == "no route pricing"
    assert not frame.loc["margins.stacking", "assessed"]
    assert "not assessed: no route pricing" in report.to_markdown()


def _flows() -> list[Any]:
    return [
        cv.Segment("s", size=10),
        cv.Supplies("v", "r"),
        cv.Serves("r", "s"),
        cv.FlowTable("s", weights={"promotion": 1.0}, shares={"promotion": {"v": 0.5, "r": 0.5}}),
        cv.Margin("s", "v", share=0.5),
        cv.Margin("s", "r", share=0.5),
    ]


# (check, what makes it assessed): one case per check family
ASSESSED_WITH = [
    ("compensation.equity", _flows),
    (
        "conflict.accounts",
        lambda: [cv.mapping.account_list("r", ["a"]), cv.mapping.account_list("v", ["a"])],
    ),
    ("conflict.overlap", lambda: [cv.Segment("s"), cv.Serves("r", "s")]),
    ("coverage.segments", lambda: [cv.Segment("s")]),
    ("coverage.needs", lambda: [cv.Segment("s", needs={"availability": (0.9, 1.0)})]),
    (
        "margins.stacking",
        lambda: [
            cv.RoutePricing(
                "p", steward="v", list_price=10, levels=[cv.PriceLevel("r", buy=5, sell=8)]
            )
        ],
    ),
    ("propositions.integrity", lambda: [cv.Segment("s")]),
    ("reporting.coverage", lambda: [cv.ReportsTo("r", "v")]),
    ("engagement.tiering", lambda: [cv.Organization("t", role="msp", revenue=5, tier="gold")]),
    ("reporting.manager_load", lambda: [cv.Manager("m", capacity=5), cv.ReportsTo("r", "v")]),
    ("transparency.sell_through", lambda: [cv.SharesData("r", "v", interval_days=7)]),
    ("resources.alignment", lambda: [cv.Investment("i", recipient="r", amount=5)]),
]


@pytest.mark.parametrize(("check", "items"), ASSESSED_WITH, ids=[c for c, _ in ASSESSED_WITH])
def test_each_check_is_assessed_once_its_data_is_there(check: str, items: Any) -> None:
    assert audit(_bare(), checks=[check]).not_assessed == {check: REASONS[check]}
    report = audit(_bare(*items()), checks=[check])
    assert report.not_assessed == {}
    assert report.assessed == (check,)
    assert report.score is not None


def test_checks_that_need_partner_attributes_are_assessed_once_a_partner_has_them() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor", priorities={"line:a": 1.0}),
            cv.Organization("r", role="reseller", revenue=10),
        ]
    )
    checks = ["priorities", "engagement", "power"]
    assert dict(audit(net, checks=checks).not_assessed) == {
        "engagement.fit": REASONS["engagement.fit"],
        "engagement.tiering": REASONS["engagement.tiering"],
        "power.balance": REASONS["power.balance"],
        "priorities.alignment": "no partner states priorities",
    }
    net.remove("r")
    net.add(
        cv.Organization(
            "r",
            role="reseller",
            revenue=10,
            priorities={"line:b": 1.0},
            engagement="pooled",
            steward_share=0.5,
            tier="silver",
        )
    )
    report = audit(net, checks=checks)
    assert report.not_assessed == {}
    assert report.coverage == {
        "engagement.fit": 1.0,
        "engagement.tiering": 1.0,
        "power.balance": 1.0,
        "priorities.alignment": 1.0,
    }


def test_coverage_is_the_share_of_partner_revenue_a_check_sees() -> None:
    net = _bare(
        cv.Organization("big", role="reseller", revenue=30),
        cv.mapping.account_list("big", ["a", "b"]),
        cv.mapping.account_list("r", ["b"]),
    )
    # partner revenue: r 10 + big 30; both have account lists
    assert audit(net, checks=["conflict"]).coverage["conflict.accounts"] == 1.0
    net = _bare(
        cv.Organization("big", role="reseller", revenue=30),
        cv.mapping.account_list("big", ["a", "b"]),
    )
    assert audit(net, checks=["conflict"]).coverage["conflict.accounts"] == pytest.approx(0.75)


# ---------------------------------------------------------------- no steward, no checks


def test_no_steward_is_an_error_not_a_quiet_pass() -> None:
    net = cv.ChannelNetwork(name="no steward")
    net.add_all(
        [
            cv.Organization("d", role="distributor", revenue=50),
            cv.Organization("r", role="reseller", revenue=10),
        ]
    )
    report = audit(net)
    [error, info] = report.filter(check="structure")
    assert (error.severity, error.share) == (cv.Severity.ERROR, 1.0)
    assert "no steward is set" in error.message
    assert (info.severity, info.share) == (cv.Severity.INFO, 0.0)  # and no vendor
    assert report.scores["structure.steward"] == 0.0
    assert report.fails("error")
    for check in ("reporting.coverage", "transparency.sell_through", "engagement.fit"):
        assert report.not_assessed[check] == "no steward is set"
    assert report.score is not None
    assert report.score < 50


def test_no_checks_no_score() -> None:
    report = audit(cv.datasets.example(), checks=[])
    assert report.score is None
    assert report.checks == ()
    assert "no score" in report.to_text()
    assert AuditReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    alone = audit(_bare(), checks=["margins"])
    assert alone.score is None
    assert alone.checks == ("margins.stacking",)


# ---------------------------------------------------------------- size invariance


def replicate(net: cv.ChannelNetwork, k: int) -> cv.ChannelNetwork:
    """`k` disjoint copies of every item of `net` but the steward, under renamed ids
    (copy 0 keeps its ids, copy i adds `~i`), all stewarded by the same steward. Customer
    accounts are renamed too; the steward's own account list holds every copy's accounts."""
    doc = document(net)
    steward = doc.get("steward")

    def rn(x: str, i: int) -> str:
        return x if x == steward or i == 0 else f"{x}~{i}"

    def each(items: list[dict[str, Any]], fix: Any) -> list[dict[str, Any]]:
        out = []
        for i in range(k):
            for item in items:
                copied = fix(copy.deepcopy(item), i)
                if copied is not None:
                    out.append(copied)
        return out

    def org(o: dict[str, Any], i: int) -> dict[str, Any] | None:
        if o["id"] == steward and i:
            return None
        return {**o, "id": rn(o["id"], i)}

    def link(ln: dict[str, Any], i: int) -> dict[str, Any]:
        ln["source"], ln["target"] = rn(ln["source"], i), rn(ln["target"], i)
        if ln.get("manager"):
            ln["manager"] = rn(ln["manager"], i)
        return ln

    def renamed(*fields: str, lists: tuple[str, ...] = ()) -> Any:
        def fix(x: dict[str, Any], i: int) -> dict[str, Any]:
            for f in fields:
                if x.get(f):
                    x[f] = rn(x[f], i)
            for f in lists:
                x[f] = [rn(v, i) for v in x.get(f, [])]
            return x

        return fix

    def table(t: dict[str, Any], i: int) -> dict[str, Any]:
        t["segment"] = rn(t["segment"], i)
        for key in ("shares", "costs"):
            if key in t:
                t[key] = {f: {rn(m, i): v for m, v in ms.items()} for f, ms in t[key].items()}
        return t

    def pricing(r: dict[str, Any], i: int) -> dict[str, Any]:
        r = renamed("id", "segment")(r, i)
        for level in r["levels"]:
            level["member"] = rn(level["member"], i)
        return r

    plan = doc["plan"]
    lists: dict[str, list[str]] = {}
    for i in range(k):
        for a in plan.get("account_lists", []):
            owner = rn(a["owner"], i)
            lists.setdefault(owner, []).extend(x if i == 0 else f"{x}~{i}" for x in a["accounts"])
    new_plan = {
        "levers": each(plan.get("levers", []), renamed("id", lists=("owners",))),
        "propositions": each(
            plan.get("propositions", []), renamed("id", "segment", lists=("levers", "owners"))
        ),
        "investments": each(plan.get("investments", []), renamed("id", "recipient")),
        "margins": each(plan.get("margins", []), renamed("segment", "member")),
        "flow_tables": each(plan.get("flow_tables", []), table),
        "route_pricing": each(plan.get("route_pricing", []), pricing),
        "account_lists": [{"owner": o, "accounts": sorted(v)} for o, v in lists.items()],
    }
    assert set(plan) <= set(new_plan), "a plan section the replication does not copy"
    out = {key: doc[key] for key in ("format", "format_version", "name", "steward")}
    out["organizations"] = each(doc["organizations"], org)
    out["segments"] = each(doc["segments"], renamed("id"))
    out["managers"] = each(doc["managers"], renamed("id"))
    out["links"] = each(doc["links"], link)
    out["plan"] = new_plan
    return network_from_document(out)


def test_replicate_makes_disjoint_copies() -> None:
    net = cv.datasets.example()
    big = replicate(net, 3)
    assert len(big.organizations) == 3 * len(net.organizations) - 2  # one steward
    assert len(big.segments) == 3 * len(net.segments)
    assert len(list(big.links())) == 3 * len(list(net.links()))
    assert big.organizations["res-07~2"].revenue == net.organizations["res-07"].revenue


@pytest.mark.parametrize("k", [10, 100])
def test_the_same_channel_scores_the_same_at_any_size(k: int) -> None:
    net = cv.datasets.example()
    small, big = audit(net), audit(replicate(net, k))
    assert big.checks == small.checks
    assert big.not_assessed == small.not_assessed
    for check in small.scores:
        assert big.scores[check] == pytest.approx(small.scores[check], abs=1e-9), check
        assert big.coverage[check] == pytest.approx(small.coverage[check], abs=1e-9), check
    assert big.score == pytest.approx(small.score, abs=1e-9)
    # the findings multiply (network-wide ones stay one per network), their shares shrink
    for check, counts in small.counts_by_check.items():
        assert sum(big.counts_by_check[check].values()) >= sum(counts.values())
    assert len(big.findings) > k // 2 * len(small.findings)


# ---------------------------------------------------------------- every finding reachable


def _many_without_feeds(n: int) -> cv.ChannelNetwork:
    """`n` partners without a data feed, and one partner ("fed") with one."""
    net = cv.ChannelNetwork(steward="v", name="many")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("fed", role="reseller", revenue=1.0),
            cv.SharesData("fed", "v", interval_days=7),
            *[
                cv.Organization(f"p{i:04d}", role="reseller", name=f"Partner {i}", revenue=1.0)
                for i in range(n)
            ],
        ]
    )
    return net


def test_more_than_a_thousand_findings_of_one_kind_are_all_reachable() -> None:
    n = 1200
    report = audit(_many_without_feeds(n), checks=["transparency"])
    found = report.filter(check="transparency.sell_through")
    assert len(found) == n  # one per partner without a feed, none folded
    assert not any("not listed" in f.message for f in report)
    frame = report.to_frame()
    assert len(frame) == n
    assert set(frame["subjects"]) == {f"p{i:04d}" for i in range(n)}
    assert frame["names"].iloc[0].startswith("Partner ")
    md = report.to_markdown(limit=10)
    assert md.count("| warning |") + md.count("| error |") == 10
    assert f"*... and {n - 10:,} more findings of this check.*" in md
    everything = report.to_markdown(limit=None)
    assert everything.count("shares no data upstream") == n
    assert "and 1,190 more findings" in report._repr_html_()
    assert report.to_html(limit=None).count("shares no data upstream") == n
    assert AuditReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report
    # 1,201 equal partners: each has 1/1201 of revenue; the key partners are those with less
    # than 80% before them: all (ties are alike), so every finding is an error of share
    # 1/1201: 100 * (1 - 1200 / 1201)
    assert report.scores["transparency.sell_through"] == pytest.approx(100 / 1201)


# ---------------------------------------------------------------- names in messages


def test_messages_name_organizations_segments_and_managers_and_subjects_keep_ids() -> None:
    net = cv.datasets.example()
    report = audit(net)
    # organization and manager ids (segment ids such as "smb" are also plain words)
    named = {o.id for o in net.organizations.values() if o.name}
    named |= {m.id for m in net.managers.values() if m.name}
    for f in report:
        assert set(f.subjects) <= set(report.names)
        for word in f.message.replace(",", " ").replace(":", " ").replace("'s", "").split():
            assert word not in named, (word, f.message)
    needs = report.filter(check="coverage.needs").findings
    assert [f.subjects[0] for f in needs] == ["enterprise", "midmarket", "smb"]
    assert "the routes to Small business under-serve" in needs[2].message
    manager = report.filter(check="reporting.manager_load").findings[0]
    assert manager.subjects == ("pam-south",)
    assert manager.message.startswith("manager Tom Berg (partner manager, south) carries")
    frame = report.to_frame()
    row = frame[frame.check == "reporting.manager_load"].iloc[0]
    assert (row["subjects"], row["names"]) == ("pam-south", "Tom Berg (partner manager, south)")
    assert report.to_frame(labels="id").iloc[0]["names"] == report.to_frame().iloc[0]["subjects"]
    text = report.to_text(labels="id")
    assert "pam-south" in text


# ---------------------------------------------------------------- monitoring


def test_compare_lists_checks_not_assessed_and_its_html_is_bounded() -> None:
    before = audit(_many_without_feeds(300))
    net = _many_without_feeds(300)
    net.add_all([cv.SharesData(f"p{i:04d}", "v", interval_days=7) for i in range(150)])
    net.add(cv.Investment("mdf", recipient="p0000", amount=5))
    after = audit(net)
    diff = compare(before, after)
    assert diff.not_assessed_before["resources.alignment"] == "no investments in partners"
    assert "resources.alignment" not in diff.not_assessed_after
    assert "resources.alignment" in diff.checks_only_after
    assert "resources.alignment" not in diff.score_deltas
    assert len(diff.resolved) == 150
    html = diff._repr_html_()
    assert html.count("<tr><td>") <= 3 * 20
    assert "... and 130 more resolved findings." in html
    assert len(html) < 20_000
    assert "resources.alignment</code> not assessed before" in html
    md = diff.to_markdown(limit=5)
    assert "- *... and 145 more*" in md
