"""The argument parser of the command line: every command, option and help text."""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence
from typing import Any, NoReturn

from .. import __version__, io
from ._output import Writer, emit

__all__ = ["AUDIT_FORMATS", "EXIT_CODES", "FAIL_ON", "INPUTS", "build_parser"]

EXIT_CODES = """\
exit codes:
  0    success (audit: nothing at or above --fail-on; validate: the network
       is valid)
  1    audit: a finding at or above --fail-on; validate: problems found
  2    unreadable or invalid input, an output that cannot be written, or a
       usage error
  130  interrupted (Ctrl-C)"""

INPUTS = """\
FILE is a JSON network document, a folder of CSV files (one per table), an
.xlsx workbook (one sheet per table), or, with --columns MAP, a one-table
partner export (.csv, .xlsx, .parquet)."""

AUDIT_FORMATS = ("table", "markdown", "json", "csv", "html", "xlsx")
FAIL_ON = ("error", "warning", "info", "never")


class _Parser(argparse.ArgumentParser):
    """argparse writing through `emit` (arguments echoed in its messages are data)."""

    _argv: Sequence[str] = ()

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        self._argv = list(sys.argv[1:] if args is None else args)
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        if "required: FILE" in message and "--check" in self._argv:
            message += " (--check reads every word after it: give FILE before --check)"
        super().error(message)

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
        help="read FILE as a one-table partner export with this column map: a saved map "
        "(JSON or TOML file), or inline 'Header=target;Header=target' (e.g. "
        "'Acct=name;Type=role')",
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
        help="table format: the overall score, then one row per check (title, score or "
        "'not assessed' with the reason, findings by severity); no findings",
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
        help="run only these checks (ids or families, e.g. reporting); give FILE before "
        "--check, which reads every word after it",
    )


def build_parser() -> argparse.ArgumentParser:
    """The `channelvalue` parser with its sub-commands."""
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
