"""`make bench`: run every bench/bench_*.py (each exposes run()) and print its figures.

Benchmarks read ../shared/corpus in place; without it they say so and skip.
Run one: `python bench/run.py containers`.

Each ``run()`` may return the goals it missed (a list of lines, see ``common.check``; an int
is read as an exit status). Every benchmark present is run, so one added later (e.g.
bench_grammar_scaling.py) is picked up as soon as its file exists. The exit status is 1 when
any goal was missed or a benchmark failed, and every missed goal is listed again at the end.
"""

from __future__ import annotations

import importlib.util
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def _missed(name: str, result: object) -> list[str]:
    """The missed goals a benchmark's ``run()`` reported, each prefixed by its name."""
    if isinstance(result, (list, tuple)):
        return [f"{name}: {m}" for m in result]
    if isinstance(result, int) and not isinstance(result, bool) and result != 0:
        return [f"{name}: exit status {result}"]
    return []


def main(argv: list[str]) -> int:
    wanted = set(argv)
    missed: list[str] = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if wanted and name not in wanted:
            continue
        spec = importlib.util.spec_from_file_location(path.stem, path)
        mod = importlib.util.module_from_spec(spec)
        print(f"\n=== {name} ===", flush=True)
        t0 = time.perf_counter()
        try:
            spec.loader.exec_module(mod)
            missed += _missed(name, mod.run())
        except Exception as e:  # one broken benchmark must not hide the others
            traceback.print_exc(limit=3)
            missed.append(f"{name}: failed: {type(e).__name__}: {e}")
        print(f"({name}: {time.perf_counter() - t0:.1f} s)", flush=True)
    if missed:
        print("\nmake bench: goals missed:")
        for m in missed:
            print(f"  {m}")
        return 1
    print("\nmake bench: every stated goal met")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
