"""Ids from names and name lookups (`channelvalue.io.export.references`)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from channelvalue.io.export.references import IdPool, NameIndex, slugify


@given(st.text(max_size=100))
def test_slug_is_a_stable_nonempty_ascii_id(text: str) -> None:
    slug = slugify(text)
    assert slug
    assert slug == slugify(text)
    assert len(slug) <= 60
    assert slug.isascii()


def test_id_pool_never_repeats() -> None:
    pool = IdPool({"a", "a-2"})
    assert [pool.claim("a") for _ in range(3)] == ["a-3", "a-4", "a-5"]


def test_name_index_prefers_ids_then_names() -> None:
    ix = NameIndex(["Acme", "x1"], ["Other", "Acme Inc."])
    assert ix.find("Acme") == 0  # an id wins over a name
    assert ix.find("ACME INC") == 1 or ix.find("acme inc.") == 1
    assert ix.find("nobody") is None
