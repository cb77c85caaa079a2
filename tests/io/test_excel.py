"""A network as an Excel workbook: ``write_excel`` / ``read_excel``."""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

openpyxl = pytest.importorskip("openpyxl")
pytest.importorskip("pandas")

import channelvalue as cv  # noqa: E402
from channelvalue.errors import (  # noqa: E402
    ChannelValueError,
    DocumentError,
    FileError,
    ValidationError,
    WrongTypeError,
)
from channelvalue.io.excel import MAX_CELL_CHARS, _escape, _unescape  # noqa: E402
from channelvalue.model import Organization  # noqa: E402
from channelvalue.testing import strategies as cvst  # noqa: E402


def _round_trip(net: cv.ChannelNetwork) -> cv.ChannelNetwork:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "net.xlsx"
        cv.io.write_excel(net, path)
        return cv.io.read_excel(path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cvst.networks())
def test_excel_round_trip_of_every_strategy_network(net: cv.ChannelNetwork) -> None:
    assert _round_trip(net) == net


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cvst.networks(ids=cvst.texts(min_size=1), names=cvst.texts()))
def test_excel_round_trip_with_free_text_ids(net: cv.ChannelNetwork) -> None:
    assert _round_trip(net) == net


@settings(max_examples=3, deadline=None)
@given(st.integers(1, 200), st.integers(0, 2**16))
def test_excel_round_trip_of_synthetic_networks(n: int, seed: int) -> None:
    net = cv.datasets.synthetic(n, seed=seed)
    assert _round_trip(net) == net


def test_the_example_round_trips() -> None:
    assert _round_trip(cv.datasets.example()) == cv.datasets.example()


@settings(max_examples=60, deadline=None)
@given(
    st.text(min_size=1).filter(lambda t: t.strip() != ""),
    st.text(),
    st.floats(min_value=0, allow_infinity=False),
    st.floats(-1, 1e6),
)
def test_any_text_and_number_survive_a_workbook(
    ident: str, name: str, revenue: float, velocity: float
) -> None:
    try:
        ident.encode("utf-8"), name.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: refused on writing (tested below)
        return
    net = cv.ChannelNetwork(steward=ident, name=name)
    net.add(
        Organization(
            ident,
            name=name,
            role="vendor",
            revenue=revenue,
            velocity=velocity,
            regions=[name or "x"],
        )
    )
    assert _round_trip(net) == net


def test_awkward_text_and_exact_numbers_survive() -> None:
    awkward = ["a\rb", "c\nd", "e\r\nf", "\x00x", "\x1f", " lead", "trail ", "_x0041_", "_x"]
    awkward += ["=1+1", "+3", "-x", "@sum", "'=x", "\tt", "NA", "nan", "é", "\ufeffbom", "True"]
    net = cv.ChannelNetwork(steward="v")
    numbers = [0.1 + 0.2, 1 / 3, -0.0, 5e-324, 1.7976931348623157e308, 2.0**53 + 2, 123.456]
    net.add_all(
        [Organization("v", role="vendor", regions=awkward)]
        + [
            Organization(f"o{i}", role="agent", name=t, verticals=[t])
            for i, t in enumerate(awkward)
        ]
        + [
            Organization(f"n{i}", role="agent", revenue=abs(x), velocity=x if abs(x) < 1e6 else 0)
            for i, x in enumerate(numbers)
        ]
    )
    back = _round_trip(net)
    assert back == net
    assert math.copysign(1.0, back.organizations["n2"].velocity) == -1.0
    assert back.organizations["n0"].revenue == 0.1 + 0.2


