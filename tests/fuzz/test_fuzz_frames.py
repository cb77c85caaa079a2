"""Fuzzing the table loaders ``io.from_frames`` and ``io.read_csv``: only ChannelValueError
subclasses may escape (DocumentError for bad tables, cells and files).

from_frames: the frames ``to_frames`` makes of valid networks (one of every kind, small
networks, the bundled example), with cells set to values of any type (None, NaN, infinities,
huge integers, 10**400, vocabulary terms and near misses, lists, dicts, bytes, lone
surrogates, empty strings, numpy and pandas scalars), columns dropped, misspelt, duplicated
or added, rows duplicated (duplicate ids) or deleted (dangling references), row labels
replaced, dtypes changed (object, float, int, category, bool, ...), tables missing, unknown
or not frames at all, and arguments of the wrong type.

read_csv: folders written by ``write_csv``, then truncated, bit-flipped, spliced with random
bytes, re-encoded, with files deleted, added or renamed, cells rewritten (NaN, infinities,
huge numbers, quotes, line breaks) and quotes left open; and folders that are not folders.

Every accepted network must round-trip: as JSON (``check_accepted``), through ``to_frames``
and ``from_frames``, and (read_csv) through ``write_csv`` and ``read_csv``.
"""

from __future__ import annotations

import csv
import decimal
import fractions
import functools
import io as stdio
import json
import os
import shutil
import tempfile
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.io.vocabulary import DEFAULT_VOCABULARY, term_key

from .fuzz_harness import (
    FUZZ,
    WEIRD_TEXT,
    attempt,
    check_accepted,
    everything_network,
    examples,
    json_values,
    small_networks,
)

Frames = dict[str, Any]
Draw = Callable[[st.SearchStrategy[Any]], Any]

ARGUMENT_ERRORS = (cv.DocumentError, cv.WrongTypeError, cv.ValidationError)
"""What a call with a table that is not a frame, or an odd argument, may raise."""

TABLES = (
    "network", "organizations", "segments", "managers", "links", "levers", "propositions",
    "evidence", "investments", "margins", "flow_tables",
)  # fmt: skip
PLAN = ("levers", "propositions", "evidence", "investments", "margins", "flow_tables")
ID_TABLES = ("organizations", "segments", "managers", "levers", "propositions", "investments")
REFERENCES = {
    "links": ("source", "target", "manager"),
    "levers": ("members", "owners"),
    "propositions": ("segment", "levers", "owners"),
    "evidence": ("proposition",),
    "investments": ("recipient",),
    "margins": ("segment", "member"),
    "flow_tables": ("segment", "member"),
}
"""The columns of each table that hold ids (one, or a list) of rows of other tables."""

KNOWN_COLUMNS = sorted(
    {
        "id", "name", "steward", "role", "tier", "engagement", "owned", "revenue", "volume",
        "velocity", "verticals", "regions", "size", "band", "capacity", "kind", "source",
        "target", "manager", "mode", "data", "interval_days", "change", "acts_on", "roles",
        "members", "owners", "impact", "segment", "claim", "levers", "proposition", "metric",
        "value", "unit", "recipient", "amount", "period", "member", "share", "flow", "weight",
        "cost", "capability.lot_size", "capability.", "capability.nonsense", "priority.x",
        "priority.", "need.lot_size.level", "need.lot_size.importance", "need.lot_size",
        "need.nonsense.level", "need..level", "capabilities.lot_size", "priorities.y",
    }
)  # fmt: skip
"""Column names of every table, and mapping columns good and bad."""

TERMS = sorted(
    {
        str(term)
        for category in DEFAULT_VOCABULARY.categories
        for canonical, synonyms in DEFAULT_VOCABULARY.terms(category).items()
        for term in (canonical, *synonyms)
    }
    | {"supplies", "serves", "reports_to", "shares_data", "supply", "data feed", "sells to"}
)
"""Every term of the default vocabulary, and the link kinds."""


def near_miss(term: str, draw: Draw) -> str:
    """``term`` misspelt: a letter dropped, doubled or swapped, case or spacing changed."""
    how = draw(st.sampled_from(["drop", "double", "swap", "upper", "spaces", "plural"]))
    at = draw(st.integers(0, max(len(term) - 2, 0)))
    if how == "drop":
        return term[:at] + term[at + 1 :]
    if how == "double":
        return term[: at + 1] + term[at:]
    if how == "swap" and len(term) > 1:
        return term[:at] + term[at + 1] + term[at] + term[at + 2 :]
    if how == "upper":
        return term.upper()
    if how == "spaces":
        return f"  {term.replace('_', ' ')} "
    return term + "s"


ODD_SCALARS: list[Any] = [
    None, np.nan, float("inf"), float("-inf"), -0.0, 5e-324, 1e308, 10**400, -(10**400),
    2**63, 2**64 + 1, -(2**63) - 1, 10**20, True, False, 0, 1, -1, pd.NA, pd.NaT,
    np.int64(-1), np.uint64(2**64 - 1), np.float32("nan"), np.float64(1e308), np.bool_(True),
    np.datetime64("2020-01-01"), pd.Timestamp("2020-01-01"), pd.Timedelta(1), 1j, 3 + 4j,
    decimal.Decimal("NaN"), decimal.Decimal("1e999"), decimal.Decimal("0.5"),
    fractions.Fraction(1, 3), b"", b"x", b"1", bytearray(b"2"), (), ("a",), frozenset({"a"}),
    range(2), pd.Interval(0, 1),
]  # fmt: skip
"""Scalars of many Python, numpy and pandas types."""

