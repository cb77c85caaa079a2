"""Hypothesis strategies for channelvalue: every domain object, supply DAGs, valid networks.

Use them in your own property tests:

```python
from hypothesis import given
from channelvalue.testing import strategies as cvst

@given(cvst.networks(max_organizations=10))
def test_my_check_never_crashes(net):
    my_check(net)
```

hypothesis is not a dependency of channelvalue: `pip install hypothesis` first
(importing this module without it raises
[`MissingDependencyError`][channelvalue.MissingDependencyError]).

Conventions, in the style of `xarray.testing.strategies`:

- every parameter is keyword-only; parameters that shape a value take a *strategy*
  (pin a value with `st.just(x)`), size parameters take integers;
- sizes are bounded and small by default, so tests stay fast;
- everything shrinks toward the simplest case: short ids, zeros, empty collections,
  few nodes and links (a failing network shrinks to the smallest one that still fails).

Every object a strategy makes is valid (its constructor accepts it); every network
[`networks`][channelvalue.testing.strategies.networks] makes passes
[`validate`][channelvalue.core.network.ChannelNetwork.validate] and survives the JSON and networkx
round trips unchanged. Default text leaves out control, surrogate and unassigned characters, so
networks can also be written to GraphML.

Examples:
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, database=None)
    ... @given(networks())
    ... def test_valid(net):
    ...     assert net.validate() == () and net.steward.role is Role.VENDOR
    >>> test_valid()
"""

from __future__ import annotations

import functools
import hashlib
import string
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs

from ..core.network import ChannelNetwork, Item
from ..errors import MissingDependencyError, ValidationError, WrongTypeError
from ..model import (
    AccountList,
    Band,
    DataKind,
    EngagementModel,
    Evidence,
    Finding,
    Flow,
    FlowTable,
    Investment,
    InvestmentKind,
    Lever,
    LeverFocus,
    Link,
    Manager,
    Margin,
    Need,
    Organization,
    PriceLevel,
    ReportingMode,
    ReportsTo,
    Role,
    RoutePricing,
    Segment,
    Serves,
    ServiceOutput,
    Severity,
    SharesData,
    Supplies,
    Tier,
    ValueProposition,
)
from ..model.kinds import LINK_ROWS

try:
    from hypothesis import strategies as st
    from hypothesis.strategies import SearchStrategy
except ImportError as _err:  # pragma: no cover - hypothesis is installed wherever tests run
    raise MissingDependencyError(
        "hypothesis",
        extra="",
        feature="channelvalue.testing.strategies",
        install="pip install hypothesis",
    ) from _err

__all__ = [
    "account_lists",
    "Dag",
    "dags",
    "evidence",
    "findings",
    "flow_tables",
    "ID_ALPHABET",
    "ids",
    "investments",
    "levers",
    "links",
    "managers",
    "margins",
    "member_types",
    "needs",
    "networks",
    "organizations",
    "propositions",
    "reports_to",
    "route_pricings",
    "segments",
    "serves",
    "shares_data",
    "supplies",
    "texts",
]

T = TypeVar("T")

ID_ALPHABET = string.ascii_lowercase + string.digits + "-_."
"""The characters of default ids."""


# ---------------------------------------------------------------------- argument checks
def _strategy(where: str, value: SearchStrategy[T] | None, default: SearchStrategy[T]) -> Any:
    if value is None:
        return default
    if not isinstance(value, SearchStrategy):
        raise WrongTypeError(where, value, "a hypothesis strategy (pin a value with st.just(x))")
    return value


