"""GraphML files: lossless round trips, text XML cannot carry refused before writing,
atomic replacement, and hostile documents refused on reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given

import channelvalue as cv
from channelvalue.testing import strategies as cst


def test_the_example_round_trips(tmp_path: Path) -> None:
    net = cv.datasets.example()
    path = tmp_path / "acme.graphml"
    cv.io.write_graphml(net, path)
    assert cv.io.read_graphml(path) == net


@given(cst.networks())
def test_any_strategy_network_round_trips(net: cv.ChannelNetwork) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "n.graphml"
        cv.io.write_graphml(net, path)
        assert cv.io.read_graphml(path) == net


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\r", "\ufffe", "\ud800"])
def test_text_xml_cannot_carry_is_refused_and_nothing_is_written(tmp_path: Path, char: str) -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add_all(
        [cv.Organization("v", role="vendor"), cv.Organization(f"r{char}1", role="reseller")]
    )
    path = tmp_path / "n.graphml"
    path.write_bytes(b"old")
    with pytest.raises(cv.DocumentError) as err:
        cv.io.write_graphml(net, path)
    message = str(err.value)
    assert f"U+{ord(char):04X}" in message
    assert "cv.io.save" in message
    assert char not in message  # the bad character is shown escaped
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["n.graphml"]


def test_many_bad_places_are_listed_boundedly(tmp_path: Path) -> None:
    net = cv.ChannelNetwork(steward="v")
    net.add(cv.Organization("v", role="vendor"))
    net.add_all([cv.Organization(f"r{i}", role="reseller", name=f"bad\x01{i}") for i in range(30)])
    with pytest.raises(cv.DocumentError) as err:
        cv.io.write_graphml(net, tmp_path / "n.graphml")
    assert len(err.value.problems) == 21
    assert err.value.problems[-1].message == "and 10 more places"


def test_tab_and_line_feed_are_carried(tmp_path: Path) -> None:
    net = cv.ChannelNetwork(steward="v", name="a\tb\nc")
    net.add(cv.Organization("v", role="vendor", name="x\ty"))
    cv.io.write_graphml(net, tmp_path / "n.graphml")
    assert cv.io.read_graphml(tmp_path / "n.graphml") == net


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'<!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>', "<!DOCTYPE"),
        (b"<graphml", "not a GraphML document"),
        (b"", "not a GraphML document"),
    ],
)
def test_hostile_or_broken_documents_are_refused(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "x.graphml"
    path.write_bytes(content)
    with pytest.raises(cv.DocumentError, match=expected):
        cv.io.read_graphml(path)


def test_size_limit_and_file_errors(tmp_path: Path) -> None:
    path = tmp_path / "acme.graphml"
    cv.io.write_graphml(cv.datasets.example(), path)
    with pytest.raises(cv.DocumentError, match="larger than max_bytes=100"):
        cv.io.read_graphml(path, max_bytes=100)
    with pytest.raises(cv.ChannelValueError):
        cv.io.read_graphml(tmp_path / "missing.graphml")
    with pytest.raises(cv.WrongTypeError):
        cv.io.read_graphml(None)  # type: ignore[arg-type]


def test_an_undirected_graph_is_refused(tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "u.graphml"
    nx.write_graphml(nx.path_graph(3), path)
    with pytest.raises(cv.DocumentError, match="undirected"):
        cv.io.read_graphml(path)
