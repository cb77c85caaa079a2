"""Run one measurement in a fresh Python process: its time and its peak memory.

A benchmark step is a function ``step(timer, *args) -> dict`` in a module of this folder.
It does its untimed set-up first, then wraps the one thing it measures in ``with timer:``
and returns any extra figures (counts, sizes) as a JSON-safe dict. :func:`measure` runs it
in a new interpreter, so the process's peak resident memory belongs to that step alone::

    row = measure("bench_synthetic:synthetic_step", 10_000, 0, None)
    row["seconds"], row["peak_mb"], row["base_mb"]

Figures returned (besides the step's own):

- ``seconds``: wall time of the ``with timer:`` block (``time.perf_counter``);
- ``peak_mb``: the child process's peak resident memory (``ru_maxrss``) at the end of
  the block, in MiB — the whole process, so set-up and inputs are included;
- ``base_mb``: the resident memory just before the block, in MiB (interpreter, imports
  and inputs); ``peak_mb - base_mb`` is roughly what the measured step itself added.

This file is also the child's entry point:
``python _harness.py MODULE:FUNCTION ARGS_JSON OUT_JSON``.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = ["Timer", "current_rss_mb", "measure", "peak_rss_mb"]

HERE = Path(__file__).resolve().parent
MIB = 1024 * 1024


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / MIB if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB else


def current_rss_mb() -> float:
    """This process's resident set size now, in MiB (the peak where /proc is missing)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / MIB
    except (OSError, ValueError, IndexError):
        return peak_rss_mb()


class Timer:
    """Times one ``with`` block and records the memory around it (use it once)."""

    def __init__(self) -> None:
        self.seconds: float | None = None
        self.base_mb: float | None = None
        self.peak_mb: float | None = None
        self._start = 0.0

    def __enter__(self) -> Timer:
        if self.seconds is not None or self.base_mb is not None:
            raise RuntimeError("a Timer measures one block only")
        gc.collect()
        self.base_mb = current_rss_mb()
        self._start = time.perf_counter()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.seconds = time.perf_counter() - self._start
        self.peak_mb = peak_rss_mb()


def measure(target: str, *args: Any, timeout: float | None = None) -> dict[str, Any]:
    """Run ``target`` (``"module:function"``, a module of this folder) in a fresh process.

    Raises:
        RuntimeError: the child failed (its stderr tail is in the message) or timed out.
    """
    with tempfile.TemporaryDirectory(prefix="cvbench-") as tmp:
        out = Path(tmp) / "result.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), target, json.dumps(args), str(out)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"{target}{args}: timed out after {timeout:g} s") from None
        if proc.returncode != 0 or not out.exists():
            tail = "\n".join(proc.stderr.strip().splitlines()[-8:])
            raise RuntimeError(f"{target}{args}: exit code {proc.returncode}\n{tail}")
        result: dict[str, Any] = json.loads(out.read_text())
        return result


def _child(target: str, args_json: str, out_path: str) -> None:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    module_name, _, func_name = target.partition(":")
    func = getattr(importlib.import_module(module_name), func_name)
    timer = Timer()
    extra = func(timer, *json.loads(args_json)) or {}
    if timer.seconds is None:
        raise RuntimeError(f"{target} never entered its timer")
    row = {
        "seconds": timer.seconds,
        "peak_mb": timer.peak_mb,
        "base_mb": timer.base_mb,
        **extra,
    }
    Path(out_path).write_text(json.dumps(row))


if __name__ == "__main__":
    _child(*sys.argv[1:4])


# ---- in-process timing shared by bench_mapping, bench_margins and bench_power
def peak_mb() -> float:
    """Peak resident memory of this process, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(name: str, step: Callable[[], Any]) -> tuple[dict[str, Any], Any]:
    """Run `step` once in this process: a row (name, seconds, peak MB) and its result."""
    gc.collect()
    start = time.perf_counter()
    result = step()
    seconds = time.perf_counter() - start
    return {"name": name, "seconds": seconds, "peak_mb": peak_mb()}, result


def networkx_build(net: Any) -> Callable[[], Any]:
    """A function that builds the bare networkx graph of `net` (the baseline)."""
    import networkx as nx

    nodes = [*net.organizations, *net.segments]
    edges = [(lk.source, lk.target, lk.kind, {"link": lk}) for lk in net.links()]

    def build() -> Any:
        g = nx.MultiDiGraph()
        g.add_nodes_from(nodes)
        g.add_edges_from(edges)
        return g

    return build


def partners_arg(argv: list[str] | None, description: str) -> int:
    """The number of partners given on the command line (`N` or `--partners N`; 100,000)."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("size", nargs="?", type=int, default=None, help="partners")
    parser.add_argument("--partners", type=int, default=100_000)
    args = parser.parse_args(argv)
    return int(args.size if args.size is not None else args.partners)


def print_rows(rows: list[dict[str, Any]], width: int = 44) -> None:
    """Print in-process rows: step, seconds, peak MB and the ratio to the networkx build."""
    print(f"  {'step':<{width}} {'seconds':>9} {'peak MB':>9} {'x networkx':>11}")
    for row in rows:
        print(
            f"  {row['name']:<{width}} {row['seconds']:9.3f} {row['peak_mb']:9,.0f} "
            f"{row['x_networkx']:11.3f}"
        )
