"""The Plots guide: its examples run, and its images exist and are drawn by the script."""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guides" / "plots.md"
SCRIPT = ROOT / "scripts" / "make_plot_images.py"
pytestmark = pytest.mark.skipif(not GUIDE.exists(), reason="docs are not in this checkout")


def _images() -> list[str]:
    return re.findall(r"\]\(\.\./images/([\w.-]+\.png)\)", GUIDE.read_text(encoding="utf-8"))


def _all_images() -> list[str]:
    """The images of every guide page (each tool's guide shows its own plot)."""
    pages = sorted((ROOT / "docs" / "guides").glob("*.md"))
    found = (re.findall(r"\]\(\.\./images/([\w.-]+\.png)\)", p.read_text("utf-8")) for p in pages)
    return sorted({name for names in found for name in names})


def test_guide_examples() -> None:
    try:
        result = doctest.testfile(
            str(GUIDE),
            module_relative=False,
            optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS,
            verbose=False,
        )
    finally:
        plt.close("all")
    assert result.attempted > 15
    assert result.failed == 0


def test_guide_shows_committed_images() -> None:
    names = _images()
    assert len(names) == 11
    for name in names:
        assert (ROOT / "docs" / "images" / name).stat().st_size > 5_000


def test_script_draws_every_image(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("make_plot_images", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = [*module.make_images(tmp_path), *module.make_guide_images(tmp_path)]
    gallery = {f"gallery-{stem}.png" for stem, *_ in module.GALLERY}  # tests/.../test_gallery
    assert sorted({p.name for p in written} | (gallery & set(_all_images()))) == _all_images()
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
