"""The work of one chunk, on a Dask worker: read its inputs, parse each with the same pure core
as ``eightk parse`` (through :func:`eightk.store.prepare`, as ``eightk ingest`` does), turn each
filing into table rows; then, once the client has said which filings are new, write them.

Two tasks per chunk, so the client can keep a filing that appears in two chunks once: ``parse``
(held in the worker's memory) and ``write`` (on the same worker, it writes Parquet files, then
the manifest). A failed input is an ``errors`` row, never a failed task. A worker that dies
loses its parsed chunks: Dask parses them again elsewhere (their ``write`` needs them).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from eightk.batch.plan import Chunk


@dataclass
class Parsed:
    """A parsed chunk: per filing, its sha256, year and table rows; the inputs that failed."""

    chunk: Chunk
    store: bool
    filings: list[tuple[str, int, str, dict[str, list[tuple]]]] = field(default_factory=list)  # sha, year, name, rows
    errors: list[tuple] = field(default_factory=list)  # input, reason, not_8k, chunk
    bytes: int = 0
    seconds: float = 0.0


def _inputs(chunk: Chunk) -> Iterator:
    """The chunk's filings as :class:`eightk.sources.Input` (read by the sources' own readers)."""
    from eightk.sources import iter_inputs

    if chunk.kind != "url":
        yield from iter_inputs(chunk.inputs)
        return
    yield from _fetch(chunk.inputs[0])


def _fetch(url: str) -> Iterator:
    """A URL fetched by the EDGAR client (User-Agent from ``EIGHTK_USER_AGENT``, rate limit, cache)
    and read like a file of that name: an archive is opened in memory."""
    import io

    from eightk.edgar import EdgarClient, EdgarSettings
    from eightk.errors import EightKError
    from eightk.sources import DEFAULT_LIMITS, Input
    from eightk.sources.archives import iter_archive
    from eightk.sources.base import Budget, CountingFile, is_archive

    try:
        with EdgarClient(EdgarSettings.from_env()) as client:
            data = client.get(url)
    except EightKError as e:
        yield Input(url, error=str(e))
        return
    path = url.split("?", 1)[0]
    if not is_archive(path):
        yield Input(url, data=data)
        return
    budget = Budget(DEFAULT_LIMITS)
    yield from iter_archive(url, CountingFile(io.BytesIO(data), budget), budget, 1, kind=path)


def declared_not_8k(data: bytes) -> str | None:
    """Why a submission whose EDGAR header names a form outside the 8-K family is not an 8-K,
    judged from its container alone by the core's own rule (``require_8k``, which the full parse
    applies after the grammar has run over the body); None for anything else. A daily feed is
    mostly 10-Ks, 10-Qs and other forms whose bodies are long: they are not parsed at all."""
    from eightk.core import new_filing, read_submission, require_8k
    from eightk.errors import EightKError, NotAn8KError

    try:
        sub = read_submission(data)
    except EightKError:
        return None  # the full parse reports it
    if sub.header is None or not sub.header.form_type:
        return None  # a lone document: its cover or items decide, after the parse
    try:
        require_8k(sub, new_filing(sub, data))
    except NotAn8KError as e:
        return str(e)
    return None


def parse(chunk: Chunk, store: bool = False) -> Parsed:
    """Read and parse every input of ``chunk`` (``store``: keep what ``--db`` loads)."""
    from eightk.batch.tables import rows_of, year_of
    from eightk.store.prepare import prepare

    t0 = time.perf_counter()
    out = Parsed(chunk, store)
    for item in _inputs(chunk):
        try:
            if item.error is not None:
                out.errors.append((item.name, item.error, False, chunk.id))
                continue
            out.bytes += len(item.data)
            reason = declared_not_8k(item.data)
            if reason is not None:
                out.errors.append((item.name, reason, True, chunk.id))
                continue
            p = prepare(item.name, item.data, keep_raw=False, passages=store)
            if p.filing is None:
                out.errors.append((item.name, p.error or "not parsed", p.not_8k, chunk.id))
            else:
                out.filings.append((p.sha256 or "", year_of(p), p.name, rows_of(p, store=store)))
        finally:
            item.close()
    out.seconds = time.perf_counter() - t0
    return out


def claims(parsed: Parsed) -> list[str]:
    """The content hashes of the chunk's filings, in order (what the client dedupes on)."""
    return [sha for sha, _, _, _ in parsed.filings]


def write(parsed: Parsed, out: str, keep: list[bool]):
    """Write the kept filings and every error of the chunk, then its manifest; returns the
    manifest entry (:class:`eightk.batch.manifest.Finished`)."""
    from eightk.batch import dataset, manifest

    by_year: dict[tuple[str, int], list[tuple]] = {}
    done = manifest.Finished(chunk=parsed.chunk.id, inputs=list(parsed.chunk.inputs), store=parsed.store,
                             bytes=parsed.bytes, seconds=round(parsed.seconds, 3))
    for (sha, year, name, rows), kept in zip(parsed.filings, keep, strict=True):
        if not kept:
            done.duplicates.append([name, sha])
            continue
        done.sha256.append(sha)
        for table, table_rows in rows.items():
            by_year.setdefault((table, year), []).extend(table_rows)
    done.filings = len(done.sha256)
    done.errors = sum(1 for e in parsed.errors if not e[2])
    done.not_8k = len(parsed.errors) - done.errors
    done.files = dataset.write_tables(out, parsed.chunk.id, by_year, parsed.errors)
    manifest.record(out, done)
    return done


def worker_pid() -> int:
    return os.getpid()


__all__ = ["Parsed", "claims", "parse", "write"]
