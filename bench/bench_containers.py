"""Container layer throughput on the corpus's full submissions (one core)."""

from __future__ import annotations

import resource
import tracemalloc

from common import filing_rows, load, median_time, no_corpus

from eightk import read_submission


def run() -> None:
    if no_corpus():
        return
    rows = filing_rows(lambda r: r["hdr"] == "yes")
    files = load(rows)
    total = sum(len(d) for _, d in files)

    def split_only():
        for _, data in files:
            read_submission(data)

    def split_and_decode():
        for _, data in files:
            for doc in read_submission(data).documents:
                _ = doc.text

    for label, fn in (("split (header + documents)", split_only), ("split + decode every text", split_and_decode)):
        t = median_time(fn, repeat=7)
        print(f"{label:32s} {len(files)} filings, {total / 1e6:.1f} MB: "
              f"{total / t / 1e6:8.1f} MB/s  {len(files) / t:8.1f} filings/s  (median of 7, {t * 1000:.0f} ms)")
    tracemalloc.start()
    split_and_decode()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    largest = max(len(d) for _, d in files)
    print(f"peak Python heap while splitting+decoding: {peak / 1e6:.1f} MB (largest file {largest / 1e6:.1f} MB); "
          f"process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
