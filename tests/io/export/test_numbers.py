"""parse_numbers / parse_number: numbers as people type them into CRMs and spreadsheets."""

from __future__ import annotations

import math
from decimal import Decimal
from unittest import mock

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("babel")
pytest.importorskip("pandas")

from channelvalue.errors import ValidationError
from channelvalue.io.export import numbers as N
from channelvalue.io.export.numbers import parse_number, parse_numbers

NAN = float("nan")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234,567", 1234567.0),
        ("288,612.00", 288612.0),
        ("$1,234.00", 1234.0),
        ("USD 2.5M", 2.5e6),
        ("usd2.5m", 2.5e6),
        ("€49,800", 49800.0),
        ("49,800 EUR", 49800.0),
        ("49K", 49000.0),
        ("49 k", 49000.0),
        ("1.2 Mn", 1.2e6),
        ("3bn", 3e9),
        ("3 BN", 3e9),
        ("2 mio", 2e6),
        ("(1,234)", -1234.0),
        ("($1,234.50)", -1234.5),
        ("-1,234", -1234.0),
        ("- 5", -5.0),
        ("$-5", -5.0),
        ("-$5", -5.0),
        ("\u22127", -7.0),
        ("+3", 3.0),
        ("  42  ", 42.0),
        ("1\u00a0234\u00a0567", 1234567.0),
        ("1\u202f234", 1234.0),
        ("1\u2009234", 1234.0),
        ("1 234 567.5", 1234567.5),
        ("1'234", 1234.0),
        (".5", 0.5),
        ("1.5e3", 1500.0),
        ("19%", 0.19),
        ("19 %", 0.19),
        ("-5%", -0.05),
        ("0", 0.0),
        ("£10", 10.0),
        ("¥100", 100.0),
    ],
)
def test_one_cell_en_us(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "  ", "n/a", "N/A", "-", "\u2014", "\u2013", "TBD", "None", "nan"]
)
def test_blank_like_cells_are_missing_without_a_problem(text: str) -> None:
    parsed = parse_numbers([text, "1"])
    assert math.isnan(parsed.values[0])
    assert parsed.values[1] == 1.0
    assert parsed.problems == ()


def test_blank_is_never_zero() -> None:
    parsed = parse_numbers(["", None, float("nan"), "0"])
    assert np.isnan(parsed.values[:3]).all()
    assert parsed.values[3] == 0.0


def test_numbers_pass_through_and_bool_is_refused() -> None:
    parsed = parse_numbers([1, 2.5, np.int64(3), np.float32(0.5), Decimal("1.25"), True])
    assert parsed.values[:5].tolist() == [1.0, 2.5, 3.0, 0.5, 1.25]
    assert [(p.position, p.kind) for p in parsed.problems] == [(5, "bad-number")]


def test_other_objects_and_infinities_are_problems() -> None:
    parsed = parse_numbers([[1], {"a": 1}, float("inf"), 10**400, "1e999"])
    assert np.isnan(parsed.values).all()
    assert [p.position for p in parsed.problems] == [0, 1, 2, 3, 4]
    assert {p.kind for p in parsed.problems} == {"bad-number"}


@pytest.mark.parametrize(
    "text",
    ["abc", "1,23", "1.234,5", "12abc34", "((1))", "(1", "1)", "5%K", "$5%", "1 2", "x" * 500],
)
def test_garbage_is_a_problem(text: str) -> None:
    parsed = parse_numbers(["7", text])
    assert parsed.values[0] == 7.0
    assert math.isnan(parsed.values[1])
    (problem,) = parsed.problems
    assert problem.position == 1
    assert problem.text == text
    assert problem.message
    assert problem.kind in {"bad-number", "unknown-currency"}


def test_babel_suggestions_become_the_hint() -> None:
    (problem,) = parse_numbers(["1,23"]).problems
    assert problem == (
        0,
        "1,23",
        "bad-number",
        "not a number in the en_US locale",
        "did you mean '123' or '1.23'?",
    )


