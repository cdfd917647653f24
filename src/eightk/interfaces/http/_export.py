"""``GET /api/export``: one table of ``eightk export`` (filings, items, exhibits, facts or events)
matching the search filters, streamed as CSV, JSON Lines or Parquet while it is read."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from eightk.interfaces.http._errors import BadRequest
from eightk.interfaces.http._models import ErrorOut
from eightk.interfaces.http._params import filters
from eightk.store import EXPORT_COLUMNS, Filters, Store, StoreError

router = APIRouter(prefix="/api", tags=["export"])

Table = StrEnum("Table", {t: t for t in EXPORT_COLUMNS})  # type: ignore[misc]


class Format(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


_MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson", "parquet": "application/vnd.apache.parquet"}


def _csv(names: list[str], chunks: Iterator[list[tuple]]) -> Iterator[bytes]:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(names)
    for rows in chunks:
        w.writerows(rows)
        yield buf.getvalue().encode()
        buf.seek(0)
        buf.truncate()
    yield buf.getvalue().encode()


def _jsonl(names: list[str], chunks: Iterator[list[tuple]]) -> Iterator[bytes]:
    for rows in chunks:
        yield "".join(json.dumps(dict(zip(names, row, strict=True)), ensure_ascii=False, default=str) + "\n"
                      for row in rows).encode()


def _parquet(table: str, chunks: Iterator[list[tuple]]) -> Iterator[bytes]:
    """One Parquet file, a row group per chunk, each handed on as soon as it is written."""
    import pyarrow.parquet as pq

    from eightk.store.export import _arrow_schema, _to_arrow

    sink = io.BytesIO()
    with pq.ParquetWriter(sink, _arrow_schema(table)) as writer:
        for rows in chunks:
            writer.write_table(_to_arrow(table, rows))
            yield sink.getvalue()
            sink.seek(0)
            sink.truncate()
    yield sink.getvalue()


def _stream(store: Store, table: str, fmt: str, f: Filters) -> Iterator[bytes]:
    """The encoded table, read from ``store`` (a store of its own, closed at the end)."""
    try:
        chunks = store.export_rows(table, f)
        names = [c for c, _ in EXPORT_COLUMNS[table]]
        if fmt == "csv":
            yield from _csv(names, chunks)
        elif fmt == "jsonl":
            yield from _jsonl(names, chunks)
        else:
            yield from _parquet(table, chunks)
    finally:
        store.close()


@router.get("/export", responses={200: {"content": {m: {} for m in _MEDIA.values()}}, 400: {"model": ErrorOut}})
def export(
    request: Request,
    f: Annotated[Filters, Depends(filters)],
    format: Annotated[Format, Query(description="csv, jsonl or parquet (one file; `eightk export` partitions "
                                    "by year).")] = Format.csv,
    table: Annotated[Table, Query(description="Which table: filings, items, exhibits, facts or events.")]
    = Table["filings"],
) -> StreamingResponse:
    """One exported table of the filings matching the filters (those of /api/search), streamed."""
    if format == Format.parquet:
        from eightk.store.export import require_pyarrow

        try:
            require_pyarrow()
        except StoreError as e:
            raise BadRequest(str(e), "ask for format=csv or jsonl") from e
    store = request.app.state.store.new()
    name = f"{table.value}.{format.value}"
    return StreamingResponse(_stream(store, table.value, format.value, f), media_type=_MEDIA[format.value],
                             headers={"Content-Disposition": f'attachment; filename="{name}"'},
                             background=BackgroundTask(store.close))  # also when the stream never started


__all__ = ["router"]
