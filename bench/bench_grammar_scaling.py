"""Scaling of the 8-K grammar on hostile input: thousands of item headings in one document.

Each case is a synthetic 8-K (written here, no real filing text) whose body repeats one unit
until the document reaches 1, 2, 4 and 8 MB:

  heads       "Item 5. Other Events" heading lines, in a dated submission
  heads-lone  the same as a lone document (no header, so no filing date to pick the numbering)
  na          "Items 1 through 4, 6 and 8. Not applicable." lines
  para        a heading and a paragraph of text

Each size is parsed (``eightk.parse``, facts included) in a subprocess of its own, so the
peak memory (``ru_maxrss``) is that size's alone. Figures: CPU seconds, peak MB and the growth
of the CPU time per doubling of the input (each step, and the mean from 1 to 8 MB that the goal
applies to). Goal: at most 2.2x per doubling (linear time) and 8 MB under 10 s; the script exits
non-zero when a case misses it.

Standalone: ``.venv/bin/python bench/bench_grammar_scaling.py [case ...]``.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time

SIZES_MB = (1, 2, 4, 8)
MAX_GROWTH = 2.2
MAX_SECONDS_8MB = 10.0
REPEAT = 3  # parses per size; the least CPU time counts

_HEADER = """<SEC-DOCUMENT>0000999999-99-000001.txt : 19990601
<SEC-HEADER>0000999999-99-000001.hdr.sgml : 19990601
ACCESSION NUMBER:\t\t0000999999-99-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t1
CONFORMED PERIOD OF REPORT:\t19990601
FILED AS OF DATE:\t\t19990601
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<TEXT>
"""
_FOOTER = "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
_COVER = "FORM 8-K\nCURRENT REPORT\n\nDate of Report: June 1, 1999\n\nEXAMPLE WIDGETS INC.\n\n"
_HEADING = "Item 5. Other Events\n"
_NA = "Items 1 through 4, 6 and 8. Not applicable.\n"
_PARA = "Item 5. Other Events\n\nOn May 3, 1999 the Company sold 1,000 widgets to a new customer.\n\n"

#: case -> (repeated unit, wrapped in a dated submission?)
CASES = {
    "heads": (_HEADING, True),
    "heads-lone": (_HEADING, False),
    "na": (_NA, True),
    "para": (_PARA, True),
}


def document(case: str, mb: float) -> bytes:
    """The synthetic 8-K of ``case``, about ``mb`` megabytes."""
    unit, submission = CASES[case]
    body = _COVER + unit * (int(mb * 2**20) // len(unit))
    return ((_HEADER + body + _FOOTER) if submission else body).encode()


def measure_one(case: str, mb: float, repeat: int) -> dict[str, float]:
    """Parse one document in this process: the least CPU seconds of ``repeat`` parses (the
    machine is shared; the least is the one least disturbed) and the peak memory (MB)."""
    import eightk

    data = document(case, mb)
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        filing = eightk.parse(data, path=f"{case}-{mb}MB.txt")
        times.append(time.process_time() - t0)
        items = len(filing.items)
        del filing  # one filing alive at a time: the peak is one parse's
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    return {"cpu": min(times), "peak_mb": rss_kb / 1024, "items": items}


def _in_subprocess(case: str, mb: float, repeat: int) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--one", case, str(mb), str(repeat)], capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_cases(cases: list[str], repeat: int = REPEAT) -> bool:
    """Measure ``cases`` at every size; print the table; True when every goal is met.

    The growth that must stay under the goal is the mean per doubling from the smallest size to
    the largest, ``(t_8MB / t_1MB) ** (1/3)``: one step on a shared machine can be off by a
    quarter either way, while a quadratic step (4x per doubling) still shows through the mean."""
    ok = True
    print(f"{'case':<11} {'MB':>3} {'CPU s':>7} {'growth':>7} {'peak MB':>8}")
    for case in cases:
        times = []
        for mb in SIZES_MB:
            r = _in_subprocess(case, mb, repeat)
            g = f"{r['cpu'] / times[-1]:.2f}x" if times else "-"
            times.append(r["cpu"])
            print(f"{case:<11} {mb:>3} {r['cpu']:>7.2f} {g:>7} {r['peak_mb']:>8.0f}", flush=True)
        mean = (times[-1] / times[0]) ** (1 / (len(SIZES_MB) - 1))
        miss = mean > MAX_GROWTH or times[-1] > MAX_SECONDS_8MB
        ok &= not miss
        print(f"{case:<11} mean growth per doubling {mean:.2f}x, {SIZES_MB[-1]} MB in {times[-1]:.2f} s"
              f"{'  MISSED' if miss else ''}", flush=True)
    print(f"goal: <= {MAX_GROWTH}x per doubling, {SIZES_MB[-1]} MB under {MAX_SECONDS_8MB:.0f} s: {'met' if ok else 'MISSED'}")
    return ok


def run() -> None:
    """Entry point for bench/run.py."""
    run_cases(list(CASES))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure_one(argv[1], float(argv[2]), int(argv[3]))))
        return 0
    unknown = [c for c in argv if c not in CASES]
    if unknown:
        print(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(CASES)}", file=sys.stderr)
        return 2
    return 0 if run_cases(argv or list(CASES)) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
