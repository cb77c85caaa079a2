"""Benchmark: partner account overlap, ``account_overlap(net)``, on N partners x 50 accounts.

One measurement in a fresh Python process (see ``_harness.py``). Untimed set-up: a network
of a vendor (the steward) and N partners (resellers, MSPs and system integrators in turn),
each with an [`AccountList`] of 50 synthetic account codes, and the steward's own list of
direct accounts. The overlap is realistic rather than uniform:

- 40 of each partner's accounts are drawn uniformly from a long tail of ``10 * N`` accounts
  (each held by about 4 partners);
- 10 come from ``N / 2`` popular accounts (each held by about 20 partners);
- the steward sells direct to ``N / 5`` of the popular accounts and ``N / 20`` others.

Timed: ``account_overlap(net)`` (factorising 50 N account keys, the sparse incidence matrix
and ``M @ M.T``) plus the co-selling and same-role counts the ``conflict.accounts`` check
reads. ``peak_mb`` is the whole process (network and inputs included).

Run alone (default 100,000 partners)::

    python benchmarks/bench_overlap.py --partners 100000

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from _harness import Timer, measure  # this folder is on sys.path when run as a script

__all__ = ["overlap_step", "run"]

SEED = 0
PER_PARTNER = 50
ROLES = ("reseller", "msp", "system_integrator")


def overlap_network(partners: int, seed: int = SEED) -> Any:
    """The benchmark network: a vendor and `partners` partners with 50 accounts each."""
    import numpy as np

    import channelvalue as cv

    rng = np.random.default_rng(seed)
    tail, popular = 10 * partners, max(1, partners // 2)
    tail_codes = rng.integers(0, tail, size=(partners, 40))
    pop_codes = rng.integers(0, popular, size=(partners, PER_PARTNER - 40))
    items: list[Any] = [cv.Organization("v", role="vendor")]
    items.extend(cv.Organization(f"p{i:07d}", role=ROLES[i % len(ROLES)]) for i in range(partners))
    for i in range(partners):
        keys = [f"t{c:08d}" for c in tail_codes[i].tolist()]
        keys += [f"a{c:08d}" for c in pop_codes[i].tolist()]
        items.append(cv.AccountList(f"p{i:07d}", keys))
    direct = [f"a{c:08d}" for c in rng.choice(popular, size=max(1, partners // 5)).tolist()]
    direct += [f"t{c:08d}" for c in rng.choice(tail, size=max(1, partners // 20)).tolist()]
    items.append(cv.AccountList("v", direct))
    net = cv.ChannelNetwork(steward="v")
    net.add_all(items)
    return net


def overlap_step(timer: Timer, partners: int, seed: int) -> dict[str, Any]:
    """Time ``account_overlap`` and the pair counts of the network of ``partners``."""
    import numpy as np

    from channelvalue.mapping import account_overlap

    net = overlap_network(partners, seed)
    rows = sum(len(al.accounts) for al in net.registry("account_list").values())
    with timer:
        ov = account_overlap(net)
        i, j, n = ov._upper()
        roles = np.array(ov.roles, dtype=object)
        direct = int((i == 0).sum())
        same = int((roles[i] == roles[j]).sum())
    return {
        "partners": partners,
        "account_rows": rows,
        "accounts": len(ov.accounts),
        "overlapping_pairs": len(i),
        "shared_with_direct": direct,
        "same_role_pairs": same,
        "max_shared": int(n.max()) if len(n) else 0,
    }


def run(partners: int) -> list[dict[str, Any]]:
    """The overlap measurement at ``partners`` partners, in a fresh process.

    Rows: ``{"name", "seconds", "peak_mb", "base_mb", ...}``.
    """
    row = measure("bench_overlap:overlap_step", partners, SEED)
    return [{"name": f"account_overlap, {partners:,} partners x {PER_PARTNER}", **row}]


def main(argv: list[str] | None = None) -> int:
    """Print the measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", nargs="?", type=int, default=None)
    parser.add_argument("--partners", type=int, default=100_000)
    args = parser.parse_args(argv)
    for row in run(args.size or args.partners):
        print(
            f"{row['name']}: {row['seconds']:.2f} s, peak {row['peak_mb']:.0f} MiB "
            f"(base {row['base_mb']:.0f} MiB); {row['account_rows']:,} rows, "
            f"{row['accounts']:,} accounts, {row['overlapping_pairs']:,} overlapping pairs, "
            f"{row['shared_with_direct']:,} partners sharing with direct sales, "
            f"{row['same_role_pairs']:,} same-role pairs"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
