"""Reading and writing networks: versioned JSON, pandas frames, CSV folders, networkx, DOT.

- JSON: [`dumps`][channelvalue.io.dumps] / [`loads`][channelvalue.io.loads],
  [`save`][channelvalue.io.save] / [`load`][channelvalue.io.load] (the format is versioned; see the
  JSON format page).
- Tables (the `pandas` extra): [`to_frames`][channelvalue.io.to_frames] gives one frame per kind of
  object (`network`, `organizations`, `segments`, `managers`, `links`, `levers`,
  `propositions`, `evidence`, `investments`, `margins`, `flow_tables`) and
  [`from_frames`][channelvalue.io.from_frames] reads them back;
  [`write_csv`][channelvalue.io.write_csv] / [`read_csv`][channelvalue.io.read_csv] do the same with
  one CSV file per frame. Every column is described in the Tables guide.
- One-table exports (a CRM / PRM export, one row per account):
  [`read_export`][channelvalue.io.read_export] gives a network and an
  [`ImportReport`][channelvalue.io.ImportReport]; [`ColumnMap`][channelvalue.io.ColumnMap] saves
  what each header means for the next import.
- networkx: [`to_networkx`][channelvalue.io.to_networkx] /
  [`from_networkx`][channelvalue.io.from_networkx]; Graphviz: [`to_dot`][channelvalue.io.to_dot].

Every loader normalises terms (roles, tiers, data kinds, ...) through a
[`Vocabulary`][channelvalue.Vocabulary] (`vocabulary=`; the default one is
[`DEFAULT_VOCABULARY`][channelvalue.io.DEFAULT_VOCABULARY], extend it to add your own terms), and
every round trip is lossless: `loads(dumps(net))`, `from_frames(**to_frames(net))`, `read_csv` after
`write_csv` and `from_networkx(to_networkx(net))` all equal `net`.

Examples:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> cv.io.loads(cv.io.dumps(net)) == net, cv.io.from_frames(**cv.io.to_frames(net)) == net
    (True, True)
"""

from __future__ import annotations

from . import vocabulary
from .dot import to_dot
from .excel import read_excel, write_excel
from .export import ColumnMap, ImportReport, read_export
from .graphml import read_graphml, write_graphml
from .json import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    FORMAT_NAME,
    FORMAT_VERSION,
    document,
    dumps,
    load,
    loads,
    network_from_document,
    save,
)
from .networkx import from_networkx, to_networkx
from .tables import from_frames, read_csv, to_frames, write_csv
from .vocabulary import DEFAULT_VOCABULARY

__all__ = [
    "ColumnMap",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_VOCABULARY",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "ImportReport",
    "document",
    "from_frames",
    "from_networkx",
    "dumps",
    "load",
    "loads",
    "network_from_document",
    "read_csv",
    "read_excel",
    "read_export",
    "read_graphml",
    "save",
    "to_dot",
    "to_frames",
    "to_networkx",
    "vocabulary",
    "write_csv",
    "write_excel",
    "write_graphml",
]
