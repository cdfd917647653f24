"""The cost of fact and event extraction: parse with facts vs without, on the corpus's 8-Ks.

Goal (issue 5): parsing with facts stays within 2x the time of parsing without.
"""

from __future__ import annotations

import contextlib
import time
from collections import Counter

from common import check, filing_rows, load, no_corpus

from eightk.core import parse


def _time(files: list[tuple[str, bytes]], facts: bool) -> tuple[float, list[float]]:
    per = []
    t0 = time.process_time()
    for _, data in files:
        t = time.process_time()
        with contextlib.suppress(Exception):  # a parse failure is the parser's business; time what runs
            parse(data, facts=facts)
        per.append(time.process_time() - t)
    return time.process_time() - t0, per


def run() -> list[str]:
    if no_corpus():
        return []
    files = load(filing_rows())
    total = sum(len(d) for _, d in files)
    _time(files[:20], True)  # warm imports and regex compilation
    results = {}
    for facts in (False, True, False, True):
        t, per = _time(files, facts)
        results.setdefault(facts, []).append((t, per))
    base = min(t for t, _ in results[False])
    with_facts = min(t for t, _ in results[True])
    print(f"{len(files)} filings, {total / 1e6:.1f} MB (CPU seconds of this process, best of 2 runs each)")
    print(f"parse without facts: {base:7.2f} s  {len(files) / base:7.1f} filings/s")
    print(f"parse with facts   : {with_facts:7.2f} s  {len(files) / with_facts:7.1f} filings/s")
    missed = check("ratio with/without facts (issue 5)", with_facts / base, 2.0, "x")
    per0 = results[False][0][1]
    per1 = results[True][0][1]
    worst = sorted(((b / a if a > 0 else 0, n) for (n, _), a, b in zip(files, per0, per1, strict=True)), reverse=True)[:3]
    for r, n in worst:
        print(f"  largest per-file ratio {r:5.2f}x  {n}")
    kinds: Counter[str] = Counter()
    n_events = 0
    for _, data in files:
        try:
            f = parse(data)
        except Exception:
            continue
        kinds.update(x.kind for x in f.facts)
        n_events += len(f.events)
    print(f"facts: {sum(kinds.values())} ({', '.join(f'{k} {v}' for k, v in kinds.most_common())}); events: {n_events}")
    return missed
