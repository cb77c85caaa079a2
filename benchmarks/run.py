"""Run every benchmark of this folder and print one table (``make bench``).

Every ``benchmarks/bench_*.py`` module that defines ``run(size: int) -> list[dict]`` is a
benchmark. Each row it returns is one measurement::

    {"name": str, "seconds": float, "peak_mb": float, ...}

and may add ``organizations`` and ``links`` (the network's size), ``baseline: True`` (the
bare networkx build every other row is compared with), ``x_networkx`` or ``x_bare`` (the
row's own ratio to a networkx build the module measured itself, used instead of the
baseline's) and any other JSON-safe figures.
``size`` is the number of partners (or candidates) to build.

Each module runs in a fresh Python process per size, and modules that use
``_harness.measure`` run each measurement in a process of its own, so peak memory is per
measurement. A module that is missing, fails to import or fails to run is reported under
the table and the others still run (``--strict`` makes that an exit code of 1).

Usage::

    python benchmarks/run.py                  # 10,000 and 100,000 partners, best of 3
    python benchmarks/run.py --large          # also 1,000,000 (one run)
    python benchmarks/run.py --sizes 2000 --only synthetic

The figures are written to ``benchmarks/results/<UTC time>.json`` and
``benchmarks/results/latest.json``; ``--docs`` also writes the table into
``docs/performance.md`` (between its ``bench:start`` / ``bench:end`` markers), and
``--docs-from benchmarks/results/latest.json`` does only that, from an earlier run.
"""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import importlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DEFAULT_SIZES = (10_000, 100_000)
LARGE_SIZE = 1_000_000


def discover(only: list[str] | None = None) -> list[str]:
    """Names of the ``bench_*`` modules here that define a top-level ``run``, sorted."""
    names = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem
        if only and not any(word in name for word in only):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError) as err:
            print(f"note: {path.name} skipped: cannot parse it ({err})", file=sys.stderr)
            continue
        defines_run = any(
            (isinstance(node, ast.FunctionDef) and node.name == "run")
            or (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "run" for t in node.targets)
            )
            for node in tree.body
        )
        if defines_run:
            names.append(name)
    return names


def run_module(name: str, size: int, timeout: float) -> list[dict[str, Any]]:
    """``name.run(size)`` in a fresh process; raises ``RuntimeError`` with the reason."""
    with tempfile.TemporaryDirectory(prefix="cvbench-") as tmp:
        out = Path(tmp) / "rows.json"
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(size), str(out)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"timed out after {timeout:g} s") from None
        if proc.returncode != 0 or not out.exists():
            lines = proc.stderr.strip().splitlines()
            reason = lines[-1] if lines else f"exit code {proc.returncode}"
            raise RuntimeError(reason)
        rows: list[dict[str, Any]] = json.loads(out.read_text())
        return rows


def _child(name: str, size: str, out: str) -> None:
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    module = importlib.import_module(name)
    rows = module.run(int(size))
    Path(out).write_text(json.dumps(list(rows)))


