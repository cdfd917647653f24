"""Batch benchmark: ``eightk batch``'s work on the corpus's 8-K filings (read in place), serially
in this process and on a Dask LocalCluster of 1 and 2 workers; filings/s and MB/s (per core),
peak memory per worker; and one synthetic feed tarball (``EIGHTK_BENCH_FEED_MB`` MB of filings,
default 200; 0 to skip) for the memory one chunk of a feed costs.

Run: ``.venv/bin/python bench/bench_batch.py`` or ``python bench/run.py batch``. Serial is the
very work of a task (``task.parse`` then ``task.write`` per chunk, the dataset written) without
Dask; the cluster runs are ``run_batch`` into a new dataset, cluster start-up excluded, planning
and writing included. Files are read once before timing (warm page cache). The machine is shared:
the CPU seconds of the serial run are printed beside its wall time. No goal is stated (the issue's
goal is for the whole of EDGAR, see docs/scale.md): figures only.
"""

from __future__ import annotations

import io
import os
import resource
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from common import CORPUS, filing_rows, no_corpus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

CHUNK = 40  # files per chunk: 453 corpus filings make 12 chunks, enough for 2 workers to share


def _serial(files: list[str], out: str) -> tuple[float, float, int, int]:
    from eightk.batch import task
    from eightk.batch.plan import plan

    w0, c0 = time.perf_counter(), time.process_time()
    n = size = 0
    for chunk in plan(files, CHUNK):
        parsed = task.parse(chunk)
        done = task.write(parsed, out, [True] * len(parsed.filings))
        n += done.filings + done.errors + done.not_8k
        size += parsed.bytes
    return time.perf_counter() - w0, time.process_time() - c0, n, size


def _peak_rss_kib() -> int:
    """This process's peak resident memory since it started (VmHWM; ``ru_maxrss`` would also
    count the process it was forked from before exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _warm() -> float:
    """Import what a task needs and parse one sample (a long run pays this once per worker);
    returns the worker's CPU seconds so far."""
    from eightk.batch import task  # noqa: F401
    from eightk.store.prepare import prepare

    prepare("warm.txt", (ROOT / "samples" / "2010-mapleridge-html-submission.txt").read_bytes(), keep_raw=False)
    return time.process_time()


def _cpu() -> float:
    return time.process_time()


def _cluster(files: list[str], workers: int, tmp: str) -> None:
    from eightk.batch import connect, run_batch

    with connect(local=workers) as client:
        client.wait_for_workers(workers)
        cpu0 = client.run(_warm)
        s = run_batch(client, files, os.path.join(tmp, f"ds-{workers}"), files_per_chunk=CHUNK)
        cpu = sum(client.run(_cpu).values()) - sum(cpu0.values())
        peaks = sorted(client.run(_peak_rss_kib).values())
    mb = s.bytes / 1e6
    n = s.filings + s.errors + s.not_8k + s.duplicates
    print(f"  dask {workers} worker(s): {n / s.seconds:7.1f} filings/s, {mb / s.seconds:6.2f} MB/s wall "
          f"({n / s.seconds / workers:.1f} filings/s, {mb / s.seconds / workers:.2f} MB/s per worker; {s.seconds:.1f} s); "
          f"{n / cpu:.1f} filings/s, {mb / cpu:.2f} MB/s per worker CPU second; "
          f"peak RSS per worker: {', '.join(f'{p / 1024:.0f} MB' for p in peaks)}")


def _feed(tmp: str, files: list[str], mb: int) -> str:
    """A .nc.tar.gz of corpus filings repeated (each copy with a distinct trailing line) to ``mb`` MB."""
    path = os.path.join(tmp, "20991231.nc.tar.gz")
    datas = [Path(f).read_bytes() for f in files]
    total, i = 0, 0
    with tarfile.open(path, "w:gz", compresslevel=1) as tar:
        while total < mb * 1_000_000:
            data = datas[i % len(datas)] + f"\n<!-- copy {i} -->\n".encode()
            info = tarfile.TarInfo(f"{i:07d}.nc")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            total += len(data)
            i += 1
    return path


def _feed_memory(files: list[str], tmp: str, mb: int) -> None:
    from eightk.batch import connect, run_batch

    feed = _feed(tmp, files, mb)
    with connect(local=1) as client:
        client.run(_warm)
        base = sorted(client.run(_peak_rss_kib).values())[0]
        s = run_batch(client, [feed], os.path.join(tmp, "ds-feed"))
        peak = sorted(client.run(_peak_rss_kib).values())[0]
    print(f"  one feed tarball of {s.bytes / 1e6:.0f} MB ({os.path.getsize(feed) / 1e6:.0f} MB compressed, "
          f"{s.filings + s.duplicates} filings) in one task: {s.seconds:.1f} s; worker peak RSS {peak / 1024:.0f} MB "
          f"(before it, warm: {base / 1024:.0f} MB)")


def run() -> list[str]:
    if no_corpus():
        return []
    files = [str(CORPUS / r["file"]) for r in filing_rows()]
    for f in files:
        Path(f).read_bytes()  # warm the page cache
    with tempfile.TemporaryDirectory() as tmp:
        wall, cpu, n, size = _serial(files, os.path.join(tmp, "ds-serial"))
        print(f"  serial (one core): {n} filings, {size / 1e6:.1f} MB in {wall:.1f} s wall, {cpu:.1f} s CPU: "
              f"{n / wall:.1f} filings/s, {size / wall / 1e6:.2f} MB/s wall; {n / cpu:.1f} filings/s, "
              f"{size / cpu / 1e6:.2f} MB/s per CPU second")
        on_disk = sum(p.stat().st_size for p in Path(tmp, "ds-serial").rglob("*.parquet"))
        print(f"  dataset: {on_disk / 1e6:.1f} MB of Parquet (zstd), {on_disk / n / 1e3:.1f} kB per filing, "
              f"{on_disk / size:.1%} of the input bytes")
        for workers in (1, 2):
            _cluster(files, workers, tmp)
        mb = int(os.environ.get("EIGHTK_BENCH_FEED_MB", "200"))
        if mb > 0:
            _feed_memory(files, tmp, mb)
    return []


if __name__ == "__main__":
    run()
