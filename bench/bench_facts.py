"""The cost of fact and event extraction: parse with facts and events vs without, on the corpus's 8-Ks.

Goals: parsing with facts stays within 2x the time of parsing without (issue 5); the full parse
with facts and structured events (their attribute readers) stays under 2x the parse without them
(issue 14). ``parse(facts=True)`` is the full parse: facts, then events from them.
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


def _event_seconds(files: list[tuple[str, bytes]]) -> float:
    """CPU seconds spent inferring events (the attribute readers included) over one full parse."""
    import eightk.extract as extract

    spent = [0.0]
    inner = extract.infer_events

    def timed(*args, **kw):
        t = time.process_time()
        try:
            return inner(*args, **kw)
        finally:
            spent[0] += time.process_time() - t

    extract.infer_events = timed
    try:
        for _, data in files:
            with contextlib.suppress(Exception):
                parse(data)
    finally:
        extract.infer_events = inner
    return spent[0]


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
    print(f"parse with facts and events: {with_facts:7.2f} s  {len(files) / with_facts:7.1f} filings/s")
    missed = check("ratio full parse (facts and events) / parse without them (issues 5, 14)", with_facts / base, 2.0, "x")
    events = _event_seconds(files)
    print(f"  of which events (infer_events and its attribute readers): {events:.2f} s"
          f" ({events / base:.1%} of the parse without facts)")
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
