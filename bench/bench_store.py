"""Store benchmark: ingest throughput, database size per filing and search latency, on SQLite and
PostgreSQL, and a loading test (the corpus 1x, 4x, 16x with changed accession numbers).

Run: ``.venv/bin/python bench/bench_store.py`` or ``python bench/run.py store`` (``make bench``
runs it with the others). Environment: ``EIGHTK_BENCH_CORPUS`` (default ../shared/corpus and
../shared/seeds), ``EIGHTK_BENCH_PG`` (default postgresql://postgres@127.0.0.1:5432/test; ``none``
to skip PostgreSQL; a fresh ``?schema=`` is used and dropped after), ``EIGHTK_BENCH_LEVELS``
(default ``1,4``; ``1,4,16`` for the full loading test), ``EIGHTK_BENCH_WORKERS`` (parser
processes, default 2).

Ingest is timed as a user runs it: ``Store.ingest(paths, workers=...)`` on the corpus folders
into a fresh database, reading, parsing, preparing (passages, compressed raw bytes) and writing
together, worker start-up and the final ANALYZE included. The copies of the loading test go
through the same function (``ingest_paths``, which ``Store.ingest`` calls) with its ``rename``
hook giving each copy a new accession number and content hash, so every copy is read and parsed
again. Caches: every input is read once, untimed, before anything is timed, so the ingest figures
are with the corpus files in the OS page cache ("warm page cache"); that first read is timed
and printed as well, and its rate says whether the cache was already warm before this run (a
cold read from disk is far slower). The database itself is new for each backend (its cache cold
at 1x); searches run each query once untimed before timing them ("warm").

The benchmark states no goals (none were ever set for the store): it prints figures only and
``run()`` returns no missed goal.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from common import backends  # noqa: E402

from eightk.sources import iter_inputs  # noqa: E402
from eightk.store import Filters, Prepared, Store, open_store  # noqa: E402
from eightk.store.ingest import IngestSummary, ingest_paths  # noqa: E402

SHARED = ROOT.parent / "shared"

#: A fixed set of queries: words, phrases, prefixes, boolean, and structured filters.
QUERIES: list[tuple[str, Filters | None]] = [
    ("dividend", None),
    ("merger", None),
    ('"definitive agreement"', None),
    ('"press release"', None),
    ("acqui*", None),
    ("resign* AND director", None),
    ("earnings OR revenue", None),
    ("bankruptcy NOT emerged", None),
    ('"chief executive officer" appointed', None),
    ("(loan OR credit) AND facility", None),
    ("impairment", None),
    ("restatement", None),
    ("auditor OR accountant", None),
    ("settlement", Filters(since="2005")),
    ("revenue", Filters(item="2.02")),
    ("agreement", Filters(item="1.01")),
    ("director", Filters(item="5.02")),
    ("", Filters(item="8.01")),
    ("", Filters(since="2019-01-01", until="2023-12-31")),
    ("million", Filters(fact_kind="money", fact_min=1_000_000)),
    ("shareholders vote", None),
    ("cybersecurity", None),
    ("warrant*", None),
    ("notes due", None),
]


def inputs() -> list[str]:
    env = os.environ.get("EIGHTK_BENCH_CORPUS")
    if env:
        return env.split(os.pathsep)
    return [str(SHARED / "corpus"), str(SHARED / "seeds")]


def read_inputs(paths: list[str]) -> tuple[int, int, float]:
    """Read every input once (inputs, bytes, seconds); this warms the OS page cache of the files."""
    t0 = time.perf_counter()
    n = nbytes = 0
    for i in iter_inputs(paths):
        if i.data is not None:
            n += 1
            nbytes += len(bytes(i.data))  # touch every page (the data may be an mmap)
        i.close()
    return n, nbytes, time.perf_counter() - t0


def renamer(k: int) -> Callable[[Prepared], None]:
    """The ``rename`` hook for copy ``k``: a new content hash and a new accession number."""

    def rename(p: Prepared) -> None:
        if p.filing is None:
            return
        f = p.filing
        acc = f.accession_number
        sha = hashlib.sha256(f"{p.sha256}/{k}".encode()).hexdigest()
        p.filing = f.model_copy(update={"accession_number": f"{acc}.{k}" if acc else None,
                                        "source": f.source.model_copy(update={"sha256": sha})})
        p.sha256 = sha
        p.name = f"{p.name}#copy{k}"

    return rename


def ingest_copies(store: Store, paths: list[str], copies: range, workers: int) -> IngestSummary:
    """Ingest the corpus once per copy in ``copies`` (copy 0 as is, by ``Store.ingest``), timed
    end to end; the summaries added up."""
    total = IngestSummary(run_id="bench")
    for k in copies:
        if k == 0:
            s = store.ingest(paths, workers=workers)
        else:
            s = ingest_paths(store, paths, workers=workers, rename=renamer(k))
        for attr in ("seen", "stored", "duplicates", "not_8k", "errors", "bytes", "seconds"):
            setattr(total, attr, getattr(total, attr) + getattr(s, attr))
    return total


def latencies(store, rounds: int = 3) -> tuple[float, float, int]:
    for q, f in QUERIES:  # warm-up
        store.search(q, f, limit=20)
    samples = []
    hits = 0
    for _ in range(rounds):
        for q, f in QUERIES:
            t = time.perf_counter()
            r = store.search(q, f, limit=20)
            samples.append((time.perf_counter() - t) * 1000)
            hits += r.total > 0
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * (len(samples) - 1))))]
    return statistics.median(samples), p95, hits // rounds


def run() -> list[str]:
    paths = inputs()
    if not all(Path(p).exists() for p in paths):
        print("bench_store: ../shared/corpus is absent; nothing to measure")
        return []
    workers = int(os.environ.get("EIGHTK_BENCH_WORKERS", "2"))
    levels = [int(x) for x in os.environ.get("EIGHTK_BENCH_LEVELS", "1,4").split(",")]
    n, nbytes, t_first = read_inputs(paths)
    _, _, t_again = read_inputs(paths)
    print(f"store: {n} inputs, {nbytes / 1e6:.1f} MB. Reading them, untimed for the figures below: first read"
          f" {t_first:.2f} s ({nbytes / 1e6 / max(t_first, 1e-9):,.0f} MB/s; the page cache's state before it is"
          f" unknown; as fast as the second means it was already warm), second read {t_again:.2f} s"
          f" ({nbytes / 1e6 / max(t_again, 1e-9):,.0f} MB/s, warm). Every ingest figure below is with a WARM page cache.")
    print(f"  ingest = Store.ingest(paths, workers={workers}): read + parse + prepare + write + ANALYZE, timed together;"
          f" copies k >= 1 by ingest_paths(..., rename=new accession and hash)")
    for name, pg in backends():
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db" if name == "sqlite" else f"{pg}?schema=bench_{uuid.uuid4().hex[:12]}"
            store = open_store(url)
            try:
                done = 0
                for level in levels:
                    s = ingest_copies(store, paths, range(done, level), workers)
                    what = "the corpus" if (done, level) == (0, 1) else f"{level - done} more copies"
                    done = level
                    total = store.count("filings")
                    size = store.size_bytes()
                    med, p95, with_hits = latencies(store)
                    t = s.seconds
                    print(
                        f"  {name} {level:>2}x: {total} filings; ingest of {what} (warm page cache) {t:.1f} s for {s.seen} inputs,"
                        f" {s.stored} stored, {s.not_8k} not 8-Ks, {s.errors} errors"
                        f" ({s.seen / t if t else 0:.1f} inputs/s, {s.bytes / 1e6 / t if t else 0:.1f} MB/s);"
                        f" size {size / 1e6:.1f} MB = {size / max(total, 1) / 1e3:.1f} kB/filing;"
                        f" search (warm) median {med:.1f} ms, p95 {p95:.1f} ms over {len(QUERIES)} queries"
                        f" ({with_hits} with hits)"
                    )
            finally:
                if name == "postgres":
                    store.drop_schema()
                store.close()
    return []  # no stated goals (see the module's docstring)


if __name__ == "__main__":
    raise SystemExit(1 if run() else 0)
