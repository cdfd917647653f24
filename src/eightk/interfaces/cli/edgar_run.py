"""One run of ``eightk fetch`` / ``sync`` / ``watch``: where downloaded filings go (the store,
through its API, or a folder), the counts, the progress bar and the summary.

Imported only when one of those commands runs (it loads the store and the parser). Parsing is
:func:`eightk.store.prepare.prepare` (which is :mod:`eightk.core`), writing is
:meth:`Store.write`: a filing lands whole or not at all, one already stored is a duplicate, and
every failure (download or parse) is written to the store's ingest log.
"""

from __future__ import annotations

import contextlib
import os
import queue
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eightk.edgar import EdgarClient, FilingRef, items_match
from eightk.errors import EdgarError, EightKError

BATCH = 25
#: filings downloaded ahead of the parser
AHEAD = 8


@dataclass
class Counts:
    listed: int = 0       # filings the plan named
    stored: int = 0
    already: int = 0      # already in the store (or folder): not downloaded again
    duplicates: int = 0   # downloaded, but the store had these bytes
    filtered: int = 0     # passed over after parsing: none of --items
    not_8k: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    pending_errors: int = 0  # failures in the batch not yet written (for the progress bar)

    @property
    def errors(self) -> int:
        return len(self.failed) + self.pending_errors


class StoreSink:
    """Filings into a :class:`~eightk.store.base.Store`, in batches of :data:`BATCH`."""

    def __init__(self, store: Any, counts: Counts, *, items: set[str] | None = None) -> None:
        self.store, self.counts, self.items = store, counts, items
        self.run_id = uuid.uuid4().hex
        self.batch: list[Any] = []
        self.pending: set[str] = set()

    def known(self, accession: str) -> bool:
        if accession in self.pending:
            return True
        return self.store.one("SELECT 1 FROM filings WHERE accession_number = ? LIMIT 1", (accession,)) is not None

    def put(self, name: str, data: bytes, *, items_listed: bool = False, accession: str | None = None) -> None:
        from eightk.store.prepare import prepare

        p = prepare(name, data)
        if p.filing is not None and self.items and not items_listed \
                and not items_match([i.code for i in p.filing.items], self.items):
            self.counts.filtered += 1
            return
        self._add(p, accession or (p.filing.accession_number if p.filing else None))

    def fail(self, name: str, reason: str) -> None:
        from eightk.store.prepare import Prepared

        self._add(Prepared(name=name, error=reason), None)

    def _add(self, p: Any, accession: str | None) -> None:
        self.batch.append(p)
        self.counts.pending_errors += bool(p.error and not p.not_8k)
        if accession:
            self.pending.add(accession)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        outcomes = self.store.write(self.batch, run_id=self.run_id)
        self.batch, self.pending = [], set()
        c = self.counts
        c.pending_errors = 0
        for o in outcomes:
            if o.status == "stored":
                c.stored += 1
            elif o.status == "duplicate":
                c.duplicates += 1
            elif o.status == "skipped":
                c.not_8k += 1
            else:
                c.failed.append((o.name, o.error or "error"))


class FolderSink:
    """Filings as files ``DIR/ACCESSION.txt``, each landing atomically (temporary file, renamed)."""

    def __init__(self, folder: Path, counts: Counts, *, items: set[str] | None = None) -> None:
        self.folder, self.counts, self.items = Path(folder), counts, items
        self.folder.mkdir(parents=True, exist_ok=True)

    def _path(self, accession: str) -> Path:
        return self.folder / f"{accession}.txt"

    def known(self, accession: str) -> bool:
        return self._path(accession).exists()

    def put(self, name: str, data: bytes, *, items_listed: bool = False, accession: str | None = None) -> None:
        from eightk.core import parse

        try:
            filing = parse(data, path=name, facts=False)
        except EightKError as e:
            self.counts.failed.append((name, str(e)))
            return
        if self.items and not items_listed and not items_match([i.code for i in filing.items], self.items):
            self.counts.filtered += 1
            return
        acc = accession or filing.accession_number
        if not acc:
            self.counts.failed.append((name, "no accession number"))
            return
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, self._path(acc))
        self.counts.stored += 1

    def fail(self, name: str, reason: str) -> None:
        self.counts.failed.append((name, reason))

    def flush(self) -> None:
        pass


