"""The check registry: every alignment check under a stable dotted id.

A check is a plain function `(net, config) -> Iterable[Finding]`. The built-in checks
live in `channelvalue.aligning.checks` and register themselves in
[`REGISTRY`][channelvalue.aligning.audit.REGISTRY] with the
[`register`][channelvalue.aligning.registry.register] decorator; your own checks register the same
way and then run in every `audit` (or in a chosen subset).

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.aligning.authoring import CheckRegistry
    >>> reg = CheckRegistry()
    >>> @reg.register("acme.big_partners")
    ... def big_partners(net, config):
    ...     '''Partners with more than 10M revenue.'''
    ...     for org in net.organizations.values():
    ...         if org.revenue > 10e6 and org.id != net.steward_id:
    ...             yield cv.Finding("acme.big_partners", "info", subjects=[org.id],
    ...                              message=f"{org.id} is a big partner")
    >>> reg.ids, reg["acme.big_partners"].title
    (('acme.big_partners',), 'Partners with more than 10M revenue.')
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias, overload

import attrs

from ..errors import DuplicateIdError, UnknownIdError, ValidationError, WrongTypeError
from ..model import Finding

if TYPE_CHECKING:
    from ..core.network import ChannelNetwork
    from .config import AuditConfig

__all__ = [
    "CHECK_ID_PATTERN",
    "NOT_APPLICABLE",
    "REGISTRY",
    "Check",
    "CheckFunction",
    "CheckRegistry",
    "Coverage",
    "Requirement",
    "get_check",
    "register",
    "registered",
    "unregister",
]

CheckFunction: TypeAlias = "Callable[[ChannelNetwork, AuditConfig], Iterable[Finding]]"
"""What a check is: a function of the network and the audit configuration."""

Requirement: TypeAlias = "Callable[[ChannelNetwork], str | None]"
"""What a check needs of the network: a function that returns why the check cannot be
assessed on it (`"no flow tables or margins"`), or None when it can."""

Coverage: TypeAlias = "Callable[[ChannelNetwork], float]"
"""The share (0..1) of partner revenue a check can see on a network (the partners with the
data it reads)."""

NOT_APPLICABLE = "the check does not apply to this network"
"""The not-assessed reason of a check whose `applies` said False."""

CHECK_ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$")
"""A check id is two or more dot-separated words of letters, digits, `_` or `-`."""

_ID_EXPECTED = "a dotted id such as 'family.name' (letters, digits, '_' or '-')"


def _check_id(value: Any) -> str:
    if type(value) is not str or not CHECK_ID_PATTERN.match(value):
        raise ValidationError("Check", "id", value, _ID_EXPECTED)
    return value


def _title_of(function: Callable[..., Any]) -> str:
    doc = (getattr(function, "__doc__", None) or "").strip()
    return doc.splitlines()[0].strip() if doc else getattr(function, "__name__", "")


@attrs.frozen(slots=True)
class Check:
    """A registered check: its id, the function that runs it, a title and a score weight.

    Attributes:
        id: the stable dotted id, e.g. `reporting.coverage`; its first word is the family.
        function: `(net, config) -> Iterable[Finding]`.
        title: one line saying what the check looks for (defaults to the docstring's).
        weight: the weight of the check's score in the overall score (> 0).
        applies: `net -> bool`, or `None` (always): when it says False the check is not
            assessed (reason: "the check does not apply to this network"). Prefer `requires`,
            which says why.
        requires: `net -> str | None`
            ([`Requirement`][channelvalue.aligning.registry.Requirement]), or `None`: the
            reason the check cannot be assessed on the network (its input data is absent,
            e.g. `"no flow tables or margins"`), or None when it can. A check that is not
            assessed does not run: it has no findings and no score, is left out of the
            overall score and is listed with its reason in
            [`AuditReport.not_assessed`][channelvalue.AuditReport].
        coverage: `net -> float` ([`Coverage`][channelvalue.aligning.registry.Coverage]), or
            `None` (all of it): the share of partner revenue the check can see.

    Examples:
        >>> c = Check("x.y", lambda net, config: [], title="Nothing")
        >>> c.family, c.weight
        ('x', 1.0)
    """

    id: str = attrs.field(converter=_check_id)
    function: CheckFunction = attrs.field(repr=False)
    title: str = attrs.field(default="", kw_only=True)
    weight: float = attrs.field(default=1.0, kw_only=True)
    applies: Callable[[ChannelNetwork], bool] | None = attrs.field(
        default=None, kw_only=True, repr=False
    )
    requires: Requirement | None = attrs.field(default=None, kw_only=True, repr=False)
    coverage: Coverage | None = attrs.field(default=None, kw_only=True, repr=False)

    def __attrs_post_init__(self) -> None:
        if not callable(self.function):
            raise WrongTypeError(f"Check {self.id!r}", self.function, "a callable (net, config)")
        if type(self.title) is not str:
            raise ValidationError("Check", "title", self.title, "a string")
        w = self.weight
        if (
            isinstance(w, bool)
            or not isinstance(w, int | float)
            or not (math.isfinite(w) and w > 0)
        ):
            raise ValidationError("Check", "weight", w, "a finite number > 0")
        object.__setattr__(self, "weight", float(w))
        if not self.title:
            object.__setattr__(self, "title", _title_of(self.function))
        for name in ("applies", "requires", "coverage"):
            value = getattr(self, name)
            if value is not None and not callable(value):
                raise WrongTypeError(f"Check {self.id!r}.{name}", value, "a callable (net)")

    def missing(self, net: ChannelNetwork) -> str | None:
        """Why the check cannot be assessed on `net` (its `applies` or `requires`), or None.

        Examples:
            >>> import channelvalue as cv
            >>> c = Check("x.y", lambda net, config: [],
            ...           requires=lambda net: None if net.segments else "no segments")
            >>> c.missing(cv.ChannelNetwork()), c.missing(cv.datasets.example())
            ('no segments', None)
        """
        if self.applies is not None and not self.applies(net):
            return NOT_APPLICABLE
        if self.requires is not None:
            reason = self.requires(net)
            if reason is not None:
                return str(reason) or NOT_APPLICABLE
        return None

    def coverage_of(self, net: ChannelNetwork) -> float:
        """The share of partner revenue the check can see on `net` (1 without `coverage`).

        Examples:
            >>> import channelvalue as cv
            >>> Check("x.y", lambda net, config: []).coverage_of(cv.ChannelNetwork())
            1.0
        """
        if self.coverage is None:
            return 1.0
        x = float(self.coverage(net))
        return min(1.0, max(0.0, x)) if math.isfinite(x) else 0.0

    @property
    def family(self) -> str:
        """The first word of the id (`reporting` for `reporting.coverage`).

        Examples:
            >>> Check("reporting.coverage", lambda net, config: []).family
            'reporting'
        """
        return self.id.split(".", 1)[0]

    def __call__(self, net: ChannelNetwork, config: AuditConfig) -> Iterable[Finding]:
        """Run the check (without the audit's error handling)."""
        return self.function(net, config)


class CheckRegistry:
    """A set of checks by id. [`REGISTRY`][channelvalue.aligning.audit.REGISTRY] is the default one
    that `audit` uses.

    Args:
        checks: checks to start with.

    Examples:
        >>> reg = CheckRegistry()
        >>> _ = reg.register("a.one", lambda net, config: [], title="One")
        >>> "a.one" in reg, len(reg), reg.select(["a"])[0].id
        (True, 1, 'a.one')
    """

    __slots__ = ("_checks",)

    def __init__(self, checks: Iterable[Check] = ()) -> None:
        self._checks: dict[str, Check] = {}
        for c in checks:
            if not isinstance(c, Check):
                raise WrongTypeError("CheckRegistry", c, "Check objects")
            self.add(c)

    def add(self, item: Check, *, replace: bool = False) -> Check:
        """Add a [`Check`][channelvalue.aligning.audit.Check]; an id already taken is refused unless
        `replace=True`.

        Examples:
            >>> reg = CheckRegistry()
            >>> reg.add(Check("a.b", lambda net, config: [])).id
            'a.b'
            >>> reg.add(Check("a.b", lambda net, config: []))
            Traceback (most recent call last):
            ...
            channelvalue.errors.DuplicateIdError: id 'a.b' is already used by a registered ...
        """
        if not isinstance(item, Check):
            raise WrongTypeError("CheckRegistry.add", item, "a Check")
        if item.id in self._checks and not replace:
            raise DuplicateIdError(item.id, existing="registered check (pass replace=True)")
        self._checks[item.id] = item
        return item

    @overload
    def register(
        self,
        id: str,
        function: None = None,
        *,
        title: str = "",
        weight: float = 1.0,
        replace: bool = False,
        applies: Callable[[ChannelNetwork], bool] | None = None,
        requires: Requirement | None = None,
        coverage: Coverage | None = None,
    ) -> Callable[[CheckFunction], CheckFunction]: ...

    @overload
    def register(
        self,
        id: str,
        function: CheckFunction,
        *,
        title: str = "",
        weight: float = 1.0,
        replace: bool = False,
        applies: Callable[[ChannelNetwork], bool] | None = None,
        requires: Requirement | None = None,
        coverage: Coverage | None = None,
    ) -> Check: ...

    def register(
        self,
        id: str,
        function: CheckFunction | None = None,
        *,
        title: str = "",
        weight: float = 1.0,
        replace: bool = False,
        applies: Callable[[ChannelNetwork], bool] | None = None,
        requires: Requirement | None = None,
        coverage: Coverage | None = None,
    ) -> Check | Callable[[CheckFunction], CheckFunction]:
        """Register a check under `id`: called with `function`, or as a decorator.

        `reg.register(id, function)` returns the [`Check`][channelvalue.aligning.audit.Check];
        `@reg.register(id)` registers the decorated function and returns it unchanged.

        Raises:
            ValidationError: the id is not dotted, or the weight is not > 0.
            DuplicateIdError: the id is taken (and `replace` is False).

        Examples:
            >>> reg = CheckRegistry()
            >>> reg.register("a.empty", lambda net, config: []).id
            'a.empty'
            >>> @reg.register("a.quiet", weight=2)
            ... def quiet(net, config):
            ...     return []
            >>> reg["a.quiet"].weight, quiet.__name__
            (2.0, 'quiet')
            >>> CheckRegistry().register("nodots", lambda net, config: [])
            Traceback (most recent call last):
            ...
            channelvalue.errors.ValidationError: Check.id: got 'nodots' but expected a dotted id ...
        """
        if function is not None:
            return self.add(
                Check(
                    id,
                    function,
                    title=title,
                    weight=weight,
                    applies=applies,
                    requires=requires,
                    coverage=coverage,
                ),
                replace=replace,
            )
        _check_id(id)

        def decorate(function: CheckFunction) -> CheckFunction:
            self.add(
                Check(
                    id,
                    function,
                    title=title,
                    weight=weight,
                    applies=applies,
                    requires=requires,
                    coverage=coverage,
                ),
                replace=replace,
            )
            return function

        return decorate

    def unregister(self, id: str) -> Check:
        """Remove a check and return it.

        Raises:
            UnknownIdError: no check has this id.

        Examples:
            >>> reg = CheckRegistry([Check("a.b", lambda net, config: [])])
            >>> reg.unregister("a.b").id, len(reg)
            ('a.b', 0)
        """
        found = self[id]
        del self._checks[id]
        return found

    def __getitem__(self, id: str) -> Check:
        try:
            return self._checks[id]
        except (KeyError, TypeError):
            raise UnknownIdError(id, kind="check", hint=self._hint()) from None

    def _hint(self) -> str:
        ids = self.ids
        shown = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
        return f"known checks: {shown}" if ids else "no checks are registered"

    def __contains__(self, id: object) -> bool:
        return id in self._checks

    def __iter__(self) -> Iterator[Check]:
        return iter([self._checks[i] for i in self.ids])

    def __len__(self) -> int:
        return len(self._checks)

    def __repr__(self) -> str:
        return f"<CheckRegistry: {len(self)} checks>"

    @property
    def ids(self) -> tuple[str, ...]:
        """The registered ids, sorted.

        Examples:
            >>> CheckRegistry([Check("b.x", print), Check("a.y", print)]).ids
            ('a.y', 'b.x')
        """
        return tuple(sorted(self._checks))

    @property
    def families(self) -> tuple[str, ...]:
        """The families (first words of the ids), sorted.

        Examples:
            >>> CheckRegistry([Check("b.x", print), Check("b.y", print)]).families
            ('b',)
        """
        return tuple(sorted({c.family for c in self._checks.values()}))

    def select(self, ids: Iterable[str | Check] | None = None) -> tuple[Check, ...]:
        """The checks named by `ids` (all when None), sorted by id, without repeats.

        Each entry is a check id, a family (`"reporting"` picks every
        `reporting.*` check) or a [`Check`][channelvalue.aligning.audit.Check] object (run even if
        not registered).

        Raises:
            UnknownIdError: an entry names no registered check or family.
            WrongTypeError: `ids` is a bare string or holds something else.

        Examples:
            >>> reg = CheckRegistry([Check("a.x", print), Check("a.y", print), Check("b.z", print)])
            >>> [c.id for c in reg.select(["b.z", "a"])]
            ['a.x', 'a.y', 'b.z']
        """
        if ids is None:
            return tuple(self)
        if isinstance(ids, str | bytes) or not isinstance(ids, Iterable):
            raise WrongTypeError("checks", ids, "a list of check ids, families or Check objects")
        chosen: dict[str, Check] = {}
        for entry in ids:
            if isinstance(entry, Check):
                chosen[entry.id] = entry
            elif type(entry) is str and entry in self._checks:
                chosen[entry] = self._checks[entry]
            elif type(entry) is str and entry in self.families:
                chosen.update((c.id, c) for c in self._checks.values() if c.family == entry)
            elif type(entry) is str:
                raise UnknownIdError(entry, kind="check", where="checks", hint=self._hint())
            else:
                raise WrongTypeError("checks", entry, "a check id, a family or a Check")
        return tuple(chosen[i] for i in sorted(chosen))

    def copy(self) -> CheckRegistry:
        """An independent registry holding the same checks.

        Examples:
            >>> reg = CheckRegistry([Check("a.x", print)])
            >>> other = reg.copy()
            >>> _ = other.unregister("a.x")
            >>> len(reg), len(other)
            (1, 0)
        """
        return CheckRegistry(self._checks.values())


REGISTRY = CheckRegistry()
"""The default registry: the built-in checks and every check passed to
[`register`][channelvalue.aligning.registry.register]."""


@overload
def register(
    id: str,
    function: None = None,
    *,
    title: str = "",
    weight: float = 1.0,
    replace: bool = False,
    registry: CheckRegistry | None = None,
    applies: Callable[[ChannelNetwork], bool] | None = None,
    requires: Requirement | None = None,
    coverage: Coverage | None = None,
) -> Callable[[CheckFunction], CheckFunction]: ...


@overload
def register(
    id: str,
    function: CheckFunction,
    *,
    title: str = "",
    weight: float = 1.0,
    replace: bool = False,
    registry: CheckRegistry | None = None,
    applies: Callable[[ChannelNetwork], bool] | None = None,
    requires: Requirement | None = None,
    coverage: Coverage | None = None,
) -> Check: ...


def register(
    id: str,
    function: CheckFunction | None = None,
    *,
    title: str = "",
    weight: float = 1.0,
    replace: bool = False,
    registry: CheckRegistry | None = None,
    applies: Callable[[ChannelNetwork], bool] | None = None,
    requires: Requirement | None = None,
    coverage: Coverage | None = None,
) -> Check | Callable[[CheckFunction], CheckFunction]:
    """Register a check (in [`REGISTRY`][channelvalue.aligning.audit.REGISTRY] by default): called
    or as a decorator.

    `register(id, function)` registers `function` and returns the
    [`Check`][channelvalue.aligning.audit.Check]; `@register(id)` registers the decorated function
    and returns it unchanged.

    Args:
        id: the check's stable dotted id (`"family.name"`).
        function: `(net, config) -> Iterable[Finding]`; omit it to get a decorator.
        title: one line saying what it looks for (default: the docstring's first line).
        weight: its weight in the overall score.
        replace: allow replacing a check with the same id.
        registry: where to register (default [`REGISTRY`][channelvalue.aligning.audit.REGISTRY]).
        applies: `(net) -> bool`: when False the check is not assessed.
        requires: `(net) -> str | None`: why the check cannot be assessed (its input data
            is absent), or None when it can; see [`Check`][channelvalue.aligning.audit.Check].
        coverage: `(net) -> float`: the share of partner revenue the check can see.

    Raises:
        ValidationError: the id is not dotted, or the weight is not > 0.
        DuplicateIdError: the id is taken (and `replace` is False).

    Examples:
        >>> @register("demo.nothing")
        ... def nothing(net, config):
        ...     '''Never finds anything.'''
        ...     return []
        >>> get_check("demo.nothing").title
        'Never finds anything.'
        >>> c = register("demo.empty", lambda net, config: [], title="Empty")
        >>> c.id in registered()
        True
        >>> _ = unregister("demo.nothing"), unregister("demo.empty")
    """
    reg = REGISTRY if registry is None else registry
    if function is None:
        return reg.register(
            id,
            title=title,
            weight=weight,
            replace=replace,
            applies=applies,
            requires=requires,
            coverage=coverage,
        )
    return reg.register(
        id,
        function,
        title=title,
        weight=weight,
        replace=replace,
        applies=applies,
        requires=requires,
        coverage=coverage,
    )


def unregister(id: str, *, registry: CheckRegistry | None = None) -> Check:
    """Remove a check (from [`REGISTRY`][channelvalue.aligning.audit.REGISTRY] by default) and
    return it.

    Examples:
        >>> unregister("no.such")
        Traceback (most recent call last):
        ...
        channelvalue.errors.UnknownIdError: unknown check id 'no.such' (...)
    """
    return (REGISTRY if registry is None else registry).unregister(id)


def get_check(id: str, *, registry: CheckRegistry | None = None) -> Check:
    """The registered [`Check`][channelvalue.aligning.audit.Check] with this id.

    Examples:
        >>> get_check("reporting.coverage").family
        'reporting'
    """
    return (REGISTRY if registry is None else registry)[id]


def registered(*, registry: CheckRegistry | None = None) -> tuple[str, ...]:
    """The ids of the registered checks, sorted (the built-in ones included).

    Examples:
        >>> "conflict.overlap" in registered()
        True
    """
    return (REGISTRY if registry is None else registry).ids
