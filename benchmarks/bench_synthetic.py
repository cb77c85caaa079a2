"""Benchmark: build ``channelvalue.datasets.synthetic(partners=N)`` against a bare networkx build.

Two measurements, each in a fresh Python process (see ``_harness.py``):

- ``synthetic``: ``synthetic(partners=N, seed=0)`` — generating, validating and adding
  every organization, segment, manager, link and plan item;
- ``networkx build``: a bare ``networkx.MultiDiGraph`` of the *same* nodes and edges
  (every link of the synthetic network as one keyed edge carrying one attribute,
  ``link=<slotted object>``), built with ``add_nodes_from`` + ``add_edges_from``. Its
  input lists are made before the clock starts. This is the baseline the other
  benchmarks are compared with.

Run alone (default 100,000 partners)::

    python benchmarks/bench_synthetic.py --partners 100000

``run(partners)`` returns the rows for ``benchmarks/run.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from _harness import Timer, measure  # this folder is on sys.path when run as a script

__all__ = ["networkx_step", "run", "synthetic_step"]

SEED = 0


class _Edge:
    """The one attribute each baseline edge carries: a small slotted object, like a link."""

    __slots__ = ("source", "target")

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target


def synthetic_step(timer: Timer, partners: int, seed: int, dump: str | None) -> dict[str, Any]:
    """Time ``synthetic(partners)``; optionally save its nodes and edges to ``dump`` (.npz)."""
    import numpy as np

    import channelvalue as cv

    with timer:
        net = cv.datasets.synthetic(partners=partners, seed=seed)
    graph = net.graph
    counts = {
        "organizations": len(net.organizations),
        "segments": len(net.segments),
        "links": net.count_links(),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
    }
    if dump is not None:
        nodes = list(graph.nodes)
        index = {node: i for i, node in enumerate(nodes)}
        kinds = sorted({k for _, _, k in graph.edges(keys=True)})
        code = {k: i for i, k in enumerate(kinds)}
        src, dst, kind = [], [], []
        for u, v, k in graph.edges(keys=True):
            src.append(index[u])
            dst.append(index[v])
            kind.append(code[k])
        np.savez(
            dump,
            nodes=np.array(nodes),
            kinds=np.array(kinds),
            src=np.array(src, dtype=np.int32),
            dst=np.array(dst, dtype=np.int32),
            kind=np.array(kind, dtype=np.int8),
        )
    return counts


def networkx_step(timer: Timer, dump: str) -> dict[str, Any]:
    """Time a bare ``MultiDiGraph`` build of the nodes and edges saved in ``dump``."""
    import networkx as nx
    import numpy as np

    with np.load(dump, allow_pickle=False) as data:
        nodes: list[str] = data["nodes"].tolist()
        kinds: list[str] = data["kinds"].tolist()
        triples = zip(
            data["src"].tolist(), data["dst"].tolist(), data["kind"].tolist(), strict=True
        )
        edges = [
            (nodes[s], nodes[t], kinds[k], {"link": _Edge(nodes[s], nodes[t])})
            for s, t, k in triples
        ]
    with timer:
        g = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def run(partners: int) -> list[dict[str, Any]]:
    """Both measurements at ``partners`` partners, each in a fresh process.

    Rows: ``{"name", "seconds", "peak_mb", ...}``; the networkx row has ``"baseline": True``.
    """
    with tempfile.TemporaryDirectory(prefix="cvbench-") as tmp:
        dump = str(Path(tmp) / "graph.npz")
        syn = measure("bench_synthetic:synthetic_step", partners, SEED, dump)
        base = measure("bench_synthetic:networkx_step", dump)
    if (base["nodes"], base["edges"]) != (syn["nodes"], syn["edges"]):
        raise RuntimeError(f"baseline graph differs from the network: {base} vs {syn}")
    return [
        {"name": "networkx build (baseline)", "baseline": True, **base},
        {"name": f"synthetic(partners={partners:,})", **syn},
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=100_000)
    args = parser.parse_args(argv)
    rows = run(args.partners)
    syn = rows[1]
    print(
        f"{args.partners:,} partners: {syn['organizations']:,} organizations, "
        f"{syn['segments']:,} segments, {syn['links']:,} links"
    )
    base_s = rows[0]["seconds"]
    for row in rows:
        print(
            f"  {row['name']:<34} {row['seconds']:8.2f} s   peak {row['peak_mb']:8,.0f} MB"
            f"   {row['seconds'] / base_s:5.2f}x networkx"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
