"""Shared array helpers of the built-in checks (private).

Everything here reads `channelvalue.core.arrays.arrays` or builds small extra columns
once per network version (cached on the network like the array view itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from scipy.sparse import csgraph

from ...core.arrays import BoolArray, FloatArray, GraphArrays, IntArray, arrays
from ...core.cache import cached
from ...errors import CycleError
from ...metrics import fractions
from ...model import Finding, Severity

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork

__all__ = [
    "BoolArray",
    "FloatArray",
    "IntArray",
    "cached",
    "emit_ranked",
    "end_revenue",
    "fractions",
    "group_fractions",
    "key_mask",
    "labels",
    "link_revenue",
    "money",
    "needs_steward",
    "partner_mask",
    "partner_revenue_coverage",
    "pct",
    "plural",
    "reaching",
    "shares",
    "steward_index",
    "supply_cycle",
]


def money(x: float) -> str:
    """A compact amount: `1.2M`, `350k`, `900`."""
    ax = abs(x)
    if ax >= 1e9:
        return f"{x / 1e9:.3g}B"
    if ax >= 1e6:
        return f"{x / 1e6:.3g}M"
    if ax >= 1e3:
        return f"{x / 1e3:.3g}k"
    return f"{x:.3g}"


def plural(n: int, word: str) -> str:
    """`1 partner`, `2 partners`."""
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def pct(x: float) -> str:
    """A share as a percentage with one decimal: `12.5%`."""
    return f"{100.0 * x:.1f}%"


def steward_index(net: ChannelNetwork, a: GraphArrays) -> int | None:
    """The steward's row in the array view, or None when it is not set or not added."""
    sid = net.steward_id
    return a.org_index.get(sid) if sid is not None else None


def needs_steward(net: ChannelNetwork) -> str | None:
    """The not-assessed reason of a check that needs the steward, or None when it is set
    and in the network (`structure.steward` reports its absence as an error)."""
    sid = net.steward_id
    if sid is None:
        return "no steward is set"
    if sid not in net.organizations:
        return f"the steward {sid!r} is not in the network"
    return None


def labels(net: ChannelNetwork) -> list[str]:
    """Per organization row of the array view, its label (name, else id), for messages
    (cached per network version)."""
    return cached(net, _build_labels)


def _build_labels(net: ChannelNetwork) -> list[str]:
    return [o.label for o in arrays(net).organizations]


def key_mask(values: FloatArray, mask: BoolArray, cover: float) -> BoolArray:
    """Rows of `mask` that are *key*: the rows with larger `values` than theirs hold less
    than `cover` of the masked total (ties are alike). The same mix of values at any size
    (a network replicated k times) has the same key rows.

    Examples:
        >>> v = np.array([50.0, 30.0, 10.0, 10.0, 0.0])
        >>> key_mask(v, np.ones(5, dtype=bool), 0.8).tolist()  # 50+30 = 80% before the 10s
        [True, True, False, False, False]
        >>> key_mask(v, np.ones(5, dtype=bool), 0.81).tolist()
        [True, True, True, True, False]
    """
    out = np.zeros(len(values), dtype=np.bool_)
    idx = np.flatnonzero(mask)
    if len(idx) == 0:
        return out
    share = fractions(values[idx])
    order = np.argsort(-share, kind="stable")
    s = share[order]
    before = np.concatenate(([0.0], np.cumsum(s)[:-1]))
    # rows with equal values take the share before the first of them
    first = np.searchsorted(-s, -s, side="left")
    before = before[first]
    key = (before < cover - 1e-12) & (s > 0)
    out[idx[order[key]]] = True
    return out


def partner_revenue_coverage(net: ChannelNetwork, seen: BoolArray) -> float:
    """The share of partner revenue held by the partners in `seen` (a row mask); with no
    partner revenue at all, the share of partners."""
    a = arrays(net)
    partners = partner_mask(net, a)
    if not partners.any():
        return 0.0
    share = shares(a.revenue, partners)
    if float(share[partners].sum()) <= 0:
        return float((seen & partners).sum()) / float(partners.sum())
    return min(1.0, float(share[seen & partners].sum()))


