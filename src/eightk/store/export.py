"""Export: one table per entity (filings, items, exhibits, facts, events, and the event
attribute tables that have rows: officer_changes, vote_proposals...) as Parquet
(partitioned by year, hive style: ``filings/year=2004/…parquet``), JSON Lines or CSV."""

from __future__ import annotations

import csv
import itertools
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from eightk.store.attr_tables import ATTR_TABLES
from eightk.store.errors import StoreError
from eightk.store.filters import Filters
from eightk.store.read import EXPORT_COLUMNS

if TYPE_CHECKING:
    from eightk.store.base import Store

FORMATS = ("parquet", "jsonl", "csv")

#: The one line a user gets when asking for Parquet without pyarrow.
MISSING_PYARROW = ("Parquet export needs pyarrow, which is not installed: pip install 'eightk[parquet]' "
                   "(or: pip install 'pyarrow>=15'); or export --format jsonl or csv")


def require_pyarrow() -> None:
    """Raise a StoreError naming the extra to install when pyarrow is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyarrow.dataset  # noqa: F401
    except ImportError as e:
        raise StoreError(MISSING_PYARROW) from e


def _arrow_schema(table: str):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.string()}
    fields = []
    for name, kind in EXPORT_COLUMNS[table]:
        t = types[kind]
        if kind == "date":
            t = pa.date32()
        fields.append(pa.field(name, t))
    return pa.schema(fields)


def _to_arrow(table: str, rows: list[tuple]):
    import datetime as dt

    import pyarrow as pa

    cols = EXPORT_COLUMNS[table]
    data: dict[str, list] = {name: [] for name, _ in cols}
    for row in rows:
        for (name, kind), v in zip(cols, row, strict=True):
            if kind == "date" and isinstance(v, str):
                v = dt.date.fromisoformat(v[:10])
            elif kind == "int" and v is not None:
                v = int(v)
            elif kind == "float" and v is not None:
                v = float(v)
            data[name].append(v)
    return pa.Table.from_pydict(data, schema=_arrow_schema(table))


def export(store: Store, out: str | os.PathLike[str], fmt: str = "parquet", filters: Filters | None = None,
           tables: tuple[str, ...] = tuple(EXPORT_COLUMNS)) -> dict[str, int]:
    """Write the tables to ``out``; returns rows written per table."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        require_pyarrow()
    outdir = Path(out)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create output folder {str(outdir)!r}: {e.strerror or e}") from e
    counts: dict[str, int] = {}
    for table in tables:
        names = [c for c, _ in EXPORT_COLUMNS[table]]
        chunks = store.export_rows(table, filters)
        if table in ATTR_TABLES:  # an event attribute table is written only when it has rows
            first = next(chunks, None)
            if first is None:
                continue
            chunks = itertools.chain([first], chunks)
        n = 0
        if fmt == "parquet":
            import pyarrow.dataset as ds

            parts = [_to_arrow(table, rows) for rows in chunks]
            n = sum(p.num_rows for p in parts)
            target = outdir / table
            if parts:
                import pyarrow as pa

                ds.write_dataset(
                    pa.concat_tables(parts), target, format="parquet",
                    partitioning=ds.partitioning(pa.schema([pa.field("year", pa.int64())]), flavor="hive"),
                    existing_data_behavior="delete_matching",
                    basename_template="part-{i}.parquet",
                )
        elif fmt == "jsonl":
            with open(outdir / f"{table}.jsonl", "w", encoding="utf-8") as f:
                for rows in chunks:
                    for row in rows:
                        f.write(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=str))
                        f.write("\n")
                        n += 1
        else:
            with open(outdir / f"{table}.csv", "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(names)
                for rows in chunks:
                    w.writerows(rows)
                    n += len(rows)
        counts[table] = n
    return counts


__all__ = ["FORMATS", "MISSING_PYARROW", "export", "require_pyarrow"]