ODD_TEXT = [
    "", " ", "\t", "\n", "\r\n", "\x00", "\ud800", "a\udfff", "\ufeff", "x" * 300, "nan",
    "NaN", "None", "null", "NA", "inf", "-Infinity", "1e400", "-1e400", "1" + "0" * 400,
    " 1 ", "1,5", "0x10", "1_000", "+1", "-0", "5e-324", "yes", "n", "T", "0", "[", "[]",
    "[1]", '["a", 1]', '["a;b", " c"]', '["\\ud800"]', "a;b", ";", " ; ", "[1e400]", "{}",
    '"', 'a"b', "ghost", "v", "r", "s", "m", "l", "p",
]  # fmt: skip
"""Text cells: blanks, number-like and list-like text, quotes, and ids that may exist."""

UNHASHABLE: list[Any] = [
    [1], ["a", "b"], [float("nan")], {"a": 1}, {1, 2}, np.array([1, 2]), np.array([]),
    pd.Series([1]), bytearray(b"x"),
]  # fmt: skip
"""Containers as cell values (pandas keeps them as one object each)."""


@st.composite
def cell_values(draw: st.DrawFn) -> Any:
    """A value of any type to put in a cell."""
    kind = draw(st.sampled_from(["json", "scalar", "text", "term", "near", "container"]))
    if kind == "json":  # None, bools, numbers, odd text, lists and dicts, Raw literals
        return draw(json_values(["v", "r", "s", "d", "m", "l", "p", "i"]))
    if kind == "scalar":
        return draw(st.sampled_from(ODD_SCALARS))
    if kind == "text":
        return draw(st.sampled_from(ODD_TEXT) | WEIRD_TEXT)
    if kind == "term":
        return draw(st.sampled_from(TERMS))
    if kind == "near":
        return near_miss(draw(st.sampled_from(TERMS)), draw)
    return draw(st.sampled_from(UNHASHABLE) | st.just(object()))


# ---------------------------------------------------------------- base frames
@functools.cache
def _frames_of(which: str) -> Frames:
    net = everything_network() if which == "everything" else cv.datasets.example()
    return cv.io.to_frames(net)


def _copied(frames: Frames) -> Frames:
    return {k: f.copy(deep=True) for k, f in frames.items()}


def base_frames() -> st.SearchStrategy[Frames]:
    """Frames of valid networks: one of every kind, small networks, the bundled example."""
    return st.one_of(
        st.builds(lambda: _copied(_frames_of("everything"))),
        small_networks().map(cv.io.to_frames),
        st.builds(lambda: _copied(_frames_of("example"))),
    )


def object_column(values: list[Any], index: pd.Index) -> pd.Series:
    """An object column of ``values``; a list or an array stays one cell."""
    array = np.empty(len(values), dtype=object)
    for i, value in enumerate(values):
        array[i] = value
    return pd.Series(array, index=index, dtype=object)