def test_sheets_have_a_bold_frozen_filtered_header(tmp_path: Path) -> None:
    net = cv.datasets.example()
    path = tmp_path / "net.xlsx"
    cv.io.write_excel(net, path)
    book = openpyxl.load_workbook(path)
    frames = cv.io.to_frames(net)
    assert book.sheetnames == list(frames)  # accounts is not empty in the example
    for key, frame in frames.items():
        sheet = book[key]
        headers = [c.value for c in sheet[1]]
        assert headers == list(frame.columns)
        assert all(c.font.b for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        last = openpyxl.utils.get_column_letter(len(frame.columns))
        assert sheet.auto_filter.ref == f"A1:{last}{len(frame) + 1}"
        assert sheet.max_row == len(frame) + 1


def test_numbers_are_numeric_cells_and_text_is_never_a_formula(tmp_path: Path) -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            Organization("v", role="vendor", revenue=0.1 + 0.2),
            Organization('=HYPERLINK("x")', role="agent", name="@cmd", revenue=1200.5),
        ]
    )
    path = tmp_path / "net.xlsx"
    cv.io.write_excel(net, path)
    sheet = openpyxl.load_workbook(path)["organizations"]
    header = [c.value for c in sheet[1]]
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    cell = rows['\'=HYPERLINK("x")']
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert cell[header.index("name")].value == "'@cmd"
    assert cell[header.index("revenue")].value == 1200.5
    assert rows["v"][header.index("revenue")].value == 0.1 + 0.2  # every digit kept
    assert cv.io.read_excel(path) == net


def test_escapes_follow_office_open_xml() -> None:
    assert _escape("a\x01\r") == "a_x0001__x000D_"
    assert _escape("_x00AF_") == "_x005F_x00AF_"
    for text in ["_x005F_", "__x0041__", "\x00", "a_xZZZZ_", "_x41_"]:
        assert _unescape(_escape(text)) == text


