"""The exception hierarchy of channelvalue.

Every error the library raises on purpose is a
[`ChannelValueError`][channelvalue.ChannelValueError]. Each specific class also subclasses the
matching built-in exception, so code that already catches `ValueError` or `KeyError` keeps working:

    >>> import channelvalue as cv
    >>> try:
    ...     cv.Organization("", role="reseller")
    ... except ValueError as err:
    ...     print(type(err).__name__, "-", err)
    ValidationError - Organization.id: got '' but expected a non-empty string

Messages name the object, the field, the bad value and what would be valid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "PROBLEM_COLUMNS",
    "ChannelValueError",
    "CycleError",
    "DocumentError",
    "DuplicateIdError",
    "FileError",
    "InUseError",
    "LinkError",
    "MissingDependencyError",
    "Problem",
    "UnknownIdError",
    "ValidationError",
    "WrongTypeError",
]


MAX_VALUE_CHARS = 80
"""The longest a value quoted in an error message gets (longer ones end in `...`)."""
MAX_LINE_CHARS = 300
"""The longest one listed problem (or one id of a cycle) gets in an error message."""
MAX_PROBLEMS_SHOWN = 50
"""A [`DocumentError`][channelvalue.DocumentError] lists this many problems, then counts the rest
per kind."""
MAX_CYCLE_SHOWN = 20
"""A [`CycleError`][channelvalue.CycleError] message names this many ids of a longer cycle (half at
each end)."""


def _cut(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, the last three being `...`."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _cut_middle(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, its middle replaced by ` ... `."""
    if len(text) <= limit:
        return text
    head = (limit - 5) // 2
    return text[:head] + " ... " + text[len(text) - (limit - 5 - head) :]


def _show(value: Any) -> str:
    """`repr(value)` in at most [`MAX_VALUE_CHARS`][channelvalue.errors.MAX_VALUE_CHARS] characters.

    Examples:
        >>> _show("x" * 100)[-5:], len(_show(list(range(1000)))), _show(10**5000)
        ('xx...', 80, '<int of 16610 bits>')
    """
    try:
        text = repr(value)
    except ValueError:  # an int with more digits than Python converts to text
        return f"<{type(value).__name__} of {value.bit_length()} bits>"
    return _cut(text, MAX_VALUE_CHARS)


class ChannelValueError(Exception):
    """Root of every error raised by channelvalue.

    Examples:
        >>> issubclass(ValidationError, ChannelValueError)
        True
    """


class ValidationError(ChannelValueError, ValueError):
    """A field of a domain object (or an argument) has a bad value.

    Attributes:
        obj: name of the object (class name, or an id) the value belongs to.
        field: the field or argument name.
        value: the bad value.
        expected: a short description of what would be valid.

    Examples:
        >>> err = ValidationError("Segment", "size", -1, "a number >= 0")
        >>> str(err)
        'Segment.size: got -1 but expected a number >= 0'
    """

    def __init__(self, obj: str, field: str, value: Any, expected: str) -> None:
        self.obj = obj
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{obj}.{field}: got {_show(value)} but expected {expected}")


class LinkError(ValidationError):
    """A link joins the wrong kinds of node, joins a node to itself, or repeats a link.

    Examples:
        >>> str(LinkError("Serves", "target", "acme", "a segment id"))
        "Serves.target: got 'acme' but expected a segment id"
    """


class WrongTypeError(ChannelValueError, TypeError):
    """An argument of the wrong type (e.g. something that is not a domain object).

    Examples:
        >>> str(WrongTypeError("ChannelNetwork.add", 42, "a domain object such as Organization"))
        'ChannelNetwork.add: got 42 (int) but expected a domain object such as Organization'
    """

    def __init__(self, where: str, value: Any, expected: str) -> None:
        self.where = where
        self.value = value
        self.expected = expected
        super().__init__(
            f"{where}: got {_show(value)} ({type(value).__name__}) but expected {expected}"
        )


class UnknownIdError(ChannelValueError, KeyError):
    """An id that is not in the network (or not of the required kind).

    Examples:
        >>> err = UnknownIdError("ghost", kind="organization", where="Supplies.source")
        >>> str(err)
        "Supplies.source: unknown organization id 'ghost'"
        >>> isinstance(err, KeyError)
        True
    """

    def __init__(self, id: str, *, kind: str = "object", where: str = "", hint: str = "") -> None:
        self.id = id
        self.kind = kind
        self.where = where
        prefix = f"{where}: " if where else ""
        suffix = f" ({hint})" if hint else ""
        self.message = f"{prefix}unknown {kind} id {_show(id)}{suffix}"
        super().__init__(self.message)

    def __str__(self) -> str:  # KeyError would quote the message
        return self.message


