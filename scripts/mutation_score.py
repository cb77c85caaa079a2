"""Print the mutation score of the last ``mutmut run`` (``make mutation``).

Reads mutmut's result files under ``mutants/`` and prints, per package and in total, how
many mutants were killed (a test failed, timed out or crashed), survived, had no test,
and the score ``killed / (mutants run - skipped)``. Mutants not run yet (a run narrowed
to some names) are left out. The surviving mutants are listed; ``mutmut show NAME``
shows the change each one made.

Usage: ``python scripts/mutation_score.py [NAME_GLOB ...]``
"""

from __future__ import annotations

import fnmatch
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from mutmut.stats import status_by_exit_code

KILLED = {"killed", "timeout", "segfault", "caught by type check"}
NOT_SCORED = {"not checked", "skipped", "check was interrupted by user"}


def main(patterns: list[str]) -> int:
    """Print the table and the survivors; 1 when no mutant has been run."""
    patterns = patterns or ["*"]
    by_package: defaultdict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[tuple[str, str]] = []
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        for name, code in codes.items():
            if not any(fnmatch.fnmatchcase(name, p) for p in patterns):
                continue
            status = status_by_exit_code[code]
            if status in NOT_SCORED:
                continue
            by_package[".".join(name.split(".")[:2])][status] += 1
            if status not in KILLED:
                survivors.append((name, status))
    if not by_package:
        print("no mutation results: run `make mutation` first")
        return 1
    head = ("package", "mutants", "killed", "survived", "no tests", "score")
    print("{:<26} {:>8} {:>8} {:>9} {:>9} {:>7}".format(*head))
    total: Counter[str] = Counter()
    for package, counts in sorted(by_package.items()):
        total.update(counts)
        print(_row(package, counts))
    print(_row("total", total))
    if survivors:
        print(f"\n{len(survivors)} surviving mutants (mutmut show NAME for the diff):")
        for name, status in sorted(survivors):
            print(f"  {name}: {status}")
    killed = sum(total[s] for s in KILLED)
    print(f"\nmutation score: {killed / total.total():.1%} ({killed} of {total.total()} killed)")
    return 0


def _row(label: str, counts: Counter[str]) -> str:
    killed = sum(counts[s] for s in KILLED)
    n = counts.total()
    return (
        f"{label:<26} {n:>8} {killed:>8} {counts['survived']:>9} {counts['no tests']:>9} "
        f"{killed / n:>7.1%}"
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
