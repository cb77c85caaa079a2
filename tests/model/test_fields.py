"""One rule per field: the scalar converters, the table columns and the bulk path agree.

The number converters (``to_nonneg``, ``to_unit``, ...), the table reader's number
columns (:meth:`channelvalue.io.tables.columns.Table.numbers`) and
:func:`channelvalue.model._bulk.build_many` all judge a number by the same
:class:`~channelvalue.model._fields.NumberRule`; these tests feed all three the same
random cells and require the same verdict, the same converted value and the same error
text. Field names in messages come from :func:`~channelvalue.model._fields.name_fields`.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.errors import Problem, ValidationError
from channelvalue.io.tables.columns import Table
from channelvalue.model import _fields
from channelvalue.model._bulk import build_many
from channelvalue.model._fields import (
    NUMBER_RULES,
    UnnamedError,
    name_fields,
    number_rule,
    to_finite,
    to_growth,
    to_id,
    to_nonneg,
    to_optional_nonneg,
    to_positive,
    to_unit,
    unbound,
)

HUGE = [10**400, -(10**400), 2**1024, 2**63, -(2**63) - 1]
"""Integers too large for a float, or for int64."""
CONVERTERS = [to_finite, to_nonneg, to_positive, to_unit, to_growth]

numbers = (
    st.floats()  # with NaN, infinities, negatives, subnormals
    | st.integers()
    | st.sampled_from(HUGE)
    | st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, 1e-300, 1 + 1e-16, -1 - 1e-15])
)
number_text = (st.floats(allow_nan=False, allow_infinity=False).map(repr)) | st.integers(
    -(10**9), 10**9
).map(str)
padded = st.tuples(st.sampled_from(["", " ", "  "]), number_text, st.sampled_from(["", " "]))
words = st.sampled_from(["lots", "n/a", "x1", "1,5", "--1", "one", "1..2"])
blanks = st.sampled_from(["", " ", "\t"])
cells = (
    numbers
    | st.booleans()
    | st.none()
    | padded.map("".join)
    | words
    | blanks
    | st.just(np.nan)
    | st.sampled_from([np.bool_(True), np.float64(-2.5), np.int64(7)])
)


def scalar(conv: Any, value: Any) -> tuple[bool, Any]:
    """``(True, converted)`` or ``(False, the converter's error)``."""
    try:
        return True, conv(value)
    except ValidationError as err:
        return False, err


def plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def is_missing(cell: Any) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float | np.floating) and math.isnan(cell):
        return True
    return isinstance(cell, str) and not cell.strip()


def column(values: list[Any], conv: Any, dtype: Any) -> tuple[list[Any], list[Any], dict[int, str]]:
    """What the table reader makes of one number column: the cells as the frame holds
    them, the values read and the messages by row."""
    problems: list[Problem] = []
    frame = pd.DataFrame({"x": pd.Series(values, dtype=dtype)})
    held = [frame["x"].iloc[i] for i in range(len(frame))]
    out = Table("t", frame, ["x"], [], problems, "error").numbers("x", conv, default=None)
    by_row = {}
    for p in problems:
        head = "t row "
        assert p.path.startswith(head)
        assert p.path.endswith(", column 'x'")
        by_row[int(p.path[len(head) : -len(", column 'x'")])] = p.message
    assert len(by_row) == len(problems)  # one problem per bad cell
    return held, out, by_row


@settings(max_examples=300, deadline=None)
@given(st.lists(cells, min_size=1, max_size=8), st.sampled_from(CONVERTERS))
def test_a_number_column_judges_each_cell_as_the_converter_does(
    values: list[Any], conv: Any
) -> None:
    dtypes: list[Any] = [object]
    if not any(isinstance(v, str) or v is None for v in values):
        dtypes.append(None)  # also as pandas infers it (float64, int64, bool or object)
    for dtype in dtypes:
        held, out, messages = column(values, conv, dtype)
        for i, cell in enumerate(held):
            if is_missing(cell):
                assert out[i] is None
                assert i not in messages
                continue
            if isinstance(cell, str):  # table text: number text is read as its number
                try:
                    value: Any = float(cell)
                except ValueError:
                    assert messages[i] == f"got {cell!r} but expected a number"
                    continue
            else:
                value = plain(cell)
            ok, result = scalar(conv, value)
            if ok:
                assert i not in messages
                assert type(out[i]) is float
                assert out[i] == result
                assert math.copysign(1, out[i]) == math.copysign(1, result)
            else:  # refused: the same value shown, the same words
                assert messages[i] == f"got {plain(cell)!r} but expected {result.expected}"
                assert result.expected == number_rule(conv).expected


