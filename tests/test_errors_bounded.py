"""Error messages have a size bound, whatever the input (issue 14, resource limits)."""

from __future__ import annotations

import pytest

import channelvalue as cv
from channelvalue.errors import (
    MAX_CYCLE_SHOWN,
    MAX_LINE_CHARS,
    MAX_PROBLEMS_SHOWN,
    MAX_VALUE_CHARS,
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


def test_many_problems_are_listed_up_to_the_limit_then_counted_per_kind() -> None:
    problems = [Problem(f"$.organizations[{i}].revenue", "negative") for i in range(10_000)]
    problems += [Problem(f"$.links[{i}].target", "unknown id") for i in range(30)]
    text = str(DocumentError(problems))
    lines = text.splitlines()
    assert lines[0] == "10030 problems:"
    assert len(lines) == 1 + MAX_PROBLEMS_SHOWN + 1
    assert lines[-1] == (
        "  ... and 9,980 more (9,950 at $.organizations[*].revenue; 30 at $.links[*].target)"
    )


def test_every_listed_problem_is_cut_to_the_line_limit() -> None:
    err = DocumentError([Problem("$.x", "got " + "y" * 10**6)])
    line = str(err).splitlines()[1]
    assert len(line) == 2 + MAX_LINE_CHARS
    assert line.startswith("  $.x: got yyy")
    assert " ... " in line
    assert line.endswith("yyy")
    assert err.problems[0].message.endswith("y")  # the problem itself keeps everything


def test_counts_name_five_kinds_then_the_other_places() -> None:
    problems = [Problem("$.a", "x")] * MAX_PROBLEMS_SHOWN
    problems += [Problem(f"$.k{j}", "x") for j in range(8) for _ in range(j + 1)]
    last = str(DocumentError(problems)).splitlines()[-1]
    assert last.startswith("  ... and 36 more (8 at $.k7; 7 at $.k6; 6 at $.k5; 5 at $.k4;")
    assert last.endswith("; 6 at 3 other places)")


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
