"""Zero-based channel design: the cheapest division of the eight flows that meets a segment's needs.

A segment's demanded service outputs ([`Segment.needs`][channelvalue.Segment]) and the
candidate [`MemberType`][channelvalue.building.MemberType]s (each with a
[`Role`][channelvalue.Role], its service-output capabilities 0..1, its cost of carrying each
[`Flow`][channelvalue.Flow] and a fixed cost of being in the channel at all) give a
mixed-integer programme, solved with HiGHS through `scipy.optimize.milp`:

* binary `x[t]`: member type `t` is in the channel;
* binary `y[t, f]`: type `t` carries flow `f` (fixed to 0 when `t` has no cost for `f`:
  a flow a type lists no cost for is a flow it cannot carry);
* every flow is carried by exactly one type: `sum_t y[t, f] == 1`;
* only a type in the channel carries flows, and a type in the channel carries at least one:
  `y[t, f] <= x[t]` and `x[t] <= sum_f y[t, f]` (a member does its work through the flows);
* every demanded level is delivered: for each need `(s, level > 0)`,
  `sum over t with capability[t, s] >= level of x[t] >= 1`;
* minimise `sum_t fixed_cost[t] * x[t] + sum_{t, f} cost[t, f] * y[t, f]`.

The service-output rule is the one of [`service_gaps`][channelvalue.mapping.service_gaps]:
a channel delivers of each service output the best level any of its members delivers (the
library documents no finer mapping of service outputs to flows). A capability meets a level
within 1e-9.

Before solving, every demanded level is checked on its own: when no member type that can
carry a flow reaches it, an [`InfeasibleDesignError`][channelvalue.building.InfeasibleDesignError]
names the segment, the service output, the demanded level and the best capability on offer;
the same error names a flow no type can carry.

The model has `9 T` binaries and `8 + 9 T + needs` rows for `T` member types;
HiGHS solves 10 types in a few milliseconds (see `benchmarks/bench_design.py`).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.building import MemberType, design_channel
    >>> every = {f.value: 1.0 for f in cv.Flow}
    >>> types = [MemberType("direct", role="vendor", capabilities={"customization": 0.9},
    ...                     costs=every, fixed_cost=5),
    ...          MemberType("var", role="reseller", capabilities={"customization": 0.7},
    ...                     costs=every, fixed_cost=1)]
    >>> design_channel(cv.Segment("s", needs={"customization": (0.8, 1)}), types).types
    ('direct',)
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np

from ..errors import ChannelValueError, UnknownIdError, WrongTypeError
from ..model import Flow, Role, Segment, ServiceOutput
from ..model._fields import (
    name_fields,
    to_flow_numbers,
    to_id,
    to_levels,
    to_nonneg,
    to_role,
    to_text,
)
from ..model._frozen import FrozenMap

if TYPE_CHECKING:
    import pandas as pd

    from ..core.network import ChannelNetwork

__all__ = [
    "ChannelDesign",
    "ChannelDesigns",
    "DesignGap",
    "FlowMove",
    "InfeasibleDesignError",
    "MemberType",
    "compare_design",
    "design_channel",
    "design_channels",
]

FLOWS: tuple[Flow, ...] = tuple(Flow)
_SLACK = 1e-9
_EMPTY_LEVELS: FrozenMap[ServiceOutput, float] = to_levels({})


class InfeasibleDesignError(ChannelValueError, ValueError):
    """No division of the flows among the member types meets a segment's needs.

    Attributes:
        segment: the segment id.
        output: the service output whose demanded level no type reaches (`None` when the
            cause is a flow no type can carry, or the needs together).
        level: the demanded level (`None` as for `output`).
        best: the best capability on offer for `output` (`None` as for `output`).
        flow: the flow no member type can carry (`None` otherwise).

    Examples:
        >>> err = InfeasibleDesignError("smb", "no member type ...", output=None)
        >>> err.segment, str(err)
        ('smb', 'no member type ...')
    """

    def __init__(
        self,
        segment: str,
        message: str,
        *,
        output: ServiceOutput | None = None,
        level: float | None = None,
        best: float | None = None,
        flow: Flow | None = None,
    ) -> None:
        self.segment = segment
        self.output = output
        self.level = level
        self.best = best
        self.flow = flow
        super().__init__(message)


@attrs.frozen(slots=True, field_transformer=name_fields)
class MemberType:
    """A kind of channel member a design may use: its service outputs and its cost per flow.

    Attributes:
        name: unique, non-empty name (`'distributor'`, `'VAR'`, `'direct sales'`).
        role: the [`Role`][channelvalue.Role] of members of this type (a string value is
            accepted).
        capabilities: service-output levels (0..1) a member of this type delivers.
        costs: its cost (>= 0) of carrying each [`Flow`][channelvalue.Flow]; a flow left out
            is a flow it cannot carry.
        fixed_cost: the cost (>= 0) of having this type in the channel at all.
        description: free text.

    Examples:
        >>> t = MemberType("dist", role="distributor", capabilities={"availability": 0.9},
        ...                costs={"physical_possession": 1.0}, fixed_cost=4)
        >>> t.role.value, t.capabilities["availability"], t.fixed_cost
        ('distributor', 0.9, 4.0)
        >>> MemberType("x", role="agent", capabilities={"availability": 1.5})
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: MemberType.capabilities['availability']: got 1.5 ...
    """

    name: str = attrs.field(converter=to_id)
    role: Role = attrs.field(converter=to_role, kw_only=True)
    capabilities: FrozenMap[ServiceOutput, float] = attrs.field(
        default=_EMPTY_LEVELS, converter=to_levels, kw_only=True
    )
    costs: FrozenMap[Flow, float] = attrs.field(
        factory=FrozenMap, converter=to_flow_numbers, kw_only=True
    )
    fixed_cost: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    description: str = attrs.field(default="", converter=to_text, kw_only=True)


@attrs.frozen(repr=False)
class ChannelDesign:
    """The cheapest channel for one segment: which member types, which flows each carries.

    Attributes:
        segment: the segment id.
        types: the member types in the channel, in the order they were offered.
        roles: type name -> its role, for the chosen types.
        flows: flow -> the type that carries it (all eight flows).
        costs: type name -> its cost per flow, for the chosen types (what the plot shows).
        fixed_costs: type name -> its fixed cost, for the chosen types.
        demanded: service output -> the demanded level (the segment's needs).
        levels: service output -> the level the design delivers (best of its types).
        candidates: how many member types were offered.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.building import MemberType, design_channel
        >>> t = MemberType("t", role="reseller", costs={f.value: 1.0 for f in cv.Flow})
        >>> d = design_channel(cv.Segment("s"), [t])
        >>> d
        <ChannelDesign 's': 1 of 1 member types, cost 8 (fixed 0, flows 8)>
        >>> d.carries("t")[:2]
        ('physical_possession', 'ownership')
    """

    segment: str
    types: tuple[str, ...]
    roles: FrozenMap[str, Role]
    flows: FrozenMap[Flow, str]
    costs: FrozenMap[str, FrozenMap[Flow, float]]
    fixed_costs: FrozenMap[str, float]
    demanded: FrozenMap[ServiceOutput, float]
    levels: FrozenMap[ServiceOutput, float]
    candidates: int

    @property
    def flow_cost(self) -> float:
        """The cost of carrying the eight flows with the chosen carriers."""
        return math.fsum(self.costs[t][f] for f, t in self.flows.items())

    @property
    def fixed_cost(self) -> float:
        """The fixed costs of the chosen types."""
        return math.fsum(self.fixed_costs.values())

    @property
    def cost(self) -> float:
        """The total cost: fixed costs plus flow costs (the objective minimised).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.building import MemberType, design_channel
            >>> t = MemberType("t", role="agent", costs={f.value: 2 for f in cv.Flow},
            ...                fixed_cost=1)
            >>> design_channel(cv.Segment("s"), [t]).cost
            17.0
        """
        return self.fixed_cost + self.flow_cost

    def carries(self, name: str) -> tuple[str, ...]:
        """The flows (values, in flow order) member type `name` carries (empty if not chosen)."""
        return tuple(f.value for f in FLOWS if self.flows.get(f) == name)

    def to_frame(self) -> pd.DataFrame:
        """One row per flow: the type that carries it, its role and the cost.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.building import MemberType, design_channel
            >>> t = MemberType("t", role="agent", costs={f.value: 2 for f in cv.Flow})
            >>> design_channel(cv.Segment("s"), [t]).to_frame().columns.tolist()
            ['segment', 'flow', 'type', 'role', 'cost']
        """
        from .._optional import require_pandas

        pandas = require_pandas("ChannelDesign.to_frame()")
        rows = [
            (self.segment, f.value, t, self.roles[t].value, self.costs[t][f])
            for f, t in ((f, self.flows[f]) for f in FLOWS)
        ]
        frame: pd.DataFrame = pandas.DataFrame(
            rows, columns=["segment", "flow", "type", "role", "cost"]
        )
        return frame

    def levels_frame(self) -> pd.DataFrame:
        """One row per demanded service output: demanded and delivered level.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.building import MemberType, design_channel
            >>> t = MemberType("t", role="agent", capabilities={"lot_size": 0.6},
            ...                costs={f.value: 2 for f in cv.Flow})
            >>> s = cv.Segment("s", needs={"lot_size": (0.5, 1)})
            >>> design_channel(s, [t]).levels_frame().values.tolist()
            [['s', 'lot_size', 0.5, 0.6]]
        """
        from .._optional import require_pandas

        pandas = require_pandas("ChannelDesign.levels_frame()")
        rows = [(self.segment, o.value, lv, self.levels[o]) for o, lv in self.demanded.items()]
        frame: pd.DataFrame = pandas.DataFrame(
            rows, columns=["segment", "output", "demanded", "delivered"]
        )
        return frame

    def __repr__(self) -> str:
        return (
            f"<ChannelDesign {self.segment!r}: {len(self.types)} of {self.candidates} member "
            f"types, cost {self.cost:g} (fixed {self.fixed_cost:g}, flows {self.flow_cost:g})>"
        )

    def _repr_html_(self) -> str:
        # bounded: 8 flow rows and at most 9 service-output rows, whatever the input size
        esc = html.escape
        flows = "".join(
            f"<tr><td>{f.value}</td><td>{esc(t)}</td><td>{self.roles[t].value}</td>"
            f"<td>{self.costs[t][f]:g}</td></tr>"
            for f, t in ((f, self.flows[f]) for f in FLOWS)
        )
        needs = "".join(
            f"<tr><td>{o.value}</td><td>{lv:g}</td><td>{self.levels[o]:g}</td></tr>"
            for o, lv in self.demanded.items()
        )
        return (
            f"<div><strong>Channel design for {esc(self.segment)}</strong>: "
            f"{len(self.types)} of {self.candidates} member types, cost {self.cost:g} "
            f"(fixed {self.fixed_cost:g}, flows {self.flow_cost:g})"
            "<table><tr><th>flow</th><th>type</th><th>role</th><th>cost</th></tr>"
            f"{flows}</table>"
            "<table><tr><th>service output</th><th>demanded</th><th>delivered</th></tr>"
            f"{needs}</table></div>"
        )


# ---------------------------------------------------------------------- the model
def _check_types(member_types: Iterable[MemberType], where: str) -> tuple[MemberType, ...]:
    if isinstance(member_types, MemberType) or not isinstance(member_types, Iterable):
        raise WrongTypeError(where, member_types, "an iterable of MemberType")
    out = tuple(member_types)
    for t in out:
        if not isinstance(t, MemberType):
            raise WrongTypeError(where, t, "a MemberType")
    if not out:
        raise WrongTypeError(where, member_types, "at least one MemberType")
    names = [t.name for t in out]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        from ..errors import DuplicateIdError

        raise DuplicateIdError(dup[0], existing="MemberType")
    return out


def _precheck(segment: Segment, types: Sequence[MemberType]) -> None:
    """Raise `InfeasibleDesignError` for a flow no type carries or a level no type reaches."""
    for f in FLOWS:
        if not any(f in t.costs for t in types):
            raise InfeasibleDesignError(
                segment.id,
                f"segment {segment.id!r}: no member type can carry the {f.value} flow "
                "(none lists a cost for it); add a type that can",
                flow=f,
            )
    working = [t for t in types if t.costs]  # a type that carries no flow is never used
    for o, need in segment.needs.items():
        if need.level <= 0.0:
            continue
        caps = [(t.capabilities.get(o, 0.0), t.name) for t in working]
        best, who = max(caps, key=lambda c: c[0])
        if best + _SLACK < need.level:
            raise InfeasibleDesignError(
                segment.id,
                f"segment {segment.id!r}: no member type delivers {o.value} at the demanded "
                f"level {need.level:g} (best on offer: {best:g}, by {who!r})",
                output=o,
                level=need.level,
                best=best,
            )


def _solve(segment: Segment, types: Sequence[MemberType]) -> ChannelDesign:
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    _precheck(segment, types)
    n_t, n_f = len(types), len(FLOWS)
    n = n_t + n_t * n_f  # x[t] then y[t, f] at n_t + t * n_f + f

    def y(t: int, f: int) -> int:
        return n_t + t * n_f + f

    cost = np.zeros(n)
    upper = np.ones(n)
    for t, mt in enumerate(types):
        cost[t] = mt.fixed_cost
        for f, flow in enumerate(FLOWS):
            if flow in mt.costs:
                cost[y(t, f)] = mt.costs[flow]
            else:
                upper[y(t, f)] = 0.0
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    lo: list[float] = []
    hi: list[float] = []

    def row(entries: Iterable[tuple[int, float]], low: float, high: float) -> None:
        r = len(lo)
        for c, v in entries:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        lo.append(low)
        hi.append(high)

    for f in range(n_f):  # each flow carried by exactly one type
        row(((y(t, f), 1.0) for t in range(n_t)), 1.0, 1.0)
    for t in range(n_t):
        for f in range(n_f):  # y[t, f] <= x[t]
            row(((y(t, f), 1.0), (t, -1.0)), -np.inf, 0.0)
        # x[t] <= sum_f y[t, f]
        row([(t, 1.0), *((y(t, f), -1.0) for f in range(n_f))], -np.inf, 0.0)
    for o, need in segment.needs.items():  # some chosen type reaches each demanded level
        if need.level <= 0.0:
            continue
        able = [
            t for t, mt in enumerate(types) if mt.capabilities.get(o, 0.0) + _SLACK >= need.level
        ]
        row(((t, 1.0) for t in able), 1.0, np.inf)
    matrix = sp.csr_array((vals, (rows, cols)), shape=(len(lo), n))
    res = milp(
        cost,
        constraints=LinearConstraint(matrix, np.array(lo), np.array(hi)),
        integrality=np.ones(n),
        bounds=Bounds(np.zeros(n), upper),
        options={"mip_rel_gap": 0.0},  # no relative gap; HiGHS keeps its absolute one (1e-6)
    )
    if res.x is None:
        raise InfeasibleDesignError(
            segment.id,
            f"segment {segment.id!r}: the member types meet each demanded level on their own "
            f"but no division of the eight flows meets them together ({res.message})",
        )
    sol = np.round(res.x).astype(np.int64)
    flows: dict[Flow, str] = {}
    for f, flow in enumerate(FLOWS):
        t = next(t for t in range(n_t) if sol[y(t, f)] == 1)
        flows[flow] = types[t].name
    used = set(flows.values())
    chosen = tuple(mt for mt in types if mt.name in used)
    levels = {o: max(mt.capabilities.get(o, 0.0) for mt in chosen) for o in segment.needs}
    return ChannelDesign(
        segment=segment.id,
        types=tuple(mt.name for mt in chosen),
        roles=FrozenMap({mt.name: mt.role for mt in chosen}),
        flows=FrozenMap(flows),
        costs=FrozenMap({mt.name: mt.costs for mt in chosen}),
        fixed_costs=FrozenMap({mt.name: mt.fixed_cost for mt in chosen}),
        demanded=FrozenMap({o: n.level for o, n in segment.needs.items()}),
        levels=FrozenMap(levels),
        candidates=n_t,
    )


def design_channel(segment: Segment, member_types: Iterable[MemberType]) -> ChannelDesign:
    """The cheapest division of the eight flows among member types that meets every need.

    See the module for the mixed-integer programme. Ties between equally cheap designs are
    broken by HiGHS (deterministically for the same input).

    Args:
        segment: the [`Segment`][channelvalue.Segment]; its `needs` are the demanded levels.
        member_types: the candidate [`MemberType`][channelvalue.building.MemberType]s
            (distinct names).

    Raises:
        InfeasibleDesignError: a demanded level no type reaches (naming the segment, the
            service output, the level and the best capability on offer), a flow no type can
            carry, or needs that no division of the flows meets together.
        WrongTypeError: not a Segment, or not MemberTypes.
        DuplicateIdError: two member types with one name.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.building import MemberType
        >>> t = MemberType("t", role="agent", capabilities={"availability": 0.5},
        ...                costs={f.value: 1 for f in cv.Flow})
        >>> design_channel(cv.Segment("s", needs={"availability": (0.8, 1)}), [t])
        Traceback (most recent call last):
        ...
        channelvalue.building.design.InfeasibleDesignError: segment 's': no member type ...
    """
    if not isinstance(segment, Segment):
        raise WrongTypeError("design_channel.segment", segment, "a Segment")
    return _solve(segment, _check_types(member_types, "design_channel.member_types"))


@attrs.frozen(repr=False)
class ChannelDesigns:
    """The designs of several segments, each solved on its own.

    Attributes:
        designs: one [`ChannelDesign`][channelvalue.building.ChannelDesign] per segment, in the
            order given.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.building import MemberType, design_channels
        >>> t = MemberType("t", role="agent", costs={f.value: 1 for f in cv.Flow})
        >>> ds = design_channels([cv.Segment("a"), cv.Segment("b")], [t])
        >>> ds, ds["b"].cost
        (<ChannelDesigns: 2 segments, cost 16>, 8.0)
    """

    designs: tuple[ChannelDesign, ...]

    @property
    def cost(self) -> float:
        """The total cost over the segments (each type's fixed cost counted per segment)."""
        return math.fsum(d.cost for d in self.designs)

    def __getitem__(self, segment: str) -> ChannelDesign:
        for d in self.designs:
            if d.segment == segment:
                return d
        raise UnknownIdError(segment, kind="segment", where="ChannelDesigns")

    def __iter__(self) -> Any:
        return iter(self.designs)

    def __len__(self) -> int:
        return len(self.designs)

    def to_frame(self) -> pd.DataFrame:
        """The rows of every design's `to_frame()`, one block per segment.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.building import MemberType, design_channels
            >>> t = MemberType("t", role="agent", costs={f.value: 1 for f in cv.Flow})
            >>> design_channels([cv.Segment("a"), cv.Segment("b")], [t]).to_frame().shape
            (16, 5)
        """
        from .._optional import require_pandas

        pandas = require_pandas("ChannelDesigns.to_frame()")
        frame: pd.DataFrame = pandas.concat([d.to_frame() for d in self.designs], ignore_index=True)
        return frame

    def __repr__(self) -> str:
        return f"<ChannelDesigns: {len(self.designs)} segments, cost {self.cost:g}>"

    def _repr_html_(self) -> str:
        shown = self.designs[:20]
        rows = "".join(
            f"<tr><td>{html.escape(d.segment)}</td><td>{html.escape(', '.join(d.types))}</td>"
            f"<td>{d.cost:g}</td></tr>"
            for d in shown
        )
        more = len(self.designs) - len(shown)
        tail = f"<p>... and {more} more segments</p>" if more else ""
        return (
            f"<div><strong>Channel designs</strong>: {len(self.designs)} segments, "
            f"cost {self.cost:g}<table><tr><th>segment</th><th>types</th><th>cost</th></tr>"
            f"{rows}</table>{tail}</div>"
        )


def design_channels(
    segments: Iterable[Segment], member_types: Iterable[MemberType]
) -> ChannelDesigns:
    """Design each segment's channel on its own, from the same member types.

    The segments are independent programmes: a member type's fixed cost is the cost of
    having it in *that* segment's channel, so it is counted once per segment that uses it.
    (A fixed cost shared across segments would couple them into one larger programme;
    this function does not model that.)

    Args:
        segments: the [`Segment`][channelvalue.Segment]s (distinct ids).
        member_types: the candidate member types, offered to every segment.

    Raises:
        InfeasibleDesignError: the first segment whose needs cannot be met (see
            [`design_channel`][channelvalue.building.design_channel]).
        WrongTypeError: not Segments or MemberTypes.
        DuplicateIdError: two segments with one id, or two types with one name.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.building import MemberType
        >>> t = MemberType("t", role="agent", costs={f.value: 1 for f in cv.Flow})
        >>> [d.segment for d in design_channels([cv.Segment("a"), cv.Segment("b")], [t])]
        ['a', 'b']
    """
    if isinstance(segments, Segment) or not isinstance(segments, Iterable):
        raise WrongTypeError("design_channels.segments", segments, "an iterable of Segment")
    segs = tuple(segments)
    seen: set[str] = set()
    for s in segs:
        if not isinstance(s, Segment):
            raise WrongTypeError("design_channels.segments", s, "a Segment")
        if s.id in seen:
            from ..errors import DuplicateIdError

            raise DuplicateIdError(s.id, existing="Segment")
        seen.add(s.id)
    types = _check_types(member_types, "design_channels.member_types")
    return ChannelDesigns(tuple(_solve(s, types) for s in segs))


# ---------------------------------------------------------------------- the gap
@attrs.frozen
class FlowMove:
    """One flow whose carrier changes from today's channel to the design.

    Attributes:
        flow: the flow.
        current: the role carrying the largest share of it today (`None`: nobody).
        type: the member type the design gives it to.
        role: that type's role.

    Examples:
        >>> FlowMove(Flow.PROMOTION, current=Role.VENDOR, type="var", role=Role.RESELLER).flow
        <Flow.PROMOTION: 'promotion'>
    """

    flow: Flow
    current: Role | None = attrs.field(kw_only=True)
    type: str = attrs.field(kw_only=True)
    role: Role = attrs.field(kw_only=True)


@attrs.frozen(repr=False)
class DesignGap:
    """The gap between a segment's current routes and its zero-based design.

    Attributes:
        segment: the segment id.
        current_roles: roles of the members on the segment's routes today (the steward
            counts only when it serves the segment itself).
        design_roles: roles of the design's member types.
        add: roles the design has and today's routes lack.
        drop: roles today's routes have and the design does not use.
        moves: flows whose carrier role changes (needs the segment's
            [`FlowTable`][channelvalue.FlowTable]; empty otherwise, see `moves_reason`).
        moves_reason: why `moves` could not be computed (`None` when it was).
        current_cost: the cost of today's division of the flows, `sum share x cost` from the
            flow table (`None` when the table does not give it, see `cost_reason`).
        cost_saved: `current_cost - design.flow_cost` (`None` as for `current_cost`).
        cost_reason: why the cost saved is unknown (`None` when it is known).
        gaps_closed: service outputs under-served today that the design meets.
        gaps_open: service outputs under-served today that the design does not meet (the
            network's needs differ from the design's segment).

    Examples:
        >>> gap = DesignGap("s", current_roles=(Role.RESELLER,), design_roles=(Role.RESELLER,),
        ...                 add=(), drop=(), moves=(), moves_reason="no flow table",
        ...                 current_cost=None, cost_saved=None, cost_reason="no flow table",
        ...                 gaps_closed=(), gaps_open=())
        >>> gap
        <DesignGap 's': add 0 roles, drop 0, 0 flows to move, cost saved unknown, 0 gaps closed>
    """

    segment: str
    current_roles: tuple[Role, ...] = attrs.field(kw_only=True)
    design_roles: tuple[Role, ...] = attrs.field(kw_only=True)
    add: tuple[Role, ...] = attrs.field(kw_only=True)
    drop: tuple[Role, ...] = attrs.field(kw_only=True)
    moves: tuple[FlowMove, ...] = attrs.field(kw_only=True)
    moves_reason: str | None = attrs.field(kw_only=True)
    current_cost: float | None = attrs.field(kw_only=True)
    cost_saved: float | None = attrs.field(kw_only=True)
    cost_reason: str | None = attrs.field(kw_only=True)
    gaps_closed: tuple[ServiceOutput, ...] = attrs.field(kw_only=True)
    gaps_open: tuple[ServiceOutput, ...] = attrs.field(kw_only=True)

    def to_frame(self) -> pd.DataFrame:
        """One row per change: `kind` (`add`, `drop`, `move`, `gap_closed`, `gap_open`),
        `what` and, for moves, `from` and `to`.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.building import compare_design
            >>> gap = DesignGap("s", current_roles=(), design_roles=(Role.AGENT,),
            ...                 add=(Role.AGENT,), drop=(), moves=(), moves_reason=None,
            ...                 current_cost=None, cost_saved=None, cost_reason="none",
            ...                 gaps_closed=(), gaps_open=())
            >>> gap.to_frame().values.tolist()
            [['s', 'add', 'agent', None, None]]
        """
        from .._optional import require_pandas

        pandas = require_pandas("DesignGap.to_frame()")
        rows: list[tuple[str, str, str, str | None, str | None]] = []
        rows.extend((self.segment, "add", r.value, None, None) for r in self.add)
        rows.extend((self.segment, "drop", r.value, None, None) for r in self.drop)
        rows.extend(
            (
                self.segment,
                "move",
                m.flow.value,
                m.current.value if m.current is not None else None,
                f"{m.type} ({m.role.value})",
            )
            for m in self.moves
        )
        rows.extend((self.segment, "gap_closed", o.value, None, None) for o in self.gaps_closed)
        rows.extend((self.segment, "gap_open", o.value, None, None) for o in self.gaps_open)
        # object columns: an empty `from` / `to` stays None (not NaN)
        frame: pd.DataFrame = pandas.DataFrame(
            rows, columns=["segment", "kind", "what", "from", "to"], dtype=object
        )
        return frame

    def __repr__(self) -> str:
        saved = "unknown" if self.cost_saved is None else f"{self.cost_saved:g}"
        return (
            f"<DesignGap {self.segment!r}: add {len(self.add)} roles, drop {len(self.drop)}, "
            f"{len(self.moves)} flows to move, cost saved {saved}, "
            f"{len(self.gaps_closed)} gaps closed>"
        )

    def _repr_html_(self) -> str:
        # bounded: at most 10 roles each way, 8 moves and 9 service outputs
        esc = html.escape
        saved = (
            esc(self.cost_reason or "unknown")
            if self.cost_saved is None
            else (f"{self.cost_saved:g}")
        )
        moves = "".join(
            f"<tr><td>{m.flow.value}</td><td>{m.current.value if m.current else ''}</td>"
            f"<td>{esc(m.type)} ({m.role.value})</td></tr>"
            for m in self.moves
        )
        return (
            f"<div><strong>Design gap for {esc(self.segment)}</strong>"
            f"<p>add: {', '.join(r.value for r in self.add) or '-'}; "
            f"drop: {', '.join(r.value for r in self.drop) or '-'}; cost saved: {saved}; "
            f"gaps closed: {', '.join(o.value for o in self.gaps_closed) or '-'}</p>"
            "<table><tr><th>flow</th><th>today</th><th>design</th></tr>"
            f"{moves}</table></div>"
        )


def _current_roles(net: ChannelNetwork, segment: str) -> tuple[Role, ...]:
    from ..mapping import route_patterns

    found: set[Role] = set()
    for row in route_patterns(net).for_segment(segment):
        roles = row.pattern.split(">")
        found.update(Role(r) for r in (roles if len(roles) == 1 else roles[1:]))
    return tuple(r for r in Role if r in found)


def _carrier_role(net: ChannelNetwork, shares: Mapping[str, float]) -> Role | None:
    by_role: dict[Role, float] = {}
    for member, share in shares.items():
        org = net.organizations.get(member)
        if org is None or share <= 0:
            continue
        by_role[org.role] = by_role.get(org.role, 0.0) + share
    if not by_role:
        return None
    order = {r: k for k, r in enumerate(Role)}
    return min(by_role, key=lambda r: (-by_role[r], order[r]))


def compare_design(net: ChannelNetwork, design: ChannelDesign, segment: str) -> DesignGap:
    """The gap from a segment's current routes to its zero-based design.

    * **Roles to add and drop**: the roles on the segment's routes today
      ([`route_patterns`][channelvalue.mapping.route_patterns]; the steward, source of every
      route, counts only on a route where it serves the segment itself) against the roles of
      the design's member types.
    * **Flows to move**: from the segment's [`FlowTable`][channelvalue.FlowTable], today's
      carrier of a flow is the role with the largest summed share of it (ties go to the
      first role in [`Role`][channelvalue.Role] order); a flow moves when the design gives it
      to a type of another role. Without a flow table, no moves and a reason.
    * **Cost saved**: today's cost is `sum over flows and members of share x cost` from the
      flow table's `costs`, compared with the design's flow cost (fixed costs aside); it
      assumes the table's cost index and the member types' costs are in one unit. When the
      table is missing or lacks the cost of a member doing a flow, `cost_saved` is `None`
      with the reason. ([`Margin`][channelvalue.Margin]s are shares of the price, not
      costs, and are not used.)
    * **Service gaps closed**: the segment-wide under-served needs of
      [`service_gaps`][channelvalue.mapping.service_gaps] that the design's levels meet.

    Args:
        net: the network.
        design: a [`ChannelDesign`][channelvalue.building.ChannelDesign] for `segment`.
        segment: the segment id.

    Raises:
        UnknownIdError: unknown segment (or no steward).
        WrongTypeError: `design` is not a ChannelDesign.
        ChannelValueError: the design is for another segment.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.building import MemberType, design_channel
        >>> net = cv.datasets.example()
        >>> t = MemberType("dist", role="distributor",
        ...                capabilities={o.value: 1.0 for o in cv.ServiceOutput},
        ...                costs={f.value: 1 for f in cv.Flow})
        >>> gap = compare_design(net, design_channel(net.segments["smb"], [t]), "smb")
        >>> [r.value for r in gap.drop][:2], [o.value for o in gap.gaps_closed]
        (['reseller', 'msp'], ['lot_size', 'spatial_convenience'])
    """
    from ..mapping import service_gaps

    if not isinstance(design, ChannelDesign):
        raise WrongTypeError("compare_design.design", design, "a ChannelDesign")
    if segment not in net.segments:
        raise UnknownIdError(segment, kind="segment", where="compare_design")
    if design.segment != segment:
        raise ChannelValueError(
            f"compare_design: the design is for segment {design.segment!r}, not {segment!r}"
        )
    current = _current_roles(net, segment)
    designed_set = set(design.roles.values())
    design_roles = tuple(r for r in Role if r in designed_set)
    add = tuple(r for r in design_roles if r not in current)
    drop = tuple(r for r in current if r not in designed_set)

    table = net.flow_tables.get(segment)
    moves: list[FlowMove] = []
    moves_reason: str | None = None
    current_cost: float | None = None
    cost_reason: str | None = None
    if table is None:
        moves_reason = f"segment {segment!r} has no flow table: today's carriers are unknown"
        cost_reason = f"segment {segment!r} has no flow table: today's costs are unknown"
    else:
        for f in FLOWS:
            now = _carrier_role(net, table.shares.get(f, FrozenMap()))
            name = design.flows[f]
            if now != design.roles[name]:
                moves.append(FlowMove(f, current=now, type=name, role=design.roles[name]))
        missing: list[str] = []
        terms: list[float] = []
        for f in FLOWS:
            costs = table.costs.get(f, FrozenMap())
            for member, share in sorted(table.shares.get(f, FrozenMap()).items()):
                if share <= 0:
                    continue
                if member in costs:
                    terms.append(share * costs[member])
                else:
                    missing.append(f"{f.value}/{member}")
        if missing:
            shown = ", ".join(missing[:4]) + (
                f" and {len(missing) - 4} more" if len(missing) > 4 else ""
            )
            cost_reason = f"the flow table of {segment!r} gives no cost for {shown}"
        else:
            current_cost = math.fsum(terms)
    gaps = service_gaps(net, segment)
    closed: list[ServiceOutput] = []
    still: list[ServiceOutput] = []
    for r in gaps.segments:
        if r.status != "under":
            continue
        level = design.levels.get(r.output, 0.0)
        (closed if level + gaps.tolerance + _SLACK >= r.demanded else still).append(r.output)
    return DesignGap(
        segment,
        current_roles=current,
        design_roles=design_roles,
        add=add,
        drop=drop,
        moves=tuple(moves),
        moves_reason=moves_reason,
        current_cost=current_cost,
        cost_saved=None if current_cost is None else current_cost - design.flow_cost,
        cost_reason=cost_reason,
        gaps_closed=tuple(closed),
        gaps_open=tuple(still),
    )