class DuplicateIdError(ChannelValueError, ValueError):
    """An id (or a link, or a plan item's key) that is already taken.

    Examples:
        >>> str(DuplicateIdError("acme", existing="Organization"))
        "id 'acme' is already used by an Organization"
    """

    def __init__(self, id: object, *, existing: str) -> None:
        self.id = id
        self.existing = existing
        article = "an" if existing[:1].lower() in "aeiou" else "a"
        super().__init__(f"id {_show(id)} is already used by {article} {existing}")


class CycleError(ChannelValueError, ValueError):
    """A cycle where the channel must be acyclic (reporting lines, supply routes).

    Attributes:
        cycle: the node ids on the cycle, in order, first repeated at the end.

    Examples:
        >>> str(CycleError(["a", "b", "a"], relation="reports_to"))
        'reports_to links form a cycle: a -> b -> a'
    """

    def __init__(self, cycle: Sequence[str], *, relation: str) -> None:
        self.cycle = tuple(cycle)
        self.relation = relation
        ids = [_cut(str(i), MAX_VALUE_CHARS) for i in self.cycle]
        half = MAX_CYCLE_SHOWN // 2
        if len(ids) > MAX_CYCLE_SHOWN + 1:
            ids = [*ids[:half], f"... ({len(ids) - 2 * half:,} more)", *ids[-half:]]
        super().__init__(f"{relation} links form a cycle: {' -> '.join(ids)}")


class InUseError(ChannelValueError, ValueError):
    """Removing an object would orphan plan items or links that refer to it.

    Examples:
        >>> str(InUseError("acme", ["investment 'mdf-1'"]))
        "cannot remove 'acme': still referenced by investment 'mdf-1' (pass cascade=True ...)"
    """

    def __init__(
        self,
        id: str,
        users: Iterable[str],
        *,
        hint: str = "pass cascade=True to remove or detach them",
    ) -> None:
        self.id = id
        self.users = tuple(users)
        shown = ", ".join(_cut(u, MAX_LINE_CHARS) for u in self.users[:5])
        more = f" and {len(self.users) - 5:,} more" if len(self.users) > 5 else ""
        super().__init__(f"cannot remove {_show(id)}: still referenced by {shown}{more} ({hint})")


class MissingDependencyError(ChannelValueError, ImportError):
    """An optional dependency (pandas, matplotlib) is needed but not installed.

    `install` replaces the default `pip install 'channelvalue[extra]'` hint, for
    dependencies that no extra of channelvalue provides to users (e.g. hypothesis).

    Examples:
        >>> print(MissingDependencyError("pandas", extra="pandas", feature="to_frame()"))
        to_frame() needs the optional dependency 'pandas': pip install 'channelvalue[pandas]'
        >>> print(MissingDependencyError("hypothesis", extra="", feature="strategies",
        ...                              install="pip install hypothesis"))
        strategies needs the optional dependency 'hypothesis': pip install hypothesis
    """

    def __init__(self, package: str, *, extra: str, feature: str, install: str = "") -> None:
        self.package = package
        self.extra = extra
        hint = install or f"pip install 'channelvalue[{extra}]'"
        super().__init__(f"{feature} needs the optional dependency {package!r}: {hint}")


