"""Writing: a batch of prepared filings in one transaction, each filing under a savepoint.

Every row of a filing is written here (filings, raw bytes, companies and their names, items,
exhibits, documents, facts, events, anomalies, passages), then the links between filings:
a new version supersedes the same accession number, an 8-K/A is linked to the report it amends.
A filing's child rows (and its companies) are plain inserts of a new filing id, sent by
:meth:`Store._insert_rows <eightk.store.base.Store._insert_rows>`: ``COPY ... FROM STDIN`` on
PostgreSQL, ``executemany`` on SQLite; rows merged with stored ones (companies, their names) and
the links are INSERT ... ON CONFLICT and UPDATE statements.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING

from eightk.model import Filing
from eightk.store.errors import RetryBatch, StoreError
from eightk.store.prepare import Prepared, clean
from eightk.store.results import IngestOutcome, date_str
from eightk.store.rows import cik_of, companies_of, event_rows, exhibit_rows, fact_rows, filing_row, item_rows

if TYPE_CHECKING:
    from eightk.store.base import Store


#: The schema version that added events.amount and filings.accession_source.
V_AMOUNTS = 3


def _version(db: Store) -> int:
    """The open store's schema version, read once (a store opened with ``migrate=False`` may be
    older: the writer then leaves out the columns it does not have yet)."""
    v = db._written_version
    if v is None:
        v = db._written_version = db.schema_version()
    return v


def write(db: Store, batch: Sequence[Prepared], *, run_id: str | None = None) -> list[IngestOutcome]:
    """Store a batch in one transaction (all of it, or none of it on a crash); a conflict with a
    concurrent writer retries the whole batch."""
    run_id = run_id or uuid.uuid4().hex
    for attempt in range(12):
        try:
            return _write_once(db, batch, run_id)
        except RetryBatch:
            time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
    raise StoreError("gave up after repeated write conflicts with another ingest; try again")


def _write_once(db: Store, batch: Sequence[Prepared], run_id: str) -> list[IngestOutcome]:
    outcomes: list[IngestOutcome] = []
    try:
        db._begin_write()
    except db.retry_errors as e:
        raise RetryBatch() from e
    try:
        for p in batch:
            outcomes.append(_write_one(db, p, run_id))
        db._exec("COMMIT")
    except db.retry_errors as e:
        db._safe_rollback()
        raise RetryBatch() from e
    except BaseException:
        db._safe_rollback()
        raise
    return outcomes


def _log(db: Store, run_id: str, p: Prepared, status: str, filing_id: int | None, error: str | None,
         note: str | None = None) -> None:
    f = p.filing
    cols, values = ["run_id", "path", "sha256", "accession", "status", "filing_id", "error"], [
        run_id, clean(p.name), p.sha256, f.accession_number if f else None, status, filing_id, clean(error)]
    if note is not None:
        cols.append("note")
        values.append(note)
    db._exec(f"INSERT INTO ingest_log ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", values)


def _write_one(db: Store, p: Prepared, run_id: str) -> IngestOutcome:
    if p.filing is None:
        if p.not_8k:
            _log(db, run_id, p, "skipped", None, p.error or "not an 8-K")
            return IngestOutcome(p.name, "skipped", error=p.error)
        _log(db, run_id, p, "error", None, p.error or "not parsed")
        return IngestOutcome(p.name, "error", error=p.error)
    passed_on: tuple[type[BaseException], ...] = (StoreError, *db.retry_errors)
    db._exec("SAVEPOINT one_filing")
    try:
        fid = _write_filing(db, p)
        copy_of = _copy_of(db, fid, p) if fid is not None and _version(db) >= V_AMOUNTS else None
        old = _supersede(db, fid, p) if fid is not None and copy_of is None else []
    except passed_on:
        raise  # the database itself failed (read-only, full, damaged...), or a retryable conflict
    except Exception as e:
        db._exec("ROLLBACK TO SAVEPOINT one_filing")
        db._exec("RELEASE SAVEPOINT one_filing")
        msg = f"database refused the filing ({type(e).__name__}: {e})"
        _log(db, run_id, p, "error", None, msg)
        return IngestOutcome(p.name, "error", error=msg)
    db._exec("RELEASE SAVEPOINT one_filing")
    if fid is None:
        r = db.one("SELECT id FROM filings WHERE sha256 = ?", (p.sha256,))
        existing = int(r[0]) if r else None
        _log(db, run_id, p, "duplicate", existing, None)
        return IngestOutcome(p.name, "duplicate", filing_id=existing)
    if copy_of is not None:
        note = (f"a lone copy of a document of {p.filing.accession_number} (accession number from its name); "
                f"linked to the stored submission, filing id {copy_of}")
        _log(db, run_id, p, "copy", fid, None, note)
        return IngestOutcome(p.name, "stored", filing_id=fid, note=note, copy_of=copy_of)
    if old:
        note = (f"new version of {p.filing.accession_number} (other bytes): supersedes stored filing id "
                + ", ".join(map(str, old)) + ", which stays findable by id")
        _log(db, run_id, p, "new_version", fid, None, note)
        return IngestOutcome(p.name, "stored", filing_id=fid, supersedes=old, note=note)
    _log(db, run_id, p, "stored", fid, None)
    return IngestOutcome(p.name, "stored", filing_id=fid)


def _copy_of(db: Store, fid: int, p: Prepared) -> int | None:
    """A lone document whose accession number comes from its name, ingested when its full
    submission (an EDGAR header with that number) is stored, is a copy: linked to the submission
    (``superseded_by``), which stays the filing. Returns the submission's id, or None."""
    acc = p.filing.accession_number if p.filing else None
    if not acc or p.accession_source != "path":
        return None
    r = db.one("SELECT id FROM filings WHERE accession_number = ? AND id <> ? AND superseded_by IS NULL"
               " AND (accession_source IS NULL OR accession_source <> 'path') ORDER BY id DESC LIMIT 1",
               (clean(acc), fid))
    if r is None:
        return None
    db._exec("UPDATE filings SET superseded_by = ? WHERE id = ?", (int(r[0]), fid))
    return int(r[0])


