"""Benchmark: tables in and out (``from_frames`` / ``to_frames``) against a bare networkx build.

Three measurements on ``channelvalue.datasets.synthetic(partners=N, seed=0)``:

- ``from_frames``: ``cv.io.from_frames(**frames)`` — reading and validating every column,
  building every object and adding them with one ``add_all``; the frames are made by
  ``to_frames`` before the clock starts;
- ``to_frames``: ``cv.io.to_frames(net)``;
- ``networkx build``: a bare ``networkx.MultiDiGraph`` of the *same* nodes and edges (the
  id columns of the organizations and segments frames, and one keyed edge per row of the
  links frame carrying one attribute, ``link=<slotted object>``, as in
  ``bench_synthetic.py``), built with ``add_nodes_from`` + ``add_edges_from``; its input
  lists are made before the clock starts. This is the baseline of ``bench_synthetic.py``.
  ``from_frames`` pauses the cyclic garbage collector while it builds; for a like-for-like
  view, ``networkx build, gc paused`` times the same bare build with the collector paused.

The bar (issue 7): ``from_frames`` no slower than twice the bare networkx build.

Run alone, all three in this one process, best of ``--repeat`` runs, interleaved so that
a busy machine slows each of them alike (default 100,000 partners)::

    python benchmarks/bench_frames.py 100000
    python benchmarks/bench_frames.py 1000000 --repeat 1

``run(partners)`` returns the rows for ``benchmarks/run.py``; it runs each measurement in
a fresh process (``_harness.measure``) so that ``peak_mb`` is that step's own.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from typing import Any

from _harness import Timer, measure, peak_rss_mb  # this folder is on sys.path as a script

__all__ = ["frames_step", "run"]

SEED = 0


class _Edge:
    """The one attribute each baseline edge carries: a small slotted object, like a link."""

    __slots__ = ("source", "target")

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target


def _inputs(partners: int) -> tuple[Any, dict[str, Any]]:
    import channelvalue as cv

    net = cv.datasets.synthetic(partners=partners, seed=SEED)
    return net, cv.io.to_frames(net)


def _bare_inputs(frames: dict[str, Any]) -> tuple[list[str], list[tuple[Any, ...]]]:
    nodes = frames["organizations"]["id"].tolist() + frames["segments"]["id"].tolist()
    links = frames["links"]
    src, dst = links["source"].tolist(), links["target"].tolist()
    edges = [
        (s, t, k, {"link": _Edge(s, t)})
        for s, t, k in zip(src, dst, links["kind"].tolist(), strict=True)
    ]
    return nodes, edges


def _bare_build(nodes: list[str], edges: list[tuple[Any, ...]], *, paused: bool = False) -> Any:
    import networkx as nx

    if paused:
        gc.disable()
    try:
        g = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
    finally:
        if paused:
            gc.enable()
    return g


def frames_step(timer: Timer, partners: int, which: str) -> dict[str, Any]:
    """Time one of ``from_frames``, ``to_frames``, ``networkx`` or ``networkx_paused``."""
    import channelvalue as cv

    net, frames = _inputs(partners)
    counts = {"organizations": len(net.organizations), "links": net.count_links()}
    if which == "from_frames":
        del net
        gc.collect()
        with timer:
            back = cv.io.from_frames(**frames)
        counts["equal"] = back.count_links() == counts["links"]
    elif which == "to_frames":
        del frames
        gc.collect()
        with timer:
            cv.io.to_frames(net)
    else:
        nodes, edges = _bare_inputs(frames)
        del net, frames
        gc.collect()
        with timer:
            g = _bare_build(nodes, edges, paused=which == "networkx_paused")
        counts["edges"] = g.number_of_edges()
    return counts


def run(partners: int) -> list[dict[str, Any]]:
    """The three measurements at ``partners`` partners, each in a fresh process.

    Rows: ``{"name", "seconds", "peak_mb", ...}``; ``x_bare`` is each row's time over the
    bare networkx build's.
    """
    bare = measure("bench_frames:frames_step", partners, "networkx")
    paused = measure("bench_frames:frames_step", partners, "networkx_paused")
    rows = [
        {"name": "networkx build (frames' nodes and edges)", **bare},
        {"name": "networkx build, gc paused", **paused},
        {
            "name": "from_frames(**frames)",
            **measure("bench_frames:frames_step", partners, "from_frames"),
        },
        {"name": "to_frames(net)", **measure("bench_frames:frames_step", partners, "to_frames")},
    ]
    for row in rows:
        row["x_bare"] = row["seconds"] / bare["seconds"]
    return rows


def same_process(partners: int, repeat: int) -> dict[str, float]:
    """Best-of-``repeat`` seconds of the three steps, interleaved in this process."""
    import channelvalue as cv

    net, frames = _inputs(partners)
    nodes, edges = _bare_inputs(frames)
    names = ("networkx build", "networkx build, gc paused", "from_frames", "to_frames")
    best = dict.fromkeys(names, float("inf"))
    for _ in range(repeat):
        for name in best:
            gc.collect()
            start = time.perf_counter()
            if name == "from_frames":
                out: Any = cv.io.from_frames(**frames)
            elif name == "to_frames":
                out = cv.io.to_frames(net)
            else:
                out = _bare_build(nodes, edges, paused=name.endswith("paused"))
            best[name] = min(best[name], time.perf_counter() - start)
            del out
    if cv.io.from_frames(**frames) != net:
        raise RuntimeError("from_frames(**to_frames(net)) != net")
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("partners", type=int, nargs="?", default=100_000)
    parser.add_argument("--repeat", type=int, default=None, help="default: 3, 1 above 100,000")
    args = parser.parse_args(argv)
    repeat = args.repeat or (3 if args.partners <= 100_000 else 1)
    best = same_process(args.partners, repeat)
    base = best["networkx build"]
    print(f"{args.partners:,} partners, best of {repeat}, one process:")
    for name, seconds in best.items():
        print(f"  {name:<26} {seconds:8.2f} s   {seconds / base:5.2f}x networkx build")
    print(f"  peak memory of the process: {peak_rss_mb():,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
