"""The derived-data cache of a network: values built once per network version.

Whole-graph passes (the array view, supply order, path counts, route patterns, audit
inputs) are expensive and are asked for many times between two changes of a network.
Each network keeps one [`DerivedCache`][channelvalue.core.cache.DerivedCache] of such values,
modelled on networkx's `G.__networkx_cache__` protocol, with three rules:

- **Typed keys.** An entry is keyed by a [`CacheKey`][channelvalue.core.cache.CacheKey]: the builder
  function plus the arguments it is called with (`cached(net, fn, *args)` stores `fn(net, *args)`).
  Two modules cannot collide on a free-text key, and the key says what built the value.
- **Version stamps.** Every entry carries the
  [`version`][channelvalue.core.network.ChannelNetwork.version] it was built from. A change to the
  network bumps the version (once before it is applied and once after) and clears the cache, in one
  place.
- **Nothing stale.** A value whose build overlapped a change is neither stored nor
  returned: it is built again from the new state. A lock makes "check the version, then
  store" atomic, so a value built while another thread changed the network cannot be
  stored after the change cleared the cache.

Builders must be pure functions of the network (and their arguments), and cached values
are shared: treat them as read-only (arrays in them are made read-only where it matters).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.core import cache
    >>> def n_orgs(net, role):
    ...     return sum(o.role.value == role for o in net.organizations.values())
    >>> net = cv.datasets.example()
    >>> cache.cached(net, n_orgs, "distributor")
    2
    >>> cache.CacheKey(n_orgs, ("distributor",)) in cache.keys(net)
    True
    >>> net.add(cv.Organization("d4", role="distributor"))
    >>> cache.keys(net), cache.cached(net, n_orgs, "distributor")
    ((), 3)
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

if TYPE_CHECKING:
    from .network import ChannelNetwork

__all__ = ["CacheKey", "DerivedCache", "cached", "cached_by", "clear", "keys"]

T = TypeVar("T")


class CacheKey(NamedTuple):
    """What identifies a cached value: the function that builds it and its arguments.

    Examples:
        >>> CacheKey(len, ("x",)) == CacheKey(len, ("x",))
        True
    """

    builder: Callable[..., Any]
    args: tuple[Hashable, ...] = ()


class DerivedCache:
    """The version-stamped entries of one network (held by the network, used through
    [`cached`][channelvalue.core.cache.cached]).

    Examples:
        >>> c = DerivedCache()
        >>> c.get_or_build(CacheKey(len), lambda: 42)
        42
        >>> c.get_or_build(CacheKey(len), lambda: 43)
        42
        >>> c.changed()
        >>> c.version, c.get_or_build(CacheKey(len), lambda: 43)
        (1, 43)
    """

    __slots__ = ("_entries", "_lock", "version")

    def __init__(self) -> None:
        self._entries: dict[CacheKey, tuple[int, Any]] = {}
        self._lock = threading.Lock()
        self.version = 0
        """The network's version: bumped by every change."""

    def changed(self) -> None:
        """The network changed (or is about to): bump the version, drop every entry."""
        with self._lock:
            self.version += 1
            self._entries.clear()

    def get_or_build(self, key: CacheKey, build: Callable[[], T]) -> T:
        """The entry for `key` if it was built from the current version, else a fresh
        build, stored (and returned) only if no change overlapped it.
        """
        while True:
            with self._lock:
                start = self.version
                entry = self._entries.get(key)
            if entry is not None and entry[0] == start:
                found: T = entry[1]
                return found
            value = build()
            with self._lock:
                if self.version == start:
                    self._entries[key] = (start, value)
                    return value
            # a change overlapped the build: the value may mix two states, build again

    def keys(self) -> tuple[CacheKey, ...]:
        """The keys of the current entries."""
        with self._lock:
            return tuple(self._entries)

    def clear(self) -> None:
        """Drop every entry (the version stays)."""
        with self._lock:
            self._entries.clear()


def cached(net: ChannelNetwork, builder: Callable[..., T], *args: Hashable) -> T:
    """`builder(net, *args)`, built once per network version and kept until the next change.

    `builder` must be a module-level function (its identity is part of the key; a
    lambda made per call would never be found again) and `args` hashable.

    Examples:
        >>> import channelvalue as cv
        >>> def steward_role(net):
        ...     return net.steward.role.value
        >>> cached(cv.datasets.example(), steward_role)
        'vendor'
    """
    return net._cache.get_or_build(CacheKey(builder, args), lambda: builder(net, *args))


def cached_by(net: ChannelNetwork, key: CacheKey, build: Callable[[], T]) -> T:
    """`build()`, cached for `net` under an explicit `key` (for builders that are
    closures: name the key after the public function they serve and its arguments).

    Examples:
        >>> import channelvalue as cv
        >>> def n_links(net):
        ...     return cached_by(net, CacheKey(n_links), lambda: net.count_links())
        >>> n_links(cv.datasets.example()) > 0
        True
    """
    return net._cache.get_or_build(key, build)


def keys(net: ChannelNetwork) -> tuple[CacheKey, ...]:
    """The keys of the values cached for `net` now (for inspection and tests).

    Examples:
        >>> import channelvalue as cv
        >>> keys(cv.ChannelNetwork())
        ()
    """
    return net._cache.keys()


def clear(net: ChannelNetwork) -> None:
    """Drop every value cached for `net` (they are rebuilt on demand).

    Examples:
        >>> import channelvalue as cv
        >>> clear(cv.ChannelNetwork())
    """
    net._cache.clear()
