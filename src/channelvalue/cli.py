"""The ``channelvalue`` command line (also ``python -m channelvalue``).

Commands:

- ``channelvalue demo`` — summarise the bundled example network.
- ``channelvalue summary FILE`` — counts and key figures of a network file.
- ``channelvalue validate FILE`` — exit 0 when valid; 1 with every problem listed.

Exit codes: 0 success, 1 problems found, 2 unreadable input or bad usage.

Example:
    >>> from channelvalue.cli import main
    >>> main(["validate", "/no/such/file.json"])
    2
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from . import __version__, datasets, io
from .errors import ChannelValueError, DocumentError
from .network import ChannelNetwork

__all__ = ["main", "summary_text"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2


def summary_text(net: ChannelNetwork) -> str:
    """A plain-text summary of a network: counts, revenue by role, plan size.

    Example:
        >>> print(summary_text(datasets.example()).splitlines()[0])
        Acme Networks channel — steward: acme (Acme Networks)
    """
    lines: list[str] = []
    try:
        stew = f"{net.steward.id} ({net.steward.label})"
    except ChannelValueError:
        stew = "(none)"
    lines.append(f"{net.name or 'channel network'} — steward: {stew}")
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


def _load(path: str, err: TextIO) -> ChannelNetwork | None:
    try:
        return io.load(path)
    except DocumentError as exc:
        print(f"{path}: invalid network document\n{exc}", file=err)
    except ChannelValueError as exc:
        print(f"{path}: {exc}", file=err)
    return None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="channelvalue", description="Channel stewardship: map, build and align a channel."
    )
    parser.add_argument("--version", action="version", version=f"channelvalue {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("demo", help="summarise the bundled example network")
    p_sum = sub.add_parser("summary", help="summarise a network file")
    p_sum.add_argument("file")
    p_val = sub.add_parser("validate", help="check a network file; list every problem")
    p_val.add_argument("file")
    return parser


def main(
    argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run the command line; returns the exit code instead of exiting.

    Example:
        >>> import io as _io
        >>> buf = _io.StringIO()
        >>> main(["demo"], out=buf)
        0
        >>> "steward: acme" in buf.getvalue()
        True
    """
    out = out or sys.stdout
    err = err or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_INPUT if exc.code not in (0, None) else EXIT_OK
    if args.command == "demo":
        print(summary_text(datasets.example()), file=out)
        return EXIT_OK
    net = _load(args.file, err)
    if net is None:
        return EXIT_INPUT
    if args.command == "summary":
        print(summary_text(net), file=out)
        return EXIT_OK
    problems = net.validate()
    if problems:
        print(f"{args.file}: {len(problems)} problem(s)", file=out)
        for p in problems:
            print(f"  {p}", file=out)
        return EXIT_FINDINGS
    print(f"{args.file}: valid ({net})", file=out)
    return EXIT_OK
