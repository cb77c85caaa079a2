"""FrozenMap: read-only, sorted, hashable."""

from __future__ import annotations

import pytest

from channelvalue.model import FrozenMap


def test_frozen_map_is_read_only_and_hashable() -> None:
    m = FrozenMap({"b": 2, "a": 1})
    assert list(m) == ["a", "b"]
    assert m == {"a": 1, "b": 2}
    assert "a" in m
    assert hash(m) == hash(FrozenMap({"a": 1, "b": 2}))
    with pytest.raises(TypeError):
        m["c"] = 3  # type: ignore[index]
    assert repr(FrozenMap({})) == "FrozenMap({})"
    assert (m == 5) is False
