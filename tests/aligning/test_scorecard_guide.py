"""The Scorecard guide runs as shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "scorecard.md"


def test_scorecard_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    pytest.importorskip("openpyxl")
    pytest.importorskip("matplotlib")
    run_doc_examples(GUIDE, at_least=25)
