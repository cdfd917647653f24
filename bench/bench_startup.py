"""Cold start: how long the command line takes to start, in fresh processes.

Figures beside goals (issue 12): ``eightk --help`` under 0.3 s, ``eightk parse one-file`` under
0.5 s, ``import eightk`` (no goal; shown for reference). Each command runs ``EIGHTK_BENCH_REPEAT``
times (default 7) in a new interpreter; the figure checked is the median CPU time of the child
(user + system): the machine is shared, and wall time also counts the other work on it (the
median wall time is printed beside it). ``run()`` returns 1 when a goal is missed. eightk's
sources are compiled to bytecode first, as an installed package has them.

Run: ``.venv/bin/python bench/bench_startup.py`` (or ``make bench``). Needs only ``samples/``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "1998-copperline-legacy-submission.txt"
CLI = "from eightk.interfaces.cli import main; main()"

#: (label, arguments to the interpreter, goal in seconds or None)
CASES: list[tuple[str, list[str], float | None]] = [
    ("import eightk", ["-c", "import eightk"], None),
    ("eightk --version", ["-c", CLI, "--version"], 0.3),
    ("eightk --help", ["-c", CLI, "--help"], 0.3),
    ("eightk parse one-file", ["-c", CLI, "parse", str(SAMPLE)], 0.5),
]


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def measure(args: list[str], repeat: int) -> tuple[float, float] | None:
    """Median (cpu, wall) seconds of ``python args`` in a fresh process; None when it fails."""
    cpu, wall = [], []
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for _ in range(repeat):
        c0, t0 = _child_cpu(), time.perf_counter()
        done = subprocess.run([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=env, cwd=ROOT, check=False)
        if done.returncode != 0:
            return None
        wall.append(time.perf_counter() - t0)
        cpu.append(_child_cpu() - c0)
    return statistics.median(cpu), statistics.median(wall)


def run() -> int:
    repeat = int(os.environ.get("EIGHTK_BENCH_REPEAT", "7"))
    missed = 0
    # eightk's bytecode first, as ``pip install`` leaves it: where PYTHONDONTWRITEBYTECODE is set
    # (as on the machines this was developed on) the interpreter would otherwise compile every
    # module of src/ from source in every run, about 0.2 s that an installed package never pays
    import compileall

    compileall.compile_dir(ROOT / "src" / "eightk", quiet=1)
    print(f"{'command':<24} {'cpu s':>7} {'wall s':>7} {'goal s':>7}  (median of {repeat} fresh processes)")
    for label, args, goal in CASES:
        got = measure(args, repeat)
        if got is None:
            print(f"{label:<24} the command failed")
            missed += goal is not None
            continue
        cpu, wall = got
        verdict = "" if goal is None else ("ok" if cpu < goal else "MISSED")
        missed += verdict == "MISSED"
        print(f"{label:<24} {cpu:7.3f} {wall:7.3f} {goal if goal is not None else '-':>7}  {verdict}", flush=True)
    if missed:
        print(f"{missed} start-up goal(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(run())
