"""The tables and networkx guides run as shown; the glossary page is up to date."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest

from channelvalue.io.vocabulary import DEFAULT_VOCABULARY, Vocabulary

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
GUIDES = [DOCS / "guides" / "tables.md", DOCS / "guides" / "networkx.md"]


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_guide_examples_run(guide: Path, run_doc_examples: Callable[..., None]) -> None:
    run_doc_examples(guide, at_least=20)


def _glossary_script() -> object:
    path = ROOT / "scripts" / "gen_glossary.py"
    spec = importlib.util.spec_from_file_location("gen_glossary", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_glossary_page_is_generated_from_the_default_vocabulary() -> None:
    page = DOCS / "glossary.md"
    if not page.exists():  # pragma: no cover - docs are not shipped in every checkout
        pytest.skip("docs are not in this checkout")
    script = _glossary_script()
    expected = script.render()  # type: ignore[attr-defined]
    assert page.read_text(encoding="utf-8") == expected, "run: python scripts/gen_glossary.py"
    for category in DEFAULT_VOCABULARY.categories:
        assert f"## {category}\n" in expected
    assert "| `reseller` |" in expected
    assert "VAR" in expected


def test_glossary_script_check_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _glossary_script()
    monkeypatch.setattr(script, "OUT", tmp_path / "glossary.md")
    assert script.main(["--check"]) == 1  # type: ignore[attr-defined]
    assert script.main([]) == 0  # type: ignore[attr-defined]
    assert script.main(["--check"]) == 0  # type: ignore[attr-defined]
    custom = script.render(Vocabulary({"role": {"msp": ["Systemhaus"]}}))  # type: ignore[attr-defined]
    assert "Systemhaus" in custom
