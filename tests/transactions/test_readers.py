"""Reading partners' CSV / Excel / Parquet files: headers, dates, numbers, every problem at once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")
pytest.importorskip("babel")

import channelvalue as cv  # noqa: E402
from channelvalue.errors import DocumentError, FileError, ValidationError  # noqa: E402
from channelvalue.transactions.readers import ReadReport, read_transactions  # noqa: E402

D = dt.date


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    p = tmp_path / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_csv_headers_recognised_and_semicolons(tmp_path: Path) -> None:
    p = write(
        tmp_path,
        "pos.csv",
        "Invoice Date;Reseller;SKU;Qty;Net Sales;End Customer;Invoice\n"
        "2024-01-05;r1;p1;3;30.00;Bolt;INV-1\n"
        "2024-01-06;r1;p2;-1;-9.50;;INV-2\n",
    )
    t, rep = read_transactions(p, "sell_through")
    assert t.column_names == list(cv.transactions.columns("sell_through"))
    assert t.column("quantity").to_pylist() == [3.0, -1.0]
    assert t.column("amount").to_pylist() == [30.0, -9.5]
    assert t.column("is_return").to_pylist() == [False, True]  # from the sign
    assert t.column("customer").to_pylist() == ["Bolt", None]
    assert t.column("source").to_pylist() == ["pos.csv", "pos.csv"]
    assert rep.columns["date"] == "Invoice Date"
    assert rep.columns["document"] == "Invoice"
    assert rep.encoding == "utf-8"
    assert rep.rows == 2
    assert rep.ignored == ()


def test_mixed_date_formats_detected_and_reported() -> None:
    f = pd.DataFrame(
        {
            "date": ["2024-01-31", "31/01/2024", "05/02/2024", "31.01.2024", "20240131",
                     "31-Jan-2024", 45322, dt.datetime(2024, 1, 31, 10, 0)],
            "partner": ["r1"] * 8, "product": ["p"] * 8, "on_hand": [1] * 8,
        }
    )  # fmt: skip
    t, rep = read_transactions(f, "inventory")
    days = t.column("date").to_pylist()
    # 31/01 settles the order: day first, so 05/02/2024 is the 5th of February
    assert days == [D(2024, 1, 31)] * 2 + [D(2024, 2, 5)] + [D(2024, 1, 31)] * 5
    assert rep.mixed_dates == ("date",)
    assert rep.date_formats["date"] == {
        "date cell": 1, "excel serial": 1, "%Y-%m-%d": 1, "%d/%m/%Y": 2, "%d.%m.%Y": 1,
        "%Y%m%d": 1, "%d-%b-%Y": 1,
    }  # fmt: skip
    assert rep.ambiguous_dates["date"] == 1


def test_ambiguous_slash_dates_follow_the_locale() -> None:
    f = pd.DataFrame({"date": ["02/03/2024"], "partner": ["r"], "product": ["p"], "on_hand": [1]})
    us, rep = read_transactions(f, "inventory", locale="en_US")
    gb, _ = read_transactions(f, "inventory", locale="en_GB")
    assert us.column("date").to_pylist() == [D(2024, 2, 3)]
    assert gb.column("date").to_pylist() == [D(2024, 3, 2)]
    assert rep.ambiguous_dates["date"] == 1
    fixed, _ = read_transactions(f, "inventory", date_format="%d/%m/%Y")
    assert fixed.column("date").to_pylist() == [D(2024, 3, 2)]


def test_numbers_in_the_locale() -> None:
    f = pd.DataFrame(
        {"date": ["2024-01-31"] * 4, "partner": ["r"] * 4, "product": ["p"] * 4,
         "on_hand": ["1.234,5", "€ 12,00", "(3,5)", "1 000"]}
    )  # fmt: skip
    t, _ = read_transactions(f, "inventory", locale="de_DE")
    assert t.column("on_hand").to_pylist() == [1234.5, 12.0, -3.5, 1000.0]
    t, _ = read_transactions(f.assign(on_hand=["1 234,5", "7", "0,5", "2"]), "inventory",
                             locale="fr_FR")  # fmt: skip
    assert t.column("on_hand").to_pylist() == [1234.5, 7.0, 0.5, 2.0]


def test_a_messy_file_gives_every_problem_at_once(tmp_path: Path) -> None:
    body = (
        "Date,Partner,SKU,Qty,Amount,Return\n"
        "2024-01-05,r1,p1,3,30.00,no\n"
        "2024-13-45,r1,p1,2,20.00,no\n"  # not a date
        '05/01/2024,r\xe9seau,p1,"1.234,50",50.00,yes\n'  # wrong-locale number, latin-1
        "2024-01-07,r1,p1,abc,10.00,maybe\n"  # not a number, not yes/no
        ",r1,p1,1,1.00,no\n"  # no date
    )
    p = write(tmp_path, "messy.csv", body.encode("latin-1"))
    with pytest.raises(DocumentError) as info:
        read_transactions(p, "sell_through")
    found = sorted((q.kind, q.row, q.column) for q in info.value.problems)
    assert found == [
        ("bad-bool", 5, "Return"),
        ("bad-date", 3, "Date"),
        ("bad-encoding", 4, None),
        ("bad-number", 4, "Qty"),
        ("bad-number", 5, "Qty"),
        ("missing-value", 6, "Date"),
    ]
    hints = {q.kind: q.hint for q in info.value.problems}
    assert "UTF-8" in hints["bad-encoding"]
    frame = info.value.problems_frame()
    assert set(frame["table"]) == {"messy.csv"}


def test_wrong_locale_numbers_say_which_locale(tmp_path: Path) -> None:
    p = write(tmp_path, "inv.csv", 'date,partner,product,on_hand\n2024-01-31,r,p,"1.234,5"\n')
    with pytest.raises(DocumentError) as info:
        read_transactions(p, "inventory")
    (problem,) = info.value.problems
    assert (problem.kind, problem.row, problem.column, problem.value) == (
        "bad-number", 2, "on_hand", "1.234,5",
    )  # fmt: skip
    assert "locale='de_DE'" in problem.hint


def test_blank_dates_are_missing_values_with_rows() -> None:
    f = pd.DataFrame({"date": ["2024-01-31", ""], "partner": ["r", "r"], "product": ["p", "p"],
                      "on_hand": [1, 2]})  # fmt: skip
    with pytest.raises(DocumentError) as info:
        read_transactions(f, "inventory")
    assert [(p.kind, p.row) for p in info.value.problems] == [("missing-value", 3)]


def test_missing_and_unknown_columns() -> None:
    f = pd.DataFrame({"When": ["2024-01-31"], "Who": ["r"], "What": ["p"]})
    with pytest.raises(DocumentError) as info:
        read_transactions(f, "inventory", columns={"date": "When", "partner": "Whom", "x": "What"})
    kinds = sorted((p.kind, p.column or "") for p in info.value.problems)
    assert kinds == [
        ("missing-column", ""), ("missing-column", ""), ("missing-column", ""),
        ("missing-column", "Whom"), ("unknown-column", ""),
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        read_transactions(f, "orders")


def test_claims_and_deals_vocabularies() -> None:
    claims = pd.DataFrame(
        {"Date": ["2024-01-31"] * 3, "Partner": ["r"] * 3, "Program": ["MDF H1"] * 3,
         "Claim type": ["Market Development Funds", "Co-op", "rebate"], "Amount": [1, 2, 3],
         "Status": ["Settled", "pending", "Declined"], "Accrued": [5, None, ""]}
    )  # fmt: skip
    t, _ = read_transactions(claims, "claims")
    assert t.column("kind").to_pylist() == ["mdf", "coop", "rebate"]
    assert t.column("status").to_pylist() == ["paid", "submitted", "rejected"]
    assert t.column("earned").to_pylist() == [5.0, None, None]
    with pytest.raises(DocumentError, match="one of registered, won, lost, expired"):
        read_transactions(
            pd.DataFrame({"date": ["2024-01-31"], "partner": ["r"], "customer": ["c"],
                          "value": [1], "status": ["maybe"]}), "deals",
        )  # fmt: skip


def test_excel_and_parquet(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    f = pd.DataFrame({"Date": [dt.datetime(2024, 1, 31)], "Partner": ["r"], "SKU": ["p"],
                      "Stock": [4]})  # fmt: skip
    f.to_excel(tmp_path / "inv.xlsx", index=False)
    t, rep = read_transactions(tmp_path / "inv.xlsx", "inventory")
    assert t.column("on_hand").to_pylist() == [4.0]
    assert rep.date_formats["date"] == {"date cell": 1}
    typed = pa.table({"date": [D(2024, 1, 31)], "reseller": ["Bolt Ltd"], "sku": ["p"],
                      "on_hand": pa.array([4], pa.int64())})  # fmt: skip
    import pyarrow.parquet as pq

    pq.write_table(typed, tmp_path / "inv.parquet")
    net = cv.ChannelNetwork(steward="v")
    net.add_all([cv.Organization("v", role="vendor"),
                 cv.Organization("r1", name="Bolt Limited", role="reseller")])  # fmt: skip
    t, rep = read_transactions(tmp_path / "inv.parquet", "inventory", net=net)
    assert t.column("partner").to_pylist() == ["r1"]
    assert t.column("source").to_pylist() == ["inv.parquet"]
    assert rep.matched["partner"]["name"] == 1
    # string cells in Parquet are parsed like CSV cells
    pq.write_table(pa.table({"date": ["31.01.2024"], "partner": ["x"], "product": ["p"],
                             "on_hand": ["5"]}), tmp_path / "s.parquet")  # fmt: skip
    t, rep = read_transactions(tmp_path / "s.parquet", "inventory", net=net)
    assert t.column("on_hand").to_pylist() == [5.0]
    assert rep.unmatched == ("x",)


def test_file_errors(tmp_path: Path) -> None:
    with pytest.raises(FileError):
        read_transactions(tmp_path / "none.csv", "deals")
    p = write(tmp_path, "big.csv", "x" * 100)
    with pytest.raises(FileError, match="more than"):
        read_transactions(p, "deals", max_bytes=10)


def test_report_repr_and_dict() -> None:
    r = ReadReport("deals", "d.csv", 3, date_formats={"date": {"a": 1, "b": 2}},
                   unmatched=("x",))  # fmt: skip
    assert (
        repr(r) == "<ReadReport deals from d.csv: 3 rows, mixed date formats in date, 1 "
        "unmatched names>"
    )
    assert r.to_dict()["date_formats"] == {"date": {"a": 1, "b": 2}}
