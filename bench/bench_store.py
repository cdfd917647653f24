"""Store benchmark: ingest throughput, database size per filing and search latency, on SQLite and
PostgreSQL, and a loading test (the corpus 1x, 4x, 16x with changed accession numbers).

Run: ``.venv/bin/python bench/bench_store.py`` (or ``make bench``). Environment:
``EIGHTK_BENCH_CORPUS`` (default ../shared/corpus and ../shared/seeds), ``EIGHTK_BENCH_PG``
(default postgresql://postgres@127.0.0.1:5432/test; ``none`` to skip PostgreSQL),
``EIGHTK_BENCH_LEVELS`` (default ``1,4``; ``1,4,16`` for the full loading test),
``EIGHTK_BENCH_WORKERS`` (parser processes, default 2).

Parsing is timed once (in worker processes); database writes are timed separately, so the
figures show whether ingest is limited by parsing or by the database.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import sys
import tempfile
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from eightk.sources import iter_inputs  # noqa: E402
from eightk.store import Filters, Prepared, open_store  # noqa: E402
from eightk.store.prepare import prepare  # noqa: E402

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


def parse_all(paths: list[str], workers: int) -> tuple[list[Prepared], float, int]:
    t0 = time.perf_counter()
    work = partial(prepare, keep_raw=True)
    items = [(i.name, bytes(i.data)) for i in iter_inputs(paths) if i.data is not None]
    nbytes = sum(len(d) for _, d in items)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        out = list(pool.map(work, [n for n, _ in items], [d for _, d in items], chunksize=4))
    return out, time.perf_counter() - t0, nbytes


def copy_of(p: Prepared, k: int) -> Prepared:
    """Copy ``k`` of a prepared filing: a new content hash and a new accession number."""
    if k == 0 or p.filing is None:
        return p
    f = p.filing
    acc = f.accession_number
    new_acc = f"{acc}.{k}" if acc else None
    sha = hashlib.sha256(f"{p.sha256}/{k}".encode()).hexdigest()
    nf = f.model_copy(update={"accession_number": new_acc, "source": f.source.model_copy(update={"sha256": sha})})
    return Prepared(name=f"{p.name}#copy{k}", sha256=sha, size=p.size, filing=nf, passages=p.passages,
                    raw_z=p.raw_z)


def write(store, prepared: list[Prepared], copies: range, batch: int = 50) -> tuple[float, int]:
    t0 = time.perf_counter()
    stored = 0
    for k in copies:
        todo = [copy_of(p, k) for p in prepared]
        for i in range(0, len(todo), batch):
            stored += sum(o.status == "stored" for o in store.write(todo[i : i + batch]))
    store.analyze()  # as ingest_paths does at the end of a run
    return time.perf_counter() - t0, stored


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


def backends() -> list[tuple[str, str]]:
    out = [("sqlite", "")]
    pg = os.environ.get("EIGHTK_BENCH_PG", "postgresql://postgres@127.0.0.1:5432/test")
    if pg != "none":
        try:
            import psycopg

            with psycopg.connect(pg, connect_timeout=3):
                out.append(("postgres", pg))
        except Exception as e:  # noqa: BLE001
            print(f"  (PostgreSQL skipped: {str(e).strip()[:120]})")
    return out


def run() -> None:
    paths = inputs()
    if not all(Path(p).exists() for p in paths):
        print("bench_store: ../shared/corpus is absent; nothing to measure")
        return
    workers = int(os.environ.get("EIGHTK_BENCH_WORKERS", "2"))
    levels = [int(x) for x in os.environ.get("EIGHTK_BENCH_LEVELS", "1,4").split(",")]
    prepared, t_parse, nbytes = parse_all(paths, workers)
    ok = [p for p in prepared if p.filing is not None]
    n = len(prepared)
    print(f"store: {n} inputs, {nbytes / 1e6:.1f} MB, {len(ok)} parsed, {n - len(ok)} errors")
    print(f"  parse ({workers} workers): {t_parse:.1f} s = {n / t_parse:.1f} filings/s, {nbytes / 1e6 / t_parse:.2f} MB/s")
    for name, pg in backends():
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/bench.db" if name == "sqlite" else f"{pg}?schema=bench_{uuid.uuid4().hex[:12]}"
            store = open_store(url)
            try:
                done = 0
                for level in levels:
                    t_write, stored = write(store, prepared, range(done, level))
                    done = level
                    total = store.count("filings")
                    size = store.size_bytes()
                    med, p95, with_hits = latencies(store)
                    print(
                        f"  {name} {level:>2}x: {total} filings; write {t_write:.1f} s for {stored} new"
                        f" ({stored / t_write if t_write else 0:.0f} filings/s,"
                        f" {nbytes * (stored / max(len(ok), 1)) / 1e6 / t_write if t_write else 0:.1f} MB/s);"
                        f" size {size / 1e6:.1f} MB = {size / max(total, 1) / 1e3:.1f} kB/filing;"
                        f" search median {med:.1f} ms, p95 {p95:.1f} ms over {len(QUERIES)} queries"
                        f" ({with_hits} with hits)"
                    )
            finally:
                if name == "postgres":
                    store.drop_schema()
                store.close()
    print(f"  ingest end to end at 1x = parse + write; parse alone was {t_parse:.1f} s")


if __name__ == "__main__":
    run()
