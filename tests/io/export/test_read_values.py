"""`read_export`: every value path (cadence, co-op, engagement, shares, verticals, locales,
currencies, ids and names) with the exact problems it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

import channelvalue as cv
from channelvalue.io import read_export

pytest.importorskip("pandas")


def csv(tmp_path: Path, *lines: str, name: str = "x.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def test_cadence_terms(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Account Name,Partner Type,POS Reporting",
        "Acme,vendor,",
        "A,VAR,Daily",
        "B,VAR,Yes",
        "C,VAR,No",
        "D,VAR,every 14 days",
        "E,VAR,Whenever the moon is full",
        "F,VAR,",
    )
    net, report = read_export(path)
    feeds = {f.source: f.interval_days for f in net.links("shares_data")}
    assert feeds == {"a": 1.0, "b": 30.0, "d": 14.0}
    assert all(f.target == "acme" for f in net.links("shares_data"))
    [p] = report.problems
    assert (p.kind, p.row, p.column, p.value) == (
        "unknown-term",
        7,
        "POS Reporting",
        "Whenever the moon is full",
    )
    assert report.unknown_terms[0].category == "cadence"


def test_coop_engagement_share_verticals(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Account Name,Partner Type,Co-op Funds,Engagement Model,Share of Wallet,Industry",
        "Acme,vendor,,,,",
        'A,VAR,"2,500",High Touch,35%,"Healthcare; Retail"',
        "B,VAR,0,Portal,0.5,",
        "C,VAR,,Telepathy,,",
    )
    net, report = read_export(path)
    a, b, c = (net.organizations[i] for i in "abc")
    assert [(i.recipient, i.kind.value, i.amount) for i in net.investments.values()] == [
        ("a", "coop", 2500.0)
    ]
    assert (a.engagement.value, b.engagement.value, c.engagement) == (
        "dedicated", "self_service", None,
    )  # fmt: skip
    assert (a.steward_share, b.steward_share, c.steward_share) == (0.35, 0.5, None)
    assert a.verticals == ("Healthcare", "Retail")
    [p] = report.problems
    assert (p.kind, p.row, p.value) == ("unknown-term", 5, "Telepathy")
    assert report.unknown_terms[0].action == "no engagement"


def test_german_numbers_with_the_locale(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Firmenname;Partner Type;Annual Revenue;Growth",
        "Acme;vendor;;",
        "A;VAR;1.234.567,50 €;12,5 %",
        encoding="cp1252",
    )
    net, report = read_export(path, columns={"Firmenname": "name"}, locale="de_DE")
    a = net.organizations["a"]
    assert a.revenue == pytest.approx(1_234_567.5)
    assert a.velocity == pytest.approx(0.125)
    assert report.currencies == ("EUR",)
    assert report.column_map.locale == "de_DE"


def test_currency_other_than_stated_needs_rates(tmp_path: Path) -> None:
    path = csv(tmp_path, "Account Name,Partner Type,Revenue", "Acme,vendor,", "A,VAR,€5")
    with pytest.raises(cv.DocumentError, match=r"mixed-currency|not in USD"):
        read_export(path, currency="USD")
    net, _ = read_export(path, currency="EUR")
    assert net.organizations["a"].revenue == 5.0


def test_ids_and_names(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Account ID,Account Name,Partner Type",
        "V,Acme,vendor",
        ",No Id Reseller,VAR",
        ",,VAR",
        "R,,VAR",
    )
    net, report = read_export(path)
    assert "no-id-reseller" in net.organizations
    assert net.organizations["R"].name == ""
    kinds = {p.kind: p for p in report.problems}
    assert (kinds["missing-id"].row, kinds["missing-id"].column) == (3, "Account ID")
    assert kinds["missing-name"].row == 4
    assert report.rows == 4
    assert len(net.organizations) == 3


def test_names_only_give_unique_slugs(tmp_path: Path) -> None:
    path = csv(tmp_path, "Company,Type", "Acme,vendor", "A-1,VAR", "A 1,VAR")
    net, report = read_export(path)
    assert sorted(net.organizations) == ["a-1", "a-1-2", "acme"]
    assert {g.kind for g in report.duplicates} == {"same-name"}


def test_several_vendors_and_no_role_column(tmp_path: Path) -> None:
    path = csv(tmp_path, "Account Name,Partner Type", "Acme,vendor", "Globex,Manufacturer", "A,")
    net, report = read_export(path)
    assert net.steward_id == "acme"
    kinds = [(p.kind, p.row) for p in report.problems]
    assert ("several-vendors", 3) in kinds
    assert ("missing-value", 4) in kinds
    assert net.organizations["a"].role.value == "other"
    net, report = read_export(csv(tmp_path, "Account Name", "A", name="y.csv"), steward="Acme")
    assert net.steward.name == "Acme"
    assert net.steward.placeholder


def test_columns_map_path_errors(tmp_path: Path) -> None:
    path = csv(tmp_path, "Account Name", "A")
    with pytest.raises(cv.FileError):
        read_export(path, columns=tmp_path / "missing.toml")
    with pytest.raises(cv.ValidationError):
        read_export(path, columns={"Account Name": "nom"})


def test_many_problems_stay_bounded(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type,Annual Revenue", "Acme,vendor,"]
    lines += [f"R{i},Gnome{i % 7},lots" for i in range(2000)]
    _, report = read_export(csv(tmp_path, *lines))
    assert len(report.problems) == 2000 + 7
    assert len(str(report)) < 2000
    assert len(report._repr_html_()) < 20_000
    frame = report.to_frame()
    assert frame["kind"].value_counts().to_dict() == {"bad-number": 2000, "unknown-term": 7}
