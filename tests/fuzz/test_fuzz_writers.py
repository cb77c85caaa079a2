"""Fuzzing the writers ``cv.io.save`` and ``cv.io.write_csv`` under injected faults.

Random networks are written over an older network (or into a path that does not exist
yet) while one operating-system call of the write fails: a random one of ``open``,
``write``, ``fsync``, ``close``, ``replace``, ``rename``, ``unlink``, ``mkdir``,
``rmdir``, ``listdir``, ``stat`` and ``lstat``, at a random call number, with a random
error (disk full, quota, permission, read-only, I/O error, name too long, ...).
Afterwards the destination must hold exactly the old content or exactly the new one
(byte for byte), no temporary file, backup or marker may be left behind, and the only
exception that may escape is ``ChannelValueError`` (a ``FileError`` naming the path).
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

import channelvalue as cv

from .fuzz_harness import attempt, examples, small_networks

CALLS = (
    "open",
    "write",
    "fsync",
    "close",
    "replace",
    "rename",
    "unlink",
    "mkdir",
    "rmdir",
    "listdir",
    "stat",
    "lstat",
)
"""The ``os`` functions a fault may hit."""

CODES = (
    errno.EIO,
    errno.ENOSPC,
    errno.EDQUOT,
    errno.EACCES,
    errno.EPERM,
    errno.EROFS,
    errno.ENAMETOOLONG,
    errno.EINTR,
    errno.ENOENT,
    errno.EEXIST,
    errno.EBUSY,
    errno.EINVAL,
)
"""The errors a fault raises."""

FAULTS = st.tuples(st.sampled_from(CALLS), st.integers(1, 40), st.sampled_from(CODES))


@contextmanager
def fault(name: str, nth: int, code: int) -> Iterator[list[int]]:
    """Make the ``nth`` call of ``os.<name>`` fail with ``OSError(code)`` (once).

    A failing ``close`` closes the descriptor first, as a real one does.
    """
    real = getattr(os, name)
    calls = [0]

    def fake(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] == nth:
            if name == "close":
                real(*args, **kwargs)
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    setattr(os, name, fake)
    try:
        yield calls
    finally:
        setattr(os, name, real)


def _contents(folder: Path) -> dict[str, bytes] | None:
    """Every file of a folder (None if there is no folder)."""
    if not folder.is_dir():
        return None
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _backup(name: str) -> bool:
    """Whether ``name`` is the backup of an old table (left if removing it failed)."""
    return name.startswith(".") and name.endswith(".old")


@examples(30, 1_000)
@given(
    old=st.none() | small_networks(),
    new=small_networks(),
    plan=FAULTS,
    indent=st.sampled_from([None, 1]),
)
def test_save_under_a_fault_leaves_the_old_or_the_new_document(
    old: cv.ChannelNetwork | None,
    new: cv.ChannelNetwork,
    plan: tuple[str, int, int],
    indent: int | None,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "net.json"
        if old is not None:
            attempt("save", lambda: cv.io.save(old, path, indent=indent))
        before = _contents(Path(tmp))
        try:
            after_ok = {"net.json": cv.io.dumps(new, indent=indent).encode("utf-8")}
        except UnicodeEncodeError:  # a lone surrogate: save refuses and writes nothing
            after_ok = before
        with fault(*plan):
            done = attempt(
                "save (faults)",
                lambda: cv.io.save(new, path, indent=indent) or True,
                refuse=cv.ChannelValueError,
            )
        after = _contents(Path(tmp))
        assert after in (before, after_ok), "neither the old nor the new document"
        if done:
            assert after == after_ok


@examples(30, 1_000)
@given(
    old=st.none() | small_networks(),
    new=small_networks(),
    plan=FAULTS,
    nested=st.booleans(),
)
def test_write_csv_under_a_fault_leaves_the_old_or_the_new_tables(
    old: cv.ChannelNetwork | None,
    new: cv.ChannelNetwork,
    plan: tuple[str, int, int],
    nested: bool,
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "a" / "tables" if nested else Path(tmp) / "tables"
        reference = Path(tmp) / "reference"
        if old is not None:
            attempt("write_csv", lambda: cv.io.write_csv(old, folder))
        before = _contents(folder)
        attempt("write_csv", lambda: cv.io.write_csv(new, reference))
        after_ok = _contents(reference) if reference.is_dir() else before
        with fault(*plan):
            done = attempt(
                "write_csv (faults)",
                lambda: cv.io.write_csv(new, folder) or True,
                refuse=cv.ChannelValueError,
            )
        after = _contents(folder)
        if done and after is not None:  # removing an old table's backup is allowed to fail
            after = {k: v for k, v in after.items() if not _backup(k)}
        assert after in (before, after_ok), "neither the old nor the new tables"
        if done:
            assert after == after_ok
        if before is None and after is None:  # folders created by the write are gone again
            assert sorted(os.listdir(tmp)) == (["reference"] if reference.is_dir() else [])
        if after is not None:
            assert cv.io.read_csv(folder) in (old, new)
