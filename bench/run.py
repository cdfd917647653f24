"""`make bench`: run every bench/bench_*.py (each exposes run()) and print its figures.

Benchmarks read ../shared/corpus in place; without it they say so and skip.
Run one: `python bench/run.py containers`. A benchmark whose run() returns a non-zero int
(bench_startup: a start-up goal missed) makes the whole run exit 1, after all have run.
"""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main(argv: list[str]) -> int:
    wanted = set(argv)
    missed: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        print(f"\n=== {name} ===", flush=True)
        t0 = time.perf_counter()
        try:
            rc = mod.run()
        except Exception as e:  # one broken benchmark must not hide the others
            print(f"benchmark {name} failed: {type(e).__name__}: {e}")
            rc = None
        if isinstance(rc, int) and not isinstance(rc, bool) and rc != 0:
            missed.append(name)
        print(f"({name}: {time.perf_counter() - t0:.1f} s)", flush=True)
    if missed:
        print(f"\ngoals missed in: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
