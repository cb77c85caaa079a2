"""The tutorial notebook runs top to bottom in a fresh kernel and draws its plots."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "tutorials" / "tutorial.ipynb"
CELL_TIMEOUT = 600  # seconds per cell: generous, for a busy 2-core CI machine


@pytest.fixture(scope="module")
def notebook() -> nbformat.NotebookNode:
    return nbformat.read(NOTEBOOK, as_version=4)


def test_committed_without_outputs(notebook: nbformat.NotebookNode) -> None:
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code
    assert all(not c.outputs and c.execution_count is None for c in code)
    nbformat.validate(notebook)


def test_runs_top_to_bottom(notebook: nbformat.NotebookNode, tmp_path: Path) -> None:
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        allow_errors=False,
        resources={"metadata": {"path": str(tmp_path)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    images = [
        out
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if "image/png" in out.get("data", {})
    ]
    # channel map twice, gap heat-map, consensus ranking, audit summary, Lorenz pair
    assert len(images) == 6
    assert not list(tmp_path.iterdir())  # the tutorial writes no files