def test_a_workbook_edited_in_a_spreadsheet_reads(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Organizations"  # any case
    sheet.append(["ID", "Name", "Role", "Revenue"])
    sheet.append(["acme", "Acme", "Manufacturer", 180000000])  # an int cell
    sheet.append([None, None, None, None])  # an empty row is skipped
    sheet.append(["r1", "Northwind", "VAR", 1.5e6])
    links = book.create_sheet("LINKS")
    links.append(["kind", "source", "target"])
    links.append(["supplies", "acme", "r1"])
    path = tmp_path / "edited.xlsx"
    book.save(path)
    net = cv.io.read_excel(path)
    assert net.organizations["acme"].revenue == 180000000
    assert net.organizations["r1"].role.value == "reseller"
    assert net.steward_id == "acme"


def _bad_workbook(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "organizations"
    sheet.append(["id", "role", "revenue"])
    sheet.append(["acme", "vendor", 5])
    sheet.append([None, None, None])
    sheet.append(["r1", "resellr", "lots"])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    return path


def test_a_bad_cell_names_sheet_row_and_column(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        cv.io.read_excel(_bad_workbook(tmp_path))
    located = sorted((p.table, p.row, p.column) for p in info.value.problems)
    assert located == [("organizations", 4, "revenue"), ("organizations", 4, "role")]
    assert "organizations row 4, column 'role'" in str(info.value)


def test_a_missing_organizations_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "links"
    book.active.append(["kind", "source", "target"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    with pytest.raises(DocumentError) as info:
        cv.io.read_excel(path)
    (problem,) = info.value.problems
    assert problem.kind == "missing-table"
    assert "no organizations sheet" in problem.message


def test_unknown_empty_and_duplicate_sheets(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "organizations"
    book.active.append(["id", "role"])
    book.active.append(["v", "vendor", "stray"])
    book.create_sheet("Notes").append(["anything"])
    book.create_sheet("links")  # empty
    book.create_sheet("ORGANIZATIONS ").append(["id"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    with pytest.raises(DocumentError) as info:
        cv.io.read_excel(path)
    found = sorted((p.table, p.kind, p.row, p.column) for p in info.value.problems)
    assert found == [
        ("Notes", "unknown-table", None, None),
        ("ORGANIZATIONS ", "table", None, None),
        ("links", "table", None, None),
        ("organizations", "table", 2, "C"),
    ]
    # extra_columns="ignore" skips the unknown sheet only
    with pytest.raises(DocumentError) as info:
        cv.io.read_excel(path, extra_columns="ignore")
    assert "Notes" not in {p.table for p in info.value.problems}


@pytest.mark.parametrize(
    "content",
    [b"id,name\nacme,Acme\n", b"", b"PK\x03\x04broken", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old xls"],
)
def test_not_a_workbook(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "export.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileError) as info:
        cv.io.read_excel(path)
    assert isinstance(info.value, DocumentError)
    assert "xlsx" in str(info.value)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(FileError, match="cannot read it as an Excel workbook"):
        cv.io.read_excel(path)


def test_a_folder_or_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileError, match="folder"):
        cv.io.read_excel(tmp_path)
    with pytest.raises(FileError, match="check the path"):
        cv.io.read_excel(tmp_path / "missing.xlsx")


def test_size_limits(tmp_path: Path) -> None:
    path = tmp_path / "net.xlsx"
    cv.io.write_excel(cv.datasets.example(), path)
    size = path.stat().st_size
    with pytest.raises(DocumentError, match="over the limit"):
        cv.io.read_excel(path, max_bytes=size - 1)
    with pytest.raises(DocumentError, match="uncompressed"):  # a zip bomb is refused unread
        cv.io.read_excel(path, max_bytes=size + 1)


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"extra_columns": "drop"}, ValidationError),
        ({"max_bytes": 0}, ValidationError),
        ({"max_bytes": True}, ValidationError),
    ],
)
def test_bad_options(tmp_path: Path, kwargs: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        cv.io.read_excel(tmp_path / "x.xlsx", **kwargs)  # type: ignore[arg-type]


def test_bad_arguments_to_write() -> None:
    with pytest.raises(WrongTypeError):
        cv.io.write_excel("not a network", "x.xlsx")  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        cv.io.write_excel(cv.datasets.example(), 42)  # type: ignore[arg-type]
    with pytest.raises(WrongTypeError):
        cv.io.read_excel(None)  # type: ignore[arg-type]


def test_text_a_workbook_cannot_hold_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "net.xlsx"
    for name in ["bad \ud800 surrogate", "x" * (MAX_CELL_CHARS + 1)]:
        net = cv.ChannelNetwork(steward="v")
        net.add(Organization("v", role="vendor", name=name))
        with pytest.raises(DocumentError) as info:
            cv.io.write_excel(net, path)
        (problem,) = info.value.problems
        assert (problem.table, problem.row, problem.column) == ("organizations", 2, "name")
        assert not path.exists()


def test_the_write_is_atomic_and_refuses_a_symlink(tmp_path: Path) -> None:
    path = tmp_path / "net.xlsx"
    cv.io.write_excel(cv.datasets.example(), path)
    link = tmp_path / "link.xlsx"
    os.symlink(path, link)
    with pytest.raises(FileError, match="symbolic link"):
        cv.io.write_excel(cv.datasets.example(), link)
    cv.io.write_excel(cv.datasets.example(), link, follow_symlinks=True)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_raise_only_channelvalue_errors(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.xlsx"
        path.write_bytes(data)
        with pytest.raises(ChannelValueError):
            cv.io.read_excel(path)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 10_000), st.integers(1, 255))
def test_a_damaged_workbook_raises_only_channelvalue_errors(offset: int, flip: int) -> None:
    cv.io.write_excel(cv.datasets.example(), buffer_path := Path(tempfile.mkdtemp()) / "n.xlsx")
    raw = bytearray(buffer_path.read_bytes())
    raw[offset % len(raw)] ^= flip
    buffer_path.write_bytes(bytes(raw))
    with contextlib.suppress(ChannelValueError):
        cv.io.read_excel(buffer_path)
