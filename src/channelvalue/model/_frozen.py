"""An immutable, hashable mapping with a deterministic (sorted) key order."""

from __future__ import annotations

from collections.abc import ItemsView, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar, overload

__all__ = ["FrozenMap"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")
_NOTHING_CHECKED: frozenset[str] = frozenset()


class FrozenMap(Mapping[K, V]):
    """A read-only mapping that can be hashed and compared, with keys kept in sorted order.

    Domain objects hold their per-key figures (service levels, priorities, shares) in a
    `FrozenMap` so they stay immutable and hashable.

    Examples:
        >>> m = FrozenMap({"b": 2, "a": 1})
        >>> list(m), m["a"], len(m)
        (['a', 'b'], 1, 2)
        >>> m == {"a": 1, "b": 2}
        True
        >>> hash(m) == hash(FrozenMap({"a": 1, "b": 2}))
        True
    """

    __slots__ = ("_checked", "_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None) -> None:
        items = data if type(data) is dict else dict(data or {})
        try:
            # keys are distinct, so sorting the pairs never compares two values
            ordered: dict[K, V] = dict(sorted(items.items()))
        except TypeError:
            ordered = dict(items)
        self._data: dict[K, V] = ordered
        self._hash: int | None = None
        # tags of the field converters that have already validated this (immutable) map
        self._checked: frozenset[str] = _NOTHING_CHECKED

    @classmethod
    def _of_str_keys(cls, data: dict[K, V]) -> FrozenMap[K, V]:
        """`FrozenMap(data)` for a dict whose keys are all `str` (so they sort without a
        TypeError), without the general initialiser's copies (private: findings use it)."""
        out: FrozenMap[K, V] = cls.__new__(cls)
        out._data = dict(sorted(data.items()))
        out._hash = None
        out._checked = _NOTHING_CHECKED
        return out

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    # the dict's own views and get: what Mapping's generic ones return, without a Python
    # call per key (audits read hundreds of thousands of these)
    def keys(self) -> KeysView[K]:
        return self._data.keys()

    def values(self) -> ValuesView[V]:
        return self._data.values()

    def items(self) -> ItemsView[K, V]:
        return self._data.items()

    @overload
    def get(self, key: K, /) -> V | None: ...
    @overload
    def get(self, key: K, default: V, /) -> V: ...
    @overload
    def get(self, key: K, default: T, /) -> V | T: ...
    def get(self, key: K, default: Any = None, /) -> Any:
        return self._data.get(key, default)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self._data == dict(other)
        return NotImplemented

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (self._data,))
