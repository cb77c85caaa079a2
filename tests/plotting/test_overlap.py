"""account_overlap_heatmap: direct sales and the top partners, names as labels."""

from __future__ import annotations

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.mapping import account_overlap
from channelvalue.plotting import account_overlap_heatmap

from ..mapping.test_overlap import example_without_lists, worked


def test_cells_are_the_overlap(render) -> None:  # type: ignore[no-untyped-def]
    ax = account_overlap_heatmap(worked())
    render(ax, "overlap")
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["direct sales", "M1", "R1", "R2", "S1"]
    cells = ax.images[0].get_array()
    assert cells.mask.diagonal().all()
    assert cells[2, 3] == 2
    assert cells[0, 2] == 1
    assert cells[3, 4] == 0
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["1"] * 6 + ["2"] * 4
    assert ax.get_title().endswith("direct sales and the top 4 partners")


def test_top_keeps_the_partners_sharing_most() -> None:
    ov = account_overlap(worked())
    ax = account_overlap_heatmap(ov, top=2, title="T", annotate=False)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["direct sales", "R1", "R2"]
    assert ax.get_title() == "T"
    assert not ax.texts


def test_without_direct_sales() -> None:
    net = cv.ChannelNetwork()
    net.add_all(
        [cv.Organization(x, role="reseller") for x in "ab"]
        + [cv.AccountList("a", ["k"]), cv.AccountList("b", ["k"])]
    )
    ax = account_overlap_heatmap(net)
    assert ax.get_title() == "Shared customer accounts\nthe top 2 partners"
    assert np.ma.getdata(ax.images[0].get_array())[0, 1] == 1


def test_bad_input() -> None:
    with pytest.raises(cv.WrongTypeError):
        account_overlap_heatmap("net")  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match="top"):
        account_overlap_heatmap(worked(), top=0)
    with pytest.raises(cv.ValidationError, match="annotate"):
        account_overlap_heatmap(worked(), annotate=1)  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match="account lists"):
        account_overlap_heatmap(example_without_lists())


def test_the_guide_image_is_drawn_by_the_script(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import importlib.util
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "make_plot_images", root / "scripts" / "make_plot_images.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = module.make_guide_images(tmp_path)
    assert "plot-account-overlap.png" in [p.name for p in written]
    guide = (root / "docs" / "guides" / "overlap.md").read_text(encoding="utf-8")
    assert "](../images/plot-account-overlap.png)" in guide
    assert (root / "docs" / "images" / "plot-account-overlap.png").stat().st_size > 5_000
