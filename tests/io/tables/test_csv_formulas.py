"""Spreadsheet formulas in CSV files (issue 14, item 3): ``write_csv`` guards a text cell
that a spreadsheet would run as a formula with a leading ``'``; ``read_csv`` removes the
guard, so the round trip stays lossless; numbers are never guarded."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.model import Organization

TRIGGERS = "=+-@\t\r"
HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "'=already guarded",
    "''-two quotes",
    "'plain quote",
    "'",
]


def _cells(folder: Path, name: str) -> list[list[str]]:
    with (folder / name).open(newline="", encoding="utf-8") as file:
        return list(csv.reader(file))


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _runs_as_formula(cell: str) -> bool:
    """A spreadsheet would run ``cell`` as a formula (a number is fine: it is a number)."""
    return cell != "" and cell[0] in TRIGGERS and not _is_number(cell)


def _network(texts: list[str], velocity: float = -0.5) -> cv.ChannelNetwork:
    net = cv.ChannelNetwork(steward="v", name=texts[0] if texts else "")
    net.add_all(
        [Organization("v", role="vendor", velocity=velocity, regions=[t for t in texts if t])]
        + [
            Organization(t, role="agent", name=t, verticals=[t])
            for t in dict.fromkeys(texts)
            if t and t != "v"
        ]
    )
    return net


def test_formula_cells_are_guarded_on_write_and_restored_on_read(tmp_path: Path) -> None:
    net = _network(HOSTILE)
    cv.io.write_csv(net, tmp_path)
    for name in ("organizations.csv", "network.csv"):
        for row in _cells(tmp_path, name)[1:]:
            for cell in row:
                assert not _runs_as_formula(cell), f"{name}: {cell!r} would run as a formula"
    rows = {row[0]: row for row in _cells(tmp_path, "organizations.csv")[1:]}
    assert '\'=HYPERLINK("http://x","y")' in rows
    assert "''=already guarded" in rows  # one more quote: the guard is told apart
    assert "'''-two quotes" in rows
    assert "'plain quote" in rows  # no trigger after the quotes: written as it is
    assert "'" in rows
    assert rows["v"][8] == "-0.5"  # a number keeps its sign: it stays a number
    assert cv.io.read_csv(tmp_path) == net


def test_a_hand_guarded_cell_reads_without_its_guard(tmp_path: Path) -> None:
    (tmp_path / "organizations.csv").write_text(
        "id,role,name\nv,vendor,'=1+1\n'-a,agent,'x\n", encoding="utf-8"
    )
    net = cv.io.read_csv(tmp_path, steward="v")
    assert net.organizations["v"].name == "=1+1"
    assert net.organizations["-a"].name == "'x"


prefixes = st.text(alphabet=st.sampled_from(["'", *TRIGGERS, "a"]), max_size=4)
texts = st.builds(str.__add__, prefixes, st.text(max_size=8))


@given(st.lists(texts, min_size=1, max_size=6), st.floats(-1, 1e6))
def test_any_text_survives_the_guard(values: list[str], velocity: float) -> None:
    net = _network(values, velocity)
    with tempfile.TemporaryDirectory() as folder:
        cv.io.write_csv(net, folder)
        for row in _cells(Path(folder), "organizations.csv")[1:]:
            for cell in row:
                assert not _runs_as_formula(cell), cell
        assert cv.io.read_csv(folder) == net
