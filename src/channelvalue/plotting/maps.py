"""The layered channel map: the steward on top, end-customer segments at the bottom.

Two drawings, one function:

* **members** (small networks): one marker per organization, placed on the layer of
  its longest supply path from the top (the steward's layer first), grouped and
  coloured by role within a layer; the segments form the bottom layer. Supply links
  are solid lines, `serves` links (last step to a segment) dotted.
* **role patterns** (large networks): the routes of
  [`channelvalue.mapping.route_patterns`][channelvalue.mapping.route_patterns] drawn as a tree of
  role patterns (`vendor > distributor > reseller`), one marker per pattern prefix, with the
  number of partners at the end of each pattern; line widths follow the revenue the
  routes carry (route counts when no route carries revenue). Its size does not depend
  on the number of partners, so a million outlets draw as fast as sixty.

With `aggregate=None` the map is drawn by member up to
[`DETAIL_LIMIT`][channelvalue.plotting.DETAIL_LIMIT] nodes (organizations plus segments) and by role
pattern above that; member drawings of more than [`MAX_DETAIL`][channelvalue.plotting.MAX_DETAIL]
nodes are refused.

Examples:
    >>> import channelvalue as cv
    >>> from channelvalue.plotting import channel_map
    >>> ax = channel_map(cv.datasets.example())
    >>> ax.get_title()
    'Channel map of Acme Networks channel: 60 organizations, 5 segments'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

import numpy as np

from ..core.arrays import ROLES, arrays
from ..core.network import ChannelNetwork
from ..errors import ValidationError, WrongTypeError
from ..mapping import route_patterns
from ..mapping._core import supply_order
from ..model import Role
from ._axes import SEGMENT_COLOR, get_axes, role_color

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..mapping import RoutePatterns

__all__ = ["DETAIL_LIMIT", "MAX_DETAIL", "MAX_PATTERNS", "channel_map"]

DETAIL_LIMIT = 150
"""Networks of more nodes (organizations + segments) are drawn by role pattern by default."""
MAX_DETAIL = 2_000
"""The most nodes `channel_map(..., aggregate=False)` draws one by one."""
MAX_PATTERNS = 40
"""The most role patterns an aggregated map draws (the ones with most revenue)."""

_LABEL_LIMIT = 12  # label each node of a layer up to this many nodes, else label groups
_FEATURE = "channel_map"


def channel_map(
    net: ChannelNetwork, *, ax: Axes | None = None, aggregate: bool | None = None
) -> Axes:
    """Draw the layered channel map of `net` and return the matplotlib `Axes`.

    Args:
        net: the network (it needs a steward).
        ax: the Axes to draw on; default: a new figure.
        aggregate: `True` draws the routes by role pattern, `False` every member;
            `None` (default) chooses by size (see
            [`DETAIL_LIMIT`][channelvalue.plotting.DETAIL_LIMIT]).

    Raises:
        WrongTypeError: `net` is not a ChannelNetwork, or `ax` is not an Axes.
        ValidationError: `aggregate` is not a bool or None, or `aggregate=False` on
            a network of more than [`MAX_DETAIL`][channelvalue.plotting.MAX_DETAIL] nodes.
        UnknownIdError: the network has no steward.
        CycleError: the supply links form a cycle.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> ax = channel_map(cv.datasets.example(), aggregate=True)
        >>> ax.get_title()
        'Channel map of Acme Networks channel by role pattern: 60 organizations, 9 patterns'
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError(f"{_FEATURE}.net", net, "a ChannelNetwork")
    if aggregate is not None and type(aggregate) is not bool:
        raise ValidationError(_FEATURE, "aggregate", aggregate, "True, False or None")
    nodes = len(net.organizations) + len(net.segments)
    if aggregate is None:
        aggregate = nodes > DETAIL_LIMIT
    if not aggregate and nodes > MAX_DETAIL:
        raise ValidationError(
            _FEATURE,
            "aggregate",
            aggregate,
            f"True (or None) for a network of {nodes:,} nodes: at most {MAX_DETAIL:,} "
            "are drawn one by one",
        )
    steward = net.steward.id  # raises UnknownIdError without a steward
    if aggregate:
        patterns = route_patterns(net)
        axes = get_axes(ax, _FEATURE, figsize=(10.0, 6.0))
        _draw_patterns(axes, net, patterns)
    else:
        supply_order(net)  # raises CycleError before a figure is made
        axes = get_axes(ax, _FEATURE, figsize=(12.0, 6.0))
        _draw_members(axes, net, steward)
    return axes


# ---------------------------------------------------------------------- helpers
def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _spread(count: int) -> Any:
    """`count` x positions spread evenly over [0, 1], centred."""
    return (np.arange(count, dtype=np.float64) + 0.5) / max(count, 1)


def _lines(ax: Axes, segments: list[Any], **style: Any) -> None:
    from matplotlib.collections import LineCollection

    if segments:
        ax.add_collection(LineCollection(segments, **style))


