"""The nodes of the channel graph: organizations and end-customer segments, plus managers.

Examples:
    >>> from channelvalue.model import Organization, Segment, Need
    >>> org = Organization("r1", name="Northwind IT", role="reseller", revenue=1.2e6,
    ...                    capabilities={"after_sales_service": 0.8})
    >>> org.role.value, org.capabilities["after_sales_service"]
    ('reseller', 0.8)
    >>> seg = Segment("smb", size=12000, needs={"availability": Need(level=0.9, importance=2)})
    >>> seg.needs["availability"].level
    0.9
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..errors import ValidationError
from ._fields import (
    ANON,
    BadValue,
    Where,
    name_fields,
    to_attributes,
    to_band,
    to_bool,
    to_engagement,
    to_growth,
    to_id,
    to_ids,
    to_levels,
    to_nonneg,
    to_optional_unit,
    to_positive,
    to_role,
    to_text,
    to_tier,
    to_unit,
    to_weights,
)
from ._frozen import FrozenMap
from .enums import Band, EngagementModel, Role, ServiceOutput, Tier

__all__ = ["Manager", "Need", "Organization", "Segment"]

_EMPTY_LEVELS: FrozenMap[ServiceOutput, float] = to_levels({})
_EMPTY_WEIGHTS: FrozenMap[str, float] = to_weights({})
_EMPTY_ATTRIBUTES: FrozenMap[str, float] = to_attributes({})


@attrs.frozen(slots=True, field_transformer=name_fields)
class Organization:
    """A member of the channel: the vendor (steward), a distributor, reseller, MSP, ...

    Which segments an organization serves is not a field: it is given by
    [`Serves`][channelvalue.Serves] links in the network (one source of truth).

    Attributes:
        id: unique, non-empty id.
        name: display name (defaults to empty; tables fall back to the id).
        role: the organization's [`Role`][channelvalue.Role] (a string value is accepted).
        verticals: industry verticals it serves (sorted, distinct).
        regions: regions it serves (sorted, distinct).
        revenue: annual channel revenue through this member (>= 0).
        volume: annual unit volume (>= 0).
        velocity: revenue growth rate per year, as a fraction (>= -1; 0.25 is +25 %).
        tier: partner program [`Tier`][channelvalue.Tier].
        engagement: the [`EngagementModel`][channelvalue.EngagementModel] it gets today, if known.
        owned: True for units the vendor owns (the only ones that may report directly).
        capabilities: service-output levels (0..1) it can deliver.
        priorities: its own priority weights (>= 0) by product line, vertical or segment;
            keys are free text and are compared with the steward's keys.
        steward_share: the share (0..1) of this member's business that comes from the
            steward's lines, if known; with `switching_ease` it gives the member's
            dependence on the steward ([`power_map`][channelvalue.mapping.power_map]).
        switching_ease: how easily (0..1) this member could replace the steward's lines
            with another vendor's (0: not at all, 1: at once), if known.
        attributes: numeric partner-programme attributes by name (any finite number), e.g.
            `{"deal_registrations": 14, "certifications": 3}`: what tier policies and
            imports use beyond the fixed fields.
        placeholder: True for an organization added only because others refer to it (e.g. a
            parent distributor named in an import but absent from it); its figures are
            unknown, not zero.

    Examples:
        >>> Organization("d1", role="distributor", revenue=5e7).tier.value
        'registered'
        >>> Organization("d1", role="wholesaler")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Organization.role: got 'wholesaler' but ...
    """

    id: str = attrs.field(converter=to_id)
    name: str = attrs.field(default="", converter=to_text, kw_only=True)
    role: Role = attrs.field(converter=to_role, kw_only=True)
    verticals: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    regions: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    revenue: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    volume: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    velocity: float = attrs.field(default=0.0, converter=to_growth, kw_only=True)
    tier: Tier = attrs.field(default=Tier.REGISTERED, converter=to_tier, kw_only=True)
    engagement: EngagementModel | None = attrs.field(
        default=None, converter=to_engagement, kw_only=True
    )
    owned: bool = attrs.field(default=False, converter=to_bool, kw_only=True)
    capabilities: FrozenMap[ServiceOutput, float] = attrs.field(
        default=_EMPTY_LEVELS, converter=to_levels, kw_only=True
    )
    priorities: FrozenMap[str, float] = attrs.field(
        default=_EMPTY_WEIGHTS, converter=to_weights, kw_only=True
    )
    steward_share: float | None = attrs.field(
        default=None, converter=to_optional_unit, kw_only=True
    )
    switching_ease: float | None = attrs.field(
        default=None, converter=to_optional_unit, kw_only=True
    )
    attributes: FrozenMap[str, float] = attrs.field(
        default=_EMPTY_ATTRIBUTES, converter=to_attributes, kw_only=True
    )
    placeholder: bool = attrs.field(default=False, converter=to_bool, kw_only=True)

    @property
    def label(self) -> str:
        """The name, or the id when the name is empty.

        Examples:
            >>> Organization("x", role="agent").label
            'x'
        """
        return self.name or self.id


@attrs.frozen(slots=True, field_transformer=name_fields)
class Need:
    """What a segment demands of one service output.

    Attributes:
        level: the demanded level, 0..1.
        importance: the weight of this need in the segment's gap score (>= 0).

    Examples:
        >>> Need(level=0.7, importance=3).importance
        3.0
    """

    level: float = attrs.field(converter=to_unit, kw_only=True)
    importance: float = attrs.field(default=1.0, converter=to_nonneg, kw_only=True)


NeedLike = Need | tuple[float, float] | Mapping[str, Any]
"""What a segment's `needs` accepts per service output: a Need, a pair or a mapping."""


