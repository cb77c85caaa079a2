"""Error messages have a size bound, whatever the input (issue 14, resource limits)."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.errors import (
    MAX_CYCLE_SHOWN,
    MAX_GROUPS_SHOWN,
    MAX_LINE_CHARS,
    MAX_PROBLEMS_SHOWN,
    MAX_VALUE_CHARS,
    PROBLEM_COLUMNS,
    CycleError,
    DocumentError,
    Problem,
    ValidationError,
)


def test_a_long_cycle_names_its_ends_and_counts_the_rest() -> None:
    ids = [f"org-{i:06d}" for i in range(400_000)]
    err = CycleError([*ids, ids[0]], relation="supplies")
    text = str(err)
    assert len(text) < 1_000  # was 4.3 MB for 400k links
    assert len(err.cycle) == 400_001  # the attribute keeps the whole cycle
    assert text.startswith("supplies links form a cycle: org-000000 -> org-000001 -> ")
    assert f"... ({400_001 - MAX_CYCLE_SHOWN:,} more)" in text
    assert text.endswith("org-399999 -> org-000000")


def test_a_short_cycle_is_named_in_full() -> None:
    ids = [str(i) for i in range(MAX_CYCLE_SHOWN)]
    text = str(CycleError([*ids, "0"], relation="reports_to"))
    assert text == "reports_to links form a cycle: " + " -> ".join([*ids, "0"])


def test_a_cycle_of_huge_ids_stays_small() -> None:
    text = str(CycleError(["a" * 10**6, "b" * 10**6, "a" * 10**6], relation="supplies"))
    assert len(text) < 4 * MAX_VALUE_CHARS


def test_many_problems_are_grouped_so_no_kind_hides_behind_another() -> None:
    problems = [Problem(f"$.organizations[{i}].revenue", "negative") for i in range(10_000)]
    problems += [Problem(f"$.links[{i}].target", "unknown id") for i in range(30)]
    text = str(DocumentError(problems))
    lines = text.splitlines()
    assert lines[0] == "10030 problems in 2 groups (commonest first):"
    assert lines[1] == "  10,000 x $.organizations[*].revenue:"
    assert lines[2] == "    $.organizations[0].revenue: negative"
    assert lines[5] == "    ... and 9,997 more like these"
    assert lines[6] == "  30 x $.links[*].target:"
    assert lines[-1] == "    ... and 27 more like these"
    assert len(lines) == 11


def test_groups_are_by_table_column_and_kind_with_examples() -> None:
    problems = [
        Problem(
            f"x.csv row {r}, column 'Type'",
            f"got 'T{r}'",
            table="x.csv",
            row=r,
            column="Type",
            kind="unknown-term",
        )
        for r in range(2, 100)
    ]
    problems += [
        Problem(
            f"x.csv row {r}, column 'Revenue'",
            "got '1,2'",
            table="x.csv",
            row=r,
            column="Revenue",
            kind="bad-number",
            hint="use a decimal point",
        )
        for r in range(2, 5)
    ]
    lines = str(DocumentError(problems)).splitlines()
    assert lines[1] == "  98 x x.csv, column 'Type', unknown-term:"
    assert lines[2] == "    x.csv row 2, column 'Type': got 'T2'"
    assert "  3 x x.csv, column 'Revenue', bad-number:" in lines
    assert lines[-1] == "    x.csv row 4, column 'Revenue': got '1,2' (use a decimal point)"


def test_the_grouped_message_is_bounded_at_any_number_of_groups() -> None:
    problems = [Problem(f"$.k{j}", "x" * 10_000) for j in range(5_000) for _ in range(2)]
    text = str(DocumentError(problems))
    lines = text.splitlines()
    assert len(lines) == 1 + MAX_GROUPS_SHOWN * 3 + 1
    assert (
        lines[-1]
        == f"  ... and {10_000 - 2 * MAX_GROUPS_SHOWN:,} more problems in 4,980 other groups"
    )
    assert all(len(line) <= 2 + MAX_LINE_CHARS for line in lines)


def test_problems_frame_has_one_row_per_problem() -> None:
    problems = [
        Problem(
            "t row 2, column 'x'",
            "bad",
            table="t",
            row=2,
            column="x",
            value=1.5,
            kind="k",
            hint="h",
        ),
        Problem("$.a", "missing"),
    ]
    frame = DocumentError(problems).problems_frame()
    assert frame.columns.tolist() == list(PROBLEM_COLUMNS)
    assert frame.to_dict("records")[0] == {
        "table": "t",
        "row": 2,
        "column": "x",
        "value": 1.5,
        "kind": "k",
        "hint": "h",
        "message": "bad",
        "path": "t row 2, column 'x'",
    }
    assert frame["row"].isna().tolist() == [False, True]
    assert str(frame["row"].dtype) == "Int64"


def test_up_to_the_limit_every_problem_is_listed() -> None:
    problems = [Problem(f"$.a[{i}]", "x") for i in range(MAX_PROBLEMS_SHOWN)]
    lines = str(DocumentError(problems)).splitlines()
    assert len(lines) == 1 + MAX_PROBLEMS_SHOWN


def test_huge_integers_are_quoted_by_size_not_digits() -> None:
    # repr() of an int with more than 4,300 digits raises ValueError in Python >= 3.11
    err = ValidationError("x", "y", 10**5000, "a small number")
    assert str(err) == "x.y: got <int of 16610 bits> but expected a small number"


def test_quoted_values_are_cut() -> None:
    err = ValidationError("x", "y", "z" * 1000, "short text")
    assert str(err) == f"x.y: got '{'z' * (MAX_VALUE_CHARS - 4)}... but expected short text"


def test_a_long_supply_cycle_in_validate_is_bounded() -> None:
    n = 5_000
    net = cv.ChannelNetwork(steward="o0")
    net.add_all([cv.Organization(f"o{i}", role="distributor") for i in range(n)])
    net.add_all([cv.Supplies(f"o{i}", f"o{(i + 1) % n}") for i in range(n)])
    [problem] = [p for p in net.validate() if p.path == "$.links"]
    assert problem.message.startswith("supplies links form a cycle: ")
    assert len(problem.message) < 1_000


def test_removing_the_steward_says_why_not_to_pass_cascade() -> None:
    net = cv.datasets.example()
    steward = net.steward_id
    assert steward is not None
    with pytest.raises(cv.InUseError) as err:
        net.remove(steward, cascade=True)
    text = str(err.value)
    assert "the steward cannot be removed, even with cascade=True" in text
    assert "pass cascade=True" not in text
    assert steward in net.organizations
