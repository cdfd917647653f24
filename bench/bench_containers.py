"""Container layer throughput on the corpus's full submissions (one core), and the issue's
goal beside secsgml: reading the container >= 3x ``secsgml.parse_sgml_content_into_memory``.

The comparison runs when an interpreter with secsgml is named by ``EIGHTK_SECSGML_PYTHON``
(default: ``EIGHTK_EDGARTOOLS_PYTHON``, the venv of the edgartools comparison):
  python -m venv /tmp/cmpvenv && /tmp/cmpvenv/bin/pip install edgartools secsgml
  EIGHTK_EDGARTOOLS_PYTHON=/tmp/cmpvenv/bin/python make bench
The same files (the corpus's 8-K filings with an EDGAR header: full submission text and PDS
feed files) are held in memory on both sides; secsgml is given each file's bytes, eightk
``read_submission(bytes)``; timed passes alternate (see ``compare_tool`` in
bench_parse_html.py) and the figure is the ratio of the medians of the passes' CPU times.
The split does what secsgml does (header, document boundaries and metadata); a document's
format is detected on first use, so it is timed in "split + decode every text".
"""

from __future__ import annotations

import os
import resource
import statistics
import tracemalloc

from common import check, filing_rows, load, median_time, no_corpus

from eightk import read_submission

#: secsgml's side: the whole reader (SEC header, documents split, binaries uudecoded)
_SECSGML = r"""
from secsgml import parse_sgml_content_into_memory

def parse_one(data):
    meta, documents = parse_sgml_content_into_memory(data)
    return [str(len(documents))]
"""


def run() -> list[str]:
    if no_corpus():
        return []
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
    python = os.environ.get("EIGHTK_SECSGML_PYTHON") or os.environ.get("EIGHTK_EDGARTOOLS_PYTHON")
    if not python:
        print("(set EIGHTK_SECSGML_PYTHON to an interpreter with secsgml to measure it on the same files)")
        return []
    return compare_secsgml(files, python, split_only, split_and_decode)


def compare_secsgml(files: list[tuple[str, bytes]], python: str, split_only, split_and_decode,
                    rounds: int = 7) -> list[str]:
    """Print the ratios (secsgml / eightk, median CPU per pass) of the split alone and of the
    split with every text decoded; return the goal line when the split's ratio misses 3x."""
    from bench_parse_html import compare_tool

    k, mb = len(files), sum(len(d) for _, d in files) / 1e6
    ratios = {}
    for label, ours in (("read_submission", split_only), ("read_submission + decode every text", split_and_decode)):
        try:
            cmp = compare_tool(files, python, _SECSGML, rounds=rounds, ours=ours, as_bytes=True)
        except RuntimeError as e:
            print(f"secsgml comparison failed: {e}")
            return [f"secsgml comparison failed: {e}"]
        med = statistics.median
        print(f"secsgml parse_sgml_content_into_memory(bytes) vs eightk {label}, the same {k} files "
              f"({mb:.1f} MB) in memory, {rounds} alternated passes: secsgml {med(cmp.theirs_cpu) / k * 1e3:.2f} ms "
              f"CPU per file ({mb / med(cmp.theirs_cpu):.0f} MB/s), eightk {med(cmp.ours_cpu) / k * 1e3:.2f} ms "
              f"({mb / med(cmp.ours_cpu):.0f} MB/s); ratio of medians {cmp.ratio:.2f}x")
        ratios[label] = cmp.ratio
    return check("container reading (read_submission) vs secsgml, ratio of median CPU per pass",
                 ratios["read_submission"], 3, "x", at_least=True)
