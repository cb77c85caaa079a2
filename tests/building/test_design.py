"""Zero-based channel design: the MILP against brute-force enumeration, the worked example,
the gap to the current routes and the errors."""

from __future__ import annotations

import itertools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.building import (
    ChannelDesign,
    InfeasibleDesignError,
    MemberType,
    compare_design,
    design_channel,
    design_channels,
)
from channelvalue.errors import (
    ChannelValueError,
    DuplicateIdError,
    UnknownIdError,
    ValidationError,
    WrongTypeError,
)
from channelvalue.model import Flow, ServiceOutput
from channelvalue.testing import strategies as cvst

FLOWS = list(Flow)
SLACK = 1e-9


def costs(*values: float | None) -> dict[str, float]:
    """Costs in flow order; `None` leaves the flow out (the type cannot carry it)."""
    return {f.value: v for f, v in zip(FLOWS, values, strict=True) if v is not None}


# ---------------------------------------------------------------------- enumeration
def enumerate_optimum(segment: cv.Segment, types: list[MemberType]) -> float | None:
    """The cheapest cost over every assignment of the 8 flows to the types (None: none
    feasible). The types in the channel are those that carry a flow."""
    n_t = len(types)
    assign = np.array(list(itertools.product(range(n_t), repeat=len(FLOWS))))
    cost = np.array([[t.costs.get(f, math.inf) for f in FLOWS] for t in types])
    fixed = np.array([t.fixed_cost for t in types])
    used = np.zeros((len(assign), n_t), dtype=bool)
    for f in range(len(FLOWS)):
        used[np.arange(len(assign)), assign[:, f]] = True
    total = cost[assign, np.arange(len(FLOWS))].sum(axis=1) + used @ fixed
    ok = np.isfinite(total)
    for o, need in segment.needs.items():
        if need.level <= 0:
            continue
        able = np.array([t.capabilities.get(o, 0.0) + SLACK >= need.level for t in types])
        ok &= (used & able).any(axis=1)
    return float(total[ok].min()) if ok.any() else None


def check_design(d: ChannelDesign, segment: cv.Segment, types: list[MemberType]) -> None:
    """The design is what it says: every flow carried by a chosen type able to, every
    chosen type carries a flow, every need met, the cost adds up."""
    by_name = {t.name: t for t in types}
    assert set(d.flows) == set(FLOWS)
    assert set(d.flows.values()) == set(d.types)
    for f, name in d.flows.items():
        assert f in by_name[name].costs
    for o, need in segment.needs.items():
        if need.level > 0:
            assert max(by_name[n].capabilities.get(o, 0.0) for n in d.types) + SLACK >= need.level
    expected = math.fsum(by_name[n].fixed_cost for n in d.types) + math.fsum(
        by_name[n].costs[f] for f, n in d.flows.items()
    )
    assert math.isclose(d.cost, expected, rel_tol=1e-12, abs_tol=1e-12)


_GRID_CAPS = st.sampled_from([0.0, 0.3, 0.6, 0.9, 1.0])
_GRID_LEVELS = st.sampled_from([0.0, 0.3, 0.5, 0.6, 0.9])
_OUTPUTS = [ServiceOutput.AVAILABILITY, ServiceOutput.LOT_SIZE, ServiceOutput.CUSTOMIZATION]


@st.composite
def instances(draw: st.DrawFn) -> tuple[cv.Segment, list[MemberType]]:
    n_t = draw(st.integers(2, 4))
    types = []
    for k in range(n_t):
        caps = {o.value: draw(_GRID_CAPS) for o in _OUTPUTS}
        cost_row = {
            f.value: draw(st.floats(0.0, 10.0))
            for f in FLOWS
            if draw(st.integers(0, 5)) > 0  # about one flow in six it cannot carry
        }
        types.append(
            MemberType(
                f"t{k}",
                role=draw(st.sampled_from(cv.Role)),
                capabilities=caps,
                costs=cost_row,
                fixed_cost=draw(st.floats(0.0, 10.0)),
            )
        )
    needs = {o.value: (draw(_GRID_LEVELS), 1.0) for o in _OUTPUTS if draw(st.booleans())}
    return cv.Segment("s", needs=needs), types


def _solve_or_none(segment: cv.Segment, types: list[MemberType]) -> ChannelDesign | None:
    try:
        return design_channel(segment, types)
    except InfeasibleDesignError:
        return None


