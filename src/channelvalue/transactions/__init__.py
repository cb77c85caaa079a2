"""Channel data over time: sell-in, sell-through, inventory, claims and deals.

The tables and their columns are declared in [`schema`][channelvalue.transactions.schema];
[`ChannelData`][channelvalue.transactions.store.ChannelData] keeps them in an embedded
analytical engine (DuckDB by default, any ibis backend by choice) and
[`channel_metrics`][channelvalue.transactions.metrics.channel_metrics] computes the per-partner,
per-period figures, whose [`measures`][channelvalue.transactions.metrics.ChannelMetrics.measures]
feed [`ChannelNetwork.with_measures`][channelvalue.ChannelNetwork.with_measures].

Only the schema is imported with the package; the engine parts load on first use and need
the `data` extra (`pip install 'channelvalue[data]'`).

Examples:
    >>> from channelvalue import transactions
    >>> transactions.columns("deals")[:3]
    ('date', 'partner', 'customer')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .schema import TABLES, Column, arrow_schema, columns, ibis_schema, validate_table

if TYPE_CHECKING:
    from .metrics import ChannelMetrics, channel_metrics
    from .store import ChannelData

__all__ = [
    "TABLES",
    "ChannelData",
    "ChannelMetrics",
    "Column",
    "arrow_schema",
    "channel_metrics",
    "columns",
    "ibis_schema",
    "validate_table",
]


def __getattr__(name: str) -> Any:
    if name == "ChannelData":
        from . import store

        return store.ChannelData
    if name in ("ChannelMetrics", "channel_metrics"):
        from . import metrics

        return getattr(metrics, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