def quietly(change: Callable[[], Any]) -> Any:
    """``change()``, or None when pandas refuses it (a damage the test could not make)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return change()
        except Exception:
            return None


def _pick_table(frames: Frames, data: st.DataObject, *, rows: bool = False) -> str | None:
    names = [
        k
        for k, f in frames.items()
        if isinstance(f, pd.DataFrame) and len(f.columns) and (len(f) or not rows)
    ]
    return data.draw(st.sampled_from(names)) if names else None


# ---------------------------------------------------------------- damage to frames
def set_cell(frames: Frames, data: st.DataObject) -> None:
    """One cell set to a value of any type (in the column's dtype, when pandas allows)."""
    key = _pick_table(frames, data, rows=True)
    if key is None:
        return
    frame = frames[key]
    row = data.draw(st.integers(0, len(frame) - 1))
    col = data.draw(st.integers(0, len(frame.columns) - 1))
    value = data.draw(cell_values())

    def in_place() -> bool:
        frame.iat[row, col] = value
        return True

    if data.draw(st.booleans()) and quietly(in_place):
        return
    values = frame.iloc[:, col].astype(object).tolist()
    values[row] = value
    frame.isetitem(col, object_column(values, frame.index))


def header(data: st.DataObject, old: Any = None) -> Any:
    """A column header: a misspelling of ``old``, a known column, odd text, or not text."""
    options = ["known", "weird", "other"] + (["near", "near"] if isinstance(old, str) else [])
    how = data.draw(st.sampled_from(options))
    if how == "near":
        return near_miss(old, data.draw)
    if how == "known":
        return data.draw(st.sampled_from(KNOWN_COLUMNS))
    if how == "weird":
        return data.draw(WEIRD_TEXT)
    return data.draw(st.sampled_from([0, 1.5, None, np.nan, ("id",), True, b"id", -1]))


def damage_columns(frames: Frames, data: st.DataObject) -> None:
    """A column dropped, renamed (misspelt, odd or not text), duplicated or added."""
    key = _pick_table(frames, data)
    if key is None:
        return
    frame = frames[key]
    j = data.draw(st.integers(0, len(frame.columns) - 1))
    how = data.draw(st.sampled_from(["drop", "rename", "rename", "duplicate", "same", "add"]))
    if how == "drop":
        frames[key] = frame.iloc[:, [k for k in range(len(frame.columns)) if k != j]]
    elif how == "rename":
        headers = list(frame.columns)
        headers[j] = header(data, headers[j])
        frame.columns = pd.Index(headers, dtype=object)
    elif how == "duplicate":  # the very same header twice
        frames[key] = pd.concat([frame, frame.iloc[:, [j]]], axis=1)
    elif how == "same":  # the same column under another spelling ("ID" next to "id")
        twin = frame.iloc[:, [j]].copy()
        twin.columns = pd.Index([near_miss(str(frame.columns[j]), data.draw)], dtype=object)
        frames[key] = pd.concat([frame, twin], axis=1)
    else:
        values = [data.draw(cell_values()) for _ in range(len(frame))]
        # object headers: an Arrow-stored header index (pandas with pyarrow) refuses surrogates
        frame.columns = pd.Index(list(frame.columns), dtype=object)
        frame.insert(
            data.draw(st.integers(0, len(frame.columns))),
            header(data),
            object_column(values, frame.index),
            allow_duplicates=True,
        )


def damage_rows(frames: Frames, data: st.DataObject) -> None:
    """A row duplicated or deleted, rows shuffled or emptied, or the row labels replaced."""
    key = _pick_table(frames, data, rows=True)
    if key is None:
        return
    frame = frames[key]
    i = data.draw(st.integers(0, len(frame) - 1))
    how = data.draw(
        st.sampled_from(["duplicate", "delete", "shuffle", "labels", "multi-index", "empty"])
    )
    if how == "duplicate":
        frames[key] = pd.concat([frame, frame.iloc[[i]]], ignore_index=data.draw(st.booleans()))
    elif how == "delete":
        frames[key] = frame.iloc[[k for k in range(len(frame)) if k != i]]
    elif how == "shuffle":
        frames[key] = frame.iloc[list(data.draw(st.permutations(range(len(frame)))))]
    elif how == "labels":
        labels = st.sampled_from(["a", "", "\ud800", None, np.nan, 1.5, ("t", 1), -3, b"x"])
        frame.index = pd.Index(
            [data.draw(labels | st.integers()) for _ in range(len(frame))], dtype=object
        )
    elif how == "multi-index":
        frame.index = pd.MultiIndex.from_arrays([frame.index, [str(i) for i in frame.index]])
    else:
        frames[key] = frame.iloc[:0]


DTYPES = [
    "object", "float64", "int64", "category", "bool", "str", "string", "Int64", "Float64",
    "boolean", "float32", "uint8", "complex128", "datetime64[ns]",
]  # fmt: skip


def change_dtype(frames: Frames, data: st.DataObject) -> None:
    """A column (or a whole frame) converted to another dtype, where pandas can."""
    key = _pick_table(frames, data)
    if key is None:
        return
    frame = frames[key]
    dtype = data.draw(st.sampled_from(DTYPES))
    if data.draw(st.integers(0, 4)) == 0:
        changed = quietly(lambda: frame.astype(dtype))
        if changed is not None:
            frames[key] = changed
        return
    j = data.draw(st.integers(0, len(frame.columns) - 1))
    column = frame.iloc[:, j]
    if dtype in ("int64", "uint8", "Int64", "bool") and data.draw(st.booleans()):
        column = quietly(lambda: column.fillna(0))  # so that integer dtypes can take it
    changed = None if column is None else quietly(lambda: column.astype(dtype))
    if changed is not None:
        frame.isetitem(j, changed)


NOT_FRAMES: list[Any] = [
    0, "organizations.csv", b"id,role", [], [{"id": "v", "role": "vendor"}], {},
    {"id": ["v"], "role": ["vendor"]}, pd.Series(["v"]), np.array([["v", "vendor"]]),
    pd.Index(["v"]), object(), True, 1.5, ("id", "role"),
]  # fmt: skip
"""Values that are not a pandas DataFrame."""


def damage_tables(frames: Frames, data: st.DataObject) -> None:
    """A table dropped, replaced by something that is not a frame, left without columns,
    or transposed."""
    key = data.draw(st.sampled_from(TABLES))
    how = data.draw(
        st.sampled_from(
            ["drop", "drop", "not a frame", "as dict", "no columns", "transpose", "multi-columns"]
        )
    )
    frame = frames.get(key)
    if how == "drop":
        frames.pop(key, None)
    elif how == "not a frame":
        frames[key] = data.draw(st.sampled_from(NOT_FRAMES))
    elif how == "as dict" and isinstance(frame, pd.DataFrame):
        orient = data.draw(st.sampled_from(["list", "records", "dict"]))
        frames[key] = quietly(lambda: frame.to_dict(orient))
    elif how == "no columns":
        frames[key] = pd.DataFrame(index=range(data.draw(st.integers(0, 3))))
    elif how == "transpose" and isinstance(frame, pd.DataFrame):
        frames[key] = frame.T
    elif how == "multi-columns" and isinstance(frame, pd.DataFrame):
        frame.columns = pd.MultiIndex.from_arrays([frame.columns, frame.columns])


FRAME_DAMAGES: list[Callable[[Frames, st.DataObject], None]] = [
    set_cell, set_cell, set_cell, damage_columns, damage_rows, change_dtype, damage_tables,
]  # fmt: skip


# ---------------------------------------------------------------- calling the loaders
def _has_lone_surrogates(net: cv.ChannelNetwork) -> bool:
    try:
        cv.io.dumps(net).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def check_round_trips(net: cv.ChannelNetwork) -> None:
    """An accepted network: through frames again, and as JSON (or a clean refusal to save)."""
    assert cv.io.from_frames(**cv.io.to_frames(net)) == net
    if _has_lone_surrogates(net):
        # a lone surrogate in a string (Python strings may hold one, as the constructors
        # accept): the network cannot be written as UTF-8, and saving it says so
        with pytest.raises(cv.DocumentError, match="lone surrogate"):
            cv.io.save(net, os.devnull)
        with tempfile.TemporaryDirectory() as tmp:
            with pytest.raises(cv.DocumentError, match="lone surrogate"):
                cv.io.write_csv(net, Path(tmp) / "out")
            assert not (Path(tmp) / "out").exists()  # nothing is written
    else:
        check_accepted(net)


def _valid_extra_columns(options: dict[str, Any]) -> bool:
    value = options.get("extra_columns", "error")
    return type(value) is str and value in ("error", "ignore")


def from_frames(frames: Frames, *, plan: Any = None, **options: Any) -> cv.ChannelNetwork | None:
    """``from_frames(**frames)`` through the tally; an accepted network must round-trip.

    A call whose tables are all frames (or None), with a valid ``plan`` and options, may
    only be refused with DocumentError; otherwise also as a wrong argument.
    """
    tables = dict(frames)
    organizations = tables.pop("organizations", None)
    kwargs = {**tables, **options, **({} if plan is None else {"plan": plan})}
    given = [organizations, *tables.values()]
    if isinstance(plan, dict):
        given += list(plan.values())
    valid_plan = plan is None or (
        isinstance(plan, dict)
        and set(plan) <= set(PLAN)
        and all(tables.get(k) is None for k in plan)
    )
    strict = (
        valid_plan
        and all(f is None or isinstance(f, pd.DataFrame) for f in given)
        and set(options) <= {"extra_columns"}
        and _valid_extra_columns(options)
    )
    net = attempt(
        "from_frames",
        lambda: cv.io.from_frames(organizations, **kwargs),
        refuse=cv.DocumentError if strict else ARGUMENT_ERRORS,
    )
    if net is not None:
        check_round_trips(net)
    return net


# ---------------------------------------------------------------- from_frames
@examples(20, 4_000)
@given(base_frames(), st.data())
def test_cells_set_to_values_of_any_type(frames: Frames, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        set_cell(frames, data)
    from_frames(frames)


@examples(15, 2_000)
@given(base_frames(), st.data(), st.sampled_from(["error", "ignore"]))
def test_columns_dropped_misspelt_duplicated_or_added(
    frames: Frames, data: st.DataObject, extra_columns: str
) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        damage_columns(frames, data)
    from_frames(frames, extra_columns=extra_columns)


def _referenced(frames: Frames, ident: Any) -> bool:
    """Whether a reference column of some table holds ``ident`` (alone or in a list)."""
    for key, columns in REFERENCES.items():
        frame = frames.get(key)
        for column in columns:
            if frame is None or column not in frame.columns:
                continue
            for cell in frame[column].dropna():
                items = cell.split(";") if not cell.startswith("[") else json.loads(cell)
                if ident in [i.strip() if not cell.startswith("[") else i for i in items]:
                    return True
    return False


@examples(15, 1_500)
@given(base_frames(), st.data())
def test_duplicate_and_deleted_rows(frames: Frames, data: st.DataObject) -> None:
    """A duplicate row is a duplicate id (or link, margin, network row); a deleted row
    still referenced leaves a dangling reference: both are refused."""
    key = _pick_table(frames, data, rows=True)
    assert key is not None
    frame = frames[key]
    i = data.draw(st.integers(0, len(frame) - 1))
    if data.draw(st.booleans()):
        copy = frame.iloc[[i]]
        frames[key] = pd.concat([frame, copy], ignore_index=data.draw(st.booleans()))
        refused = key in (*ID_TABLES, "network", "links", "margins")
    else:
        frames[key] = frame.drop(index=frame.index[i])
        refused = key in ID_TABLES and _referenced(frames, frame["id"].iloc[i])
    net = from_frames(frames)
    if refused:
        assert net is None


@examples(10, 1_500)
@given(base_frames(), st.data())
def test_rows_shuffled_emptied_or_relabelled(frames: Frames, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        damage_rows(frames, data)
    from_frames(frames)


@examples(15, 1_500)
@given(base_frames(), st.data())
def test_dtypes_changed(frames: Frames, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 4))):
        change_dtype(frames, data)
    from_frames(frames)


@examples(15, 1_200)
@given(base_frames(), st.data())
def test_tables_missing_unknown_or_not_frames(frames: Frames, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        damage_tables(frames, data)
    plan: Any = None
    how = data.draw(st.sampled_from(["none", "move", "unknown", "twice", "not a mapping"]))
    if how != "none":  # plan frames passed as plan={...}: some moved, others unknown
        plan = {k: frames.pop(k) for k in PLAN if k in frames and data.draw(st.booleans())}
        if how == "unknown":
            plan[data.draw(st.sampled_from(["network", "links", "lever", "plan", "", "x"]))] = (
                frames.get("levers")
            )
        elif how == "twice" and plan:
            frames[next(iter(plan))] = _copied(_frames_of("everything"))["levers"]
        elif how == "not a mapping":
            plan = data.draw(st.sampled_from([list(plan.items()), list(plan), "levers", 0]))
    from_frames(frames, plan=plan)


ODD_OPTIONS = {
    "vocabulary": [None, DEFAULT_VOCABULARY, "default", {}, DEFAULT_VOCABULARY.to_dict()],
    "steward": [None, "v", "acme", "ghost", "", " ", "\ud800", 0, ["v"], b"v", np.nan],
    "name": ["", "n", "\ud800", None, 0, ["n"], b"n", np.array(["a", "b"]), np.nan],
    "extra_columns": ["error", "ignore", "Ignore", "", None, 0, ["ignore"], np.array([1, 2])],
}
"""Options of the table loaders: valid values and values of the wrong type."""


@examples(15, 1_000)
@given(base_frames(), st.data())
def test_arguments_of_the_wrong_type(frames: Frames, data: st.DataObject) -> None:
    options = {
        k: data.draw(st.sampled_from(v)) for k, v in ODD_OPTIONS.items() if data.draw(st.booleans())
    }
    if data.draw(st.booleans()):  # the whole argument is not a frame, or not the frames
        value = data.draw(st.sampled_from([*NOT_FRAMES, None, frames, list(frames.values())]))
        frames = {"organizations": value}
    from_frames(frames, **options)


@examples(15, 2_500)
@given(base_frames(), st.data())
def test_stacked_random_damage(frames: Frames, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 6))):
        data.draw(st.sampled_from(FRAME_DAMAGES))(frames, data)
    from_frames(frames, extra_columns=data.draw(st.sampled_from(["error", "ignore"])))


