"""The Mapping guide's examples run and print what the page shows."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "mapping.md"


@pytest.mark.skipif(not GUIDE.exists(), reason="docs are not shipped with this checkout")
def test_mapping_guide_examples() -> None:
    result = doctest.testfile(
        str(GUIDE),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
        verbose=False,
    )
    assert result.attempted > 30
    assert result.failed == 0
