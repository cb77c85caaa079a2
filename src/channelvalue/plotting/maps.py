"""The layered channel map: the steward on top, end-customer segments at the bottom.

Three drawings of the same layers (an organization's layer is the length of its longest
supply path from the top; segments form the bottom layer):

* **members** (small networks): one marker per organization, grouped and coloured by
  role within its layer. Supply links are solid lines, `serves` links (last step to a
  segment) dotted; line widths follow the revenue they carry.
* **groups** (large networks): the steward, the `top` intermediaries (the organizations
  that supply others, distributors first of all) with most revenue through them, each
  named; the other intermediaries as one node per role ("+41 more distributors"); every
  other partner in one node per layer and role ("811 resellers"). A node's area and its
  lines' widths follow the revenue through it, so the drawing has the same few nodes at
  2,000 partners or at a million.
* **role patterns**: the routes of
  [`channelvalue.mapping.route_patterns`][channelvalue.mapping.route_patterns] as a tree of
  role patterns (`vendor > distributor > reseller`) with the partners at the end of each.

With `aggregate=None` the map is drawn by member up to
[`DETAIL_LIMIT`][channelvalue.plotting.DETAIL_LIMIT] nodes (organizations plus segments)
and by group above that; member drawings of more than
[`MAX_DETAIL`][channelvalue.plotting.MAX_DETAIL] nodes are refused.
[`channel_detail`][channelvalue.plotting.channel_detail] draws the named partners: the top
partners of each role by revenue, the rest collapsed into one node per role with its count.

Every label is a name (`labels="id"`: ids), and labels are placed so that no two overlap;
a label with no free place is left out rather than drawn over another.

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
from ._axes import (
    SEGMENT_COLOR,
    LabelMode,
    Offset,
    check_common,
    get_axes,
    place_labels,
    role_color,
    set_title,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ..mapping import RoutePatterns

__all__ = [
    "DETAIL_LIMIT",
    "MAX_DETAIL",
    "MAX_PATTERNS",
    "TOP_INTERMEDIARIES",
    "TOP_PER_ROLE",
    "channel_detail",
    "channel_map",
]

DETAIL_LIMIT = 150
"""Networks of more nodes (organizations + segments) are drawn by group by default."""
MAX_DETAIL = 2_000
"""The most nodes `channel_map(..., aggregate=False)` draws one by one."""
MAX_PATTERNS = 40
"""The most role patterns a role-pattern map draws (the ones with most revenue)."""
TOP_INTERMEDIARIES = 8
"""The default number of intermediaries (distributors, ...) drawn one by one (`top=`)."""
TOP_PER_ROLE = 5
"""The default number of partners of each role named by `channel_detail` (`per_role=`)."""

_LABEL_LIMIT = 12  # label each node of a member row up to this many nodes, else label runs
_FEATURE = "channel_map"
_DETAIL = "channel_detail"
_BELOW = [(0.0, -1.0), (0.0, 1.0), (0.0, -2.0), (0.0, 2.0), (0.0, -3.0), (0.0, -4.0)]


def channel_map(
    net: ChannelNetwork,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
    aggregate: bool | str | None = None,
    top: int = TOP_INTERMEDIARIES,
) -> Axes:
    """Draw the layered channel map of `net` and return the matplotlib `Axes`.

    Args:
        net: the network (it needs a steward).
        ax: the Axes to draw on; default: a new figure (constrained layout).
        title: the title; default: the network's name and size.
        labels: `"name"` (default) labels organizations and segments by name, `"id"` by id.
        figsize: the size of a new figure in inches.
        aggregate: `False` draws every member, `True` draws groups (the `top`
            intermediaries one by one, the other partners grouped by role), `"patterns"`
            the tree of role patterns; `None` (default) chooses members or groups by size
            (see [`DETAIL_LIMIT`][channelvalue.plotting.DETAIL_LIMIT]).
        top: in the group drawing, how many intermediaries (organizations that supply
            others) are drawn one by one, most revenue through them first; the others
            form one node per role.

    Raises:
        WrongTypeError: `net` is not a ChannelNetwork, or `ax` is not an Axes.
        ValidationError: a bad `aggregate`, `top`, `title`, `labels` or `figsize`, or
            `aggregate=False` on a network of more than
            [`MAX_DETAIL`][channelvalue.plotting.MAX_DETAIL] nodes.
        UnknownIdError: the network has no steward.
        CycleError: the supply links form a cycle.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> ax = channel_map(cv.datasets.example(), aggregate=True, top=2)
        >>> ax.get_title()[-26:]
        '(partners grouped by role)'
        >>> channel_map(cv.datasets.example(), aggregate="patterns").get_title()
        'Channel map of Acme Networks channel by role pattern: 60 organizations, 9 patterns'
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError(f"{_FEATURE}.net", net, "a ChannelNetwork")
    if aggregate is not None and type(aggregate) is not bool and aggregate != "patterns":
        raise ValidationError(_FEATURE, "aggregate", aggregate, "True, False, 'patterns' or None")
    _check_count(_FEATURE, "top", top, low=0)
    title, mode, size = check_common(_FEATURE, title=title, labels=labels, figsize=figsize)
    nodes = len(net.organizations) + len(net.segments)
    if aggregate is None:
        aggregate = nodes > DETAIL_LIMIT
    if aggregate is False and nodes > MAX_DETAIL:
        raise ValidationError(
            _FEATURE,
            "aggregate",
            aggregate,
            f"True (or None) for a network of {nodes:,} nodes: at most {MAX_DETAIL:,} "
            "are drawn one by one",
        )
    net.steward  # noqa: B018 - raises UnknownIdError without a steward
    if aggregate == "patterns":
        patterns = route_patterns(net)
        axes = get_axes(ax, _FEATURE, figsize=size or (11.0, 6.5))
        _draw_patterns(axes, net, patterns, mode, title)
        return axes
    supply_order(net)  # raises CycleError before a figure is made
    axes = get_axes(ax, _FEATURE, figsize=size or (12.0, 6.5))
    if aggregate:
        graph = _grouped(net, top=top, per_role=None)
    else:
        graph = _grouped(net, top=None, per_role=None)
    _draw_layers(axes, net, graph, mode, title, members=not aggregate)
    return axes


