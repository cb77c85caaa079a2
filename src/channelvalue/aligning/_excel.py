"""The Excel workbook of an audit (private; see
[`AuditReport.to_excel`][channelvalue.aligning.AuditReport.to_excel]).

Sheets *Summary*, *Checks*, *Findings* (every finding) and *Scorecard*, written with
openpyxl (the `excel` extra): bold headers on a shaded row, frozen header row and
autofilters on the tables, column widths fitted to the content (capped), numbers formatted
(money with thousands separators, shares as percentages). Strings from the data are
written as text, never as formulas, with control characters escaped. The file is replaced
atomically: a reader sees the old workbook or the new one.
"""

from __future__ import annotations

import importlib
import io
import math
import os
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .._files import write_file
from .._optional import require_openpyxl
from .._text import CONTROL, visible
from ..errors import WrongTypeError
from . import _render

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork
    from ._scorecard import Scorecard
    from .report import AuditReport

__all__ = ["SHEETS", "to_excel", "write_workbook"]

SHEETS = ("Summary", "Checks", "Findings", "Scorecard")
"""The sheets of the workbook, in order."""

_MAX_CELL = 32_767  # Excel's limit on the characters of a cell
_MAX_WIDTH = 60
_MONEY = "#,##0"
_SHARE = "0.0%"
_RATIO = "0.00"
_SCORE = "0.0"
_COUNT = "#,##0"
_HEADER_FILL = "DDE4EE"


def _text(value: str) -> str:
    out = visible(value) if CONTROL.search(value) else value
    return out if len(out) <= _MAX_CELL else out[: _MAX_CELL - 1] + "…"


