"""The zero-based design guide's examples run and print what the page shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "design.md"


def test_design_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=20)
