"""Example networks: the bundled example and a seeded synthetic generator; and a messy
one-table partner export as a CRM writes it ([`prm_export`][channelvalue.datasets.prm_export]).

Examples:
    >>> import channelvalue as cv
    >>> net = cv.datasets.example()
    >>> net.steward_id, len(net.segments)
    ('acme', 5)
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ..core.network import ChannelNetwork
from ._prm_export import PrmExportTruth, prm_export, prm_export_truth
from ._synthetic import synthetic

__all__ = [
    "PrmExportTruth",
    "example",
    "example_csv_path",
    "example_path",
    "prm_export",
    "prm_export_path",
    "prm_export_truth",
    "synthetic",
]


def example_path() -> str:
    """The path of the bundled example JSON file (inside the installed package).

    Examples:
        >>> example_path().endswith("example.json")
        True
    """
    return str(resources.files(__package__) / "data" / "example.json")


def example_csv_path() -> str:
    """The folder of the bundled example as CSV files, one per table (see
    [`channelvalue.io.read_csv`][channelvalue.io.read_csv]);
    `read_csv(example_csv_path()) == example()`.

    Examples:
        >>> import channelvalue as cv
        >>> cv.io.read_csv(example_csv_path()) == example()
        True
    """
    return str(resources.files(__package__) / "data" / "csv")


def example() -> ChannelNetwork:
    """The bundled example: Acme Networks, its distributors, partners, segments and plan.

    A realistic mid-size channel (one vendor, three distributors, about sixty partners,
    five segments, five managers) with a plan: propositions, levers, MDF investments,
    margins and an efficiency template. It is loaded fresh on every call.

    Examples:
        >>> net = example()
        >>> net.organizations["dist-north"].role.value
        'distributor'
    """
    from ..io import loads

    return loads((resources.files(__package__) / "data" / "example.json").read_bytes())


def prm_export_path() -> Path:
    """The bundled messy partner export: a CSV file of 3,000 rows exactly as
    [`prm_export()`][channelvalue.datasets.prm_export] generates them with its defaults (UTF-8
    with a byte-order mark, CRLF line ends, as a CRM writes it).

    Examples:
        >>> import pandas as pd
        >>> frame = pd.read_csv(prm_export_path(), dtype=str, keep_default_na=False)
        >>> frame.shape, frame.columns[0]
        ((3000, 13), 'Account ID')
    """
    return Path(str(resources.files(__package__) / "data" / "prm_export.csv"))
