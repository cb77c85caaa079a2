"""The Aligning guide runs as shown, and the Checks page covers every check and threshold."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from channelvalue.aligning import AuditConfig, registered

DOCS = Path(__file__).resolve().parents[2] / "docs"
GUIDE = DOCS / "guides" / "aligning.md"
CHECKS = DOCS / "checks.md"


def test_aligning_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=30)


@pytest.mark.skipif(not CHECKS.exists(), reason="docs are not shipped with this checkout")
def test_checks_page_lists_every_check_and_threshold() -> None:
    text = CHECKS.read_text(encoding="utf-8")
    headings = [line[4:-1] for line in text.splitlines() if line.startswith("## `")]
    assert sorted(headings) == sorted(registered())
    fields = [a.name for a in attrs.fields(AuditConfig)]
    rows = [line.split("|")[1].strip(" `") for line in text.splitlines() if line.startswith("| `")]
    assert rows == fields  # the thresholds table, in field order
