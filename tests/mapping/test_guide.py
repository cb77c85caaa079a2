"""The Mapping guide's examples run and print what the page shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "mapping.md"


def test_mapping_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=30)
