"""CPU time of the main jobs, measured the same way for two source trees.

A refactor must not slow anything down; wall time on a shared 2-core machine is too noisy
to show that, so this measures CPU time (best of 3) in a fresh process per tree and per
round, alternating the trees. Give the ``src`` folders of two checkouts, e.g. a worktree
of the base commit and this one::

    git worktree add /tmp/base b87086e
    python benchmarks/compare_revisions.py /tmp/base/src src --partners 100000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

_CHILD = r"""
import gc, json, sys, time
import channelvalue as cv
n = int(sys.argv[1])
res = {}
def cpu(name, f):
    best = 1e9
    for _ in range(3):
        gc.collect(); t = time.process_time(); f(); best = min(best, time.process_time() - t)
    res[name] = best
res_nets = iter([cv.datasets.synthetic(n, seed=1) for _ in range(3)])
cpu("synthetic", lambda: cv.datasets.synthetic(n, seed=1))
cpu("audit, cold", lambda: cv.audit(next(res_nets)))
net = cv.datasets.synthetic(n, seed=1)
cpu("audit, warm", lambda: cv.audit(net))
frames = cv.io.to_frames(net)
cpu("to_frames", lambda: cv.io.to_frames(net))
cpu("from_frames", lambda: cv.io.from_frames(**frames))
text = cv.io.dumps(net)
cpu("dumps", lambda: cv.io.dumps(net))
cpu("loads", lambda: cv.io.loads(text, max_bytes=1 << 31))
print(json.dumps(res))
"""


def _measure(src: str, partners: int) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(partners)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    """Print, per measurement, the best CPU seconds of each tree and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the src folder of the base tree")
    parser.add_argument("new", help="the src folder of the tree to compare")
    parser.add_argument("--partners", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args(argv)
    best: dict[str, dict[str, float]] = {"base": {}, "new": {}}
    for _ in range(args.rounds):
        for side in ("base", "new"):
            for name, secs in _measure(getattr(args, side), args.partners).items():
                best[side][name] = min(secs, best[side].get(name, secs))
    print(f"CPU seconds, best of {3 * args.rounds}, synthetic({args.partners:,} partners)")
    print(f"  {'measurement':<14} {'base':>8} {'new':>8} {'new/base':>9}")
    for name, base in best["base"].items():
        new = best["new"][name]
        print(f"  {name:<14} {base:8.3f} {new:8.3f} {new / base:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
