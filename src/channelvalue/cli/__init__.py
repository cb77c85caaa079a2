"""The `channelvalue` command line (also `python -m channelvalue`).

Commands:

- `channelvalue audit FILE` — audit a network; exit 1 when a finding is at or above
  `--fail-on` (default `error`). `--summary` prints one row per check; `--top N` / `--all`
  choose how many findings of each check are listed; `--format` gives `table` (the
  terminal), `markdown`, `json`, `csv`, `html` or `xlsx`.
- `channelvalue summary FILE` — counts and revenue by role of a network.
- `channelvalue validate FILE` — exit 0 when valid; 1 with every problem listed.
- `channelvalue import EXPORT --columns MAP -o NET.json` — read a partner export into a
  network document.
- `channelvalue demo` — audit the bundled example network.

`FILE` is a JSON network document, a folder of CSV files, an `.xlsx` workbook, or (with
`--columns MAP`) a one-table partner export.

Exit codes, the same for every command: 0 success; 1 findings at or above `--fail-on`
(`validate`: problems found); 2 unreadable or invalid input, an output that cannot be
written, or a usage error; 130 interrupted (Ctrl-C).

Everything printed is safe for a terminal: control characters from the data (names, ids,
unknown keys, messages, paths) are written as visible escapes (`\\x1b`), text the output's
encoding cannot carry as backslash escapes, and no traceback is ever printed. Every file the
command line reads is read with a bound (`--max-bytes`; a `--config` or `--columns` file at
4 MiB). Terminal output fits the width of the terminal (`COLUMNS`, 80 in a pipe); progress is
drawn on standard error only when it is a terminal.

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
import sys
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from .. import __version__, datasets, io
from .._text import json_visible, visible
from ..aligning import AuditConfig, AuditReport, audit
from ..aligning.registry import REGISTRY
from ..core.network import ChannelNetwork
from ..errors import ChannelValueError, DocumentError, Problem
from . import _render
from ._load import describe_error, load_network, read_columns, read_config
from ._output import Writer, emit, output_width, unicode_ok
from ._progress import Progress

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "audit_command",
    "load_network",
    "main",
    "render_report",
    "summary_text",
    "validate_command",
]

EXIT_OK = 0
"""Success: nothing at or above `--fail-on`; `validate`: the network is valid."""
EXIT_FINDINGS = 1
"""Findings at or above `--fail-on`; `validate`: problems found."""
EXIT_INPUT = 2
"""Unreadable or invalid input, an output that cannot be written, or a usage error."""
EXIT_INTERRUPTED = 130
"""Interrupted (Ctrl-C)."""

EXIT_CODES = """\
exit codes:
  0    success (audit: nothing at or above --fail-on; validate: the network is valid)
  1    audit: a finding at or above --fail-on; validate: problems found
  2    unreadable or invalid input, an output that cannot be written, or a usage error
  130  interrupted (Ctrl-C)"""

INPUTS = """\
FILE is a JSON network document, a folder of CSV files (one per table), an
.xlsx workbook (one sheet per table), or, with --columns MAP, a one-table
partner export (.csv, .xlsx, .parquet)."""

AUDIT_FORMATS = ("table", "markdown", "json", "csv", "html", "xlsx")
FAIL_ON = ("error", "warning", "info", "never")


class CommandError(Exception):
    """A failure the command reports on stderr before exiting 2 (the message is final)."""


# ------------------------------------------------------------------ rendering
def render_report(
    report: AuditReport,
    fmt: str = "table",
    *,
    net: ChannelNetwork | None = None,
    top: int | None = 10,
    labels: str = "name",
    summary: bool = False,
    width: int | None = None,
    unicode: bool = True,
) -> str:
    """An audit report as text in one of the formats of `channelvalue audit --format`
    (all but `xlsx`): `table` (laid out at `width`, default the output width; `summary` for
    one row per check only), `markdown`, `json`, `csv` or `html`. `top` findings of each
    check are listed in `table`, `markdown` and `html` (None: all); `json` and `csv` always
    hold every finding. Control characters from the data are escaped in each format.

    Examples:
        >>> from channelvalue.aligning import audit
        >>> text = render_report(audit(datasets.example(), checks=["reporting"]), "json")
        >>> json.loads(text)["counts"]
        {'error': 0, 'warning': 5, 'info': 0}
    """
    view = _render.AuditView.of(report, net, labels=labels, top=top)
    if fmt == "json":
        return _render.json_report(view)
    if fmt == "markdown":
        return _render.markdown_report(view)
    if fmt == "csv":
        return _render.csv_report(view)
    if fmt == "html":
        return _render.html_report(view)
    width = output_width() if width is None else width
    return _render.table_report(view, width=width, unicode=unicode, summary=summary)


def summary_text(net: ChannelNetwork, *, width: int | None = None, unicode: bool = True) -> str:
    """A network's summary as the terminal shows it: counts, members and revenue by role.

    Examples:
        >>> print(summary_text(datasets.example()).splitlines()[0])
        Acme Networks channel — steward: acme (Acme Networks)
    """
    width = output_width() if width is None else width
    return _render.summary_table(net, width=width, unicode=unicode)


# ------------------------------------------------------------------ helpers
def _write(text: str, output: str | None, out: TextIO, err: TextIO, *, quiet: bool) -> None:
    """`text` to `output` (a file, UTF-8) or to `out`; CommandError if it cannot be written."""
    if output is None or output == "-":
        emit(text, out)
        return
    try:
        with Path(output).open("w", encoding="utf-8", newline="") as file:
            emit(text, file)
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise CommandError(f"{visible(output)}: cannot write file: {reason}") from None
    if not quiet:
        emit(f"wrote {visible(output)}", err)


def _load(
    path: str,
    *,
    columns: str | None,
    max_bytes: int,
    progress: Progress,
) -> ChannelNetwork:
    """The network at `path` (CommandError with the whole message if it cannot be read)."""
    column_map: Mapping[str, str] | None = None
    if columns is not None:
        try:
            column_map = read_columns(columns)
        except DocumentError as exc:
            raise CommandError(_config_error(columns, "invalid column map", exc)) from None
    progress.step(f"reading {path}", total=None)
    try:
        return load_network(path, columns=column_map, max_bytes=max_bytes)
    except ChannelValueError as exc:
        raise CommandError(describe_error(path, exc)) from None


def _config_error(path: str, what: str, exc: DocumentError) -> str:
    lines = [f"  {visible(str(p))}" for p in exc.problems]
    return "\n".join([f"{visible(path)}: {what}", f"{len(exc.problems)} problem(s):", *lines])


def _fails(report: AuditReport, fail_on: str) -> bool:
    return fail_on != "never" and report.fails(fail_on)


# ------------------------------------------------------------------ commands
def audit_command(
    file: str,
    *,
    fmt: str = "table",
    fail_on: str = "error",
    config: str | None = None,
    checks: Sequence[str] | None = None,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
    columns: str | None = None,
    top: int | None = 10,
    labels: str = "name",
    summary: bool = False,
    output: str | None = None,
    quiet: bool = False,
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
        cfg = read_config(config) if config is not None else AuditConfig()
    except DocumentError as exc:
        emit(_config_error(config or "", "invalid audit configuration", exc), err)
        return EXIT_INPUT
    try:
        with Progress(err, quiet=quiet) as progress:
            net = _load(file, columns=columns, max_bytes=max_bytes, progress=progress)
            problems = net.validate()
            if problems:
                lines = [f"  {visible(str(p))}" for p in problems]
                raise CommandError(
                    "\n".join(
                        [f"{visible(file)}: invalid network, {len(problems)} problem(s):", *lines]
                    )
                )
            try:
                run: Any = checks
                if progress.enabled:
                    run = progress.checks(REGISTRY.select(checks))
                report = audit(net, checks=run, config=cfg)
            except ChannelValueError as exc:
                raise CommandError(f"channelvalue audit: {visible(str(exc))}") from None
        _show(
            report,
            net,
            file,
            fmt=fmt,
            top=top,
            labels=labels,
            summary=summary,
            output=output,
            quiet=quiet,
            out=out,
            err=err,
        )
    except CommandError as exc:
        emit(str(exc), err)
        return EXIT_INPUT
    return EXIT_FINDINGS if _fails(report, fail_on) else EXIT_OK


def _show(
    report: AuditReport,
    net: ChannelNetwork,
    file: str,
    *,
    fmt: str,
    top: int | None,
    labels: str,
    summary: bool,
    output: str | None,
    quiet: bool,
    out: TextIO,
    err: TextIO,
) -> None:
    """Write `report` in `fmt` to `output` or `out` (CommandError when it cannot be)."""
    if fmt == "xlsx":
        _write_excel(report, output or f"{Path(file).stem or 'audit'}-audit.xlsx", err, quiet=quiet)
        return
    to_file = output is not None and output != "-"
    try:
        text = render_report(
            report,
            fmt,
            net=net,
            top=top,
            labels=labels,
            summary=summary,
            width=None,
            unicode=True if to_file else unicode_ok(out),
        )
    except ChannelValueError as exc:  # a missing optional dependency (pandas for csv)
        raise CommandError(f"channelvalue audit --format {fmt}: {visible(str(exc))}") from None
    _write(text, output, out, err, quiet=quiet)


def _write_excel(report: AuditReport, path: str, err: TextIO, *, quiet: bool) -> None:
    to_excel = getattr(report, "to_excel", None)
    if to_excel is None:
        raise CommandError(
            "channelvalue audit --format xlsx: this version of channelvalue cannot write "
            "Excel reports (AuditReport.to_excel is missing)"
        )
    try:
        to_excel(path)
    except (ChannelValueError, OSError) as exc:
        raise CommandError(
            f"{visible(path)}: cannot write the workbook: {visible(str(exc))}"
        ) from None
    if not quiet:
        emit(f"wrote {visible(path)}", err)


def summary_command(
    file: str,
    *,
    fmt: str = "table",
    columns: str | None = None,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
    output: str | None = None,
    quiet: bool = False,
    out: TextIO,
    err: TextIO,
) -> int:
    """`channelvalue summary FILE`: 0 with the summary printed, 2 when the file cannot be read.

    Examples:
        >>> import io as _io
        >>> main(["summary", datasets.example_path(), "--format", "json"], out=_io.StringIO())
        0
    """
    try:
        with Progress(err, quiet=quiet) as progress:
            net = _load(file, columns=columns, max_bytes=max_bytes, progress=progress)
        if fmt == "json":
            data = _render.summary_data(net)
            text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
            text = json_visible(text)
        elif fmt == "markdown":
            text = _render.summary_markdown(net)
        else:
            to_file = output is not None and output != "-"
            text = summary_text(net, unicode=True if to_file else unicode_ok(out))
        _write(text, output, out, err, quiet=quiet)
    except CommandError as exc:
        emit(str(exc), err)
        return EXIT_INPUT
    return EXIT_OK


def validate_command(
    path: str,
    *,
    out: TextIO,
    err: TextIO,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
    fmt: str = "table",
    columns: str | None = None,
    output: str | None = None,
    quiet: bool = False,
) -> int:
    """`channelvalue validate FILE`: 0 valid; 1 with every problem listed; 2 unreadable.

    A file that cannot be read as a network (missing, malformed JSON, wrong types, unknown
    fields) gives exit code 2 and its problems on standard error, as for `audit` and
    `summary`; a network that reads but is not valid (no steward, a dangling reference, a
    cycle of supply links: `ChannelNetwork.validate()`) gives 1 and every problem on
    standard output, as text, JSON or CSV.

    Examples:
        >>> import io as _io, tempfile, pathlib
        >>> bad = pathlib.Path(tempfile.mkdtemp()) / "bad.json"
        >>> _ = bad.write_text('{"format_version": 1, "organizations": []}')
        >>> buf = _io.StringIO()
        >>> validate_command(str(bad), out=buf, err=buf)
        1
        >>> print(buf.getvalue().splitlines()[1])
          $.steward: no steward is set
    """
    try:
        with Progress(err, quiet=quiet) as progress:
            net = _load(path, columns=columns, max_bytes=max_bytes, progress=progress)
        problems = net.validate()
        text = _validation_text(path, net, problems, fmt)
        _write(text, output, out, err, quiet=quiet)
    except CommandError as exc:
        emit(str(exc), err)
        return EXIT_INPUT
    return EXIT_FINDINGS if problems else EXIT_OK


def _validation_text(path: str, net: ChannelNetwork, problems: Sequence[Problem], fmt: str) -> str:
    if fmt == "json":
        data = {
            "file": path,
            "valid": not problems,
            "network": net.name,
            "problems": [{"path": p.path, "message": p.message} for p in problems],
        }
        return json_visible(json.dumps(data, indent=2, ensure_ascii=False))
    if fmt == "csv":
        try:
            frame = DocumentError(list(problems)).problems_frame() if problems else None
        except ChannelValueError as exc:
            raise CommandError(f"channelvalue validate --format csv: {exc}") from None
        if frame is None:
            from ..errors import PROBLEM_COLUMNS

            return ",".join(PROBLEM_COLUMNS)
        return str(frame.to_csv(index=False, lineterminator="\n")).rstrip("\n")
    if problems:
        lines = [f"  {visible(str(p))}" for p in problems]
        return "\n".join([f"{visible(path)}: {len(problems)} problem(s)", *lines])
    return f"{visible(path)}: valid ({visible(repr(net))})"


def import_command(
    export: str,
    *,
    columns: str | None,
    output: str | None,
    max_bytes: int = io.DEFAULT_MAX_BYTES,
    quiet: bool = False,
    out: TextIO,
    err: TextIO,
) -> int:
    """`channelvalue import EXPORT [--columns MAP] [-o NET.json]`: read a partner export
    (or a workbook, a CSV folder) and write the network as a JSON document (to standard
    output without `-o`); 0 when written, 1 when the network has problems (written all the
    same), 2 when the export cannot be read.

    Examples:
        >>> import io as _io
        >>> buf = _io.StringIO()
        >>> main(["import", datasets.example_csv_path()], out=buf)
        0
        >>> json.loads(buf.getvalue())["steward"]
        'acme'
    """
    try:
        with Progress(err, quiet=quiet) as progress:
            net = _load(export, columns=columns, max_bytes=max_bytes, progress=progress)
        _write(io.dumps(net), output, out, err, quiet=quiet)
    except CommandError as exc:
        emit(str(exc), err)
        return EXIT_INPUT
    problems = net.validate()
    if problems and not quiet:
        emit(f"{visible(export)}: the network has {len(problems)} problem(s):", err)
        for p in problems:
            emit(f"  {visible(str(p))}", err)
    return EXIT_FINDINGS if problems else EXIT_OK


# ------------------------------------------------------------------ the parser
class _Parser(argparse.ArgumentParser):
    """argparse writing through `emit` (arguments echoed in its messages are data)."""

    def _print_message(self, message: str, file: Writer | None = None) -> None:
        if message:
            emit(message, file or sys.stdout, end="")

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            emit(message, sys.stderr, end="")
        raise SystemExit(status)


def _count(text: str) -> int:
    """A `--top` value: a whole number >= 1."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of 1 or more, got {text!r}")
    return value


