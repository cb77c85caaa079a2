"""The nodes of the channel graph: organizations and end-customer segments, plus managers.

Example:
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

from .._frozen import FrozenMap
from ..errors import ValidationError
from ._fields import (
    enum_field,
    id_field,
    ids_field,
    level_map_field,
    number_field,
    text_field,
    weight_map_field,
)
from .enums import Band, EngagementModel, Role, ServiceOutput, Tier

__all__ = ["Manager", "Need", "Organization", "Segment"]


def _check_owned(value: Any) -> bool:
    if type(value) is not bool:
        raise ValidationError("Organization", "owned", value, "True or False")
    return value


@attrs.frozen(slots=True)
class Organization:
    """A member of the channel: the vendor (steward), a distributor, reseller, MSP, ...

    Which segments an organization serves is not a field: it is given by
    :class:`~channelvalue.model.Serves` links in the network (one source of truth).

    Attributes:
        id: unique, non-empty id.
        name: display name (defaults to empty; tables fall back to the id).
        role: the organization's :class:`Role` (a string value is accepted).
        verticals: industry verticals it serves (sorted, distinct).
        regions: regions it serves (sorted, distinct).
        revenue: annual channel revenue through this member (>= 0).
        volume: annual unit volume (>= 0).
        velocity: revenue growth rate per year, as a fraction (>= -1; 0.25 is +25 %).
        tier: partner program :class:`Tier`.
        engagement: the :class:`EngagementModel` it gets today, if known.
        owned: True for units the vendor owns (the only ones that may report directly).
        capabilities: service-output levels (0..1) it can deliver.
        priorities: its own priority weights (>= 0) by product line, vertical or segment;
            keys are free text and are compared with the steward's keys.

    Example:
        >>> Organization("d1", role="distributor", revenue=5e7).tier.value
        'registered'
        >>> Organization("d1", role="wholesaler")
        Traceback (most recent call last):
        ...
        channelvalue.errors.ValidationError: Organization.role: got 'wholesaler' but expected one of 'vendor', ...
    """

    id: str = id_field()
    name: str = text_field()
    role: Role = enum_field(Role, required=True)
    verticals: tuple[str, ...] = ids_field()
    regions: tuple[str, ...] = ids_field()
    revenue: float = number_field(low=0.0)
    volume: float = number_field(low=0.0)
    velocity: float = number_field(low=-1.0)
    tier: Tier = enum_field(Tier, default=Tier.REGISTERED)
    engagement: EngagementModel | None = enum_field(EngagementModel)
    owned: bool = attrs.field(default=False, kw_only=True, converter=lambda v: _check_owned(v))
    capabilities: FrozenMap[ServiceOutput, float] = level_map_field(ServiceOutput)
    priorities: FrozenMap[str, float] = weight_map_field()

    @property
    def label(self) -> str:
        """The name, or the id when the name is empty.

        Example:
            >>> Organization("x", role="agent").label
            'x'
        """
        return self.name or self.id


def _to_need(value: Any) -> Need:
    if isinstance(value, Need):
        return value
    if isinstance(value, Mapping):
        extra = set(value) - {"level", "importance"}
        if extra:
            raise ValidationError("Need", sorted(extra)[0], value, "only 'level' and 'importance'")
        return Need(**value)
    if isinstance(value, tuple | list) and len(value) == 2:
        return Need(level=value[0], importance=value[1])
    raise ValidationError("Need", "value", value, "a Need, a {level, importance} mapping or a pair")


@attrs.frozen(slots=True)
class Need:
    """What a segment demands of one service output.

    Attributes:
        level: the demanded level, 0..1.
        importance: the weight of this need in the segment's gap score (>= 0).

    Example:
        >>> Need(level=0.7, importance=3).importance
        3.0
    """

    level: float = number_field(low=0.0, high=1.0, required=True)
    importance: float = number_field(low=0.0, default=1.0)


def _convert_needs(value: Any, inst: Any, field: attrs.Attribute[Any]) -> FrozenMap[Any, Need]:
    if not isinstance(value, Mapping):
        raise ValidationError(
            type(inst).__name__, field.name, value, "a mapping of service outputs to Need"
        )
    out: dict[ServiceOutput, Need] = {}
    for key, need in value.items():
        try:
            out[ServiceOutput(key)] = _to_need(need)
        except ValueError as err:
            if isinstance(err, ValidationError):
                raise ValidationError(
                    type(inst).__name__, f"needs[{key!r}].{err.field}", err.value, err.expected
                ) from None
            valid = ", ".join(repr(m.value) for m in ServiceOutput)
            raise ValidationError(
                type(inst).__name__, "needs", key, f"service outputs among {valid}"
            ) from None
    return FrozenMap(out)


@attrs.frozen(slots=True)
class Segment:
    """An end-customer segment: the bottom of every route to market.

    Attributes:
        id: unique, non-empty id.
        name: display name.
        size: customers or revenue potential (>= 0); drives key segments and conflict.
        band: the customer size :class:`Band`, if known.
        verticals: verticals of the segment's customers.
        regions: regions where the segment's customers are.
        needs: the demanded level and importance of each :class:`ServiceOutput`.

    Example:
        >>> s = Segment("ent", name="Enterprise", size=400, band="enterprise",
        ...             needs={"customization": (0.9, 3.0)})
        >>> s.band.value, s.needs["customization"]
        ('enterprise', Need(level=0.9, importance=3.0))
    """

    id: str = id_field()
    name: str = text_field()
    size: float = number_field(low=0.0)
    band: Band | None = enum_field(Band)
    verticals: tuple[str, ...] = ids_field()
    regions: tuple[str, ...] = ids_field()
    needs: FrozenMap[ServiceOutput, Need] = attrs.field(
        factory=FrozenMap,
        converter=attrs.Converter(_convert_needs, takes_self=True, takes_field=True),
        kw_only=True,
    )

    @property
    def label(self) -> str:
        """The name, or the id when the name is empty.

        Example:
            >>> Segment("smb").label
            'smb'
        """
        return self.name or self.id


@attrs.frozen(slots=True)
class Manager:
    """A channel account manager or partner manager on the upstream side.

    Attributes:
        id: unique, non-empty id.
        name: display name.
        capacity: the tier-weighted partner load the manager can carry (> 0).

    Example:
        >>> Manager("cam-1", name="Ana", capacity=12).capacity
        12.0
    """

    id: str = id_field()
    name: str = text_field()
    capacity: float = number_field(low=0.0, low_open=True, default=10.0)

    @property
    def label(self) -> str:
        """The name, or the id when the name is empty.

        Example:
            >>> Manager("m").label
            'm'
        """
        return self.name or self.id