def test_unknown_currency() -> None:
    (problem,) = parse_numbers(["12 XYZ"]).problems
    assert problem.kind == "unknown-currency"
    assert "'XYZ'" in problem.message


@pytest.mark.parametrize(
    ("locale", "cells", "expected"),
    [
        (
            "de_DE",
            ["1.234,5", "€49.800", "2,5 Mio", "(1.234)", "19 %"],
            [1234.5, 49800, 2.5e6, -1234, 0.19],
        ),
        ("fr_FR", ["1 234,5", "1\u202f234,5", "49 800 €", "0,5"], [1234.5, 1234.5, 49800, 0.5]),
        ("de_CH", ["1'234.50", "1\u2019234.50", "CHF 1'000"], [1234.5, 1234.5, 1000]),
        ("en_IN", ["12,34,567", "1,234"], [1234567, 1234]),
    ],
)
def test_locales(locale: str, cells: list[str], expected: list[float]) -> None:
    parsed = parse_numbers(cells, locale=locale)
    assert parsed.problems == ()
    assert parsed.values.tolist() == pytest.approx(expected)


def test_a_german_comma_is_not_a_thousands_separator() -> None:
    assert parse_number("1,5", locale="de_DE") == 1.5
    with pytest.raises(ValidationError, match="de_DE"):
        parse_number("1.5", locale="de_DE")


def test_dollar_means_the_locale_currency_where_it_uses_the_dollar() -> None:
    assert parse_numbers(["$5"], locale="en_CA").currencies == ("CAD",)
    assert parse_numbers(["$5"], locale="en_US").currencies == ("USD",)
    assert parse_numbers(["$5"], locale="de_DE").currencies == ("USD",)


def test_mixed_currencies_without_rates_are_one_problem() -> None:
    parsed = parse_numbers(["$10", "$20", "€5", "£1", "7"])
    assert parsed.currencies == ("EUR", "GBP", "USD")
    (problem,) = parsed.problems
    assert problem.kind == "mixed-currency"
    assert problem.position == 2
    assert "EUR (1 cell), GBP (1 cell), USD (2 cells)" in problem.message
    assert "rates=" in problem.hint
    assert parsed.values.tolist() == [10, 20, 5, 1, 7]  # unconverted, as the problem says


def test_rates_convert_and_a_missing_rate_is_a_problem() -> None:
    parsed = parse_numbers(["$10", "€10", "10", "£2"], rates={"USD": 1.0, "EUR": 1.1})
    assert parsed.values[:3].tolist() == pytest.approx([10.0, 11.0, 10.0])
    assert math.isnan(parsed.values[3])
    (problem,) = parsed.problems
    assert (problem.position, problem.kind) == (3, "missing-rate")


def test_one_currency_is_not_mixed() -> None:
    parsed = parse_numbers(["USD 1", "$2", "3"])
    assert parsed.currencies == ("USD",)
    assert parsed.ok


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["19%", "19 %", "0.19", "-5%"], [0.19, 0.19, 0.19, -0.05]),  # plain numbers are fractions
        (["0.19", "1", "-0.5", ""], [0.19, 1.0, -0.5, NAN]),  # all within [-1, 1]: fractions
        (["19", "-5", "1", "19%"], [0.19, -0.05, 0.01, 0.19]),  # none inside (-1, 1): percents
        (["0", "25"], [0.0, 0.25]),  # zeros do not decide
    ],
)
def test_share_columns_are_read_one_way(cells: list[str], expected: list[float]) -> None:
    parsed = parse_numbers(cells, share=True)
    assert parsed.ok
    np.testing.assert_allclose(parsed.values, expected)


def test_a_share_column_mixing_fractions_and_percents_is_ambiguous() -> None:
    parsed = parse_numbers(["0.19", "25", "19%", "0"], share=True)
    assert [(p.position, p.kind) for p in parsed.problems] == [
        (0, "ambiguous-share"),
        (1, "ambiguous-share"),
    ]
    assert np.isnan(parsed.values[:2]).all()
    assert parsed.values[2:].tolist() == [0.19, 0.0]


