"""The top-level namespace: what ``dir(cv)`` shows, the version, the lazy submodules."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

import channelvalue as cv

LAZY = {"aligning", "building", "mapping", "metrics", "plotting", "testing"}


def test_dir_is_all_plus_the_lazy_submodules() -> None:
    assert dir(cv) == sorted({*cv.__all__, *LAZY})
    for name in ("Any", "TYPE_CHECKING", "importlib", "version", "annotations"):
        assert name not in dir(cv)


def test_every_name_in_all_resolves() -> None:
    for name in cv.__all__:
        assert getattr(cv, name) is not None
    for name in LAZY:
        assert isinstance(getattr(cv, name), types.ModuleType)


def test_version_is_only_dunder_version() -> None:
    assert isinstance(cv.__version__, str)
    assert cv.__version__
    assert not hasattr(cv, "version")
    with pytest.raises(AttributeError, match="no attribute 'version'"):
        cv.version  # noqa: B018


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        cv.no_such_name  # noqa: B018


def test_submodules_are_imported_on_first_use() -> None:
    code = (
        "import sys, channelvalue as cv\n"
        "lazy = ['aligning', 'building', 'mapping', 'metrics', 'plotting', 'testing']\n"
        "assert not [m for m in lazy if f'channelvalue.{m}' in sys.modules], sys.modules\n"
        "assert 'metrics' in dir(cv)\n"
        "assert cv.metrics.gini([0, 1]) == 0.5\n"
        "assert cv.audit is cv.aligning.audit\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_public_homes_of_shared_names() -> None:
    from channelvalue.io import vocabulary

    assert cv.io.DEFAULT_VOCABULARY is vocabulary.DEFAULT_VOCABULARY
    assert "DEFAULT_VOCABULARY" in cv.io.__all__
    assert cv.mapping.FlowTable is cv.FlowTable
    assert "FlowTable" in cv.mapping.__all__
