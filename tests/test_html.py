"""Every result object renders in a notebook: bounded, escaped HTML (issue 16, item 7)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import channelvalue as cv
from channelvalue import building, mapping
from channelvalue._html import HTML_CELL_CHARS, HTML_ROWS, frame_html, html_text

pytest.importorskip("pandas")

HOSTILE = "<script>alert(1)</script>\x1b[31m" + "x" * 500


RESULTS: dict[str, Callable[[cv.ChannelNetwork], Any]] = {
    "coverage": mapping.coverage,
    "efficiency": lambda n: mapping.segment_efficiency(n, "smb"),
    "service_gaps": mapping.service_gaps,
    "route_patterns": mapping.route_patterns,
    "routes": lambda n: mapping.routes(n, "public"),
    "what_if_removed": lambda n: mapping.what_if_removed(n, sorted(n.partners("smb"))[0]),
    "resilience": mapping.single_points_of_failure,
    "segmentation": mapping.segment_partners,
    "margins": mapping.margin_build_up,
    "power": mapping.power_map,
    "allocation": lambda n: building.allocate(
        1e6, building.candidates_from(n, roles=["reseller", "distributor"])
    ),
    "demarcation": lambda n: building.demarcate(n, "smb"),
    "levers": building.suggest_levers,
    "propositions": building.proposition_matrix,
    "key_segments": building.key_segments,
    "compensation": lambda n: building.compensation(n, "smb", channel_margin=1e6),
}


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_has_bounded_html(name: str) -> None:
    try:
        result = RESULTS[name](cv.datasets.example())
    except (TypeError, cv.ChannelValueError) as err:  # pragma: no cover - signature drift
        pytest.fail(f"{name}: {err}")
    page = result._repr_html_()
    assert page.count("<tr>") <= HTML_ROWS + 1
    assert len(page) < 60_000
    if hasattr(result, "to_frame") and len(result.to_frame()) > HTML_ROWS:
        assert " more " in page


def test_cells_are_escaped_and_cut() -> None:
    text = html_text(HOSTILE)
    assert "<script>" not in text
    assert "\x1b" not in text
    assert len(text) <= HTML_CELL_CHARS + 30  # entities lengthen the cut text a little


def test_a_frame_longer_than_the_limit_says_how_many_rows_were_left_out() -> None:
    pd = pytest.importorskip("pandas")

    class Result:
        def __repr__(self) -> str:
            return "<Result <b>>"

        def to_frame(self) -> Any:
            return pd.DataFrame({"partner": [HOSTILE] * 100, "share": [0.5] * 100})

    page = frame_html(Result(), limit=5)
    assert page.count("<tr>") == 6
    assert "... and 95 more rows" in page
    assert "<b>" not in page
    assert "&lt;b&gt;" in page
    assert "<script>" not in page


def test_network_tables_are_dataframes_with_names() -> None:
    net = cv.datasets.example()
    orgs = net.tables.organizations
    assert len(orgs) == len(net.organizations)
    assert orgs.index.name == "id"
    assert orgs.columns[0] == "name"
    assert orgs.loc["acme", "name"] == net.organizations["acme"].label
    links = net.tables.links
    assert len(links) == sum(1 for _ in net.links())
    row = links[links["source"] == "acme"].iloc[0]
    assert row["source_name"] == net.organizations["acme"].label
    assert len(net.tables.segments) == len(net.segments)
    assert len(net.tables.managers) == len(net.managers)


def test_network_tables_follow_changes_and_are_copies() -> None:
    net = cv.datasets.example()
    first = net.tables.organizations
    first.loc["acme", "name"] = "changed"
    assert net.tables.organizations.loc["acme", "name"] != "changed"
    net.add(cv.Organization("new-partner", role="reseller", name="New", attributes={"deals": 4}))
    orgs = net.tables.organizations
    assert orgs.loc["new-partner", "name"] == "New"
    assert orgs.loc["new-partner", "attribute.deals"] == 4
    assert "NetworkTables" in repr(net.tables)
