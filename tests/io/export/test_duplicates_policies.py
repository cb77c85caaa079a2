"""`read_export(duplicates=...)`: what happens to duplicate groups."""

from __future__ import annotations

from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue.io import read_export

pytest.importorskip("pandas")

LINES = [
    "Account ID,Account Name,Partner Type,Annual Revenue,Customer Segments,Region",
    "V,Acme,vendor,,,",
    "A1,Northwind IT Ltd,VAR,100,SMB,EMEA",
    "A2,Contoso,VAR,50,SMB,",
    "A1,Northwind IT Ltd,VAR,100,SMB,EMEA",  # exact repeat of row 3
    "A3,northwind it,VAR,,Enterprise,APAC",  # the same account under another id
    "A2,Contoso Two,VAR,70,,",  # the same id on another row
    "B1,Parent Co,Disti,,,",
]


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "dups.csv"
    p.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    return p


def test_report_keeps_first_of_repeated_ids_and_loads_similar_names(path: Path) -> None:
    net, report = read_export(path)
    assert sorted(net.organizations) == ["A1", "A2", "A3", "B1", "V"]
    assert net.organizations["A2"].name == "Contoso"  # the first row of id A2 is kept
    kinds = {f.kind: f for f in report.duplicates}
    assert kinds["exact-row"].rows == (3, 5)
    assert kinds["same-id"].rows == (4, 7)
    assert kinds["same-id"].ids == ("A2", "A2")
    assert {3, 6} <= set(kinds["same-name"].rows)
    assert kinds["same-name"].action.startswith("reported")
    problem = next(p for p in report.problems if p.kind == "duplicate-id")
    assert (problem.row, problem.column, problem.value) == (7, "Account ID", "A2")
    assert "rows 4 and 7" in problem.message
    # nothing double-counted without being reported: the two Northwind rows are in a group
    assert net.organizations["A1"].revenue == 100.0


def test_merge_combines_into_the_first_row(path: Path) -> None:
    net, report = read_export(path, duplicates="merge")
    assert sorted(net.organizations) == ["A1", "A2", "B1", "V"]
    a1 = net.organizations["A1"]
    assert a1.revenue == 100.0  # the first row's revenue: never summed
    assert a1.regions == ("APAC", "EMEA")  # lists are joined
    segs = sorted(net.segments[s].name for s in net.segments_of("A1"))
    assert segs == ["Enterprise", "SMB"]
    assert net.organizations["A2"].revenue == 50.0
    merged = [f for f in report.duplicates if f.kind == "same-name"]
    assert merged
    assert merged[0].action == "merged into 'A1' (row 3)"


def test_merge_redirects_references_to_the_kept_row(tmp_path: Path) -> None:
    lines = [
        "Account ID,Account Name,Partner Type,Parent Distributor",
        "V,Acme,vendor,",
        "D1,Ingram Micro Inc,Disti,",
        "D2,ingram micro,Disti,",
        "R1,Reseller,VAR,D2",
    ]
    p = tmp_path / "x.csv"
    p.write_text("\n".join(lines), encoding="utf-8")
    net, _ = read_export(p, duplicates="merge")
    assert "D2" not in net.organizations
    assert net.upstream("R1") == ("D1",)


def test_error_lists_every_group(path: Path) -> None:
    with pytest.raises(cv.DocumentError) as info:
        read_export(path, duplicates="error")
    kinds = {p.kind for p in info.value.problems}
    assert {"exact-row", "duplicate-id", "same-name"} <= kinds
