"""Fuzzing the one-table export loader ``io.read_export``: only ChannelValueError subclasses
may escape (DocumentError for files and tables it cannot build a network from,
ValidationError / WrongTypeError for bad options and column maps).

DataFrames: headers drawn from the recognised export headers, near misses and odd text
(duplicated, blank, non-string labels); cells of any type (None, NaN, infinities, huge
integers, numbers written as CRMs write them and nearly so, vocabulary terms and near misses,
lists, dicts, bytes, lone surrogates, empty strings, numpy and pandas scalars); every option
(duplicates, missing_parents, unknown_terms, steward, locale, columns maps good and bad).

CSV files: a messy export written with a random encoding, delimiter and line end, then
truncated, bit-flipped, spliced with random bytes, or with quotes left open.

Every accepted network must round-trip as JSON (``check_accepted``), and every problem of
the report must carry its table and kind.
"""

from __future__ import annotations

import math
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv
from channelvalue.io._terms import EXPORT_COLUMNS

from .fuzz_harness import NUMBERS, WEIRD_TEXT, attempt, check_accepted, examples

Draw = Callable[[st.SearchStrategy[Any]], Any]

REFUSE = (cv.DocumentError, cv.ValidationError, cv.WrongTypeError)

HEADERS = sorted(
    {s for _, synonyms in EXPORT_COLUMNS.values() for s in synonyms[:4]}
    | {"Account Name", "Account ID", "Partner Type", "Parent Distributor", "Notes", "Colour"}
)
NUMBER_TEXT = [
    "1,234,567", "$1,234.00", "USD 2.5M", "€49,800", "49K", "19%", "19 %", "0.19", "(1,234)",
    "1.234,56", "1,23", "12,34,567", "-", "n/a", "TBD", "1e400", "NaN", "inf", "--5", "5-",
    "$", "%", "(", "1,2,3", "\u0663", "\uff11\uff12\uff13", "1_000", "0x10", "¥5", "5 XYZ",
    "EUR 5", "5 EUR",
]  # fmt: skip
TERMS = [
    "Vendor", "Distributor", "Disti", "VAR", "MSP", "Referral Partner", "Wizard", "Gold",
    "Platinum", "Bronze", "Weekly", "Monthly", "Ad hoc", "None", "Sometimes", "SMB;Mid-Market",
    "SMB, Enterprise | Consumer", "EMEA/APAC", ";;", "Acme", "acme", "ACME Inc.", "TD Synnex",
]  # fmt: skip


def cells() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.none(),
        st.just(float("nan")),
        NUMBERS,
        WEIRD_TEXT,
        st.sampled_from(NUMBER_TEXT),
        st.sampled_from(TERMS),
        st.sampled_from(
            [
                b"bytes",
                [1, 2],
                {"a": 1},
                np.float64("nan"),
                np.int64(7),
                pd.NA,
                pd.NaT,
                True,
                np.str_("VAR"),
            ]
        ),
    )


@st.composite
def frames(draw: Draw) -> pd.DataFrame:
    n_cols = draw(st.integers(0, 8))
    headers: list[Any] = [
        draw(st.one_of(st.sampled_from(HEADERS), WEIRD_TEXT, st.integers(-2, 2)))
        for _ in range(n_cols)
    ]
    if headers and draw(st.integers(0, 3)):  # mostly with a name column
        headers[0] = "Account Name"
    n_rows = draw(st.integers(0, 8))
    data = [[draw(cells()) for _ in range(n_cols)] for _ in range(n_rows)]
    frame = pd.DataFrame(
        data, columns=pd.Index(headers, dtype=object) if n_cols else None, dtype=object
    )
    if draw(st.booleans()) and n_rows:
        labels = [pd.RangeIndex(5, 5 + n_rows), pd.Index([f"r{i}" for i in range(n_rows)])]
        frame.index = draw(st.sampled_from(labels))
    return frame


