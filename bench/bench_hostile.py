"""Hostile inputs: CPU time and peak memory of ``eightk.parse`` as each one doubles in size.

Every case is generated here (synthetic, no corpus text) at 1, 2, 4 and 8 MB and parsed in a
subprocess of its own, so that one run's memory does not pollute the next: the child reports
its CPU time for the parse and its peak RSS (``ru_maxrss``). A child that runs past the
per-run limit (CPU seconds) is stopped and the larger sizes of that case are skipped; a child
is also refused more than ``MEMORY_LIMIT`` of address space, so a blow-up ends as a
MemoryError rather than taking the machine.

Goals, per case: CPU time and parse memory grow at most 2.2x per doubling of the input, and
the 8 MB input takes under 10 s and 1 GB. Growth is measured on CPU time (floor 0.25 s) and on
the memory the parse adds (peak RSS minus the RSS before it, floor 16 MB): below the floors,
noise decides the ratio. The growth goal is judged on the mean growth per doubling from the
smallest to the largest size ((t8 / t1) ** (1 / 3)), since one step alone swings by +-20% on a
shared machine; every step is printed, and a single step past ``STEP_LIMIT`` (3x: quadratic
work shows about 4x) is a miss by itself. Exits 1 when a goal is missed.

    python bench/bench_hostile.py                 # every case, every size
    python bench/bench_hostile.py deep_divs       # one case
    python bench/bench_hostile.py deep_divs 4     # one case at one size (MB)
    python bench/bench_hostile.py --child deep_divs 4   # the measurement itself (JSON on stdout)
"""

from __future__ import annotations

import json
import math
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

MB = 1 << 20
SIZES = (1, 2, 4, 8)
GROWTH_GOAL = 2.2
STEP_LIMIT = 3.0
TIME_GOAL = 10.0  # CPU seconds at 8 MB
MEMORY_GOAL = 1 << 30  # peak RSS at 8 MB
RUN_LIMIT = 60  # CPU seconds per run before it is stopped
MEMORY_LIMIT = 2 << 30  # address space per run
TIME_FLOOR = 0.25
MEMORY_FLOOR = 16 * MB

_HEADER = (
    "<SEC-DOCUMENT>0000999999-24-000001.txt : 20240102\n<SEC-HEADER>0000999999-24-000001.hdr.sgml : 20240102\n"
    "ACCESSION NUMBER:\t\t0000999999-24-000001\nCONFORMED SUBMISSION TYPE:\t8-K\nPUBLIC DOCUMENT COUNT:\t\t2\n"
    "CONFORMED PERIOD OF REPORT:\t20240101\nFILED AS OF DATE:\t\t20240102\n</SEC-HEADER>\n"
)


def _repeat(head: str, unit: Callable[[int], str], tail: str, size: int) -> bytes:
    """``head``, then ``unit(i)`` for i = 0, 1, ... until ``size`` bytes, then ``tail``."""
    parts = [head]
    n = len(head) + len(tail)
    i = 0
    while n < size:
        u = unit(i)
        parts.append(u)
        n += len(u)
        i += 1
    parts.append(tail)
    return "".join(parts).encode()


def item_tables(size: int) -> bytes:
    """Small HTML tables of "Item" cells and amounts (every item against every fact)."""
    return _repeat(
        "<html><body><p>FORM 8-K</p>",
        lambda i: f"<table><tr><td>Item {i % 9 + 1}.01</td><td>${i},500</td></tr></table>",
        "</body></html>", size,
    )


def unclosed_documents(size: int) -> bytes:
    """A submission of ``<DOCUMENT>`` blocks none of which is closed."""
    return _repeat(_HEADER, lambda i: f"<DOCUMENT>\n<TYPE>EX-99.{i}\n<SEQUENCE>{i + 1}\n<TEXT>\nExhibit text.\n",
                   "</SEC-DOCUMENT>\n", size)


_IX_HEAD = '<html xmlns:ix="http://www.xbrl.org/2013/inlineXBRL"><body><p>FORM 8-K</p><p>'


def ix_nested(size: int) -> bytes:
    """``ix:nonNumeric`` facts nested in one another, each with a little text of its own."""
    unit = '<ix:nonNumeric name="dei:Security12bTitle" contextRef="c">Common Stock '
    n = size // (len(unit) + 16)
    return (_IX_HEAD + unit * n + "</ix:nonNumeric>" * n + "</p></body></html>").encode()