EVERY_TYPE: list[Any] = [
    None, np.nan, float("inf"), -1, 10**400, 2**64 + 1, "", " ", "x", "\ud800", "vendor",
    "1e400", "[", True, b"x", 1j, pd.NaT, ["x"], {"a": 1}, np.array([1, 2]),
]  # fmt: skip
"""A value of every kind a cell may hold."""


def test_every_column_of_every_table_with_every_type() -> None:
    """Exhaustive: each column of the one-of-everything frames, first row, set to each type.

    The short run tries one value per column (in turn through :data:`EVERY_TYPE`);
    ``make fuzz`` all of them.
    """
    base = _frames_of("everything")
    places = [(k, j) for k, f in base.items() for j in range(len(f.columns))]
    assert len(places) > 50
    refused = tried = 0
    for n, (key, j) in enumerate(places):
        for value in EVERY_TYPE if FUZZ else [EVERY_TYPE[n % len(EVERY_TYPE)]]:
            frames = _copied(base)
            frame = frames[key]
            values = frame.iloc[:, j].astype(object).tolist()
            values[0] = value
            frame.isetitem(j, object_column(values, frame.index))
            refused += from_frames(frames) is None
            tried += 1
    assert refused > tried // 2  # most values are wrong for most columns


def test_an_undamaged_set_of_frames_is_accepted() -> None:
    for which in ("everything", "example"):
        assert from_frames(_copied(_frames_of(which))) is not None


