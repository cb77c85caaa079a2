"""gap_heatmap: one cell per segment and stated service output."""

from __future__ import annotations

import math

import numpy as np
import pytest

import channelvalue as cv
from channelvalue.mapping import service_gaps
from channelvalue.plotting import gap_heatmap


def test_cells_are_the_segment_gaps(example, render) -> None:
    gaps = service_gaps(example)
    ax = gap_heatmap(gaps)
    render(ax, "gaps")
    cells = ax.images[0].get_array()
    rows = [t.get_text() for t in ax.get_yticklabels()]
    cols = [t.get_text().replace(" ", "_") for t in ax.get_xticklabels()]
    assert rows == sorted(example.segments)
    assert cells.shape == (len(rows), len(cols))
    stated = {(r.segment, r.output.value): r.gap for r in gaps.segments}
    for i, seg in enumerate(rows):
        for j, out in enumerate(cols):
            if (seg, out) in stated:
                assert cells[i, j] == pytest.approx(stated[seg, out])
            else:
                assert cells.mask[i, j]
    # one text per stated need; under-served ones in bold
    assert len(ax.texts) == len(stated)
    bold = sum(t.get_fontweight() == "bold" for t in ax.texts)
    assert bold == sum(r.status == "under" for r in gaps.segments)
    assert ax.get_title() == "Service gaps: demanded - delivered (tolerance 0.05)"
    assert len(ax.figure.axes) == 2  # the heat-map and its colour bar


def test_network_in_gives_the_default_gaps(example) -> None:
    a = gap_heatmap(example).images[0].get_array()
    b = gap_heatmap(service_gaps(example)).images[0].get_array()
    assert np.ma.allequal(a, b)


def test_columns_are_only_stated_outputs() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("r", role="reseller", capabilities={"availability": 0.5}),
            cv.Segment("smb", needs={"availability": (0.9, 1.0)}),
            cv.Segment("ent", needs={"customization": (0.4, 2.0)}),
            cv.Supplies("v", "r"),
            cv.Serves("r", "smb"),
        ]
    )
    ax = gap_heatmap(net, annotate=False, colorbar=False)
    assert [t.get_text() for t in ax.get_xticklabels()] == ["customization", "availability"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["ent", "smb"]
    cells = ax.images[0].get_array()
    assert cells[0, 0] == pytest.approx(0.4)  # no route: nothing delivered
    assert cells[1, 1] == pytest.approx(0.4)
    assert cells.mask[0, 1]
    assert cells.mask[1, 0]
    assert not ax.texts
    assert len(ax.figure.axes) == 1


def test_no_stated_need_is_an_error() -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor"), cv.Segment("smb")])
    with pytest.raises(cv.ValidationError, match=r"gap_heatmap\.gaps_or_net"):
        gap_heatmap(net)


@pytest.mark.parametrize("bad", [None, 3, "gaps"])
def test_wrong_input_is_an_error(bad: object) -> None:
    with pytest.raises(cv.WrongTypeError, match=r"gap_heatmap\.gaps_or_net"):
        gap_heatmap(bad)  # type: ignore[arg-type]


def test_bad_options_are_errors(example) -> None:
    with pytest.raises(cv.ValidationError, match=r"gap_heatmap\.annotate"):
        gap_heatmap(example, annotate=1)  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match=r"gap_heatmap\.colorbar"):
        gap_heatmap(example, colorbar=None)  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError, match=r"gap_heatmap\.ax"):
        gap_heatmap(example, ax=object())  # type: ignore[arg-type]


def test_colour_scale_is_symmetric(example) -> None:
    image = gap_heatmap(example).images[0]
    lo, hi = image.get_clim()
    assert lo == -hi
    assert math.isclose(hi, float(np.nanmax(np.abs(image.get_array().filled(np.nan)))))