def ix_nested_groups(size: int) -> bytes:
    """Many groups of 200 nested ``ix:nonNumeric`` facts (under any depth cap of the HTML)."""
    unit = '<ix:nonNumeric name="dei:Security12bTitle" contextRef="c">Common Stock '
    group = "<div>" + unit * 200 + "</ix:nonNumeric>" * 200 + "</div>"
    return _repeat(_IX_HEAD, lambda i: group, "</p></body></html>", size)


def money_lines(size: int) -> bytes:
    """Plain text of nothing but amounts: a fact every few bytes."""
    return _repeat("FORM 8-K\n\nItem 8.01 Other Events\n\n", lambda i: f"${i % 997},000 and {i % 89}%\n", "", size)


def deep_divs(size: int) -> bytes:
    """``<div>`` nested as deep as the input allows."""
    n = size // 11
    return ("<html><body>" + "<div>" * n + "Item 8.01 Other Events" + "</div>" * n + "</body></html>").encode()


def feed_nested_tags(size: int) -> bytes:
    """A feed file (.nc) whose header nests container tags, then closes tags never opened."""
    n = size // 24
    return ("<SUBMISSION>\n<TYPE>8-K\n" + "<FILER>\n" * n + "</NOT-OPEN>\n" * n + "</FILER>\n"
            + "<DOCUMENT>\n<TYPE>8-K\n<TEXT>\nFORM 8-K\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n").encode()


def item_headings(size: int) -> bytes:
    """The same item heading line, over and over (grammar)."""
    return _repeat("FORM 8-K\n\n", lambda i: "Item 5. Other Events\n", "", size)


def not_applicable(size: int) -> bytes:
    """Blanket "not applicable" lines, over and over (grammar)."""
    return _repeat("FORM 8-K\n\n", lambda i: "Items 1 through 4, 6 and 8. Not applicable.\n", "", size)


def heading_paragraphs(size: int) -> bytes:
    """An item heading and a paragraph, over and over (grammar)."""
    return _repeat("FORM 8-K\n\n", lambda i: "Item 5. Other Events\n\nThe Company issued a press release.\n\n",
                   "", size)


CASES: dict[str, Callable[[int], bytes]] = {
    f.__name__: f for f in (item_tables, unclosed_documents, ix_nested, ix_nested_groups, money_lines, deep_divs,
                            feed_nested_tags, item_headings, not_applicable, heading_paragraphs)
}
#: Cases another part of the tree fixes (the item grammar in eightk.parser).
GRAMMAR = {"item_headings", "not_applicable", "heading_paragraphs"}