def _version(package: str) -> str:
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return "not installed"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    info: dict[str, Any] = {
        "nproc": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "numpy": _version("numpy"),
        "scipy": _version("scipy"),
        "networkx": _version("networkx"),
        "channelvalue": _version("channelvalue"),
    }
    try:
        meminfo = Path("/proc/meminfo").read_text()
        kib = int(
            next(line for line in meminfo.splitlines() if line.startswith("MemTotal")).split()[1]
        )
        info["memory_gb"] = round(kib / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        info["memory_gb"] = None
    try:
        cpuinfo = Path("/proc/cpuinfo").read_text()
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in cpuinfo.splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        info["cpu"] = platform.processor() or None
    try:
        info["git_commit"] = subprocess.run(
            ["git", "-C", str(HERE), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(HERE.parent), "status", "--porcelain", "--", "src"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        info["git_src_changed"] = bool(status.strip())
    except (OSError, subprocess.CalledProcessError):
        info["git_commit"] = None
        info["git_src_changed"] = None
    spec = importlib.util.find_spec("channelvalue")
    origin = Path(spec.origin).parent if spec and spec.origin else None
    info["channelvalue_from"] = str(origin) if origin else None
    if origin is None or not origin.is_relative_to(HERE.parent / "src"):
        info["git_src_changed"] = None  # not this checkout's code: its git state says nothing
    return info


def _load() -> list[float] | None:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def _fmt_int(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else ""


def _fmt_seconds(value: Any) -> str:
    if not isinstance(value, int | float):
        return "-"
    return format(value, ".3f" if value < 1 else ".2f")


def _fmt_num(value: Any, spec: str) -> str:
    return format(value, spec) if isinstance(value, int | float) else "-"


def table(rows: list[dict[str, Any]]) -> str:
    """The one table: size, network size, each measurement, and its ratio to networkx."""
    head = ("partners", "organizations", "links", "measurement", "seconds", "peak MB", "x nx")
    lines = []
    for row in rows:
        lines.append(
            (
                f"{row['size']:,}",
                _fmt_int(row.get("organizations")),
                _fmt_int(row.get("links")),
                str(row.get("name", "?")),
                _fmt_seconds(row.get("seconds")),
                _fmt_num(row.get("peak_mb"), ",.0f"),
                _fmt_num(row.get("ratio"), ".3f" if (row.get("ratio") or 1) < 0.1 else ".2f"),
            )
        )
    widths = [max(len(h), *(len(line[i]) for line in lines)) for i, h in enumerate(head)]
    left = {3}

    def fmt(cells: tuple[str, ...]) -> str:
        return "  ".join(
            c.ljust(widths[i]) if i in left else c.rjust(widths[i]) for i, c in enumerate(cells)
        ).rstrip()

    out = [fmt(head), fmt(tuple("-" * w for w in widths))]
    previous = None
    for line in lines:
        if previous is not None and line[0] != previous:
            out.append("")
        previous = line[0]
        out.append(fmt(line))
    return "\n".join(out)


OWN_RATIO_KEYS = ("x_networkx", "x_bare")
"""Row keys under which a module gives its own ratio to a networkx build it measured."""


def _ratio(row: dict[str, Any], base: dict[str, Any] | None) -> float | None:
    """The row's own ratio to networkx if it gives one, else its time over the baseline's."""
    for key in OWN_RATIO_KEYS:
        own = row.get(key)
        if isinstance(own, int | float) and not isinstance(own, bool):
            return float(own)
    seconds = row.get("seconds")
    if base is None or not isinstance(seconds, int | float) or not base.get("seconds"):
        return None
    return float(seconds) / float(base["seconds"])


def repeats_for(size: int, repeat: int | None) -> int:
    """How many times to run at ``size``: ``repeat`` if given, else 3 up to 100,000, then 1."""
    if repeat is not None:
        return max(1, repeat)
    return 3 if size <= 100_000 else 1


def best_of(runs: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """For each measurement name, the row of the fastest run (in first-run order)."""
    best: dict[str, dict[str, Any]] = {}
    for rows in runs:
        for row in rows:
            name = str(row.get("name"))
            old = best.get(name)
            seconds = row.get("seconds")
            if old is None or (
                isinstance(seconds, int | float) and seconds < old.get("seconds", float("inf"))
            ):
                best[name] = row
    return [{**row, "runs": len(runs)} for row in best.values()]


GROWTH_FROM = 100_000
AUDIT_MODULE, AUDIT_COLD = "bench_audit", "audit(net), cold"
TX_MODULE = "bench_transactions"
TOTAL_ROW = "synthetic + audit(net), one process"
IMPORT_MODULE, IMPORT_CSV = "bench_import", "read_export (CSV, duplicates on)"


def _at(rows: list[dict[str, Any]]) -> dict[tuple[int, str, str], dict[str, Any]]:
    """Rows by (size, module, name), the size in a name written as N (to match sizes)."""
    out = {}
    for r in rows:
        name = str(r.get("name")).replace(f"{int(r['size']):,}", "N")
        out[(int(r["size"]), str(r.get("module")), name)] = r
    return out


def growth(rows: list[dict[str, Any]]) -> list[tuple[str, float, float, float]]:
    """``(measurement, seconds at 100,000, at 1,000,000, fold)`` for rows run at both."""
    at = _at(rows)
    out = []
    for (size, module, name), row in at.items():
        big = at.get((LARGE_SIZE, module, name))
        small_s, big_s = row.get("seconds"), (big or {}).get("seconds")
        if size != GROWTH_FROM or not isinstance(small_s, float | int) or small_s <= 0:
            continue
        if isinstance(big_s, float | int):
            out.append((f"{module}: {name}", float(small_s), float(big_s), big_s / small_s))
    return out


def targets(rows: list[dict[str, Any]]) -> list[str]:
    """The scale targets of issue 8, each with its figure and whether it is met."""
    at = _at(rows)
    out = []

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    cold = at.get((GROWTH_FROM, AUDIT_MODULE, AUDIT_COLD))
    if cold is not None and cold.get("ratio") is not None:
        ratio = float(cold["ratio"])
        out.append(
            f"full audit of {GROWTH_FROM:,} partners below the networkx build: "
            f"{ratio:.2f}x, {verdict(ratio < 1)}"
        )
    for (_size, module, name), row in sorted(at.items()):
        if module == TX_MODULE and row.get("x_sql") is not None:
            wall, cpu = float(row["x_sql"]), float(row.get("x_sql_cpu") or row["x_sql"])
            out.append(
                f"{name} within 1.5x hand-written DuckDB SQL: "
                f"{wall:.2f}x wall, {cpu:.2f}x CPU, {verdict(wall <= 1.5)}"
            )
    for size in sorted({size for size, module, _ in at if module == IMPORT_MODULE}):
        row = at.get((size, IMPORT_MODULE, IMPORT_CSV))
        if row is not None and isinstance(row.get("x_pandas"), int | float):
            ratio = float(row["x_pandas"])
            out.append(
                f"import of a {size:,}-row export CSV at most 5x pandas.read_csv of it: "
                f"{ratio:.2f}x, {verdict(ratio <= 5)}"
            )
    small = at.get((10_000, IMPORT_MODULE, IMPORT_CSV))
    large = at.get((GROWTH_FROM, IMPORT_MODULE, IMPORT_CSV))
    if small is not None and large is not None and small.get("seconds"):
        fold = float(large["seconds"]) / float(small["seconds"])
        out.append(
            f"import from 10,000 to {GROWTH_FROM:,} rows (linear is 10-fold): {fold:.1f}-fold"
        )
    big = at.get((LARGE_SIZE, AUDIT_MODULE, TOTAL_ROW))
    if big is not None:
        secs, peak = float(big["seconds"]), float(big.get("peak_mb") or 0)
        out.append(
            f"{LARGE_SIZE:,} partners, synthetic + audit under 60 s and 6 GB: {secs:.1f} s, "
            f"{peak / 1024:.2f} GB, {verdict(secs < 60 and peak < 6 * 1024)}"
        )
        small = at.get((GROWTH_FROM, AUDIT_MODULE, TOTAL_ROW))
        if small is not None and small.get("seconds"):
            fold = secs / float(small["seconds"])
            out.append(
                f"synthetic + audit from {GROWTH_FROM:,} to {LARGE_SIZE:,} partners at most "
                f"11-fold: {fold:.1f}-fold, {verdict(fold <= 11)}"
            )
    return out


DOCS_PAGE = HERE.parent / "docs" / "performance.md"
DOCS_START = "<!-- bench:start -->"
DOCS_END = "<!-- bench:end -->"


def markdown(payload: dict[str, Any]) -> str:
    """The figures of a results file as a Markdown table plus the machine line."""
    head = "| partners | organizations | links | measurement | seconds | peak MB | x networkx |"
    lines = [head, "|---:|---:|---:|---|---:|---:|---:|"]
    for row in payload["rows"]:
        ratio = row.get("ratio")
        lines.append(
            f"| {row['size']:,} | {_fmt_int(row.get('organizations'))} "
            f"| {_fmt_int(row.get('links'))} | {row.get('name', '?')} "
            f"| {_fmt_seconds(row.get('seconds'))} | {_fmt_num(row.get('peak_mb'), ',.0f')} "
            f"| {_fmt_num(ratio, '.3f' if (ratio or 1) < 0.1 else '.2f')} |"
        )
    m = payload["machine"]
    runs = sorted({int(r.get("runs", 1)) for r in payload["rows"]})
    lines += [
        "",
        f"Measured {payload['created']} at commit `{m.get('git_commit') or '?'}`"
        f"{' with uncommitted changes in src/' if m.get('git_src_changed') else ''}"
        f"{_foreign(m)} on "
        f"{m.get('nproc')} CPUs ({m.get('cpu') or '?'}), {m.get('memory_gb')} GB of memory; "
        f"Python {m.get('python')}, numpy {m.get('numpy')}, scipy {m.get('scipy')}, "
        f"networkx {m.get('networkx')}; {m.get('platform')}. "
        f"Load average (1, 5, 15 min) before the run {m.get('load_average_before')}, "
        f"after {m.get('load_average_after')}. "
        f"Seconds are the fastest of {' or '.join(map(str, runs))} run(s) per size.",
    ]
    grown = growth(payload["rows"])
    if grown:
        lines += [
            "",
            f"Growth from {GROWTH_FROM:,} to {LARGE_SIZE:,} partners (linear is 10-fold):",
            "",
            f"| measurement | seconds at {GROWTH_FROM:,} | seconds at {LARGE_SIZE:,} | fold |",
            "|---|---:|---:|---:|",
        ]
        lines += [
            f"| {name} | {_fmt_seconds(a)} | {_fmt_seconds(b)} | {fold:.1f} |"
            for name, a, b, fold in grown
        ]
    goals = targets(payload["rows"])
    if goals:
        lines += ["", "Targets:", "", *(f"- {line}" for line in goals)]
    if payload.get("problems"):
        lines += ["", "Not run: " + "; ".join(payload["problems"]) + "."]
    return "\n".join(lines)


def _foreign(m: dict[str, Any]) -> str:
    where = m.get("channelvalue_from")
    if where and not Path(where).is_relative_to(HERE.parent / "src"):
        return f" (channelvalue imported from `{where}`)"
    return ""


def write_docs(payload: dict[str, Any], page: Path = DOCS_PAGE) -> None:
    """Replace the figures between the bench markers of ``docs/performance.md``."""
    text = page.read_text(encoding="utf-8")
    start, end = text.find(DOCS_START), text.find(DOCS_END)
    if start < 0 or end < start:
        raise SystemExit(f"{page}: no {DOCS_START} ... {DOCS_END} markers")
    body = f"{DOCS_START}\n{markdown(payload)}\n{DOCS_END}"
    page.write_text(text[:start] + body + text[end + len(DOCS_END) :], encoding="utf-8")
    print(f"figures written into {page.relative_to(HERE.parent)}")


def collect(
    sizes: list[int], modules: list[str], timeout: float, repeat: int | None = None
) -> tuple[list[dict[str, Any]], list[str]]:
    """Run every module at every size; the rows (with ratios) and the problems met."""
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for size in sizes:
        size_rows: list[dict[str, Any]] = []
        n = repeats_for(size, repeat)
        for name in modules:
            print(f"  {name} at {size:,} (best of {n}) ...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            runs: list[list[dict[str, Any]]] = []
            try:
                for _ in range(n):
                    runs.append(run_module(name, size, timeout))
            except RuntimeError as err:
                problems.append(f"{name} at {size:,}: {err}")
                if not runs:
                    continue
            for row in best_of(runs):
                size_rows.append({"size": size, "module": name, **row})
            took = time.perf_counter() - start
            print(f"    done in {took:.1f} s", file=sys.stderr, flush=True)
        base = next((r for r in size_rows if r.get("baseline")), None)
        counts = next((r for r in size_rows if "organizations" in r and "links" in r), None)
        for row in size_rows:
            if counts is not None:
                row.setdefault("organizations", counts["organizations"])
                row.setdefault("links", counts["links"])
            row["ratio"] = _ratio(row, base)
        size_rows.sort(key=lambda r: (not r.get("baseline"), r["module"]))
        rows.extend(size_rows)
    return rows, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the channelvalue benchmarks.")
    parser.add_argument("--large", action="store_true", help=f"also run {LARGE_SIZE:,} partners")
    parser.add_argument("--sizes", type=int, nargs="+", help="sizes to run instead")
    parser.add_argument("--only", nargs="+", help="run only modules whose name contains a word")
    parser.add_argument(
        "--repeat",
        type=int,
        help="runs per module and size; the fastest counts (default: 3 up to 100,000, then 1)",
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per module run")
    parser.add_argument("--no-save", action="store_true", help="do not write results/")
    parser.add_argument("--strict", action="store_true", help="exit 1 when any module fails to run")
    parser.add_argument(
        "--docs", action="store_true", help="also write the table into docs/performance.md"
    )
    parser.add_argument(
        "--docs-from",
        metavar="JSON",
        help="write the table of a results file into docs/performance.md, and run nothing",
    )
    args = parser.parse_args(argv)
    if args.docs_from:
        write_docs(json.loads(Path(args.docs_from).read_text()))
        return 0

    sizes = list(args.sizes or DEFAULT_SIZES)
    if args.large and LARGE_SIZE not in sizes:
        sizes.append(LARGE_SIZE)
    modules = discover(args.only)
    if not modules:
        print("no benchmark modules found (benchmarks/bench_*.py with run())", file=sys.stderr)
        return 1
    info = machine()
    info["load_average_before"] = _load()
    print(f"benchmarks: {', '.join(modules)}; sizes: {', '.join(f'{s:,}' for s in sizes)}")
    rows, problems = collect(sizes, modules, args.timeout, args.repeat)
    info["load_average_after"] = _load()
    print()
    print(table(rows))
    print()
    print(
        f"machine: {info['nproc']} CPUs ({info.get('cpu') or '?'}), {info['memory_gb']} GB; "
        f"Python {info['python']}, numpy {info['numpy']}, scipy {info['scipy']}, "
        f"networkx {info['networkx']}, channelvalue {info['channelvalue']} "
        f"({info['git_commit'] or 'no git'}"
        f"{', src/ changed' if info.get('git_src_changed') else ''}) "
        f"from {info['channelvalue_from']}"
    )
    print(
        f"load average (1, 5, 15 min) before: {info['load_average_before']}, "
        f"after: {info['load_average_after']}"
    )
    print("seconds: the fastest of the runs at that size (see --repeat).")
    print(
        "x nx: time relative to a bare networkx build of the same graph at that size: the"
        " module's own (x_networkx / x_bare) where it gives one, else bench_synthetic's."
    )
    print("peak MB: peak resident memory of the measuring process (inputs included).")
    print("bench_import rows: x_pandas (in the results) is the time over pandas' read of the file.")
    grown = growth(rows)
    if grown:
        print(f"\ngrowth from {GROWTH_FROM:,} to {LARGE_SIZE:,} partners (linear: 10-fold):")
        width = max(len(name) for name, *_ in grown)
        for name, a, b, fold in grown:
            a_s, b_s = _fmt_seconds(a), _fmt_seconds(b)
            print(f"  {name:<{width}}  {a_s:>8} s -> {b_s:>8} s  {fold:5.1f}x")
    goals = targets(rows)
    if goals:
        print("\ntargets:")
        for line in goals:
            print(f"  {line}")
    for problem in problems:
        print(f"not run: {problem}")
    now = dt.datetime.now(dt.UTC)
    payload = {
        "created": now.isoformat(timespec="seconds"),
        "machine": info,
        "sizes": sizes,
        "modules": modules,
        "rows": rows,
        "problems": problems,
    }
    if not args.no_save:
        RESULTS.mkdir(exist_ok=True)
        text = json.dumps(payload, indent=1) + "\n"
        stamped = RESULTS / f"{now.strftime('%Y%m%dT%H%M%SZ')}.json"
        stamped.write_text(text)
        (RESULTS / "latest.json").write_text(text)
        print(f"figures written to {stamped.relative_to(HERE.parent)} and results/latest.json")
    if args.docs:
        write_docs(payload)
    if not rows:
        return 1
    return 1 if problems and args.strict else 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(*sys.argv[2:5])
    else:
        sys.exit(main())