def channel_detail(
    net: ChannelNetwork,
    *,
    per_role: int = TOP_PER_ROLE,
    top: int = TOP_INTERMEDIARIES,
    ax: Axes | None = None,
    title: str | None = None,
    labels: str = "name",
    figsize: tuple[float, float] | None = None,
) -> Axes:
    """Draw the channel's named partners, left to right; return the matplotlib `Axes`.

    Columns are the layers (the steward, its intermediaries, their partners, ..., the
    segments). In each layer, the `per_role` partners of each role with most revenue are
    drawn and named one by one, and the others collapsed into one node per role that says
    how many it holds ("+806 more resellers"); of the intermediaries the `top` ones are
    named. So the drawing stays readable at any number of partners: at most
    `per_role + 1` rows per role and layer.

    Args:
        net: the network (it needs a steward).
        per_role: partners named per role and layer (>= 1).
        top: intermediaries named (>= 0).
        ax: the Axes to draw on; default: a new figure (constrained layout).
        title: the title; default: the network's name and what is shown.
        labels: `"name"` (default) or `"id"`.
        figsize: the size of a new figure in inches; default: from the number of rows.

    Raises:
        WrongTypeError: `net` is not a ChannelNetwork, or `ax` is not an Axes.
        ValidationError: a bad `per_role`, `top`, `title`, `labels` or `figsize`.
        UnknownIdError: the network has no steward.
        CycleError: the supply links form a cycle.
        MissingDependencyError: matplotlib is not installed.

    Examples:
        >>> import channelvalue as cv
        >>> ax = channel_detail(cv.datasets.example(), per_role=3)
        >>> ax.get_title()
        'Partners of Acme Networks channel: the 3 with most revenue per role, of 60 organizations'
    """
    if not isinstance(net, ChannelNetwork):
        raise WrongTypeError(f"{_DETAIL}.net", net, "a ChannelNetwork")
    _check_count(_DETAIL, "per_role", per_role, low=1)
    _check_count(_DETAIL, "top", top, low=0)
    title, mode, size = check_common(_DETAIL, title=title, labels=labels, figsize=figsize)
    net.steward  # noqa: B018 - raises UnknownIdError without a steward
    supply_order(net)  # raises CycleError before a figure is made
    graph = _grouped(net, top=top, per_role=per_role)
    rows = max(np.bincount(graph.column[graph.column >= 0]).max(initial=1), len(net.segments))
    axes = get_axes(ax, _DETAIL, figsize=size or (12.0, max(5.0, 1.6 + 0.24 * rows)))
    _draw_columns(axes, net, graph, mode, title, per_role)
    return axes