def _size(func: str, name: str, value: int, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValidationError(func, name, value, f"an integer >= {low}")
    return value


def _bounds(func: str, lo_name: str, lo: int, hi_name: str, hi: int, low: int) -> None:
    _size(func, lo_name, lo, low)
    _size(func, hi_name, hi, low)
    if hi < lo:
        raise ValidationError(func, hi_name, hi, f"an integer >= {lo_name} ({lo})")


# ---------------------------------------------------------------------- building blocks
# Strategies are built once and shared: hypothesis validates each strategy object on its
# first draw, so making fresh ones for every object of every network would be slow.


def _floats(low: float, high: float) -> SearchStrategy[float]:
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


_AMOUNTS = _floats(0.0, 1e12)
_UNITS = _floats(0.0, 1.0)
_FINITE = st.floats(allow_nan=False, allow_infinity=False)
_BOOLS = st.booleans()
_ID = st.text(alphabet=ID_ALPHABET, min_size=1, max_size=6)
_TEXT_CHARS = st.characters(exclude_categories=("Cc", "Cs", "Cn"))
_TEXT = st.text(_TEXT_CHARS, max_size=12)
_ROLES = st.sampled_from(Role)
_MODES = st.sampled_from([ReportingMode.INDIRECT, ReportingMode.DIRECT])


def _id_lists(element: SearchStrategy[str], max_size: int = 3) -> SearchStrategy[list[str]]:
    return st.lists(element, max_size=max_size, unique=True)


_ID_LISTS = _id_lists(_ID)
_NEEDS = st.builds(Need, level=_UNITS, importance=_floats(0.0, 5.0))

_ORG_FIELDS = st.fixed_dictionaries(
    {
        "name": _TEXT,
        "verticals": _ID_LISTS,
        "regions": _ID_LISTS,
        "revenue": _AMOUNTS,
        "volume": _AMOUNTS,
        "velocity": _floats(-1.0, 10.0),
        "tier": st.sampled_from(Tier),
        "engagement": st.none() | st.sampled_from(EngagementModel),
        "capabilities": st.dictionaries(st.sampled_from(ServiceOutput), _UNITS, max_size=4),
        "priorities": st.dictionaries(_ID, _floats(0.0, 10.0), max_size=3),
        "steward_share": st.none() | _UNITS,
        "switching_ease": st.none() | _UNITS,
        "attributes": st.dictionaries(_ID, _floats(-1e6, 1e6), max_size=2),
        "placeholder": st.booleans(),
    }
)
_SEGMENT_FIELDS = st.fixed_dictionaries(
    {
        "name": _TEXT,
        "size": _AMOUNTS,
        "band": st.none() | st.sampled_from(Band),
        "verticals": _ID_LISTS,
        "regions": _ID_LISTS,
        "needs": st.dictionaries(st.sampled_from(ServiceOutput), _NEEDS, max_size=4),
    }
)
_MANAGER_FIELDS = st.fixed_dictionaries({"name": _TEXT, "capacity": _floats(0.5, 100.0)})
_SERVES_REVENUE = st.none() | _AMOUNTS
_FEED_FIELDS = st.fixed_dictionaries(
    {
        "data": st.lists(st.sampled_from(DataKind), min_size=1, max_size=4, unique=True),
        "interval_days": _floats(0.5, 365.0),
    }
)
_EVIDENCE = st.builds(Evidence, _ID, _FINITE, source=_TEXT, unit=st.text(_TEXT_CHARS, max_size=4))
_PROPOSITION_FIELDS = st.fixed_dictionaries(
    {
        "claim": st.text(_TEXT_CHARS, min_size=1, max_size=12),
        "evidence": st.lists(_EVIDENCE, min_size=1, max_size=3),
    }
)
_LEVER_FIELDS = st.fixed_dictionaries(
    {
        "change": _TEXT,
        "acts_on": st.sampled_from(LeverFocus),
        "roles": st.lists(_ROLES, max_size=3, unique=True),
        "impact": _floats(0.0, 10.0),
    }
)
_INVESTMENT_FIELDS = st.fixed_dictionaries(
    {
        "kind": st.sampled_from(InvestmentKind),
        "amount": _AMOUNTS,
        "period": st.text(_TEXT_CHARS, max_size=6),
    }
)
_FLOW_SETS = st.lists(st.sampled_from(Flow), min_size=1, max_size=3, unique=True)
_COST_FLOWS = st.lists(st.sampled_from(Flow), max_size=2, unique=True)
_COSTS = _floats(0.0, 10.0)
_WEIGHT_0 = st.integers(0, 9)
_WEIGHT_1 = st.integers(1, 9)


@functools.cache
def _indices(high: int, min_size: int, max_size: int) -> SearchStrategy[list[int]]:
    """Distinct integers in `[0, high]` (cached: networks draw many of these)."""
    return st.lists(
        st.integers(0, high), min_size=min_size, max_size=min(max_size, high + 1), unique=True
    )


def _draw_ids(draw: st.DrawFn, pool: Sequence[str], min_size: int, max_size: int) -> list[str]:
    """Up to `max_size` distinct ids of `pool` (none when the pool is empty)."""
    if not pool:
        return []
    return [pool[k] for k in draw(_indices(len(pool) - 1, min_size, max_size))]


def _draw_one(draw: st.DrawFn, pool: Sequence[str]) -> str:
    return pool[draw(_indices(len(pool) - 1, 1, 1))[0]]


def _parts(draw: st.DrawFn, keys: Sequence[T], *, zero_ok: bool) -> dict[T, float]:
    """Shares of `keys` summing to 1 (within the model's tolerance)."""
    raw = [draw(_WEIGHT_0 if zero_ok else _WEIGHT_1) for _ in keys]
    if sum(raw) == 0:
        raw[0] = 1
    total = sum(raw)
    return {k: r / total for k, r in zip(keys, raw, strict=True)}


def _draw_flow_table(
    draw: st.DrawFn, segment: str, members: SearchStrategy[list[str]]
) -> FlowTable:
    flows = draw(_FLOW_SETS)
    weights = _parts(draw, flows, zero_ok=True)
    shares = {flow: _parts(draw, draw(members), zero_ok=False) for flow in flows}
    costs = {flow: {m: draw(_COSTS) for m in draw(members)} for flow in draw(_COST_FLOWS)}
    return FlowTable(segment, weights=weights, shares=shares, costs=costs)


# ---------------------------------------------------------------------- scalars
def ids(
    *, min_size: int = 1, max_size: int = 6, alphabet: str = ID_ALPHABET
) -> SearchStrategy[str]:
    """Non-empty ids: short strings over `alphabet`, shrinking toward one character.

    Args:
        min_size: the shortest id (>= 1).
        max_size: the longest id.
        alphabet: the characters to use (non-empty).

    Examples:
        >>> from hypothesis import find, settings
        >>> find(ids(), lambda s: len(s) > 2, settings=settings(database=None))
        '000'
    """
    _bounds("ids", "min_size", min_size, "max_size", max_size, 1)
    if type(alphabet) is not str or not alphabet:
        raise ValidationError("ids", "alphabet", alphabet, "a non-empty string")
    if (min_size, max_size, alphabet) == (1, 6, ID_ALPHABET):
        return _ID
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


def texts(*, min_size: int = 0, max_size: int = 12) -> SearchStrategy[str]:
    """Free text (names, claims, messages): any Unicode letters, marks, symbols, spaces.

    Control characters, lone surrogates and unassigned code points are left out, so the
    text survives JSON files and GraphML (XML) unchanged.

    Examples:
        >>> from hypothesis import find, settings
        >>> find(texts(), lambda s: True, settings=settings(database=None))
        ''
    """
    _bounds("texts", "min_size", min_size, "max_size", max_size, 0)
    if (min_size, max_size) == (0, 12):
        return _TEXT
    return st.text(_TEXT_CHARS, min_size=min_size, max_size=max_size)


# ---------------------------------------------------------------------- nodes
def needs() -> SearchStrategy[Need]:
    """A segment's [`Need`][channelvalue.Need]: level in [0, 1], importance in [0, 5].

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(needs())
        ... def check(need):
        ...     assert 0 <= need.level <= 1 and need.importance >= 0
        >>> check()
    """
    return _NEEDS


def _organization(ident: str, role: Role, owned: bool, fields: dict[str, Any]) -> Organization:
    return Organization(ident, role=role, owned=owned, **fields)


def organizations(
    *,
    id: SearchStrategy[str] | None = None,
    role: SearchStrategy[Role] | None = None,
    owned: SearchStrategy[bool] | None = None,
) -> SearchStrategy[Organization]:
    """Organizations with every field drawn (figures, tier, capabilities, priorities).

    Args:
        id: strategy for the id (default [`ids`][channelvalue.testing.strategies.ids]).
        role: strategy for the role (default any [`Role`][channelvalue.Role]).
        owned: strategy for `owned` (default either).

    Examples:
        >>> from hypothesis import given, settings, strategies as st
        >>> @settings(max_examples=5, database=None)
        ... @given(organizations(role=st.just(Role.MSP)))
        ... def check(org):
        ...     assert org.role is Role.MSP and org.revenue >= 0
        >>> check()
    """
    return st.builds(
        _organization,
        _strategy("organizations.id", id, _ID),
        _strategy("organizations.role", role, _ROLES),
        _strategy("organizations.owned", owned, _BOOLS),
        _ORG_FIELDS,
    )


def _with_id(cls: Callable[..., T]) -> Callable[[str, dict[str, Any]], T]:
    def make(ident: str, fields: dict[str, Any]) -> T:
        return cls(ident, **fields)

    return make


def segments(*, id: SearchStrategy[str] | None = None) -> SearchStrategy[Segment]:
    """End-customer segments with a size, band, verticals, regions and needs.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(segments())
        ... def check(seg):
        ...     assert seg.id and seg.size >= 0
        >>> check()
    """
    return st.builds(_with_id(Segment), _strategy("segments.id", id, _ID), _SEGMENT_FIELDS)


def managers(*, id: SearchStrategy[str] | None = None) -> SearchStrategy[Manager]:
    """Channel account / partner managers with a capacity in [0.5, 100].

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(managers())
        ... def check(mgr):
        ...     assert mgr.capacity > 0
        >>> check()
    """
    return st.builds(_with_id(Manager), _strategy("managers.id", id, _ID), _MANAGER_FIELDS)


# ---------------------------------------------------------------------- links
def _ends(
    func: str, source: SearchStrategy[str] | None, target: SearchStrategy[str] | None
) -> tuple[Any, Any]:
    return (
        _strategy(f"{func}.source", source, _ID),
        _strategy(f"{func}.target", target, _ID),
    )


def _no_self(link: Link) -> bool:
    return link.source != link.target


def supplies(
    *, source: SearchStrategy[str] | None = None, target: SearchStrategy[str] | None = None
) -> SearchStrategy[Supplies]:
    """`Supplies` links between two different ids.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(supplies())
        ... def check(link):
        ...     assert link.source != link.target
        >>> check()
    """
    src, dst = _ends("supplies", source, target)
    return st.builds(Supplies, src, dst).filter(_no_self)


def serves(
    *, source: SearchStrategy[str] | None = None, target: SearchStrategy[str] | None = None
) -> SearchStrategy[Serves]:
    """`Serves` links (organization -> segment), with or without a revenue.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(serves())
        ... def check(link):
        ...     assert link.revenue is None or link.revenue >= 0
        >>> check()
    """
    src, dst = _ends("serves", source, target)
    return st.builds(Serves, src, dst, revenue=_SERVES_REVENUE).filter(_no_self)


def reports_to(
    *,
    source: SearchStrategy[str] | None = None,
    target: SearchStrategy[str] | None = None,
    manager: SearchStrategy[str | None] | None = None,
    mode: SearchStrategy[ReportingMode] | None = None,
) -> SearchStrategy[ReportsTo]:
    """`ReportsTo` links, with or without a manager, indirect or direct.

    (A network accepts a `direct` line only from an owned unit.)

    Examples:
        >>> from hypothesis import given, settings, strategies as st
        >>> @settings(max_examples=5, database=None)
        ... @given(reports_to(manager=st.just("cam-1"), mode=st.just(ReportingMode.INDIRECT)))
        ... def check(link):
        ...     assert link.manager == "cam-1" and link.mode.value == "indirect"
        >>> check()
    """
    src, dst = _ends("reports_to", source, target)
    return st.builds(
        ReportsTo,
        src,
        dst,
        manager=_strategy("reports_to.manager", manager, st.none() | _ID),
        mode=_strategy("reports_to.mode", mode, _MODES),
    ).filter(_no_self)


def _feed(source: str, target: str, fields: dict[str, Any]) -> SharesData:
    return SharesData(source, target, **fields)


def shares_data(
    *, source: SearchStrategy[str] | None = None, target: SearchStrategy[str] | None = None
) -> SearchStrategy[SharesData]:
    """`SharesData` links: one or more data kinds, refreshed every 0.5 to 365 days.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(shares_data())
        ... def check(link):
        ...     assert len(link.data) >= 1 and link.interval_days > 0
        >>> check()
    """
    src, dst = _ends("shares_data", source, target)
    return st.builds(_feed, src, dst, _FEED_FIELDS).filter(_no_self)


def links(
    *, source: SearchStrategy[str] | None = None, target: SearchStrategy[str] | None = None
) -> SearchStrategy[Link]:
    """A link of any of the four kinds.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(links())
        ... def check(link):
        ...     assert link.kind in ("supplies", "serves", "reports_to", "shares_data")
        >>> check()
    """
    return st.one_of(*(_LINK_STRATEGIES[k.name](source=source, target=target) for k in LINK_ROWS))


_LINK_STRATEGIES: dict[str, Callable[..., SearchStrategy[Any]]] = {
    k.name: globals()[k.name] for k in LINK_ROWS
}
"""The strategy of each link kind: the function named after the kind."""


# ---------------------------------------------------------------------- plan
def evidence() -> SearchStrategy[Evidence]:
    """One piece of evidence: a metric, a finite value, a source and a unit.

    Examples:
        >>> import math
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(evidence())
        ... def check(ev):
        ...     assert math.isfinite(ev.value)
        >>> check()
    """
    return _EVIDENCE


def _proposition(
    ident: str, segment: str, levers: list[str], owners: list[str], fields: dict[str, Any]
) -> ValueProposition:
    return ValueProposition(ident, segment=segment, levers=levers, owners=owners, **fields)


def propositions(
    *,
    id: SearchStrategy[str] | None = None,
    segment: SearchStrategy[str] | None = None,
    lever: SearchStrategy[str] | None = None,
    owner: SearchStrategy[str] | None = None,
) -> SearchStrategy[ValueProposition]:
    """Value propositions with one to three pieces of evidence.

    Args:
        id: strategy for the id.
        segment: strategy for the target segment id.
        lever: strategy for *one* lever id (a proposition draws up to three).
        owner: strategy for *one* owner id (a proposition draws up to three).

    Examples:
        >>> from hypothesis import given, settings, strategies as st
        >>> @settings(max_examples=5, database=None)
        ... @given(propositions(segment=st.just("smb"), lever=st.sampled_from(["l1", "l2"])))
        ... def check(vp):
        ...     assert vp.segment == "smb" and set(vp.levers) <= {"l1", "l2"} and vp.evidence
        >>> check()
    """
    return st.builds(
        _proposition,
        _strategy("propositions.id", id, _ID),
        _strategy("propositions.segment", segment, _ID),
        _id_lists(_strategy("propositions.lever", lever, _ID)),
        _id_lists(_strategy("propositions.owner", owner, _ID)),
        _PROPOSITION_FIELDS,
    )


def _lever(ident: str, members: list[str], owners: list[str], fields: dict[str, Any]) -> Lever:
    return Lever(ident, members=members, owners=owners, **fields)


def levers(
    *,
    id: SearchStrategy[str] | None = None,
    member: SearchStrategy[str] | None = None,
    owner: SearchStrategy[str] | None = None,
) -> SearchStrategy[Lever]:
    """Operating levers: focus, roles, members, owners and an impact >= 0.

    Args:
        id: strategy for the id.
        member: strategy for *one* member id (a lever draws up to three).
        owner: strategy for *one* owner id (a lever draws up to three).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(levers())
        ... def check(lever):
        ...     assert lever.impact >= 0
        >>> check()
    """
    return st.builds(
        _lever,
        _strategy("levers.id", id, _ID),
        _id_lists(_strategy("levers.member", member, _ID)),
        _id_lists(_strategy("levers.owner", owner, _ID)),
        _LEVER_FIELDS,
    )


def _investment(ident: str, recipient: str, fields: dict[str, Any]) -> Investment:
    return Investment(ident, recipient=recipient, **fields)


def investments(
    *, id: SearchStrategy[str] | None = None, recipient: SearchStrategy[str] | None = None
) -> SearchStrategy[Investment]:
    """Investments of any kind with an amount >= 0.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(investments())
        ... def check(inv):
        ...     assert inv.amount >= 0
        >>> check()
    """
    return st.builds(
        _investment,
        _strategy("investments.id", id, _ID),
        _strategy("investments.recipient", recipient, _ID),
        _INVESTMENT_FIELDS,
    )


def margins(
    *, segment: SearchStrategy[str] | None = None, member: SearchStrategy[str] | None = None
) -> SearchStrategy[Margin]:
    """Margins: a member's share in [0, 1] of a segment's route.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(margins())
        ... def check(margin):
        ...     assert 0 <= margin.share <= 1
        >>> check()
    """
    return st.builds(
        Margin,
        _strategy("margins.segment", segment, _ID),
        _strategy("margins.member", member, _ID),
        share=_UNITS,
    )


@st.composite
def _flow_tables(
    draw: st.DrawFn, segment: SearchStrategy[str], members: SearchStrategy[list[str]]
) -> FlowTable:
    return _draw_flow_table(draw, draw(segment), members)


def flow_tables(
    *,
    segment: SearchStrategy[str] | None = None,
    member: SearchStrategy[str] | None = None,
    max_members: int = 3,
) -> SearchStrategy[FlowTable]:
    """Efficiency templates: weights summing to 1, member shares summing to 1 per flow.

    Args:
        segment: strategy for the segment id.
        member: strategy for *one* member id.
        max_members: most members sharing one flow (>= 1).

    Examples:
        >>> import math
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(flow_tables())
        ... def check(table):
        ...     assert abs(math.fsum(table.weights.values()) - 1) < 1e-6
        >>> check()
    """
    _size("flow_tables", "max_members", max_members, 1)
    members = st.lists(
        _strategy("flow_tables.member", member, _ID),
        min_size=1,
        max_size=max_members,
        unique=True,
    )
    return _flow_tables(_strategy("flow_tables.segment", segment, _ID), members)


def findings(
    *,
    check: SearchStrategy[str] | None = None,
    severity: SearchStrategy[Severity] | None = None,
    subject: SearchStrategy[str] | None = None,
) -> SearchStrategy[Finding]:
    """Findings: a check id, a severity, subjects, a message and named evidence.

    Args:
        check: strategy for the check id.
        severity: strategy for the severity (default any).
        subject: strategy for *one* subject id (a finding draws up to three).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(findings())
        ... def check(finding):
        ...     assert finding.message and finding.severity in Severity
        >>> check()
    """
    return st.builds(
        Finding,
        _strategy("findings.check", check, _ID),
        _strategy("findings.severity", severity, st.sampled_from(Severity)),
        subjects=st.lists(_strategy("findings.subject", subject, _ID), max_size=3),
        message=st.text(_TEXT_CHARS, min_size=1, max_size=12),
        evidence=st.dictionaries(_ID, _FINITE, max_size=3),
    )


# ---------------------------------------------------------------------- graphs
@attrs.frozen
class Dag:
    """A directed acyclic graph of supply links, as made by
    [`dags`][channelvalue.testing.strategies.dags].

    Attributes:
        nodes: every node id, in a topological order (each link goes from an earlier
            node to a later one); `nodes[0]` is the root.
        links: the `Supplies` links, sorted.

    Examples:
        >>> dag = Dag(nodes=("v", "d", "r"), links=(Supplies("d", "r"), Supplies("v", "d")))
        >>> dag.network()
        <ChannelNetwork: steward 'v', 3 organizations, 0 segments, 2 links>
    """

    nodes: tuple[str, ...]
    links: tuple[Supplies, ...]

    def network(self) -> ChannelNetwork:
        """A network of these links: the root is the steward (a vendor), the rest resellers.

        Examples:
            >>> Dag(nodes=("v",), links=()).network().steward.role.value
            'vendor'
        """
        net = ChannelNetwork(steward=self.nodes[0])
        items: list[Item] = [Organization(self.nodes[0], role=Role.VENDOR, owned=True)]
        items.extend(Organization(n, role=Role.RESELLER) for n in self.nodes[1:])
        items.extend(self.links)
        net.add_all(items)
        return net


def _dag_edges(draw: st.DrawFn, n: int, max_parents: int, connected: bool) -> list[tuple[int, int]]:
    """Edges `(i, j)` with `i < j`: each node `j` draws parents among earlier nodes."""
    edges: list[tuple[int, int]] = []
    for j in range(1, n):
        parents = draw(_indices(j - 1, 1 if connected else 0, max_parents))
        edges.extend((i, j) for i in sorted(parents))
    return edges


@st.composite
def _dags(
    draw: st.DrawFn,
    id_st: SearchStrategy[str],
    min_nodes: int,
    max_nodes: int,
    max_parents: int,
    connected: bool,
) -> Dag:
    nodes = draw(st.lists(id_st, min_size=min_nodes, max_size=max_nodes, unique=True))
    edges = _dag_edges(draw, len(nodes), max_parents, connected)
    found = sorted((Supplies(nodes[i], nodes[j]) for i, j in edges), key=lambda x: x.key)
    return Dag(nodes=tuple(nodes), links=tuple(found))


def dags(
    *,
    ids: SearchStrategy[str] | None = None,
    min_nodes: int = 1,
    max_nodes: int = 8,
    max_parents: int = 3,
    connected: bool = False,
) -> SearchStrategy[Dag]:
    """Random DAGs of `Supplies` links, for route-counting and reachability tests.

    Every node draws up to `max_parents` parents among the nodes before it, so the
    graph is acyclic, may be deep and may have several paths between two nodes. With
    `connected=True` every node but the root has a parent, so the root reaches all.

    Args:
        ids: strategy for node ids (default [`ids`][channelvalue.testing.strategies.ids]).
        min_nodes: fewest nodes (>= 1).
        max_nodes: most nodes.
        max_parents: most parents per node (>= 1).
        connected: every node is reachable from `nodes[0]`.

    Examples:
        >>> import networkx as nx
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(dags(connected=True))
        ... def check(dag):
        ...     g = dag.network().graph
        ...     assert nx.is_directed_acyclic_graph(g)
        ...     assert nx.descendants(g, dag.nodes[0]) == set(dag.nodes[1:])
        >>> check()
    """
    _bounds("dags", "min_nodes", min_nodes, "max_nodes", max_nodes, 1)
    _size("dags", "max_parents", max_parents, 1)
    id_st = _strategy("dags.ids", ids, _ID)
    return _dags(id_st, min_nodes, max_nodes, max_parents, bool(connected))


@attrs.frozen
class _NetworkSpec:
    min_organizations: int
    max_organizations: int
    max_segments: int
    max_managers: int
    max_parents: int
    max_plan_items: int
    connected: bool
    plan: bool
    id_st: SearchStrategy[str]
    role_st: SearchStrategy[Role]
    name_st: SearchStrategy[str]


@st.composite
def _networks(draw: st.DrawFn, spec: _NetworkSpec) -> ChannelNetwork:
    def count(high: int) -> int:
        return draw(st.integers(0, high)) if high else 0

    n_org = draw(st.integers(spec.min_organizations, spec.max_organizations))
    n_seg = count(spec.max_segments)
    n_mgr = count(spec.max_managers)
    n_lev = count(spec.max_plan_items) if spec.plan else 0
    n_vp = count(spec.max_plan_items) if spec.plan and n_seg else 0
    n_inv = count(spec.max_plan_items) if spec.plan else 0
    sizes = [n_org, n_seg, n_mgr, n_lev, n_vp, n_inv]
    pool = draw(st.lists(spec.id_st, min_size=sum(sizes), max_size=sum(sizes), unique=True))
    starts = [sum(sizes[:k]) for k in range(7)]
    org_ids, seg_ids, mgr_ids, lev_ids, vp_ids, inv_ids = (
        pool[starts[k] : starts[k + 1]] for k in range(6)
    )

    # nodes: the steward first, a vendor; other organizations in a topological order
    orgs = [_organization(org_ids[0], Role.VENDOR, draw(_BOOLS), draw(_ORG_FIELDS))]
    orgs += [
        _organization(o, draw(spec.role_st), draw(_BOOLS), draw(_ORG_FIELDS)) for o in org_ids[1:]
    ]
    items: list[Item] = [*orgs]
    items += [_with_id(Segment)(s, draw(_SEGMENT_FIELDS)) for s in seg_ids]
    items += [_with_id(Manager)(m, draw(_MANAGER_FIELDS)) for m in mgr_ids]

    # structure: supplies, reporting lines and data feeds point from earlier to later
    # organizations in that order (up the chain for reports and feeds), so no cycles
    for i, j in _dag_edges(draw, n_org, spec.max_parents, spec.connected):
        items.append(Supplies(org_ids[i], org_ids[j]))
    for j in range(1, n_org):
        for i in sorted(draw(_indices(j - 1, 0, 2))):
            manager: str | None = None
            if mgr_ids:
                named: bool = draw(_BOOLS)
                manager = _draw_one(draw, mgr_ids) if named else None
            mode = draw(_MODES) if orgs[j].owned else ReportingMode.INDIRECT
            items.append(ReportsTo(org_ids[j], org_ids[i], manager=manager, mode=mode))
        for i in draw(_indices(j - 1, 0, 1)):
            items.append(_feed(org_ids[j], org_ids[i], draw(_FEED_FIELDS)))
    for s in seg_ids:
        for o in _draw_ids(draw, org_ids, 0, 3):
            items.append(Serves(o, s, revenue=draw(_SERVES_REVENUE)))

    # plan: every reference names a real id
    if spec.plan:
        for x in lev_ids:
            members = _draw_ids(draw, org_ids, 0, 3)
            items.append(_lever(x, members, _draw_ids(draw, org_ids, 0, 2), draw(_LEVER_FIELDS)))
        for x in vp_ids:
            segment = _draw_one(draw, seg_ids)
            levers_ = _draw_ids(draw, lev_ids, 0, 2)
            owners = _draw_ids(draw, org_ids, 0, 2)
            items.append(_proposition(x, segment, levers_, owners, draw(_PROPOSITION_FIELDS)))
        recipients = org_ids + lev_ids
        for x in inv_ids:
            items.append(_investment(x, _draw_one(draw, recipients), draw(_INVESTMENT_FIELDS)))
        if seg_ids:
            n_pairs = len(seg_ids) * n_org
            for k in draw(_indices(n_pairs - 1, 0, spec.max_plan_items)):
                seg, org = seg_ids[k // n_org], org_ids[k % n_org]
                items.append(Margin(seg, org, share=draw(_UNITS)))
            sharing = _indices(n_org - 1, 1, 3).map(lambda ks: [org_ids[k] for k in ks])
            for s in _draw_ids(draw, seg_ids, 0, spec.max_plan_items):
                items.append(_draw_flow_table(draw, s, sharing))
        # account lists (one hashed flag per network: mixed lists never overlap)
        hashed = draw(_BOOLS)
        for o in _draw_ids(draw, org_ids, 0, spec.max_plan_items):
            items.append(_account_list(o, draw(_ACCOUNT_KEYS), hashed))

    net = ChannelNetwork(steward=org_ids[0], name=draw(spec.name_st))
    net.add_all(draw(st.permutations(items)))
    return net


def networks(
    *,
    min_organizations: int = 1,
    max_organizations: int = 6,
    max_segments: int = 3,
    max_managers: int = 2,
    max_parents: int = 2,
    plan: bool = True,
    max_plan_items: int = 2,
    connected: bool = False,
    ids: SearchStrategy[str] | None = None,
    roles: SearchStrategy[Role] | None = None,
    names: SearchStrategy[str] | None = None,
) -> SearchStrategy[ChannelNetwork]:
    """Valid whole networks: a steward, a supply DAG, segments, managers and a plan.

    What every network satisfies:

    - the steward is set, present, and a vendor;
    - `supplies` links form a DAG (possibly several levels deep) and `reports_to`
      links never form a cycle; a `direct` reporting line only starts at an owned unit;
    - `reports_to` and `shares_data` links point up the supply order; `serves`
      links go from organizations to segments;
    - plan items (levers, propositions, investments, margins, flow tables) refer only to
      ids in the network;
    - items are added in a random order (nothing may depend on it).

    Args:
        min_organizations: fewest organizations, the steward included (>= 1).
        max_organizations: most organizations.
        max_segments: most segments (>= 0).
        max_managers: most managers (>= 0).
        max_parents: most supply parents per organization (>= 1).
        plan: also draw plan items.
        max_plan_items: most plan items of each kind (>= 0).
        connected: every organization is supplied, directly or not, by the steward.
        ids: strategy for ids; all ids in one network are distinct, so it must be able
            to make as many different ids as a network holds objects.
        roles: strategy for the roles of the organizations other than the steward.
        names: strategy for the network's name.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(networks(max_organizations=4, plan=False))
        ... def check(net):
        ...     assert net.validate() == () and not net.levers
        >>> check()
    """
    fn = "networks"
    _bounds(fn, "min_organizations", min_organizations, "max_organizations", max_organizations, 1)
    spec = _NetworkSpec(
        min_organizations=min_organizations,
        max_organizations=max_organizations,
        max_segments=_size(fn, "max_segments", max_segments, 0),
        max_managers=_size(fn, "max_managers", max_managers, 0),
        max_parents=_size(fn, "max_parents", max_parents, 1),
        max_plan_items=_size(fn, "max_plan_items", max_plan_items, 0),
        connected=bool(connected),
        plan=bool(plan),
        id_st=_strategy("networks.ids", ids, _ID),
        role_st=_strategy("networks.roles", roles, _ROLES),
        name_st=_strategy("networks.names", names, st.text(_TEXT_CHARS, max_size=8)),
    )
    return _networks(spec)


# ---------------------------------------------------------------------- route pricing
_PRICES = _floats(0.0, 1e6)


@st.composite
def _route_pricings(
    draw: st.DrawFn, ident: SearchStrategy[str], member: SearchStrategy[str], max_levels: int
) -> RoutePricing:
    route = draw(st.lists(member, min_size=2, max_size=max_levels + 1, unique=True))
    price = draw(_PRICES)
    levels = []
    for m in route[1:]:
        sell = draw(_PRICES)
        levels.append(
            PriceLevel(m, buy=price, sell=sell, rebate=draw(_PRICES), back_end=draw(_PRICES))
        )
        price = sell
    segment = draw(st.none() | member)
    target = draw(st.none() | _PRICES)
    return RoutePricing(
        draw(ident),
        steward=route[0],
        levels=levels,
        list_price=draw(_PRICES),
        segment=segment,
        target_price=target,
    )


def route_pricings(
    *,
    ident: SearchStrategy[str] | None = None,
    member: SearchStrategy[str] | None = None,
    max_levels: int = 3,
) -> SearchStrategy[RoutePricing]:
    """Route pricings whose prices add up: each level buys at the price the level above
    sells at.

    Args:
        ident: strategy for the pricing's id.
        member: strategy for *one* member id (also used for the segment id).
        max_levels: most levels below the steward (>= 1).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(route_pricings())
        ... def check(p):
        ...     assert all(a.sell == b.buy for a, b in zip(p.levels, p.levels[1:]))
        >>> check()
    """
    _size("route_pricings", "max_levels", max_levels, 1)
    return _route_pricings(
        _strategy("route_pricings.ident", ident, _ID),
        _strategy("route_pricings.member", member, _ID),
        max_levels,
    )


# ---------------------------------------------------------------------- design (issue 18)
def member_types(
    *,
    name: SearchStrategy[str] | None = None,
    min_flows: int = 0,
) -> SearchStrategy[Any]:
    """A [`MemberType`][channelvalue.building.MemberType] of zero-based design: a role, some
    service-output capabilities in [0, 1], a cost in [0, 10] for at least `min_flows` of the
    eight flows, a fixed cost in [0, 10].

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(member_types(min_flows=8))
        ... def check(t):
        ...     assert len(t.costs) == 8 and all(0 <= v <= 1 for v in t.capabilities.values())
        >>> check()
    """
    from ..building import MemberType

    _size("member_types", "min_flows", min_flows, 0)
    if min_flows > len(Flow):
        raise ValidationError("member_types", "min_flows", min_flows, "an int in [0, 8]")
    return st.builds(
        MemberType,
        _strategy("member_types.name", name, _ID),
        role=_ROLES,
        capabilities=st.dictionaries(st.sampled_from(ServiceOutput), _UNITS, max_size=4),
        costs=st.dictionaries(
            st.sampled_from(Flow), _COSTS, min_size=min_flows, max_size=len(Flow)
        ),
        fixed_cost=_COSTS,
    )


# ---------------------------------------------------------------------- account lists
_ACCOUNT_KEYS = st.lists(st.sampled_from(("acme", "globex", "initech", "umbrella.com")), max_size=4)


def _account_list(owner: str, keys: list[str], hashed: bool) -> AccountList:
    if hashed:
        keys = [hashlib.sha256(k.encode()).hexdigest() for k in keys]
    return AccountList(owner, keys, hashed=hashed)


def account_lists(
    *, owner: SearchStrategy[str] | None = None, account: SearchStrategy[str] | None = None
) -> SearchStrategy[AccountList]:
    """Account lists: an owner and up to 6 account keys, readable or hashed (64 hex digits).

    Args:
        owner: strategy for the owner id.
        account: strategy for one readable account key (hashed lists hash it with SHA-256).

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(account_lists())
        ... def check(al):
        ...     assert list(al.accounts) == sorted(set(al.accounts))
        >>> check()
    """
    keys = st.lists(_strategy("account_lists.account", account, _ID), max_size=6)
    return st.builds(_account_list, _strategy("account_lists.owner", owner, _ID), keys, _BOOLS)