def supply_cycle(check: str, err: CycleError) -> Finding:
    """The error finding of a check whose routes cannot be traced: supply links loop (the
    message names the cycle as [`CycleError`][channelvalue.CycleError] does: a long one
    by its first and last ids)."""
    return Finding(
        check,
        Severity.ERROR,
        subjects=tuple(dict.fromkeys(err.cycle)),
        message=(
            f"the supply links form a cycle ({str(err).split(': ', 1)[1]}), so routes cannot be "
            "traced: remove one of these links (see ChannelNetwork.validate())"
        ),
    )


def partner_mask(net: ChannelNetwork, a: GraphArrays) -> BoolArray:
    """Organizations that are partners: not owned by the vendor and not the steward."""
    mask: BoolArray = ~a.owned
    s = steward_index(net, a)
    if s is not None:
        mask[s] = False
    return mask


def group_fractions(group: IntArray, weights: FloatArray, n: int) -> FloatArray:
    """The sum of `weights` per group `0..n-1` as fractions of the whole, finite for any
    finite weights >= 0: when a sum overflows, the weights are divided by the largest first.
    """
    with np.errstate(over="ignore"):
        sums = np.bincount(group, weights=weights, minlength=n).astype(np.float64)
        if not np.isfinite(sums).all():
            scaled = weights / float(weights.max())
            sums = np.bincount(group, weights=scaled, minlength=n).astype(np.float64)
    return fractions(sums)


def shares(values: FloatArray, mask: BoolArray) -> FloatArray:
    """`values / sum(values[mask])` on the mask, 0 elsewhere (all 0 when the sum is 0);
    finite even when the sum overflows (see `fractions`)."""
    out = np.zeros(len(values))
    out[mask] = fractions(values[mask])
    return out


def reaching(a: GraphArrays, kind: str, target: int, keep: BoolArray | None = None) -> BoolArray:
    """Organizations with a path of `kind` links (optionally only `keep` ones) to `target`."""
    la = a.links[kind]
    src, dst = la.src, la.dst
    if keep is not None:
        src, dst = src[keep], dst[keep]
    n = a.n_orgs
    # reversed edges: from the target we walk to whoever points at it
    rev = sp.csr_matrix((np.ones(len(src), dtype=np.int8), (dst, src)), shape=(n, n))
    order = csgraph.breadth_first_order(rev, target, directed=True, return_predecessors=False)
    out = np.zeros(n, dtype=np.bool_)
    out[order] = True
    return out


def link_revenue(a: GraphArrays) -> FloatArray:
    """Per `serves` link, its revenue: its own figure, else the source's revenue split
    evenly over the segments it serves."""
    la = a.links["serves"]
    deg = np.bincount(la.src, minlength=a.n_orgs).astype(np.float64)
    even = a.revenue[la.src] / np.maximum(deg[la.src], 1.0)
    out: FloatArray = np.where(np.isnan(a.serves_revenue), even, a.serves_revenue)
    return out


def end_revenue(net: ChannelNetwork) -> FloatArray:
    """Per organization, the end-customer revenue of its `serves` links (cached per
    network version)."""
    return cached(net, _build_end_revenue)


def _build_end_revenue(net: ChannelNetwork) -> FloatArray:
    a = arrays(net)
    la = a.links["serves"]
    return np.asarray(np.bincount(la.src, link_revenue(a), a.n_orgs), dtype=np.float64)


def emit_ranked(
    idx: IntArray,
    *,
    importance: FloatArray,
    errors: BoolArray | None,
    make: Callable[[int, Severity], Finding],
    severity: Severity = Severity.WARNING,
) -> Iterator[Finding]:
    """Findings for every flagged row of `idx`, most important first.

    Rows are ranked by `importance` (descending), then by index (ids are sorted, so
    by id). A row is an error where `errors` is True, else of `severity`.
    """
    if len(idx) == 0:
        return
    if errors is None:
        errors = np.zeros(int(idx.max()) + 1, dtype=np.bool_)
    order = idx[np.lexsort((idx, -importance[idx]))]
    for i in order.tolist():
        yield make(int(i), Severity.ERROR if errors[i] else severity)