# ---------------------------------------------------------------------- helpers
def _check_count(feature: str, field: str, value: object, *, low: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise ValidationError(feature, field, value, f"an integer >= {low}")


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def _plural(role: Role, n: int) -> str:
    word = {Role.MSP: "MSP"}.get(role, role.value.replace("_", " "))
    return word if n == 1 else word + "s"


def _spread(count: int) -> Any:
    """`count` x positions spread evenly over [0, 1], centred."""
    return (np.arange(count, dtype=np.float64) + 0.5) / max(count, 1)


def _lines(ax: Axes, segments: list[Any], **style: Any) -> None:
    from matplotlib.collections import LineCollection

    if segments:
        ax.add_collection(LineCollection(segments, **style))


class _Graph:
    """Organizations mapped to drawn nodes; edges between nodes summed by weight."""

    def __init__(self) -> None:
        self.org: list[int] = []  # the organization of a single node, -1 for a group
        self.role: list[int] = []
        self.level: list[int] = []
        self.count: list[int] = []
        self.weight: list[float] = []
        self.tail: list[bool] = []  # a group that collapses the rest of a named list
        self.column = np.zeros(0, dtype=np.int64)
        self.node_of = np.zeros(0, dtype=np.int64)
        none = np.zeros(0, dtype=np.int64)
        self.supply: tuple[Any, Any, Any] = (none, none, np.zeros(0))
        self.serve: tuple[Any, Any, Any] = (none, none, np.zeros(0))
        self.by_revenue = True

    def add(self, org: int, role: int, level: int, count: int, weight: float, tail: bool) -> int:
        self.org.append(org)
        self.role.append(role)
        self.level.append(level)
        self.count.append(count)
        self.weight.append(weight)
        self.tail.append(tail)
        return len(self.org) - 1


def _sum_edges(src: Any, dst: Any, weight: Any, *, loops: bool) -> tuple[Any, Any, Any]:
    """Edges summed per (src, dst) pair; `loops=False` drops the edges of a node to itself
    (links inside one group)."""
    if not loops:
        keep = src != dst
        src, dst, weight = src[keep], dst[keep], weight[keep]
    if not len(src):
        return src, dst, weight
    width = int(dst.max(initial=0)) + 1
    pair = src.astype(np.int64) * width + dst
    uniq, inverse = np.unique(pair, return_inverse=True)
    total = np.bincount(inverse, weights=weight, minlength=len(uniq))
    return uniq // width, uniq % width, total


def _grouped(net: ChannelNetwork, *, top: int | None, per_role: int | None) -> _Graph:
    """Organizations to nodes: `top` intermediaries single (None: all), the others grouped
    by (layer, role); other partners grouped by (layer, role), the `per_role` with most
    revenue single (None: all single when `top` is None, else none)."""
    a = arrays(net)
    so = supply_order(net)
    level = so.level
    stw = a.org_index[net.steward.id]
    sup, srv = a.links["supplies"], a.links["serves"]
    served = np.nan_to_num(a.serves_revenue) if len(srv.src) else np.zeros(0)
    own = np.where(
        a.revenue > 0, a.revenue, np.bincount(srv.src, weights=served, minlength=a.n_orgs)
    )
    g = _Graph()
    g.by_revenue = bool(own.sum() > 0)
    if not g.by_revenue:  # no revenue anywhere: weigh by partners instead
        own = np.ones(a.n_orgs)
        own[stw] = 0.0
    indeg = np.bincount(sup.dst, minlength=a.n_orgs).astype(np.float64)
    flow = own.astype(np.float64).copy()
    for lvl in range(int(level.max(initial=0)), 0, -1):  # deepest first: children are done
        lo, hi = int(so.bounds[lvl]), int(so.bounds[lvl + 1])
        s, d = so.src[lo:hi], so.dst[lo:hi]
        np.add.at(flow, s, flow[d] / indeg[d])
    hub = np.bincount(sup.src, minlength=a.n_orgs) > 0
    hub[stw] = False
    order = np.lexsort((np.arange(a.n_orgs), -flow))  # most revenue first, then id
    node_of = np.full(a.n_orgs, -1, dtype=np.int64)
    node_of[stw] = g.add(stw, int(a.role[stw]), int(level[stw]), 1, float(flow[stw]), False)
    single = np.zeros(a.n_orgs, dtype=np.bool_)
    single[stw] = True
    hubs = order[hub[order]]
    single[hubs if top is None else hubs[:top]] = True
    partners = order[~hub[order] & (order != stw)]
    if per_role is not None:
        seen: dict[tuple[int, int], int] = defaultdict(int)
        for i in partners.tolist():
            k = (int(level[i]), int(a.role[i]))
            if seen[k] < per_role:
                single[i] = True
            seen[k] += 1
    elif top is None:
        single[partners] = True
    lone: dict[tuple[int, int, bool], list[int]] = defaultdict(list)  # groups of one: single
    for i in order[~single[order]].tolist():
        lone[(int(level[i]), int(a.role[i]), bool(hub[i]))].append(i)
    for members_ in lone.values():
        if len(members_) == 1:
            single[members_[0]] = True
    for i in order[single[order]].tolist():
        if i != stw:
            node_of[i] = g.add(i, int(a.role[i]), int(level[i]), 1, float(flow[i]), False)
    rest = order[~single[order]]
    groups: dict[tuple[int, int, bool], list[int]] = defaultdict(list)
    for i in rest.tolist():
        groups[(int(level[i]), int(a.role[i]), bool(hub[i]))].append(i)
    for (lvl, role, _), members in sorted(groups.items()):
        idx = np.array(members, dtype=np.int64)
        node = g.add(-1, role, lvl, len(members), float(flow[idx].sum()), False)
        node_of[idx] = node
    named = {(g.level[j], g.role[j]) for j in range(1, len(g.org)) if g.org[j] >= 0}
    for j in range(len(g.org)):
        g.tail[j] = g.org[j] < 0 and (g.level[j], g.role[j]) in named
    g.node_of = node_of
    share = np.divide(flow[sup.dst], indeg[sup.dst], out=np.zeros(len(sup.dst)), where=True)
    g.supply = _sum_edges(node_of[sup.src], node_of[sup.dst], share, loops=False)
    if len(srv.src):
        srv_w = served if g.by_revenue and served.sum() > 0 else np.ones(len(srv.src))
        g.serve = _sum_edges(node_of[srv.src], srv.dst, srv_w, loops=True)
    g.column = np.array(g.level, dtype=np.int64)
    return g


def _group_label(g: _Graph, n: int) -> str:
    role, count = ROLES[g.role[n]], g.count[n]
    if g.tail[n]:
        return f"+{count:,} more {_plural(role, count)}"
    return f"{count:,} {_plural(role, count)}"


def _name(net: ChannelNetwork, org_id: str, mode: LabelMode) -> str:
    return net.organizations[org_id].label if mode == "name" else org_id


def _seg_name(net: ChannelNetwork, seg_id: str, mode: LabelMode) -> str:
    return net.segments[seg_id].label if mode == "name" else seg_id


def _width(values: Any, top: float) -> Any:
    return 0.5 + 7.5 * np.asarray(values, dtype=np.float64) / (top or 1.0)


def _legend(ax: Axes, net: ChannelNetwork, mode: LabelMode, g: _Graph) -> None:
    from matplotlib.lines import Line2D

    a = arrays(net)
    per_role = np.bincount(a.role, minlength=len(ROLES))
    stw = a.org_index[net.steward.id]
    per_role[a.role[stw]] -= 1
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="*",
            linestyle="",
            markersize=13,
            color=role_color(net.steward.role),
            label=f"steward: {_name(net, net.steward.id, mode)}",
        )
    ]
    for code, role in enumerate(ROLES):
        if per_role[code]:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    markersize=7,
                    color=role_color(role),
                    label=f"{role.value} ({int(per_role[code]):,})",
                )
            )
    if any(o < 0 for o in g.org):
        handles.append(
            Line2D(
                [],
                [],
                marker="h",
                linestyle="",
                markersize=9,
                markerfacecolor="white",
                markeredgecolor="#555555",
                label="group (label: how many)",
            )
        )
    if a.n_segs:
        handles.append(
            Line2D(
                [],
                [],
                marker="s",
                linestyle="",
                markersize=8,
                color=SEGMENT_COLOR,
                label=f"segment ({a.n_segs:,})",
            )
        )
    ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize="small",
        frameon=False,
    )


