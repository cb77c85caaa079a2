"""Fuzzing the X12 reader and the transaction file reader: only DocumentError may escape.

Inputs: random bytes and text; the good 867 / 852 documents truncated, with one segment
dropped, duplicated or with an element replaced, with bytes flipped; CSV files of random
cells, broken encodings and odd delimiters; frames of random cell values of every type.
An accepted X12 document or file must give tables of the schema.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pytest.importorskip("babel")

from channelvalue.transactions import columns  # noqa: E402
from channelvalue.transactions.readers import read_transactions  # noqa: E402
from channelvalue.transactions.x12 import example_852, example_867, parse_x12  # noqa: E402

from .fuzz_harness import attempt, examples  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "transactions" / "data"
GOOD = [
    example_867(),
    example_852(),
    (DATA / "good_867.x12").read_text(),
    (DATA / "good_852.x12").read_text(),
]
TABLES = ("sell_in", "sell_through", "inventory", "claims", "deals")


def x12(text: str | bytes) -> None:
    result = attempt("x12", lambda: parse_x12(text, name="fuzz.x12"))
    if result is not None:
        assert result.sell_through.column_names == list(columns("sell_through"))
        assert result.inventory.column_names == list(columns("inventory"))


@examples(60, 3000)
@given(st.binary(max_size=600))
def test_random_bytes(data: bytes) -> None:
    x12(data)


@examples(60, 3000)
@given(st.sampled_from(GOOD), st.data())
def test_mutated_documents(doc: str, data: st.DataObject) -> None:
    terminator = doc[105]
    element = doc[3]
    segments = doc.split(terminator)
    action = data.draw(st.sampled_from(["cut", "drop", "repeat", "element", "flip", "swap"]))
    k = data.draw(st.integers(0, len(segments) - 1))
    if action == "cut":
        text = doc[: data.draw(st.integers(0, len(doc)))]
    elif action == "drop":
        text = terminator.join(segments[:k] + segments[k + 1 :])
    elif action == "repeat":
        text = terminator.join(segments[: k + 1] + segments[k:])
    elif action == "element":
        parts = segments[k].split(element)
        j = data.draw(st.integers(0, len(parts) - 1))
        parts[j] = data.draw(
            st.one_of(
                st.text(max_size=12),
                st.sampled_from(["", "-1", "1e999", "99999999", "20241340", "ZZ", "0" * 40]),
            )
        )
        segments[k] = element.join(parts)
        text = terminator.join(segments)
    elif action == "flip":
        raw = bytearray(doc.encode("latin-1", errors="replace"))
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
        x12(bytes(raw))
        return
    else:
        text = doc.replace(element, data.draw(st.sampled_from(["|", "~", "*", ":", "a"])))
    x12(text)


CELLS = st.one_of(
    st.text(max_size=15),
    st.sampled_from(
        ["", "2024-01-31", "31/01/2024", "02/03/2024", "1.234,5", "1,234.5", "(3)", "€ 5",
         "yes", "no", "paid", "won", "nan", "inf", "-0", "45322", "=1+1", "\x00"]
    ),
)  # fmt: skip


@examples(40, 2000)
@given(
    st.sampled_from(TABLES),
    st.lists(st.lists(CELLS, min_size=1, max_size=8), min_size=0, max_size=6),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "latin-1", "utf-16"]),
)
def test_csv_files(table: str, rows: list[list[str]], sep: str, encoding: str) -> None:
    import tempfile

    header = sep.join(columns(table))
    body = "\n".join(sep.join(c.replace("\n", " ") for c in row) for row in rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz.csv"
        path.write_bytes((header + "\n" + body).encode(encoding, errors="replace"))
        result = attempt("read_transactions csv", lambda: read_transactions(path, table))
    if result is not None:
        assert result[0].column_names == list(columns(table))


VALUES = st.one_of(
    CELLS,
    st.none(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.dates(min_value=dt.date(1, 1, 1)),
)


@examples(40, 2000)
@given(st.sampled_from(TABLES), st.data())
def test_frames(table: str, data: st.DataObject) -> None:
    n = data.draw(st.integers(0, 5))
    frame = pd.DataFrame(
        {c: data.draw(st.lists(VALUES, min_size=n, max_size=n)) for c in columns(table)}
    )
    result = attempt("read_transactions frame", lambda: read_transactions(frame, table))
    if result is not None:
        assert result[0].num_rows == n
