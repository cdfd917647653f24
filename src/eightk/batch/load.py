"""``--db``: the dataset bulk-loaded into the store, year by year, one transaction per file of
the ``_store`` table (one chunk's filings of one year: a day's feed, or at most ``--chunk-files``
filings), so memory stays bounded however large a year is; a load stopped midway is simply run
again (what is stored already comes back as a duplicate).

It goes through the store's own write path (:func:`eightk.store.write.write`), not a
``COPY`` of the Parquet tables: the store's tables hold more than the dataset (companies and
their names over time, documents, anomalies, search passages, version and amendment links),
and that path is the one place that computes them correctly and idempotently (a filing stored
already is a duplicate). A second, COPY-based writer would be a second copy of that logic. The
cost stays small beside parsing (no parsing here: the filings are read back from the ``_store``
table as their models). Raw bytes are not stored (``raw_submissions`` rows of codec 'ref').
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

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


def load(out: str | os.PathLike[str], db_url: str, *, on_partition: Callable[[int, int], None] | None = None) -> dict:
    """Store every filing of the dataset at ``out`` in the database at ``db_url``; returns counts
    of the outcomes (stored, duplicate, error, skipped). ``on_partition(year, filings)`` is called
    after each year."""
    import pyarrow.parquet as pq

    from eightk.store import open_store
    from eightk.store.write import write

    counts: dict[str, int] = {}

    def add(batch: list[Prepared]) -> None:
        for o in write(db, batch):
            counts[o.status] = counts.get(o.status, 0) + 1

    store_dir = Path(out) / "_store"
    years = sorted(int(p.name.split("=", 1)[1]) for p in store_dir.glob("year=*")) if store_dir.is_dir() else []
    with open_store(db_url) as db:
        for year in years:
            n = 0
            for part in sorted((store_dir / f"year={year}").glob("part-*.parquet")):
                batch = list(_prepared(pq.read_table(part).to_pydict()))
                add(batch)
                n += len(batch)
            if on_partition:
                on_partition(year, n)
        add(_errors(out))
    return counts


__all__ = ["load"]
