"""`conflict.accounts`: channel conflict measured on the customer accounts partners share.

Where the network holds [`AccountList`][channelvalue.AccountList]s, the overlap of
[`account_overlap`][channelvalue.mapping.account_overlap] says who actually sells to the same
customers, which `conflict.overlap` can only guess from segment x region x vertical cells: for
the partners with account lists, this check supersedes that proxy. Without account lists the
check is *not assessed* ("no account lists"): no findings, no score.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from ...core.arrays import arrays
from ...mapping.overlap import account_overlap
from ...model import Finding, Severity
from ..registry import register
from ._common import emit_ranked, partner_revenue_coverage, pct, plural

if TYPE_CHECKING:
    from ...core.network import ChannelNetwork
    from ..config import AuditConfig

__all__ = ["account_conflict", "account_lists_known", "has_account_lists"]

CHECK = "conflict.accounts"
_PROXY = (
    "measured on shared accounts, this supersedes the segment x region proxy of conflict.overlap"
)


def has_account_lists(net: ChannelNetwork) -> bool:
    """Whether the network holds any account list (else `conflict.accounts` is not assessed).

    Examples:
        >>> import channelvalue as cv
        >>> has_account_lists(cv.datasets.example())
        True
        >>> has_account_lists(cv.ChannelNetwork())
        False
    """
    return bool(net.registry("account_list"))


def account_lists_known(net: ChannelNetwork) -> str | None:
    """Why `conflict.accounts` cannot be assessed (no account lists), or None.

    Examples:
        >>> import channelvalue as cv
        >>> account_lists_known(cv.ChannelNetwork())
        'no account lists'
    """
    return None if has_account_lists(net) else "no account lists"


def _lists_coverage(net: ChannelNetwork) -> float:
    a = arrays(net)
    seen = np.zeros(a.n_orgs, dtype=np.bool_)
    for owner in net.registry("account_list"):
        row = a.org_index.get(owner)
        if row is not None:
            seen[row] = True
    return partner_revenue_coverage(net, seen)


def _label(net: ChannelNetwork, ident: str) -> str:
    org = net.organizations.get(ident)
    return org.label if org is not None else ident


@register(
    CHECK,
    title="Partners of one role, or direct sales, selling to the same accounts",
    requires=account_lists_known,
    coverage=_lists_coverage,
)
def account_conflict(net: ChannelNetwork, config: AuditConfig) -> Iterator[Finding]:
    """Partner pairs of the same role that share many accounts; partners that share
    accounts with the steward's direct sales.

    A pair counts when it shares at least `config.min_shared_accounts` accounts and more
    than `config.max_shared_account_share` of the smaller of its two lists (a warning;
    more than twice that share, an error). A partner counts when it shares at least
    `config.min_shared_accounts` accounts with direct sales and more than
    `config.max_direct_account_share` of its own list (warning; twice, error). Pairs and
    partners are ranked by the number of shared accounts; the evidence gives the counts. A
    finding's share is its shared accounts over all the accounts of all lists.

    Examples:
        >>> import channelvalue as cv
        >>> from channelvalue.aligning import AuditConfig
        >>> from channelvalue.mapping import account_list
        >>> net = cv.ChannelNetwork(steward="v")
        >>> net.add_all([cv.Organization("v", role="vendor"),
        ...     cv.Organization("r1", role="reseller"), cv.Organization("r2", role="reseller"),
        ...     account_list("r1", ["a", "b", "c"]), account_list("r2", ["b", "c", "d"]),
        ...     account_list("v", ["d"])])
        >>> [(f.severity.value, f.subjects, f.evidence["shared"])
        ...  for f in account_conflict(net, AuditConfig())]
        [('error', ('r1', 'r2'), 2.0), ('error', ('r2', 'v'), 1.0)]
    """
    if not has_account_lists(net):
        return
    ov = account_overlap(net)
    i, j, n = ov._upper()
    sizes = ov.sizes.astype(np.float64)
    roles = np.array(ov.roles, dtype=object)
    enough = n >= config.min_shared_accounts
    is_direct = roles[i] == "direct"

    # 1. partners of the same role sharing accounts
    smaller = np.minimum(sizes[i], sizes[j])
    share = np.divide(n, smaller, out=np.zeros(len(n)), where=smaller > 0)
    limit = config.max_shared_account_share
    same = enough & ~is_direct & (roles[i] == roles[j]) & (share > limit)
    importance = n.astype(np.float64)
    total = max(1.0, float(sizes.sum()))

    def make_pair(k: int, severity: Severity) -> Finding:
        a, b = ov.owners[i[k]], ov.owners[j[k]]
        return Finding(
            CHECK,
            severity,
            subjects=(a, b),
            message=(
                f"{_label(net, a)} and {_label(net, b)} ({roles[i[k]]}s) have "
                f"{plural(int(n[k]), 'account')} in common, "
                f"{pct(share[k])} of the smaller list: agree named-account ownership or deal "
                f"registration between them ({_PROXY})"
            ),
            evidence={
                "shared": float(n[k]),
                "accounts_a": float(sizes[i[k]]),
                "accounts_b": float(sizes[j[k]]),
                "share": float(share[k]),
            },
            share=min(1.0, float(n[k]) / total),
        )

    yield from emit_ranked(
        np.flatnonzero(same),
        importance=importance,
        errors=share > min(1.0, 2 * limit),
        make=make_pair,
    )

    # 2. partners sharing accounts with direct sales
    own = np.divide(n, sizes[j], out=np.zeros(len(n)), where=sizes[j] > 0)
    dlimit = config.max_direct_account_share
    with_direct = enough & is_direct & (own > dlimit)
    steward = ov.owners[0] if ov.has_direct else ""

    def make_direct(k: int, severity: Severity) -> Finding:
        p = ov.owners[j[k]]
        return Finding(
            CHECK,
            severity,
            subjects=(p, steward),
            message=(
                f"{_label(net, p)} sells to {plural(int(n[k]), 'account')} the steward also "
                "sells to "
                f"directly ({pct(own[k])} of its list): agree rules of engagement (named "
                f"accounts, deal registration) or co-sell them ({_PROXY})"
            ),
            evidence={
                "shared": float(n[k]),
                "accounts": float(sizes[j[k]]),
                "direct_accounts": float(sizes[0]),
                "share": float(own[k]),
            },
            share=min(1.0, float(n[k]) / total),
        )

    yield from emit_ranked(
        np.flatnonzero(with_direct),
        importance=importance,
        errors=own > min(1.0, 2 * dlimit),
        make=make_direct,
    )
