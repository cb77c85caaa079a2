"""The channel-data guides run as shown: the engine guide and "From partner reports to
measured velocity"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "guides"


def test_guide_examples(run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(DOCS / "transactions.md", at_least=15)


def test_partner_data_guide(run_doc_examples: Callable[..., None]) -> None:
    pytest.importorskip("rapidfuzz")
    pytest.importorskip("matplotlib")
    run_doc_examples(DOCS / "partner-data.md", at_least=40)
