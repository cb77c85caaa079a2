"""Print a seeded, uniform random sample of mutmut's mutant names (``make mutation SAMPLE=N``).

mutmut makes about 9,000 mutants of ``mapping``, ``building`` and ``aligning``; testing
all of them takes hours on two cores. A uniform random sample of N mutants estimates the
score within about ``1 / sqrt(N)`` (2,000 mutants: about +-1.6 points at 95 %) in a
fraction of the time. The same seed and the same source give the same sample.

The names come from mutmut's files under ``mutants/``. When there are none yet, mutants
are generated first by a short ``mutmut run`` narrowed to one small module (mutmut
always generates every mutant, whatever the run is narrowed to).

A third argument, a glob over the names, samples one part only: ``python
scripts/mutation_sample.py 300 0 'channelvalue.mapping.*'`` draws 300 of the mapping
mutants (the same draw whatever other packages were mutated).

Usage: ``python scripts/mutation_sample.py N [SEED [GLOB]]`` (prints one name per line)
"""

from __future__ import annotations

import fnmatch
import json
import random
import subprocess
import sys
from pathlib import Path

GENERATE = "channelvalue.aligning.findings.*"
"""A small module's mutants: the narrowed run that generates every mutant."""


def mutant_names() -> list[str]:
    """Every mutant name mutmut generated, sorted."""
    names: set[str] = set()
    for meta in Path("mutants").rglob("*.py.meta"):
        names.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return sorted(names)


def main(argv: list[str]) -> int:
    """Print ``N`` names drawn with ``SEED`` (default 0); 2 on a usage error."""
    if not 1 <= len(argv) <= 3 or not all(a.isdigit() for a in argv[:2]):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    size, seed = int(argv[0]), int(argv[1]) if len(argv) >= 2 else 0
    glob = argv[2] if len(argv) == 3 else "*"
    names = mutant_names()
    if not names:
        print(f"generating mutants (mutmut run {GENERATE})", file=sys.stderr)
        mutmut = Path(sys.executable).with_name("mutmut")
        subprocess.run(
            [str(mutmut), "run", "--max-children", "2", GENERATE],
            check=True,
            stdout=sys.stderr,
        )
        names = mutant_names()
    names = [n for n in names if fnmatch.fnmatchcase(n, glob)]
    chosen = random.Random(seed).sample(names, min(size, len(names)))
    print(f"sampled {len(chosen)} of {len(names)} mutants (seed {seed})", file=sys.stderr)
    print("\n".join(sorted(chosen)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