@attrs.frozen
class Problem:
    """One problem found in a document: where it is, what is wrong, and what to do.

    Only `path` and `message` are required; loaders of tables fill in the rest, so problems
    can be grouped, filtered and counted as data
    ([`DocumentError.problems_frame`][channelvalue.DocumentError.problems_frame]).

    Attributes:
        path: a JSON-path-like location, e.g. `$.links[3].target`, or `"<table> row <n>,
            column '<header>'"` for a table.
        message: what is wrong there.
        table: the table (file, sheet) the problem is in, if any.
        row: the row as the user counts rows in the file (the header is row 1 of a CSV),
            if the problem is in one row.
        column: the column header as written in the file, if the problem is in one column.
        value: the offending value as read (text or number), if there is one.
        kind: a short category, e.g. `"bad-number"`, `"unknown-term"`, `"duplicate-id"`;
            empty when the loader has none.
        hint: what would fix it, e.g. `"did you mean 'reseller'?"` (may be empty).

    Examples:
        >>> print(Problem("$.organizations[0].revenue", "got -5 but expected a number >= 0"))
        $.organizations[0].revenue: got -5 but expected a number >= 0
        >>> p = Problem("export.csv row 7, column 'Annual Revenue'", "got 'n/a' but expected "
        ...             "a number", table="export.csv", row=7, column="Annual Revenue",
        ...             value="n/a", kind="bad-number", hint="leave it blank")
        >>> print(p)
        export.csv row 7, column 'Annual Revenue': got 'n/a' but expected a number (leave it blank)
        >>> p.group
        ('export.csv', 'Annual Revenue', 'bad-number')
    """

    path: str
    message: str
    table: str | None = attrs.field(default=None, kw_only=True)
    row: int | None = attrs.field(default=None, kw_only=True)
    column: str | None = attrs.field(default=None, kw_only=True)
    value: Any = attrs.field(default=None, kw_only=True, eq=False)
    kind: str = attrs.field(default="", kw_only=True)
    hint: str = attrs.field(default="", kw_only=True)

    def __str__(self) -> str:
        text = f"{self.path}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    @property
    def place(self) -> str:
        """The path with list indices and keys made generic (`$.organizations[*].revenue`).

        Examples:
            >>> Problem("$.organizations[12]['x'].revenue", "negative").place
            '$.organizations[*][*].revenue'
        """
        return _ROW.sub("row *", _GENERIC.sub("[*]", self.path))

    @property
    def group(self) -> tuple[str, str, str]:
        """What a [`DocumentError`][channelvalue.DocumentError] groups problems by: `(table,
        column, kind)` where the loader says them, else the generic [`place`][channelvalue.
        Problem.place] and the message.

        Examples:
            >>> Problem("$.links[3].target", "unknown id").group
            ('', '$.links[*].target', '')
            >>> Problem("t row 2, column 'x'", "bad", table="t", column="x", kind="k").group
            ('t', 'x', 'k')
        """
        if self.table is None and self.column is None and not self.kind:
            return ("", self.place, "")
        return (self.table or "", self.column or "", self.kind)


_GENERIC = re.compile(r"\[(?:\d+|'[^']*'|\"[^\"]*\")\]")

_ROW = re.compile(r"\brow \d+\b")

PROBLEM_COLUMNS = ("table", "row", "column", "value", "kind", "hint", "message", "path")
"""The columns of [`DocumentError.problems_frame`][channelvalue.DocumentError.problems_frame]."""


class DocumentError(ChannelValueError, ValueError):
    """A whole document (or a bulk change) has problems; all of them are listed at once.

    Up to [`MAX_PROBLEMS_SHOWN`][channelvalue.errors.MAX_PROBLEMS_SHOWN] problems are listed one
    per line; more are grouped by table, column and kind with a count and the first examples of
    each group, so no kind of problem hides behind another and the message stays bounded.
    Every problem stays in `problems` and in
    [`problems_frame()`][channelvalue.DocumentError.problems_frame].

    Attributes:
        problems: every problem found, each with its location.
        errors: the underlying exceptions, where there are any (same order as problems).

    Examples:
        >>> err = DocumentError([Problem("$.steward", "missing"), Problem("$.links", "not a list")])
        >>> print(err)
        2 problems:
          $.steward: missing
          $.links: not a list
    """

    def __init__(
        self,
        problems: Iterable[Problem],
        *,
        errors: Iterable[BaseException] = (),
        title: str = "",
    ) -> None:
        self.problems = tuple(problems)
        self.errors = tuple(errors)
        super().__init__(_listing(self.problems, title))

    def problems_frame(self) -> Any:
        """Every problem as a row of a `pandas.DataFrame` with the columns
        [`PROBLEM_COLUMNS`][channelvalue.errors.PROBLEM_COLUMNS] (needs pandas).

        Examples:
            >>> err = DocumentError([Problem("t row 2, column 'x'", "bad", table="t", row=2,
            ...                              column="x", value="?", kind="bad-number")])
            >>> err.problems_frame()[["table", "row", "column", "value", "kind"]]
              table  row column value        kind
            0     t    2      x     ?  bad-number
        """
        return problems_frame(self.problems)


