"""design_matrix: flows x chosen member types, the carrier's cell filled with its role colour."""

from __future__ import annotations

from typing import Any

import matplotlib.pyplot as plt
import pytest
from matplotlib.colors import to_hex

import channelvalue as cv
from channelvalue.building import MemberType, design_channel
from channelvalue.errors import ValidationError, WrongTypeError
from channelvalue.plotting import design_matrix
from channelvalue.plotting._axes import role_color

EVERY = [f.value for f in cv.Flow]


def _design() -> Any:
    dist = MemberType(
        "dist",
        role="distributor",
        fixed_cost=4,
        capabilities={"availability": 0.9},
        costs={f: 1.0 for f in EVERY if f not in ("promotion", "negotiation")},
    )
    var = MemberType("var", role="reseller", fixed_cost=3, costs=dict.fromkeys(EVERY, 2.0))
    return design_channel(cv.Segment("s", needs={"availability": (0.8, 1.0)}), [dist, var])


def test_matrix_labels_cells_and_colours(render: Any) -> None:
    d = _design()
    ax = design_matrix(d)
    render(ax, "design")
    assert [t.get_text() for t in ax.get_yticklabels()] == [f.replace("_", " ") for f in EVERY]
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "dist\ndistributor\nfixed 4",
        "var\nreseller\nfixed 3",
    ]
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 16
    assert texts[2] == "-"  # dist cannot carry promotion
    filled = [p for p in ax.patches if to_hex(p.get_facecolor()) != "#f2f2f2"]
    assert len(filled) == 8  # one carrier per flow
    colours = {to_hex(p.get_facecolor()) for p in filled}
    assert colours == {role_color(cv.Role.DISTRIBUTOR), role_color(cv.Role.RESELLER)}
    bold = [t.get_text() for t in ax.texts if t.get_fontweight() == "bold"]
    assert bold == ["1", "1", "1", "1", "1", "1", "2", "2"]
    assert ax.get_title("left") == "s: cost 17 (fixed 7 + flows 10)"


def test_options() -> None:
    _, ax = plt.subplots()
    out = design_matrix(_design(), ax=ax, title="mine", figsize=(3, 3))
    assert out is ax
    assert ax.get_title("left") == "mine"
    with pytest.raises(WrongTypeError):
        design_matrix("d")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        design_matrix(_design(), ax="ax")  # type: ignore[arg-type]
    with pytest.raises(ValidationError):
        design_matrix(_design(), title=3)  # type: ignore[arg-type]
