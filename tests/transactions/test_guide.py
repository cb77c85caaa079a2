"""The channel-data guide runs as shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "transactions.md"


def test_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=15)
