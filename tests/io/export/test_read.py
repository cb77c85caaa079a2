"""`channelvalue.io.read_export`: one-table exports into networks, with the import report."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pytest

import channelvalue as cv
from channelvalue.io import ColumnMap, read_export

pd = pytest.importorskip("pandas")

HEADER = (
    "Account ID,Account Name,Partner Type,Partner Tier,Annual Revenue,Revenue Growth YoY,"
    "Parent Distributor,Channel Account Manager,Customer Segments,Region,"
    "Sell-Through Reporting,MDF Approved,Deal Registrations"
)
# a small messy export: formats, spellings, blanks, a name for a parent, a missing parent
MESSY = [
    HEADER,
    "V-1,Acme Networks,Vendor,,,,,,,,,,",
    'D-1,TD Synnex,Disti,Platinum,"$12,500,000",5%,,Jane Doe,Enterprise,North America,Weekly,'
    '"50,000",12',
    'R-1,Northwind IT,VAR,gold,"288,612.00",19 %,TD SYNNEX,jane doe,"SMB;Mid-Market; Enterprise",'
    "EMEA|NA,Monthly,,3",
    "R-2,Contoso,Referral Partner,Silver,49K,,Ingram Micro,Bob Stone,SMB,APAC,Ad hoc,1000,",
    "R-3,Fabrikam,Wizard,Bronze,,0.1,D-1,,smb,,None,,",
    "R-4,Litware,MSP,,USD 2.5M,-3%,Ingram Micro,Bob Stone,Mid Market,EMEA,Quarterly,,7",
]
# what each row must become: id -> (name, role, tier, revenue, velocity, parent, manager,
# segment names, regions, feed interval, mdf, deal registrations)
REFERENCE: dict[str, tuple[Any, ...]] = {
    "V-1": ("Acme Networks", "vendor", "registered", 0.0, 0.0, None, None, [], (), None, None,
            None),
    "D-1": ("TD Synnex", "distributor", "platinum", 12_500_000.0, 0.05, "V-1", "Jane Doe",
            ["Enterprise"], ("NA",), 7.0, 50_000.0, 12.0),
    "R-1": ("Northwind IT", "reseller", "gold", 288_612.0, 0.19, "D-1", "Jane Doe",
            ["Enterprise", "Mid-Market", "SMB"], ("EMEA", "NA"), 30.0, None, 3.0),
    "R-2": ("Contoso", "agent", "silver", 49_000.0, 0.0, None, "Bob Stone", ["SMB"], ("APAC",),
            91.0, 1000.0, None),
    "R-3": ("Fabrikam", "other", "registered", 0.0, 0.1, "D-1", None, ["SMB"], (), None, None,
            None),
    "R-4": ("Litware", "msp", "registered", 2_500_000.0, -0.03, None, "Bob Stone",
            ["Mid-Market"], ("EMEA",), 91.0, None, 7.0),
}  # fmt: skip


def write(path: Path, lines: list[str], *, encoding: str = "utf-8", newline: str = "\r\n") -> Path:
    path.write_bytes((newline.join(lines) + newline).encode(encoding))
    return path


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write(tmp_path / "export.csv", MESSY)


def _check_reference(net: cv.ChannelNetwork) -> None:
    assert net.steward_id == "V-1"
    for ident, expected in REFERENCE.items():
        (name, role, tier, revenue, velocity, parent, manager, segs, regions, feed, mdf,
         deals) = expected  # fmt: skip
        org = net.organizations[ident]
        assert (org.name, org.role.value, org.tier.value) == (name, role, tier), ident
        assert org.revenue == pytest.approx(revenue), ident
        assert org.velocity == pytest.approx(velocity), ident
        assert org.regions == regions, ident
        up = net.upstream(ident)
        if ident == "V-1":
            assert up == ()
        elif parent is None and ident in ("R-2", "R-4"):
            assert up == ()  # its parent is no row: left unconnected (reported)
        else:
            assert up == (parent or "V-1",), ident
        links = [lk for lk in net.links("reports_to") if lk.source == ident]
        if manager is None:
            assert links == [], ident
        else:
            assert [net.managers[lk.manager].name for lk in links] == [manager], ident
            assert links[0].target == "V-1"
        assert sorted(net.segments[s].name for s in net.segments_of(ident)) == segs, ident
        feeds = [lk for lk in net.links("shares_data") if lk.source == ident]
        assert [f.interval_days for f in feeds] == ([] if feed is None else [feed]), ident
        invest = [i for i in net.investments.values() if i.recipient == ident]
        assert [i.amount for i in invest] == ([] if mdf is None else [mdf]), ident
        assert org.attributes.get("deal_registrations") == deals, ident
        assert org.placeholder is False


def test_worked_example_row_by_row(messy: Path) -> None:
    net, report = read_export(messy)
    _check_reference(net)
    assert len(net.organizations) == 6
    assert len(net.managers) == 2
    assert {s.name: s.band.value for s in net.segments.values() if s.band} == {
        "Enterprise": "enterprise", "SMB": "smb", "Mid-Market": "midmarket",
    }  # fmt: skip
    kinds = {(p.kind, p.row, p.column, p.value) for p in report.problems}
    assert ("unknown-term", 6, "Partner Type", "Wizard") in kinds
    assert ("unknown-term", 6, "Partner Tier", "Bronze") in kinds
    assert ("unknown-parent", 5, "Parent Distributor", "Ingram Micro") in kinds
    assert ("irregular-cadence", 5, "Sell-Through Reporting", "Ad hoc") in kinds
    [parent] = report.unresolved_parents
    assert (parent.value, parent.rows) == ("Ingram Micro", (5, 7))
    assert report.irregular_feeds == (5,)
    terms = {(t.category, t.term): t for t in report.unknown_terms}
    assert terms["role", "Wizard"].rows == (6,)
    assert terms["role", "Wizard"].action == "role 'other'"
    assert report.rows == 6
    assert report.table == "export.csv"
    assert report.encoding == "utf-8"
    assert report.delimiter == ","
    assert report.counts["organizations"] == 6


def test_one_problem_per_missing_parent(tmp_path: Path) -> None:
    lines = [
        "Account Name,Partner Type,Parent Distributor",
        "Acme,vendor,",
        *[f"Reseller {i},VAR,Ghost Distribution" for i in range(61)],
    ]
    _, report = read_export(write(tmp_path / "x.csv", lines))
    ghosts = [p for p in report.problems if p.kind == "unknown-parent"]
    assert len(ghosts) == 1
    assert ghosts[0].row == 3
    assert "and 51 more" in ghosts[0].message
    assert report.unresolved_parents[0].rows == tuple(range(3, 64))


def test_missing_parent_placeholder(messy: Path) -> None:
    net, report = read_export(messy, missing_parents="placeholder")
    [ident] = [i for i in report.placeholders if i != "V-1"]
    org = net.organizations[ident]
    assert org.name == "Ingram Micro"
    assert org.role.value == "distributor"
    assert org.placeholder is True
    assert net.upstream("R-2") == (ident,)
    assert net.upstream("R-4") == (ident,)
    assert net.upstream(ident) == ("V-1",)
    assert not [p for p in report.problems if p.kind == "unknown-parent"]
    assert report.unresolved_parents[0].action == f"placeholder {ident!r} added"


def test_parent_by_id_and_by_name(messy: Path) -> None:
    net, _ = read_export(messy)
    assert net.upstream("R-3") == ("D-1",)  # by id
    assert net.upstream("R-1") == ("D-1",)  # by name, other case


@pytest.mark.parametrize(
    ("encoding", "newline", "delimiter"),
    [
        ("utf-8-sig", "\r\n", ","),
        ("utf-8", "\n", ";"),
        ("cp1252", "\r\n", ";"),
        ("latin-1", "\n", "\t"),
        ("utf-16", "\r\n", "\t"),
    ],
)
def test_encodings_and_delimiters(
    tmp_path: Path, encoding: str, newline: str, delimiter: str
) -> None:
    lines = [
        delimiter.join(["Account Name", "Partner Type", "Annual Revenue"]),
        delimiter.join(["Café Müller", "Vendor", ""]),
        delimiter.join(["Señor Reseller", "VAR", "1000"]),
    ]
    path = write(tmp_path / "x.csv", lines, encoding=encoding, newline=newline)
    net, report = read_export(path)
    names = sorted(o.name for o in net.organizations.values())
    assert names == ["Café Müller", "Señor Reseller"]
    assert report.delimiter == delimiter
    assert net.organizations["senor-reseller"].revenue == 1000.0


def test_dataframe_rows_are_index_plus_one() -> None:
    frame = pd.DataFrame(
        {"Account Name": ["Acme", "B"], "Partner Type": ["Vendor", "Gnome"]}, index=[10, 20]
    )
    _, report = read_export(frame)
    [p] = [p for p in report.problems if p.kind == "unknown-term"]
    assert (p.table, p.row, p.column, p.value) == ("DataFrame", 21, "Partner Type", "Gnome")
    _, report = read_export(frame, table="accounts")
    assert report.problems[0].table == "accounts"


def test_xlsx_and_parquet(tmp_path: Path, messy: Path) -> None:
    pytest.importorskip("openpyxl")
    frame = pd.read_csv(messy, dtype=str, keep_default_na=False)
    xlsx = tmp_path / "export.xlsx"
    frame.to_excel(xlsx, sheet_name="Accounts", index=False)
    net, report = read_export(xlsx)
    _check_reference(net)
    assert report.table == "export.xlsx[Accounts]"
    wizard = [p for p in report.problems if p.value == "Wizard"]
    assert wizard[0].row == 6  # header row 1, first data row 2, as in the sheet
    with pytest.raises(cv.DocumentError, match="no sheet 'Other'"):
        read_export(xlsx, table="Other")
    pytest.importorskip("pyarrow")
    parquet = tmp_path / "export.parquet"
    frame.to_parquet(parquet)
    net, _ = read_export(parquet)
    _check_reference(net)


def test_explicit_columns_override(tmp_path: Path) -> None:
    lines = ["Firm,Kind,Money,Notes", "Acme,vendor,,hq", "Beta,VAR,5,x"]
    path = write(tmp_path / "x.csv", lines)
    columns = {"Firm": "name", "Kind": "role", "Money": "revenue", "Notes": "ignore"}
    net, report = read_export(path, columns=columns)
    assert net.organizations["beta"].revenue == 5.0
    assert report.ok
    assert dict(report.column_map.columns) == columns


def test_unknown_columns_are_reported_not_dropped(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type,Colour,NPS Score", "Acme,vendor,red,", "B,VAR,blue,41"]
    net, report = read_export(write(tmp_path / "x.csv", lines))
    unknown = {p.column: p for p in report.problems if p.kind == "unknown-column"}
    assert set(unknown) == {"Colour", "NPS Score"}
    assert "not read" in unknown["Colour"].message
    assert unknown["Colour"].value == "red"
    assert "attributes['nps_score']" in unknown["NPS Score"].message
    assert report.column_map.columns["Colour"] == "ignore"
    assert net.organizations["b"].attributes["nps_score"] == 41.0


def test_ambiguous_and_missing_columns(tmp_path: Path) -> None:
    lines = ["Account Name,Company,Partner Type", "Acme,Acme Inc,vendor"]
    path = write(tmp_path / "x.csv", lines)
    _, report = read_export(path, columns={"Segments": "segments"})
    kinds = {(p.kind, p.column) for p in report.problems}
    assert ("ambiguous-column", "Company") in kinds
    assert ("missing-column", "Segments") in kinds


def test_no_name_or_id_column_is_fatal(tmp_path: Path) -> None:
    path = write(tmp_path / "x.csv", ["Colour,Mood", "red,happy"])
    with pytest.raises(cv.DocumentError) as info:
        read_export(path)
    kinds = [p.kind for p in info.value.problems]
    assert "missing-column" in kinds
    assert kinds.count("unknown-column") == 2


@pytest.mark.parametrize("policy", ["report", "other", "error"])
def test_unknown_terms_policies(tmp_path: Path, policy: str) -> None:
    lines = ["Account Name,Partner Type", "Acme,vendor", "B,Resellr", "C,Resellr"]
    path = write(tmp_path / "x.csv", lines)
    if policy == "error":
        with pytest.raises(cv.DocumentError, match="Resellr"):
            read_export(path, unknown_terms=policy)  # type: ignore[arg-type]
        return
    net, report = read_export(path, unknown_terms=policy)  # type: ignore[arg-type]
    assert net.organizations["b"].role.value == "other"
    [term] = report.unknown_terms
    assert term.rows == (3, 4)
    assert term.closest[0] == "reseller"
    problems = [p for p in report.problems if p.kind == "unknown-term"]
    assert len(problems) == (1 if policy == "report" else 0)


def test_terms_in_the_column_map(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type", "Acme,vendor", "B,Wizard"]
    cmap = ColumnMap({}, terms={"role": {"Wizard": "agent"}})
    net, report = read_export(write(tmp_path / "x.csv", lines), columns=cmap)
    assert net.organizations["b"].role.value == "agent"
    assert report.ok


def test_steward_by_argument(messy: Path) -> None:
    net, _ = read_export(messy, steward="td synnex")
    assert net.steward_id == "D-1"
    net, _ = read_export(messy, steward="D-1")
    assert net.steward_id == "D-1"
    net, report = read_export(messy, steward="Globex")
    assert net.steward.name == "Globex"
    assert net.steward_id in report.placeholders


def test_no_vendor_row_gives_a_placeholder_steward(tmp_path: Path) -> None:
    path = write(
        tmp_path / "x.csv", ["Account Name,Partner Type,Sell-Through Reporting", "B,VAR,weekly"]
    )
    net, report = read_export(path)
    assert net.steward.role.value == "vendor"
    assert net.steward_id in report.placeholders
    assert [p.kind for p in report.problems] == ["no-steward"]
    assert net.count_links("shares_data") == 1
    assert net.upstream("b") == (net.steward_id,)


def test_managers_from_names(messy: Path) -> None:
    net, _ = read_export(messy)
    assert sorted(m.name for m in net.managers.values()) == ["Bob Stone", "Jane Doe"]
    assert sorted(net.managers) == ["manager-bob-stone", "manager-jane-doe"]
    assert net.managed_by("manager-jane-doe") == ("D-1", "R-1")


def test_bad_numbers_are_problems(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type,Annual Revenue,Growth", "Acme,vendor,,",
             "B,VAR,lots,", "C,VAR,(1234),-250%"]  # fmt: skip
    net, report = read_export(write(tmp_path / "x.csv", lines))
    bad = {(p.row, p.column, p.value) for p in report.problems if p.kind == "bad-number"}
    assert (3, "Annual Revenue", "lots") in bad
    assert (4, "Annual Revenue", "(1234)") in bad  # negative revenue
    assert (4, "Growth", "-250%") in bad  # below -100 %
    assert net.organizations["c"].revenue == 0.0
    assert report.blanks["Annual Revenue"] == 1


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type", "Acme,vendor", ",", "", "B,Gnome"]
    _, report = read_export(write(tmp_path / "x.csv", lines))
    [p] = report.problems
    assert p.row == 5
    assert report.rows == 2


@pytest.mark.parametrize(
    ("content", "match"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02", "NUL"),
        (b'a,b\n"x,1\n', "cannot read it as CSV"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, match: str) -> None:
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(cv.DocumentError, match=match):
        read_export(path)


def test_argument_errors(messy: Path, tmp_path: Path) -> None:
    with pytest.raises(cv.ValidationError, match="duplicates"):
        read_export(messy, duplicates="keep")  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match="missing_parents"):
        read_export(messy, missing_parents="x")  # type: ignore[arg-type]
    with pytest.raises(cv.ValidationError, match="unknown_terms"):
        read_export(messy, unknown_terms="x")  # type: ignore[arg-type]
    with pytest.raises(cv.WrongTypeError):
        read_export(42)
    with pytest.raises(cv.WrongTypeError):
        read_export(messy, columns=42)  # type: ignore[arg-type]
    with pytest.raises(cv.FileError):
        read_export(tmp_path / "nope.csv")
    with pytest.raises(cv.FileError):
        read_export(tmp_path)


def test_report_views(messy: Path) -> None:
    _, report = read_export(messy)
    text = str(report)
    assert text.startswith("Import of export.csv: 6 rows")
    assert "unknown-parent" in text
    frame = report.to_frame()
    assert len(frame) == len(report.problems)
    assert list(frame.columns[:6]) == ["table", "row", "column", "value", "kind", "hint"]
    html = report._repr_html_()
    assert "Ingram Micro" in html
    assert "<script" not in html
    assert report.problem_counts()["unknown-term"] == 2


def test_report_html_escapes_and_is_bounded(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type", "<script>x</script>,vendor"]
    lines += [f"R{i},<b>{i}</b>" for i in range(300)]
    _, report = read_export(write(tmp_path / "x.csv", lines))
    html = report._repr_html_()
    assert "<script>" not in html
    assert "<b>" not in html
    assert len(html) < 20_000


def test_saved_map_imports_next_month_in_one_line(messy: Path, tmp_path: Path) -> None:
    net, report = read_export(messy)
    report.column_map.save(tmp_path / "map.toml")
    again, _ = read_export(messy, columns=tmp_path / "map.toml")
    assert again == net
    again, _ = read_export(messy, columns=str(tmp_path / "map.toml"))
    assert again == net


def test_nothing_escapes_as_nan(messy: Path) -> None:
    net, _ = read_export(messy)
    for org in net.organizations.values():
        assert math.isfinite(org.revenue)
        assert math.isfinite(org.velocity)


def test_parent_loops_are_broken_and_reported(tmp_path: Path) -> None:
    lines = ["Account Name,Partner Type,Parent Distributor", "Acme,vendor,",
             "A,Disti,B", "B,Disti,C", "C,Disti,A", "D,VAR,A"]  # fmt: skip
    net, report = read_export(write(tmp_path / "x.csv", lines))
    [p] = [p for p in report.problems if p.kind == "supply-cycle"]
    assert (p.row, p.column, p.value) == (3, "Parent Distributor", "B")
    assert "rows 3, 4 and 5" in p.message
    assert net.validate() == ()
    assert net.upstream("a") == ("acme",)
    assert net.upstream("d") == ("a",)


def test_header_below_blank_rows_keeps_sheet_row_numbers(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "S"
    sheet["A3"], sheet["B3"] = "Account Name", "Partner Type"
    sheet["A4"], sheet["B4"] = "Acme", "vendor"
    sheet["A6"], sheet["B6"] = "B", "Gnome"
    book.save(tmp_path / "lead.xlsx")
    net, report = read_export(tmp_path / "lead.xlsx")
    [p] = report.problems
    assert (p.table, p.row, p.column, p.value) == ("lead.xlsx[S]", 6, "Partner Type", "Gnome")
    assert len(net.organizations) == 2
    csv = write(tmp_path / "lead.csv", ["", ",", "Account Name,Partner Type", "Acme,vendor",
                                        "B,Gnome"])  # fmt: skip
    _, report = read_export(csv)
    assert report.problems[0].row == 5


def test_a_repeated_header_reads_the_first_and_the_map_keeps_it(tmp_path: Path) -> None:
    lines = ["Account Name,Revenue,Revenue", "Acme,5,7"]
    net, report = read_export(write(tmp_path / "x.csv", lines), steward="Acme")
    assert net.organizations["acme"].revenue == 5.0
    assert [p.kind for p in report.problems] == ["ambiguous-column"]
    assert report.column_map.columns["Revenue"] == "revenue"