@attrs.frozen(slots=True, field_transformer=name_fields)
class Box:
    """Every number rule on one class."""

    finite: float = attrs.field(default=0.0, converter=to_finite)
    nonneg: float = attrs.field(default=0.0, converter=to_nonneg)
    positive: float = attrs.field(default=1.0, converter=to_positive)
    unit: float = attrs.field(default=0.0, converter=to_unit)
    growth: float = attrs.field(default=0.0, converter=to_growth)
    maybe: float | None = attrs.field(default=None, converter=to_optional_nonneg)


FIELDS = [f.name for f in attrs.fields(Box)]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELDS), numbers | st.booleans() | st.none())
def test_constructor_scalar_rule_and_bulk_path_agree(name: str, value: Any) -> None:
    field = getattr(attrs.fields(Box), name)
    conv = unbound(field.converter)
    ok, result = scalar(conv, value)
    if ok:
        assert getattr(Box(**{name: value}), name) == result
    else:
        with pytest.raises(ValidationError) as err:
            Box(**{name: value})
        assert str(err.value) == str(ValidationError("Box", name, value, result.expected))
        assert (err.value.value, err.value.expected) == (result.value, result.expected)
        assert isinstance(result, UnnamedError)
        assert str(result).startswith("value.?: got ")
    if type(value) is float or (value is None and name == "maybe"):
        # the bulk path judges a whole column of converted values by the same rule
        column_values = [1.0, value, 1.0] if name != "unit" else [0.5, value, 0.5]
        if ok:
            assert build_many(Box, 3, {name: column_values})[1] == Box(**{name: value})
        else:
            with pytest.raises(TypeError, match=rf"Box\.{name}: build_many needs converted"):
                build_many(Box, 3, {name: column_values})


@given(st.floats(), st.sampled_from(CONVERTERS))
def test_the_rule_decides_a_float_and_an_array_alike(x: float, conv: Any) -> None:
    rule = number_rule(conv)
    ok, _ = scalar(conv, x)
    assert bool(rule.accepts(x)) is ok
    assert bool(rule.accepts(np.array([x, x]))[1]) is ok


def test_every_number_converter_has_its_rule() -> None:
    assert set(NUMBER_RULES) == {*CONVERTERS, to_optional_nonneg, _fields.to_optional_unit}
    assert [number_rule(c).expected for c in CONVERTERS] == [
        "a finite number",
        "a finite number >= 0",
        "a finite number > 0",
        "a finite number in [0, 1]",
        "a finite number >= -1",
    ]
    assert number_rule(attrs.fields(cv.Manager).capacity.converter) is _fields.POSITIVE


# ---------------------------------------------------------------------- names
def test_messages_name_the_class_and_field() -> None:
    with pytest.raises(ValidationError) as err:
        cv.Organization("", role="reseller")
    assert str(err.value) == "Organization.id: got '' but expected a non-empty string"
    with pytest.raises(ValidationError) as err:
        cv.Supplies("a", "")  # an inherited field names the subclass
    assert (err.value.obj, err.value.field) == ("Supplies", "target")
    with pytest.raises(ValidationError) as err:
        cv.Segment("s", needs={"availability": {"level": 2}})
    assert str(err.value) == (
        "Segment.needs['availability'].level: got 2 but expected a finite number in [0, 1]"
    )
    with pytest.raises(ValidationError) as err:
        cv.Organization("o", role="msp", capabilities={"lot_size": -1})
    assert err.value.field == "capabilities['lot_size']"


def test_a_converter_without_where_is_named_by_its_wrapper() -> None:
    def to_even(value: int) -> int:
        if value % 2:
            raise _fields.BadValue(value, "an even number", suffix="[0]")
        return value

    @attrs.frozen(slots=True, field_transformer=name_fields)
    class Pair:
        n: int = attrs.field(converter=to_even)

    assert Pair(2).n == 2
    with pytest.raises(ValidationError) as err:
        Pair(3)
    assert str(err.value) == "Pair.n[0]: got 3 but expected an even number"
    assert type(err.value) is ValidationError  # named, no longer an UnnamedError
    assert unbound(attrs.fields(Pair).n.converter) is to_even


def test_bound_converters_keep_their_declared_converter() -> None:
    for cls in (cv.Organization, cv.Supplies, cv.FlowTable, cv.Finding):
        for f in attrs.fields(cls):
            conv = f.converter
            assert conv is not None
            assert unbound(conv) is not conv
            assert unbound(conv).__name__ == conv.__name__
    assert unbound(attrs.fields(cv.Supplies).source.converter) is to_id
    assert to_id.__defaults__ == (_fields.ANON,)  # binding copies, never mutates


def test_no_stack_frames_and_no_named_errors() -> None:
    with open(_fields.__file__, encoding="utf-8") as file:
        source = file.read()
    assert "_getframe" not in source
    assert "linecache" not in source
    assert not hasattr(_fields, "named_errors")
