"""The plan: value propositions, levers, investments, margins and flow tables.

Plan items live in the network beside its structure and refer to its ids; the network
refuses dangling references.

Examples:
    >>> from channelvalue.model import Evidence, ValueProposition, Lever
    >>> lever = Lever("l-stock", change="Regional stock at two distributors",
    ...               acts_on="satisfaction", roles=["distributor"], impact=0.3)
    >>> vp = ValueProposition("vp-smb", segment="smb", claim="Next-day delivery",
    ...                       evidence=[Evidence("on-time rate", 0.97, source="WMS 2026")],
    ...                       levers=["l-stock"], owners=["dist-1"])
    >>> vp.evidence[0].value, lever.acts_on.value
    (0.97, 'satisfaction')
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from ..errors import ValidationError
from ._fields import (
    ANON,
    BadValue,
    Where,
    name_fields,
    to_finite,
    to_flow_numbers,
    to_focus,
    to_id,
    to_ids,
    to_investment_kind,
    to_nonneg,
    to_roles,
    to_text,
    to_unit,
)
from ._frozen import FrozenMap
from .enums import Flow, InvestmentKind, LeverFocus, Role

__all__ = [
    "SHARE_TOLERANCE",
    "Evidence",
    "FlowTable",
    "Investment",
    "Lever",
    "Margin",
    "ValueProposition",
]

SHARE_TOLERANCE = 1e-6
"""Shares and weights that must sum to 1 may be off by at most this much."""


@attrs.frozen(slots=True, field_transformer=name_fields)
class Evidence:
    """One piece of evidence behind a value proposition's claim.

    Attributes:
        metric: what was measured.
        value: the measured figure (finite).
        source: where the figure comes from.
        unit: the unit of `value`, if any.

    Examples:
        >>> Evidence("NPS", 41, source="survey Q3").value
        41.0
    """

    metric: str = attrs.field(converter=to_id)
    value: float = attrs.field(default=0.0, converter=to_finite)
    source: str = attrs.field(default="", converter=to_text, kw_only=True)
    unit: str = attrs.field(default="", converter=to_text, kw_only=True)


def to_evidence(value: Iterable[Evidence], where: Where = ANON) -> tuple[Evidence, ...]:
    """At least one [`Evidence`][channelvalue.Evidence] (a claim needs evidence)."""
    expected = "a non-empty list of Evidence (a claim needs evidence)"
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise BadValue(value, expected, where=where)
    items = tuple(value)
    if not items or not all(isinstance(e, Evidence) for e in items):
        raise BadValue(value, expected, where=where)
    return items


@attrs.frozen(slots=True, field_transformer=name_fields)
class ValueProposition:
    """A claim aimed at a key segment, backed by evidence and delivered by levers.

    A proposition with no evidence is invalid.

    Attributes:
        id: unique id.
        segment: the target segment's id.
        claim: what the channel promises the segment.
        evidence: at least one [`Evidence`][channelvalue.Evidence].
        levers: ids of the levers that deliver it.
        owners: ids of the members that own it.

    Examples:
        >>> ValueProposition("vp", segment="smb", claim="Fast", evidence=[])
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: ValueProposition.evidence: got [] but expected a ...
    """

    id: str = attrs.field(converter=to_id)
    segment: str = attrs.field(converter=to_id, kw_only=True)
    claim: str = attrs.field(converter=to_id, kw_only=True)
    evidence: tuple[Evidence, ...] = attrs.field(converter=to_evidence, kw_only=True)
    levers: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    owners: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)


@attrs.frozen(slots=True, field_transformer=name_fields)
class Lever:
    """An operating lever: a change that drives satisfaction, efficiency or both.

    Attributes:
        id: unique id.
        change: what the lever changes, in a sentence.
        acts_on: [`LeverFocus`][channelvalue.LeverFocus] — satisfaction, efficiency or both.
        roles: the roles in the chain where it acts.
        members: the organization ids where it acts.
        owners: the organization ids that own (deliver) it.
        impact: expected impact, on the steward's own scale (>= 0).

    Examples:
        >>> Lever("l1", change="Portal deal registration", acts_on="both").acts_on.value
        'both'
    """

    id: str = attrs.field(converter=to_id)
    change: str = attrs.field(default="", converter=to_text, kw_only=True)
    acts_on: LeverFocus = attrs.field(default=LeverFocus.BOTH, converter=to_focus, kw_only=True)
    roles: tuple[Role, ...] = attrs.field(default=(), converter=to_roles, kw_only=True)
    members: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    owners: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    impact: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)


@attrs.frozen(slots=True, field_transformer=name_fields)
class Investment:
    """Money or effort given to a recipient (an organization or a lever).

    Attributes:
        id: unique id.
        recipient: organization or lever id.
        kind: [`InvestmentKind`][channelvalue.InvestmentKind] (MDF, co-op, training, ...).
        amount: money (or effort in money terms), >= 0.
        period: the period it covers, free text (e.g. `"FY2026"`).

    Examples:
        >>> Investment("i1", recipient="r1", kind="mdf", amount=25_000, period="FY2026").amount
        25000.0
    """

    id: str = attrs.field(converter=to_id)
    recipient: str = attrs.field(converter=to_id, kw_only=True)
    kind: InvestmentKind = attrs.field(
        default=InvestmentKind.MDF, converter=to_investment_kind, kw_only=True
    )
    amount: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    period: str = attrs.field(default="", converter=to_text, kw_only=True)


@attrs.frozen(slots=True, field_transformer=name_fields)
class Margin:
    """The actual margin share a member earns on a segment's route.

    A network holds at most one margin per `(segment, member)`.

    Attributes:
        segment: the segment id.
        member: the organization id.
        share: the member's share of the channel margin, 0..1.

    Examples:
        >>> Margin("smb", "r1", share=0.3).key
        ('smb', 'r1')
    """

    segment: str = attrs.field(converter=to_id)
    member: str = attrs.field(converter=to_id)
    share: float = attrs.field(default=0.0, converter=to_unit, kw_only=True)

    @property
    def key(self) -> tuple[str, str]:
        """`(segment, member)`: what identifies the margin in a network."""
        return (self.segment, self.member)


def to_flow_weights(value: Mapping[Any, float], where: Where = ANON) -> FrozenMap[Flow, float]:
    """Flow weights >= 0 that sum to 1 (within
    [`SHARE_TOLERANCE`][channelvalue.model.SHARE_TOLERANCE])."""
    weights = to_flow_numbers(value, where)
    total = math.fsum(weights.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise BadValue(dict(value), f"weights summing to 1 (they sum to {total:.9g})", where=where)
    return weights


def _member_table(
    value: Any, where: Where, *, sums_to_one: bool
) -> FrozenMap[Flow, FrozenMap[str, float]]:
    valid = ", ".join(repr(f.value) for f in Flow)
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of flow -> {member: number}", where=where)
    out: dict[Flow, FrozenMap[str, float]] = {}
    rng = "in [0, 1]" if sums_to_one else ">= 0"
    for k, row in value.items():
        try:
            flow = Flow(k)
        except (ValueError, TypeError):
            raise BadValue(k, f"a flow among {valid}", where=where) from None
        at = f"[{flow.value!r}]"
        if not isinstance(row, Mapping) or not row:
            raise BadValue(row, "a non-empty mapping of member ids to numbers", at, where)
        cells: dict[str, float] = {}
        for member, v in row.items():
            if type(member) is not str or not member:
                raise BadValue(member, "non-empty member ids", at, where)
            try:
                num = to_unit(v) if sums_to_one else to_nonneg(v)
            except ValidationError:
                raise BadValue(v, f"a finite number {rng}", f"{at}[{member!r}]", where) from None
            cells[member] = num
        if sums_to_one:
            total = math.fsum(cells.values())
            if abs(total - 1.0) > SHARE_TOLERANCE:
                raise BadValue(
                    dict(row), f"member shares summing to 1 (they sum to {total:.9g})", at, where
                )
        out[flow] = FrozenMap(cells)
    return FrozenMap(out)


def to_share_table(
    value: Mapping[Any, Mapping[str, float]], where: Where = ANON
) -> FrozenMap[Flow, FrozenMap[str, float]]:
    """Per flow, member shares in [0, 1] summing to 1."""
    return _member_table(value, where, sums_to_one=True)


def to_cost_table(
    value: Mapping[Any, Mapping[str, float]], where: Where = ANON
) -> FrozenMap[Flow, FrozenMap[str, float]]:
    """Per flow, member cost indices >= 0."""
    return _member_table(value, where, sums_to_one=False)


@attrs.frozen(slots=True, field_transformer=name_fields)
class FlowTable:
    """The efficiency template of one segment: who does how much of each channel flow.

    Attributes:
        segment: the segment id (a network holds one table per segment).
        weights: the weight of each [`Flow`][channelvalue.Flow] in the value added (sum to 1).
        shares: for each flow with a weight, each member's share of the work (sum to 1).
        costs: optional cost index of each member for each flow (>= 0; lower is cheaper),
            used for supply-side gaps; may list capable members that do no work today.

    Examples:
        >>> t = FlowTable("smb", weights={"physical_possession": 0.6, "promotion": 0.4},
        ...               shares={"physical_possession": {"dist": 1.0},
        ...                       "promotion": {"acme": 0.5, "r1": 0.5}})
        >>> t.members
        ('acme', 'dist', 'r1')
    """

    segment: str = attrs.field(converter=to_id)
    weights: FrozenMap[Flow, float] = attrs.field(converter=to_flow_weights, kw_only=True)
    shares: FrozenMap[Flow, FrozenMap[str, float]] = attrs.field(
        converter=to_share_table, kw_only=True
    )
    costs: FrozenMap[Flow, FrozenMap[str, float]] = attrs.field(
        factory=FrozenMap, converter=to_cost_table, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        missing = [f.value for f, w in self.weights.items() if w > 0 and f not in self.shares]
        if missing:
            raise ValidationError(
                "FlowTable", "shares", missing, "member shares for every flow with a weight > 0"
            )

    @property
    def members(self) -> tuple[str, ...]:
        """Every member id named in the shares or costs, sorted."""
        ids = {m for row in self.shares.values() for m in row}
        ids.update(m for row in self.costs.values() for m in row)
        return tuple(sorted(ids))