def _rss() -> int:
    """The current resident set size in bytes (Linux), for the memory the parse adds."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


def child(case: str, mb: int) -> None:
    """Generate one input, parse it once, print {"cpu", "peak", "added", "facts", "anomalies"}."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    import eightk
    from eightk.errors import InputError

    data = CASES[case](mb * MB)
    before = _rss()
    t0 = time.process_time()
    try:
        filing = eightk.parse(data)
        counts = {"facts": len(filing.facts), "anomalies": len(filing.anomalies)}
    except InputError as e:
        counts = {"error": str(e)[:200]}
    cpu = time.process_time() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"cpu": cpu, "peak": peak, "added": max(0, peak - before), **counts}))


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (RUN_LIMIT, RUN_LIMIT + 5))
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def measure(case: str, mb: int) -> dict:
    """One run in a fresh interpreter; {"failed": reason} when it was stopped or crashed."""
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", case, str(mb)], capture_output=True, text=True,
            preexec_fn=_limits, timeout=RUN_LIMIT * 3,
        )
    except subprocess.TimeoutExpired:
        return {"failed": f"over {RUN_LIMIT * 3} s wall"}
    if proc.returncode != 0:
        if proc.returncode in (-9, -24) or "CPU" in proc.stderr:
            return {"failed": f"over {RUN_LIMIT} s CPU"}
        if "MemoryError" in proc.stderr:
            return {"failed": f"over {MEMORY_LIMIT >> 20} MB"}
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return {"failed": f"exit {proc.returncode}: {last[:120]}"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def run_case(case: str, sizes: tuple[int, ...]) -> list[str]:
    """Print one case's table; return the goals it missed."""
    missed: list[str] = []
    prev: dict | None = None
    first: tuple[int, dict] | None = None
    for mb in sizes:
        r = measure(case, mb)
        if "failed" in r:
            print(f"  {case:20s} {mb:2d} MB  FAILED: {r['failed']}", flush=True)
            missed.append(f"{case} {mb} MB: {r['failed']}")
            break
        growth = ""
        if prev is not None:
            gt = max(r["cpu"], TIME_FLOOR) / max(prev["cpu"], TIME_FLOOR)
            gm = max(r["added"], MEMORY_FLOOR) / max(prev["added"], MEMORY_FLOOR)
            growth = f"  x{gt:4.2f} time  x{gm:4.2f} memory"
            if gt > STEP_LIMIT:
                missed.append(f"{case} {mb} MB: time grew x{gt:.2f} in one doubling (limit x{STEP_LIMIT})")
            if gm > STEP_LIMIT:
                missed.append(f"{case} {mb} MB: memory grew x{gm:.2f} in one doubling (limit x{STEP_LIMIT})")
        if mb == 8 and r["cpu"] > TIME_GOAL:
            missed.append(f"{case} 8 MB: {r['cpu']:.1f} s CPU (goal < {TIME_GOAL:.0f} s)")
        if mb == 8 and r["peak"] > MEMORY_GOAL:
            missed.append(f"{case} 8 MB: {r['peak'] >> 20} MB peak (goal < {MEMORY_GOAL >> 20} MB)")
        out = f"facts {r['facts']:>7,}  anomalies {r['anomalies']:>6,}" if "facts" in r else f"InputError {r['error']}"
        print(f"  {case:20s} {mb:2d} MB  {r['cpu']:7.2f} s CPU  peak {r['peak'] >> 20:5d} MB "
              f"(parse {r['added'] >> 20:4d} MB){growth}  {out}", flush=True)
        prev = r
        first = first or (mb, r)
    if first is not None and prev is not None and prev is not first[1]:
        steps = math.log2(sizes[-1] / first[0]) if prev is r else 0
        if steps:
            mt = (max(r["cpu"], TIME_FLOOR) / max(first[1]["cpu"], TIME_FLOOR)) ** (1 / steps)
            mm = (max(r["added"], MEMORY_FLOOR) / max(first[1]["added"], MEMORY_FLOOR)) ** (1 / steps)
            print(f"  {case:20s} mean growth per doubling: x{mt:.2f} time, x{mm:.2f} memory "
                  f"(goal <= x{GROWTH_GOAL})", flush=True)
            if mt > GROWTH_GOAL:
                missed.append(f"{case}: time grew x{mt:.2f} per doubling (goal <= x{GROWTH_GOAL})")
            if mm > GROWTH_GOAL:
                missed.append(f"{case}: memory grew x{mm:.2f} per doubling (goal <= x{GROWTH_GOAL})")
    return missed


def run(argv: list[str] | None = None) -> list[str]:
    """Measure the cases (all, or ``argv``: a case and a size); return the goals missed."""
    argv = list(argv or [])
    cases = [argv[0]] if argv else list(CASES)
    sizes = (int(argv[1]),) if len(argv) > 1 else SIZES
    for c in cases:
        if c not in CASES:
            print(f"unknown case {c!r}; cases: {', '.join(CASES)}")
            return [f"unknown case {c!r}"]
    print(f"goals: <= x{GROWTH_GOAL} per doubling (time and memory), 8 MB under {TIME_GOAL:.0f} s CPU and "
          f"{MEMORY_GOAL >> 20} MB; each run limited to {RUN_LIMIT} s CPU and {MEMORY_LIMIT >> 20} MB")
    missed: list[str] = []
    for c in cases:
        missed += run_case(c, sizes)
    missed = [m + ("  (grammar: eightk.parser)" if m.split()[0] in GRAMMAR else "") for m in missed]
    if missed:
        print("goals missed:")
        for m in missed:
            print(f"  {m}")
        return missed
    print("all goals met")
    return []


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit(1 if run(sys.argv[1:]) else 0)
