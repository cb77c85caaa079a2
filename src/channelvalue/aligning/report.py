"""The [`AuditReport`][channelvalue.AuditReport]: findings in a fixed order, counts, scores and
renderings.

Scores
------
Each finding carries penalty points: info 0, warning 1, error 3 (times the `omitted`
count of a summary finding, see `channelvalue.aligning.findings`). A check's score is

    score = 100 * 0.5 ** (penalty / config.score_half_life)

so a check with no warnings or errors scores 100, and every `score_half_life` penalty
points (10 by default: ten warnings, or three errors and a warning) halve it. The
overall score is the mean of the check scores weighted by each check's `weight`
(100 when no check ran). Scores are rounded to one decimal.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit
    >>> report = audit(cv.datasets.example(), checks=["reporting"])
    >>> report.checks
    ('reporting.coverage', 'reporting.manager_load')
    >>> report.counts
    {'error': 0, 'warning': 5, 'info': 0}
    >>> report.scores["reporting.coverage"]  # 4 warnings: 100 * 0.5 ** (4 / 10)
    75.8
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from .._optional import require_pandas
from ..errors import DocumentError, Problem, UnknownIdError, ValidationError, WrongTypeError
from ..model import Finding, Severity
from ..model._frozen import FrozenMap
from . import _render
from .config import AuditConfig
from .findings import penalty_of, weight_of

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "AuditReport", "check_score"]

FORMAT_NAME = "channelvalue-audit"
"""The `format` field of [`AuditReport.to_dict`][channelvalue.aligning.AuditReport.to_dict]."""
FORMAT_VERSION = 1
"""The `format_version` field of
[`AuditReport.to_dict`][channelvalue.aligning.AuditReport.to_dict]."""

_SEVERITIES = ("error", "warning", "info")


def check_score(findings: Iterable[Finding], *, half_life: float = 10.0) -> float:
    """The 0..100 score of one check's findings: `100 * 0.5 ** (penalty / half_life)`.

    Examples:
        >>> import channelvalue as cv
        >>> f = cv.Finding("a.b", "error", message="m")
        >>> check_score([f] * 2, half_life=6)  # penalty 3 + 3 = 6: one half-life
        50.0
        >>> check_score([])
        100.0
    """
    penalty = math.fsum(penalty_of(f) for f in findings)
    return round(100.0 * float(0.5 ** (penalty / half_life)), 1)


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        valid = ", ".join(repr(s.value) for s in Severity)
        raise ValidationError("AuditReport", where, value, f"one of {valid}") from None


def _finding_key(f: Finding) -> tuple[Any, ...]:
    return (*f.sort_key, tuple(f.evidence.items()))


@attrs.frozen(slots=True, repr=False)
class AuditReport:
    """What `audit` found: findings, counts and scores.

    Attributes:
        findings: every finding, most severe first, then by check, subjects, message.
        titles: each check that ran, by id (sorted), with its title.
        scores: each check's 0..100 score (see the module docs for the formula).
        weights: each check's weight in the overall score.
        score: the overall score, the weighted mean of the check scores.
        network: the audited network's name.
        steward: the audited network's steward id.
        config: the thresholds used.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import audit
        >>> r = audit(cv.datasets.example())
        >>> r.findings == tuple(sorted(r.findings, key=lambda f: f.sort_key))
        True
        >>> len(r.filter(check="transparency", min_severity="error")) > 0
        True
    """

    findings: tuple[Finding, ...]
    titles: FrozenMap[str, str]
    scores: FrozenMap[str, float]
    weights: FrozenMap[str, float]
    score: float
    network: str = ""
    steward: str | None = None
    config: AuditConfig = attrs.field(factory=AuditConfig)

    @classmethod
    def from_results(
        cls,
        results: Mapping[str, Sequence[Finding]],
        *,
        titles: Mapping[str, str] | None = None,
        weights: Mapping[str, float] | None = None,
        config: AuditConfig | None = None,
        network: str = "",
        steward: str | None = None,
    ) -> AuditReport:
        """Build a report from each check's findings: sort them and compute the scores.

        Examples:
            >>> import channelvalue as cv
            >>> r = AuditReport.from_results(
            ...     {"a.b": [cv.Finding("a.b", "warning", message="m")], "a.c": []})
            >>> r.scores, r.score  # 100 * 0.5 ** (1/10) = 93.3; mean with 100
            (FrozenMap({'a.b': 93.3, 'a.c': 100.0}), 96.7)
        """
        cfg = config or AuditConfig()
        ids = sorted(results)
        titles = {i: (titles or {}).get(i, "") for i in ids}
        weights = {i: float((weights or {}).get(i, 1.0)) for i in ids}
        scores = {i: check_score(results[i], half_life=cfg.score_half_life) for i in ids}
        findings = sorted((f for i in ids for f in results[i]), key=_finding_key)
        return cls(
            findings=tuple(findings),
            titles=FrozenMap(titles),
            scores=FrozenMap(scores),
            weights=FrozenMap(weights),
            score=_overall(scores, weights),
            network=network,
            steward=steward,
            config=cfg,
        )

    # ------------------------------------------------------------------ reading
    @property
    def checks(self) -> tuple[str, ...]:
        """The ids of the checks that ran, sorted.

        Examples:
            >>> AuditReport.from_results({"b.x": [], "a.y": []}).checks
            ('a.y', 'b.x')
        """
        return tuple(self.titles)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings by severity (a summary finding counts as what it stands for).

        Examples:
            >>> from channelvalue.aligning.authoring import summary
            >>> AuditReport.from_results({"a.b": [summary("a.b", "warning", 7, "x")]}).counts
            {'error': 0, 'warning': 7, 'info': 0}
        """
        out = dict.fromkeys(_SEVERITIES, 0)
        for f in self.findings:
            out[f.severity.value] += weight_of(f)
        return out

    @property
    def counts_by_check(self) -> dict[str, dict[str, int]]:
        """Number of findings by check, then by severity (every check that ran is listed).

        Examples:
            >>> AuditReport.from_results({"a.b": []}).counts_by_check
            {'a.b': {'error': 0, 'warning': 0, 'info': 0}}
        """
        out = {c: dict.fromkeys(_SEVERITIES, 0) for c in self.checks}
        for f in self.findings:
            out.setdefault(f.check, dict.fromkeys(_SEVERITIES, 0))[f.severity.value] += weight_of(f)
        return out

    @property
    def worst(self) -> Severity | None:
        """The most severe severity found, or None when there are no findings.

        Examples:
            >>> import channelvalue as cv
            >>> AuditReport.from_results({"a.b": [cv.Finding("a.b", "info", message="m")]}).worst
            <Severity.INFO: 'info'>
        """
        return self.findings[0].severity if self.findings else None

    def fails(self, at: Severity | str) -> bool:
        """True when some finding is at or above severity `at`.

        Examples:
            >>> AuditReport.from_results({}).fails("info")
            False
        """
        rank = _severity(at, "fails.at").rank
        return any(f.severity.rank >= rank for f in self.findings)

    def filter(
        self,
        *,
        check: str | Iterable[str] | None = None,
        severity: Severity | str | Iterable[Severity | str] | None = None,
        min_severity: Severity | str | None = None,
        subject: str | None = None,
    ) -> AuditReport:
        """A report with only the findings that match every given criterion.

        Args:
            check: check ids or families (`"reporting"`); the report then keeps only
                those checks, their scores and the overall score of them.
            severity: keep these severities only.
            min_severity: keep findings at or above this severity.
            subject: keep findings that name this id among their subjects.

        Raises:
            UnknownIdError: a check or family that is not in this report.
            ValidationError: an unknown severity.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> r = audit(cv.datasets.example()).filter(subject="pam-south")
            >>> [f.check for f in r]
            ['reporting.manager_load']
        """
        keep_checks = self.checks
        if check is not None:
            wanted = (check,) if isinstance(check, str) else tuple(check)
            chosen: set[str] = set()
            for w in wanted:
                hit = {c for c in self.checks if c == w or c.split(".", 1)[0] == w}
                if not hit:
                    raise UnknownIdError(
                        str(w),
                        kind="check",
                        where="AuditReport.filter",
                        hint=f"checks in this report: {', '.join(self.checks) or 'none'}",
                    )
                chosen |= hit
            keep_checks = tuple(c for c in self.checks if c in chosen)
        sevs: set[Severity] | None = None
        if severity is not None:
            items = (severity,) if isinstance(severity, str) else tuple(severity)
            sevs = {_severity(s, "filter.severity") for s in items}
        low = _severity(min_severity, "filter.min_severity").rank if min_severity else -1
        kept = set(keep_checks)
        findings = tuple(
            f
            for f in self.findings
            if (check is None or f.check in kept)
            and (sevs is None or f.severity in sevs)
            and f.severity.rank >= low
            and (subject is None or subject in f.subjects)
        )
        scores = {c: self.scores[c] for c in keep_checks}
        weights = {c: self.weights[c] for c in keep_checks}
        return attrs.evolve(
            self,
            findings=findings,
            titles=FrozenMap({c: self.titles[c] for c in keep_checks}),
            scores=FrozenMap(scores),
            weights=FrozenMap(weights),
            score=_overall(scores, weights),
        )

    # ------------------------------------------------------------------ output
    def to_frame(self, *, expand_evidence: bool = False) -> Any:
        """The findings as a pandas DataFrame, one row each (needs pandas).

        Columns: `check`, `severity`, `subjects` (comma-separated), `message` and
        `evidence` (a dict), or one `evidence.<name>` column per evidence name when
        `expand_evidence` is True.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> df = audit(cv.datasets.example(), checks=["reporting"]).to_frame()
            >>> list(df.columns), len(df)
            (['check', 'severity', 'subjects', 'message', 'evidence'], 5)
        """
        pd = require_pandas("AuditReport.to_frame()")
        rows = [_render.finding_row(f, expand_evidence=expand_evidence) for f in self.findings]
        columns = ["check", "severity", "subjects", "message"]
        if not expand_evidence:
            columns.append("evidence")
        return pd.DataFrame(rows, columns=columns if not rows or not expand_evidence else None)

    def checks_frame(self) -> Any:
        """One row per check: id, title, weight, score and counts by severity (needs pandas).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> df = audit(cv.datasets.example()).checks_frame()
            >>> int(df.loc["reporting.coverage", "warning"])
            4
        """
        pd = require_pandas("AuditReport.checks_frame()")
        rows = _render.check_rows(self)
        return pd.DataFrame(rows).set_index("check")

    def to_text(self, *, max_findings: int | None = None) -> str:
        """A plain-text report: header, a table of checks, a table of findings.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> print(audit(cv.datasets.example()).to_text().splitlines()[0])
            Audit of Acme Networks channel (steward acme): score ...
        """
        return _render.text(self, max_findings=max_findings)

    def to_markdown(self, *, max_findings: int | None = None) -> str:
        """A Markdown report (header, checks table, findings table).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> md = audit(cv.datasets.example(), checks=["reporting"]).to_markdown()
            >>> md.splitlines()[0]
            '# Audit of Acme Networks channel (steward acme)'
        """
        return _render.markdown(self, max_findings=max_findings)

    def _repr_html_(self) -> str:
        return _render.html_report(self)

    def __repr__(self) -> str:
        c = self.counts
        name = f" {self.network!r}" if self.network else ""
        return (
            f"<AuditReport{name}: score {self.score:g}, {c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} info in {len(self.checks)} checks>"
        )

    def to_dict(self) -> dict[str, Any]:
        """The whole report as JSON-safe data (read it back with
        [`from_dict`][channelvalue.aligning.AuditReport.from_dict]).

        Examples:
            >>> import channelvalue as cv, json
            >>> from channelvalue.aligning import audit
            >>> r = audit(cv.datasets.example())
            >>> AuditReport.from_dict(json.loads(json.dumps(r.to_dict()))) == r
            True
        """
        by_check = self.counts_by_check
        return {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "network": self.network,
            "steward": self.steward,
            "score": self.score,
            "counts": self.counts,
            "checks": [
                {
                    "id": c,
                    "title": self.titles[c],
                    "weight": self.weights[c],
                    "score": self.scores[c],
                    "counts": by_check[c],
                }
                for c in self.checks
            ],
            "findings": [_render.finding_dict(f) for f in self.findings],
            "config": self.config.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> AuditReport:
        """Read a report written by [`to_dict`][channelvalue.aligning.AuditReport.to_dict].

        Raises:
            DocumentError: the data is not such a report; every problem is listed.

        Examples:
            >>> AuditReport.from_dict({"format": "channelvalue-audit", "format_version": 9})
            Traceback (most recent call last):
            ...
            channelvalue.errors.DocumentError: 1 problem:
              $.format_version: expected 1
        """
        if not isinstance(data, Mapping):
            raise WrongTypeError("AuditReport.from_dict", data, "a mapping from to_dict()")
        problems: list[Problem] = []
        if data.get("format") != FORMAT_NAME:
            problems.append(Problem("$.format", f"expected {FORMAT_NAME!r}"))
        if data.get("format_version") != FORMAT_VERSION:
            problems.append(Problem("$.format_version", f"expected {FORMAT_VERSION}"))
        if problems:
            raise DocumentError(problems)
        try:
            checks = list(data["checks"])
            findings = tuple(
                Finding(
                    f["check"],
                    f["severity"],
                    subjects=f.get("subjects", ()),
                    message=f["message"],
                    evidence=f.get("evidence", {}),
                )
                for f in data["findings"]
            )
            config = AuditConfig.from_dict(data.get("config", {}))
            return cls(
                findings=tuple(sorted(findings, key=_finding_key)),
                titles=FrozenMap({c["id"]: c.get("title", "") for c in checks}),
                scores=FrozenMap({c["id"]: float(c["score"]) for c in checks}),
                weights=FrozenMap({c["id"]: float(c.get("weight", 1.0)) for c in checks}),
                score=float(data["score"]),
                network=str(data.get("network", "")),
                steward=data.get("steward"),
                config=config,
            )
        except DocumentError:
            raise
        except (KeyError, TypeError, ValueError) as err:
            raise DocumentError(
                [Problem("$", f"not an audit report: {type(err).__name__}: {err}")]
            ) from None

    def to_excel(self, path: Any, net: Any = None, *, scorecard: Any = True) -> None:
        """Write the report as an Excel workbook: sheets Summary, Checks, Findings (all of
        them) and Scorecard, with bold headers, frozen panes and filters (needs openpyxl).

        Args:
            path: the `.xlsx` file to write (a `str` or `os.PathLike`), replaced atomically.
            net: the audited [`ChannelNetwork`][channelvalue.ChannelNetwork]: names and the
                scorecard come from it.
            scorecard: True (build it from `net`), False (no sheet) or a
                [`Scorecard`][channelvalue.aligning.Scorecard].

        Examples:
            >>> import channelvalue as cv, pathlib, tempfile
            >>> net = cv.datasets.example()
            >>> path = pathlib.Path(tempfile.mkdtemp()) / "audit.xlsx"
            >>> cv.audit(net).to_excel(path, net)
            >>> path.stat().st_size > 0
            True
        """
        from ._excel import to_excel

        to_excel(self, path, net, scorecard=scorecard)


def _overall(scores: Mapping[str, float], weights: Mapping[str, float]) -> float:
    total = math.fsum(weights[c] for c in scores)
    if total <= 0:
        return 100.0
    return round(math.fsum(scores[c] * weights[c] for c in scores) / total, 1)
