"""Graphviz DOT text of a network, with the layered layout of a channel map.

The steward sits on the top rank (`rank=min`), end-customer segments on the bottom
rank (`rank=max`), distributors and other upstream members in between, and partners
(resellers, MSPs, integrators, retailers, agents, ...) above the segments. Each link kind
has its own edge style; reporting and data links point upward and do not constrain the
ranks. Only text is produced: render it with any Graphviz (`dot -Tsvg`), or online.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np

from ..core.arrays import ROLES, arrays
from ..core.network import ChannelNetwork
from ..errors import ValidationError
from ..model import LINK_KINDS, Role

__all__ = ["AGGREGATE_ABOVE", "EDGE_STYLES", "to_dot"]

AGGREGATE_ABOVE = 200
"""With `aggregate=None`, networks with more organizations than this are aggregated."""

EDGE_STYLES: dict[str, str] = {
    "supplies": 'color="#404040"',
    "serves": 'color="#1b7837", arrowhead=vee',
    "reports_to": 'color="#2166ac", style=dashed, arrowhead=onormal, constraint=false',
    "shares_data": 'color="#b2182b", style=dotted, arrowhead=dot, constraint=false',
}
"""The DOT attributes of each link kind's edges."""

_UPSTREAM = {Role.VENDOR, Role.DISTRIBUTOR, Role.LOGISTICS}
_FILL = {
    Role.VENDOR: "#fdd49e",
    Role.DISTRIBUTOR: "#c6dbef",
    Role.LOGISTICS: "#d9d9d9",
    Role.RESELLER: "#c7e9c0",
    Role.MSP: "#dadaeb",
    Role.SYSTEM_INTEGRATOR: "#fcbba1",
    Role.RETAILER: "#fee391",
    Role.AGENT: "#e5f5e0",
    Role.MARKETPLACE: "#d4b9da",
    Role.OTHER: "#f0f0f0",
}