@settings(max_examples=60, deadline=None, database=None)
@given(instances())
def test_milp_cost_equals_enumerated_optimum(inst: tuple[cv.Segment, list[MemberType]]) -> None:
    segment, types = inst
    best = enumerate_optimum(segment, types)
    d = _solve_or_none(segment, types)
    assert (d is None) == (best is None)
    if d is not None and best is not None:
        check_design(d, segment, types)
        # HiGHS stops within its absolute MIP gap (1e-6, which scipy's milp does not expose):
        # designs whose costs differ by less than that are equally optimal to it
        assert math.isclose(d.cost, best, rel_tol=1e-9, abs_tol=1e-6)


@settings(max_examples=30, deadline=None, database=None)
@given(
    st.lists(cvst.member_types(), min_size=2, max_size=3, unique_by=lambda t: t.name),
    st.dictionaries(st.sampled_from(ServiceOutput), cvst.needs(), max_size=3),
)
def test_milp_matches_enumeration_on_library_strategy(
    types: list[MemberType], needs: dict[ServiceOutput, Any]
) -> None:
    segment = cv.Segment("s", needs=needs)
    best = enumerate_optimum(segment, types)
    d = _solve_or_none(segment, types)
    assert (d is None) == (best is None)
    if d is not None and best is not None:
        check_design(d, segment, types)
        assert math.isclose(d.cost, best, rel_tol=1e-9, abs_tol=1e-6)


# ---------------------------------------------------------------------- the worked example
def guide_types() -> list[MemberType]:
    """The four member types of the guide (docs/guides/design.md)."""
    return [
        MemberType(
            "direct sales",
            role="vendor",
            fixed_cost=10,
            capabilities={
                "product_information": 0.95,
                "customization": 0.9,
                "quality_assurance": 0.95,
                "after_sales_service": 0.7,
            },
            costs=costs(5, 5, 2, 3, 5, 5, 5, 5),
        ),
        MemberType(
            "distributor",
            role="distributor",
            fixed_cost=4,
            capabilities={
                "availability": 0.95,
                "lot_size": 0.9,
                "assortment": 0.8,
                "logistics": 0.9,
            },
            costs=costs(1, 1, None, None, 1, 2, 1, 1),
        ),
        MemberType(
            "VAR",
            role="reseller",
            fixed_cost=3,
            capabilities={
                "spatial_convenience": 0.8,
                "after_sales_service": 0.75,
                "product_information": 0.6,
                "lot_size": 0.5,
            },
            costs=costs(3, 3, 2, 2, 3, 3, 2, 2),
        ),
        MemberType(
            "integrator",
            role="system_integrator",
            fixed_cost=6,
            capabilities={
                "customization": 0.95,
                "after_sales_service": 0.9,
                "quality_assurance": 0.9,
                "product_information": 0.85,
            },
            costs=costs(4, 4, 3, 2, 4, 3, 3, 3),
        ),
    ]


def test_two_segment_worked_example_by_hand_and_by_enumeration() -> None:
    net = cv.datasets.example()
    types = guide_types()
    smb, ent = net.segments["smb"], net.segments["enterprise"]
    designs = design_channels([smb, ent], types)
    # smb: availability 0.9 and lot_size 0.8 need the distributor, spatial convenience 0.7
    # the VAR; each flow goes to the cheaper of the two: fixed 4 + 3, flows
    # 1+1+2+2+1+2+1+1 (the VAR takes promotion and negotiation, which the distributor
    # cannot carry) = 18.
    d = designs["smb"]
    assert d.types == ("distributor", "VAR")
    assert d.carries("VAR") == ("promotion", "negotiation")
    assert (d.fixed_cost, d.flow_cost, d.cost) == (7.0, 11.0, 18.0)
    # enterprise: after-sales 0.9 needs the integrator; alone it costs 6 + 26 = 32; with
    # the distributor (which carries six flows at 7) the integrator keeps promotion 3 and
    # negotiation 2: 6 + 4 + 3 + 2 + 7 = 22; the VAR (29) or direct sales (>= 30) do worse.
    e = designs["enterprise"]
    assert e.types == ("distributor", "integrator")
    assert e.carries("integrator") == ("promotion", "negotiation")
    assert (e.fixed_cost, e.flow_cost, e.cost) == (10.0, 12.0, 22.0)
    assert designs.cost == 40.0
    for seg, des in ((smb, d), (ent, e)):
        assert enumerate_optimum(seg, types) == des.cost
        check_design(des, seg, types)
    assert d.levels[ServiceOutput.SPATIAL_CONVENIENCE] == 0.8
    assert e.levels[ServiceOutput.AFTER_SALES_SERVICE] == 0.9


