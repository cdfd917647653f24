"""``--db``: the dataset bulk-loaded into the store, one transaction per file of the ``_store``
table (one chunk's filings of one year: a day's feed, or at most ``--chunk-files`` filings), so
memory stays bounded however large a year is; a load stopped midway is simply run again (what is
stored already comes back as a duplicate). SQLite (one writer) is loaded year by year by the
client; PostgreSQL by the Dask cluster's workers at once, each with its own connection.

The filings are read back from the ``_store`` table as their models (no parsing here) and stored
through the store's own write path (:func:`eightk.store.write.write`), the one place that computes
what the store holds beside the dataset (companies and their names over time, documents, anomalies,
search passages, version and amendment links) and that makes a filing stored already a duplicate:
there is no second, Parquet-to-database writer. That path writes a filing's plain child rows
(items, exhibits, documents, facts, events, anomalies, passages, its companies) with
:meth:`~eightk.store.base.Store._insert_rows`: ``COPY ... FROM STDIN`` on PostgreSQL, an
``executemany`` per table on SQLite; the rows that merge with what is stored (the filing itself,
companies and their names, the version and amendment links) stay INSERTs and UPDATEs. On
PostgreSQL most of the write time is then the server's own work on the passages (their full-text
vectors and GIN index entries). Raw bytes are not stored (``raw_submissions`` rows of codec 'ref').
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from eightk.batch.info import open_table
from eightk.store.prepare import Passage, Prepared


def _prepared(rows: dict[str, list]) -> Iterator[Prepared]:
    import zstandard

    from eightk.model import Filing

    zd = zstandard.ZstdDecompressor()
    for sha, path, size, source, fz, pz in zip(rows["sha256"], rows["path"], rows["size"], rows["accession_source"],
                                               rows["filing_z"], rows["passages_z"], strict=True):
        filing = Filing.model_validate_json(zd.decompress(fz))
        passages = [Passage(**x) for x in json.loads(zd.decompress(pz))]
        yield Prepared(name=path, sha256=sha, size=size, filing=filing, passages=passages,
                       accession_source=source)


def _errors(out: str | os.PathLike[str]) -> list[Prepared]:
    d = open_table(out, "errors")
    if d is None:
        return []
    t = d.to_table(columns=["input", "reason", "not_8k"]).to_pydict()
    return [Prepared(name=n, error=r, not_8k=bool(x)) for n, r, x in zip(t["input"], t["reason"], t["not_8k"], strict=True)]


def _parts(out: str | os.PathLike[str]) -> list[tuple[int, Path]]:
    """(year, file) of every ``_store`` file, year by year."""
    store_dir = Path(out) / "_store"
    if not store_dir.is_dir():
        return []
    return sorted((int(p.parent.name.split("=", 1)[1]), p) for p in store_dir.glob("year=*/part-*.parquet"))


def _tally(counts: dict[str, int], outcomes) -> dict[str, int]:
    for o in outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    return counts


def load_part(part: str, db_url: str) -> dict[str, int]:
    """Store one ``_store`` file (a task on a worker: its own connection, one transaction) in a
    store whose schema is current (:func:`load` creates or upgrades it before any worker writes)."""
    import pyarrow.parquet as pq

    from eightk.store import open_store
    from eightk.store.write import write

    with open_store(db_url, migrate=False) as db:  # the client created or upgraded the schema first
        return _tally({}, write(db, list(_prepared(pq.read_table(part).to_pydict()))))


def load(out: str | os.PathLike[str], db_url: str, *, client: Any = None,
         on_partition: Callable[[int, int], None] | None = None) -> dict:
    """Store every filing of the dataset at ``out`` in the database at ``db_url``; returns counts
    of the outcomes (stored, duplicate, error, skipped). ``on_partition(year, filings)`` is called
    after each file. With a Dask ``client`` and PostgreSQL, the files are loaded by the cluster's
    workers at once (the write path is made for concurrent writers: a conflict retries the
    batch); SQLite has one writer, so it is loaded here, in order."""
    from eightk.store import open_store
    from eightk.store.write import write

    counts: dict[str, int] = {}
    parts = _parts(out)
    with open_store(db_url) as db:  # created or upgraded once, before any worker writes
        if client is not None and db.backend == "postgres":
            _load_on(client, parts, db_url, counts, on_partition)
        else:
            for year, part in parts:
                done = _load_here(db, part, write)
                _tally_dict(counts, done)
                if on_partition:
                    on_partition(year, sum(done.values()))
        _tally(counts, write(db, _errors(out)))
    return counts


def _load_here(db: Any, part: Path, write: Callable) -> dict[str, int]:
    import pyarrow.parquet as pq

    return _tally({}, write(db, list(_prepared(pq.read_table(part).to_pydict()))))


def _tally_dict(counts: dict[str, int], done: dict[str, int]) -> None:
    for k, v in done.items():
        counts[k] = counts.get(k, 0) + v


def _load_on(client: Any, parts: list[tuple[int, Path]], db_url: str, counts: dict[str, int],
             on_partition: Callable[[int, int], None] | None) -> None:
    from distributed import as_completed

    futures = {client.submit(load_part, str(part), db_url, retries=2, pure=False): year for year, part in parts}
    for fut in as_completed(futures):
        done = fut.result()
        _tally_dict(counts, done)
        if on_partition:
            on_partition(futures[fut], sum(done.values()))


__all__ = ["load", "load_part"]