# ---------------------------------------------------------------- read_csv: folders
Files = dict[Any, Any]
"""A folder: file name (str, or bytes for names that are not UTF-8) to contents (bytes),
or None for a sub-folder of that name."""


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-csv")


@contextmanager
def folder(root: Path, files: Files | None = None) -> Iterator[Path]:
    """A fresh folder under ``root`` holding ``files``; removed afterwards."""
    path = Path(tempfile.mkdtemp(dir=root))
    try:
        for name, content in (files or {}).items():
            target = os.path.join(os.fsencode(path), os.fsencode(name))
            if content is None:
                os.mkdir(target)
            else:
                with open(target, "wb") as f:
                    f.write(content)
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def csv_files(net: cv.ChannelNetwork) -> Files:
    """The files ``write_csv`` writes for ``net``."""
    path = Path(tempfile.mkdtemp())
    try:
        cv.io.write_csv(net, path)
        return {p.name: p.read_bytes() for p in path.iterdir()}
    finally:
        shutil.rmtree(path, ignore_errors=True)


@functools.cache
def _csv_of(which: str) -> Files:
    return csv_files(everything_network() if which == "everything" else cv.datasets.example())


def base_folders() -> st.SearchStrategy[Files]:
    """Folders of valid networks: one of every kind, small networks, the bundled example."""
    return st.one_of(
        st.builds(lambda: dict(_csv_of("everything"))),
        small_networks().map(csv_files),
        st.builds(lambda: dict(_csv_of("example"))),
    )


def read_csv(
    root: Path, files: Files | None, *, refuse: Any = cv.DocumentError, **options: Any
) -> cv.ChannelNetwork | None:
    """``read_csv`` of a folder holding ``files`` through the tally; an accepted network
    must round-trip (frames, JSON, and ``write_csv`` then ``read_csv``)."""
    with folder(root, files) as path:
        net = attempt("read_csv", lambda: cv.io.read_csv(path, **options), refuse=refuse)
    if net is not None:
        check_round_trips(net)
        with folder(root) as again:
            cv.io.write_csv(net, again)
            assert cv.io.read_csv(again) == net
    return net


def _file(files: Files, data: st.DataObject) -> Any:
    names = sorted((n for n, c in files.items() if c is not None), key=repr)
    return data.draw(st.sampled_from(names)) if names else None


