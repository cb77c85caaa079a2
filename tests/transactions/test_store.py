"""ChannelData: loads validated in one transaction, on every engine and storage."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")
ibis = pytest.importorskip("ibis")

from channelvalue.errors import DocumentError, ValidationError  # noqa: E402
from channelvalue.transactions import ChannelData  # noqa: E402
from channelvalue.transactions.schema import TABLES, columns  # noqa: E402

D = dt.date


def deals(n: int = 3, status: str = "won") -> Any:
    return pa.table(
        {
            "date": [D(2026, 1, 1 + i) for i in range(n)],
            "partner": [f"r{i}" for i in range(n)],
            "customer": ["Globex"] * n,
            "value": list(range(n)),  # integers: read as float64
            "status": [status] * n,
        }
    )


def test_every_table_starts_empty(store: Callable[[], Any]) -> None:
    data = store()
    for name in TABLES:
        assert data.rows(name) == 0
        assert data.table(name).columns == columns(name)
    assert "deals=0" in repr(data)


def test_load_from_arrow_pandas_parquet_and_ibis(
    store: Callable[[], Any], tmp_path: Path, engine: str
) -> None:
    data = store()
    assert data.load("deals", deals(), source="a") == 3
    assert data.load("deals", deals().to_pandas(), source="b") == 3
    pq.write_table(deals(), tmp_path / "d.parquet")
    assert data.load("deals", tmp_path / "d.parquet", source="c") == 3
    assert data.load("deals", ibis.memtable(deals()), source="d") == 3
    frame = data.table("deals").execute()
    assert sorted(frame.source.unique()) == ["a", "b", "c", "d"]
    assert frame.value.dtype == "float64"
    assert data.rows("deals") == 12


def test_source_column_fills_only_missing_values(store: Callable[[], Any]) -> None:
    data = store()
    table = deals(2).append_column("source", pa.array(["crm", None]))
    data.load("deals", table, source="fallback")
    assert sorted(data.table("deals").source.execute()) == ["crm", "fallback"]


def test_nullable_columns_may_be_left_out(store: Callable[[], Any]) -> None:
    data = store()
    lines = pa.table(
        {
            "date": [D(2026, 1, 1)],
            "partner": ["r1"],
            "product": ["p"],
            "quantity": [1.0],
            "amount": [2.0],
            "is_return": [False],
        }
    )
    data.load("sell_through", lines, source="pos")
    row = data.table("sell_through").execute().iloc[0]
    assert row.segment is None or pd.isna(row.segment)


def test_every_problem_at_once_and_nothing_written(store: Callable[[], Any]) -> None:
    data = store()
    data.load("deals", deals(), source="ok")
    bad = deals(4, status="maybe").set_column(3, "value", pa.array([1.0, None, 3.0, 4.0]))
    with pytest.raises(DocumentError) as err:
        data.load("deals", bad, source="bad")
    kinds = {p.kind for p in err.value.problems}
    assert kinds == {"unknown-term", "missing-value"}
    assert {p.column for p in err.value.problems} == {"status", "value"}
    assert data.rows("deals") == 3


def test_wrong_columns_and_types(store: Callable[[], Any]) -> None:
    data = store()
    bad = deals().drop(["customer"]).set_column(0, "date", pa.array(["x", "y", "z"]))
    with pytest.raises(DocumentError) as err:
        data.load("deals", bad, source="bad")
    assert {(p.column, p.kind) for p in err.value.problems} == {
        ("customer", "missing-column"),
        ("date", "wrong-type"),
    }


def test_bad_values_in_the_engine_are_refused_too(store: Callable[[], Any]) -> None:
    """An ibis table is checked by the engine (nulls, vocabulary, non-finite numbers)."""
    data = store()
    bad = ibis.memtable(
        deals(2, status="maybe").set_column(3, "value", pa.array([float("inf"), 1.0]))
    )
    with pytest.raises(DocumentError) as err:
        data.load("deals", bad, source="bad")
    assert {p.kind for p in err.value.problems} == {"unknown-term", "bad-number"}
    assert data.rows("deals") == 0


def test_a_failure_while_writing_rolls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    data = ChannelData()
    data.load("deals", deals(), source="first")
    real = ChannelData._write

    def write_then_fail(self: ChannelData, table: str, expr: Any) -> None:
        real(self, table, expr)
        assert self.rows(table) == 6  # written inside the transaction...
        raise OSError("disk full")

    monkeypatch.setattr(ChannelData, "_write", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        data.load("deals", deals(), source="second")
    assert data.rows("deals") == 3  # ...and rolled back
    assert set(data.table("deals").source.execute()) == {"first"}


def test_a_failure_while_writing_a_parquet_folder_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = ChannelData(tmp_path / "store")
    data.load("deals", deals(), source="first")
    real = data.backend.to_parquet

    def write_then_fail(expr: Any, path: Any, **kw: Any) -> None:
        real(expr, path, **kw)
        raise OSError("disk full")

    monkeypatch.setattr(data.backend, "to_parquet", write_then_fail)
    with pytest.raises(OSError, match="disk full"):
        data.load("deals", deals(), source="second")
    assert data.rows("deals") == 3
    assert [p.name.startswith("part-") for p in (tmp_path / "store" / "deals").iterdir()] == [True]


@pytest.mark.parametrize("name", ["store.duckdb", "parquet-folder"])
def test_a_path_persists(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    first = ChannelData(path)
    first.load("deals", deals(), source="crm")
    first.load("deals", deals(2), source="crm")
    if name.endswith(".duckdb"):
        first.backend.disconnect()
    again = ChannelData(path)
    assert again.rows("deals") == 5
    assert again.rows("sell_in") == 0


def test_an_existing_table_with_other_columns_is_refused(tmp_path: Path) -> None:
    con = ibis.duckdb.connect(tmp_path / "x.duckdb")
    con.create_table("deals", schema=ibis.schema({"date": "date", "who": "string"}))
    with pytest.raises(ValidationError, match="deals"):
        ChannelData(backend=con)


def test_bad_arguments(tmp_path: Path) -> None:
    data = ChannelData()
    with pytest.raises(ValidationError, match="table"):
        data.load("orders", deals(), source="x")
    with pytest.raises(ValidationError, match="table"):
        data.table("orders")
    with pytest.raises(ValidationError, match="source"):
        data.load("deals", deals(), source="")
    with pytest.raises(ValidationError, match="data"):
        data.load("deals", [1, 2, 3], source="x")
    with pytest.raises(ValidationError, match="Parquet"):
        data.load("deals", tmp_path / "x.csv", source="x")
    with pytest.raises(DocumentError, match="no such file"):
        data.load("deals", tmp_path / "missing.parquet", source="x")
    with pytest.raises(ValidationError, match="backend"):
        ChannelData(tmp_path / "x.duckdb", backend=ibis.duckdb.connect())


def test_empty_load_writes_nothing(store: Callable[[], Any]) -> None:
    data = store()
    assert data.load("deals", deals(0), source="x") == 0
    assert data.rows("deals") == 0