def _sizes(g: _Graph, members: bool) -> Any:
    w = np.array(g.weight, dtype=np.float64)
    if members:
        return np.where(np.array(g.org) < 0, 160.0, 36.0)
    top = float(w[1:].max(initial=0.0)) or 1.0
    return 50.0 + 650.0 * np.sqrt(np.clip(w, 0, None) / top)


def _scatter_nodes(ax: Axes, g: _Graph, pos: Any, sizes: Any) -> None:
    org = np.array(g.org)
    role = np.array(g.role)
    for code, role_ in enumerate(ROLES):
        for grouped in (False, True):
            mask = (role == code) & ((org < 0) == grouped)
            mask[0] = False  # the steward is drawn on its own
            if mask.any():
                ax.scatter(
                    pos[mask, 0],
                    pos[mask, 1],
                    s=sizes[mask],
                    marker="h" if grouped else "o",
                    color=role_color(role_),
                    edgecolors="#333333" if grouped else "white",
                    linewidths=0.9 if grouped else 0.5,
                    alpha=0.9,
                    zorder=3,
                )
    ax.scatter(
        [pos[0, 0]], [pos[0, 1]], s=320, marker="*", color=role_color(ROLES[g.role[0]]), zorder=4
    )


# ---------------------------------------------------------------------- layers (top-down)
def _draw_layers(
    ax: Axes, net: ChannelNetwork, g: _Graph, mode: LabelMode, title: str | None, members: bool
) -> None:
    a = arrays(net)
    n = len(g.org)
    depth = max(g.level, default=0) + 1  # the segments' row
    pos = np.zeros((n, 2))
    level = np.array(g.level)
    sup_s, sup_d, sup_w = g.supply
    # x: layer by layer, by the weighted mean x of the nodes above (barycentre), then role
    for lvl in range(depth):
        nodes = np.flatnonzero(level == lvl)
        key: list[tuple[float, float, bool, float, int]] = []
        if lvl == 0:
            key = [
                (float(k != 0), g.role[k], g.org[k] < 0, -g.weight[k], k) for k in nodes.tolist()
            ]
        else:
            for k in nodes.tolist():
                into = sup_d == k
                w = sup_w[into] + 1e-12
                bary = float(np.average(pos[sup_s[into], 0], weights=w)) if into.any() else 2.0
                if members:  # role runs: a label per run stays readable
                    key.append((float(g.role[k]), bary, g.org[k] < 0, -g.weight[k], k))
                else:
                    key.append((round(bary, 1), float(g.role[k]), g.org[k] < 0, -g.weight[k], k))
        ranked = [k for *_, k in sorted(key)]
        pos[ranked, 0] = _spread(len(ranked))
        pos[ranked, 1] = -lvl
    seg_s, seg_d, seg_w = g.serve
    seg_x = np.full(a.n_segs, 2.0)
    for s in range(a.n_segs):
        into = seg_d == s
        if into.any():
            seg_x[s] = float(np.average(pos[seg_s[into], 0], weights=seg_w[into] + 1e-12))
    seg_rank = np.lexsort((np.arange(a.n_segs), seg_x))
    seg_pos = np.zeros((a.n_segs, 2))
    seg_pos[seg_rank, 0] = _spread(a.n_segs)
    seg_pos[:, 1] = -float(depth)

    top = float(max(sup_w.max(initial=0.0), seg_w.max(initial=0.0)))
    _lines(
        ax,
        [(pos[s], pos[d]) for s, d in zip(sup_s, sup_d, strict=True)],
        colors="#8a96a3",
        linewidths=_width(sup_w, top) * (0.5 if members else 1.0),
        alpha=0.8,
        zorder=1,
        capstyle="round",
    )
    _lines(
        ax,
        [(pos[s], seg_pos[d]) for s, d in zip(seg_s, seg_d, strict=True)],
        colors="#b8c2cc",
        linewidths=_width(seg_w, top) * (0.5 if members else 1.0),
        linestyles="dotted" if members else "solid",
        alpha=0.8,
        zorder=1,
        capstyle="round",
    )
    sizes = _sizes(g, members)
    _scatter_nodes(ax, g, pos, sizes)
    if a.n_segs:
        ax.scatter(seg_pos[:, 0], seg_pos[:, 1], s=110, marker="s", color=SEGMENT_COLOR, zorder=3)
    ax.set_xlim(-0.04, 1.04)
    ax.set_ylim(-depth - 0.5, 0.55)
    ax.set_axis_off()
    _legend(ax, net, mode, g)
    name = net.name or "the channel"
    if title is None:
        title = f"Channel map of {name}: {_count(a.n_orgs, 'organization')}, " + _count(
            a.n_segs, "segment"
        )
        if not members:
            title += " (partners grouped by role)"
    set_title(ax, title)
    what = "revenue" if g.by_revenue else "partners"
    if not members:
        ax.text(
            0.0,
            0.0,
            f"node area and line width: {what} through it",
            transform=ax.transAxes,
            fontsize="x-small",
            color="#555555",
        )
    # labels, most important first: steward, single nodes by revenue, groups, segments
    radius = np.sqrt(sizes) / 2
    items: list[tuple[float, float, str]] = []
    offsets: list[list[Offset]] = []

    def stack(r: float) -> list[Offset]:
        out = []
        for _, k in _BELOW:
            gap = r + 2 + 10 * (abs(k) - 1)
            out.append((0.0, -gap if k < 0 else gap, "center", "top" if k < 0 else "bottom"))
        return out

    items.append((float(pos[0, 0]), float(pos[0, 1]), _name(net, a.org_ids[g.org[0]], mode)))
    offsets.append([(0.0, 10.0, "center", "bottom"), (12.0, 0.0, "left", "center")])
    crowded = {lvl for lvl in range(depth) if int((level == lvl).sum()) > _LABEL_LIMIT}
    order = sorted(range(1, n), key=lambda k: (g.org[k] < 0, -g.weight[k], k))
    for k in order:
        if g.level[k] in crowded:
            continue
        text = _group_label(g, k) if g.org[k] < 0 else _name(net, a.org_ids[g.org[k]], mode)
        items.append((float(pos[k, 0]), float(pos[k, 1]), text))
        offsets.append(stack(float(radius[k])))
    for lvl in sorted(crowded):  # a label per run of one role, as "reseller (20)"
        row = sorted(np.flatnonzero(level == lvl).tolist(), key=lambda k: pos[k, 0])
        start = 0
        for j in range(1, len(row) + 1):
            if j == len(row) or g.role[row[j]] != g.role[row[start]]:
                run = row[start:j]
                count = sum(g.count[k] for k in run)
                mid = float(np.mean(pos[run, 0]))
                items.append((mid, -float(lvl), f"{_plural(ROLES[g.role[run[0]]], 2)} ({count})"))
                offsets.append(stack(6.0))
                start = j
    for s in seg_rank.tolist():
        items.append((float(seg_pos[s, 0]), -float(depth), _seg_name(net, a.seg_ids[s], mode)))
        offsets.append(stack(7.0))
    _place_each(ax, items, offsets)