def test_frames_and_html() -> None:
    net = cv.datasets.example()
    d = design_channel(net.segments["smb"], guide_types())
    frame = d.to_frame()
    assert frame.shape == (8, 5)
    assert frame["cost"].sum() == d.flow_cost
    assert d.levels_frame()["output"].tolist() == [o.value for o in d.demanded]
    page = d._repr_html_()
    assert page.count("<tr>") == 1 + 8 + 1 + len(d.demanded)
    assert "distributor" in repr(d) or "smb" in repr(d)
    designs = design_channels([cv.Segment(f"s{k}") for k in range(30)], guide_types())
    assert designs._repr_html_().count("<tr>") == 21  # header + 20 rows, then "... 10 more"
    assert designs.to_frame().shape == (240, 5)
    with pytest.raises(UnknownIdError):
        designs["nope"]
    assert len(designs) == 30
    assert next(iter(designs)).segment == "s0"


def test_zero_level_needs_are_met_by_anyone() -> None:
    t = MemberType("t", role="agent", costs={f.value: 1.0 for f in FLOWS})
    d = design_channel(cv.Segment("s", needs={"customization": (0.0, 1.0)}), [t])
    assert d.cost == 8.0
    assert d.levels[ServiceOutput.CUSTOMIZATION] == 0.0


# ---------------------------------------------------------------------- infeasible
def test_infeasible_level_names_segment_output_level_and_best() -> None:
    seg = cv.Segment("ent", needs={"customization": (0.97, 3.0)})
    with pytest.raises(InfeasibleDesignError) as info:
        design_channel(seg, guide_types())
    err = info.value
    assert isinstance(err, ChannelValueError)
    assert (err.segment, err.output, err.level, err.best) == (
        "ent",
        ServiceOutput.CUSTOMIZATION,
        0.97,
        0.95,
    )
    assert str(err) == (
        "segment 'ent': no member type delivers customization at the demanded level 0.97 "
        "(best on offer: 0.95, by 'integrator')"
    )


def test_a_type_that_carries_no_flow_does_not_count() -> None:
    lazy = MemberType("lazy", role="agent", capabilities={"lot_size": 1.0})
    busy = MemberType("busy", role="agent", costs={f.value: 1.0 for f in FLOWS})
    with pytest.raises(InfeasibleDesignError, match="best on offer: 0, by 'busy'"):
        design_channel(cv.Segment("s", needs={"lot_size": (0.5, 1)}), [lazy, busy])


def test_flow_nobody_can_carry() -> None:
    t = MemberType("t", role="agent", costs=costs(1, 1, 1, 1, 1, 1, 1, None))
    with pytest.raises(InfeasibleDesignError, match="can carry the payment flow") as info:
        design_channel(cv.Segment("s"), [t])
    assert info.value.flow is Flow.PAYMENT
    assert info.value.output is None


def test_needs_met_one_by_one_but_not_together() -> None:
    # nine needs, each met by a different type only: nine types, but at most eight carry a flow
    every = {f.value: 1.0 for f in FLOWS}
    types = [
        MemberType(f"t{k}", role="agent", capabilities={o.value: 1.0}, costs=every)
        for k, o in enumerate(ServiceOutput)
    ]
    seg = cv.Segment("s", needs={o.value: (1.0, 1.0) for o in ServiceOutput})
    with pytest.raises(InfeasibleDesignError, match="together"):
        design_channel(seg, types)


# ---------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"capabilities": {"availability": 1.5}}, "MemberType.capabilities['availability']"),
        ({"capabilities": {"availability": -0.1}}, "MemberType.capabilities['availability']"),
        ({"capabilities": {"speed": 0.5}}, "MemberType.capabilities"),
        ({"costs": {"promotion": -1.0}}, "MemberType.costs['promotion']"),
        ({"costs": {"shipping": 1.0}}, "MemberType.costs"),
        ({"fixed_cost": math.nan}, "MemberType.fixed_cost"),
        ({"role": "wholesaler"}, "MemberType.role"),
    ],
)
def test_member_type_validation(kwargs: dict[str, Any], field: str) -> None:
    fields: dict[str, Any] = {"role": "agent", **kwargs}
    with pytest.raises(ValidationError) as info:
        MemberType("t", **fields)
    assert str(info.value).startswith(field)


def test_member_type_needs_a_name() -> None:
    with pytest.raises(ValidationError, match=r"MemberType\.name"):
        MemberType("", role="agent")


def test_argument_errors() -> None:
    t = MemberType("t", role="agent", costs={f.value: 1.0 for f in FLOWS})
    with pytest.raises(WrongTypeError):
        design_channel("s", [t])  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        design_channel(cv.Segment("s"), t)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        design_channel(cv.Segment("s"), [])
    with pytest.raises(WrongTypeError):
        design_channel(cv.Segment("s"), [t, "u"])  # type: ignore[list-item]
    with pytest.raises(DuplicateIdError):
        design_channel(cv.Segment("s"), [t, t])
    with pytest.raises(DuplicateIdError):
        design_channels([cv.Segment("s"), cv.Segment("s")], [t])
    with pytest.raises(WrongTypeError):
        design_channels(cv.Segment("s"), [t])  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        design_channels(["s"], [t])  # type: ignore[list-item]


