"""Reading and writing networks: versioned JSON (and, with extras, tables).

Example:
    >>> import channelvalue as cv
    >>> text = cv.io.dumps(cv.datasets.example())
    >>> cv.io.loads(text).steward_id
    'acme'
"""

from __future__ import annotations

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
    "dumps",
    "load",
    "loads",
    "network_from_document",
    "save",
]