def _supersede(db: Store, fid: int, p: Prepared) -> list[int]:
    """Mark the current filings with this filing's accession number as superseded by it: the
    same accession number with other bytes is a new version (the newest ingested wins); a full
    submission also takes the place of lone copies of its documents stored before it."""
    acc = p.filing.accession_number if p.filing else None
    if not acc:
        return []
    old = [int(r[0]) for r in db.rows(
        "SELECT id FROM filings WHERE accession_number = ? AND id <> ? AND superseded_by IS NULL ORDER BY id",
        (clean(acc), fid))]
    if old:
        db._exec("UPDATE filings SET superseded_by = ? WHERE accession_number = ? AND id <> ?"
                 " AND superseded_by IS NULL", (fid, clean(acc), fid))
    return old


def _write_filing(db: Store, p: Prepared) -> int | None:
    """Insert one filing and its rows; None when it is already stored (same content hash)."""
    f = p.filing
    assert f is not None
    companies = companies_of(f)
    items = item_rows(f)
    row = filing_row(p, items)
    row["filing_z"] = db._zc.compress(f.model_dump_json().encode("utf-8"))  # kept whole (NULs are fine)
    if _version(db) < V_AMOUNTS:
        del row["accession_source"]
    cols = ", ".join(row)
    r = db.one(f"INSERT INTO filings ({cols}) VALUES ({', '.join('?' for _ in row)}) ON CONFLICT DO NOTHING"
               " RETURNING id", tuple(row.values()))
    if r is None:
        return None
    fid = int(r[0])
    if p.raw_z is not None:
        db._exec("INSERT INTO raw_submissions (filing_id, codec, size, data) VALUES (?, 'zstd', ?, ?)",
                 (fid, p.size, p.raw_z))
    else:
        db._exec("INSERT INTO raw_submissions (filing_id, codec, size, data) VALUES (?, 'ref', ?, NULL)", (fid, p.size))
    _write_companies(db, fid, f, companies, f.date_of_report or f.filed)
    _write_children(db, fid, p, items)
    _link_amendment(db, fid, row["is_amendment"], row["cik"], f)
    return fid


#: The child tables of a filing: their columns after filing_id. Their rows are plain inserts of
#: a filing id no row holds yet (:meth:`Store._insert_rows`: COPY on PostgreSQL).
_CHILDREN = {
    "items": ("seq", "code", "scheme", "equivalent", "modern", "title", "text", "source"),
    "exhibits": ("seq", "number", "description", "document"),
    "documents": ("sequence", "type", "filename", "description", "format", "size"),
    "facts": ("seq", "kind", "text", "value_num", "value_text", "unit", "per", "item", "document", "attributes"),
    "events": ("seq", "type", "item", "equivalent_item", "confidence", "attributes", "amount"),
    "anomalies": ("seq", "code", "message", "text"),
    "passages": ("kind", "item", "modern", "exhibit", "text"),
}


def _write_children(db: Store, fid: int, p: Prepared, items: list[tuple]) -> None:
    f = p.filing
    assert f is not None
    amounts = _version(db) >= V_AMOUNTS
    rows = {
        "items": [(i, *row) for i, row in enumerate(items)],
        "exhibits": exhibit_rows(f),
        "documents": _document_rows(f),
        "facts": fact_rows(f),
        "events": event_rows(f) if amounts else [r[:-1] for r in event_rows(f)],
        "anomalies": [(i, clean(a.code), clean(a.message), clean(a.text)) for i, a in enumerate(f.anomalies)],
        "passages": [(x.kind, x.item, x.modern, clean(x.exhibit), x.text) for x in p.passages],
    }
    for table, cols in _CHILDREN.items():
        if table == "events" and not amounts:
            cols = cols[:-1]  # amount: schema version 3
        if not rows[table]:
            continue
        db._insert_rows(table, ("filing_id", *cols), [(fid, *row) for row in rows[table]])


