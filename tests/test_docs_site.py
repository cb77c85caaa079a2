"""The documentation site can be browsed and reached (issue 16, item 9)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _nav_pages(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, list):
        return [p for item in node for p in _nav_pages(item)]
    if isinstance(node, dict):
        return [p for value in node.values() for p in _nav_pages(value)]
    return []


def _config() -> dict[str, Any]:
    yaml = pytest.importorskip("yaml")
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

    class _Loader(yaml.SafeLoader):  # mkdocs.yml may hold !!python/name tags
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    config: dict[str, Any] = yaml.load(text, Loader=_Loader)
    return config


def test_the_site_opens_from_disk() -> None:
    # directory URLs open folder listings under file://; page files open as pages
    assert _config()["use_directory_urls"] is False


def test_the_home_page_links_every_reference_page_and_guide() -> None:
    pages = _nav_pages(_config()["nav"])
    wanted = [p for p in pages if p.startswith(("reference/", "guides/"))]
    assert len(wanted) > 20
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^)#]+)", home))
    assert [p for p in wanted if p not in linked] == []


def test_every_nav_page_exists() -> None:
    for page in _nav_pages(_config()["nav"]):
        assert (ROOT / "docs" / page).is_file(), page


def test_code_and_signatures_wrap() -> None:
    assert "stylesheets/extra.css" in _config()["extra_css"]
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    assert "pre-wrap" in css
    assert ".doc-signature" in css
