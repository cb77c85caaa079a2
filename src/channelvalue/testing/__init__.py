"""Helpers for testing code that uses channelvalue.

`channelvalue.testing.strategies` holds [hypothesis](https://hypothesis.works)
strategies for every domain object and for valid whole networks, for your own property
tests. hypothesis is *not* a dependency of channelvalue: install it yourself
(`pip install hypothesis`). It is imported only when you import the `strategies`
submodule, so `import channelvalue` and `import channelvalue.testing` never need it.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.testing import network_items
    >>> net = cv.datasets.example()
    >>> rebuilt = cv.ChannelNetwork(steward=net.steward_id, name=net.name)
    >>> rebuilt.add_all(network_items(net))
    >>> rebuilt == net
    True
"""

from __future__ import annotations

import importlib
import operator
from typing import TYPE_CHECKING, Any

from ..core.network import ChannelNetwork, Item
from ..model import LINK_KINDS
from ..model.kinds import KINDS

if TYPE_CHECKING:
    from . import strategies as strategies

__all__ = ["network_items", "strategies"]


def network_items(net: ChannelNetwork) -> list[Item]:
    """Every domain object of `net`, in a canonical order (by kind, then by key).

    Adding them with [`add_all`][channelvalue.core.network.ChannelNetwork.add_all] to an empty
    network with the same steward and name rebuilds an equal network, whatever order
    they are added in.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.ChannelNetwork(steward="a")
        >>> net.add_all([cv.Organization("b", role="reseller"),
        ...              cv.Organization("a", role="vendor"), cv.Supplies("a", "b")])
        >>> [type(x).__name__ for x in network_items(net)]
        ['Organization', 'Organization', 'Supplies']
        >>> network_items(net)[0].id
        'a'
    """
    out: list[Item] = []
    for kind in KINDS:  # every kind, in the table's order; the links once, by key
        if kind.name in LINK_KINDS:
            if kind.name == next(iter(LINK_KINDS)):
                out.extend(sorted(net.links(), key=operator.attrgetter("key")))
            continue
        out.extend(sorted(net.registry(kind.name).values(), key=kind.key))
    return out


def __getattr__(name: str) -> Any:
    # ``channelvalue.testing.strategies`` imports hypothesis: load it only when asked
    if name == "strategies":
        return importlib.import_module(f"{__name__}.strategies")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