def _place_each(
    ax: Axes,
    items: list[tuple[float, float, str]],
    offsets: list[list[Offset]],
    style: dict[str, Any] | None = None,
) -> None:
    """Place the labels, each with its own candidate places, none over another."""
    place_labels(ax, items, offsets=offsets, style=style)


# ---------------------------------------------------------------------- columns (detail)
def _draw_columns(
    ax: Axes, net: ChannelNetwork, g: _Graph, mode: LabelMode, title: str | None, per_role: int
) -> None:
    a = arrays(net)
    n = len(g.org)
    depth = max(g.level, default=0) + 1
    level = np.array(g.level)
    pos = np.zeros((n, 2))
    rows = 1
    for lvl in range(depth):
        nodes = np.flatnonzero(level == lvl).tolist()
        nodes.sort(key=lambda k: (k != 0, g.role[k], g.org[k] < 0, -g.weight[k], k))
        rows = max(rows, len(nodes))
        pos[nodes, 0] = lvl
        pos[nodes, 1] = -np.arange(len(nodes), dtype=np.float64)
    rows = max(rows, a.n_segs)
    for lvl in range(depth):  # centre each column on the tallest one
        nodes = level == lvl
        pos[nodes, 1] -= (rows - int(nodes.sum())) / 2
    seg_w_by = np.zeros(a.n_segs)
    seg_s, seg_d, seg_w = g.serve
    np.add.at(seg_w_by, seg_d, seg_w)
    seg_rank = np.lexsort((np.arange(a.n_segs), -seg_w_by))
    seg_pos = np.zeros((a.n_segs, 2))
    seg_pos[:, 0] = depth
    seg_pos[seg_rank, 1] = -np.arange(a.n_segs, dtype=np.float64) - (rows - a.n_segs) / 2
    sup_s, sup_d, sup_w = g.supply
    top = float(max(sup_w.max(initial=0.0), seg_w.max(initial=0.0)))
    _lines(
        ax,
        [(pos[s], pos[d]) for s, d in zip(sup_s, sup_d, strict=True)],
        colors="#8a96a3",
        linewidths=_width(sup_w, top) * 0.6,
        alpha=0.55,
        zorder=1,
    )
    _lines(
        ax,
        [(pos[s], seg_pos[d]) for s, d in zip(seg_s, seg_d, strict=True)],
        colors="#b8c2cc",
        linewidths=_width(seg_w, top) * 0.6,
        alpha=0.55,
        zorder=1,
    )
    sizes = np.clip(_sizes(g, False), 30.0, 260.0)
    _scatter_nodes(ax, g, pos, sizes)
    if a.n_segs:
        ax.scatter(seg_pos[:, 0], seg_pos[:, 1], s=110, marker="s", color=SEGMENT_COLOR, zorder=3)
    ax.set_xlim(-0.15, depth + 0.75)
    ax.set_ylim(-rows + 0.4, 0.9)
    ax.set_axis_off()
    _legend(ax, net, mode, g)
    if title is None:
        title = (
            f"Partners of {net.name or 'the channel'}: the {per_role} with most "
            f"{'revenue' if g.by_revenue else 'partners'} per role, of "
            f"{_count(a.n_orgs, 'organization')}"
        )
    set_title(ax, title)
    for lvl in range(depth + 1):
        head = "segments" if lvl == depth else ("steward" if lvl == 0 else f"layer {lvl}")
        ax.text(lvl, 0.6, head, ha="center", fontsize="small", color="#555555")
    radius = np.sqrt(sizes) / 2
    items: list[tuple[float, float, str]] = []
    offsets: list[list[Offset]] = []
    for k in range(n):
        text = _group_label(g, k) if g.org[k] < 0 else _name(net, a.org_ids[g.org[k]], mode)
        r = float(radius[k]) + 3
        items.append((float(pos[k, 0]), float(pos[k, 1]), text))
        offsets.append([(r, 0.0, "left", "center"), (-r, 0.0, "right", "center")])
    for s in range(a.n_segs):
        items.append(
            (float(seg_pos[s, 0]), float(seg_pos[s, 1]), _seg_name(net, a.seg_ids[s], mode))
        )
        offsets.append([(9.0, 0.0, "left", "center")])
    box = {"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.3}
    _place_each(ax, items, offsets, style={"bbox": box, "zorder": 5})


# ---------------------------------------------------------------------- patterns
def _draw_patterns(
    ax: Axes, net: ChannelNetwork, rp: RoutePatterns, mode: LabelMode, title: str | None
) -> None:
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
        label=f"steward: {_name(net, net.steward.id, mode)}",
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
    items: list[tuple[float, float, str]] = [(xpos[root], 0.0, _name(net, net.steward.id, mode))]
    offsets: list[list[Offset]] = [[(0.0, 11.0, "center", "bottom"), (12.0, 0.0, "left", "center")]]
    for node in sorted(xpos, key=lambda p: (-weight[p], p)):
        if node == root:
            continue
        end = ends.get(node)
        text = node.rsplit(">", 1)[-1] + (f" ({end.partners:,})" if end else "")
        items.append((xpos[node], -float(node.count(">")), text))
        offsets.append(
            [
                (0.0, 9.0, "center", "bottom"),
                (0.0, -9.0, "center", "top"),
                (0.0, 19.0, "center", "bottom"),
                (0.0, -19.0, "center", "top"),
                (10.0, 0.0, "left", "center"),
                (-10.0, 0.0, "right", "center"),
            ]
        )
    for s in seg_ids:
        items.append((seg_x[s], -float(depth), _seg_name(net, s, mode)))
        offsets.append([(0.0, -9.0, "center", "top"), (0.0, -19.0, "center", "top")])
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
    ax.set_xlim(-0.05, 1.05)
    ax.set_ylim(-depth - 0.6, 0.5)
    ax.set_axis_off()
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small", frameon=False)
    if title is None:
        title = (
            f"Channel map of {net.name or 'the channel'} by role pattern: "
            f"{_count(len(net.organizations), 'organization')}, "
            f"{_count(len(overall), 'pattern')}{more}"
        )
    set_title(ax, title)
    _place_each(ax, items, offsets)
