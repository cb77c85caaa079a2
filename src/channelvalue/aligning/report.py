"""The [`AuditReport`][channelvalue.AuditReport]: every finding in a fixed order, which checks
were assessed, counts, scores and renderings.

Scores
------
Every finding has a *share* (0..1) of its check's population: the revenue share of the
partner it names, the weight of a segment, ... ([`Finding.share`][channelvalue.Finding]). A
check's score is

    score = 100 * max(0, 1 - sum severity_weight * share)

over its findings, with severity weights error 1, warning 0.5, info 0, so a check with no
warnings or errors scores 100 and the same channel health scores the same at any size.
A check whose input data is absent is *not assessed*: it has no score and its reason is in
`not_assessed`. The overall score is the mean of the assessed checks' scores weighted by
each check's `weight`; None when no check was assessed.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning import audit
    >>> report = audit(cv.datasets.example(), checks=["reporting"])
    >>> report.checks
    ('reporting.coverage', 'reporting.manager_load')
    >>> report.counts
    {'error': 0, 'warning': 5, 'info': 0}
    >>> # 4 warnings about partners with 1.41% of partner revenue: 100 * (1 - 0.5 * 0.0141)
    >>> round(report.scores["reporting.coverage"], 2)
    99.29
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs

from .._optional import require_pandas
from ..core._gc import paused_gc
from ..errors import DocumentError, Problem, UnknownIdError, ValidationError, WrongTypeError
from ..model import Finding, Severity
from ..model._frozen import FrozenMap
from . import _render
from .config import AuditConfig
from .findings import check_score

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "AuditReport", "Labels", "check_score"]

FORMAT_NAME = "channelvalue-audit"
"""The `format` field of [`AuditReport.to_dict`][channelvalue.aligning.AuditReport.to_dict]."""
FORMAT_VERSION = 2
"""The `format_version` field of
[`AuditReport.to_dict`][channelvalue.aligning.AuditReport.to_dict] (2: shares, not-assessed
checks, coverage and names; version 1 reports are refused, their scores meant something
else)."""

Labels = Literal["name", "id"]
"""How renderings show the subjects of findings: by `"name"` (the default) or by `"id"`."""

_SEVERITIES = ("error", "warning", "info")


def _severity(value: Any, where: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        valid = ", ".join(repr(s.value) for s in Severity)
        raise ValidationError("AuditReport", where, value, f"one of {valid}") from None


def _labels(value: Any, where: str) -> Labels:
    if value == "name":
        return "name"
    if value == "id":
        return "id"
    raise ValidationError("AuditReport", where, value, "'name' or 'id'")


def _limit(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError("AuditReport", where, value, "an integer >= 0 or None (all)")
    return int(value)


_NEG_RANK = {s: -s.rank for s in Severity}


def _finding_key(f: Finding) -> tuple[Any, ...]:
    # `(*f.sort_key, evidence items, share)`, spelt out: it is computed once per finding
    share = f.share
    return (
        _NEG_RANK[f.severity],
        f.check,
        f.subjects,
        f.message,
        tuple(f.evidence.items()),
        -1.0 if share is None else share,
    )


def _sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    """`sorted(findings, key=_finding_key)`, computed in steps that compare less:

    1. group the findings by severity and check (each group keeps the findings' order)
       and take the groups in key order;
    2. in each group, sort by subjects (by the one subject as a string when every finding
       of the group has exactly one: a 1-tuple compares as its item);
    3. sort each run of findings with equal subjects by the whole key.

    Every sort is stable, and a stable sort by a key equals a stable sort by a prefix of
    it followed by a stable sort of each run of equal prefixes by the whole key: the order
    is exactly `sorted(findings, key=_finding_key)`.

    Examples:
        >>> import channelvalue as cv
        >>> f = [cv.Finding("a.b", "info", message="m", evidence={"x": 2.0}),
        ...      cv.Finding("a.b", "info", message="m", evidence={"x": 1.0}),
        ...      cv.Finding("a.a", "error", message="z")]
        >>> [(g.check, dict(g.evidence)) for g in _sorted_findings(f)]
        [('a.a', {}), ('a.b', {'x': 1.0}), ('a.b', {'x': 2.0})]
        >>> _sorted_findings(f) == sorted(f, key=_finding_key)
        True
    """
    neg = _NEG_RANK
    groups: dict[tuple[int, str], list[Finding]] = {}
    for f in findings:
        key = (neg[f.severity], f.check)
        group = groups.get(key)
        if group is None:
            groups[key] = group = []
        group.append(f)
    out: list[Finding] = []
    for key in sorted(groups):
        group = groups[key]
        subjects: list[Any]
        if all(len(f.subjects) == 1 for f in group):
            subjects = [f.subjects[0] for f in group]
        else:
            subjects = [f.subjects for f in group]
        order = sorted(range(len(group)), key=subjects.__getitem__)
        ranked = [group[i] for i in order]
        ranked_subjects = [subjects[i] for i in order]
        start, n = 0, len(ranked)
        for end in range(1, n + 1):
            if end < n and ranked_subjects[end] == ranked_subjects[start]:
                continue
            if end - start > 1:
                ranked[start:end] = sorted(ranked[start:end], key=_finding_key)
            start = end
        out.extend(ranked)
    return out


@attrs.frozen(slots=True, repr=False)
class AuditReport:
    """What `audit` found: every finding, which checks were assessed, counts and scores.

    Attributes:
        findings: every finding (nothing is folded away), most severe first, then by
            check, subjects, message.
        titles: every check of the audit, by id (sorted), with its title (not-assessed
            checks included).
        scores: each *assessed* check's 0..100 score (see the module docs for the formula).
        weights: each check's weight in the overall score.
        score: the overall score, the weighted mean of the assessed checks' scores; None
            when no check was assessed.
        not_assessed: each check that was not assessed, with the reason (`"no flow tables
            or margins"`): it has no score and no findings.
        coverage: each check's share (0..1) of partner revenue it could see (0 for a check
            not assessed).
        names: the display name (organization, segment or manager name, else the id) of
            every subject of a finding.
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
        >>> r.names["res-07"], r.names["dist-north"]
        ('Reseller 07', 'Northbridge Distribution')
    """

    findings: tuple[Finding, ...]
    titles: FrozenMap[str, str]
    scores: FrozenMap[str, float]
    weights: FrozenMap[str, float]
    score: float | None
    network: str = ""
    steward: str | None = None
    config: AuditConfig = attrs.field(factory=AuditConfig)
    not_assessed: FrozenMap[str, str] = attrs.field(factory=FrozenMap)
    coverage: FrozenMap[str, float] = attrs.field(factory=FrozenMap)
    names: FrozenMap[str, str] = attrs.field(factory=FrozenMap)

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
        not_assessed: Mapping[str, str] | None = None,
        coverage: Mapping[str, float] | None = None,
        names: Mapping[str, str] | None = None,
    ) -> AuditReport:
        """Build a report from each assessed check's findings (and the reasons of the checks
        that were not assessed): sort them and compute the scores.

        A finding without a `share` counts as share 1 here (the audit fills shares in before
        it calls this).

        Examples:
            >>> import channelvalue as cv
            >>> r = AuditReport.from_results(
            ...     {"a.b": [cv.Finding("a.b", "warning", message="m", share=0.2)], "a.c": []},
            ...     not_assessed={"a.d": "no data"})
            >>> r.scores, r.score  # 100 * (1 - 0.5 * 0.2) = 90; mean with 100
            (FrozenMap({'a.b': 90.0, 'a.c': 100.0}), 95.0)
            >>> r.checks, r.not_assessed["a.d"]
            (('a.b', 'a.c', 'a.d'), 'no data')
            >>> AuditReport.from_results({}).score is None
            True
        """
        cfg = config or AuditConfig()
        skipped = {str(k): str(v) for k, v in (not_assessed or {}).items() if k not in results}
        ids = sorted(results)
        every = sorted({*ids, *skipped})
        titles = {i: (titles or {}).get(i, "") for i in every}
        weights = {i: float((weights or {}).get(i, 1.0)) for i in every}
        scores = {i: check_score(results[i]) for i in ids}
        findings = _sorted_findings(f for i in ids for f in results[i])
        cov = {i: float((coverage or {}).get(i, 1.0)) for i in ids}
        cov.update((i, 0.0) for i in skipped)
        subject_set = {s for f in findings for s in f.subjects}
        if steward is not None:
            subject_set.add(steward)
        subject_ids = sorted(subject_set)
        given = names or {}
        return cls(
            findings=tuple(findings),
            titles=FrozenMap(titles),
            scores=FrozenMap(scores),
            weights=FrozenMap(weights),
            score=_overall(scores, weights),
            network=network,
            steward=steward,
            config=cfg,
            not_assessed=FrozenMap({i: skipped[i] for i in sorted(skipped)}),
            coverage=FrozenMap({i: cov[i] for i in every}),
            names=FrozenMap({i: str(given.get(i, i)) or i for i in subject_ids}),
        )

    # ------------------------------------------------------------------ reading
    @property
    def checks(self) -> tuple[str, ...]:
        """The ids of every check of the audit (assessed or not), sorted.

        Examples:
            >>> AuditReport.from_results({"b.x": [], "a.y": []}).checks
            ('a.y', 'b.x')
        """
        return tuple(self.titles)

    @property
    def assessed(self) -> tuple[str, ...]:
        """The ids of the checks that were assessed (those with a score), sorted.

        Examples:
            >>> AuditReport.from_results({"b.x": []}, not_assessed={"a.y": "no data"}).assessed
            ('b.x',)
        """
        return tuple(c for c in self.titles if c in self.scores)

    def label(self, subject: str, labels: Labels = "name") -> str:
        """How a subject is shown: its name (`labels="name"`) or its id.

        Examples:
            >>> import channelvalue as cv
            >>> r = cv.audit(cv.datasets.example(), checks=["reporting.manager_load"])
            >>> r.label("pam-south"), r.label("pam-south", "id")
            ('Tom Berg (partner manager, south)', 'pam-south')
        """
        return subject if labels == "id" else self.names.get(subject, subject)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def __len__(self) -> int:
        return len(self.findings)

    @property
    def counts(self) -> dict[str, int]:
        """Number of findings by severity.

        Examples:
            >>> import channelvalue as cv
            >>> f = cv.Finding("a.b", "warning", message="m")
            >>> AuditReport.from_results({"a.b": [f]}).counts
            {'error': 0, 'warning': 1, 'info': 0}
        """
        out = dict.fromkeys(_SEVERITIES, 0)
        for severity, n in Counter([f.severity for f in self.findings]).items():
            out[severity.value] += n
        return out

    @property
    def counts_by_check(self) -> dict[str, dict[str, int]]:
        """Number of findings by check, then by severity (every check is listed; one that was
        not assessed has none).

        Examples:
            >>> AuditReport.from_results({"a.b": []}).counts_by_check
            {'a.b': {'error': 0, 'warning': 0, 'info': 0}}
        """
        out = {c: dict.fromkeys(_SEVERITIES, 0) for c in self.checks}
        found = self.findings
        for c in dict.fromkeys([f.check for f in found]):  # other checks, first-seen order
            if c not in out:
                out[c] = dict.fromkeys(_SEVERITIES, 0)
        for severity in Severity:  # counted per severity: no tuple per finding
            for c, n in Counter([f.check for f in found if f.severity is severity]).items():
                out[c][severity.value] += n
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
                those checks (assessed or not), their scores and the overall score of them.
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
        scores = {c: self.scores[c] for c in keep_checks if c in self.scores}
        weights = {c: self.weights[c] for c in keep_checks}
        subjects = {s for f in findings for s in f.subjects} | {self.steward}
        return attrs.evolve(
            self,
            findings=findings,
            titles=FrozenMap({c: self.titles[c] for c in keep_checks}),
            scores=FrozenMap(scores),
            weights=FrozenMap(weights),
            score=_overall(scores, weights),
            not_assessed=FrozenMap({c: r for c, r in self.not_assessed.items() if c in kept}),
            coverage=FrozenMap({c: v for c, v in self.coverage.items() if c in kept}),
            names=FrozenMap({k: v for k, v in self.names.items() if k in subjects}),
        )

    # ------------------------------------------------------------------ output
    def to_frame(self, *, labels: Labels = "name", expand_evidence: bool = False) -> Any:
        """Every finding as a pandas DataFrame, one row each (needs pandas).

        Columns: `check`, `title`, `severity`, `share`, `subjects` (ids, comma-separated),
        `names` (the subjects' names, or their ids with `labels="id"`), `message` and
        `evidence` (a dict), or one `evidence.<name>` column per evidence name when
        `expand_evidence` is True. Messages name organizations, segments and managers by
        name either way.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> df = audit(cv.datasets.example(), checks=["reporting"]).to_frame()
            >>> list(df.columns), len(df)  # doctest: +NORMALIZE_WHITESPACE
            (['check', 'title', 'severity', 'share', 'subjects', 'names', 'message',
              'evidence'], 5)
        """
        pd = require_pandas("AuditReport.to_frame()")
        how = _labels(labels, "to_frame.labels")
        if expand_evidence:
            rows = [
                _render.finding_row(self, f, labels=how, expand_evidence=True)
                for f in self.findings
            ]
            columns = list(_render.FINDING_COLUMNS)
            return pd.DataFrame(rows, columns=columns if not rows else None)
        # column by column: one list per column and one DataFrame construction (the same
        # frame as one row dict per finding, built several times faster)
        if not self.findings:  # object columns, as a frame of no rows is built
            return pd.DataFrame([], columns=[*_render.FINDING_COLUMNS, "evidence"])
        with paused_gc():
            return pd.DataFrame(_render.finding_columns(self, labels=how))

    def checks_frame(self) -> Any:
        """One row per check (assessed or not), as a pandas DataFrame (needs pandas).

        Columns: `check`, `title`, `assessed`, `reason` (why not assessed, else empty),
        `score` (NaN when not assessed), `weight`, `coverage` (share of partner revenue the
        check could see), `errors`, `warnings`, `infos`.

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> df = audit(cv.datasets.example()).checks_frame().set_index("check")
            >>> int(df.loc["reporting.coverage", "warnings"])
            4
        """
        pd = require_pandas("AuditReport.checks_frame()")
        return pd.DataFrame(_render.check_rows(self), columns=list(_render.CHECK_COLUMNS))

    def to_text(self, *, limit: int | None = 10, labels: Labels = "name") -> str:
        """A plain-text report: header, a table of checks, then each check's top `limit`
        findings and how many more there are (`limit=None`: all).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> print(audit(cv.datasets.example()).to_text().splitlines()[0])
            Audit of Acme Networks channel (steward Acme Networks): score ...
        """
        return _render.text(
            self, limit=_limit(limit, "to_text.limit"), labels=_labels(labels, "to_text.labels")
        )

    def to_markdown(self, *, limit: int | None = 10, labels: Labels = "name") -> str:
        """A Markdown report: header, checks table (not-assessed checks with their reason),
        then each check's top `limit` findings and "and N more" (`limit=None`: all).

        Examples:
            >>> import channelvalue as cv
            >>> from channelvalue.aligning import audit
            >>> md = audit(cv.datasets.example(), checks=["reporting"]).to_markdown()
            >>> md.splitlines()[0]
            '# Audit of Acme Networks channel (steward Acme Networks)'
        """
        return _render.markdown(
            self,
            limit=_limit(limit, "to_markdown.limit"),
            labels=_labels(labels, "to_markdown.labels"),
        )

    def to_html(self, *, limit: int | None = 10, labels: Labels = "name") -> str:
        """An HTML report (what a notebook shows): header, checks table, then each check's
        top `limit` findings and "and N more" (`limit=None`: all). Every string from the
        data is escaped.

        Examples:
            >>> import channelvalue as cv
            >>> html = cv.audit(cv.datasets.example()).to_html(limit=1)
            >>> html.startswith("<div>"), "more" in html
            (True, True)
        """
        return _render.html_report(
            self,
            limit=_limit(limit, "to_html.limit"),
            labels=_labels(labels, "to_html.labels"),
        )

    def _repr_html_(self) -> str:
        return _render.html_report(self, limit=_render.HTML_LIMIT, labels="name")

    def __repr__(self) -> str:
        c = self.counts
        name = f" {self.network!r}" if self.network else ""
        score = "no score" if self.score is None else f"score {self.score:.1f}"
        return (
            f"<AuditReport{name}: {score}, {c['error']} errors, "
            f"{c['warning']} warnings, {c['info']} info; {len(self.assessed)} of "
            f"{len(self.checks)} checks assessed>"
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
                    "assessed": c in self.scores,
                    **(
                        {"score": self.scores[c]}
                        if c in self.scores
                        else {"reason": self.not_assessed.get(c, "")}
                    ),
                    "coverage": self.coverage.get(c, 0.0),
                    "counts": by_check[c],
                }
                for c in self.checks
            ],
            "findings": [_render.finding_dict(f) for f in self.findings],
            "names": dict(self.names),
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
              $.format_version: expected 2
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
                    share=f.get("share"),
                )
                for f in data["findings"]
            )
            config = AuditConfig.from_dict(data.get("config", {}))
            score = data["score"]
            return cls(
                findings=tuple(_sorted_findings(findings)),
                titles=FrozenMap({c["id"]: c.get("title", "") for c in checks}),
                scores=FrozenMap({c["id"]: float(c["score"]) for c in checks if "score" in c}),
                weights=FrozenMap({c["id"]: float(c.get("weight", 1.0)) for c in checks}),
                score=None if score is None else float(score),
                network=str(data.get("network", "")),
                steward=data.get("steward"),
                config=config,
                not_assessed=FrozenMap(
                    {c["id"]: str(c.get("reason", "")) for c in checks if "score" not in c}
                ),
                coverage=FrozenMap({c["id"]: float(c.get("coverage", 0.0)) for c in checks}),
                names=FrozenMap({str(k): str(v) for k, v in dict(data.get("names", {})).items()}),
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


def _overall(scores: Mapping[str, float], weights: Mapping[str, float]) -> float | None:
    total = math.fsum(weights[c] for c in scores)
    if not scores or total <= 0:
        return None
    return math.fsum(scores[c] * weights[c] for c in sorted(scores)) / total
