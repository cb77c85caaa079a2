"""The network core: [`ChannelNetwork`][channelvalue.ChannelNetwork] and what alone sees its
internals — batch staging, the lazily built structure graph, the array view and the
version-keyed derived-data cache.

Examples:
    >>> from channelvalue.core import ChannelNetwork
    >>> ChannelNetwork(steward="acme", name="demo")
    <ChannelNetwork 'demo': steward 'acme', 0 organizations, 0 segments, 0 links>
"""

from __future__ import annotations

from .network import ChannelNetwork, Item

__all__ = ["ChannelNetwork", "Item"]
