"""The dataset's tables: their columns, and the rows of one parsed filing.

The rows are the store's own flattening (:mod:`eightk.store.rows`: ``filing_row``,
``item_rows``, ``exhibit_rows``, ``fact_rows``, ``event_rows``), so a table here and the table of
the same name in the store hold the same values. The store's numeric ``filing_id`` does not exist
in a dataset written by many workers at once: a child row names its filing by ``sha256`` (unique)
and ``accession_number``. ``year`` is not a column of the files: it is the hive partition
(``year=2004``; ``year=0`` for a filing without a date).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from eightk.store.prepare import Prepared

#: Columns per table: (name, type) with type one of str, int, float, date, bool, bytes.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "filings": [("accession_number", "str"), ("sha256", "str"), ("form_type", "str"), ("is_amendment", "int"),
                ("filed", "date"), ("date_of_report", "date"), ("date", "date"), ("cik", "str"),
                ("company", "str"), ("path", "str"), ("size", "int"), ("container", "str"), ("n_items", "int"),
                ("item_codes", "str"), ("accession_source", "str")],
    "items": [("sha256", "str"), ("accession_number", "str"), ("seq", "int"), ("code", "str"), ("scheme", "str"),
              ("equivalent", "str"), ("modern", "str"), ("title", "str"), ("text", "str"), ("source", "str")],
    "exhibits": [("sha256", "str"), ("accession_number", "str"), ("seq", "int"), ("number", "str"),
                 ("description", "str"), ("document", "int")],
    "facts": [("sha256", "str"), ("accession_number", "str"), ("seq", "int"), ("kind", "str"), ("text", "str"),
              ("value_num", "float"), ("value_text", "str"), ("unit", "str"), ("per", "str"), ("item", "str"),
              ("document", "int"), ("attributes", "str")],
    "events": [("sha256", "str"), ("accession_number", "str"), ("seq", "int"), ("type", "str"), ("item", "str"),
               ("equivalent_item", "str"), ("confidence", "float"), ("attributes", "str"), ("amount", "float")],
    #: what the store needs beyond the tables above (``--db``): the whole model and its passages
    "_store": [("sha256", "str"), ("path", "str"), ("size", "int"), ("accession_source", "str"),
               ("filing_z", "bytes"), ("passages_z", "bytes")],
}
#: The tables partitioned by year (``errors`` is one file per chunk).
YEAR_TABLES = tuple(COLUMNS)
ERROR_COLUMNS = [("input", "str"), ("reason", "str"), ("not_8k", "bool"), ("chunk", "str")]


def year_of(p: Prepared) -> int:
    f = p.filing
    d = (f.date_of_report or f.filed) if f else None
    return d.year if d else 0


def rows_of(p: Prepared, *, store: bool) -> dict[str, list[tuple]]:
    """Every table's rows for one parsed filing (``store``: with its ``_store`` row)."""
    from eightk.store.rows import event_rows, exhibit_rows, fact_rows, filing_row, item_rows

    f = p.filing
    assert f is not None
    items = item_rows(f)
    row = filing_row(p, items)
    key = (p.sha256, row["accession_number"])
    out = {
        "filings": [tuple(row[c] for c, _ in COLUMNS["filings"])],
        "items": [(*key, i, *r) for i, r in enumerate(items)],
        "exhibits": [(*key, *r) for r in exhibit_rows(f)],
        "facts": [(*key, *r) for r in fact_rows(f)],
        "events": [(*key, *r) for r in event_rows(f)],
    }
    if store:
        out["_store"] = [_store_row(p, row)]
    return out


def _store_row(p: Prepared, row: dict[str, Any]) -> tuple:
    import json
    from dataclasses import asdict

    import zstandard

    assert p.filing is not None
    zc = zstandard.ZstdCompressor(level=3)
    passages = json.dumps([asdict(x) for x in p.passages], ensure_ascii=False).encode("utf-8")
    return (p.sha256, p.name, p.size, row["accession_source"],
            zc.compress(p.filing.model_dump_json().encode("utf-8")), zc.compress(passages))


def arrow_schema(columns: list[tuple[str, str]]):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32(),
             "bool": pa.bool_(), "bytes": pa.binary()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in columns])


def to_arrow(columns: list[tuple[str, str]], rows: list[tuple]):
    """Rows as an Arrow table of ``columns`` (dates given as ISO text are read as dates)."""
    import pyarrow as pa

    data: list[list[Any]] = [[] for _ in columns]
    for row in rows:
        for (_name, kind), col, v in zip(columns, data, row, strict=True):
            if kind == "date" and isinstance(v, str):
                v = dt.date.fromisoformat(v[:10])
            col.append(v)
    return pa.Table.from_arrays([pa.array(c, type=t.type) for c, t in zip(data, arrow_schema(columns), strict=True)],
                                schema=arrow_schema(columns))


__all__ = ["COLUMNS", "ERROR_COLUMNS", "YEAR_TABLES", "arrow_schema", "rows_of", "to_arrow", "year_of"]
