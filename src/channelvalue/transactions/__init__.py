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

from .schema import TABLES, Column, arrow_schema, columns, ibis_schema, validate_table

__all__ = [
    "TABLES",
    "Column",
    "arrow_schema",
    "columns",
    "ibis_schema",
    "validate_table",
]
