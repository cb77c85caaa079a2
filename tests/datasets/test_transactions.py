"""The seeded transaction generator: schema, determinism, the written files read back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("pandas")

import channelvalue as cv  # noqa: E402
from channelvalue.errors import ValidationError  # noqa: E402
from channelvalue.transactions import columns  # noqa: E402
from channelvalue.transactions.readers import read_transactions  # noqa: E402
from channelvalue.transactions.schema import validate_table  # noqa: E402
from channelvalue.transactions.x12 import read_x12  # noqa: E402


@pytest.fixture(scope="module")
def net() -> cv.ChannelNetwork:
    return cv.datasets.synthetic(80, seed=4, plan=False)


def test_tables_follow_the_schema_and_the_seed(net: cv.ChannelNetwork) -> None:
    a = cv.datasets.synthetic_transactions(net, periods=6, seed=1)
    b = cv.datasets.synthetic_transactions(net, periods=6, seed=1)
    c = cv.datasets.synthetic_transactions(net, periods=6, seed=2)
    for name, table in a.tables.items():
        assert table.column_names == list(columns(name))
        validate_table(name, table)
        assert table.equals(b.tables[name])
    assert a.truth == b.truth
    assert not a.tables["sell_through"].equals(c.tables["sell_through"])
    assert a.start == dt.date(2024, 1, 1)
    assert a.end == dt.date(2024, 6, 30)
    assert repr(a).startswith("<TransactionSet 2024-01-01..2024-06-30: sell_in=")


def test_lines_are_plausible(net: cv.ChannelNetwork) -> None:
    ts = cv.datasets.synthetic_transactions(net, periods=12, seed=3, stuffing=0.0)
    st = ts.tables["sell_through"].to_pandas()
    si = ts.tables["sell_in"].to_pandas()
    assert st.date.min() >= ts.start
    assert st.date.max() <= ts.end
    assert (st.quantity[~st.is_return] > 0).all()
    assert (st.quantity[st.is_return] < 0).all()
    assert (si.quantity > 0).all()
    assert set(st["product"]) <= set(ts.products)
    # without stuffing, a reporting partner's sell-in follows its sell-through closely
    reporting = si[si.buyer.isin(set(st.partner))]
    ratio = reporting.quantity.sum() / st.quantity.sum()
    assert 0.9 < ratio < 1.15
    inv = ts.tables["inventory"].to_pandas()
    assert (inv.on_hand >= 0).all()
    claims = ts.tables["claims"].to_pandas()
    assert set(claims.kind) <= {"mdf", "coop", "rebate"}
    assert (claims.earned > 0).all()


def test_write_then_read_gives_the_tables_back(net: cv.ChannelNetwork, tmp_path: Path) -> None:
    ts = cv.datasets.synthetic_transactions(net, periods=4, seed=6)
    paths = ts.write(tmp_path)
    back: dict[str, list[object]] = {}
    for name in ("sell_in", "sell_through", "inventory", "claims", "deals"):
        table, report = read_transactions(paths[name], name)
        assert report.rows == table.num_rows
        back.setdefault(name, []).append(table)
    for fname in ("pos_867.x12", "stock_852.x12"):
        r = read_x12(paths[fname])
        back["sell_through"].append(r.sell_through)
        if r.inventory.num_rows:
            back["inventory"].append(r.inventory)
    for name, parts in back.items():
        got = pa.concat_tables([t.cast(ts.tables[name].schema) for t in parts])
        want = ts.tables[name]
        assert got.num_rows == want.num_rows, name
        for col in ("quantity", "amount", "on_hand", "value"):
            if col in want.column_names:
                assert sum(got.column(col).to_pylist()) == pytest.approx(
                    sum(want.column(col).to_pylist())
                ), (name, col)
        key = [c for c in want.column_names if c != "source"]
        assert sorted(map(str, got.select(key).to_pylist())) == sorted(
            map(str, want.select(key).to_pylist())
        ), name


def test_arguments_are_checked(net: cv.ChannelNetwork) -> None:
    with pytest.raises(ValidationError):
        cv.datasets.synthetic_transactions(net, periods=2)
    with pytest.raises(ValidationError):
        cv.datasets.synthetic_transactions(net, stuffing=2.0)
    with pytest.raises(ValidationError):
        cv.datasets.synthetic_transactions(net, periods=6, stuffing_periods=6)
    with pytest.raises(ValidationError):
        cv.datasets.synthetic_transactions(net, products=1)
    lonely = cv.ChannelNetwork(steward="v")
    lonely.add(cv.Organization("v", role="vendor"))
    with pytest.raises(ValidationError):
        cv.datasets.synthetic_transactions(lonely)
