"""The commands: audit, summary, validate and import, and the renderings they print."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .. import io
from .._text import json_visible, visible
from ..aligning import AuditConfig, AuditReport, audit
from ..aligning.registry import REGISTRY
from ..aligning.report import Labels
from ..core.network import ChannelNetwork
from ..errors import ChannelValueError, DocumentError, Problem
from . import _render
from ._load import describe_error, read_columns, read_config, read_input
from ._output import emit, fit, output_width, unicode_ok
from ._progress import Progress

__all__ = [
    "EXIT_FINDINGS",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "CommandError",
    "audit_command",
    "import_command",
    "render_report",
    "summary_command",
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


class CommandError(Exception):
    """A failure the command reports on stderr before exiting 2 (the message is final)."""


# ------------------------------------------------------------------ rendering
def render_report(
    report: AuditReport,
    fmt: str = "table",
    *,
    net: ChannelNetwork | None = None,
    top: int | None = 10,
    labels: Labels = "name",
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
        >>> from channelvalue import datasets
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
        >>> from channelvalue import datasets
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
) -> tuple[ChannelNetwork, Any]:
    """The network at `path` and the reader's import report, if any (CommandError with the
    whole message if it cannot be read)."""
    column_map: Mapping[str, str] | str | None = None
    if columns is not None:
        try:
            column_map = read_columns(columns)
        except DocumentError as exc:
            raise CommandError(_config_error(columns, "invalid column map", exc)) from None
    progress.step(f"reading {path}", total=None)
    try:
        return read_input(path, columns=column_map, max_bytes=max_bytes)
    except ChannelValueError as exc:
        raise CommandError(describe_error(path, exc)) from None


def _note_import(imported: Any, progress: Progress, err: TextIO, *, quiet: bool) -> None:
    """What the import of an export found (its report's bounded text), on `err`."""
    if imported is not None and not quiet:
        progress.note(fit(str(imported)), err)


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
    labels: Labels = "name",
    summary: bool = False,
    output: str | None = None,
    quiet: bool = False,
    out: TextIO,
    err: TextIO,
) -> int:
    """`channelvalue audit`: 0 clean, 1 findings at or above `fail_on`, 2 bad input.

    Examples:
        >>> import io as _io
        >>> from channelvalue import datasets
        >>> from channelvalue.cli import main
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
            net, imported = _load(file, columns=columns, max_bytes=max_bytes, progress=progress)
            _note_import(imported, progress, err, quiet=quiet)
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
    labels: Labels,
    summary: bool,
    output: str | None,
    quiet: bool,
    out: TextIO,
    err: TextIO,
) -> None:
    """Write `report` in `fmt` to `output` or `out` (CommandError when it cannot be)."""
    if fmt == "xlsx":
        path = output or f"{Path(file).stem or 'audit'}-audit.xlsx"
        _write_excel(report, net, path, err, quiet=quiet)
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


def _write_excel(
    report: AuditReport, net: ChannelNetwork, path: str, err: TextIO, *, quiet: bool
) -> None:
    """`report.to_excel(path, net=net)`: the network gives names and the scorecard sheet."""
    to_excel = getattr(report, "to_excel", None)
    if to_excel is None:
        raise CommandError(
            "channelvalue audit --format xlsx: this version of channelvalue cannot write "
            "Excel reports (AuditReport.to_excel is missing)"
        )
    try:
        to_excel(path, net=net)
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
        >>> from channelvalue import datasets
        >>> from channelvalue.cli import main
        >>> main(["summary", datasets.example_path(), "--format", "json"], out=_io.StringIO())
        0
    """
    try:
        with Progress(err, quiet=quiet) as progress:
            net, imported = _load(file, columns=columns, max_bytes=max_bytes, progress=progress)
            _note_import(imported, progress, err, quiet=quiet)
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
            net, imported = _load(path, columns=columns, max_bytes=max_bytes, progress=progress)
        # an export's import problems (unknown terms, unresolved parents, ...) are problems
        problems = (*getattr(imported, "problems", ()), *net.validate())
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
        lines = [fit(f"  {visible(str(p))}") for p in problems]  # the path line is not cut
        return "\n".join([f"{visible(path)}: {len(problems)} problem(s)", *lines])
    return fit(f"{visible(path)}: valid ({visible(repr(net))})")  # the path is not cut


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
        >>> from channelvalue import datasets
        >>> from channelvalue.cli import main
        >>> buf = _io.StringIO()
        >>> main(["import", datasets.example_csv_path()], out=buf)
        0
        >>> json.loads(buf.getvalue())["steward"]
        'acme'
    """
    try:
        with Progress(err, quiet=quiet) as progress:
            net, imported = _load(export, columns=columns, max_bytes=max_bytes, progress=progress)
        _note_import(imported, progress, err, quiet=quiet)
        _write(json_visible(io.dumps(net)), output, out, err, quiet=quiet)
    except CommandError as exc:
        emit(str(exc), err)
        return EXIT_INPUT
    problems = net.validate()
    if problems and not quiet:
        emit(f"{visible(export)}: the network has {len(problems)} problem(s):", err)
        for p in problems:
            emit(fit(f"  {visible(str(p))}"), err)
    return EXIT_FINDINGS if problems else EXIT_OK
