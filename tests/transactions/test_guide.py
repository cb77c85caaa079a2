"""The guide "From partner reports to measured velocity" runs as shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("rapidfuzz")
pytest.importorskip("matplotlib")

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "partner-data.md"


def test_partner_data_guide(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(GUIDE, at_least=40)