class Bar:
    """The Rich progress bar (files, bytes, requests/s, errors) on a TTY; nothing otherwise."""

    def __init__(self, client: EdgarClient, counts: Counts, label: str, *, enabled: bool) -> None:
        self.client, self.counts, self.t0 = client, counts, time.monotonic()
        self.progress: Any = None
        if not enabled:
            return
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from eightk.interfaces.cli.app import err

        self.progress = Progress(
            TextColumn(label), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[mb]:.1f} MB"),
            TextColumn("{task.fields[rps]:.1f} req/s"), TextColumn("{task.fields[errors]} errors"),
            TimeElapsedColumn(), console=err.real, transient=True)
        self.task = self.progress.add_task(label, total=0, mb=0.0, rps=0.0, errors=0)
        self.progress.start()

    def add(self, n: int) -> None:
        self.counts.listed += n
        if self.progress is not None:
            self.progress.update(self.task, total=self.counts.listed)
        self.tick(0)

    def tick(self, n: int = 1) -> None:
        if self.progress is None:
            return
        elapsed = max(1e-6, time.monotonic() - self.t0)
        self.progress.update(self.task, advance=n, mb=self.client.bytes_in / 1e6,
                             rps=self.client.requests / elapsed, errors=self.counts.errors)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.t0


def fetch_refs(client: EdgarClient, sink: Any, refs: Iterable[FilingRef], bar: Bar) -> None:
    """Download each ref not already held and hand it to ``sink``; a failure is recorded, not
    fatal. Downloads run in one background thread, a few filings ahead, while this thread parses
    and writes: the rate limit, not the parser, sets the pace (the store stays in this thread)."""
    todo = []
    for ref in refs:
        if sink.known(ref.accession):
            sink.counts.already += 1
            bar.tick()
        else:
            todo.append(ref)
    for ref, url, data in _downloads(client, todo):
        if isinstance(data, EdgarError):
            sink.fail(url, f"download failed: {data}")
        else:
            sink.put(url, data, items_listed=ref.items_listed, accession=ref.accession)
        bar.tick()


def _downloads(client: EdgarClient, refs: list[FilingRef]) -> Iterator[tuple[FilingRef, str, bytes | EdgarError]]:
    """``(ref, url, body or the error)`` for each ref, in order, fetched by a background thread
    at most :data:`AHEAD` filings ahead; stops it when the consumer stops (Ctrl-C included)."""
    results: queue.Queue[tuple[FilingRef, str, bytes | EdgarError] | None] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()

    def work() -> None:
        try:
            for ref in refs:
                if stop.is_set():
                    return
                url = ref.url(client.settings.edgar_url)
                try:
                    item: tuple[FilingRef, str, bytes | EdgarError] = (ref, url, client.get(url))
                except EdgarError as e:
                    item = (ref, url, e)
                while not stop.is_set():
                    try:
                        results.put(item, timeout=0.2)
                        break
                    except queue.Full:
                        continue
        finally:
            with contextlib.suppress(queue.Full):
                results.put(None, timeout=1)

    thread = threading.Thread(target=work, name="eightk-edgar-download", daemon=True)
    thread.start()
    try:
        while (got := results.get()) is not None:
            yield got
    finally:
        stop.set()
        with contextlib.suppress(queue.Empty):
            while True:
                results.get_nowait()
        thread.join(5)


def summary_line(verb: str, c: Counts, client: EdgarClient, seconds: float) -> str:
    mb = client.bytes_in / 1e6
    secs = max(seconds, 1e-6)
    parts = [f"{c.listed} filings listed", f"{c.stored} stored", f"{c.already} already stored (not fetched)"]
    if c.duplicates:
        parts.append(f"{c.duplicates} duplicates")
    if c.filtered:
        parts.append(f"{c.filtered} without the --items asked for")
    if c.not_8k:
        parts.append(f"{c.not_8k} not 8-Ks")
    parts.append(f"{len(c.failed)} failed")
    return (f"{verb}: " + ", ".join(parts) + f"; {client.requests} requests ({client.retries} retries), "
            f"{mb:.2f} MB in {seconds:.1f} s ({client.requests / secs:.1f} requests/s, "
            f"{mb / secs:.2f} MB/s, {c.stored / secs:.1f} filings/s)")


def as_dict(c: Counts, client: EdgarClient, seconds: float) -> dict[str, Any]:
    return {"listed": c.listed, "stored": c.stored, "already": c.already, "duplicates": c.duplicates,
            "filtered": c.filtered, "not_8k": c.not_8k, "failed": [list(f) for f in c.failed],
            "requests": client.requests, "retries": client.retries, "bytes": client.bytes_in,
            "seconds": round(seconds, 3)}
