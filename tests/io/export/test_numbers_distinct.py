"""parse_numbers reads repeated cells once: the results are those of reading every cell."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pandas")
pytest.importorskip("babel")

from channelvalue.io.export.numbers import parse_numbers

CELLS = ["$1,234.50", "49K", "n/a", "", "abc", "1.2.3", "(1,000)", "12", "€5", "XYZ 5", "7%"]


def _one_by_one(cells: list[str]) -> tuple[list[float], list[tuple[int, str, str]]]:
    values: list[float] = []
    problems: list[tuple[int, str, str]] = []
    for i, cell in enumerate(cells):
        parsed = parse_numbers([cell], rates={"USD": 1.0, "EUR": 1.0})
        values.append(float(parsed.values[0]))
        problems += [(i, p.text, p.kind) for p in parsed.problems]
    return values, problems


def test_repeated_cells_read_like_single_cells_worked_example() -> None:
    cells = ["$1,234.50", "abc", "$1,234.50", "abc", "49K", "49K", "49K", "n/a"]
    parsed = parse_numbers(cells, rates={"USD": 1.0})
    assert parsed.values[[0, 2, 4, 5, 6]].tolist() == [1234.5, 1234.5, 49000, 49000, 49000]
    assert np.isnan(parsed.values[[1, 3, 7]]).all()
    assert [(p.position, p.text, p.kind) for p in parsed.problems] == [
        (1, "abc", "bad-number"),
        (3, "abc", "bad-number"),
    ]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(CELLS), min_size=4, max_size=40))
def test_repeated_cells_read_like_single_cells(cells: list[str]) -> None:
    parsed = parse_numbers(cells, rates={"USD": 1.0, "EUR": 1.0})
    values, problems = _one_by_one(cells)
    np.testing.assert_array_equal(parsed.values, np.array(values))
    assert [(p.position, p.text, p.kind) for p in parsed.problems] == problems
