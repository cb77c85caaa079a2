"""PartnerMeasure, Provenance and ChannelMeasures: validation and JSON round trips."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from channelvalue.errors import ValidationError
from channelvalue.model import ChannelMeasures, PartnerMeasure, Provenance

D = dt.date


def measure(partner: str = "r1", **kw: Any) -> PartnerMeasure:
    base: dict[str, Any] = {
        "volume": 1200.0,
        "velocity": 0.1,
        "sell_in": 100.0,
        "sell_through": 90.0,
        "on_hand": 40.0,
        "weeks_of_inventory": 4.5,
        "weeks_of_inventory_change": 1.5,
        "sell_in_ratio": 1.1,
        "claims_paid": 10.0,
        "claims_earned": 12.0,
        "win_rate": 0.5,
        "lines": 24,
    }
    base.update(kw)
    return PartnerMeasure(partner, **base)


def provenance(**kw: Any) -> Provenance:
    base: dict[str, Any] = {"sources": ["b.csv", "a.csv", "a.csv"], "rows": {"sell_in": 3}}
    base.update(kw)
    return Provenance("month", D(2025, 1, 1), D(2026, 12, 31), D(2026, 12, 31), **base)


def test_round_trip_through_json() -> None:
    cm = ChannelMeasures({"r1": measure(), "r2": measure("r2", velocity=None)}, provenance())
    text = json.dumps(cm.to_dict(), allow_nan=False)
    assert ChannelMeasures.from_dict(json.loads(text)) == cm
    assert cm.provenance.sources == ("a.csv", "b.csv")


def test_measures_can_be_given_as_a_list() -> None:
    cm = ChannelMeasures([measure("r2"), measure("r1")], provenance())
    assert list(cm.partners) == ["r1", "r2"]


def test_frame() -> None:
    pytest.importorskip("pandas")
    frame = ChannelMeasures([measure()], provenance()).to_frame()
    assert frame.loc[0, "volume"] == 1200.0
    assert frame.shape == (1, 18)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("volume", -1.0),
        ("volume", float("nan")),
        ("velocity", -1.5),
        ("win_rate", 1.5),
        ("lines", -1),
        ("lines", 1.5),
        ("lines", True),
        ("lines", "3"),
        ("duplicate_lines", -2),
        ("sell_in", float("inf")),
        ("on_hand", "x"),
    ],
)
def test_each_field_is_validated(field: str, value: Any) -> None:
    with pytest.raises(ValidationError, match=rf"PartnerMeasure\.{field}"):
        measure(**{field: value})


def test_provenance_is_validated() -> None:
    with pytest.raises(ValidationError, match=r"Provenance\.period"):
        Provenance("year", D(2025, 1, 1), D(2025, 1, 1), D(2025, 1, 1))
    with pytest.raises(ValidationError, match=r"Provenance\.end"):
        Provenance("month", D(2025, 2, 1), D(2025, 1, 1), D(2025, 1, 1))
    with pytest.raises(ValidationError, match=r"Provenance\.start"):
        Provenance("month", "2025-13-01", D(2025, 1, 1), D(2025, 1, 1))
    with pytest.raises(ValidationError, match=r"Provenance\.rows"):
        provenance(rows={"sell_in": -1})
    with pytest.raises(ValidationError, match=r"Provenance\.rows"):
        provenance(rows=[1])
    assert Provenance("week", dt.datetime(2025, 1, 1, 5), "2025-01-02", D(2025, 1, 3)).start == D(
        2025, 1, 1
    )


def test_channel_measures_are_validated() -> None:
    with pytest.raises(ValidationError, match=r"ChannelMeasures\.partners"):
        ChannelMeasures({"r2": measure("r1")}, provenance())
    with pytest.raises(ValidationError, match=r"ChannelMeasures\.partners"):
        ChannelMeasures({"r1": 3}, provenance())  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match=r"ChannelMeasures\.partners"):
        ChannelMeasures(3, provenance())  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"ChannelMeasures\.provenance"):
        ChannelMeasures({}, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "doc",
    [
        [],
        {"partners": {}, "provenance": {}},
        {"partners": [{"partner": "r1"}], "provenance": provenance().to_dict()},
        {"partners": [], "provenance": {**provenance().to_dict(), "extra": 1}},
        {"partners": [], "provenance": provenance().to_dict(), "x": 1},
    ],
)
def test_bad_documents_are_refused(doc: Any) -> None:
    with pytest.raises(ValidationError):
        ChannelMeasures.from_dict(doc)


_finite = st.floats(-1e9, 1e9, allow_nan=False)
_opt = st.none() | _finite


@given(
    st.floats(0, 1e9),
    st.none() | st.floats(-1, 1e3),
    _finite,
    _opt,
    st.none() | st.floats(0, 1),
    st.integers(0, 10**9),
)
def test_any_valid_measure_round_trips(
    volume: float,
    velocity: float | None,
    money: float,
    opt: float | None,
    rate: float | None,
    lines: int,
) -> None:
    m = measure(
        volume=volume, velocity=velocity, sell_in=money, on_hand=opt, win_rate=rate, lines=lines
    )
    cm = ChannelMeasures([m], provenance())
    assert ChannelMeasures.from_dict(json.loads(json.dumps(cm.to_dict()))) == cm
