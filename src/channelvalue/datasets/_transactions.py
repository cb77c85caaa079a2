"""A seeded generator of channel transaction lines, with injected and recorded anomalies.

[`synthetic_transactions`][channelvalue.datasets.synthetic_transactions] writes, for the
partners of a network, what a steward would receive over `periods` months:

- **sell-in** (the vendor or the partner's distributor invoicing the partner): each month, one
  line per product it carries, replenishing what it sold of that product;
- **sell-through** for the partners with a sell-through feed (`SharesData`), a few lines a
  month (at least seven for weekly feeds, spread so that every week has one), with
  seasonality (a spring dip, a fourth-quarter peak), growth from the partner's `velocity`, a
  few returns, end-customer segments and regions from the network;
- **inventory** at each month's end for the same partners: the opening stock plus sell-in
  minus sell-through, over the three products each partner carries;
- **claims** per quarter (MDF, co-op, rebates; earned is 3 % of sell-in) and **deal
  registrations**.

Then anomalies are injected and recorded in
[`TransactionTruth`][channelvalue.datasets._transactions.TransactionTruth]:

- **stuffing** at some reporting partners: from `stuffing_from` on, sell-in runs at 1.8 to
  2.5 times sell-through, so inventory weeks rise;
- **duplicated lines**: exact copies of some sell-through lines;
- **late** reports (a partner's last month never arrives) and **missing** ones (one month in
  the middle is absent), counted in the buckets of the partner's feed cadence;
- **unmatched reseller names**: extra lines whose partner is written as a name, either a
  spelling of a known partner's id (resolvable) or an unknown reseller.

Everything is drawn with numpy in whole-array operations; the text columns are built by
Arrow, so ten million lines take seconds, not minutes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from ..core.network import ChannelNetwork
from ..errors import MissingDependencyError, ValidationError
from ..model import Serves, Supplies
from ..transactions.feeds import bucket_of, cadence_unit, feed_intervals
from ..transactions.schema import arrow_schema

__all__ = ["TransactionSet", "TransactionTruth", "synthetic_transactions"]

TABLE_NAMES = ("sell_in", "sell_through", "inventory", "claims", "deals")

_SELL_THROUGH_HEADERS = {
    "date": "Invoice Date",
    "partner": "Reseller",
    "product": "SKU",
    "quantity": "Qty",
    "amount": "Net Sales",
    "is_return": "Return",
    "segment": "Customer Segment",
    "region": "Territory",
    "customer": "End Customer",
    "document": "Invoice",
}
"""The headers `write` gives the sell-through CSV (as a partner portal export would)."""


@attrs.frozen(slots=True)
class TransactionTruth:
    """What was injected, to measure detection against.

    Attributes:
        stuffing: the partners whose sell-in runs ahead of sell-through, sorted.
        stuffing_from: the first day of the first stuffed month.
        duplicates: `(partner, date, product, quantity, document)` of each extra copy of a
            sell-through line (a line copied twice appears twice).
        late: `{partner: number of trailing cadence buckets that never arrived}`.
        missing: `{partner: number of interior cadence buckets that never arrived}`.
        names: `{name written on extra lines: the partner id it stands for, or None}`.
        name_lines: `{name: number of lines carrying it}`.

    Examples:
        >>> TransactionTruth().unknown_names
        ()
    """

    stuffing: tuple[str, ...] = ()
    stuffing_from: dt.date | None = None
    duplicates: tuple[tuple[str, dt.date, str, float, str], ...] = ()
    late: Mapping[str, int] = attrs.field(factory=dict)
    missing: Mapping[str, int] = attrs.field(factory=dict)
    names: Mapping[str, str | None] = attrs.field(factory=dict)
    name_lines: Mapping[str, int] = attrs.field(factory=dict)

    @property
    def unknown_names(self) -> tuple[str, ...]:
        """The names that stand for no partner, sorted.

        Examples:
            >>> TransactionTruth(names={"a": None, "b": "r1"}).unknown_names
            ('a',)
        """
        return tuple(sorted(n for n, i in self.names.items() if i is None))


@attrs.frozen(slots=True, repr=False)
class TransactionSet:
    """Generated transaction lines: one `pyarrow.Table` per table, the ground truth, and the
    two X12 documents.

    Attributes:
        tables: `{table name: pyarrow.Table}` for the five tables, exactly what ingesting the
            files of [`write`][channelvalue.datasets._transactions.TransactionSet.write] gives
            (the X12 lines included, as read).
        truth: the injected anomalies.
        products: the product catalogue (SKU ids), sorted.
        prices: `{sku: list price}`.
        start: the first day of the first month.
        periods: the number of months.
        x12: `{file name: X12 text}`: one 867 and one 852.
    """

    tables: Mapping[str, Any]
    truth: TransactionTruth
    products: tuple[str, ...]
    prices: Mapping[str, float]
    start: dt.date
    periods: int
    x12: Mapping[str, str] = attrs.field(factory=dict)

    @property
    def end(self) -> dt.date:
        """The last day of the last month."""
        months = self.start.year * 12 + self.start.month - 1 + self.periods
        return dt.date(months // 12, months % 12 + 1, 1) - dt.timedelta(days=1)

    @property
    def lines(self) -> int:
        """The number of lines over all tables."""
        return sum(int(t.num_rows) for t in self.tables.values())

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v.num_rows:,}" for k, v in self.tables.items())
        return f"<TransactionSet {self.start}..{self.end}: {counts}>"

    def write(self, folder: str | Path) -> dict[str, Path]:
        """Write the lines as a partner portal would deliver them, and return the paths:

        `sell_in.parquet` and `inventory.parquet` (typed), `sell_through.csv` (with a
        portal's headers: *Invoice Date*, *Reseller*, *SKU*, *Qty*, ...), `claims.csv`,
        `deals.csv`, `pos_867.x12` and `stock_852.x12`. Each file holds the lines whose
        `source` names it, so reading them all back gives `tables` again.

        Examples:
            >>> import tempfile
            >>> import channelvalue as cv
            >>> ts = cv.datasets.synthetic_transactions(cv.datasets.synthetic(30, seed=2),
            ...                                         periods=8)
            >>> sorted(p.name for p in ts.write(tempfile.mkdtemp()).values())
            ... # doctest: +NORMALIZE_WHITESPACE
            ['claims.csv', 'deals.csv', 'inventory.parquet', 'pos_867.x12', 'sell_in.parquet',
             'sell_through.csv', 'stock_852.x12']
        """
        import pyarrow.compute as pc
        import pyarrow.csv as pcsv
        import pyarrow.parquet as pq

        root = Path(folder)
        root.mkdir(parents=True, exist_ok=True)
        out: dict[str, Path] = {}
        for name in ("sell_in", "inventory"):
            out[name] = root / f"{name}.parquet"
            table = self.tables[name]
            pq.write_table(
                table.filter(pc.equal(table.column("source"), out[name].name)), out[name]
            )
        st = self.tables["sell_through"]
        st = st.filter(pc.equal(st.column("source"), "sell_through.csv"))
        st = st.drop_columns(["source"]).rename_columns(
            [_SELL_THROUGH_HEADERS[c] for c in st.column_names if c != "source"]
        )
        out["sell_through"] = root / "sell_through.csv"
        pcsv.write_csv(st, out["sell_through"])
        for name in ("claims", "deals"):
            out[name] = root / f"{name}.csv"
            pcsv.write_csv(self.tables[name].drop_columns(["source"]), out[name])
        for fname, text in self.x12.items():
            out[fname] = root / fname
            out[fname].write_text(text, encoding="ascii", errors="replace")
        return out


def _check(name: str, value: Any, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValidationError("synthetic_transactions", name, value, f"a number in [{low}, {high}]")
    return float(value)


def _months(start: dt.date, periods: int) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """First days (datetime64[D]) of `periods` months from `start`, and their lengths."""
    first = np.datetime64(f"{start.year:04d}-{start.month:02d}", "M")
    months = first + np.arange(periods + 1)
    days = months.astype("datetime64[D]")
    return days[:-1], np.diff(days).astype(np.int64)


def synthetic_transactions(
    net: ChannelNetwork,
    *,
    periods: int = 24,
    seed: int = 0,
    start: dt.date = dt.date(2024, 1, 1),
    lines_per_period: float = 4.0,
    products: int = 24,
    stuffing: float = 0.05,
    stuffing_periods: int | None = None,
    duplicates: float = 0.002,
    late: float = 0.03,
    missing: float = 0.03,
    unmatched: float = 0.001,
) -> TransactionSet:
    """Generate `periods` months of sell-in, sell-through, inventory, claims and deals for the
    partners of `net`, with recorded anomalies (see the module description).

    Args:
        net: the network; its partners are the organizations other than the steward and
            the units it owns. Their `volume` (or revenue) sets the size, their `velocity`
            the growth; partners with a sell-through `SharesData` feed report sell-through
            and inventory at the feed's cadence.
        periods: months of data (>= 3).
        seed: the random seed: the same arguments give the same lines.
        start: the first month (its day is ignored).
        lines_per_period: the mean number of sell-through lines per partner and month.
        products: the number of SKUs.
        stuffing: the share of reporting partners that stuff the channel.
        stuffing_periods: for how many final months they do (default: 6, at most a third
            of the months).
        duplicates: the share of sell-through lines copied.
        late: the share of reporting partners whose last month never arrives.
        missing: the share of reporting partners missing one month in the middle.
        unmatched: extra lines written with a partner *name*, as a share of sell-through
            lines (half are spellings of a known id, half unknown resellers).

    Raises:
        ValidationError: an argument out of range, or a network with no partners.

    Examples:
        >>> import channelvalue as cv
        >>> net = cv.datasets.synthetic(60, seed=1)
        >>> ts = cv.datasets.synthetic_transactions(net, periods=12, seed=3)
        >>> ts.tables["sell_through"].num_rows > 1000, len(ts.truth.stuffing)
        (True, 2)
        >>> ts.tables["sell_in"].column_names == list(cv.transactions.columns("sell_in"))
        True
    """
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:
        raise MissingDependencyError(
            "pyarrow", extra="data", feature="synthetic_transactions()"
        ) from None
    if isinstance(periods, bool) or not isinstance(periods, int) or not 3 <= periods <= 1200:
        raise ValidationError("synthetic_transactions", "periods", periods, "an int in [3, 1200]")
    for name, value, high in (
        ("stuffing", stuffing, 1.0),
        ("duplicates", duplicates, 1.0),
        ("late", late, 1.0),
        ("missing", missing, 1.0),
        ("unmatched", unmatched, 1.0),
        ("lines_per_period", lines_per_period, 1000.0),
    ):
        _check(name, value, 0.0, high)
    if not isinstance(products, int) or not 3 <= products <= 1000:
        raise ValidationError("synthetic_transactions", "products", products, "an int in [3, 1000]")
    if stuffing_periods is None:
        stuffing_periods = max(1, min(6, periods // 3))
    if not isinstance(stuffing_periods, int) or not 1 <= stuffing_periods < periods:
        raise ValidationError(
            "synthetic_transactions", "stuffing_periods", stuffing_periods,
            f"an int in [1, {periods - 1}]",
        )  # fmt: skip
    rng = np.random.default_rng(seed)
    steward = net.steward_id
    orgs = net.organizations
    ids = sorted(i for i, o in orgs.items() if i != steward and not o.owned)
    if not ids:
        raise ValidationError("synthetic_transactions", "net", net.name, "a network with partners")
    n_p, n_t = len(ids), periods
    id_arr = pa.array(ids, pa.string())

    # ---------------------------------------------------------------- catalogue
    skus = [f"SKU-{k + 1:04d}" for k in range(products)]
    price = np.round(np.exp(rng.normal(np.log(150.0), 0.8, products)), 2)
    carried = np.argsort(rng.random((n_p, products)), axis=1)[:, :3]  # 3 distinct SKUs each

    # ---------------------------------------------------------------- sizes and growth
    volume = np.array([orgs[i].volume for i in ids], dtype=float)
    revenue = np.array([orgs[i].revenue for i in ids], dtype=float)
    velocity = np.array([orgs[i].velocity for i in ids], dtype=float)
    mean_price = float(price.mean())
    base = np.where(volume > 0, volume / 12.0, revenue / (12.0 * mean_price))
    base = np.where(base > 0, base, np.exp(rng.normal(np.log(20.0), 1.0, n_p)))
    base = np.clip(base, 2.0, 1e6)
    growth = np.power(1.0 + np.clip(velocity, -0.9, 5.0), 1.0 / 12.0)
    firsts, month_days = _months(start, n_t)
    month_no = (firsts.astype("datetime64[M]").astype(np.int64) % 12) + 1
    season = 1.0 + 0.12 * np.cos(2 * np.pi * (month_no - 11) / 12.0) + 0.1 * (month_no == 12)
    units = (
        base[:, None]
        * growth[:, None] ** np.arange(n_t)[None, :]
        * season[None, :]
        * np.exp(rng.normal(0.0, 0.08, (n_p, n_t)))
    )

    # ---------------------------------------------------------------- who reports how often
    intervals = feed_intervals(net)
    reports = np.array([i in intervals for i in ids])
    unit_of = {i: cadence_unit(d) for i, d in intervals.items()}
    weekly = np.array([unit_of.get(i) == "week" for i in ids])
    reporters = np.flatnonzero(reports)

    # ---------------------------------------------------------------- anomalies chosen
    order = rng.permutation(reporters)
    n_stuff = round(stuffing * len(reporters))
    n_late = round(late * len(reporters))
    n_miss = round(missing * len(reporters))
    stuffers = np.sort(order[:n_stuff])
    late_p = np.sort(order[n_stuff : n_stuff + n_late])
    miss_p = np.sort(order[n_stuff + n_late : n_stuff + n_late + n_miss])
    onset = n_t - stuffing_periods
    stuff_factor = np.ones((n_p, n_t))
    stuff_factor[stuffers[:, None], np.arange(onset, n_t)[None, :]] = rng.uniform(
        1.8, 2.5, (len(stuffers), 1)
    )
    present = np.ones((n_p, n_t), dtype=bool)
    present[late_p, n_t - 1] = False
    miss_t = rng.integers(1, n_t - 1, len(miss_p))  # never the first or the last month
    present[miss_p, miss_t] = False

    # ---------------------------------------------------------------- sell-through lines
    st_groups = np.zeros((n_p, n_t), dtype=np.int64)
    st_groups[reporters] = np.maximum(1, rng.poisson(lines_per_period, (len(reporters), n_t)))
    st_groups[weekly] = np.maximum(st_groups[weekly], 7)  # every calendar week gets a line
    st_groups[~present] = 0
    st = _lines(rng, st_groups, units, firsts, month_days, even=True)
    n_st = len(st["p"])
    slot = rng.choice(3, n_st, p=[0.5, 0.3, 0.2])
    product = carried[st["p"], slot]
    returns = rng.random(n_st) < 0.02
    qty = np.where(returns, -np.maximum(1.0, np.round(st["q"] * 0.3)), st["q"])
    discount = rng.uniform(0.0, 0.15, n_p)
    amount = np.round(qty * price[product] * (1.0 - discount[st["p"]]), 2)
    segs, regions = _segments_and_regions(net, ids)
    customers = np.array([f"End Customer {k:04d}" for k in range(997)], dtype=object)
    cust = rng.integers(0, len(customers), n_st)
    has_cust = rng.random(n_st) < 0.6
    st_tab = pa.table(
        {
            "date": pa.array(st["date"], pa.date32()),
            "partner": _take(pa, id_arr, st["p"]),
            "product": _take(pa, pa.array(skus), product),
            "quantity": pa.array(qty, pa.float64()),
            "amount": pa.array(amount, pa.float64()),
            "is_return": pa.array(returns),
            "segment": _take(pa, pa.array(segs, pa.string()), st["p"]),
            "region": _take(pa, pa.array(regions, pa.string()), st["p"]),
            "customer": pa.DictionaryArray.from_arrays(
                pa.array(cust, pa.int32(), mask=~has_cust), pa.array(customers, pa.string())
            ).cast(pa.string()),
            "document": _numbered(pa, pc, "INV-", np.arange(n_st)),
            "source": pa.repeat(pa.scalar("sell_through.csv"), n_st),
        }
    )

    # ---------------------------------------------------------------- sell-in lines
    # each month the partner is invoiced what it sold of each of its products (what it would
    # have sold, where its report is missing; times the stuffing factor where it stuffs)
    mix = np.array([0.5, 0.3, 0.2])
    flat = (st["p"] * n_t + st["t"]) * 3 + slot
    sold_slot = np.bincount(flat, weights=qty, minlength=n_p * n_t * 3).reshape(n_p, n_t, 3)
    expected = units[:, :, None] * mix[None, None, :]
    reported = reports[:, None, None] & present[:, :, None]
    basis = np.where(reported, sold_slot, expected)
    noise = np.exp(rng.normal(0.0, 0.05, (n_p, n_t, 3)))
    si_q = np.round(np.maximum(0.0, basis) * stuff_factor[:, :, None] * noise)
    si_p, si_t, si_s = np.nonzero(si_q > 0)
    n_si = len(si_p)
    si_qty = si_q[si_p, si_t, si_s]
    si_product = carried[si_p, si_s]
    si_day = firsts[si_t] + rng.integers(0, 28, n_si)
    sellers = _sellers(net, ids, steward)
    seller_ids = sorted(set(sellers.tolist()))
    seller_idx = np.searchsorted(np.array(seller_ids, dtype=object), sellers)
    si_tab = pa.table(
        {
            "date": pa.array(si_day, pa.date32()),
            "seller": _take(pa, pa.array(seller_ids, pa.string()), seller_idx[si_p]),
            "buyer": _take(pa, id_arr, si_p),
            "product": _take(pa, pa.array(skus), si_product),
            "quantity": pa.array(si_qty, pa.float64()),
            "amount": pa.array(np.round(si_qty * price[si_product] * 0.8, 2), pa.float64()),
            "is_return": pa.array(np.zeros(n_si, dtype=bool)),
            "document": _numbered(pa, pc, "SI-", np.arange(n_si)),
            "source": pa.repeat(pa.scalar("sell_in.parquet"), n_si),
        }
    )
    sold = sold_slot.sum(axis=2)
    sold_all = np.where(reports[:, None] & present, sold, units)

    # ---------------------------------------------------------------- inventory snapshots
    bought = si_q.sum(axis=2)
    opening = 1.5 * units[:, 0]
    stock = np.maximum(0.0, opening[:, None] + np.cumsum(bought - sold_all, axis=1))
    inv_pt = np.argwhere(reports[:, None] & present)  # (p, t) pairs, row-major: sorted
    ip, it = inv_pt[:, 0], inv_pt[:, 1]
    ends = firsts[it] + month_days[it] - 1
    shares = np.array([0.5, 0.3, 0.2])
    on_hand = np.round(stock[ip, it][:, None] * shares[None, :]).ravel()
    inv_tab = pa.table(
        {
            "date": pa.array(np.repeat(ends, 3), pa.date32()),
            "partner": _take(pa, id_arr, np.repeat(ip, 3)),
            "product": _take(pa, pa.array(skus), carried[ip].ravel()),
            "on_hand": pa.array(on_hand, pa.float64()),
            "source": pa.repeat(pa.scalar("inventory.parquet"), len(on_hand)),
        }
    )

    # ---------------------------------------------------------------- claims and deals
    quarters = np.arange(2, n_t, 3)
    si_money = np.bincount(
        si_p * n_t + si_t, weights=si_qty * price[si_product] * 0.8, minlength=n_p * n_t
    ).reshape(n_p, n_t)
    q_money = np.stack([si_money[:, max(0, q - 2) : q + 1].sum(axis=1) for q in quarters], axis=1)
    cp, cq = np.nonzero(q_money > 0)
    earned = np.round(0.03 * q_money[cp, cq], 2)
    claimed = np.round(earned * rng.uniform(0.6, 1.05, len(cp)), 2)
    kinds = np.array(["mdf", "coop", "rebate"], dtype=object)[rng.integers(0, 3, len(cp))]
    status = np.array(["submitted", "approved", "paid", "rejected"], dtype=object)[
        rng.choice(4, len(cp), p=[0.15, 0.2, 0.55, 0.1])
    ]
    claim_days = firsts[quarters[cq]] + month_days[quarters[cq]] - 1
    claim_year = claim_days.astype("datetime64[Y]").astype(np.int64) + 1970
    years = np.unique(claim_year)
    programme = _take(
        pa, pa.array([f"FY{y} programme" for y in years]), np.searchsorted(years, claim_year)
    )
    claims_tab = pa.table(
        {
            "date": pa.array(claim_days, pa.date32()),
            "partner": _take(pa, id_arr, cp),
            "programme": programme,
            "kind": pa.array(kinds, pa.string()),
            "amount": pa.array(claimed, pa.float64()),
            "status": pa.array(status, pa.string()),
            "earned": pa.array(earned, pa.float64()),
            "source": pa.repeat(pa.scalar("claims.csv"), len(cp)),
        }
    )
    deal_groups = rng.poisson(0.3, (n_p, n_t))
    dl = _lines(rng, deal_groups, np.ones((n_p, n_t)), firsts, month_days, even=False)
    n_dl = len(dl["p"])
    deal_status = np.array(["registered", "won", "lost", "expired"], dtype=object)[
        rng.choice(4, n_dl, p=[0.2, 0.4, 0.3, 0.1])
    ]
    deals_tab = pa.table(
        {
            "date": pa.array(dl["date"], pa.date32()),
            "partner": _take(pa, id_arr, dl["p"]),
            "customer": pa.array(customers[rng.integers(0, len(customers), n_dl)], pa.string()),
            "value": pa.array(np.round(np.exp(rng.normal(np.log(20000), 1.0, n_dl)), 2)),
            "status": pa.array(deal_status, pa.string()),
            "source": pa.repeat(pa.scalar("deals.csv"), n_dl),
        }
    )

    # ---------------------------------------------------------------- X12 documents
    # the last month of one reporting partner goes as an 867, of another as an 852
    clean = np.setdiff1d(reporters, np.concatenate([stuffers, late_p, miss_p]))
    clean = clean[~weekly[clean]]  # monthly reports: the 852 dates its sales at the month's end
    x12: dict[str, str] = {}
    if len(clean) >= 2:
        big = clean[np.argsort(-base[clean], kind="stable")[:2]]
        st_tab, inv_tab, x12 = _x12_documents(
            pa, pc, st_tab, inv_tab, [ids[int(b)] for b in big], steward, start, firsts,
            month_days, n_t,
        )  # fmt: skip

    # ---------------------------------------------------------------- duplicates and names
    n_base = st_tab.num_rows
    n_dup = round(duplicates * n_base)
    dup_rows = np.sort(rng.choice(n_base, n_dup, replace=False)) if n_dup else np.array([], int)
    dups = st_tab.take(pa.array(dup_rows, pa.int64()))
    n_names = round(unmatched * n_base)
    names_truth: dict[str, str | None] = {}
    name_lines: dict[str, int] = {}
    extra = []
    if n_names:
        rows = rng.choice(n_base, n_names, replace=False)
        picked = st_tab.take(pa.array(rows, pa.int64()))
        known = rng.random(n_names) < 0.5
        written: list[str] = []
        partners_of = picked.column("partner").to_pylist()
        pool = max(1, n_names // 4)
        for k in range(n_names):
            if known[k]:
                pid = partners_of[k]
                style = k % 3
                name = (pid.upper(), pid.replace("-", " ") + " Ltd", pid.title() + " GmbH")[style]
                names_truth[name] = pid
            else:
                name = f"Unlisted Reseller {int(rng.integers(0, pool)):04d}"
                names_truth[name] = None
            written.append(name)
            name_lines[name] = name_lines.get(name, 0) + 1
        picked = picked.set_column(1, "partner", pa.array(written, pa.string())).set_column(
            picked.column_names.index("document"),
            "document",
            _numbered(pa, pc, "NM-", np.arange(n_names)),
        )
        extra.append(picked)
    st_tab = pa.concat_tables(
        [t.cast(arrow_schema("sell_through")) for t in (st_tab, dups, *extra)]
    )
    dup_keys = tuple(
        zip(
            dups.column("partner").to_pylist(),
            dups.column("date").to_pylist(),
            dups.column("product").to_pylist(),
            dups.column("quantity").to_pylist(),
            dups.column("document").to_pylist(),
            strict=True,
        )
    )

    # ---------------------------------------------------------------- truth of late/missing
    last_day = (firsts[-1] + month_days[-1] - 1).astype(dt.date)
    first_day = firsts[0].astype(dt.date)
    affected = np.concatenate([late_p, miss_p]).astype(np.int64)
    chosen = np.isin(st["p"], affected)
    kept = st["p"][chosen]
    kept_days = st["date"][chosen]
    order = np.argsort(kept, kind="stable")
    kept, kept_days = kept[order], kept_days[order]
    lost_late: dict[str, int] = {}
    lost_missing: dict[str, int] = {}
    for p in affected:
        pid = ids[int(p)]
        unit = unit_of[pid]
        a, b = np.searchsorted(kept, [p, p + 1])
        have = set(_buckets(kept_days[a:b], unit).tolist())
        lo, hi = _expected_buckets(first_day, last_day, unit)
        empty = [k for k in range(lo, hi + 1) if k not in have]
        last_seen = max(have) if have else lo - 1
        late_n = sum(1 for k in empty if k > last_seen)
        if late_n:
            lost_late[pid] = late_n
        if len(empty) - late_n:
            lost_missing[pid] = len(empty) - late_n

    truth = TransactionTruth(
        stuffing=tuple(sorted(ids[int(p)] for p in stuffers)),
        stuffing_from=firsts[onset].astype(dt.date) if len(stuffers) else None,
        duplicates=dup_keys,
        late=dict(sorted(lost_late.items())),
        missing=dict(sorted(lost_missing.items())),
        names=dict(sorted(names_truth.items())),
        name_lines=dict(sorted(name_lines.items())),
    )
    tables = {
        name: table.cast(arrow_schema(name))
        for name, table in (
            ("sell_in", si_tab),
            ("sell_through", st_tab),
            ("inventory", inv_tab),
            ("claims", claims_tab),
            ("deals", deals_tab),
        )
    }
    return TransactionSet(
        tables=tables,
        truth=truth,
        products=tuple(skus),
        prices=dict(zip(skus, (float(x) for x in price), strict=True)),
        start=firsts[0].astype(dt.date),
        periods=n_t,
        x12=x12,
    )


def _buckets(days: np.ndarray[Any, Any], unit: str) -> np.ndarray[Any, Any]:
    """[`bucket_of`][channelvalue.transactions.feeds.bucket_of] of `datetime64[D]` days, in
    numpy."""
    if unit == "week":
        return (days.astype("datetime64[D]").astype(np.int64) - 4) // 7
    months = days.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    return months if unit == "month" else months // 3


def _expected_buckets(first: dt.date, last: dt.date, unit: str) -> tuple[int, int]:
    """The cadence buckets a feed must report in between `first` and `last`: those that
    start on or after `first` and end on or before `last`."""
    from ..transactions.feeds import bucket_end, bucket_start

    lo = bucket_of(first, unit)
    if bucket_start(lo, unit) < first:
        lo += 1
    hi = bucket_of(last, unit)
    if bucket_end(hi, unit) > last:
        hi -= 1
    return lo, hi


def _take(pa: Any, values: Any, idx: np.ndarray[Any, Any]) -> Any:
    """`values[idx]` as a plain string array, built by Arrow (no Python strings per row)."""
    return pa.DictionaryArray.from_arrays(pa.array(idx, pa.int32()), values).cast(pa.string())


def _numbered(pa: Any, pc: Any, prefix: str, numbers: np.ndarray[Any, Any]) -> Any:
    """`prefix` + zero-padded numbers, built by Arrow."""
    text = pc.utf8_lpad(pc.cast(pa.array(numbers, pa.int64()), pa.string()), 9, "0")
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def _lines(
    rng: np.random.Generator,
    groups: np.ndarray[Any, Any],
    units: np.ndarray[Any, Any],
    firsts: np.ndarray[Any, Any],
    month_days: np.ndarray[Any, Any],
    *,
    even: bool,
) -> dict[str, np.ndarray[Any, Any]]:
    """Lines for a `(partners, periods)` grid of line counts: partner, period, date, units.

    The units of a cell are split over its lines (gamma shares, at least one unit each);
    with `even`, the dates are spread evenly over the month (no gap of a week from seven
    lines a month on, across month ends too), else drawn at random."""
    counts = groups.ravel()
    cell = np.repeat(np.arange(counts.size), counts)
    n = cell.size
    p, t = np.divmod(cell, groups.shape[1])
    offsets = np.cumsum(counts) - counts
    rank = np.arange(n) - offsets[cell]
    k = counts[cell]
    days = month_days[t]
    jitter = rng.uniform(-0.2, 0.2, n)
    pos = (rank + 0.5 + jitter) * days / k if even else rng.uniform(0, days, n)
    day = np.clip(np.floor(pos).astype(np.int64), 0, days - 1)
    share = rng.gamma(2.0, 1.0, n)
    total = np.bincount(cell, weights=share, minlength=counts.size)
    q = np.maximum(1.0, np.round(units.ravel()[cell] * share / total[cell]))
    return {"p": p, "t": t, "date": firsts[t] + day, "q": q}


def _segments_and_regions(
    net: ChannelNetwork, ids: list[str]
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Each partner's first served segment and first region (or None)."""
    seg: dict[str, str] = {}
    for link in net.links(Serves):
        seg.setdefault(link.source, link.target)
    orgs = net.organizations
    return (
        np.array([seg.get(i) for i in ids], dtype=object),
        np.array([(orgs[i].regions or (None,))[0] for i in ids], dtype=object),
    )


def _sellers(net: ChannelNetwork, ids: list[str], steward: str | None) -> np.ndarray[Any, Any]:
    """Who invoices each partner: its first distributor, else the steward."""
    supplier: dict[str, str] = {}
    for link in net.links(Supplies):
        if link.source != link.target:
            supplier.setdefault(link.target, link.source)
    default = steward or "vendor"
    return np.array([supplier.get(i, default) for i in ids], dtype=object)


def _x12_documents(
    pa: Any,
    pc: Any,
    st_tab: Any,
    inv_tab: Any,
    partners: list[str],
    steward: str | None,
    start: dt.date,
    firsts: np.ndarray[Any, Any],
    month_days: np.ndarray[Any, Any],
    n_t: int,
) -> tuple[Any, Any, dict[str, str]]:
    """Move the last month of `partners[0]` into an 867 and of `partners[1]` into an 852;
    the tables get the rows as the X12 reader gives them back."""
    from ..transactions.x12 import format_852, format_867, parse_x12

    last_first = firsts[n_t - 1].astype(dt.date)
    last_end = (firsts[n_t - 1] + month_days[n_t - 1] - 1).astype(dt.date)
    receiver = steward or "vendor"

    def in_last(table: Any, partner: str) -> Any:
        return pc.and_(
            pc.equal(table.column("partner"), partner),
            pc.greater_equal(table.column("date"), pa.scalar(last_first, pa.date32())),
        )

    st_tab = st_tab.cast(arrow_schema("sell_through"))
    inv_tab = inv_tab.cast(arrow_schema("inventory"))
    a, b = partners
    st_a = in_last(st_tab, a)
    doc867 = format_867(
        st_tab.filter(st_a).to_pandas(), sender=a, receiver=receiver, control=1,
        report_date=last_end,
    )  # fmt: skip
    st_b = in_last(st_tab, b)
    inv_b = in_last(inv_tab, b)
    doc852 = format_852(
        inv_tab.filter(inv_b).to_pandas(), st_tab.filter(st_b).to_pandas(), sender=b,
        receiver=receiver, start=last_first, end=last_end, control=2,
    )  # fmt: skip
    r867 = parse_x12(doc867, name="pos_867.x12")
    r852 = parse_x12(doc852, name="stock_852.x12")
    keep_st = pc.invert(pc.or_(st_a, st_b))
    st_new = pa.concat_tables(
        [
            st_tab.filter(keep_st),
            r867.sell_through.cast(arrow_schema("sell_through")),
            r852.sell_through.cast(arrow_schema("sell_through")),
        ]
    )
    inv_new = pa.concat_tables(
        [inv_tab.filter(pc.invert(inv_b)), r852.inventory.cast(arrow_schema("inventory"))]
    )
    del start
    return st_new, inv_new, {"pos_867.x12": doc867, "stock_852.x12": doc852}