def _put(ws: Any, row: int, col: int, value: Any, fmt: str | None = None) -> None:
    """Write one cell; a string is always text (a leading `=` is not a formula)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"
    elif isinstance(value, float) and not math.isfinite(value):  # NaN, inf: left empty
        cell.value = None
    else:
        cell.value = value
    if fmt is not None and not isinstance(value, str):
        cell.number_format = fmt


def _table(
    ws: Any,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: dict[str, str],
    openpyxl: ModuleType,
    *,
    first_row: int = 1,
) -> None:
    """A header row (bold, shaded, frozen, filtered) and the rows below it."""
    styles = importlib.import_module("openpyxl.styles")
    utils = importlib.import_module("openpyxl.utils")
    bold = styles.Font(bold=True)
    fill = styles.PatternFill("solid", fgColor=_HEADER_FILL)
    for j, name in enumerate(header, start=1):
        _put(ws, first_row, j, name)
        c = ws.cell(row=first_row, column=j)
        c.font, c.fill = bold, fill
    fmts = [formats.get(h) for h in header]
    widths = [len(h) for h in header]
    for i, row in enumerate(rows, start=first_row + 1):
        for j, value in enumerate(row):
            _put(ws, i, j + 1, value, fmts[j])
            if i - first_row <= 500:  # widths from the first rows: quick on 100k rows
                shown = value if isinstance(value, str) else _shown_number(value, fmts[j])
                widths[j] = max(widths[j], len(shown))
    last = utils.get_column_letter(len(header))
    ws.freeze_panes = ws.cell(row=first_row + 1, column=1)
    ws.auto_filter.ref = f"A{first_row}:{last}{first_row + len(rows)}"
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[utils.get_column_letter(j)].width = min(w + 2, _MAX_WIDTH)


def _shown_number(value: Any, fmt: str | None) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if fmt == _SHARE:
        return f"{100 * value:.1f}%"
    if fmt in (_MONEY, _COUNT):
        return f"{value:,.0f}"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _package_version() -> str:
    try:
        return version("channelvalue")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _summary(
    ws: Any,
    report: AuditReport,
    card: Scorecard | None,
    openpyxl: ModuleType,
    names: dict[str, str],
) -> None:
    c = report.counts
    assessed = len(report.assessed)
    rows: list[tuple[str, Any, str | None]] = [
        ("Network", report.network or "(unnamed)", None),
        (
            "Steward",
            names.get(report.steward) or report.label(report.steward)
            if report.steward
            else "(none)",
            None,
        ),
        (
            "Overall score (0-100)",
            "not scored (no check assessed)" if report.score is None else report.score,
            _SCORE,
        ),
        ("Checks assessed", f"{assessed} of {len(report.checks)}", None),
    ]
    rows += [(f"Not assessed: {cid}", reason, None) for cid, reason in report.not_assessed.items()]
    rows += [
        ("Findings", len(report.findings), _COUNT),
        ("Errors", c["error"], _COUNT),
        ("Warnings", c["warning"], _COUNT),
        ("Info", c["info"], _COUNT),
    ]
    if card is not None:
        p = card.placement
        rows += [
            ("Partners", len(card), _COUNT),
            ("Over-tiered partners", int(p.over.sum()), _COUNT),
            ("Under-tiered partners", int(p.under.sum()), _COUNT),
            ("Cost of over-tiering (a year)", p.over_tiering_cost, _MONEY),
        ]
    rows.append(("Written by", f"channelvalue {_package_version()}", None))
    _table(ws, ("item", "value"), [(k, v) for k, v, _ in rows], {}, openpyxl)
    for i, (_, value, fmt) in enumerate(rows, start=2):
        if fmt is not None and not isinstance(value, str):
            ws.cell(row=i, column=2).number_format = fmt


def _checks(ws: Any, report: AuditReport, openpyxl: ModuleType) -> None:
    rows = _render.check_rows(report)
    header = _render.CHECK_COLUMNS
    values = [
        tuple(
            "yes" if h == "assessed" and r[h] else "no" if h == "assessed" else r[h] for h in header
        )
        for r in rows
    ]
    formats = {
        "score": _SCORE,
        "weight": _RATIO,
        "coverage": _SHARE,
        "errors": _COUNT,
        "warnings": _COUNT,
        "infos": _COUNT,
    }
    _table(ws, header, values, formats, openpyxl)


def _findings(ws: Any, report: AuditReport, names: dict[str, str], openpyxl: ModuleType) -> None:
    header = (
        "severity",
        "check",
        "title",
        "subject",
        "subject ids",
        "message",
        "share",
        "evidence",
    )
    rows = []
    for f in report.findings:
        rows.append(
            (
                f.severity.value,
                f.check,
                report.titles.get(f.check, ""),
                ", ".join(names.get(s) or report.label(s) for s in f.subjects),
                ", ".join(f.subjects),
                f.message,
                f.share,
                "; ".join(f"{k}={v:g}" for k, v in f.evidence.items()),
            )
        )
    _table(ws, header, rows, {"share": _SHARE}, openpyxl)


_CARD_FORMATS = {
    "revenue": _MONEY,
    "revenue_share": _SHARE,
    "volume": _COUNT,
    "velocity": _SHARE,
    "resources": _MONEY,
    "resource_share": _SHARE,
    "resource_ratio": _RATIO,
    "data_feed_days": "0",
    "errors": _COUNT,
    "warnings": _COUNT,
    "info": _COUNT,
    "over_tiering_cost": _MONEY,
}


def _scorecard(ws: Any, card: Scorecard | None, openpyxl: ModuleType) -> None:
    if card is None:
        _table(
            ws,
            ("note",),
            [
                (
                    "No scorecard: call report.to_excel(path, net) with the audited network, "
                    "or pass scorecard=partner_scorecard(net, report).",
                )
            ],
            {},
            openpyxl,
        )
        return
    p = card.placement
    counts = card.finding_counts()
    header = (
        "name",
        "partner",
        "role",
        "tier",
        "recommended_tier",
        "over_tiering_cost",
        "manager",
        "regions",
        "revenue",
        "revenue_share",
        "volume",
        "velocity",
        "resources",
        "resource_share",
        "resource_ratio",
        "engagement",
        "engagement_policy",
        "data_feed_days",
        "errors",
        "warnings",
        "info",
        "findings_by_check",
    )
    costs = p.costs
    rows = []
    for i in card.top(len(card)):  # largest revenue first
        by_check: dict[str, int] = {}
        for f in card.findings[i]:
            by_check[f.check] = by_check.get(f.check, 0) + 1
        rows.append(
            (
                card.names[i],
                card.ids[i],
                card.roles[i].value,
                card.tiers[i].value,
                p.tier_of(int(p.recommended[i])).value,
                float(costs[i]),
                card.managers[i],
                ", ".join(card.regions[i]),
                float(card.revenue[i]),
                float(card.revenue_share[i]),
                float(card.volume[i]),
                float(card.velocity[i]),
                float(card.resources[i]),
                float(card.resource_share[i]),
                float(card.resource_ratio[i]),
                card.engagement[i],
                card.engagement_policy[i],
                float(card.data_feed_days[i]),
                int(counts["error"][i]),
                int(counts["warning"][i]),
                int(counts["info"][i]),
                ", ".join(f"{k}: {n}" for k, n in sorted(by_check.items())),
            )
        )
    _table(ws, header, rows, _CARD_FORMATS, openpyxl)


def workbook_bytes(
    report: AuditReport,
    card: Scorecard | None,
    names: dict[str, str] | None = None,
    *,
    scorecard_sheet: bool = True,
) -> bytes:
    """The workbook as the bytes of an `.xlsx` file (without the *Scorecard* sheet when
    `scorecard_sheet` is False)."""
    openpyxl = require_openpyxl("AuditReport.to_excel()")
    wb = openpyxl.Workbook()
    titles = SHEETS if scorecard_sheet else SHEETS[:-1]
    sheets = [wb.active] + [wb.create_sheet() for _ in titles[1:]]
    for ws, title in zip(sheets, titles, strict=True):
        ws.title = title
    if names is None:
        names = {} if card is None else dict(zip(card.ids, card.names, strict=True))
    _summary(sheets[0], report, card, openpyxl, names)
    _checks(sheets[1], report, openpyxl)
    _findings(sheets[2], report, names, openpyxl)
    if scorecard_sheet:
        _scorecard(sheets[3], card, openpyxl)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def write_workbook(
    report: AuditReport,
    path: str | os.PathLike[str],
    net: ChannelNetwork | None,
    scorecard: Scorecard | bool,
) -> None:
    """Write the workbook of `report` to `path` (see `AuditReport.to_excel`)."""
    from ..core.labels import name_index
    from ..core.network import ChannelNetwork
    from ._scorecard import Scorecard, build_scorecard

    if not isinstance(path, str | os.PathLike):
        raise WrongTypeError("AuditReport.to_excel(path=...)", path, "a path")
    if net is not None and not isinstance(net, ChannelNetwork):
        raise WrongTypeError("AuditReport.to_excel(net=...)", net, "a ChannelNetwork or None")
    card: Scorecard | None
    if isinstance(scorecard, Scorecard):
        card = scorecard
    elif scorecard is True:
        card = None if net is None else build_scorecard(net, report)
    elif scorecard is False:
        card = None
    else:
        raise WrongTypeError(
            "AuditReport.to_excel(scorecard=...)", scorecard, "True, False or a Scorecard"
        )
    names = None
    if net is not None:
        names = dict(name_index(net))  # organizations and segments, cached per version
        names.update({m.id: m.label for m in net.managers.values()})
    data = workbook_bytes(report, card, names, scorecard_sheet=scorecard is not False)
    write_file(path, data, where="AuditReport.to_excel(path=...)")


def to_excel(
    self: AuditReport,
    path: str | os.PathLike[str],
    net: ChannelNetwork | None = None,
    *,
    scorecard: bool | Scorecard = True,
) -> None:
    """Write the report as an Excel workbook (needs the `excel` extra: openpyxl).

    Sheets *Summary*, *Checks*, *Findings* (every finding, subjects by name) and
    *Scorecard* (one row per partner from `net` and this report, largest revenue first;
    or the [`Scorecard`][channelvalue.aligning.Scorecard] given; `scorecard=False` leaves
    the sheet out), each with a bold header row, frozen panes, filters and formatted numbers.
    The file is replaced atomically.

    Args:
        path: the `.xlsx` file to write.
        net: the audited network: it gives names and the scorecard.
        scorecard: True (build it from `net`), False, or a ready `Scorecard`.

    Raises:
        MissingDependencyError: openpyxl is not installed.
        FileError: the file cannot be written.

    Examples:
        >>> import channelvalue as cv, pathlib, tempfile
        >>> net = cv.datasets.example()
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "audit.xlsx"
        >>> cv.audit(net).to_excel(path, net)
        >>> path.stat().st_size > 0
        True
    """
    write_workbook(self, path, net, scorecard)
