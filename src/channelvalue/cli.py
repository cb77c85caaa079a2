"""The `channelvalue` command line (also `python -m channelvalue`).

Commands:

- `channelvalue demo` — audit the bundled example network and print the report.
- ``channelvalue audit FILE [--format table|markdown|json] [--fail-on warning|error]
  [--config FILE] [--check ID ...]`` — audit a network file; exit 1 when a finding is at
  or above `--fail-on` (default `error`).
- `channelvalue summary FILE` — counts and key figures of a network file.
- `channelvalue validate FILE` — exit 0 when valid; 1 with every problem listed.

Exit codes: 0 success, 1 problems found, 2 unreadable input or bad usage (130 when
interrupted with Ctrl-C).

Everything printed is safe for a terminal: control characters from the data (names, ids,
unknown keys, messages, paths) are written as visible escapes (`\\x1b`), text the output's
encoding cannot carry as backslash escapes, and no traceback is ever printed. Every file the
command line reads is read with a bound (documents at the library's `max_bytes`, a
`--config` file at 4 MiB).

Examples:
    >>> from channelvalue.cli import main
    >>> main(["validate", "/no/such/file.json"])
    2
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn, Protocol, TextIO

from . import __version__, datasets, io
from ._text import json_visible, visible
from .aligning import AuditConfig, AuditReport, audit
from .core.network import ChannelNetwork
from .errors import ChannelValueError, DocumentError, FileError, Problem

__all__ = ["audit_command", "main", "render_report", "summary_text"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERRUPTED = 130

_MAX_CONFIG_BYTES = 4 * 1024 * 1024  # an AuditConfig is a few hundred bytes


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


def _emit(text: str, file: _Writer, *, end: str = "\n") -> None:
    """Print `text` to `file`: the one way the command line writes.

    Control characters other than newlines become visible escapes (`_text.visible`),
    and characters the stream's encoding cannot carry become backslash escapes, so
    neither data nor a non-UTF-8 terminal can corrupt the output or raise.
    """
    text = visible(text + end, keep_newlines=True)
    encoding = getattr(file, "encoding", None)
    if encoding:
        try:
            text.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                text = text.encode(encoding, "backslashreplace").decode(encoding)
            except LookupError:  # pragma: no cover - an encoding Python does not know
                text = text.encode("ascii", "backslashreplace").decode("ascii")
    file.write(text)
    flush = getattr(file, "flush", None)
    if flush is not None:
        flush()


def _fit(text: str) -> str:
    """`text` with every line longer than the terminal (`COLUMNS`, else the terminal's
    width, else 80 in a pipe) wrapped, its continuation indented under it.

    Examples:
        >>> import os; os.environ["COLUMNS"] = "20"
        >>> print(_fit("  a finding whose message is long"))
          a finding whose
            message is long
        >>> del os.environ["COLUMNS"]
    """
    width = max(shutil.get_terminal_size().columns, 20)
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        out.extend(
            textwrap.wrap(
                line,
                width,
                subsequent_indent=indent + "  ",
                break_on_hyphens=False,
                drop_whitespace=True,
            )
            or [line[:width]]
        )
    return "\n".join(out)


def _problems_error(exc: DocumentError) -> str:
    """The message of `exc` with every problem on one line (newlines from the data, e.g.
    in an unknown key, made visible so they cannot start a line of their own)."""
    head = str(exc).split("\n", 1)[0].removesuffix(":")
    safe = [Problem(visible(p.path), visible(p.message)) for p in exc.problems]
    return str(DocumentError(safe, title=visible(head)))


def summary_text(net: ChannelNetwork) -> str:
    """A plain-text summary of a network: counts, revenue by role, plan size.

    Examples:
        >>> print(summary_text(datasets.example()).splitlines()[0])
        Acme Networks channel — steward: acme (Acme Networks)
    """
    lines: list[str] = []
    try:
        stew = f"{visible(net.steward.id)} ({visible(net.steward.label)})"
    except ChannelValueError:
        stew = "(none)"
    lines.append(f"{visible(net.name) or 'channel network'} — steward: {stew}")
    counts = net.counts()
    width = max(len(k) for k in counts)
    lines.append("")
    lines.extend(f"  {k.replace('_', ' '):<{width}}  {v:>10,}" for k, v in counts.items())
    by_role: dict[str, tuple[int, float]] = {}
    for org in net.organizations.values():
        n, rev = by_role.get(org.role.value, (0, 0.0))
        by_role[org.role.value] = (n + 1, rev + org.revenue)
    lines.append("")
    lines.append(f"  {'role':<18} {'members':>8} {'revenue':>16}")
    for role, (n, rev) in sorted(by_role.items(), key=lambda kv: -kv[1][1]):
        lines.append(f"  {role:<18} {n:>8,} {rev:>16,.0f}")
    return "\n".join(lines)


def _load(path: str, err: TextIO, max_bytes: int = io.DEFAULT_MAX_BYTES) -> ChannelNetwork | None:
    try:
        return io.load(path, max_bytes=max_bytes)
    except FileError as exc:  # one line: the path, what went wrong, what to do
        _emit(visible(str(exc)), err)
    except DocumentError as exc:
        _emit(f"{visible(path)}: invalid network document\n{_problems_error(exc)}", err)
    except ChannelValueError as exc:
        _emit(f"{visible(path)}: {exc}", err)
    return None


def render_report(report: AuditReport, fmt: str = "table") -> str:
    """An audit report as `table` (plain text), `markdown` or `json` text, with
    control characters from the data escaped in each (`AuditReport.to_text`,
    `to_markdown`; in JSON as `\\uNNNN`, which loads to the same strings).

    Examples:
        >>> from channelvalue.aligning import audit
        >>> text = render_report(audit(datasets.example(), checks=["reporting"]), "json")
        >>> json.loads(text)["counts"]
        {'error': 0, 'warning': 5, 'info': 0}
    """
    if fmt == "json":
        text = json.dumps(report.to_dict(), indent=2, ensure_ascii=False, allow_nan=False)
        return json_visible(text)
    if fmt == "markdown":
        return report.to_markdown().rstrip("\n")
    return report.to_text()


def _read_config(path: str) -> AuditConfig:
    """An [`AuditConfig`][channelvalue.AuditConfig] from a JSON file of settings (DocumentError on
    any problem); at most `_MAX_CONFIG_BYTES` are read."""
    where = visible(path)
    try:
        with Path(path).open("rb") as file:  # devices and pipes: read a byte over the limit
            raw = file.read(_MAX_CONFIG_BYTES + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL or lone surrogate in the path
        reason = getattr(exc, "strerror", None) or exc
        raise DocumentError([Problem(where, f"cannot read file: {reason}")]) from None
    if len(raw) > _MAX_CONFIG_BYTES:
        message = f"file is over the limit of {_MAX_CONFIG_BYTES:,} bytes for a configuration"
        raise DocumentError([Problem(where, message)])
    try:
        data = json.loads(raw)
    except UnicodeDecodeError as exc:
        raise DocumentError([Problem(where, f"not UTF-8 text: {exc.reason}")]) from None
    except json.JSONDecodeError as exc:
        raise DocumentError(
            [Problem(where, f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}")]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise DocumentError([Problem(where, f"unreadable JSON: {exc}")]) from None
    return AuditConfig.from_dict(data)


def audit_command(
    file: str,
    *,
    fmt: str = "table",
    fail_on: str = "error",
    config: str | None = None,
    checks: Sequence[str] | None = None,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
    out: TextIO,
    err: TextIO,
) -> int:
    """`channelvalue audit`: 0 clean, 1 findings at or above `fail_on`, 2 bad input.

    Examples:
        >>> import io as _io
        >>> main(["audit", datasets.example_path(), "--check", "reporting"], out=_io.StringIO())
        0
        >>> main(["audit", datasets.example_path(), "--fail-on", "warning"], out=_io.StringIO())
        1
    """
    try:
        cfg = _read_config(config) if config is not None else AuditConfig()
    except DocumentError as exc:
        _emit(f"{visible(str(config))}: invalid audit configuration\n{_problems_error(exc)}", err)
        return EXIT_INPUT
    net = _load(file, err, max_bytes)
    if net is None:
        return EXIT_INPUT
    problems = net.validate()
    if problems:
        _emit(f"{visible(file)}: invalid network, {len(problems)} problem(s):", err)
        for p in problems:
            _emit(f"  {visible(str(p))}", err)
        return EXIT_INPUT
    try:
        report = audit(net, checks=checks, config=cfg)
    except ChannelValueError as exc:
        _emit(f"channelvalue audit: {exc}", err)
        return EXIT_INPUT
    text = render_report(report, fmt)
    _emit(_fit(text) if fmt == "table" else text, out)
    return EXIT_FINDINGS if report.fails(fail_on) else EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse writing through `_emit` (arguments echoed in its messages are data)."""

    def _print_message(self, message: str, file: _Writer | None = None) -> None:
        if message:
            _emit(message, file or sys.stdout, end="")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            _emit(message, sys.stderr, end="")
        raise SystemExit(status)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="channelvalue", description="Channel stewardship: map, build and align a channel."
    )
    parser.add_argument("--version", action="version", version=f"channelvalue {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("demo", help="audit the bundled example network and print the report")
    p_aud = sub.add_parser(
        "audit",
        help="audit a network file; exit 1 when a finding is at or above --fail-on",
        description="Run the alignment checks on a network file and print the report.",
    )
    p_aud.add_argument("file")
    p_aud.add_argument(
        "--format", choices=("table", "markdown", "json"), default="table", dest="fmt"
    )
    p_aud.add_argument(
        "--fail-on",
        choices=("warning", "error"),
        default="error",
        help="exit 1 when a finding is at or above this severity (default: error)",
    )
    p_aud.add_argument(
        "--config", metavar="FILE", help="JSON file of AuditConfig settings (thresholds)"
    )
    p_aud.add_argument(
        "--check",
        metavar="ID",
        nargs="+",
        action="extend",
        dest="checks",
        help="run only these checks (ids or families, e.g. reporting)",
    )
    p_sum = sub.add_parser("summary", help="summarise a network file")
    p_sum.add_argument("file")
    p_val = sub.add_parser("validate", help="check a network file; list every problem")
    p_val.add_argument("file")
    for p in (p_aud, p_sum, p_val):
        p.add_argument(
            "--max-bytes",
            type=_byte_count,
            default=io.DEFAULT_MAX_BYTES,
            metavar="N",
            help=f"refuse files larger than N bytes (default {io.DEFAULT_MAX_BYTES:,}; loading "
            "needs about 10 times the file size in memory)",
        )
    return parser


def _byte_count(text: str) -> int:
    """A `--max-bytes` value: a positive whole number of bytes."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, got {text!r}")
    return value


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting.

    Examples:
        >>> import io as _io
        >>> buf = _io.StringIO()
        >>> main(["demo"], out=buf)
        0
        >>> "(steward acme)" in buf.getvalue()
        True
    """
    try:
        return _main(argv, out=out, err=err)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # the reader went away (``channelvalue audit f.json | head``): stop quietly;
        # point stdout at devnull so the interpreter's final flush cannot fail again
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # pragma: no cover - stdout without a descriptor
            pass
        return EXIT_FINDINGS
    except MemoryError:
        _emit("channelvalue: not enough memory for this input", err or sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # a bug: say so in one line rather than print a traceback
        _internal_error(exc, err or sys.stderr)
        return EXIT_INPUT


def _internal_error(exc: BaseException, err: _Writer) -> None:
    message = f"channelvalue: internal error, please report it: {type(exc).__name__}: {exc}"
    with contextlib.suppress(Exception):  # stderr itself may be what is broken
        _emit(message[:2000], err)


def _main(argv: Sequence[str] | None, *, out: TextIO | None, err: TextIO | None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_INPUT if exc.code not in (0, None) else EXIT_OK
    if args.command == "demo":
        _emit(_fit(render_report(audit(datasets.example()))), out)
        return EXIT_OK
    if args.command == "audit":
        return audit_command(
            args.file,
            fmt=args.fmt,
            fail_on=args.fail_on,
            config=args.config,
            checks=args.checks,
            max_bytes=args.max_bytes,
            out=out,
            err=err,
        )
    if args.command == "validate":
        return validate_command(args.file, out=out, err=err, max_bytes=args.max_bytes)
    net = _load(args.file, err, args.max_bytes)
    if net is None:
        return EXIT_INPUT
    _emit(_fit(summary_text(net)), out)
    return EXIT_OK


def validate_command(
    path: str, *, out: TextIO, err: TextIO, max_bytes: int = io.DEFAULT_MAX_BYTES
) -> int:
    """`channelvalue validate FILE`: 0 valid; 1 with every problem listed; 2 unreadable.

    A file that can be read but is not a valid network (malformed JSON, wrong types,
    dangling references, no steward, supply cycles) gives exit code 1 and every problem
    on standard output; a file that cannot be read at all gives 2.

    Examples:
        >>> import io as _io, tempfile, pathlib
        >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
        >>> _ = bad.write_text('{"format_version": 1, "links": [{"kind": "supplies"}]}')
        >>> buf = _io.StringIO()
        >>> validate_command(str(bad), out=buf, err=buf)
        1
        >>> print(buf.getvalue().splitlines()[1])
          $.links[0].source: missing required field of Supplies
    """
    try:
        with Path(path).open("rb") as file:  # a byte over the limit at most: loads refuses it
            data = file.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: a NUL or lone surrogate in the path
        reason = getattr(exc, "strerror", None) or exc
        _emit(f"{visible(path)}: cannot read file: {reason}", err)
        return EXIT_INPUT
    try:
        net = io.loads(data, max_bytes=max_bytes)
    except DocumentError as exc:
        problems: tuple[Problem, ...] = exc.problems
    else:
        problems = net.validate()
    if problems:
        _emit(f"{visible(path)}: {len(problems)} problem(s)", out)
        for p in problems:
            _emit(f"  {visible(str(p))}", out)
        return EXIT_FINDINGS
    _emit(f"{visible(path)}: valid ({visible(repr(net))})", out)
    return EXIT_OK