# ---------------------------------------------------------------- read_csv: damage
CSV_BYTES = [bytes([b]) for b in b'",;\r\n\x00\xff\xc3\xed[]{}\\ 0123456789e.-+aAnN\xef\xbb\xbf']
"""Bytes that matter to a CSV parser, a UTF-8 decoder, and the cell readers."""


def damage_bytes(files: Files, data: st.DataObject) -> None:
    """One file truncated, bit-flipped, or spliced with random bytes."""
    name = _file(files, data)
    if name is None:
        return
    raw = bytearray(files[name])
    for _ in range(data.draw(st.integers(1, 6))):
        how = data.draw(st.sampled_from(["cut", "flip", "byte", "delete", "insert", "repeat"]))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if how == "cut":
            del raw[at:]
        elif not raw:
            raw[:] = data.draw(st.binary(max_size=20))
        elif how == "flip":
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif how == "byte":
            raw[at] = data.draw(st.sampled_from(CSV_BYTES))[0]
        elif how == "delete":
            del raw[at : at + data.draw(st.integers(1, 16))]
        elif how == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8) | st.sampled_from(CSV_BYTES))
        else:
            raw[at:at] = raw[at : at + data.draw(st.integers(1, 64))]
    files[name] = bytes(raw)


ENCODINGS = [
    "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "utf-8-sig",
    "shift_jis", "utf-7", "ascii", "utf-8 twice bom", "utf-8 surrogate",
]  # fmt: skip


def reencode(files: Files, data: st.DataObject) -> None:
    """One file (or every file) written in another encoding."""
    names = [n for n, c in files.items() if c is not None]
    if not names:
        return
    encoding = data.draw(st.sampled_from(ENCODINGS))
    for name in names if data.draw(st.booleans()) else [data.draw(st.sampled_from(names))]:
        text = files[name].decode("utf-8", "surrogateescape")
        if encoding == "utf-8 twice bom":
            files[name] = "\ufeff\ufeff".encode() + files[name]
        elif encoding == "utf-8 surrogate":
            at = data.draw(st.integers(0, len(text)))
            files[name] = (text[:at] + "\ud800" + text[at:]).encode("utf-8", "surrogatepass")
        else:
            files[name] = text.encode(encoding, "replace")


FILE_NAMES = [
    "organizations.csv", "ORGANIZATIONS.CSV", "Organizations.csv", "organisations.csv",
    " organizations.csv", "links.csv", "Links.CSV", "flow-tables.csv", "FlowTables.csv",
    "flow tables.csv", "levers.csv", "plan.csv", "network.csv", "nodes.csv", ".csv",
    "links.csv.csv", "links.txt", "notes", "\u00e9v\u00e9nements.csv", b"\xff.csv",
    b"links\xfe.csv", "evidence.CSV", "margins.csv ", "segment.csv",
]  # fmt: skip
"""File names: known tables in other spellings, unknown tables, files that are not CSV."""


def damage_files(files: Files, data: st.DataObject) -> None:
    """A file deleted, renamed or added (empty, random, a copy, or a sub-folder)."""
    how = data.draw(st.sampled_from(["delete", "rename", "add", "add", "folder"]))
    name = _file(files, data)
    if how == "delete" and name is not None:
        del files[name]
    elif how == "rename" and name is not None:
        files[data.draw(st.sampled_from(FILE_NAMES))] = files.pop(name)
    elif how == "add":
        copy = files.get(name) if name is not None else b""
        content = data.draw(
            st.sampled_from([b"", b"\r\n", b"id\r\n", b"\xef\xbb\xbf", copy, b"a,b\r\n1,2\r\n"])
            | st.binary(max_size=60)
        )
        files[data.draw(st.sampled_from(FILE_NAMES))] = content
    elif how == "folder":
        files[data.draw(st.sampled_from(FILE_NAMES))] = None


CSV_CELLS = [
    "nan", "NaN", "NA", "N/A", "null", "None", "inf", "-inf", "Infinity", "1e400", "-1e400",
    "1e-400", "1" + "0" * 400, "-" + "9" * 400, "18446744073709551617", "-0", "0x10",
    "1_000", " 5 ", "5,5", "", " ", '"', '""', 'a"b', "\r", "\n", "\r\n", "\x00", ";", "[",
    '["a", 1]', '["a;b", " c"]', "[1e400]", "\ufeff", "\u2028", "TRUE", "yes", "2",
    "ghost", "v", "r", "s", "d", "m", "l", "p", "x" * 300,
]  # fmt: skip
"""Cell texts: non-finite and huge numbers, quotes and line breaks, lists, ids."""

QUOTING = {"minimal": csv.QUOTE_MINIMAL, "all": csv.QUOTE_ALL, "none": None}


