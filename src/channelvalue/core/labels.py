"""Names for ids: what results show next to the ids they hold (issue 15, item 5).

People know their partners and segments by name; results hold ids. Every result made from a
network keeps the network's [`name_index`][channelvalue.core.labels.name_index] (built once per
network version and shared), and its `to_frame()` puts a `<column>_name` column after each id
column ([`named_columns`][channelvalue.core.labels.named_columns]).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..model._frozen import FrozenMap
from .cache import cached

if TYPE_CHECKING:
    from .network import ChannelNetwork

__all__ = ["ID_COLUMNS", "NO_NAMES", "name_index", "named_columns"]

NO_NAMES: FrozenMap[str, str] = FrozenMap({})
"""The empty index: results made without a network show ids only."""

ID_COLUMNS = ("partner", "member", "segment", "recipient", "steward")
"""The columns of result frames that hold organization or segment ids."""


def _build(net: ChannelNetwork) -> FrozenMap[str, str]:
    names = {s.id: s.name or s.id for s in net.segments.values()}
    names.update({o.id: o.name or o.id for o in net.organizations.values()})
    return FrozenMap(names)


def name_index(net: ChannelNetwork) -> FrozenMap[str, str]:
    """Organization and segment ids to their display names (the id when unnamed), cached
    until the network changes.

    Examples:
        >>> import channelvalue as cv
        >>> name_index(cv.datasets.example())["acme"]
        'Acme Networks'
    """
    return cached(net, _build)


def named_columns(columns: dict[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """`columns` with a `<name>_name` column after each id column of
    [`ID_COLUMNS`][channelvalue.core.labels.ID_COLUMNS] (ids without a name show as
    themselves); unchanged when `names` is empty.

    Examples:
        >>> named_columns({"segment": ["smb", "x"], "n": [1, 2]}, {"smb": "Small business"})
        {'segment': ['smb', 'x'], 'segment_name': ['Small business', 'x'], 'n': [1, 2]}
    """
    if not names:
        return columns
    out: dict[str, Any] = {}
    for key, values in columns.items():
        out[key] = values
        if key in ID_COLUMNS and f"{key}_name" not in columns:
            get = names.get
            out[f"{key}_name"] = [get(v, v) if isinstance(v, str) else v for v in values]
    return out
