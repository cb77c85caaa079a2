"""priorities.alignment: fire, stay quiet, evidence by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.aligning.checks.priorities import normalised, overlap

# steward: line a 3, line b 1, vertical x 1 -> line: a 0.75, b 0.25; vertical: x 1.0
STEWARD = {"line:a": 3.0, "line:b": 1.0, "vertical:x": 1.0}


@pytest.fixture
def fires(network, reseller) -> cv.ChannelNetwork:
    return network(
        reseller("p1", 500, priorities={"line:a": 1}),
        reseller("p2", 300, priorities={"line:b": 1, "vertical:y": 1}),
        reseller("p3", 200, priorities={"region:north": 1}),
        reseller("p4", 0),
        priorities=STEWARD,
    )


def test_overlap_by_hand() -> None:
    assert overlap({"line:a": 1}, STEWARD) == 0.75  # min(1, .75) in the line namespace
    # line: min(1, .25) = .25; vertical: y is not the steward's x -> 0; mean .125
    assert overlap({"line:b": 1, "vertical:y": 1}, STEWARD) == 0.125
    assert overlap({"region:north": 1}, STEWARD) == 0.0  # no namespace in common
    assert overlap({}, STEWARD) is None
    assert overlap({"line:a": 0}, STEWARD) is None  # zero weights state nothing
    assert overlap(STEWARD, STEWARD) == 1.0


def test_normalised_groups_by_namespace() -> None:
    assert normalised({"a": 1, "line:x": 1, "line:y": 3}) == {
        "": {"a": 1.0},
        "line": {"line:x": 0.25, "line:y": 0.75},
    }


def test_fires_with_hand_checked_evidence(run, fires: cv.ChannelNetwork, by_subject) -> None:
    found = run("priorities.alignment", fires)
    partners = by_subject([f for f in found if f.subjects[0] != "v"])
    assert set(partners) == {"p2", "p3"}  # p1 overlaps 0.75; p4 states no priorities
    # partner revenue 500 + 300 + 200 + 0 = 1000
    assert dict(partners["p2"].evidence) == {
        "overlap": 0.125,
        "revenue": 300.0,
        "revenue_share": 0.3,
    }
    assert partners["p3"].evidence["overlap"] == 0.0
    # key partners: the largest that bring 80% of revenue: p1 (0 before it), p2 (50% before)
    # but not p3 (80% before it)
    assert partners["p2"].severity is cv.Severity.ERROR
    assert partners["p3"].severity is cv.Severity.WARNING
    assert (partners["p2"].share, partners["p3"].share) == (0.3, 0.2)
    # 0.3 + 0.2 = 0.5 of revenue with misaligned partners > 0.25: one network finding
    [net_wide] = [f for f in found if f.subjects == ("v",)]
    assert net_wide.severity is cv.Severity.WARNING
    assert dict(net_wide.evidence) == {
        "revenue_share": 0.5,
        "partners": 2.0,
        "judged_partners": 3.0,
    }
    assert net_wide.share == 0.0  # a summary of partners counted already
    assert [f.subjects[0] for f in found][:2] == ["p2", "p3"]  # most revenue first


def test_threshold_is_configurable(run, fires: cv.ChannelNetwork) -> None:
    found = run("priorities.alignment", fires, min_priority_overlap=0.1)
    assert [f.subjects for f in found] == [("p3",)]  # 0.125 passes, 0 does not
    found = run("priorities.alignment", fires, min_priority_overlap=0.8)
    assert {f.subjects[0] for f in found} == {"p1", "p2", "p3", "v"}


def test_quiet(network, reseller, run) -> None:
    net = network(
        reseller("p1", 500, priorities={"line:a": 1}),
        reseller("p2", 100, priorities={"line:a": 3, "line:b": 1, "vertical:x": 2}),
        priorities=STEWARD,
    )
    assert run("priorities.alignment", net) == []


def test_without_priorities_the_check_is_not_assessed(network, reseller, run) -> None:
    net = network(reseller("p1", 5, priorities={"line:a": 1}))
    assert run("priorities.alignment", net) == []
    report = cv.audit(net, checks=["priorities"])
    assert report.not_assessed == {"priorities.alignment": "the steward states no priorities"}
    assert report.score is None
    net = network(reseller("p1", 5), priorities={"line:a": 1})
    report = cv.audit(net, checks=["priorities"])
    assert report.not_assessed == {"priorities.alignment": "no partner states priorities"}


def test_no_steward(run) -> None:
    assert run("priorities.alignment", cv.ChannelNetwork(steward="x")) == []
    report = cv.audit(cv.ChannelNetwork(steward="x"), checks=["priorities"])
    assert report.not_assessed == {"priorities.alignment": "the steward 'x' is not in the network"}


weights = st.dictionaries(
    st.sampled_from(["line:a", "line:b", "vertical:x", "vertical:y", "misc"]),
    st.floats(0, 10),
    max_size=5,
)


@given(weights, weights)
def test_overlap_is_a_share_and_one_with_itself(p: dict[str, float], s: dict[str, float]) -> None:
    value = overlap(p, s)
    if value is not None:
        assert 0.0 <= value <= 1.0
    if normalised(p):
        assert overlap(p, p) == pytest.approx(1.0)
