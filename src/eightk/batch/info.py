"""``eightk dataset info``: what a dataset holds, read with pyarrow (counts by year, item code,
event type; errors; finished chunks)."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from eightk.batch import manifest
from eightk.errors import EightKError


class DatasetError(EightKError):
    """A path that is not a dataset ``eightk batch`` wrote."""


@dataclass
class DatasetInfo:
    path: str
    chunks: int = 0
    filings: int = 0
    errors: int = 0
    not_8k: int = 0
    duplicates: int = 0
    by_year: dict[int, int] = field(default_factory=dict)
    by_item: dict[str, int] = field(default_factory=dict)
    by_event: dict[str, int] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"path": self.path, "chunks": self.chunks, "filings": self.filings, "errors": self.errors,
                "not_8k": self.not_8k, "duplicates": self.duplicates, "rows": self.rows,
                "by_year": {str(k): v for k, v in self.by_year.items()}, "by_item": self.by_item,
                "by_event": self.by_event}


def open_table(path: str | os.PathLike[str], table: str):
    """One table of the dataset as a ``pyarrow.dataset.Dataset`` (year from the hive partition);
    None when the dataset has no rows for it."""
    import pyarrow.dataset as ds

    folder = Path(path) / table
    if not folder.is_dir():
        return None
    part = "hive" if table != "errors" else None
    return ds.dataset(folder, format="parquet", partitioning=part)


def _counts(d, column: str) -> Counter:
    if d is None:
        return Counter()
    return Counter(v for v in d.to_table(columns=[column]).column(column).to_pylist())


def dataset_info(path: str | os.PathLike[str]) -> DatasetInfo:
    root = Path(path)
    chunks = manifest.finished(root)
    if not root.is_dir() or (not chunks and not (root / "filings").is_dir()):
        raise DatasetError(f"{path}: not a dataset written by `eightk batch` (no {manifest.FOLDER}/ nor filings/)")
    info = DatasetInfo(str(path), chunks=len(chunks), duplicates=sum(len(c.duplicates) for c in chunks.values()))
    filings = open_table(root, "filings")
    info.by_year = dict(sorted(_counts(filings, "year").items()))
    info.filings = sum(info.by_year.values())
    info.by_item = dict(sorted(_counts(open_table(root, "items"), "code").items()))
    info.by_event = dict(_counts(open_table(root, "events"), "type").most_common())
    errors = _counts(open_table(root, "errors"), "not_8k")
    info.errors, info.not_8k = errors[False], errors[True]
    for table in ("filings", "items", "exhibits", "facts", "events"):
        d = open_table(root, table)
        info.rows[table] = d.count_rows() if d is not None else 0
    return info


__all__ = ["DatasetError", "DatasetInfo", "dataset_info", "open_table"]
