"""The bundled messy export (`cv.datasets.prm_export()`) loads in one call with its saved column
map, and every value comes out right, row by row, against a reference parse written here."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.io import ColumnMap, read_export

pd = pytest.importorskip("pandas")
pytest.importorskip("babel")
pytest.importorskip("rapidfuzz")

EUR = 1.08
REGIONS = {"North America": "NA", "EMEA": "EMEA", "APAC": "APAC", "LATAM": "LATAM"}
INTERVALS = {"daily": 1.0, "weekly": 7.0, "monthly": 30.0, "quarterly": 91.0, "ad hoc": 91.0}


def money(text: str) -> float:
    """A reference parse of the amounts the export holds: `4,737,167`, `$25,000.00`,
    `USD 2.5M`, `15K`, `€9,591,100`, `9,591,100 EUR`, `(21,150)`; NaN when blank."""
    if not text:
        return math.nan
    rate = EUR if ("€" in text or "EUR" in text) else 1.0
    body = re.sub(r"USD|EUR|[$€\s]", "", text)
    negative = body.startswith("(") and body.endswith(")")
    body = body.strip("()").replace(",", "")
    scale = {"K": 1e3, "M": 1e6}.get(body[-1], 1.0)
    value = float(body.rstrip("KM")) * scale * rate
    return -value if negative else value


def growth(text: str) -> float:
    """`19%`, `19 %` and `0.19` are all 0.19; NaN when blank."""
    if not text:
        return math.nan
    if text.endswith("%"):
        return float(text.rstrip("% ")) / 100
    return float(text)


@pytest.fixture(scope="module")
def loaded() -> tuple[Any, Any, Any, Any]:
    path = cv.datasets.prm_export_path()
    mapping = path.with_name("prm_export.columns.toml")
    net, report = read_export(path, columns=mapping)  # the one call
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return net, report, raw, cv.datasets.prm_export_truth()


def test_the_saved_map_is_what_the_import_reports(loaded: Any) -> None:
    _, report, _, _ = loaded
    saved = ColumnMap.load(cv.datasets.prm_export_path().with_name("prm_export.columns.toml"))
    assert report.column_map == saved
    assert saved.steward == "Acme Networks"


def test_the_report_lists_what_was_planted(loaded: Any) -> None:
    net, report, _, truth = loaded
    groups = {(g.kind, g.rows) for g in report.duplicates}
    for group in truth.exact_duplicates:
        assert ("exact-row", tuple(p + 2 for p in group)) in groups
    for group in truth.same_id:
        assert ("same-id", tuple(p + 2 for p in group)) in groups
    name_groups = [set(g.rows) for g in report.duplicates if g.kind.endswith("name")]
    for group in truth.same_account:
        rows = {p + 2 for p in group}
        assert any(rows <= found for found in name_groups), rows
    [parent] = report.unresolved_parents
    assert parent.value == truth.missing_distributor
    assert parent.rows == tuple(p + 2 for p in truth.missing_distributor_rows)
    assert {t.term for t in report.unknown_terms} == set(truth.unknown_partner_types)
    unknown_rows = sorted(r for t in report.unknown_terms for r in t.rows)
    assert unknown_rows == [p + 2 for p in truth.unknown_partner_type_rows]
    negative = sorted(
        p.row for p in report.problems if p.kind == "bad-number" and p.column == "Annual Revenue"
    )
    assert negative == [p + 2 for p in truth.negative_revenue_rows]
    assert net.steward.name == "Acme Networks"
    assert net.steward.placeholder


def _loaded_positions(truth: Any) -> list[int]:
    """The rows the import keeps: all but the later rows of exact repeats and repeated ids."""
    dropped = {p for g in (*truth.exact_duplicates, *truth.same_id) for p in sorted(g)[1:]}
    return [p for p in range(len(truth.reference)) if p not in dropped]


def test_values_row_by_row(loaded: Any) -> None:
    net, _, raw, truth = loaded
    ref = truth.reference
    managers = {m.id: m.name for m in net.managers.values()}
    reports = {lk.source: managers[lk.manager] for lk in net.links("reports_to")}
    feeds = {lk.source: lk.interval_days for lk in net.links("shares_data")}
    mdf = {i.recipient: i.amount for i in net.investments.values()}
    negative = set(truth.negative_revenue_rows)
    checked = 0
    for p in _loaded_positions(truth):
        row, cells = ref.iloc[p], raw.iloc[p]
        org = net.organizations[row["id"]]
        where = f"row {p + 2}"
        assert org.name == row["name"], where
        assert org.role.value == (row["role"] or "other"), where
        assert org.tier.value == (row["tier"] or "registered"), where
        # revenue: the reference parse of the cell, the truth, and the network agree
        mine = money(cells["Annual Revenue"])
        if p in negative:
            assert mine < 0, where
            assert org.revenue == 0.0, where  # reported, read as blank
        else:
            expected = 0.0 if math.isnan(row["revenue"]) else row["revenue"]
            assert (0.0 if math.isnan(mine) else mine) == pytest.approx(expected), where
            assert org.revenue == pytest.approx(expected), where
        g = growth(cells["Revenue Growth YoY"])
        assert (0.0 if math.isnan(g) else g) == pytest.approx(
            0.0 if math.isnan(row["growth"]) else row["growth"]
        ), where
        assert org.velocity == pytest.approx(0.0 if math.isnan(g) else g), where
        # parent: by name in the file, the missing distributor left unconnected
        if row["parent"] == truth.missing_distributor:
            assert net.upstream(org.id) == (), where
        else:
            assert net.upstream(org.id) == (row["parent"] or net.steward_id,), where
        assert reports.get(org.id) == (row["manager"] or None), where
        segments = sorted(net.segments[s].name for s in net.segments_of(org.id))
        assert segments == sorted(row["segments"]), where
        assert org.regions == ((REGIONS[row["region"]],) if row["region"] else ()), where
        assert feeds.get(org.id) == INTERVALS.get(row["cadence"]), where
        amount = None if math.isnan(row["mdf"]) or not row["mdf"] else row["mdf"]
        assert mdf.get(org.id) == amount, where
        deals = org.attributes.get("deal_registrations")
        assert deals == (None if math.isnan(row["deals"]) else row["deals"]), where
        checked += 1
    assert checked == len(net.organizations) - 1  # every organization but the steward


def test_merge_counts_each_planted_account_once(loaded: Any) -> None:
    _, _, _, truth = loaded
    path = cv.datasets.prm_export_path()
    net, report = read_export(
        path, columns=path.with_name("prm_export.columns.toml"), duplicates="merge"
    )
    for group in truth.same_account:
        ids = {truth.reference.iloc[p]["id"] for p in group}
        assert len(ids & set(net.organizations)) == 1, ids
    assert all(f.action.startswith("merged into") for f in report.duplicates)


def test_one_call_from_the_docs(tmp_path: Path) -> None:
    path = cv.datasets.prm_export_path()
    net, report = read_export(path, columns=path.with_name("prm_export.columns.toml"))
    assert len(net.organizations) > 2900
    assert not [p for p in report.problems if p.kind == "mixed-currency"]
