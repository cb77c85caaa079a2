"""Role demarcation: primary owners, division of labour and findings, by hand."""

from __future__ import annotations

import math
import sys

import pytest

import channelvalue as cv
from channelvalue.building import demarcate
from channelvalue.errors import UnknownIdError, ValidationError


def test_small_table_by_hand(flow_net) -> None:
    d = demarcate(flow_net(), "s")
    assert d.primary["physical_possession"] == "d"  # d does all of it
    assert d.primary["promotion"] == "acme"  # acme 0.5 = r1 0.5: the first id of the tie
    assert d.primary["negotiation"] == "r1"  # r1 0.45 > r2 0.35 > acme 0.2
    assert d.primary["payment"] is None  # not in the table: nobody owns it
    clear = {duty.flow.value: duty.clear for duty in d.flows}
    # 1.0 >= 0.5 and beats 0.0; 0.5 ties 0.5; 0.45 < 0.5
    assert clear["physical_possession"] is True
    assert clear["promotion"] is False
    assert clear["negotiation"] is False
    checks = [(f.check, f.subjects[1]) for f in d.findings]
    assert checks == [
        ("demarcation.no_owner", "financing"),
        ("demarcation.no_owner", "ordering"),
        ("demarcation.no_owner", "ownership"),
        ("demarcation.no_owner", "payment"),
        ("demarcation.no_owner", "risking"),
        ("demarcation.no_primary", "negotiation"),
        ("demarcation.no_primary", "promotion"),
    ]
    assert all(f.severity is cv.Severity.WARNING for f in d.findings)
    neg = d.findings[5]
    assert neg.subjects == ("s", "negotiation", "r1", "r2", "acme")
    assert dict(neg.evidence) == {"weight": 0.2, "top_share": 0.45, "second_share": 0.35}
    assert "r1 0.45, r2 0.35, acme 0.2" in neg.message
    # division of labour: the flows each member works on (r2's 0.0 share is no work)
    assert {m: dict(v) for m, v in d.labour.items()} == {
        "acme": {cv.Flow.PROMOTION: 0.5, cv.Flow.NEGOTIATION: 0.2},
        "d": {cv.Flow.PHYSICAL_POSSESSION: 1.0},
        "r1": {cv.Flow.PROMOTION: 0.5, cv.Flow.NEGOTIATION: 0.45},
        "r2": {cv.Flow.NEGOTIATION: 0.35},
    }
    assert d.primary_of("r1") == ("negotiation",)
    assert d.primary_of("r2") == ()


def test_threshold_moves_the_line(flow_net) -> None:
    # at 0.4, r1's 0.45 is enough and beats r2's 0.35; the 0.5/0.5 tie is still unclear
    d = demarcate(flow_net(), "s", threshold=0.4)
    assert [f.subjects[1] for f in d.findings if f.check.endswith("no_primary")] == ["promotion"]
    # at 1.0 only a member doing all of a flow is a clear primary
    d1 = demarcate(flow_net(), "s", threshold=1.0)
    assert [duty.flow.value for duty in d1.flows if duty.clear] == ["physical_possession"]


def test_example_and_frames() -> None:
    d = demarcate(cv.datasets.example(), "smb")
    assert repr(d) == "<Demarcation 'smb': 5 of 8 flows with a clear primary, 3 findings>"
    frame = d.to_frame()
    assert list(frame.columns) == ["flow", "weight", "member", "share", "primary", "clear"]
    # every flow's shares add up to 1
    assert frame.groupby("flow")["share"].sum().round(9).eq(1.0).all()
    assert frame[frame["primary"]]["flow"].nunique() == 8
    assert d.flows[0].top_share == 0.7
    assert math.isclose(sum(d.flows[0].shares.values()), 1.0)


def test_errors() -> None:
    net = cv.datasets.example()
    with pytest.raises(UnknownIdError, match="demarcate: unknown segment id 'nope'"):
        demarcate(net, "nope")
    with pytest.raises(UnknownIdError, match="unknown flow table id 'public'"):
        demarcate(net, "public")
    for bad in (0, -0.1, 1.5, math.nan, "0.5", True):
        with pytest.raises(ValidationError) as err:
            demarcate(net, "smb", threshold=bad)  # type: ignore[arg-type]
        assert err.value.field == "threshold"


def _five_way_net() -> cv.ChannelNetwork:
    """v -> r1..r5 -> s; the five resellers split negotiation 0.2 each."""
    net = cv.ChannelNetwork(steward="v")
    resellers = [f"r{k}" for k in range(1, 6)]
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Segment("s", size=1),
            *(cv.Organization(r, role="reseller") for r in resellers),
            *(cv.Supplies("v", r) for r in resellers),
            *(cv.Serves(r, "s") for r in resellers),
            cv.FlowTable(
                "s",
                weights={"negotiation": 1.0},
                shares={"negotiation": dict.fromkeys(resellers, 0.2)},
            ),
        ]
    )
    return net


def test_evidence_of_a_two_way_split_and_of_an_unlisted_flow(flow_net) -> None:
    d = demarcate(flow_net(), "s")
    by_flow = {f.subjects[1]: f for f in d.findings}
    # promotion: acme 0.5 and r1 0.5 (weight 0.3) -> the second share is r1's 0.5
    promo = by_flow["promotion"]
    assert promo.subjects == ("s", "promotion", "acme", "r1")
    assert dict(promo.evidence) == {"weight": 0.3, "top_share": 0.5, "second_share": 0.5}
    # payment is neither weighted nor shared in the table: weight 0, nobody owns it
    payment = next(duty for duty in d.flows if duty.flow is cv.Flow.PAYMENT)
    assert payment.weight == 0.0
    assert payment.top_share == 0.0
    assert dict(by_flow["payment"].evidence) == {"weight": 0.0}


def test_a_split_among_many_names_the_four_largest() -> None:
    d = demarcate(_five_way_net(), "s")
    (finding,) = [f for f in d.findings if f.check == "demarcation.no_primary"]
    # five equal shares of 0.2: the finding names the first four by id, in subjects and text
    assert finding.subjects == ("s", "negotiation", "r1", "r2", "r3", "r4")
    assert "(r1 0.2, r2 0.2, r3 0.2, r4 0.2)" in finding.message
    assert dict(finding.evidence) == {"weight": 1.0, "top_share": 0.2, "second_share": 0.2}
    # all five still work on it
    assert sorted(d.labour) == ["r1", "r2", "r3", "r4", "r5"]


def test_error_messages_name_the_argument_and_the_fix() -> None:
    net = cv.datasets.example()
    with pytest.raises(ValidationError) as err:
        demarcate(net, "smb", threshold=1.5)
    assert str(err.value) == "demarcate.threshold: got 1.5 but expected a number in (0, 1]"
    with pytest.raises(UnknownIdError) as missing:
        demarcate(net, "public")
    assert str(missing.value) == (
        "demarcate: unknown flow table id 'public' (add a FlowTable for it)"
    )


def test_frame_without_pandas_names_the_method(flow_net, monkeypatch: pytest.MonkeyPatch) -> None:
    d = demarcate(flow_net(), "s")
    monkeypatch.setitem(sys.modules, "pandas", None)  # as if pandas were not installed
    with pytest.raises(cv.MissingDependencyError, match=r"^Demarcation\.to_frame\(\) needs"):
        d.to_frame()
