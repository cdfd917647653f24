"""The client side of a batch: plan the chunks, skip the finished ones, run the others on a Dask
cluster, keep each filing once, and report progress.

Each filing is written once, keyed by its content hash (sha256): the client, which sees every
chunk's hashes before that chunk writes (``task.claims``), keeps the first copy it sees and
drops later ones (another file, archive member or chunk with the same bytes), recording them in
the chunk's manifest as duplicates. Hashes of finished chunks come from their manifests, so a
rerun also never writes a filing again. The same accession number with other bytes (a corrected
re-send, a lone copy of a primary document) is another filing, as in the store:
``filings.accession_source`` tells lone copies (``path``) from submissions (``header``).
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from eightk.batch import dataset, manifest, task
from eightk.batch.plan import FILES_PER_CHUNK, Chunk, is_url, plan

#: Task retries after an exception (a worker that dies is handled by the scheduler itself:
#: its tasks run again elsewhere, up to ``distributed.scheduler.allowed-failures`` times).
RETRIES = 2


@dataclass
class BatchSummary:
    chunks: int = 0
    skipped: int = 0  # chunks finished by an earlier run
    done: int = 0  # chunks finished by this run
    filings: int = 0
    duplicates: int = 0
    errors: int = 0
    not_8k: int = 0
    bytes: int = 0
    total_bytes: int = 0  # of the chunks to run (URLs count 0)
    seconds: float = 0.0
    removed: int = 0  # files of unfinished chunks deleted before the run
    dashboard: str | None = None
    #: chunks whose task failed (an exception in eightk itself): (chunk inputs, reason); rerun to retry
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.filings / self.seconds if self.seconds > 0 else 0.0


Progress = Callable[[BatchSummary], None]


@contextmanager
def connect(scheduler: str | None = None, local: int = 2, *, host: str = "127.0.0.1",
            memory_limit: str | None = None, worker_logs: int = logging.WARNING) -> Iterator[Any]:
    """A Dask client: of the scheduler at ``scheduler`` (``tcp://host:8786``), else of a new
    LocalCluster of ``local`` worker processes with one thread each (parsing holds the GIL),
    listening on ``host`` only, every port (scheduler, dashboard, workers) chosen free; its workers
    log from level ``worker_logs`` on (the command line shows only critical ones: a failed chunk
    is reported by the run itself)."""
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    kw: dict[str, Any] = {"memory_limit": memory_limit} if memory_limit else {}
    with LocalCluster(n_workers=local, threads_per_worker=1, processes=True, host=host, scheduler_port=0,
                      dashboard_address=":0", silence_logs=worker_logs, **kw) as cluster, Client(cluster) as client:
        try:
            yield client
        except KeyboardInterrupt:  # closing mid-run: Dask's complaints about closed connections are noise
            logging.getLogger("distributed").setLevel(logging.CRITICAL)
            raise


def run_batch(client: Any, paths: Sequence[str], out: str, *, store: bool = False,
              files_per_chunk: int = FILES_PER_CHUNK, progress: Progress | None = None,
              on_start: Progress | None = None) -> BatchSummary:
    """Parse everything under ``paths`` on ``client``'s cluster into the dataset at ``out``
    (``store``: with what ``--db`` loads); returns the summary."""
    t0 = time.perf_counter()
    out = os.path.abspath(out)
    os.makedirs(out, exist_ok=True)
    with _only_run(out):
        return _batch(client, paths, out, store, files_per_chunk, progress, on_start, t0)


@contextmanager
def _only_run(out: str) -> Iterator[None]:
    """Hold the dataset's lock for the run: a second run on the same dataset would delete the
    files of the first one's unfinished chunks. (An OS lock: it goes with the process.)"""
    import fcntl

    from eightk.batch.info import DatasetError

    with open(os.path.join(out, ".lock"), "a") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            raise DatasetError(f"{out}: another `eightk batch` is writing this dataset; wait for it to end") from e
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _batch(client: Any, paths: Sequence[str], out: str, store: bool, files_per_chunk: int,
           progress: Progress | None, on_start: Progress | None, t0: float) -> BatchSummary:
    chunks = plan([p if is_url(p) else os.path.abspath(p) for p in paths], files_per_chunk)
    finished = manifest.finished(out)
    todo = [c for c in chunks if c.id not in finished or (store and not finished[c.id].store)]
    for c in todo:  # finished without what --db needs: written again, under the same names
        if c.id in finished:
            (manifest.folder(out) / f"{c.id}.json").unlink(missing_ok=True)
            del finished[c.id]
    summary = BatchSummary(chunks=len(chunks), skipped=len(chunks) - len(todo),
                           total_bytes=sum(c.size for c in todo), dashboard=_dashboard(client))
    summary.removed = dataset.remove_unfinished(out, set(finished))
    seen = {sha for f in finished.values() for sha in f.sha256}
    if on_start:
        on_start(summary)
    _run(client, todo, out, store, seen, summary, progress)
    summary.seconds = time.perf_counter() - t0
    return summary


def _dashboard(client: Any) -> str | None:
    try:
        return client.dashboard_link if client.scheduler_info().get("services", {}).get("dashboard") else None
    except Exception:
        return None


def _window(client: Any) -> int:
    """Chunks in flight at once: enough to keep every worker thread busy, few enough that parsed
    chunks waiting for their write stay few (memory)."""
    threads = sum(w.get("nthreads", 1) for w in client.scheduler_info().get("workers", {}).values())
    return 2 * max(threads, 1) + 2


def _run(client: Any, todo: list[Chunk], out: str, store: bool, seen: set[str], summary: BatchSummary,
         progress: Progress | None) -> None:
    import uuid

    from distributed import as_completed

    run = uuid.uuid4().hex[:8]  # keys unique to this run: a result of an earlier run is never reused
    pending = iter(todo)
    parsed: dict[Any, tuple[Chunk, Any]] = {}  # claims future -> (chunk, parse future)
    writes: dict[Any, tuple[Chunk, Any]] = {}  # write future -> (chunk, parse future)
    running = as_completed()

    def submit_next() -> None:
        """Top the chunks in flight up to the window (which grows when workers join)."""
        while len(parsed) + len(writes) < _window(client):
            c = next(pending, None)
            if c is None:
                return
            p = client.submit(task.parse, c, store, key=f"eightk-parse-{c.id}-{run}", retries=RETRIES)
            f = client.submit(task.claims, p, key=f"eightk-claims-{c.id}-{run}", retries=RETRIES)
            parsed[f] = (c, p)
            running.add(f)

    submit_next()
    for fut in running:
        if fut in parsed:
            c, p = parsed.pop(fut)
            try:
                keep = _keep(fut.result(), seen)
            except Exception as e:
                _failed(summary, c, e)
                p.release()
                submit_next()
                continue
            w = client.submit(task.write, p, out, keep, key=f"eightk-write-{c.id}-{run}", retries=RETRIES, priority=10)
            writes[w] = (c, p)
            running.add(w)
            continue
        c, p = writes.pop(fut)
        try:
            done = fut.result()
        except Exception as e:
            _failed(summary, c, e)
        else:
            _count(summary, done)
        p.release()
        submit_next()
        if progress:
            progress(summary)


def _keep(shas: list[str], seen: set[str]) -> list[bool]:
    keep = []
    for sha in shas:
        keep.append(sha not in seen)
        seen.add(sha)
    return keep


def _count(summary: BatchSummary, done: manifest.Finished) -> None:
    summary.done += 1
    summary.filings += done.filings
    summary.duplicates += len(done.duplicates)
    summary.errors += done.errors
    summary.not_8k += done.not_8k
    summary.bytes += done.bytes


def _failed(summary: BatchSummary, chunk: Chunk, e: BaseException) -> None:
    where = chunk.inputs[0] + (f" (and {len(chunk.inputs) - 1} more)" if len(chunk.inputs) > 1 else "")
    summary.failed.append((where, f"{type(e).__name__}: {e}"))


__all__ = ["RETRIES", "BatchSummary", "Progress", "connect", "run_batch"]
