"""A network as a folder of CSV files: ``write_csv`` / ``read_csv``, and the shipped example."""

from __future__ import annotations

import filecmp
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.errors import DocumentError
from channelvalue.io.tables.schema import FRAME_NAMES
from channelvalue.model import Organization, Role, Tier
from channelvalue.testing import strategies as cvst


def _round_trip(net: cv.ChannelNetwork) -> cv.ChannelNetwork:
    with tempfile.TemporaryDirectory() as folder:
        cv.io.write_csv(net, folder)
        return cv.io.read_csv(folder)


@given(cvst.networks())
def test_csv_round_trip_of_every_strategy_network(net: cv.ChannelNetwork) -> None:
    assert _round_trip(net) == net


@given(cvst.networks(ids=cvst.texts(min_size=1), names=cvst.texts()))
def test_csv_round_trip_with_free_text_ids(net: cv.ChannelNetwork) -> None:
    assert _round_trip(net) == net


@settings(max_examples=3)
@given(st.integers(1, 300), st.integers(0, 2**16))
def test_csv_round_trip_of_synthetic_networks(n: int, seed: int) -> None:
    net = cv.datasets.synthetic(n, seed=seed)
    assert _round_trip(net) == net


@given(
    st.text(min_size=1),
    st.text(),
    st.floats(min_value=0, allow_infinity=False),
    st.floats(-1, 1e6),
)
def test_any_text_and_number_survive_a_csv_file(
    ident: str, name: str, revenue: float, velocity: float
) -> None:
    net = cv.ChannelNetwork(steward=ident, name=name)
    net.add(
        Organization(
            ident,
            name=name,
            role="vendor",
            revenue=revenue,
            velocity=velocity,
            regions=[name or "x"],
        )
    )
    assert _round_trip(net) == net


def test_awkward_text_survives_a_csv_file() -> None:
    awkward = ["a\rb", "c\nd", "e\r\nf", "\x00x", " lead", "trail ", 'q"uote', "semi;colon", "NA"]
    awkward += ["nan", "#comment", "[bracket", "é", "\ufeffbom", "1e5", "True", ""]
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [Organization("v", role="vendor", regions=[t or "-" for t in awkward])]
        + [
            Organization(f"o{i}", role="agent", name=t, verticals=[t or "-"])
            for i, t in enumerate(awkward)
        ]
    )
    assert _round_trip(net) == net


_EXAMPLE_FRAMES = list(FRAME_NAMES)  # every table, empty ones as a header row


def test_the_shipped_example_csv_equals_the_example() -> None:
    folder = Path(cv.datasets.example_csv_path())
    assert sorted(p.stem for p in folder.glob("*.csv")) == sorted(_EXAMPLE_FRAMES)
    assert cv.io.read_csv(folder) == cv.datasets.example()


def test_the_shipped_example_csv_is_up_to_date() -> None:
    shipped = Path(cv.datasets.example_csv_path())
    with tempfile.TemporaryDirectory() as fresh:
        cv.io.write_csv(cv.datasets.example(), fresh)
        names = [f"{k}.csv" for k in _EXAMPLE_FRAMES]
        match, mismatch, errors = filecmp.cmpfiles(shipped, fresh, names, shallow=False)
    assert (mismatch, errors) == ([], []), "run: python scripts/build_example_csv.py"
    assert len(match) == len(_EXAMPLE_FRAMES)


_MESSY_ORGS = (
    "\ufeffID , Name,Role , Tier,Revenue , Regions\r\n"
    "acme,Acme Networks, Manufacturer ,,180000000, north ; south\r\n"
    "d1,Northbridge,DISTI,Premier,  5e7 ,north\n"
    "r1,Northwind IT,  value-added reseller,Gold,1200000,north\n"
    "r2,South IT,Solution Provider , silver ,,south\n"
    "m1,CloudOps,MSP,,350000,\n"
)
_MESSY_LINKS = (
    "kind,source,target,manager,data,interval days\n"
    "Supplies,acme,d1,,,\n"
    "supplies,d1,r1,,,\n"
    "supplies,d1,r2,,,\n"
    "supplies,d1,m1,,,\n"
    "Reports To,r1,d1,cam-1,,\n"
    "shares data,r1,d1,,Sell-Through;Stock,7\n"
)


def _messy_folder(folder: Path, orgs: str = _MESSY_ORGS) -> Path:
    (folder / "Organizations.csv").write_text(orgs, encoding="utf-8")
    (folder / "LINKS.csv").write_text(_MESSY_LINKS, encoding="utf-8")
    (folder / "managers.csv").write_text("id,name,capacity\ncam-1,Ana, 12 \n", encoding="utf-8")
    return folder


