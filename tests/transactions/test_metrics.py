"""channel_metrics against a plain pandas computation, on every engine under test."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

from channelvalue.errors import ValidationError  # noqa: E402
from channelvalue.transactions import channel_metrics  # noqa: E402
from channelvalue.transactions.metrics import (  # noqa: E402
    FRAME_COLUMNS,
    PERIODS_PER_YEAR,
    WEEKS_PER_PERIOD,
    period_end,
    period_index,
    period_start,
)
from channelvalue.transactions.schema import arrow_schema  # noqa: E402

D = dt.date


# ------------------------------------------------------------------ hand-made lines
def month(i: int, day: int = 10) -> dt.date:
    """Day `day` of the i-th month after December 2024 (i = 1 is January 2025)."""
    return D(2025 + (i - 1) // 12, (i - 1) % 12 + 1, day)


def lines() -> dict[str, list[dict[str, Any]]]:
    """26 months of a small channel: r1 grows, r2 is stuffed from month 20, r3 appears late."""
    sell_in: list[dict[str, Any]] = []
    sell_through: list[dict[str, Any]] = []
    inventory: list[dict[str, Any]] = []
    for i in range(1, 27):
        for partner, units in (("r1", 10 + i), ("r2", 20.0)):
            stuffed = partner == "r2" and i >= 20
            sell_in.append(
                {
                    "date": month(i, 3),
                    "seller": "acme",
                    "buyer": partner,
                    "product": "p1",
                    "quantity": units * (3 if stuffed else 1),
                    "amount": units * 10 * (3 if stuffed else 1),
                    "is_return": False,
                    "document": f"inv-{partner}-{i}",
                }
            )
            sell_through.append(
                {
                    "date": month(i, 12),
                    "partner": partner,
                    "product": "p1",
                    "quantity": float(units),
                    "amount": units * 12.0,
                    "is_return": False,
                    "segment": "smb",
                    "region": None,
                    "customer": None,
                    "document": None,
                }
            )
            sell_through.append(
                {
                    "date": month(i, 20),
                    "partner": partner,
                    "product": "p2",
                    "quantity": 2.0,
                    "amount": 50.0,
                    "is_return": False,
                    "segment": None,
                    "region": "north",
                    "customer": "Globex",
                    "document": None,
                }
            )
        on_hand = 30.0 + (40.0 * (i - 19) if i >= 20 else 0.0)
        inventory.append(
            {"date": month(i, 15), "partner": "r2", "product": "p1", "on_hand": on_hand}
        )
        inventory.append(
            {"date": month(i, 28), "partner": "r2", "product": "p1", "on_hand": on_hand + 5}
        )
        inventory.append({"date": month(i, 1), "partner": "r2", "product": "p2", "on_hand": 4.0})
    # a return at r1 in month 25
    sell_through.append(
        {
            "date": month(25, 21),
            "partner": "r1",
            "product": "p1",
            "quantity": -3.0,
            "amount": -36.0,
            "is_return": True,
            "segment": None,
            "region": None,
            "customer": None,
            "document": "rma-1",
        }
    )
    # r3 appears in month 24
    sell_through.append(
        {
            "date": month(24, 5),
            "partner": "r3",
            "product": "p1",
            "quantity": 7.0,
            "amount": 70.0,
            "is_return": False,
            "segment": None,
            "region": None,
            "customer": None,
            "document": None,
        }
    )
    claims = [
        {
            "date": month(23),
            "partner": "r1",
            "programme": "MDF",
            "kind": "mdf",
            "amount": 500.0,
            "status": "paid",
            "earned": 400.0,
        },
        {
            "date": month(24),
            "partner": "r1",
            "programme": "MDF",
            "kind": "mdf",
            "amount": 300.0,
            "status": "submitted",
            "earned": None,
        },
        {
            "date": month(24),
            "partner": "r2",
            "programme": "Rebate",
            "kind": "rebate",
            "amount": 90.0,
            "status": "paid",
            "earned": 100.0,
        },
        {
            "date": month(2),
            "partner": "r2",
            "programme": "Rebate",
            "kind": "rebate",
            "amount": 10.0,
            "status": "paid",
            "earned": 10.0,
        },
    ]
    deals = [
        {"date": month(20), "partner": "r1", "customer": "A", "value": 1.0, "status": "won"},
        {"date": month(21), "partner": "r1", "customer": "B", "value": 1.0, "status": "lost"},
        {"date": month(22), "partner": "r1", "customer": "C", "value": 1.0, "status": "won"},
        {"date": month(26), "partner": "r1", "customer": "D", "value": 1.0, "status": "registered"},
        {"date": month(25), "partner": "r2", "customer": "E", "value": 1.0, "status": "expired"},
    ]
    return {
        "sell_in": sell_in,
        "sell_through": sell_through,
        "inventory": inventory,
        "claims": claims,
        "deals": deals,
    }


def arrow(name: str, rows: list[dict[str, Any]]) -> Any:
    schema = arrow_schema(name)
    schema = schema.remove(schema.get_field_index("source"))  # the store fills it in
    return pa.table({f.name: [r.get(f.name) for r in rows] for f in schema}, schema=schema)


def loaded(make: Callable[[], Any], data: dict[str, list[dict[str, Any]]]) -> Any:
    store = make()
    for name, rows in data.items():
        if rows:
            store.load(name, arrow(name, rows), source=f"{name}.csv")
    return store


# ------------------------------------------------------------------ the pandas reference
def reference(data: dict[str, list[dict[str, Any]]], period: str = "month", window: int = 3) -> Any:
    """Every metric in plain pandas: a dense partner x period grid and pandas rolling sums."""
    year = PERIODS_PER_YEAR[period]
    horizon = 2 * max(year, window)

    def frame(name: str) -> Any:
        f = pd.DataFrame(data.get(name) or [], columns=arrow_schema(name).names)
        f["idx"] = [period_index(d, period) for d in f["date"]]
        return f

    si, st_, inv, cl, de = (
        frame(n) for n in ("sell_in", "sell_through", "inventory", "claims", "deals")
    )
    si = si.rename(columns={"buyer": "partner"})
    parts = [
        si.groupby(["partner", "idx"]).agg(
            sell_in=("amount", "sum"), sell_in_units=("quantity", "sum"), lines=("amount", "size")
        ),
        st_.groupby(["partner", "idx"]).agg(
            sell_through=("amount", "sum"),
            sell_through_units=("quantity", "sum"),
            lines=("amount", "size"),
        ),
        cl.assign(
            paid=cl.amount.where(cl.status == "paid", 0.0),
            earned=cl.earned.astype(float).fillna(0.0),
        )
        .groupby(["partner", "idx"])
        .agg(
            claims_paid=("paid", "sum"), claims_earned=("earned", "sum"), lines=("amount", "size")
        ),
        de.assign(
            won=(de.status == "won").astype(float),
            closed=de.status.isin(["won", "lost", "expired"]).astype(float),
        )
        .groupby(["partner", "idx"])
        .agg(deals_won=("won", "sum"), deals_closed=("closed", "sum"), lines=("won", "size")),
    ]
    if len(inv):
        lastday = inv.groupby(["partner", "product", "idx"])["date"].transform("max")
        snap = inv[inv.date == lastday]
        per_product = snap.groupby(["partner", "product", "idx"]).agg(on_hand=("on_hand", "first"))
        counts = inv.groupby(["partner", "product", "idx"]).size()
        per_product["n"] = counts
        parts.append(
            per_product.groupby(["partner", "idx"]).agg(
                on_hand=("on_hand", "sum"), lines=("n", "sum"), has_inv=("n", "sum")
            )
        )
    long = pd.concat([p.reset_index() for p in parts], ignore_index=True)
    if "on_hand" not in long:
        long["on_hand"] = float("nan")
    if long.empty:
        return pd.DataFrame(columns=list(FRAME_COLUMNS))
    sums = [c for c in long.columns if c not in ("partner", "idx", "on_hand")]
    base = long.groupby(["partner", "idx"])[sums].sum(min_count=0)
    base["on_hand"] = long.groupby(["partner", "idx"])["on_hand"].sum(min_count=1)
    first, last = int(long.idx.min()), int(long.idx.max())
    grid = pd.MultiIndex.from_product(
        [sorted(long.partner.unique()), range(first, last + 1)], names=["partner", "idx"]
    )
    g = base.reindex(grid)
    g[sums] = g[sums].fillna(0.0)
    if "has_inv" not in g:
        g["has_inv"] = 0.0
    for c in (
        "sell_in",
        "sell_in_units",
        "sell_through",
        "sell_through_units",
        "claims_paid",
        "claims_earned",
        "deals_won",
        "deals_closed",
    ):
        if c not in g:
            g[c] = 0.0
    g = g.astype("float64")
    by = g.groupby(level="partner")

    def rolling(col: str, n: int) -> Any:
        return by[col].transform(lambda s: s.rolling(n, min_periods=1).sum())

    def shifted(series: Any, n: int) -> Any:
        return series.groupby(level="partner").shift(n)

    seen = g.index.get_level_values("idx") - first + 1
    weeks = WEEKS_PER_PERIOD[period]
    st_before = shifted(g.sell_through, 1)
    si_w, st_w = rolling("sell_in", window), rolling("sell_through", window)
    units_w = rolling("sell_through_units", window)
    units_w_before = shifted(units_w, window)
    rate = units_w / (pd.Series(seen, index=g.index).clip(upper=window) * weeks)
    rate_before = units_w_before / (
        pd.Series(seen - window, index=g.index).clip(upper=window) * weeks
    )
    woi = (g.on_hand / rate).where((g.has_inv > 0) & (units_w > 0))
    has_inv_before = shifted(g.has_inv, window)
    on_hand_before = shifted(g.on_hand, window)
    woi_before = (on_hand_before / rate_before).where(
        (has_inv_before > 0) & (units_w_before > 0) & (seen - window >= 1)
    )
    st_year = rolling("sell_through", year)
    st_year_before = shifted(st_year, year)
    out = pd.DataFrame(index=g.index)
    out["sell_in"] = g.sell_in
    out["sell_in_units"] = g.sell_in_units
    out["sell_through"] = g.sell_through
    out["sell_through_units"] = g.sell_through_units
    out["volume"] = g.sell_through_units
    out["velocity"] = (g.sell_through / st_before - 1).where((seen >= 2) & (st_before > 0))
    out["velocity_ttm"] = (st_year / st_year_before - 1).where(
        (seen >= 2 * year) & (st_year_before > 0)
    )
    out["on_hand"] = g.on_hand.where(g.has_inv > 0)
    out["weeks_of_inventory"] = woi
    out["weeks_of_inventory_change"] = woi - woi_before
    out["sell_in_ratio"] = (si_w / st_w).where(st_w > 0)
    out["claims_paid"] = g.claims_paid
    out["claims_earned"] = g.claims_earned
    out["deals_won"] = g.deals_won
    out["deals_closed"] = g.deals_closed
    out["win_rate"] = (g.deals_won / g.deals_closed).where(g.deals_closed > 0)
    out["lines"] = g.lines
    used = rolling("lines", horizon)
    out = out[used > 0].reset_index()
    out.insert(1, "period", [period_start(i, period) for i in out.pop("idx")])
    return out.sort_values(["partner", "period"]).reset_index(drop=True)[list(FRAME_COLUMNS)]


def same(got: Any, want: Any) -> None:
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True),
        want.reset_index(drop=True),
        check_dtype=False,
        check_exact=False,
        rtol=1e-9,
        atol=1e-9,
    )


# ------------------------------------------------------------------ tests
@pytest.mark.parametrize("period", ["month", "quarter", "week"])
def test_every_metric_matches_pandas(store: Callable[[], Any], period: str) -> None:
    data = lines()
    got = channel_metrics(loaded(store, data), period=period).to_frame()
    same(got, reference(data, period))


@pytest.mark.parametrize("window", [1, 2, 6])
def test_rolling_window_matches_pandas(store: Callable[[], Any], window: int) -> None:
    data = lines()
    got = channel_metrics(loaded(store, data), window=window).to_frame()
    same(got, reference(data, "month", window))


def test_engines_give_identical_results() -> None:
    from channelvalue.transactions import ChannelData
    from tests.transactions.conftest import connect

    data = lines()
    frames = []
    for name in ("duckdb", "polars"):
        backend = connect(name)
        store = loaded(lambda b=backend: ChannelData(backend=b), data)
        frames.append(channel_metrics(store).to_frame())
    pd.testing.assert_frame_equal(frames[0], frames[1], check_dtype=False)


def test_worked_example_by_hand(store: Callable[[], Any]) -> None:
    """r2 in month 26 (February 2027), figures checked by hand."""
    frame = channel_metrics(loaded(store, lines())).to_frame()
    row = frame[(frame.partner == "r2") & (frame.period == D(2027, 2, 1))].iloc[0]
    # sell-in 3 x 20 units x 10; sell-through 20 x 12 + 50
    assert row.sell_in == 600.0
    assert row.sell_through == 290.0
    assert row.sell_in_units == 60.0
    assert row.volume == 22.0
    # three months of sell-in 1800 over sell-through 870
    assert row.sell_in_ratio == pytest.approx(1800 / 870)
    # on hand: p1's last snapshot (30 + 40 x 7 + 5 = 315) plus p2's 4
    assert row.on_hand == 319.0
    weekly = 66 / (3 * 365.25 / 12 / 7)
    assert row.weeks_of_inventory == pytest.approx(319 / weekly)
    # three months before (November 2026, month 23): on hand 30 + 40 x 4 + 5 + 4 = 199
    assert row.weeks_of_inventory_change == pytest.approx(319 / weekly - 199 / weekly)
    assert row.velocity == pytest.approx(0.0)
    assert math.isnan(row.win_rate)
    r1 = frame[(frame.partner == "r1") & (frame.period == D(2026, 11, 1))].iloc[0]
    # r1 in month 23: 33 units at 12 plus 50 = 446; month 22: 32 x 12 + 50 = 434
    assert r1.velocity == pytest.approx(446 / 434 - 1)
    assert r1.claims_paid == 500.0
    assert r1.claims_earned == 400.0


def test_measures_as_of(store: Callable[[], Any]) -> None:
    metrics = channel_metrics(loaded(store, lines()))
    m = metrics.measures(D(2027, 1, 31))  # month 25
    r1 = m.partners["r1"]
    # trailing year: months 14..25, units (10 + i) + 2 over i, minus the 3 returned
    units = sum(10 + i + 2 for i in range(14, 26)) - 3
    assert r1.volume == units
    this_year = sum((10 + i) * 12 + 50 for i in range(14, 26)) - 36
    year_before = sum((10 + i) * 12 + 50 for i in range(2, 14))
    assert r1.velocity == pytest.approx(this_year / year_before - 1)
    assert r1.claims_paid == 500.0
    assert r1.claims_earned == 400.0
    assert r1.win_rate == pytest.approx(2 / 3)
    assert r1.on_hand is None
    assert r1.weeks_of_inventory is None
    r2 = m.partners["r2"]
    assert r2.win_rate == 0.0
    assert r2.claims_paid == 90.0
    assert r2.sell_in_ratio == pytest.approx(1800 / 870)
    # r3 has four periods of data in its trailing year... but only one line: annualised
    # over the 12 periods the data covers, not its own
    assert m.partners["r3"].volume == 7.0
    assert m.partners["r3"].velocity is None
    p = m.provenance
    assert p.period == "month"
    assert p.as_of == D(2027, 1, 31)
    assert p.end == D(2027, 1, 31)
    assert p.start == D(2025, 1, 1)
    assert p.rows["deals"] == 4  # the deal of month 26 is after the as-of period
    assert "sell_through.csv" in p.sources


def test_measures_default_and_bounds(store: Callable[[], Any]) -> None:
    metrics = channel_metrics(loaded(store, lines()))
    assert metrics.measures().provenance.as_of == D(2027, 2, 28)
    with pytest.raises(ValidationError, match="as_of"):
        metrics.measures(D(2030, 1, 1))
    with pytest.raises(ValidationError, match="as_of"):
        metrics.measures("2026-01-01")  # type: ignore[arg-type]


def test_volume_is_annualised_on_short_data(store: Callable[[], Any]) -> None:
    data = {
        "sell_through": [
            {
                "date": month(i),
                "partner": "r1",
                "product": "p",
                "quantity": 10.0,
                "amount": 100.0,
                "is_return": False,
            }
            for i in (1, 2, 3)
        ]
    }
    m = channel_metrics(loaded(store, data)).measures()
    assert m.partners["r1"].volume == pytest.approx(120.0)
    assert m.partners["r1"].velocity is None


def test_empty_data(store: Callable[[], Any]) -> None:
    metrics = channel_metrics(store())
    assert metrics.to_frame().empty
    assert list(metrics.to_frame().columns) == list(FRAME_COLUMNS)
    with pytest.raises(ValidationError, match="data"):
        metrics.measures()
    assert len(metrics.measures(D(2026, 1, 1)).partners) == 0


def test_bad_options() -> None:
    with pytest.raises(ValidationError, match="window"):
        channel_metrics({}, window=0)
    with pytest.raises(ValidationError, match="period"):
        channel_metrics({}, period="year")
    with pytest.raises(ValidationError, match="orders"):
        channel_metrics({"orders": None})
    with pytest.raises(ValidationError, match="data"):
        channel_metrics(42)


def test_period_index_and_start_are_inverse() -> None:
    for period in ("week", "month", "quarter"):
        for day in (D(2024, 2, 29), D(2026, 12, 31), D(1999, 1, 1), D(2026, 1, 4)):
            i = period_index(day, period)
            assert period_start(i, period) <= day <= period_end(i, period)
            assert period_index(period_start(i, period), period) == i


_day = st.dates(min_value=D(2024, 1, 1), max_value=D(2026, 12, 31))
_partner = st.sampled_from(["a", "b", "c"])
_num = st.integers(-5, 50).map(float)


@given(
    st.lists(st.tuples(_day, _partner, _num, _num), max_size=25),
    st.lists(st.tuples(_day, _partner, _num, _num), max_size=25),
    st.lists(st.tuples(_day, _partner, st.sampled_from(["x", "y"]), _num), max_size=10),
    st.sampled_from(["week", "month", "quarter"]),
    st.integers(1, 4),
)
@settings(max_examples=15, phases=[Phase.explicit, Phase.reuse, Phase.generate])
def test_metrics_match_pandas_on_any_lines(
    sell_in: list[Any], sell_through: list[Any], inventory: list[Any], period: str, window: int
) -> None:
    from channelvalue.transactions import ChannelData

    data = {
        "sell_in": [
            {
                "date": d,
                "seller": "v",
                "buyer": p,
                "product": "x",
                "quantity": q,
                "amount": a,
                "is_return": q < 0,
            }
            for d, p, q, a in sell_in
        ],
        "sell_through": [
            {
                "date": d,
                "partner": p,
                "product": "x",
                "quantity": q,
                "amount": a,
                "is_return": q < 0,
            }
            for d, p, q, a in sell_through
        ],
        "inventory": [
            {"date": d, "partner": p, "product": x, "on_hand": q} for d, p, x, q in inventory
        ],
    }
    # one snapshot per product and day (two on the same day have no "last")
    seen: set[tuple[Any, ...]] = set()
    data["inventory"] = [
        r
        for r in data["inventory"]
        if (k := (r["date"], r["partner"], r["product"])) not in seen and not seen.add(k)
    ]  # type: ignore[func-returns-value]
    got = channel_metrics(loaded(ChannelData, data), period=period, window=window).to_frame()
    same(got, reference(data, period, window))