def damage_cells(files: Files, data: st.DataObject) -> None:
    """Cells of one file rewritten (header cells too), then the file written again with
    any quoting ("none": cells joined as they are, so quotes and commas break rows)."""
    name = _file(files, data)
    if name is None:
        return
    text = files[name].decode("utf-8-sig", "replace")
    rows = list(csv.reader(stdio.StringIO(text, newline="")))
    if not rows:
        rows = [[]]
    for _ in range(data.draw(st.integers(1, 4))):
        row = data.draw(st.sampled_from(rows))
        value = data.draw(
            st.sampled_from(CSV_CELLS) | st.sampled_from(TERMS) | WEIRD_TEXT | st.text(max_size=4)
        )
        value = value.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates
        how = data.draw(st.sampled_from(["set", "set", "set", "append", "drop"]))
        if how == "set" and row:
            row[data.draw(st.integers(0, len(row) - 1))] = value
        elif how == "append" or not row:
            row.append(value)
        else:
            row.pop(data.draw(st.integers(0, len(row) - 1)))
    quoting = data.draw(st.sampled_from(sorted(QUOTING)))
    end = data.draw(st.sampled_from(["\r\n", "\n", "\r"]))
    if quoting == "none":
        out = end.join(",".join(row) for row in rows) + end
    else:
        buffer = stdio.StringIO()
        csv.writer(buffer, quoting=QUOTING[quoting], lineterminator=end).writerows(rows)
        out = buffer.getvalue()
    files[name] = out.encode("utf-8")


def open_quotes(files: Files, data: st.DataObject) -> None:
    """A quote inserted into one file where a CSV parser does not expect it."""
    name = _file(files, data)
    if name is None:
        return
    raw = files[name]
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(raw)))
        raw = (
            raw[:at]
            + data.draw(st.sampled_from([b'"', b'"""', b',"', b'"\r\n', b'\\"']))
            + raw[at:]
        )
    files[name] = raw


CSV_DAMAGES: list[Callable[[Files, st.DataObject], None]] = [
    damage_bytes, reencode, damage_files, damage_cells, damage_cells, open_quotes,
]  # fmt: skip


# ---------------------------------------------------------------- read_csv
@examples(8, 1_800)
@given(base_folders(), st.data())
def test_csv_truncated_bit_flipped_and_spliced(
    workdir: Path, files: Files, data: st.DataObject
) -> None:
    damage_bytes(files, data)
    read_csv(workdir, files)


@examples(6, 700)
@given(base_folders(), st.data())
def test_csv_in_other_encodings(workdir: Path, files: Files, data: st.DataObject) -> None:
    reencode(files, data)
    read_csv(workdir, files)


@examples(8, 800)
@given(base_folders(), st.data(), st.sampled_from(["error", "ignore"]))
def test_csv_files_deleted_renamed_or_added(
    workdir: Path, files: Files, data: st.DataObject, extra_columns: str
) -> None:
    for _ in range(data.draw(st.integers(1, 3))):
        damage_files(files, data)
    net = read_csv(workdir, files, extra_columns=extra_columns)
    if not any(_may_be_organizations(name, content) for name, content in files.items()):
        assert net is None


def _may_be_organizations(name: Any, content: bytes | None) -> bool:
    stem, suffix = os.path.splitext(name) if isinstance(name, str) else ("", "")
    return content is not None and suffix.lower() == ".csv" and term_key(stem) == "organizations"


@examples(8, 1_500)
@given(base_folders(), st.data(), st.sampled_from(["error", "ignore"]))
def test_csv_cells_rewritten_and_quotes_left_open(
    workdir: Path, files: Files, data: st.DataObject, extra_columns: str
) -> None:
    damage = data.draw(st.sampled_from([damage_cells, damage_cells, open_quotes]))
    for _ in range(data.draw(st.integers(1, 2))):
        damage(files, data)
    read_csv(workdir, files, extra_columns=extra_columns)


@examples(8, 1_200)
@given(base_folders(), st.data())
def test_csv_stacked_random_damage(workdir: Path, files: Files, data: st.DataObject) -> None:
    for _ in range(data.draw(st.integers(1, 5))):
        data.draw(st.sampled_from(CSV_DAMAGES))(files, data)
    read_csv(workdir, files, extra_columns=data.draw(st.sampled_from(["error", "ignore"])))