# ---------------------------------------------------------------------- the gap
def test_compare_design_on_the_example() -> None:
    net = cv.datasets.example()
    d = design_channel(net.segments["smb"], guide_types())
    gap = compare_design(net, d, "smb")
    roles = [r.value for r in gap.current_roles]
    assert roles == ["distributor", "reseller", "msp", "retailer", "agent", "marketplace"]
    assert gap.add == ()
    assert [r.value for r in gap.drop] == ["msp", "retailer", "agent", "marketplace"]
    # today (flow table of smb): promotion mostly acme (vendor 0.6), risking mostly the
    # resellers (0.3 + 0.3 > 0.4), ordering the resellers; the design moves all three
    moves = [(m.flow.value, m.current.value if m.current else None, m.type) for m in gap.moves]
    assert moves == [
        ("promotion", "vendor", "VAR"),
        ("risking", "reseller", "distributor"),
        ("ordering", "reseller", "distributor"),
    ]
    assert gap.current_cost is None
    assert gap.cost_saved is None
    assert gap.cost_reason is not None
    assert "gives no cost for ownership/dist-north" in gap.cost_reason
    assert [o.value for o in gap.gaps_closed] == ["lot_size", "spatial_convenience"]
    assert gap.gaps_open == ()
    frame = gap.to_frame()
    assert frame["kind"].tolist().count("move") == 3
    assert "<table>" in gap._repr_html_()


def test_compare_design_without_flow_table() -> None:
    net = cv.datasets.example()
    d = design_channel(net.segments["enterprise"], guide_types())
    gap = compare_design(net, d, "enterprise")
    assert gap.moves == ()
    assert gap.moves_reason is not None
    assert gap.cost_saved is None
    assert "no flow table" in (gap.cost_reason or "")
    assert "cost saved unknown" in repr(gap)


def _costed_net() -> cv.ChannelNetwork:
    """acme -> d -> r -> s; d does every flow but promotion (r), at 2 each, r at 3."""
    net = cv.ChannelNetwork(steward="acme")
    shares = {f.value: {"d": 1.0} for f in FLOWS}
    shares["promotion"] = {"r": 1.0}
    cost_table = {f.value: {"d": 2.0} for f in FLOWS}
    cost_table["promotion"] = {"r": 3.0}
    net.add_all(
        [
            cv.Organization("acme", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("r", role="reseller"),
            cv.Segment("s", needs={"availability": (0.5, 1.0)}),
            cv.Supplies("acme", "d"),
            cv.Supplies("d", "r"),
            cv.Serves("r", "s"),
            cv.FlowTable(
                "s",
                weights={f.value: 0.125 for f in FLOWS},
                shares=shares,
                costs=cost_table,
            ),
        ]
    )
    return net


def test_compare_design_cost_saved_by_hand() -> None:
    net = _costed_net()
    types = [
        MemberType(
            "dist",
            role="distributor",
            capabilities={"availability": 0.9},
            costs={f.value: 1.0 for f in FLOWS},
        ),
        MemberType(
            "var",
            role="reseller",
            fixed_cost=1.0,
            costs={**{f.value: 3.0 for f in FLOWS}, "promotion": 0.5},
        ),
    ]
    d = design_channel(net.segments["s"], types)
    # dist alone: 8; with the VAR: 7 + 0.5 + 1 = 8.5
    assert d.types == ("dist",)
    assert d.cost == 8.0
    gap = compare_design(net, d, "s")
    # today: 7 flows x 1.0 share x 2 + promotion 1.0 x 3 = 17; saved 17 - 8 = 9
    assert (gap.current_cost, gap.cost_saved, gap.cost_reason) == (17.0, 9.0, None)
    assert [(m.flow.value, m.current) for m in gap.moves] == [("promotion", cv.Role.RESELLER)]
    assert [r.value for r in gap.drop] == ["reseller"]
    assert gap.gaps_closed == (ServiceOutput.AVAILABILITY,)  # nobody delivers it today


def test_compare_design_errors() -> None:
    net = cv.datasets.example()
    d = design_channel(net.segments["smb"], guide_types())
    with pytest.raises(UnknownIdError):
        compare_design(net, d, "nope")
    with pytest.raises(ChannelValueError, match="for segment 'smb', not 'enterprise'"):
        compare_design(net, d, "enterprise")
    with pytest.raises(WrongTypeError):
        compare_design(net, "d", "smb")  # type: ignore[arg-type]
