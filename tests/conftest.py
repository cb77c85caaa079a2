"""Suite-wide test settings: the hypothesis profiles.

- ``ci`` (the default): few examples per property and no deadline, so the whole suite
  stays fast on a 2-core machine and never fails on a slow draw.
- ``fuzz``: many more examples, for long runs that hunt for rare inputs.
- ``dev``: a handful of examples, for a quick loop while editing.

Pick one with the environment variable ``HYPOTHESIS_PROFILE``, e.g.
``HYPOTHESIS_PROFILE=fuzz pytest tests/io/test_json.py``.
"""

from __future__ import annotations

import doctest
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]

settings.register_profile(
    "ci", max_examples=25, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True
)
settings.register_profile(
    "fuzz", max_examples=5_000, deadline=None, suppress_health_check=_SLOW_OK, print_blob=True
)
settings.register_profile("dev", max_examples=5, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def docs_dir() -> Path:
    """The repository's docs/ folder."""
    return ROOT / "docs"


@pytest.fixture(scope="session")
def run_doc_examples() -> Callable[..., None]:
    """Run the `>>>` examples of a docs page; skip where the docs are not in the checkout."""

    def run(page: Path, *, at_least: int) -> None:
        if not page.exists():  # pragma: no cover - docs are not shipped in every checkout
            pytest.skip("docs are not in this checkout")
        result = doctest.testfile(
            str(page),
            module_relative=False,
            optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
            verbose=False,
        )
        assert result.attempted > at_least
        assert result.failed == 0

    return run


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close the figures a test drew (any test may plot, e.g. by running a guide page)."""
    yield
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