def _finish(ax: Axes, depth: int, title: str) -> None:
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-depth - 0.6, 0.5)
    ax.set_axis_off()
    ax.set_title(title)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)


def _label_row(ax: Axes, xs: Any, y: float, labels: list[str], groups: list[str]) -> None:
    """Label every node of a row, or each run of equal `groups` when the row is crowded."""
    if len(labels) <= _LABEL_LIMIT:
        rotate = 25 if len(labels) > 6 else 0
        for x, text in zip(xs, labels, strict=True):
            ax.annotate(
                text,
                (float(x), y),
                xytext=(0, -9),
                textcoords="offset points",
                ha="right" if rotate else "center",
                va="top",
                rotation=rotate,
                fontsize="x-small",
            )
        return
    start = 0
    for k in range(1, len(groups) + 1):
        if k == len(groups) or groups[k] != groups[start]:
            mid = float(np.mean(xs[start:k]))
            ax.annotate(
                f"{groups[start]} ({k - start})",
                (mid, y),
                xytext=(0, -9),
                textcoords="offset points",
                ha="center",
                va="top",
                fontsize="x-small",
            )
            start = k


# ---------------------------------------------------------------------- members
def _draw_members(ax: Axes, net: ChannelNetwork, steward: str) -> None:
    a = arrays(net)
    so = supply_order(net)
    level = so.level
    depth = int(level.max(initial=0)) + 1  # the segments' row
    pos = np.zeros((a.n_orgs, 2))
    stw = a.org_index[steward]
    rows: list[tuple[Any, list[str], list[str]]] = []
    for lvl in range(depth):
        members = np.flatnonzero(level == lvl)
        # steward first, then by role and id (ids are sorted: index order is id order)
        members = members[np.lexsort((members, a.role[members], members != stw))]
        xs = _spread(len(members))
        pos[members, 0], pos[members, 1] = xs, -lvl
        rows.append(
            (
                xs,
                [a.org_ids[int(i)] for i in members],
                [ROLES[int(a.role[int(i)])].value for i in members],
            )
        )
    seg_pos = np.column_stack([_spread(a.n_segs), np.full(a.n_segs, -float(depth))])

    sup = a.links["supplies"]
    _lines(
        ax,
        [(pos[s], pos[d]) for s, d in zip(sup.src, sup.dst, strict=True)],
        colors="#9aa5b1",
        linewidths=0.8,
        zorder=1,
    )
    srv = a.links["serves"]
    _lines(
        ax,
        [(pos[s], seg_pos[d]) for s, d in zip(srv.src, srv.dst, strict=True)],
        colors="#c5ccd3",
        linewidths=0.6,
        linestyles="dotted",
        zorder=1,
    )
    for code, role in enumerate(ROLES):
        mask = a.role == code
        mask[stw] = False
        if mask.any():
            ax.scatter(
                pos[mask, 0],
                pos[mask, 1],
                s=36,
                color=role_color(role),
                edgecolors="white",
                linewidths=0.5,
                zorder=3,
                label=f"{role.value} ({int(mask.sum()):,})",
            )
    ax.scatter(
        [pos[stw, 0]],
        [pos[stw, 1]],
        s=220,
        marker="*",
        color=role_color(net.steward.role),
        zorder=4,
        label=f"steward {steward}",
    )
    if a.n_segs:
        ax.scatter(
            seg_pos[:, 0],
            seg_pos[:, 1],
            s=90,
            marker="s",
            color=SEGMENT_COLOR,
            zorder=3,
            label=f"segment ({a.n_segs})",
        )
    for lvl, (xs, ids, roles) in enumerate(rows):
        _label_row(ax, xs, -lvl, ids, roles)
    _label_row(ax, seg_pos[:, 0], -depth, list(a.seg_ids), ["segment"] * a.n_segs)
    _finish(
        ax,
        depth,
        f"Channel map of {net.name or 'the channel'}: {_count(a.n_orgs, 'organization')}, "
        f"{_count(a.n_segs, 'segment')}",
    )


