"""Helpers of the command-line tests."""

from __future__ import annotations

import io as _io
import re

import channelvalue as cv
from channelvalue.cli import main

EXAMPLE = cv.datasets.example_path()

# what may never reach a terminal raw (as in tests/test_cli_safety.py)
CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\u061c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]"
)


def run(*argv: str) -> tuple[int, str, str]:
    """`main(argv)` with captured standard output and error."""
    out, err = _io.StringIO(), _io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def widest(text: str) -> int:
    """The longest line of `text`, in characters."""
    return max((len(line) for line in text.splitlines()), default=0)
