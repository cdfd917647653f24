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
#: What each column holds (the Parquet files carry it as field metadata ``description``).
DESCRIPTIONS: dict[str, str] = {
    "accession_number": "EDGAR accession number (0000950123-04-012345); from the header, else inferred from the path",
    "sha256": "SHA-256 of the filing's bytes: the filing's key in the dataset (child rows name their filing by it)",
    "form_type": "form type, upper case (8-K, 8-K/A, 8-K12B...)",
    "is_amendment": "1 for an amendment (form type ending /A), else 0",
    "filed": "filing date (header)",
    "date_of_report": "date of report (date of the earliest event reported)",
    "date": "date of report, else filing date: the date the year partition is taken from",
    "cik": "CIK of the filing's first company (ten digits)",
    "company": "name of the filing's first company",
    "path": "the input the filing was read from (file, or archive!member, or URL)",
    "size": "size of the filing in bytes",
    "container": "the container eightk read (submission, feed, document...)",
    "n_items": "number of item rows",
    "item_codes": "item codes, comma separated, in order",
    "accession_source": "where accession_number came from: header or path",
    "seq": "position of the row within its filing, from 0",
    "code": "item code as filed (modern 8.01, or legacy 5)",
    "scheme": "numbering scheme of the code: modern or legacy",
    "equivalent": "the code in the other scheme, when there is one",
    "equivalent_item": "the event's item in the other scheme, when there is one",
    "modern": "the modern code (the code itself when modern)",
    "title": "item title as it appears in the filing",
    "text": "text (of the item, or the sentence a fact was read from)",
    "source": "where the item was found: body, or header (listed in the header only)",
    "number": "exhibit number (99.1)",
    "description": "exhibit description",
    "document": "sequence number of the submission document it refers to or was read from",
    "kind": "fact kind (money, shares, percent, date, period, party, security)",
    "value_num": "the fact's value as a number, when it is one",
    "value_text": "the fact's value as JSON, when it is not a plain number",
    "unit": "unit of the value (USD, shares...)",
    "per": "what the value is per (share, year...)",
    "item": "the item code it belongs to",
    "attributes": "attributes as JSON (see `eightk events`)",
    "type": "event type (see `eightk events`)",
    "confidence": "confidence of the event, 0 to 1",
    "amount": "the event's own amount (a settlement's, an offering's gross proceeds), when it has one",
    "filing_z": "the Filing model as JSON, zstd-compressed (what `--db` loads)",
    "passages_z": "the search passages as JSON, zstd-compressed (what `--db` loads)",
    "input": "the input that failed (file, archive!member, or URL)",
    "reason": "why it failed",
    "not_8k": "true when the input is readable but not an 8-K (a 10-K, an exhibit...)",
    "chunk": "the chunk (task) that read it",
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
    return pa.schema([pa.field(name, types[kind], metadata={"description": DESCRIPTIONS[name]})
                      for name, kind in columns])


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


__all__ = ["COLUMNS", "DESCRIPTIONS", "ERROR_COLUMNS", "YEAR_TABLES", "arrow_schema", "rows_of", "to_arrow", "year_of"]
