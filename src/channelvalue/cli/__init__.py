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

import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from .. import datasets, io
from ._commands import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    audit_command,
    import_command,
    render_report,
    summary_command,
    summary_text,
    validate_command,
)
from ._load import load_network
from ._output import Writer, emit
from ._parser import build_parser

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "audit_command",
    "build_parser",
    "import_command",
    "load_network",
    "main",
    "render_report",
    "summary_command",
    "summary_text",
    "validate_command",
]


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
    parser = build_parser()
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
