"""The default max_bytes means what it says: memory per byte of file, traced (issue 14).

Figures are ratios of the peak memory traced by ``tracemalloc`` while loading to the size
of the document, not wall time. Measured: 9.4 for ``synthetic(n)`` (any n), 61 for a
document of segments with only an id, the most compact objects.
"""

from __future__ import annotations

import json
import tracemalloc

import pytest

import channelvalue as cv
from channelvalue import io
from channelvalue.io.json import DEFAULT_MAX_BYTES

TYPICAL = 16.0  # bytes of memory per byte of a typical document (measured 9.4)
WORST = 80.0  # ... of the most compact document (measured 61)
BUDGET = 6 * 10**9  # what a document at the default limit may need at most


def _peak_per_byte(data: bytes) -> float:
    tracemalloc.start()
    try:
        io.loads(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / len(data)


def _compact(n: int) -> bytes:
    doc = {
        "format": "channelvalue",
        "format_version": 1,
        "steward": "v",
        "organizations": [{"id": "v", "role": "vendor"}],
        "segments": [{"id": f"{i:x}"} for i in range(n)],
    }
    return json.dumps(doc, separators=(",", ":")).encode()


def test_a_typical_document_needs_about_ten_bytes_per_byte() -> None:
    data = io.dumps(cv.datasets.synthetic(1_000, seed=1)).encode()
    assert _peak_per_byte(data) <= TYPICAL


def test_the_most_compact_document_needs_at_most_eighty_bytes_per_byte() -> None:
    assert _peak_per_byte(_compact(20_000)) <= WORST


def test_memory_grows_linearly_with_the_document() -> None:
    small, large = _peak_per_byte(_compact(5_000)), _peak_per_byte(_compact(20_000))
    assert large <= 1.25 * small


def test_a_document_at_the_default_limit_needs_a_few_gigabytes_at_most() -> None:
    assert DEFAULT_MAX_BYTES == 64 * 2**20
    assert DEFAULT_MAX_BYTES * WORST <= BUDGET
    assert io.DEFAULT_MAX_BYTES == DEFAULT_MAX_BYTES


def test_a_document_over_the_default_limit_is_refused_before_parsing() -> None:
    text = " " * DEFAULT_MAX_BYTES + "{}"
    tracemalloc.start()
    try:
        with pytest.raises(cv.DocumentError, match="over the limit of 67,108,864"):
            io.loads(text)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak <= 3 * len(text)  # the text and its UTF-8 bytes, nothing parsed
