"""One-table exports: a CRM / PRM export (one wide row per account) into a network.

- [`read_export`][channelvalue.io.read_export]: the export (CSV, `.xlsx`, Parquet or a
  DataFrame) into a network and an [`ImportReport`][channelvalue.io.ImportReport];
- [`ColumnMap`][channelvalue.io.ColumnMap]: what each header means, saved as TOML or JSON and
  passed back as `columns=` next time.

The modules: `source` (reading files), `headers` (header recognition), `numbers` (numbers as
people type them), `values` (terms, cadences, regions, lists), `references` (names and ids),
`duplicates` (duplicate rows and accounts), `report` and `columnmap`.
"""

from __future__ import annotations

from .columnmap import ColumnMap
from .read import read_export
from .report import DuplicateFinding, ImportReport, UnknownTerm, UnresolvedParent

__all__ = [
    "ColumnMap",
    "DuplicateFinding",
    "ImportReport",
    "UnknownTerm",
    "UnresolvedParent",
    "read_export",
]
