"""Helpers the benchmarks share: locating the corpus and loading its files once."""

from __future__ import annotations

import csv
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def inventory() -> list[dict[str, str]]:
    path = CORPUS / "inventory.tsv"
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def filing_rows(pred: Callable[[dict[str, str]], bool] = lambda r: True) -> list[dict[str, str]]:
    return [r for r in inventory() if r["role"] == "8-K filing" and pred(r)]


def load(rows: list[dict[str, str]]) -> list[tuple[str, bytes]]:
    return [(r["file"], (CORPUS / r["file"]).read_bytes()) for r in rows]


def median_time(fn: Callable[[], object], repeat: int = 5, clock: Callable[[], float] = time.perf_counter) -> float:
    """Median seconds of ``fn`` over ``repeat`` runs, wall clock by default."""
    times = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        times.append(clock() - t0)
    return statistics.median(times)


def cpu_time(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median CPU seconds of ``fn`` (the machine is shared: wall time also counts other work)."""
    return median_time(fn, repeat, clock=time.process_time)


def check(label: str, value: float, goal: float, unit: str = "", *, at_least: bool = False) -> list[str]:
    """Print a figure beside its goal (at most ``goal``; at least, with ``at_least``) and
    return ``[that line]`` when the goal is missed, ``[]`` when it is met. A benchmark's
    ``run()`` returns the missed lines; ``make bench`` exits 1 when there is any."""
    met = value >= goal if at_least else value <= goal
    line = f"{label}: {value:,.2f}{unit} (goal {'>=' if at_least else '<='} {goal:,g}{unit}) {'met' if met else 'MISSED'}"
    print(f"  {line}")
    return [] if met else [line]


def no_corpus() -> bool:
    if not CORPUS.is_dir():
        print("skipped: ../shared/corpus is absent")
        return True
    return False


def backends() -> list[tuple[str, str]]:
    """The store backends to measure: SQLite, and PostgreSQL at $EIGHTK_BENCH_PG (default the
    local test database; ``none`` leaves it out) when it answers."""
    out = [("sqlite", "")]
    pg = os.environ.get("EIGHTK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
    if pg != "none":
        try:
            import psycopg

            with psycopg.connect(pg, connect_timeout=3):
                out.append(("postgres", pg))
        except Exception as e:  # noqa: BLE001
            print(f"  (PostgreSQL skipped: {str(e).strip()[:120]})")
    return out
