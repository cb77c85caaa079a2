"""Each data-quality rule on hand-made data, against a plain pandas computation, on every engine."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
pa = pytest.importorskip("pyarrow")

import channelvalue as cv  # noqa: E402
from channelvalue.errors import ValidationError  # noqa: E402
from channelvalue.model.measures import (  # noqa: E402
    ChannelMeasures,
    PartnerMeasure,
    Provenance,
)
from channelvalue.transactions.quality import ISSUE_KINDS, quality_report  # noqa: E402

D = dt.date


def network() -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [
            cv.Organization("v", role="vendor"),
            cv.Organization("d", role="distributor"),
            cv.Organization("m", role="reseller"),  # monthly feed
            cv.Organization("w", role="reseller"),  # weekly feed
            cv.Organization("q", role="reseller"),  # quarterly feed, never reports
            cv.Organization("n", role="reseller"),  # no feed
            cv.SharesData("m", "v", interval_days=30),
            cv.SharesData("w", "v", interval_days=7, data=["inventory"]),
            cv.SharesData("q", "v", interval_days=90),
        ]
    )
    return net


SELL_THROUGH = pd.DataFrame(
    [
        # date, partner, product, quantity, amount, is_return, document
        (D(2024, 1, 10), "m", "p1", 2.0, 20.0, False, "a"),
        (D(2024, 1, 10), "m", "p1", 2.0, 20.0, False, "a"),  # duplicate
        (D(2024, 1, 10), "m", "p1", 2.0, 20.0, False, "a"),  # duplicate again
        (D(2024, 1, 10), "m", "p1", 2.0, 20.0, False, "b"),  # other document: fine
        (D(2024, 3, 2), "m", "p9", 0.0, 0.0, False, "c"),  # unknown product, zero qty
        (D(2024, 3, 3), "m", "p1", -1.0, -10.0, True, "d"),  # a return: fine
        (D(2024, 3, 4), "m", "p1", -1.0, -10.0, False, "e"),  # negative, not a return
        (D(2024, 1, 1), "w", "p2", 1.0, 5.0, False, None),  # week of Jan 1 (a Monday)
        (D(2024, 1, 9), "w", "p2", 1.0, 5.0, False, None),
        (D(2024, 1, 9), "w", "p2", 1.0, 5.0, False, None),  # duplicate (null document)
        (D(2024, 1, 30), "w", "p2", 1.0, 5.0, False, None),  # weeks of Jan 15, 22 missing
        (D(2024, 2, 2), "ghost", "p1", 1.0, 5.0, False, "g"),  # unknown partner
        (D(2025, 6, 1), "n", "p1", 1.0, 5.0, False, "f"),  # future date
    ],
    columns=["date", "partner", "product", "quantity", "amount", "is_return", "document"],
)
SELL_IN = pd.DataFrame(
    [
        (D(2024, 1, 2), "v", "d", "p1", 10.0, 100.0, False, "s1"),
        (D(2024, 1, 2), "d", "stranger", "p1", 3.0, 30.0, False, "s2"),  # unknown buyer
        (D(2023, 12, 31), "v", "m", "p1", 1.0, 10.0, False, "s3"),  # outside the period
    ],
    columns=["date", "seller", "buyer", "product", "quantity", "amount", "is_return", "document"],
)
INVENTORY = pd.DataFrame(
    [
        (D(2024, 1, 31), "m", "p1", 5.0),
        (D(2024, 1, 31), "m", "p1", 5.0),  # duplicate snapshot
        (D(2024, 1, 31), "w", "p2", -2.0),  # negative stock
    ],
    columns=["date", "partner", "product", "on_hand"],
)
AS_OF = D(2024, 3, 31)


@pytest.fixture
def loaded(store: Callable[[], Any]) -> Any:
    data = store()
    data.load("sell_through", SELL_THROUGH, source="pos.csv")
    data.load("sell_in", SELL_IN, source="erp")
    data.load("inventory", INVENTORY, source="stock")
    return data


def test_counts_against_pandas(loaded: Any) -> None:
    net = network()
    q = quality_report(loaded, net, start=D(2024, 1, 1), end=D(2024, 3, 31), as_of=AS_OF,
                       products=["p1", "p2"])  # fmt: skip
    st, si, inv = SELL_THROUGH, SELL_IN, INVENTORY
    # duplicates: group size - 1, nulls equal (pandas groupby with dropna=False)
    dup = lambda f, k: int((f.groupby(k, dropna=False).size() - 1).sum())  # noqa: E731
    expected_dup = (
        dup(st, ["partner", "date", "product", "quantity", "document"])
        + dup(si, ["seller", "buyer", "date", "product", "quantity", "document"])
        + dup(inv, ["partner", "date", "product"])
    )
    known = set(net.organizations)
    expected_unknown = int(
        (~st.partner.isin(known)).sum()
        + (~si.buyer.isin(known)).sum()
        + (~si.seller.isin(known)).sum()
        + (~inv.partner.isin(known)).sum()
    )
    cat = {"p1", "p2"}
    expected_product = int(sum((~f["product"].isin(cat)).sum() for f in (st, si, inv)))
    expected_bad_qty = int(
        ((st.quantity <= 0) & ~st.is_return).sum()
        + ((si.quantity <= 0) & ~si.is_return).sum()
        + (inv.on_hand < 0).sum()
    )
    expected_future = int(sum((f.date > AS_OF).sum() for f in (st, si, inv)))
    expected_outside = int(
        sum(((f.date < D(2024, 1, 1)) | (f.date > D(2024, 3, 31))).sum() for f in (st, si, inv))
    )
    assert dict(q.counts) == {
        "duplicate": expected_dup,
        "unknown-partner": expected_unknown,
        "unknown-product": expected_product,
        "bad-quantity": expected_bad_qty,
        "future-date": expected_future,
        "outside-period": expected_outside,
        # m: monthly, January and March present, February missing -> 1 missing;
        # w: the 13 weeks from Mon Jan 1 to Sun Mar 31, lines in those of Jan 1, Jan 8 and
        # Jan 29: Jan 15 and Jan 22 missing, Feb 5 .. Mar 25 (8 weeks) late;
        # q: the quarter Jan..Mar, nothing -> 1 late
        "late-report": 8 + 1,
        "missing-report": 1 + 2,
    }
    assert (expected_dup, expected_unknown, expected_product) == (4, 2, 1)
    assert (expected_bad_qty, expected_future, expected_outside) == (3, 1, 2)


def test_listing_and_per_partner(loaded: Any) -> None:
    q = quality_report(loaded, network(), as_of=AS_OF, products=["p1", "p2"])
    frame = q.to_frame()
    assert set(frame["kind"]) <= set(ISSUE_KINDS)
    assert frame.groupby("kind")["count"].sum().to_dict() == {
        k: v for k, v in q.counts.items() if v
    }
    dups = q.to_frame("duplicate")
    m_dup = dups[(dups.partner == "m") & (dups.table == "sell_through")]
    assert m_dup["count"].tolist() == [2]
    per = q.by_partner().set_index("partner")
    assert per.loc["m", "duplicate"] == 3  # 2 sell-through repeats + 1 inventory
    assert per.loc["w", "late-report"] == 8
    assert per.loc["w", "missing-report"] == 2
    assert per.loc["w", "expected_reports"] == 13
    assert per.loc["q", "late-report"] == 1
    assert per.loc["d", "unknown-partner"] == 1  # its sell-in to an unknown buyer
    assert q.not_assessed == {"outside-period": "no reporting period given (start=, end=)"}
    with pytest.raises(ValidationError):
        q.to_frame("nonsense")


def test_apply_fills_the_partner_counts(loaded: Any) -> None:
    q = quality_report(loaded, network(), as_of=AS_OF, products=["p1", "p2"])
    blank: dict[str, Any] = {
        "volume": 1.0, "velocity": None, "sell_in": 0.0, "sell_through": 0.0, "on_hand": None,
        "weeks_of_inventory": None, "weeks_of_inventory_change": None, "sell_in_ratio": None,
        "claims_paid": 0.0, "claims_earned": 0.0, "win_rate": None, "lines": 1,
    }  # fmt: skip
    m = ChannelMeasures(
        {p: PartnerMeasure(p, **blank) for p in ("m", "w", "n")},
        Provenance("month", D(2024, 1, 1), D(2024, 3, 31), AS_OF),
    )
    out = q.apply(m)
    assert out.partners["m"].duplicate_lines == 3
    assert out.partners["m"].unmatched_lines == 1  # the unknown product
    assert (out.partners["w"].late_reports, out.partners["w"].missing_reports) == (8, 2)
    assert out.partners["w"].expected_reports == 13
    assert out.partners["n"].expected_reports == 0
    assert out.provenance == m.provenance


def test_without_feeds_catalogue_or_lines() -> None:
    from channelvalue.transactions import ChannelData

    net = cv.ChannelNetwork(steward="v")
    net.add(cv.Organization("v", role="vendor"))
    q = quality_report(ChannelData(), net)
    assert q.total == 0
    assert set(q.not_assessed) == {
        "unknown-product", "outside-period", "late-report", "missing-report",
    }  # fmt: skip
    assert repr(q).endswith("no issues>")
    assert "not assessed" in q._repr_html_()
    with pytest.raises(ValidationError):
        quality_report(ChannelData(), net, start=D(2024, 2, 1), end=D(2024, 1, 1))
    with pytest.raises(ValidationError):
        quality_report(ChannelData(), net, limit=-1)


def test_limit_cuts_the_listing_not_the_counts(loaded: Any) -> None:
    q = quality_report(loaded, network(), as_of=AS_OF, limit=1)
    assert q.counts["duplicate"] == 4
    assert len(q.to_frame("duplicate")) < 4
    assert "duplicate" in q.truncated
