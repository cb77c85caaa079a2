"""Reading and writing networks: versioned JSON (and, with extras, tables).

Example:
    >>> import channelvalue as cv
    >>> text = cv.io.dumps(cv.datasets.example())
    >>> cv.io.loads(text).steward_id
    'acme'
"""

from __future__ import annotations

from .._nxconvert import from_networkx, to_networkx
from ._csv import read_csv, write_csv
from ._dot import to_dot
from ._frames_in import from_frames
from ._frames_out import to_frames
from ._json import (
    DEFAULT_MAX_BYTES,
    FORMAT_NAME,
    FORMAT_VERSION,
    document,
    dumps,
    load,
    loads,
    network_from_document,
    save,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "document",
    "from_frames",
    "from_networkx",
    "dumps",
    "load",
    "loads",
    "network_from_document",
    "read_csv",
    "save",
    "to_dot",
    "to_frames",
    "to_networkx",
    "write_csv",
]
