"""Fixtures of the transaction tests: the engines the metrics run on.

`make test` runs every engine test on DuckDB and on Polars (two in-process ibis backends);
`make test-spark` sets `CHANNELVALUE_BACKEND=spark` and runs them on Spark in local mode.
The variable takes a comma-separated list of `duckdb`, `polars`, `spark`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

pytest.importorskip("ibis")
pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

ENGINES = [
    e.strip() for e in os.environ.get("CHANNELVALUE_BACKEND", "duckdb,polars").split(",") if e
]


def connect(engine: str) -> Any:
    """A fresh ibis backend for `engine`."""
    import ibis

    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "polars":
        pytest.importorskip("polars")
        return ibis.polars.connect()
    if engine == "spark":
        pytest.importorskip("pyspark")
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master("local[2]")
            .appName("channelvalue-tests")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        return ibis.pyspark.connect(session)
    raise ValueError(f"unknown engine {engine!r} in CHANNELVALUE_BACKEND")


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    """The name of each engine under test."""
    return str(request.param)


@pytest.fixture
def store(engine: str) -> Callable[[], Any]:
    """Make an empty `ChannelData` on the engine under test."""
    from channelvalue.transactions import ChannelData

    def make() -> Any:
        if engine == "duckdb":
            return ChannelData()
        return ChannelData(backend=connect(engine))

    return make