def _byte_count(text: str) -> int:
    """A `--max-bytes` value: a positive whole number of bytes."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number of bytes, got {text!r}")
    return value


def _command(
    sub: Any, name: str, *, help: str, description: str, file: str | None = "FILE"
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=textwrap.fill(description, 78),
        epilog=(INPUTS + "\n\n" + EXIT_CODES) if file else EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def _input_options(p: argparse.ArgumentParser, *, what: str = "the network") -> None:
    p.add_argument(
        "file",
        metavar="FILE",
        help=f"{what}: a JSON document, a CSV folder, an .xlsx workbook or (with --columns) "
        "a partner export",
    )
    p.add_argument(
        "--columns",
        metavar="MAP",
        help="read FILE as a one-table partner export with this column map: a JSON or TOML "
        "file of {field: column header}, or inline 'field=Header;field=Header'",
    )
    p.add_argument(
        "--max-bytes",
        type=_byte_count,
        default=io.DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse input larger than N bytes (default {io.DEFAULT_MAX_BYTES:,}; loading "
        "needs about 10 times the file size in memory)",
    )


def _output_options(p: argparse.ArgumentParser, formats: Sequence[str], what: str) -> None:
    p.add_argument(
        "--format",
        choices=formats,
        default="table",
        dest="fmt",
        help=f"{what} (default: table, laid out for the terminal)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write to PATH (UTF-8) instead of standard output",
    )
    p.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="no progress display and no 'wrote PATH' note on standard error",
    )


def _report_options(p: argparse.ArgumentParser, *, fail_on: str) -> None:
    shown = p.add_mutually_exclusive_group()
    shown.add_argument(
        "--top",
        type=_count,
        default=10,
        metavar="N",
        help="list the N most severe findings of each check (default 10) in table, markdown "
        "and html; json and csv always hold every finding",
    )
    shown.add_argument(
        "--all", action="store_true", help="list every finding of every check (no --top limit)"
    )
    p.add_argument(
        "--summary",
        action="store_true",
        help="table format: one row per check (title, score or 'not assessed (reason)', "
        "findings by severity), then the overall score; no findings",
    )
    p.add_argument(
        "--labels",
        choices=("name", "id"),
        default="name",
        help="show check titles and partner names (name, the default) or their ids (id)",
    )
    p.add_argument(
        "--fail-on",
        choices=FAIL_ON,
        default=fail_on,
        help=f"exit 1 when a finding is at or above this severity; never: exit 0 whatever "
        f"is found (default: {fail_on})",
    )
    p.add_argument(
        "--config", metavar="FILE", help="JSON file of AuditConfig settings (thresholds)"
    )
    p.add_argument(
        "--check",
        metavar="ID",
        nargs="+",
        action="extend",
        dest="checks",
        help="run only these checks (ids or families, e.g. reporting)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="channelvalue",
        description="Channel stewardship: map, build and align a channel.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"channelvalue {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    formats = (
        "output format: "
        + ", ".join(AUDIT_FORMATS)
        + ("; xlsx is written to -o PATH, else to FILE-audit.xlsx in the current folder")
    )

    p_aud = _command(
        sub,
        "audit",
        help="audit a network; exit 1 when a finding is at or above --fail-on",
        description="Run the alignment checks on a network and print the report: the score, "
        "one row per check and the most severe findings of each.",
    )
    _input_options(p_aud, what="the network to audit")
    _output_options(p_aud, AUDIT_FORMATS, formats)
    _report_options(p_aud, fail_on="error")

    p_demo = _command(
        sub,
        "demo",
        help="audit the bundled example network and print the report",
        description="Audit the bundled example network (cv.datasets.example()) and print the "
        "report, with the options of audit.",
        file=None,
    )
    _output_options(p_demo, AUDIT_FORMATS, formats)
    _report_options(p_demo, fail_on="never")

    p_sum = _command(
        sub,
        "summary",
        help="summarise a network (counts, members and revenue by role)",
        description="Print what a network holds: counts, then members and revenue by role.",
    )
    _input_options(p_sum, what="the network to summarise")
    _output_options(p_sum, ("table", "markdown", "json"), "output format: table, markdown, json")

    p_val = _command(
        sub,
        "validate",
        help="check a network; list every problem (exit 1 if there are any)",
        description="Read a network and check it (steward set and present, references "
        "resolve, no cycle of supply links); list every problem.",
    )
    _input_options(p_val, what="the network to check")
    _output_options(p_val, ("table", "json", "csv"), "output format: table, json, csv")

    p_imp = _command(
        sub,
        "import",
        help="read a partner export and write it as a network JSON document",
        description="Read a partner export (with --columns MAP: which column holds which "
        "field), an .xlsx workbook or a CSV folder, and write the network as a JSON "
        "document (exit 1 when the network has problems; it is written all the same).",
    )
    _input_options(p_imp, what="the export to read")
    p_imp.add_argument(
        "-o", "--output", metavar="PATH", help="write the JSON document to PATH (default: stdout)"
    )
    p_imp.add_argument("-q", "--quiet", action="store_true", help="no progress, no notes")
    return parser


# ------------------------------------------------------------------ main
def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting.

    Examples:
        >>> import io as _io
        >>> buf = _io.StringIO()
        >>> main(["demo", "--summary"], out=buf)
        0
        >>> buf.getvalue().splitlines()[0]
        'Audit of Acme Networks channel (steward Acme Networks)'
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
        emit("channelvalue: not enough memory for this input", err or sys.stderr)
        return EXIT_INPUT
    except Exception as exc:  # a bug: say so in one line rather than print a traceback
        _internal_error(exc, err or sys.stderr)
        return EXIT_INPUT


def _internal_error(exc: BaseException, err: Writer) -> None:
    message = f"channelvalue: internal error, please report it: {type(exc).__name__}: {exc}"
    with contextlib.suppress(Exception):  # stderr itself may be what is broken
        emit(message[:2000], err)


def _main(argv: Sequence[str] | None, *, out: TextIO | None, err: TextIO | None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_INPUT if exc.code not in (0, None) else EXIT_OK
    if args.command in ("audit", "demo"):
        return audit_command(
            args.file if args.command == "audit" else datasets.example_path(),
            fmt=args.fmt,
            fail_on=args.fail_on,
            config=args.config,
            checks=args.checks,
            max_bytes=getattr(args, "max_bytes", io.DEFAULT_MAX_BYTES),
            columns=getattr(args, "columns", None),
            top=None if args.all else args.top,
            labels=args.labels,
            summary=args.summary,
            output=args.output,
            quiet=args.quiet,
            out=out,
            err=err,
        )
    options: dict[str, Any] = {
        "columns": args.columns,
        "max_bytes": args.max_bytes,
        "output": args.output,
        "quiet": args.quiet,
        "out": out,
        "err": err,
    }
    if args.command == "validate":
        return validate_command(args.file, fmt=args.fmt, **options)
    if args.command == "import":
        return import_command(args.file, **options)
    return summary_command(args.file, fmt=args.fmt, **options)