def test_a_messy_crm_export_loads(tmp_path: Path) -> None:
    net = cv.io.read_csv(_messy_folder(tmp_path))
    assert net.steward_id == "acme"
    roles = {i: o.role for i, o in net.organizations.items()}
    assert roles == {
        "acme": Role.VENDOR,
        "d1": Role.DISTRIBUTOR,
        "r1": Role.RESELLER,
        "r2": Role.RESELLER,
        "m1": Role.MSP,
    }
    assert net.organizations["d1"].tier is Tier.PLATINUM
    assert net.organizations["d1"].revenue == 5e7
    assert net.organizations["r2"].tier is Tier.SILVER
    assert net.organizations["acme"].regions == ("north", "south")
    assert net.organizations["m1"].regions == ()
    assert net.managers["cam-1"].capacity == 12.0
    assert net.link("reports_to", "r1", "d1").manager == "cam-1"  # type: ignore[attr-defined]
    assert net.count_links() == 6


def test_a_misspelt_role_names_file_row_column_and_closest_term(tmp_path: Path) -> None:
    orgs = _MESSY_ORGS.replace("  value-added reseller", "resellr")
    with pytest.raises(DocumentError) as info:
        cv.io.read_csv(_messy_folder(tmp_path, orgs))
    (problem,) = info.value.problems
    assert problem.path == "Organizations.csv row 4, column 'Role '"  # the header is row 1
    assert problem.message == "got 'resellr' but expected a known role; closest: 'reseller'"


def test_every_problem_of_the_folder_at_once(tmp_path: Path) -> None:
    orgs = _MESSY_ORGS.replace("DISTI", "distributr").replace("350000", "-1")
    _messy_folder(tmp_path, orgs)
    (tmp_path / "links.csv").unlink(missing_ok=True)
    (tmp_path / "LINKS.csv").write_text(_MESSY_LINKS.replace("Reports To", "reports too"))
    with pytest.raises(DocumentError) as info:
        cv.io.read_csv(tmp_path)
    paths = sorted(p.path for p in info.value.problems)
    assert paths == [
        "LINKS.csv row 6, column 'kind'",
        "Organizations.csv row 3, column 'Role '",
        "Organizations.csv row 6, column 'Revenue '",
    ]


def test_folder_errors(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="not a folder"):
        cv.io.read_csv(tmp_path / "nope")
    with pytest.raises(DocumentError, match=r"no organizations\.csv"):
        cv.io.read_csv(tmp_path)
    _messy_folder(tmp_path)
    (tmp_path / "notes.csv").write_text("a\n1\n")
    with pytest.raises(DocumentError, match=r"notes\.csv: unknown table"):
        cv.io.read_csv(tmp_path)
    assert len(cv.io.read_csv(tmp_path, extra_columns="ignore").organizations) == 5
    (tmp_path / "notes.csv").unlink()
    (tmp_path / "segments.csv").write_text("")
    with pytest.raises(DocumentError, match=r"segments\.csv: the file is empty"):
        cv.io.read_csv(tmp_path)
    (tmp_path / "segments.csv").write_text('id,name\n"smb,Small\n')
    with pytest.raises(DocumentError, match=r"segments\.csv: cannot read it as CSV"):
        cv.io.read_csv(tmp_path)
    (tmp_path / "segments.csv").write_bytes(b"id,name\nsmb,\xff\xfe\n")
    with pytest.raises(DocumentError, match=r"segments\.csv: cannot read it as CSV"):
        cv.io.read_csv(tmp_path)


def test_two_files_for_one_table(tmp_path: Path) -> None:
    _messy_folder(tmp_path)
    (tmp_path / "organizations.csv").write_text("id,role\nx,vendor\n")
    if len(list(tmp_path.glob("*.csv"))) < 4:  # pragma: no cover - case-insensitive file system
        pytest.skip("the file system folds case")
    with pytest.raises(DocumentError, match="same table as"):
        cv.io.read_csv(tmp_path)


def test_steward_and_name_arguments(tmp_path: Path) -> None:
    _messy_folder(tmp_path)
    net = cv.io.read_csv(tmp_path, steward="d1", name="CRM export")
    assert (net.steward_id, net.name) == ("d1", "CRM export")


def test_written_files_are_plain_csv(tmp_path: Path) -> None:
    cv.io.write_csv(cv.datasets.example(), tmp_path / "out")
    frame = pd.read_csv(tmp_path / "out" / "organizations.csv")
    assert frame.loc[frame["id"] == "acme", "regions"].item() == "central;north;south"
    assert set(frame.columns) >= {"id", "role", "capability.after_sales_service"}
    data = (tmp_path / "out" / "network.csv").read_bytes()
    assert data == b"name,steward\r\nAcme Networks channel,acme\r\n"
