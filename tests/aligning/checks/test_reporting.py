"""reporting.coverage and reporting.manager_load: fire, stay quiet, evidence by hand."""

from __future__ import annotations

import pytest

import channelvalue as cv


@pytest.fixture
def fires(network, reseller) -> cv.ChannelNetwork:
    # partner revenue: d 0 + r1 600 + r2 300 + r3 100 + r4 0 = 1000
    return network(
        cv.Organization("d", role="distributor"),
        reseller("r1", 600, tier="gold"),
        reseller("r2", 300),
        reseller("r3", 100),
        reseller("r4", 0),
        cv.Manager("m1", capacity=2),
        cv.ReportsTo("d", "v", manager="m1"),
        cv.ReportsTo("r1", "d", manager="m1"),
        cv.ReportsTo("r2", "d"),  # no manager named
        cv.ReportsTo("r4", "r3"),  # r3 reports to nobody: r4's line never arrives
    )


@pytest.fixture
def quiet(network, reseller) -> cv.ChannelNetwork:
    return network(
        cv.Organization("d", role="distributor"),
        reseller("r1", 600, tier="gold"),
        reseller("r2", 300),
        cv.Manager("m1", capacity=10),
        cv.Manager("m2", capacity=1),
        cv.ReportsTo("d", "v", manager="m1"),
        cv.ReportsTo("r1", "d", manager="m1"),
        cv.ReportsTo("r2", "v", manager="m2"),  # load 1 / capacity 1: at, not over
    )


def test_coverage_fires_with_hand_checked_evidence(run, fires: cv.ChannelNetwork) -> None:
    found = run("reporting.coverage", fires, key_partner_cover=0.95)
    assert [f.subjects for f in found] == [("r3",), ("r4", "r3")]  # most revenue first
    r3, r4 = found
    # r3: r1 and r2 bring 0.9 of revenue before it, < key_partner_cover 0.95 -> error
    assert r3.severity is cv.Severity.ERROR
    assert dict(r3.evidence) == {"revenue": 100.0, "revenue_share": 0.1}
    assert (r3.share, r4.share) == (0.1, 0.0)
    # at the default cover (0.8) r3 is not a key partner: a warning
    assert run("reporting.coverage", fires)[0].severity is cv.Severity.WARNING
    assert "has no reporting line" in r3.message
    # r4: no revenue -> a warning; its line goes to r3, which never reaches the steward
    assert r4.severity is cv.Severity.WARNING
    assert r4.evidence["revenue_share"] == 0.0
    assert "never reaches the steward v" in r4.message


def test_coverage_quiet(run, quiet: cv.ChannelNetwork) -> None:
    assert run("reporting.coverage", quiet) == []


def test_coverage_ignores_owned_units_and_the_steward(network, run) -> None:
    net = network(cv.Organization("own", role="agent", owned=True, revenue=5.0))
    assert run("reporting.coverage", net) == []


def test_coverage_without_steward_is_not_assessed_and_the_steward_check_errs(reseller) -> None:
    net = cv.ChannelNetwork(steward="ghost")
    net.add(reseller("r"))
    report = cv.audit(net, checks=["reporting.coverage", "structure"])
    assert report.not_assessed == {
        "reporting.coverage": "the steward 'ghost' is not in the network"
    }
    [f, info] = report.findings
    assert (f.check, f.severity, f.subjects, f.share) == (
        "structure.steward",
        cv.Severity.ERROR,
        ("ghost",),
        1.0,
    )
    assert "not in the network" in f.message
    assert report.scores == {"structure.steward": 0.0}
    empty = cv.audit(cv.ChannelNetwork(), checks=["reporting.coverage", "structure"])
    assert empty.not_assessed == {"reporting.coverage": "no steward is set"}
    assert "no steward is set" in empty.findings[0].message


def test_manager_load_fires_with_hand_checked_evidence(
    by_subject, run, fires: cv.ChannelNetwork
) -> None:
    found = by_subject(run("reporting.manager_load", fires))
    # m1 names d (registered, weight 1) and r1 (gold, weight 2): load 3 over capacity 2
    m1 = found["m1"]
    assert dict(m1.evidence) == {
        "load": 3.0,
        "capacity": 2.0,
        "ratio": 1.5,
        "organizations": 2.0,
        "revenue_share": 0.6,  # d 0 + r1 0.6: the partner revenue it carries, its share
    }
    assert m1.share == 0.6
    assert m1.severity is cv.Severity.ERROR  # 1.5 >= manager_overload_error 1.5
    # r2 reports to d with no manager; 300 / 1000 = 0.3 of revenue: a key partner
    assert found["r2"].severity is cv.Severity.ERROR
    assert found["r2"].subjects == ("r2", "d")
    assert found["r2"].evidence["revenue_share"] == 0.3
    # r4 too (its link names no manager), but it has no revenue: a warning
    assert found["r4"].severity is cv.Severity.WARNING
    assert set(found) == {"m1", "r2", "r4"}


def test_manager_load_warning_between_the_thresholds(network, reseller, run) -> None:
    # weight 3 + 1 = 4 over capacity 3: ratio 1.33 is over 1 but under 1.5
    net = network(
        reseller("a", tier="platinum"),
        reseller("b"),
        cv.Manager("m", capacity=3),
        cv.ReportsTo("a", "v", manager="m"),
        cv.ReportsTo("b", "v", manager="m"),
    )
    [f] = run("reporting.manager_load", net)
    assert f.severity is cv.Severity.WARNING
    assert round(f.evidence["ratio"], 6) == round(4 / 3, 6)


def test_manager_load_uses_configured_tier_weights(network, reseller, run) -> None:
    net = network(
        reseller("a", tier="gold"), cv.Manager("m", capacity=2), cv.ReportsTo("a", "v", manager="m")
    )
    assert run("reporting.manager_load", net) == []  # gold weighs 2: at capacity
    [f] = run("reporting.manager_load", net, tier_weights={"gold": 5})
    assert f.evidence["load"] == 5.0


def test_manager_load_quiet(run, quiet: cv.ChannelNetwork) -> None:
    assert run("reporting.manager_load", quiet) == []


def test_many_findings_are_all_listed_most_revenue_first(reseller, run, network) -> None:
    partners = [reseller(f"r{i:02d}", 10.0 * (i + 1)) for i in range(12)]
    found = run("reporting.coverage", network(*partners))
    assert [f.subjects[0] for f in found] == [f"r{i:02d}" for i in range(11, -1, -1)]
    # total revenue 10 * (1 + ... + 12) = 780; key partners bring 80% = 624: r11..r05 bring
    # 120 + ... + 60 = 630, and 120 + ... + 70 = 570 < 624 lies before r05: r11..r05 are key
    assert [f.severity.value for f in found] == ["error"] * 7 + ["warning"] * 5
    assert sum(f.share or 0 for f in found) == pytest.approx(1.0)
