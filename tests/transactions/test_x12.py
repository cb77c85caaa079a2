"""X12 867 / 852: the hand-written documents in ``data/``, good and broken."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("pyarrow")

from channelvalue.errors import DocumentError, FileError
from channelvalue.transactions.x12 import (
    example_852,
    example_867,
    format_852,
    format_867,
    parse_x12,
    read_x12,
)

DATA = Path(__file__).parent / "data"


def problems_of(name: str) -> list[tuple[int | None, str | None, str]]:
    with pytest.raises(DocumentError) as info:
        read_x12(DATA / name)
    return [(p.row, p.column, p.kind) for p in info.value.problems]


def test_good_867_rows_by_hand() -> None:
    r = read_x12(DATA / "good_867.x12")
    assert r.transaction_sets == (("867", "0001", 32), ("867", "0002", 11))
    f = r.to_frame()
    assert f["partner"].unique().tolist() == ["dist-north"]
    assert f["product"].tolist() == [
        "AC-ROUTER-1", "AC-SWITCH-8", "AC-AP-2", "AC-ROUTER-1", "AC-SWITCH-8",
    ]  # fmt: skip
    assert f["quantity"].tolist() == [12.0, 4.0, 3.0, -1.0, 5.0]
    # UIT 250 x 12; AMT 1600; UIT 120 x 3; return UIT 250 x 1 (negative); AMT N 2000
    assert f["amount"].tolist() == [3000.0, 1600.0, 360.0, -250.0, 2000.0]
    assert f["is_return"].tolist() == [False, False, False, True, False]
    # the end user (EN) is preferred to the buyer (BY); N4 gives the region of that party
    assert f["customer"].tolist() == [
        "Harbour Clinic", "Harbour Clinic", "Cobalt IT GmbH", "Bolt Systems Ltd", "Delta Networks",
    ]  # fmt: skip
    assert f["region"].tolist()[2] == "DE"
    assert f["document"].tolist() == ["INV-2001", "INV-2001", "INV-2002", "CR-2003", "NDR-2024-02B"]
    assert f["date"].tolist() == [
        dt.date(2024, 2, 5), dt.date(2024, 2, 5), dt.date(2024, 2, 19), dt.date(2024, 2, 26),
        dt.date(2024, 2, 28),
    ]  # fmt: skip
    assert f["source"].tolist()[0] == "good_867.x12#ISA000000101/ST0001"
    assert f["source"].tolist()[-1] == "good_867.x12#ISA000000101/ST0002"
    assert r.inventory.num_rows == 0


def test_good_852_rows_by_hand() -> None:
    r = read_x12(DATA / "good_852.x12")
    inv = r.to_frame("inventory")
    assert inv["product"].tolist() == ["AC-ROUTER-1", "AC-SWITCH-8", "012345678929"]
    assert inv["on_hand"].tolist() == [18.0, 6.0, 30.0]  # QA, QA, OH
    assert set(inv["date"]) == {dt.date(2024, 2, 29)}  # the end of the XQ period
    st = r.to_frame()
    assert st["quantity"].tolist() == [9.0, 2.0, -1.0]  # QS, QS, QU (a return)
    assert st["is_return"].tolist() == [False, False, True]
    assert set(st["document"]) == {"ACT-0224"}
    assert set(st["partner"]) == {"res-1"}


def test_separators_come_from_isa() -> None:
    # the 867 uses | ^ and a newline; the 852 * > ~ : both parse
    assert read_x12(DATA / "good_867.x12").sell_through.num_rows == 5
    text = example_852().replace("*", "!").replace("~", "\r\n")
    assert parse_x12(text).inventory.num_rows == 2


def test_truncated_interchange() -> None:
    assert problems_of("truncated_867.x12") == [
        (40, "SE", "truncated"),
        (40, "GE", "truncated"),
        (40, "IEA", "truncated"),
    ]


def test_wrong_se_count() -> None:
    assert problems_of("wrong_se_count_852.x12") == [(19, "SE01", "bad-count")]


def test_wrong_ctt() -> None:
    assert problems_of("wrong_ctt_867.x12") == [
        (33, "CTT01", "bad-count"),
        (33, "CTT02", "bad-count"),
    ]


def test_bad_dates() -> None:
    assert problems_of("bad_date_852.x12") == [(4, "XQ03", "bad-date"), (14, "ZA05", "bad-date")]


def test_unknown_qualifiers_with_the_known_ones() -> None:
    with pytest.raises(DocumentError) as info:
        read_x12(DATA / "unknown_qualifier_867.x12")
    found = [(p.row, p.column, p.value) for p in info.value.problems]
    assert found == [(13, "N101", "XX"), (18, "LIN02", "ZQ"), (20, "PTD01", "QQ")]
    assert "known: BT, BY" in info.value.problems[0].hint


def test_every_problem_at_once_grouped() -> None:
    # control numbers, counts and a number: all in one error
    text = (
        example_867()
        .replace("SE*21*0001", "SE*21*0009")
        .replace("GE*1*1", "GE*2*7")
        .replace("IEA*1*000000001", "IEA*1*000000002")
        .replace("QTY*39*10*EA", "QTY*39*1O*EA")
    )
    with pytest.raises(DocumentError) as info:
        parse_x12(text, name="many.x12")
    kinds = sorted((p.column or "", p.kind) for p in info.value.problems)
    assert kinds == [
        ("CTT02", "bad-count"),
        ("GE01", "bad-count"),
        ("GE02", "control-number"),
        ("IEA02", "control-number"),
        ("QTY02", "bad-number"),
        ("SE02", "control-number"),
    ]
    frame = info.value.problems_frame()
    assert set(frame["table"]) == {"many.x12"}


def test_not_x12_and_short_isa() -> None:
    with pytest.raises(DocumentError, match="starts with 'ISA'"):
        parse_x12("hello")
    with pytest.raises(DocumentError, match="106"):
        parse_x12(example_867()[:50])
    with pytest.raises(DocumentError, match="not read here"):
        parse_x12(example_867().replace("ST*867", "ST*810"))


def test_latin1_bytes_are_read() -> None:
    doc = example_867().replace("Bolt Systems", "Bolt Systèmes").encode("latin-1")
    assert parse_x12(doc).to_frame()["customer"].tolist()[0] == "Bolt Systèmes"


def test_missing_file_is_a_file_error(tmp_path: Path) -> None:
    with pytest.raises(FileError):
        read_x12(tmp_path / "nope.x12")


def test_round_trip_through_the_writers() -> None:
    pd = pytest.importorskip("pandas")
    rows = pd.DataFrame(
        {
            "date": [dt.date(2024, 1, 5), dt.date(2024, 1, 9)],
            "product": ["p1", "p2"],
            "quantity": [3.0, -2.0],
            "amount": [30.0, -8.0],
            "is_return": [False, True],
            "customer": ["Bolt~Ltd", None],
            "document": ["INV-1", None],
        }
    )
    back = parse_x12(format_867(rows, sender="dist", receiver="acme")).to_frame()
    assert back["quantity"].tolist() == [3.0, -2.0]
    assert back["amount"].tolist() == [30.0, -8.0]
    assert back["customer"].tolist()[0] == "Bolt Ltd"  # separators never leak into a document
    doc = format_852(
        pd.DataFrame({"product": ["p1", "p2"], "on_hand": [5.0, 0.0]}),
        sender="r1",
        receiver="acme",
        start=dt.date(2024, 1, 1),
        end=dt.date(2024, 1, 31),
    )
    assert parse_x12(doc).inventory.column("on_hand").to_pylist() == [5.0, 0.0]
    assert parse_x12(example_867()).sell_through.num_rows == 2


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31)),
            st.text(alphabet="ABCXYZ0123-", min_size=1, max_size=8),
            st.integers(1, 10_000),
            st.booleans(),
            st.one_of(st.none(), st.text(min_size=1, max_size=20)),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_format_867_round_trips(rows: list[tuple[dt.date, str, int, bool, str | None]]) -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(
        {
            "date": [r[0] for r in rows],
            "product": [r[1] for r in rows],
            "quantity": [float(-r[2] if r[3] else r[2]) for r in rows],
            "amount": [float(r[2]) for r in rows],
            "is_return": [r[3] for r in rows],
            "customer": [r[4] for r in rows],
        }
    )
    back = parse_x12(format_867(frame, sender="s", receiver="r")).to_frame()
    assert back["date"].tolist() == frame["date"].tolist()
    assert back["product"].tolist() == frame["product"].tolist()
    assert back["quantity"].tolist() == frame["quantity"].tolist()
    assert back["is_return"].tolist() == frame["is_return"].tolist()
