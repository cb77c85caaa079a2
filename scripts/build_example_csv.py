"""Write the bundled example network as CSV files into the package.

Run ``python scripts/build_example_csv.py`` after rebuilding the example
(``scripts/build_example.py``); the test suite checks that the shipped CSV files are
exactly what :func:`channelvalue.io.write_csv` writes for ``channelvalue.datasets.example()``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import channelvalue as cv

OUT = Path(__file__).resolve().parents[1] / "src/channelvalue/datasets/data/csv"


def main() -> int:
    net = cv.datasets.example()
    cv.io.write_csv(net, OUT)
    files = sorted(OUT.glob("*.csv"))
    print(f"wrote {len(files)} files into {OUT}: {', '.join(f.name for f in files)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
