"""Tables in and out: pandas frames ([`from_frames`][channelvalue.io.from_frames],
[`to_frames`][channelvalue.io.to_frames]) and a CSV folder
([`read_csv`][channelvalue.io.read_csv], [`write_csv`][channelvalue.io.write_csv]).

`schema` names the tables and their columns, `columns` and `cells` parse them, `read` /
`read_plan` build the network, `write` makes the frames, `csv` reads and writes files.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.io import tables
    >>> tables.read_csv(cv.datasets.example_csv_path()) == cv.datasets.example()
    True
"""

from __future__ import annotations

from .csv import read_csv, write_csv
from .read import from_frames
from .write import to_frames

__all__ = ["from_frames", "read_csv", "to_frames", "write_csv"]