def test_a_currency_in_a_share_column_is_a_problem() -> None:
    parsed = parse_numbers(["$5", "5%"], share=True)
    assert [(p.position, p.kind) for p in parsed.problems] == [(0, "bad-number")]


def test_percent_outside_share_columns_is_still_a_fraction() -> None:
    assert parse_numbers(["19%", "19"]).values.tolist() == [0.19, 19.0]


def test_to_problems_locates_cells() -> None:
    parsed = parse_numbers(["1", "x", "y"])
    located = parsed.to_problems(table="export.csv", column="Annual Revenue", rows=[2, 5, 9])
    assert [(p.table, p.row, p.column, p.value, p.kind) for p in located] == [
        ("export.csv", 5, "Annual Revenue", "x", "bad-number"),
        ("export.csv", 9, "Annual Revenue", "y", "bad-number"),
    ]
    assert str(located[0]).startswith("export.csv row 5, column 'Annual Revenue': not a number")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"locale": "xx_YY"}, "locale"),
        ({"locale": "not a locale!"}, "locale"),
        ({"locale": 5}, "locale"),
        ({"rates": {"ZZZ": 1.0}}, "rates"),
        ({"rates": {"USD": 0}}, "rates['USD']"),
        ({"rates": {"USD": float("nan")}}, "rates['USD']"),
        ({"rates": {"USD": True}}, "rates['USD']"),
        ({"rates": [("USD", 1.0)]}, "rates"),
    ],
)
def test_bad_options_are_validation_errors(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_numbers(["1"], **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_text_instead_of_cells_is_refused() -> None:
    with pytest.raises(ValidationError, match="cells"):
        parse_numbers("1,234")


def test_parse_number_raises_with_the_reason() -> None:
    with pytest.raises(ValidationError, match=r"parse_number\.text: got 'abc'"):
        parse_number("abc")
    assert math.isnan(parse_number(""))


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_formatted_numbers_read_back(x: float) -> None:
    from babel.numbers import format_decimal

    for text in (f"{x:,.2f}", f"${x:,.2f}", f"{x:.2f}"):
        assert parse_number(text) == pytest.approx(round(x, 2), abs=0.006)
    german = format_decimal(round(x, 2), locale="de_DE", decimal_quantization=False)
    assert parse_number(german, locale="de_DE") == pytest.approx(round(x, 2), abs=0.006)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.text(max_size=12) | st.sampled_from(["1,234", "$5", "(1)", "49K", "19%", "n/a"]),
        max_size=20,
    )
)
def test_any_text_gives_a_value_or_a_problem_never_an_exception(cells: list[str]) -> None:
    parsed = parse_numbers(cells)
    assert len(parsed.values) == len(cells)
    bad = {p.position for p in parsed.problems if p.kind != "mixed-currency"}
    for i, value in enumerate(parsed.values.tolist()):
        if i in bad:
            assert math.isnan(value)
    # the vectorised (pyarrow) path and the pure-Python path agree
    with mock.patch.object(N, "_pyarrow", return_value=None):
        assert parse_numbers(cells) == parsed


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(["1,234", "$5", "(1)", "49K", "7%", "", "x", "2.5M"]),
        min_size=1,
        max_size=15,
    ),
    st.randoms(),
)
def test_each_cell_is_read_on_its_own(cells: list[str], rnd: object) -> None:
    order = list(range(len(cells)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    parsed = parse_numbers(cells)
    shuffled = parse_numbers([cells[i] for i in order])
    np.testing.assert_array_equal(shuffled.values, parsed.values[order])
    assert sorted(order[p.position] for p in shuffled.problems) == [
        p.position for p in parsed.problems
    ]


def test_a_column_of_100k_cells_is_parsed_in_one_call() -> None:
    cells = ["$1,234.00", "49K", "", "(1,234)", "19%", "1,234,567"] * 20_000
    parsed = parse_numbers(cells)
    assert parsed.ok
    assert parsed.values[:6].tolist()[:2] == [1234.0, 49000.0]