def problems_frame(problems: Iterable[Problem]) -> Any:
    """`problems` as a `pandas.DataFrame`, one row each, columns
    [`PROBLEM_COLUMNS`][channelvalue.errors.PROBLEM_COLUMNS]; `row` is a nullable integer.

    Examples:
        >>> problems_frame([Problem("$.a", "x")]).columns.tolist()
        ['table', 'row', 'column', 'value', 'kind', 'hint', 'message', 'path']
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised without pandas only
        raise MissingDependencyError("pandas", extra="pandas", feature="problems_frame()") from None
    rows = [
        (p.table, p.row, p.column, p.value, p.kind, p.hint, p.message, p.path) for p in problems
    ]
    frame = pd.DataFrame(rows, columns=list(PROBLEM_COLUMNS), dtype=object)
    frame["row"] = frame["row"].astype("Int64")
    return frame


MAX_GROUPS_SHOWN = 20
"""A grouped [`DocumentError`][channelvalue.DocumentError] message shows this many groups."""
EXAMPLES_PER_GROUP = 3
"""... and this many examples of each group."""


def _listing(problems: Sequence[Problem], title: str) -> str:
    """The message of a [`DocumentError`][channelvalue.DocumentError]: every problem, one per line,
    when there are at most [`MAX_PROBLEMS_SHOWN`][channelvalue.errors.MAX_PROBLEMS_SHOWN]; else the
    problems grouped by table, column and kind (commonest first, at most
    [`MAX_GROUPS_SHOWN`][channelvalue.errors.MAX_GROUPS_SHOWN] groups), each with its count and
    first examples. Every line is at most [`MAX_LINE_CHARS`][channelvalue.errors.MAX_LINE_CHARS]
    characters (a longer one keeps its start and end)."""
    n = len(problems)
    head = title or f"{n} problem{'s' if n != 1 else ''}"
    if n <= MAX_PROBLEMS_SHOWN:
        lines = [f"{_cut_middle(head, MAX_LINE_CHARS)}:"]
        lines += [f"  {_cut_middle(str(p), MAX_LINE_CHARS)}" for p in problems]
        return "\n".join(lines)
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for p in problems:
        groups.setdefault(p.group, []).append(p)
    ranked = sorted(groups.items(), key=lambda kv: -len(kv[1]))  # stable: first seen first
    lines = [_cut_middle(f"{head} in {len(groups):,} groups (commonest first):", MAX_LINE_CHARS)]
    for (table, column, kind), members in ranked[:MAX_GROUPS_SHOWN]:
        label = ", ".join(
            part
            for part in (
                table,
                f"column {_cut(column, MAX_VALUE_CHARS)!r}" if table and column else column,
                kind,
            )
            if part
        )
        lines.append(_cut_middle(f"  {len(members):,} x {label}:", MAX_LINE_CHARS))
        for p in members[:EXAMPLES_PER_GROUP]:
            lines.append(f"    {_cut_middle(str(p), MAX_LINE_CHARS - 2)}")
        if len(members) > EXAMPLES_PER_GROUP:
            lines.append(f"    ... and {len(members) - EXAMPLES_PER_GROUP:,} more like these")
    rest = ranked[MAX_GROUPS_SHOWN:]
    if rest:
        count = sum(len(m) for _, m in rest)
        lines.append(f"  ... and {count:,} more problems in {len(rest):,} other groups")
    return "\n".join(lines)


def _show_path(path: str) -> str:
    """A path as it appears in a message: quoted if it holds control characters, and
    shortened to its two ends if it is very long."""
    text = path if path.isprintable() else repr(path)
    return text if len(text) <= 200 else f"{text[:120]}...{text[-60:]}"


class FileError(DocumentError, OSError):
    """A file or folder cannot be read or written: the path, what went wrong, what to do.

    It is a [`DocumentError`][channelvalue.DocumentError] (one problem, located at the path), so
    code that catches the errors of a loader keeps working, and an `OSError`, so code that catches
    the errors of `open()` keeps working too.

    Attributes:
        path: the file or folder (as text).
        reason: what went wrong, e.g. `cannot write file: No space left on device`.
        hint: what to do about it (may be empty).
        errno: the operating system's error number, or `None`.

    Examples:
        >>> err = FileError("/data/net.json", "cannot write file: Permission denied",
        ...                 "choose another path")
        >>> print(err)
        /data/net.json: cannot write file: Permission denied; choose another path
        >>> isinstance(err, DocumentError), isinstance(err, OSError)
        (True, True)
    """

    def __init__(self, path: str, reason: str, hint: str = "", *, errno: int | None = None):
        self.path = path
        self.reason = reason
        self.hint = hint
        message = f"{reason}; {hint}" if hint else reason
        super().__init__([Problem(_show_path(path), message)])
        self.errno = errno
        self.message = f"{_show_path(path)}: {message}"

    def __str__(self) -> str:  # one line, not DocumentError's list of problems
        return self.message
