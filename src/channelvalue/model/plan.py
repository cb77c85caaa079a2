"""The plan: value propositions, levers, investments, margins and flow tables.

Plan items live in the network beside its structure and refer to its ids; the network
refuses dangling references.

Example:
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

from .._frozen import FrozenMap
from ..errors import ValidationError
from ._fields import (
    enum_field,
    enum_tuple_field,
    id_field,
    ids_field,
    number_field,
    text_field,
)
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


@attrs.frozen(slots=True)
class Evidence:
    """One piece of evidence behind a value proposition's claim.

    Attributes:
        metric: what was measured.
        value: the measured figure (finite).
        source: where the figure comes from.
        unit: the unit of ``value``, if any.

    Example:
        >>> Evidence("NPS", 41, source="survey Q3").value
        41.0
    """

    metric: str = text_field(required=True, kw_only=False)
    value: float = number_field(default=0.0, kw_only=False)
    source: str = text_field()
    unit: str = text_field()


def _to_evidence(value: Any, inst: Any, field: attrs.Attribute[Any]) -> tuple[Evidence, ...]:
    expected = "a non-empty list of Evidence (a claim needs evidence)"
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise ValidationError(type(inst).__name__, field.name, value, expected)
    items = tuple(value)
    if not items or not all(isinstance(e, Evidence) for e in items):
        raise ValidationError(type(inst).__name__, field.name, value, expected)
    return items


@attrs.frozen(slots=True)
class ValueProposition:
    """A claim aimed at a key segment, backed by evidence and delivered by levers.

    A proposition with no evidence is invalid.

    Attributes:
        id: unique id.
        segment: the target segment's id.
        claim: what the channel promises the segment.
        evidence: at least one :class:`Evidence`.
        levers: ids of the levers that deliver it.
        owners: ids of the members that own it.

    Example:
        >>> ValueProposition("vp", segment="smb", claim="Fast", evidence=[])
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: ValueProposition.evidence: got [] but expected a non-empty list of Evidence (a claim needs evidence)
    """

    id: str = id_field()
    segment: str = text_field(required=True)
    claim: str = text_field(required=True)
    evidence: tuple[Evidence, ...] = attrs.field(
        kw_only=True, converter=attrs.Converter(_to_evidence, takes_self=True, takes_field=True)
    )
    levers: tuple[str, ...] = ids_field()
    owners: tuple[str, ...] = ids_field()


@attrs.frozen(slots=True)
class Lever:
    """An operating lever: a change that drives satisfaction, efficiency or both.

    Attributes:
        id: unique id.
        change: what the lever changes, in a sentence.
        acts_on: :class:`LeverFocus` — satisfaction, efficiency or both.
        roles: the roles in the chain where it acts.
        members: the organization ids where it acts.
        owners: the organization ids that own (deliver) it.
        impact: expected impact, on the steward's own scale (>= 0).

    Example:
        >>> Lever("l1", change="Portal deal registration", acts_on="both").acts_on.value
        'both'
    """

    id: str = id_field()
    change: str = text_field()
    acts_on: LeverFocus = enum_field(LeverFocus, default=LeverFocus.BOTH)
    roles: tuple[Role, ...] = enum_tuple_field(Role)
    members: tuple[str, ...] = ids_field()
    owners: tuple[str, ...] = ids_field()
    impact: float = number_field(low=0.0)


@attrs.frozen(slots=True)
class Investment:
    """Money or effort given to a recipient (an organization or a lever).

    Attributes:
        id: unique id.
        recipient: organization or lever id.
        kind: :class:`InvestmentKind` (MDF, co-op, training, ...).
        amount: money (or effort in money terms), >= 0.
        period: the period it covers, free text (e.g. ``"FY2026"``).

    Example:
        >>> Investment("i1", recipient="r1", kind="mdf", amount=25_000, period="FY2026").amount
        25000.0
    """

    id: str = id_field()
    recipient: str = text_field(required=True)
    kind: InvestmentKind = enum_field(InvestmentKind, default=InvestmentKind.MDF)
    amount: float = number_field(low=0.0)
    period: str = text_field()


@attrs.frozen(slots=True)
class Margin:
    """The actual margin share a member earns on a segment's route.

    A network holds at most one margin per ``(segment, member)``.

    Attributes:
        segment: the segment id.
        member: the organization id.
        share: the member's share of the channel margin, 0..1.

    Example:
        >>> Margin("smb", "r1", share=0.3).key
        ('smb', 'r1')
    """

    segment: str = id_field()
    member: str = id_field()
    share: float = number_field(low=0.0, high=1.0)

    @property
    def key(self) -> tuple[str, str]:
        """``(segment, member)``: what identifies the margin in a network."""
        return (self.segment, self.member)


def _flow_weights(value: Any, inst: Any, field: attrs.Attribute[Any]) -> FrozenMap[Flow, float]:
    weights = _flow_number_map(value, "FlowTable", "weights")
    total = math.fsum(weights.values())
    if abs(total - 1.0) > SHARE_TOLERANCE:
        raise ValidationError(
            "FlowTable", "weights", dict(value), f"weights summing to 1 (they sum to {total:.9g})"
        )
    return weights


def _flow_number_map(value: Any, obj: str, field: str) -> FrozenMap[Flow, float]:
    valid = ", ".join(repr(f.value) for f in Flow)
    if not isinstance(value, Mapping):
        raise ValidationError(obj, field, value, f"a mapping of flows ({valid}) to numbers")
    out: dict[Flow, float] = {}
    for k, v in value.items():
        try:
            flow = Flow(k)
        except ValueError:
            raise ValidationError(obj, field, k, f"a flow among {valid}") from None
        ok = isinstance(v, int | float) and not isinstance(v, bool)
        num = float(v) if ok else math.nan
        if not (math.isfinite(num) and num >= 0):
            raise ValidationError(obj, f"{field}[{k!r}]", v, "a finite number >= 0")
        out[flow] = num
    return FrozenMap(out)


def _member_table(
    value: Any, field: str, *, sums_to_one: bool
) -> FrozenMap[Flow, FrozenMap[str, float]]:
    valid = ", ".join(repr(f.value) for f in Flow)
    if not isinstance(value, Mapping):
        raise ValidationError("FlowTable", field, value, "a mapping of flow -> {member: number}")
    out: dict[Flow, FrozenMap[str, float]] = {}
    for k, row in value.items():
        try:
            flow = Flow(k)
        except ValueError:
            raise ValidationError("FlowTable", field, k, f"a flow among {valid}") from None
        if not isinstance(row, Mapping) or not row:
            raise ValidationError(
                "FlowTable", f"{field}[{flow.value!r}]", row, "a non-empty mapping of member ids"
            )
        cells: dict[str, float] = {}
        for member, v in row.items():
            if type(member) is not str or not member:
                raise ValidationError(
                    "FlowTable", f"{field}[{flow.value!r}]", member, "non-empty member ids"
                )
            ok = isinstance(v, int | float) and not isinstance(v, bool)
            num = float(v) if ok else math.nan
            hi = 1.0 if sums_to_one else math.inf
            if not (math.isfinite(num) and 0.0 <= num <= hi):
                rng = "in [0, 1]" if sums_to_one else ">= 0"
                raise ValidationError(
                    "FlowTable", f"{field}[{flow.value!r}][{member!r}]", v, f"a finite number {rng}"
                )
            cells[member] = num
        if sums_to_one:
            total = math.fsum(cells.values())
            if abs(total - 1.0) > SHARE_TOLERANCE:
                raise ValidationError(
                    "FlowTable",
                    f"{field}[{flow.value!r}]",
                    dict(row),
                    f"member shares summing to 1 (they sum to {total:.9g})",
                )
        out[flow] = FrozenMap(cells)
    return FrozenMap(out)


@attrs.frozen(slots=True)
class FlowTable:
    """The efficiency template of one segment: who does how much of each channel flow.

    Attributes:
        segment: the segment id (a network holds one table per segment).
        weights: the weight of each :class:`Flow` in the value added (sum to 1).
        shares: for each flow with a weight, each member's share of the work (sum to 1).
        costs: optional cost index of each member for each flow (>= 0; lower is cheaper),
            used for supply-side gaps; may list capable members that do no work today.

    Example:
        >>> t = FlowTable("smb", weights={"physical_possession": 0.6, "promotion": 0.4},
        ...               shares={"physical_possession": {"dist": 1.0},
        ...                       "promotion": {"acme": 0.5, "r1": 0.5}})
        >>> t.members
        ('acme', 'dist', 'r1')
    """

    segment: str = id_field()
    weights: FrozenMap[Flow, float] = attrs.field(
        kw_only=True, converter=attrs.Converter(_flow_weights, takes_self=True, takes_field=True)
    )
    shares: FrozenMap[Flow, FrozenMap[str, float]] = attrs.field(
        kw_only=True, converter=lambda v: _member_table(v, "shares", sums_to_one=True)
    )
    costs: FrozenMap[Flow, FrozenMap[str, float]] = attrs.field(
        kw_only=True,
        factory=FrozenMap,
        converter=lambda v: _member_table(v, "costs", sums_to_one=False),
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

