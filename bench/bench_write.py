"""Write benchmark: ``Store.write`` alone, what ``eightk dataset load`` / ``batch --db`` spend per
filing once the filings are parsed, on SQLite and PostgreSQL.

Run: ``.venv/bin/python bench/bench_write.py`` or ``python bench/run.py write``. Environment:
``EIGHTK_BENCH_CORPUS`` (default ../shared/corpus and ../shared/seeds), ``EIGHTK_BENCH_PG`` (as in
bench_store: ``none`` skips PostgreSQL; a fresh ``?schema=`` is used and dropped after),
``EIGHTK_BENCH_ROUNDS`` (fresh stores written per backend, default 3).

The inputs are parsed and prepared once, untimed (``prepare(..., keep_raw=False)``: no raw bytes,
as a dataset load stores none); each round then writes them all into a new, empty store in batches
of 200 (one transaction each), timed. Printed per round: wall time, filings/s and rows/s (every
row the writes added, in every table), the client's CPU time and, for PostgreSQL on this machine,
the CPU time of the server process serving the connection (read from /proc; "?" when it cannot
be read). On a machine shared with other work, the CPU times are steadier than the wall time.
The benchmark states no goals: it prints figures only.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from common import backends  # noqa: E402

from eightk.sources import iter_inputs  # noqa: E402
from eightk.store import Prepared, Store, open_store, prepare  # noqa: E402

SHARED = ROOT.parent / "shared"
BATCH = 200
#: Every table a write adds rows to.
TABLES = ("filings", "raw_submissions", "filing_companies", "companies", "company_names", "items", "exhibits",
          "documents", "facts", "events", "anomalies", "passages", "ingest_log")


def inputs() -> list[str]:
    env = os.environ.get("EIGHTK_BENCH_CORPUS")
    return env.split(os.pathsep) if env else [str(SHARED / "corpus"), str(SHARED / "seeds")]


def prepared(paths: list[str]) -> list[Prepared]:
    out = []
    for i in iter_inputs(paths):
        if i.data is not None:
            out.append(prepare(i.name, bytes(i.data), keep_raw=False))
        i.close()
    return out


def server_cpu(store: Store) -> float | None:
    """CPU seconds of the PostgreSQL process serving ``store``'s connection (None: not readable)."""
    if store.backend != "postgres":
        return None
    r = store.one("SELECT pg_backend_pid()")
    try:
        fields = Path(f"/proc/{r[0] if r else 0}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def write_all(store: Store, batch: list[Prepared]) -> tuple[float, float, float | None]:
    """Wall seconds, client CPU seconds and server CPU seconds (or None) of writing ``batch``."""
    s0 = server_cpu(store)
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(0, len(batch), BATCH):
        store.write(batch[i:i + BATCH])
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    s1 = server_cpu(store)
    return wall, cpu, (s1 - s0 if s0 is not None and s1 is not None else None)


def run() -> list[str]:
    paths = inputs()
    if not all(Path(p).exists() for p in paths):
        print("bench_write: ../shared/corpus is absent; nothing to measure")
        return []
    rounds = int(os.environ.get("EIGHTK_BENCH_ROUNDS", "3"))
    t0 = time.perf_counter()
    batch = prepared(paths)
    print(f"write: {len(batch)} inputs parsed and prepared once, untimed ({time.perf_counter() - t0:.1f} s); each"
          f" round writes them into a new store, {BATCH} a transaction")
    for name, pg in backends():
        for k in range(rounds):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{tmp}/bench.db" if name == "sqlite" else f"{pg}?schema=bench_{uuid.uuid4().hex[:12]}"
                store = open_store(url)
                try:
                    wall, cpu, scpu = write_all(store, batch)
                    filings = store.count("filings")
                    rows = sum(store.count(t) for t in TABLES)
                finally:
                    if name == "postgres":
                        store.drop_schema()
                    store.close()
            server = f", server CPU {scpu:.2f} s" if scpu is not None else (", server CPU ?" if name == "postgres" else "")
            print(f"  {name} round {k + 1}: {filings} filings, {rows} rows in {wall:.2f} s ({filings / wall:.0f} filings/s,"
                  f" {rows / wall:,.0f} rows/s); client CPU {cpu:.2f} s{server}")
    return []  # no stated goals (see the module's docstring)


if __name__ == "__main__":
    raise SystemExit(1 if run() else 0)