# ---------------------------------------------------------------------- patterns
def _draw_patterns(ax: Axes, net: ChannelNetwork, rp: RoutePatterns) -> None:
    # the bucket of patterns past route_patterns' bound has no place in the prefix tree
    overall = [r for r in rp.overall() if not (rp.capped and r.pattern == "(other patterns)")]
    other = len(rp.overall()) - len(overall)
    use_revenue = any(r.revenue > 0 for r in overall)

    def weight_of(revenue: float, routes: int) -> float:
        return revenue if use_revenue else float(routes)

    kept = sorted(overall, key=lambda r: (-weight_of(r.revenue, r.routes), r.pattern))
    dropped = max(0, len(kept) - MAX_PATTERNS) + other
    kept = kept[:MAX_PATTERNS]
    ends = {r.pattern: r for r in kept}

    # the prefix tree: each prefix's weight is the sum over the patterns through it
    weight: dict[str, float] = defaultdict(float)
    children: dict[str, set[str]] = defaultdict(set)
    for r in kept:
        parts = r.pattern.split(">")
        for k in range(1, len(parts) + 1):
            prefix = ">".join(parts[:k])
            weight[prefix] += weight_of(r.revenue, r.routes)
            if k > 1:
                children[">".join(parts[: k - 1])].add(prefix)
    root = net.steward.role.value
    # x: leaves in sorted order, a parent centred over its children
    xpos: dict[str, float] = {}
    leaves: list[str] = []

    def walk(node: str) -> None:
        kids = sorted(children.get(node, ()))
        if not kids:
            leaves.append(node)
            return
        for kid in kids:
            walk(kid)

    walk(root)
    for k, leaf in enumerate(leaves):
        xpos[leaf] = float(_spread(len(leaves))[k])

    def place(node: str) -> float:
        if node not in xpos:
            xpos[node] = float(np.mean([place(kid) for kid in sorted(children[node])]))
        return xpos[node]

    place(root)
    depth = max((p.count(">") for p in xpos), default=0) + 1
    # segments ordered by the weighted mean x of the patterns that reach them
    seg_rows: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for row in rp.rows:
        if row.pattern in ends:
            seg_rows[row.segment].append((row.pattern, weight_of(row.revenue, row.routes)))
    seg_ids = sorted(net.segments)

    def barycentre(seg: str) -> float:
        got = seg_rows.get(seg)
        if not got:
            return 2.0  # unreached segments go last
        w = np.array([max(v, 1e-12) for _, v in got])
        return float(np.average([xpos[p] for p, _ in got], weights=w))

    seg_ids.sort(key=lambda s: (barycentre(s), s))
    seg_x = dict(zip(seg_ids, _spread(len(seg_ids)).tolist(), strict=True))

    top = max(weight.values(), default=0.0) or 1.0

    def width(value: float) -> float:
        return 0.6 + 9.0 * value / top

    tree = [(p, kid) for p in sorted(children) for kid in sorted(children[p])]
    _lines(
        ax,
        [((xpos[p], -p.count(">")), (xpos[c], -c.count(">"))) for p, c in tree],
        colors="#7b8794",
        linewidths=[width(weight[c]) for _, c in tree],
        zorder=1,
        capstyle="round",
    )
    last = [(p, s, v) for s, got in sorted(seg_rows.items()) for p, v in got]
    _lines(
        ax,
        [((xpos[p], -p.count(">")), (seg_x[s], -depth)) for p, s, _ in last],
        colors="#b8c2cc",
        linewidths=[width(v) for _, _, v in last],
        alpha=0.8,
        zorder=1,
        capstyle="round",
    )
    by_role: dict[str, list[str]] = defaultdict(list)
    for node in sorted(xpos):
        if node != root:
            by_role[node.rsplit(">", 1)[-1]].append(node)
    a = arrays(net)
    per_role = np.bincount(a.role, minlength=len(ROLES))
    per_role[a.role[a.org_index[net.steward.id]]] -= 1
    for code, role in enumerate(ROLES):
        nodes = by_role.get(role.value)
        if nodes:
            ax.scatter(
                [xpos[n] for n in nodes],
                [-n.count(">") for n in nodes],
                s=140,
                color=role_color(role),
                edgecolors="white",
                linewidths=0.8,
                zorder=3,
                label=f"{role.value} ({int(per_role[code]):,})",
            )
    ax.scatter(
        [xpos[root]],
        [0],
        s=260,
        marker="*",
        color=role_color(Role(root)),
        zorder=4,
        label=f"steward {net.steward.id}",
    )
    if seg_ids:
        ax.scatter(
            [seg_x[s] for s in seg_ids],
            [-depth] * len(seg_ids),
            s=110,
            marker="s",
            color=SEGMENT_COLOR,
            zorder=3,
            label=f"segment ({len(seg_ids)})",
        )
    ax.annotate(
        net.steward.id,
        (xpos[root], 0),
        xytext=(0, 11),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize="x-small",
    )
    for node, x in xpos.items():
        if node == root:
            continue
        end = ends.get(node)
        text = node.rsplit(">", 1)[-1] + (f"\n{end.partners:,}" if end else "")
        ax.annotate(
            text,
            (x, -node.count(">")),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize="x-small",
        )
    _label_row(
        ax, np.array([seg_x[s] for s in seg_ids]), -depth, seg_ids, ["segment"] * len(seg_ids)
    )
    more = f" (+{dropped} smaller not drawn)" if dropped else ""
    what = "revenue" if use_revenue else "routes"
    ax.text(
        0.0,
        -depth - 0.55,
        f"line width: {what}; number: partners at the end of the pattern; "
        "legend: organizations per role",
        fontsize="x-small",
        color="#555555",
    )
    _finish(
        ax,
        depth,
        f"Channel map of {net.name or 'the channel'} by role pattern: "
        f"{_count(len(net.organizations), 'organization')}, "
        f"{_count(len(overall), 'pattern')}{more}",
    )
