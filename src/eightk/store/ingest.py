"""Ingest: read inputs, parse them (optionally in worker processes), write them in batches.

Each batch is one transaction, so a crash or Ctrl-C loses at most the batch in flight and never
leaves half a filing; ``resume=True`` skips inputs whose content is already stored (or already
failed) without parsing them again. Writing is idempotent whatever the flags: the same filing
twice (by content hash or accession number) is stored once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Union

from eightk.sources import iter_inputs
from eightk.store.pool import Budgets, WorkerPool
from eightk.store.prepare import Prepared, prepare
from eightk.store.results import IngestOutcome

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from eightk.store.base import Store

#: One input: a path (file, folder, archive), the bytes of one filing, or a (name, bytes) pair.
Source = Union[str, os.PathLike, bytes, bytearray, memoryview, tuple[str, bytes]]  # noqa: UP007  (a runtime alias)

#: The name a filing given as bare bytes is stored and logged under.
BYTES_NAME = "<bytes>"


@dataclass
class IngestSummary:
    run_id: str
    seen: int = 0
    stored: int = 0
    new_versions: int = 0  # of the stored: a new version of an accession number stored with other bytes
    duplicates: int = 0
    skipped: int = 0  # resume: already stored (or already failed), not parsed again
    not_8k: int = 0  # readable files that are not 8-Ks (a 10-K, a lone exhibit...): logged as skipped
    ignored: int = 0  # files met in a folder walk that are not filings by their name (images, index pages...)
    errors: int = 0
    bytes: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    error_samples: list[tuple[str, str]] = field(default_factory=list)
    not_8k_samples: list[tuple[str, str]] = field(default_factory=list)
    #: every input that failed (name, reason), for a caller that must list them all
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.seen / self.seconds if self.seconds > 0 else 0.0

    def as_dict(self) -> dict:
        return {
            "run_id": self.run_id, "seen": self.seen, "stored": self.stored, "new_versions": self.new_versions,
            "duplicates": self.duplicates,
            "skipped": self.skipped, "not_8k": self.not_8k, "ignored": self.ignored, "errors": self.errors,
            "bytes": self.bytes, "seconds": round(self.seconds, 3),
            "filings_per_s": round(self.rate, 2), "interrupted": self.interrupted,
        }


Progress = Callable[[IngestSummary, str], None]


def ingest_paths(
    store: Store,
    paths: Source | Iterable[Source],
    *,
    workers: int = 1,
    batch_size: int = 50,
    resume: bool = False,
    keep_raw: bool = True,
    progress: Progress | None = None,
    rename: Callable[[Prepared], None] | None = None,
    budgets: Budgets = Budgets(),
) -> IngestSummary:
    """Ingest every filing under ``paths`` (see :data:`Source`) into ``store``; bad files are
    logged, never fatal.

    With ``workers`` > 1 files are parsed in worker processes, each file under ``budgets``
    (time and memory; one that exceeds them is logged as failed with the reason); with one,
    they are parsed in this process. ``rename`` may adjust each prepared filing before it is
    written (the benchmark's loading test uses it to give copies new accession numbers).
    """
    summary = IngestSummary(run_id=uuid.uuid4().hex)
    summary.ignored = ignored_in_walk(paths)
    t0 = time.perf_counter()
    known: set[str] = set()
    if resume:
        known = {r[0] for r in store.rows("SELECT sha256 FROM filings")}
        known |= {r[0] for r in store.rows("SELECT sha256 FROM ingest_log WHERE status = 'error' AND sha256 IS NOT NULL")}
    batch: list[Prepared] = []
    work = partial(prepare, keep_raw=keep_raw)

    def account(outcomes: list[IngestOutcome]) -> None:
        for o in outcomes:
            if o.status == "stored":
                summary.stored += 1
                summary.new_versions += bool(o.supersedes)
            elif o.status == "duplicate":
                summary.duplicates += 1
            elif o.status == "skipped":
                summary.not_8k += 1
                if len(summary.not_8k_samples) < 50:
                    summary.not_8k_samples.append((o.name, o.error or "not an 8-K"))
            else:
                summary.errors += 1
                if len(summary.failed) < 10_000:
                    summary.failed.append((o.name, o.error or "error"))
                if len(summary.error_samples) < 50:
                    summary.error_samples.append((o.name, o.error or "error"))

    def flush() -> None:
        if not batch:
            return
        if rename is not None:
            for p in batch:
                rename(p)
        with _interrupts_deferred():
            account(store.write(batch, run_id=summary.run_id))
        batch.clear()

    def tick(name: str) -> None:
        if progress is not None:
            summary.seconds = time.perf_counter() - t0
            progress(summary, name)

    def add(p: Prepared) -> None:
        summary.seen += 1
        summary.bytes += p.size
        batch.append(p)
        if len(batch) >= batch_size:
            flush()
        tick(p.name)

    def tasks() -> Iterator[tuple[str, bytes]]:
        """The files to parse; unreadable ones are logged here, already stored ones skipped."""
        for name, data in _named_bytes(paths, add):
            if resume and hashlib.sha256(data).hexdigest() in known:
                summary.skipped += 1
                tick(name)
                continue
            yield name, data

    pool = WorkerPool(workers, work, budgets) if workers > 1 else None
    try:
        for p in pool.map(tasks()) if pool is not None else (work(n, d) for n, d in tasks()):
            add(p)
        flush()
        if summary.stored:
            # fresh statistics, or the planners pick sequential scans over the new rows
            store.analyze()
    except KeyboardInterrupt:
        # the batch in flight was rolled back by Store.write; what was committed stays
        summary.interrupted = True
    finally:
        if pool is not None:
            pool.close()
        summary.seconds = time.perf_counter() - t0
    return summary


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Ctrl-C (and SIGTERM) held back while a batch is written, then delivered: raised inside a
    library's code (pydantic serialising a model), a KeyboardInterrupt can come out as that
    library's own error, and the run would count a failed batch instead of stopping. The batch
    is written whole, then the signal reaches the handler that was there before."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pending: list[int] = []
    watched = (signal.SIGINT, signal.SIGTERM)
    old = {s: signal.signal(s, lambda signum, _frame: pending.append(signum)) for s in watched}
    try:
        yield
    finally:
        for s, handler in old.items():
            signal.signal(s, handler)
    for signum in dict.fromkeys(pending):
        signal.raise_signal(signum)


def _named_bytes(sources: Source | Iterable[Source], failed: Callable[[Prepared], None]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of every filing in ``sources``, in order; what cannot be read goes to ``failed``."""
    many: Iterable[Source]
    if isinstance(sources, str | os.PathLike | bytes | bytearray | memoryview) or _is_pair(sources):
        many = [sources]
    else:
        many = sources
    for src in many:
        if isinstance(src, bytes | bytearray | memoryview):
            yield BYTES_NAME, bytes(src)
        elif _is_pair(src):
            yield str(src[0]), bytes(src[1])
        else:
            for inp in iter_inputs([src]):
                if inp.error is not None or inp.data is None:
                    failed(Prepared(name=inp.name, error=inp.error or "cannot be read"))
                    inp.close()
                    continue
                data = bytes(inp.data)
                inp.close()
                yield inp.name, data


def ignored_in_walk(sources: Source | Iterable[Source]) -> int:
    """Files in the folders among ``sources`` that a folder walk does not read (not filings nor
    archives by their name, or hidden), so a summary can say how many were passed over."""
    from eightk.sources import survey

    many: Iterable[object] = (
        [sources] if isinstance(sources, str | os.PathLike | bytes | bytearray | memoryview) or _is_pair(sources)
        else sources)
    return survey(s for s in many if isinstance(s, str | os.PathLike) and os.path.isdir(s)).passed_over


def _is_pair(src: object) -> TypeIs[tuple[str, bytes]]:
    return isinstance(src, tuple) and len(src) == 2 and isinstance(src[1], bytes | bytearray | memoryview)


__all__ = ["BYTES_NAME", "Budgets", "IngestSummary", "Source", "ignored_in_walk", "ingest_paths"]
