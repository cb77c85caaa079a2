"""The Aligning guide runs as shown, and the Checks page covers every check and threshold."""

from __future__ import annotations

import doctest
from pathlib import Path

import attrs
import pytest

from channelvalue.aligning import AuditConfig, registered

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE = DOCS / "guides" / "aligning.md"
CHECKS = DOCS / "checks.md"


@pytest.mark.skipif(not GUIDE.exists(), reason="docs are not shipped with this checkout")
def test_aligning_guide_examples() -> None:
    result = doctest.testfile(
        str(GUIDE),
        module_relative=False,
        optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
        verbose=False,
    )
    assert result.attempted > 30
    assert result.failed == 0


@pytest.mark.skipif(not CHECKS.exists(), reason="docs are not shipped with this checkout")
def test_checks_page_lists_every_check_and_threshold() -> None:
    text = CHECKS.read_text(encoding="utf-8")
    headings = [line[4:-1] for line in text.splitlines() if line.startswith("## `")]
    assert sorted(headings) == sorted(registered())
    fields = [a.name for a in attrs.fields(AuditConfig)]
    rows = [line.split("|")[1].strip(" `") for line in text.splitlines() if line.startswith("| `")]
    assert rows == fields  # the thresholds table, in field order