class _Fspath:
    """An os.PathLike whose path is any value."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __fspath__(self) -> Any:
        return self.value

    def __repr__(self) -> str:
        return f"_Fspath({self.value!r})"


@examples(10, 400)
@given(st.data())
def test_csv_folders_that_are_not_folders(workdir: Path, data: st.DataObject) -> None:
    """A folder argument that is a file, missing, odd text, or not a path at all; and odd
    options."""
    options = {
        k: data.draw(st.sampled_from(v)) for k, v in ODD_OPTIONS.items() if data.draw(st.booleans())
    }
    with folder(workdir, dict(_csv_of("everything"))) as good:
        how = data.draw(st.sampled_from(["path", "odd", "text", "value"]))
        if how == "path":
            where: Any = data.draw(
                st.sampled_from(
                    [
                        good,
                        good / "organizations.csv",
                        good / "missing",
                        str(good) + "\x00",
                        str(good) + "/\ud800",
                        str(good) + "/" + "x" * 5000,
                        good / "..",
                        "",
                    ]
                )
            )
        elif how == "odd":
            where = _Fspath(data.draw(st.sampled_from([str(good), os.fsencode(good), None, 3])))
        elif how == "text":
            where = data.draw(WEIRD_TEXT)
        else:
            where = data.draw(st.sampled_from([None, 0, os.fsencode(good), [str(good)], 1.5]))
        strict = how not in ("value", "odd") and set(options) <= {"extra_columns"}
        strict = strict and _valid_extra_columns(options)
        net = attempt(
            "read_csv",
            lambda: cv.io.read_csv(where, **options),
            refuse=cv.DocumentError if strict else ARGUMENT_ERRORS,
        )
        if net is not None:
            check_round_trips(net)


def test_undamaged_folders_are_read(workdir: Path) -> None:
    for which in ("everything", "example"):
        assert read_csv(workdir, dict(_csv_of(which))) is not None


# ---------------------------------------------------------------- escapes found, now refused
def _orgs(column: str = "role", value: Any = "reseller") -> pd.DataFrame:
    frame = pd.DataFrame({"id": ["v", "r"], "role": ["vendor", "reseller"]})
    frame[column] = object_column(
        [frame[column].iloc[0] if column in frame else None, value], frame.index
    )
    return frame


@pytest.mark.parametrize("value", [[1], {"a": 1}, {1, 2}, np.array([1, 2]), ("a", [1])])
@pytest.mark.parametrize("column", ["role", "tier", "owned", "regions"])
def test_a_list_dict_or_array_cell_is_a_bad_cell(column: str, value: Any) -> None:
    """Was a TypeError (unhashable type) from ``pd.factorize`` in the column readers."""
    with pytest.raises(cv.DocumentError, match=f"organizations row 1, column '{column}': got "):
        cv.io.from_frames(_orgs(column, value))
    links = pd.DataFrame({"kind": object_column([value], pd.RangeIndex(1)), "source": ["v"]})
    links["target"] = "r"
    with pytest.raises(cv.DocumentError, match="links row 0, column 'kind': got "):
        cv.io.from_frames(_orgs(), links)


@pytest.mark.parametrize(
    "value", [10**400, -(10**400), 2**1024], ids=["1e400", "-1e400", "2**1024"]
)
@pytest.mark.parametrize("column", ["revenue", "velocity", "capability.lot_size"])
def test_an_integer_beyond_the_float_range_is_not_a_finite_number(column: str, value: int) -> None:
    """Was an OverflowError from ``pd.to_numeric`` on an object column."""
    # the value is quoted with its middle cut (error lines are bounded, issue 14)
    pattern = f"column '{column}': got {str(value)[:40]}.* but expected"
    with pytest.raises(cv.DocumentError, match=pattern):
        cv.io.from_frames(_orgs(column, value))


def test_a_segments_frame_without_an_id_column_is_refused() -> None:
    """Was a TypeError from ``build_many`` (a segment id of '')."""
    with pytest.raises(cv.DocumentError, match="segments: missing column 'id'"):
        cv.io.from_frames(_orgs(), segments=pd.DataFrame({"name": ["SMB"]}))


@pytest.mark.parametrize(
    "plan", [[("levers", None)], "levers", 0, pd.DataFrame({"levers": [1]}), pd.Series([1])]
)
def test_a_plan_that_is_not_a_mapping_is_refused(plan: Any) -> None:
    """Was an AttributeError (no ``.items()``) or a ValueError (truth value of a frame)."""
    with pytest.raises(cv.WrongTypeError, match="plan"):
        cv.io.from_frames(_orgs(), plan=plan)


@pytest.mark.parametrize("name", [np.array(["a", "b"]), 0, ["n"], b"n"])
def test_a_name_that_is_not_text_is_refused(name: Any) -> None:
    """Was a ValueError (truth value of an array), or the name silently ignored."""
    with pytest.raises(cv.WrongTypeError, match="name"):
        cv.io.from_frames(_orgs(), name=name)


@pytest.mark.parametrize("extra_columns", [np.array([1, 2]), ["ignore"], None, "Ignore"])
def test_an_odd_extra_columns_is_refused(workdir: Path, extra_columns: Any) -> None:
    """Was a ValueError (truth value of an array)."""
    with pytest.raises(cv.ValidationError, match="extra_columns"):
        cv.io.from_frames(_orgs(), extra_columns=extra_columns)
    files = dict(_csv_of("everything"))
    with folder(workdir, files) as path, pytest.raises(cv.ValidationError, match="extra_columns"):
        cv.io.read_csv(path, extra_columns=extra_columns)


@pytest.mark.parametrize("where", [None, 3, b"/tmp", [".."], _Fspath(None), _Fspath(b"/tmp")])
def test_read_csv_of_something_that_is_not_a_path_is_refused(where: Any) -> None:
    """Was a TypeError from ``pathlib.Path``."""
    with pytest.raises(cv.WrongTypeError, match="read_csv"):
        cv.io.read_csv(where)


def test_write_csv_refuses_a_lone_surrogate_and_writes_nothing(workdir: Path) -> None:
    """Was a UnicodeEncodeError, with the files before it written."""
    net = everything_network()
    net.add(cv.Organization("z\ud800", role="reseller"))
    with folder(workdir) as path:
        with pytest.raises(cv.DocumentError, match=r"organizations\.csv: .*lone surrogate"):
            cv.io.write_csv(net, path / "out")
        assert not (path / "out").exists()


def test_read_csv_of_a_folder_name_too_long_is_refused(workdir: Path) -> None:
    """Was an OSError (file name too long) from ``Path.is_dir``."""
    with pytest.raises(cv.DocumentError, match="cannot read the folder: File name too long"):
        cv.io.read_csv(workdir / ("x" * 5000))


def test_a_frame_with_multi_index_columns_is_refused() -> None:
    """Was a KeyError: ``rename(columns=str)`` renames each level, not the tuples."""
    frame = _orgs()
    frame.columns = pd.MultiIndex.from_arrays([frame.columns, frame.columns])
    with pytest.raises(cv.DocumentError, match="column \"\\('id', 'id'\\)\": unknown column"):
        cv.io.from_frames(frame)