def _to_need(key: Any, value: Any, where: Where) -> Need:
    if isinstance(value, Need):
        return value
    if isinstance(value, Mapping):
        extra = set(value) - {"level", "importance"}
        if extra or "level" not in value:
            raise BadValue(value, "a mapping with 'level' (and 'importance')", f"[{key!r}]", where)
        fields = dict(value)
    elif isinstance(value, tuple | list) and len(value) == 2:
        fields = {"level": value[0], "importance": value[1]}
    else:
        raise BadValue(
            value, "a Need, a (level, importance) pair or a mapping", f"[{key!r}]", where
        )
    try:
        return Need(**fields)
    except ValidationError as err:  # locate the bad part of the Need inside the field
        raise BadValue(err.value, err.expected, f"[{key!r}].{err.field}", where) from None


def to_needs(value: Mapping[Any, NeedLike], where: Where = ANON) -> FrozenMap[ServiceOutput, Need]:
    """Needs keyed by [`ServiceOutput`][channelvalue.ServiceOutput]; each a Need, a pair or a
    mapping."""
    if not isinstance(value, Mapping):
        raise BadValue(value, "a mapping of service outputs to needs", where=where)
    out: dict[ServiceOutput, Need] = {}
    for key, need in value.items():
        try:
            so = ServiceOutput(key)
        except ValueError:
            valid = ", ".join(repr(m.value) for m in ServiceOutput)
            raise BadValue(key, f"service outputs among {valid}", where=where) from None
        out[so] = _to_need(key, need, where)
    return FrozenMap(out)


@attrs.frozen(slots=True, field_transformer=name_fields)
class Segment:
    """An end-customer segment: the bottom of every route to market.

    Attributes:
        id: unique, non-empty id.
        name: display name.
        size: customers or revenue potential (>= 0); drives key segments and conflict.
        band: the customer size [`Band`][channelvalue.Band], if known.
        verticals: verticals of the segment's customers.
        regions: regions where the segment's customers are.
        needs: the demanded level and importance of each
            [`ServiceOutput`][channelvalue.ServiceOutput].

    Examples:
        >>> s = Segment("ent", name="Enterprise", size=400, band="enterprise",
        ...             needs={"customization": (0.9, 3.0)})
        >>> s.band.value, s.needs["customization"]
        ('enterprise', Need(level=0.9, importance=3.0))
    """

    id: str = attrs.field(converter=to_id)
    name: str = attrs.field(default="", converter=to_text, kw_only=True)
    size: float = attrs.field(default=0.0, converter=to_nonneg, kw_only=True)
    band: Band | None = attrs.field(default=None, converter=to_band, kw_only=True)
    verticals: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    regions: tuple[str, ...] = attrs.field(default=(), converter=to_ids, kw_only=True)
    needs: FrozenMap[ServiceOutput, Need] = attrs.field(
        factory=FrozenMap, converter=to_needs, kw_only=True
    )

    @property
    def label(self) -> str:
        """The name, or the id when the name is empty.

        Examples:
            >>> Segment("smb").label
            'smb'
        """
        return self.name or self.id


@attrs.frozen(slots=True, field_transformer=name_fields)
class Manager:
    """A channel account manager or partner manager on the upstream side.

    Attributes:
        id: unique, non-empty id.
        name: display name.
        capacity: the tier-weighted partner load the manager can carry (> 0).

    Examples:
        >>> Manager("cam-1", name="Ana", capacity=12).capacity
        12.0
    """

    id: str = attrs.field(converter=to_id)
    name: str = attrs.field(default="", converter=to_text, kw_only=True)
    capacity: float = attrs.field(default=10.0, converter=to_positive, kw_only=True)

    @property
    def label(self) -> str:
        """The name, or the id when the name is empty.

        Examples:
            >>> Manager("m").label
            'm'
        """
        return self.name or self.id