def _document_rows(f: Filing) -> list[tuple]:
    """A submission may number two documents alike: the first is kept (what an INSERT ... ON
    CONFLICT DO NOTHING of them all, in order, kept)."""
    first: dict[int, tuple] = {}
    for d in f.documents:
        first.setdefault(d.sequence, (d.sequence, clean(d.type), clean(d.filename), clean(d.description), d.format,
                                      d.size))
    return list(first.values())


def rewrite_children(db: Store, fid: int, p: Prepared, items: list[tuple]) -> None:
    """Replace a stored filing's model and child rows with those of ``p`` (the same bytes
    parsed again by a newer eightk: the schema backfill)."""
    f = p.filing
    assert f is not None
    db._exec(
        "UPDATE filings SET filing_z = ?, n_items = ?, n_passages = ?, item_codes = ? WHERE id = ?",
        (db._zc.compress(f.model_dump_json().encode("utf-8")), len(items), len(p.passages),
         ",".join(dict.fromkeys(r[0] for r in items)), fid),
    )
    for table in _CHILDREN:
        db._exec(f"DELETE FROM {table} WHERE filing_id = ?", (fid,))
    _write_children(db, fid, p, items)


def _write_companies(db: Store, fid: int, f: Filing, companies: list[tuple[str | None, str | None, str]],
                     date: dt.date | None) -> None:
    if companies:
        db._insert_rows("filing_companies", ("filing_id", "cik", "name", "role"),
                        [(fid, c, clean(n), r) for c, n, r in companies])
    d = date_str(date)
    seen: set[str] = set()
    for cik, name, _role in companies:
        if not cik or cik in seen:
            continue
        seen.add(cik)
        db._exec(
            "INSERT INTO companies (cik, name, last_filed) VALUES (?, ?, ?) ON CONFLICT (cik) DO UPDATE SET"
            " name = CASE WHEN excluded.name IS NOT NULL AND (companies.last_filed IS NULL OR"
            " (excluded.last_filed IS NOT NULL AND excluded.last_filed >= companies.last_filed))"
            " THEN excluded.name ELSE companies.name END,"
            " last_filed = CASE WHEN companies.last_filed IS NULL OR excluded.last_filed > companies.last_filed"
            " THEN excluded.last_filed ELSE companies.last_filed END",
            (cik, clean(name), d),
        )
        names = [(name, d, d, "filing")] if name else []
        for filer in f.header.filers if f.header else []:
            if filer.cik and cik_of(filer.cik) == cik:
                names += [(former.name, None, date_str(former.changed), "former_name") for former in filer.former_names]
        for n, first, last, source in names:
            db._exec(
                "INSERT INTO company_names (cik, name, first_seen, last_seen, source) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (cik, name) DO UPDATE SET"
                " first_seen = CASE WHEN excluded.first_seen IS NULL THEN company_names.first_seen"
                " WHEN company_names.first_seen IS NULL OR excluded.first_seen < company_names.first_seen"
                " THEN excluded.first_seen ELSE company_names.first_seen END,"
                " last_seen = CASE WHEN excluded.last_seen IS NULL THEN company_names.last_seen"
                " WHEN company_names.last_seen IS NULL OR excluded.last_seen > company_names.last_seen"
                " THEN excluded.last_seen ELSE company_names.last_seen END",
                (cik, clean(n), first, last, source),
            )


def _link_amendment(db: Store, fid: int, is_amend: int, cik: str | None, f: Filing) -> None:
    """An 8-K/A names no original; it is linked to the same company's 8-K for the same
    date of report (the report it amends), in whichever order the two arrive."""
    if not cik or f.date_of_report is None:
        return
    d = f.date_of_report.isoformat()
    if is_amend:
        r = db.one(
            "SELECT id FROM filings WHERE cik = ? AND date_of_report = ? AND is_amendment = 0 AND id <> ?"
            " AND superseded_by IS NULL ORDER BY filed, id LIMIT 1",
            (cik, d, fid),
        )
        if r:
            db._exec("UPDATE filings SET amends_id = ? WHERE id = ?", (int(r[0]), fid))
    else:
        db._exec(
            "UPDATE filings SET amends_id = ? WHERE is_amendment = 1 AND amends_id IS NULL AND cik = ?"
            " AND date_of_report = ?",
            (fid, cik, d),
        )


__all__ = ["rewrite_children", "write"]
