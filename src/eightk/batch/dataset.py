"""Writing a chunk's tables into the dataset, and cleaning what an interrupted run left.

Layout: ``DATASET/<table>/year=YYYY/part-<chunk>.parquet`` for the year tables, and
``DATASET/errors/part-<chunk>.parquet``. Each file is written under a hidden temporary name and
renamed into place, so a reader never sees half a file; its name holds the chunk id, so a chunk
run again (a retried task, a rerun) replaces its files instead of adding to them. Files of
chunks that have no manifest (a run killed mid-chunk) are removed before a run starts.
"""

from __future__ import annotations

import io
import os
from collections import defaultdict
from pathlib import Path

from eightk.batch.manifest import write_atomic
from eightk.batch.tables import COLUMNS, ERROR_COLUMNS, to_arrow

PREFIX = "part-"


def write_tables(out: str | os.PathLike[str], chunk: str, by_year: dict[tuple[str, int], list[tuple]],
                 errors: list[tuple]) -> list[str]:
    """Write one chunk's rows (``by_year``: (table, year) -> rows); returns the files written,
    relative to ``out``."""
    written: list[str] = []
    for (table, year), rows in sorted(by_year.items()):
        if rows:
            written.append(_write(out, f"{table}/year={year}", chunk, to_arrow(COLUMNS[table], rows)))
    if errors:
        written.append(_write(out, "errors", chunk, to_arrow(ERROR_COLUMNS, errors)))
    return written


def _write(out: str | os.PathLike[str], sub: str, chunk: str, table) -> str:
    import pyarrow.parquet as pq

    folder = Path(out) / sub
    folder.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="zstd")
    name = f"{PREFIX}{chunk}.parquet"
    write_atomic(folder / name, buf.getvalue())
    return f"{sub}/{name}"


def data_files(out: str | os.PathLike[str]) -> dict[str, list[Path]]:
    """Every data file of the dataset, by the chunk id in its name."""
    found: dict[str, list[Path]] = defaultdict(list)
    root = Path(out)
    for table in (*COLUMNS, "errors"):
        for p in (root / table).rglob(f"{PREFIX}*.parquet"):
            found[p.name[len(PREFIX):-len(".parquet")]].append(p)
    return found


def remove_unfinished(out: str | os.PathLike[str], finished: set[str]) -> int:
    """Delete the data files of chunks without a manifest (and stray temporary files); returns
    how many were removed. Only one run may write a dataset at a time."""
    n = 0
    for chunk, paths in data_files(out).items():
        if chunk not in finished:
            for p in paths:
                p.unlink(missing_ok=True)
                n += 1
    root = Path(out)
    if root.is_dir():
        for p in root.rglob(".*.tmp"):
            p.unlink(missing_ok=True)
    return n


__all__ = ["data_files", "remove_unfinished", "write_tables"]
