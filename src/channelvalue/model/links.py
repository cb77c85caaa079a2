"""The edges of the channel graph: four kinds of link.

Each link is a frozen object kept by the network under `(kind, source, target)`; the
network's graph has one edge per link, keyed by its `Link.kind`. A pair of nodes
carries at most one link of each kind.

| kind | source -> target | meaning |
|---|---|---|
| `supplies` | organization -> org | goods and ownership move downstream |
| `serves` | organization -> seg | the last step of a route to market |
| `reports_to` | organization -> org | a partner answers to an upstream member |
| `shares_data` | organization -> org | downstream data (sell-through, ...) flows up |

Examples:
    >>> from channelvalue.model import Supplies, ReportsTo
    >>> Supplies("vendor", "dist").kind
    'supplies'
    >>> ReportsTo("r1", "vendor", manager="cam-1").mode.value
    'indirect'
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from ._fields import (
    name_fields,
    to_data_kinds,
    to_id,
    to_mode,
    to_optional_id,
    to_optional_nonneg,
    to_positive,
)
from .enums import DataKind, ReportingMode

__all__ = ["LINK_KINDS", "Link", "ReportsTo", "Serves", "SharesData", "Supplies"]


@attrs.frozen(slots=True, field_transformer=name_fields)
class Link:
    """Base class of the four link kinds; not added to a network itself.

    Attributes:
        source: id of the node the link starts at.
        target: id of the node the link ends at.

    Examples:
        >>> Serves("r1", "smb").key
        ('serves', 'r1', 'smb')
    """

    kind: ClassVar[str] = "link"
    target_kind: ClassVar[str] = "organization"

    source: str = attrs.field(converter=to_id)
    target: str = attrs.field(converter=to_id)

    @property
    def key(self) -> tuple[str, str, str]:
        """`(kind, source, target)`: what identifies the link in a network."""
        return (self.kind, self.source, self.target)


@attrs.frozen(slots=True, field_transformer=name_fields)
class Supplies(Link):
    """Goods and ownership move from `source` down to `target` (both organizations).

    Examples:
        >>> Supplies("acme", "dist-1")
        Supplies(source='acme', target='dist-1')
    """

    kind: ClassVar[str] = "supplies"


@attrs.frozen(slots=True, field_transformer=name_fields)
class Serves(Link):
    """Organization `source` sells to end-customer segment `target`.

    Attributes:
        revenue: the revenue the source makes in this segment, if known (>= 0). When
            `None`, algorithms split the organization's revenue evenly over the
            segments it serves.

    Examples:
        >>> Serves("r1", "smb", revenue=2e5).revenue
        200000.0
    """

    kind: ClassVar[str] = "serves"
    target_kind: ClassVar[str] = "segment"

    revenue: float | None = attrs.field(default=None, converter=to_optional_nonneg, kw_only=True)


@attrs.frozen(slots=True, field_transformer=name_fields)
class ReportsTo(Link):
    """Partner `source` answers to upstream member `target`.

    Attributes:
        manager: the id of the [`Manager`][channelvalue.Manager] on the upstream side
            (e.g. a channel account manager), if one is named.
        mode: `indirect` (the default: an independent partner) or `direct` (only
            for units the vendor owns).

    Examples:
        >>> ReportsTo("r1", "dist-1", manager="pam-2").manager
        'pam-2'
    """

    kind: ClassVar[str] = "reports_to"

    manager: str | None = attrs.field(default=None, converter=to_optional_id, kw_only=True)
    mode: ReportingMode = attrs.field(
        default=ReportingMode.INDIRECT, converter=to_mode, kw_only=True
    )


@attrs.frozen(slots=True, field_transformer=name_fields)
class SharesData(Link):
    """Downstream `source` sends data to upstream `target` (what a portal carries).

    Attributes:
        data: the kinds of data shared (at least one; sell-through by default).
        interval_days: how often the data is refreshed, in days (> 0).

    Examples:
        >>> SharesData("r1", "acme", data=["sell_through"], interval_days=7).data
        (<DataKind.SELL_THROUGH: 'sell_through'>,)
    """

    kind: ClassVar[str] = "shares_data"

    data: tuple[DataKind, ...] = attrs.field(
        default=(DataKind.SELL_THROUGH,), converter=to_data_kinds, kw_only=True
    )
    interval_days: float = attrs.field(default=30.0, converter=to_positive, kw_only=True)


LINK_KINDS: dict[str, type[Link]] = {
    cls.kind: cls for cls in (Supplies, Serves, ReportsTo, SharesData)
}
"""The link classes by their `kind` string."""