def _q(text: str) -> str:
    """A DOT double-quoted string: backslash, quote, line feed and carriage return escaped
    (one-to-one, so distinct ids stay distinct)."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + out.replace("\n", "\\n").replace("\r", "\\r") + '"'


def _head(net: ChannelNetwork, note: str) -> list[str]:
    title = net.name or "channel"
    return [
        f"digraph {_q(title)} {{",
        "  graph [rankdir=TB, newrank=true, nodesep=0.25, ranksep=0.9, splines=true,"
        f' fontname="Helvetica", labelloc=t, label={_q(title + note)}];',
        '  node [fontname="Helvetica", fontsize=10, shape=box, style="rounded,filled"];',
        '  edge [fontname="Helvetica", fontsize=8, arrowsize=0.7];',
    ]


def _ranks(
    top: Iterable[str], middle: Iterable[str], low: Iterable[str], bottom: Iterable[str]
) -> list[str]:
    out = []
    for rank, names in (("min", top), ("same", middle), ("same", low), ("max", bottom)):
        shown = "; ".join(_q(n) for n in names)
        if shown:
            out.append(f"  {{ rank={rank}; {shown}; }}")
    return out


def _detailed(net: ChannelNetwork) -> list[str]:
    lines = _head(net, "")
    stew = net.steward_id
    top: list[str] = []
    middle: list[str] = []
    low: list[str] = []
    lines.append("  // organizations")
    for ident in sorted(net.organizations):
        org = net.organizations[ident]
        extra = ", shape=doubleoctagon, penwidth=2" if ident == stew else ""
        label = f"{org.label}\n{org.role.value}"
        lines.append(f"  {_q(ident)} [label={_q(label)}, fillcolor={_q(_FILL[org.role])}{extra}];")
        (top if ident == stew else middle if org.role in _UPSTREAM else low).append(ident)
    lines.append("  // segments")
    for ident in sorted(net.segments):
        seg = net.segments[ident]
        label = f"{seg.label}\nsegment" + (f" ({seg.band.value})" if seg.band else "")
        lines.append(f'  {_q(ident)} [label={_q(label)}, shape=ellipse, fillcolor="#ffffcc"];')
    lines += _ranks(top, middle, low, sorted(net.segments))
    for kind in LINK_KINDS:
        lines.append(f"  // {kind} links")
        group = net.registry(kind)
        for source, target in sorted(group):
            link: Any = group[(source, target)]
            note = ""
            if kind == "reports_to" and link.mode.value == "direct":
                note = ', style=solid, label="direct"'
            elif kind == "shares_data":
                note = f", tooltip={_q(', '.join(d.value for d in link.data))}"
            style = EDGE_STYLES[kind]
            lines.append(f'  {_q(source)} -> {_q(target)} [class="{kind}", {style}{note}];')
    lines.append("}")
    return lines


def _aggregated(net: ChannelNetwork) -> list[str]:
    """One node per role (the steward alone), segments as they are, edges counted."""
    a = arrays(net)
    stew = a.org_index.get(net.steward_id or "", -1)
    group = a.role.copy()
    steward_code = len(ROLES)
    if stew >= 0:
        group[stew] = steward_code
    counts = Counter(group.tolist())
    names = {code: f"role:{ROLES[code].value}" for code in range(len(ROLES))}
    names[steward_code] = net.steward_id or ""
    lines = _head(net, f"\n(aggregated by role: {a.n_orgs:,} organizations)")
    top: list[str] = []
    middle: list[str] = []
    low: list[str] = []
    lines.append("  // organizations, one node per role")
    for code in sorted(counts):
        n = counts[code]
        if code == steward_code:
            org = net.organizations[names[code]]
            label, role, extra = (
                f"{org.label}\n{org.role.value}",
                org.role,
                ", shape=doubleoctagon, penwidth=2",
            )
            top.append(names[code])
        else:
            role = ROLES[code]
            label, extra = f"{role.value}\n{n:,} organizations", ""
            (middle if role in _UPSTREAM else low).append(names[code])
        lines.append(
            f"  {_q(names[code])} [label={_q(label)}, fillcolor={_q(_FILL[role])}{extra}];"
        )
    lines.append("  // segments")
    for ident in a.seg_ids:
        seg = net.segments[ident]
        label = _q(f"{seg.label}\nsegment")
        lines.append(f'  {_q(ident)} [label={label}, shape=ellipse, fillcolor="#ffffcc"];')
    lines += _ranks(top, middle, low, a.seg_ids)
    for kind in LINK_KINDS:
        la = a.links[kind]
        if not len(la):
            continue
        lines.append(f"  // {kind} links, counted")
        src = group[la.src]
        dst = la.dst if kind == "serves" else group[la.dst]
        width = int(max(dst.max(initial=0), steward_code)) + 1
        pairs, n = np.unique(src * width + dst, return_counts=True)
        for pair, count in zip(pairs.tolist(), n.tolist(), strict=True):
            s, t = divmod(pair, width)
            target = a.seg_ids[t] if kind == "serves" else names[t]
            pen = 1.0 + np.log10(count)
            lines.append(
                f'  {_q(names[s])} -> {_q(target)} [class="{kind}", {EDGE_STYLES[kind]},'
                f' label="{count:,}", penwidth={pen:.2f}];'
            )
    lines.append("}")
    return lines


def to_dot(net: ChannelNetwork, *, aggregate: bool | None = None) -> str:
    """Graphviz DOT text of `net` as a layered channel map (no Graphviz needed to make it).

    The steward is on the top rank, segments on the bottom rank, distributors (and other
    upstream members) and partners in between; edges are styled per link kind
    (`EDGE_STYLES`) and carry `class="<kind>"` for SVG styling.

    Args:
        aggregate: `True` draws one node per role (the steward alone) with links
            counted; `False` draws every organization; `None` (default) aggregates
            networks of more than `AGGREGATE_ABOVE` organizations.

    Examples:
        >>> import channelvalue as cv
        >>> dot = cv.io.to_dot(cv.datasets.example())
        >>> dot.splitlines()[0], '{ rank=min; "acme"; }' in dot
        ('digraph "Acme Networks channel" {', True)
        >>> big = cv.io.to_dot(cv.datasets.synthetic(300), aggregate=True)
        >>> print(next(line for line in big.splitlines() if "role:reseller" in line))
          "role:reseller" [label="reseller\\n109 organizations", fillcolor="#c7e9c0"];
    """
    if aggregate is not None and type(aggregate) is not bool:
        raise ValidationError("to_dot", "aggregate", aggregate, "True, False or None")
    big = len(net.organizations) > AGGREGATE_ABOVE
    lines = _aggregated(net) if (big if aggregate is None else aggregate) else _detailed(net)
    return "\n".join(lines) + "\n"