def options(draw: Draw) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if draw(st.booleans()):
        out["duplicates"] = draw(st.sampled_from(["report", "merge", "error", "x"]))
    if draw(st.booleans()):
        out["missing_parents"] = draw(st.sampled_from(["report", "placeholder"]))
    if draw(st.booleans()):
        out["unknown_terms"] = draw(st.sampled_from(["report", "other", "error"]))
    if draw(st.booleans()):
        out["steward"] = draw(st.one_of(st.sampled_from(TERMS), WEIRD_TEXT))
    if draw(st.booleans()):
        out["locale"] = draw(st.sampled_from(["en_US", "de_DE", "fr_FR", "xx_YY", "en_IN"]))
    if draw(st.booleans()):
        out["columns"] = draw(
            st.dictionaries(
                st.one_of(st.sampled_from(HEADERS), WEIRD_TEXT),
                st.one_of(st.sampled_from(["name", "id", "role", "revenue", "segments", "parent",
                                           "ignore", "attribute.x", "nonsense"]), st.none()),
                max_size=4,
            )
        )  # fmt: skip
    return out


def check(result: tuple[cv.ChannelNetwork, Any] | None) -> None:
    if result is None:
        return
    net, report = result
    check_accepted(net)
    for org in net.organizations.values():
        assert math.isfinite(org.revenue)
        assert math.isfinite(org.velocity)
    for p in report.problems:
        assert p.table == report.table
        assert p.kind
    str(report)
    report._repr_html_()


@examples(default=40, fuzz=3000)
@given(st.data())
def test_fuzz_read_export_frames(data: st.DataObject) -> None:
    frame = data.draw(frames())
    opts = options(data.draw)
    check(attempt("read_export (frame)", lambda: cv.io.read_export(frame, **opts), refuse=REFUSE))


MESSY = (
    "Account ID,Account Name,Partner Type,Partner Tier,Annual Revenue,Revenue Growth YoY,"
    "Parent Distributor,Channel Account Manager,Customer Segments,Region,"
    "Sell-Through Reporting,MDF Approved\n"
    "V,Acme,Vendor,,,,,,,,,\n"
    'D,TD Synnex,Disti,Platinum,"$12,500,000",5%,,Jane,Enterprise,NA,Weekly,"50,000"\n'
    'R,Northwind IT Ltd,VAR,gold,"288,612.00",19 %,TD SYNNEX,jane,"SMB;Mid-Market",EMEA,Monthly,\n'
    "R2,northwind it,Wizard,Bronze,49K,,Ingram,Bob,SMB,APAC,Ad hoc,1000\n"
)


@examples(default=40, fuzz=3000)
@given(
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16", "latin-1"]),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    cut=st.one_of(st.none(), st.integers(0, 600)),
    flips=st.lists(st.tuples(st.integers(0, 600), st.integers(0, 255)), max_size=4),
    splice=st.one_of(st.none(), st.binary(max_size=40)),
    opts=st.data(),
)
def test_fuzz_read_export_csv(
    encoding: str,
    delimiter: str,
    newline: str,
    cut: int | None,
    flips: list[tuple[int, int]],
    splice: bytes | None,
    opts: st.DataObject,
) -> None:
    text = MESSY.replace(",", delimiter) if delimiter != "," else MESSY
    raw = bytearray(text.replace("\n", newline).encode(encoding, "replace"))
    for at, byte in flips:
        if raw:
            raw[at % len(raw)] = byte
    if splice is not None and raw:
        at = len(splice) % len(raw)
        raw[at:at] = splice
    if cut is not None:
        del raw[cut:]
    kwargs = options(opts.draw)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "export.csv"
        path.write_bytes(bytes(raw))
        check(
            attempt("read_export (csv)", lambda: cv.io.read_export(path, **kwargs), refuse=REFUSE)
        )


@pytest.mark.parametrize("source", [None, 3, b"x.csv", ["a"], {"a": 1}])
def test_odd_sources_are_refused(source: Any) -> None:
    with pytest.raises(REFUSE):
        cv.io.read_export(source)
