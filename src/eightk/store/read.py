"""Reading and reports: one filing back (model, raw bytes, row), a company's timeline, the
counts of ``stats``, and the rows ``export`` writes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from eightk.digits import ascii_digits
from eightk.model import Filing
from eightk.store.attr_tables import ATTR_TABLES, attr_rows
from eightk.store.errors import StoreError
from eightk.store.filters import Filters, like_escape, normalise_cik
from eightk.store.results import Timeline, date_str

if TYPE_CHECKING:
    from eightk.store.base import Store

TABLES = {"filings", "companies", "company_names", "items", "exhibits", "documents", "facts", "events",
          "anomalies", "passages", "ingest_log", "raw_submissions", "filing_companies"}

#: Exported tables and their columns (name, type: str|int|float|date).
EXPORT_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "filings": [("id", "int"), ("accession_number", "str"), ("form_type", "str"), ("is_amendment", "int"),
                ("amends_id", "int"), ("filed", "date"), ("date_of_report", "date"), ("year", "int"),
                ("cik", "str"), ("company", "str"), ("path", "str"), ("size", "int"), ("sha256", "str"),
                ("item_codes", "str")],
    "items": [("filing_id", "int"), ("accession_number", "str"), ("year", "int"), ("seq", "int"), ("code", "str"),
              ("scheme", "str"), ("equivalent", "str"), ("modern", "str"), ("title", "str"), ("text", "str"),
              ("source", "str")],
    "exhibits": [("filing_id", "int"), ("accession_number", "str"), ("year", "int"), ("seq", "int"),
                 ("number", "str"), ("description", "str"), ("document", "int")],
    "facts": [("filing_id", "int"), ("accession_number", "str"), ("year", "int"), ("seq", "int"), ("kind", "str"),
              ("text", "str"), ("value_num", "float"), ("value_text", "str"), ("unit", "str"), ("per", "str"),
              ("item", "str"), ("document", "int"), ("attributes", "str")],
    "events": [("filing_id", "int"), ("accession_number", "str"), ("year", "int"), ("seq", "int"), ("type", "str"),
               ("item", "str"), ("equivalent_item", "str"), ("confidence", "float"), ("attributes", "str")],
}
#: Event attributes as tables of their own (officer_changes, vote_proposals...): exported when
#: they have rows (see :mod:`eightk.store.attr_tables`).
EXPORT_COLUMNS.update({name: t.export_columns() for name, t in ATTR_TABLES.items()})


# ----------------------------------------------------------------------------- one filing


def count(db: Store, table: str = "filings") -> int:
    if table not in TABLES:
        raise StoreError(f"unknown table {table!r}")
    return _count(db, f"SELECT count(*) FROM {table}")


def _count(db: Store, sql: str) -> int:
    r = db.one(sql)
    return int(r[0]) if r else 0


def resolve(db: Store, ident: str | int, *, paths: bool = True) -> int | None:
    """A filing id from an accession number (with or without dashes; its current version), a
    content hash, an id (any version) or, when ``paths``, the path a file was ingested under.
    With ``paths=False`` (what a server asks) nothing else is looked up and the file system is
    never consulted: any other identifier is a StoreError."""
    if isinstance(ident, int):
        return ident
    s = ident.strip()
    current = " ORDER BY CASE WHEN superseded_by IS NULL THEN 0 ELSE 1 END, id DESC LIMIT 1"
    if re.fullmatch(r"\d{10}-\d{2}-\d{6}", s):
        r = db.one("SELECT id FROM filings WHERE accession_number = ?" + current, (s,))
    elif re.fullmatch(r"\d{18}", s):
        r = db.one("SELECT id FROM filings WHERE accession_number = ?" + current, (f"{s[:10]}-{s[10:12]}-{s[12:]}",))
    elif re.fullmatch(r"[0-9a-fA-F]{64}", s):
        r = db.one("SELECT id FROM filings WHERE sha256 = ?", (s.lower(),))
    elif ascii_digits(s) and len(s) < 18:
        r = db.one("SELECT id FROM filings WHERE id = ?", (int(s),))
    elif not paths:
        raise StoreError(f"{ident!r} is not an accession number (0000950123-04-012345), a filing id nor a sha256")
    else:
        fid = _by_path(db, s)
        if fid is None:
            raise StoreError(f"{ident!r} is not an accession number (0000950123-04-012345), a filing id, nor the path "
                             "of a file that was ingested; `eightk search` lists them")
        return fid
    return int(r[0]) if r else None


def _by_path(db: Store, s: str) -> int | None:
    """The filing stored from the file at path ``s`` (as given to ingest, relative or absolute)."""
    import os

    if not s or "\x00" in s:
        return None
    names = [s, os.path.normpath(s)]
    if os.path.exists(s):
        names += [os.path.abspath(s), os.path.relpath(s)]
    names = list(dict.fromkeys(names))
    ph = ", ".join("?" for _ in names)
    r = db.one(f"SELECT id FROM filings WHERE path IN ({ph}) ORDER BY CASE WHEN superseded_by IS NULL THEN 0 ELSE 1"
               " END, id DESC LIMIT 1", names)
    if r is None:  # ingested under this path as a duplicate of a file stored under another name
        r = db.one(f"SELECT filing_id FROM ingest_log WHERE path IN ({ph}) AND filing_id IS NOT NULL"
                   " ORDER BY id DESC LIMIT 1", names)
    return int(r[0]) if r else None


def get(db: Store, ident: str | int) -> Filing | None:
    fid = resolve(db, ident)
    r = db.one("SELECT filing_z FROM filings WHERE id = ?", (fid,)) if fid is not None else None
    if r is None:
        return None
    return Filing.model_validate_json(db._zd.decompress(bytes(r[0])))


def raw(db: Store, ident: str | int) -> bytes | None:
    fid = resolve(db, ident)
    r = db.one("SELECT codec, data FROM raw_submissions WHERE filing_id = ?", (fid,)) if fid is not None else None
    if r is None or r[0] != "zstd" or r[1] is None:
        return None
    return db._zd.decompress(bytes(r[1]))


_ROW_KEYS = ["id", "accession_number", "form_type", "is_amendment", "amends_id", "filed", "date_of_report",
             "cik", "company", "path", "size", "superseded_by", "accession_source"]


def filing_row(db: Store, ident: str | int) -> dict[str, Any] | None:
    fid = resolve(db, ident)
    r = db.one(f"SELECT {', '.join(_ROW_KEYS)} FROM filings WHERE id = ?", (fid,)) if fid is not None else None
    if r is None:
        return None
    return {k: (date_str(v) if k in ("filed", "date_of_report") else v) for k, v in zip(_ROW_KEYS, r, strict=True)}


# ----------------------------------------------------------------------------- companies and timelines


def companies_matching(db: Store, who: str) -> list[tuple[str | None, str | None]]:
    """(cik, name) of companies whose CIK is ``who`` or whose name (any name they had) contains
    it; companies known only by name (documents without an EDGAR header) have cik None."""
    s = who.strip()
    if not s:
        raise StoreError("give a CIK or a company name")
    if ascii_digits(s):
        return [(a, b) for a, b in db.rows("SELECT cik, name FROM companies WHERE cik = ?", (normalise_cik(s),))]
    pattern = "%" + like_escape(s.lower()) + "%"
    out: list[tuple[str | None, str | None]] = [(a, b) for a, b in db.rows(
        "SELECT DISTINCT c.cik, c.name FROM companies c JOIN company_names n ON n.cik = c.cik"
        " WHERE lower(n.name) LIKE ? ESCAPE '\\' ORDER BY c.name",
        (pattern,),
    )]
    named = db.rows(
        "SELECT DISTINCT fc.name FROM filing_companies fc WHERE fc.cik IS NULL AND lower(fc.name) LIKE ? ESCAPE '\\'"
        " AND NOT EXISTS (SELECT 1 FROM company_names n WHERE lower(n.name) = lower(fc.name)) ORDER BY fc.name",
        (pattern,),
    )
    seen: set[str] = set()
    for (name,) in named:
        if name.lower() not in seen:
            seen.add(name.lower())
            out.append((None, name))
    return out


def company(db: Store, who: str) -> tuple[str | None, str | None]:
    """The one company ``who`` (a CIK or part of a name) means: its (cik, name); a StoreError
    naming the candidates when several match and none exactly."""
    matches = companies_matching(db, who)
    if not matches:
        raise StoreError(f"no company matches {who!r} in the database")
    if len(matches) > 1:
        exact = [m for m in matches if (m[1] or "").lower() == who.strip().lower()]
        if len(exact) != 1:
            lines = "\n".join(f"  {c or '(no CIK)':>10}  {n}" for c, n in matches[:20])
            raise StoreError(f"{len(matches)} companies match {who!r}; give a CIK or the full name:\n{lines}")
        matches = exact
    return matches[0]


_TIMELINE = "SELECT f.id, f.accession_number, f.form_type, f.date, f.filed, f.company, f.amends_id FROM filings f"


def timeline(db: Store, who: str) -> Timeline:
    cik, name = company(db, who)
    if cik:
        rows = db.rows(
            _TIMELINE + " WHERE f.superseded_by IS NULL AND (f.cik = ? OR f.id IN (SELECT fc.filing_id FROM"
            " filing_companies fc WHERE fc.cik = ? OR (fc.cik IS NULL AND lower(fc.name) IN"
            " (SELECT lower(n.name) FROM company_names n WHERE n.cik = ?)))) ORDER BY f.date, f.id",
            (cik, cik, cik),
        )
    else:
        rows = db.rows(
            _TIMELINE + " WHERE f.superseded_by IS NULL AND f.id IN (SELECT fc.filing_id FROM filing_companies fc"
            " WHERE fc.cik IS NULL AND lower(fc.name) = ?) ORDER BY f.date, f.id",
            ((name or "").lower(),),
        )
    items, events = _items_and_events(db, [int(r[0]) for r in rows])
    return Timeline(cik=cik, company=name, filings=[
        {
            "id": int(r[0]), "accession_number": r[1], "form_type": r[2], "date": date_str(r[3]),
            "filed": date_str(r[4]), "company": r[5], "amends_id": r[6],
            "items": items[int(r[0])], "events": events[int(r[0])],
        }
        for r in rows
    ])


def _items_and_events(db: Store, ids: list[int]) -> tuple[dict[int, list[dict[str, Any]]], dict[int, list[str]]]:
    items: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
    events: dict[int, list[str]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        part = ids[i : i + 500]
        ph = ", ".join("?" for _ in part)
        for fid, code, modern, title in db.rows(
            f"SELECT filing_id, code, modern, title FROM items WHERE filing_id IN ({ph}) ORDER BY filing_id, seq", part
        ):
            items[int(fid)].append({"code": code, "modern": modern, "title": title})
        for fid, etype in db.rows(
            f"SELECT filing_id, type FROM events WHERE filing_id IN ({ph}) ORDER BY filing_id, seq", part
        ):
            events[int(fid)].append(etype)
    return items, events


# ----------------------------------------------------------------------------- stats and export


def stats(db: Store) -> dict[str, Any]:
    cur = "filing_id IN (SELECT id FROM filings WHERE superseded_by IS NULL)"
    return {
        "filings": _count(db, "SELECT count(*) FROM filings WHERE superseded_by IS NULL"),
        "superseded": _count(db, "SELECT count(*) FROM filings WHERE superseded_by IS NOT NULL"),
        "companies": count(db, "companies"),
        "by_year": [(y, int(n)) for y, n in db.rows(
            "SELECT year, count(*) FROM filings WHERE superseded_by IS NULL GROUP BY year ORDER BY year")],
        "by_item": [(c, m, int(n)) for c, m, n in db.rows(
            f"SELECT code, modern, count(DISTINCT filing_id) FROM items WHERE {cur} GROUP BY code, modern"
            " ORDER BY 3 DESC, 1")],
        "by_event": [(t, int(n)) for t, n in db.rows(
            f"SELECT type, count(*) FROM events WHERE {cur} GROUP BY type ORDER BY 2 DESC, 1")],
        "by_form": [(t, int(n)) for t, n in db.rows(
            "SELECT form_type, count(*) FROM filings WHERE superseded_by IS NULL GROUP BY form_type"
            " ORDER BY 2 DESC, 1")],
        "ingest": [(s, int(n)) for s, n in db.rows(
            "SELECT status, count(*) FROM ingest_log GROUP BY status ORDER BY status")],
        "errors": [(p, e, str(a)) for p, e, a in db.rows(
            "SELECT path, error, at FROM ingest_log l WHERE status = 'error' AND NOT EXISTS"
            " (SELECT 1 FROM filings f WHERE f.sha256 = l.sha256) ORDER BY l.id DESC LIMIT 20")],
        **counts_by_year(db),
    }


def counts_by_year(db: Store) -> dict[str, Any]:
    """Per year of the current filings, one GROUP BY per table: ``per_year`` as (year, filings,
    items, events) rows, oldest first (filings without a date last, year None), and
    ``events_by_year`` as (year, event type, events)."""
    cur = "f.superseded_by IS NULL"
    filings = dict(db.rows(f"SELECT f.year, count(*) FROM filings f WHERE {cur} GROUP BY f.year"))
    items = dict(db.rows(f"SELECT f.year, count(*) FROM items t JOIN filings f ON f.id = t.filing_id WHERE {cur}"
                         " GROUP BY f.year"))
    by_type = [(y, t, int(n)) for y, t, n in db.rows(
        f"SELECT f.year, t.type, count(*) FROM events t JOIN filings f ON f.id = t.filing_id WHERE {cur}"
        " GROUP BY f.year, t.type")]
    by_type.sort(key=lambda r: (r[0] is None, r[0] or 0, r[1]))
    events: dict[int | None, int] = {}
    for y, _, n in by_type:
        events[y] = events.get(y, 0) + n
    years = sorted(set(filings) | set(items) | set(events), key=lambda y: (y is None, y or 0))
    return {
        "per_year": [(y, int(filings.get(y, 0)), int(items.get(y, 0)), events.get(y, 0)) for y in years],
        "events_by_year": by_type,
    }


def export_rows(db: Store, table: str, filters: Filters | None = None, *, chunk: int = 2000) -> Iterator[list[tuple]]:
    """Rows of one exported table (columns: :data:`EXPORT_COLUMNS`), in chunks."""
    if table not in EXPORT_COLUMNS:
        raise StoreError(f"unknown export table {table!r}; one of {', '.join(EXPORT_COLUMNS)}")
    if table in ATTR_TABLES:
        yield from attr_rows(db, ATTR_TABLES[table], filters, chunk=chunk)
        return
    conds, params = (filters or Filters()).where("f", db.backend)
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    cols = [c for c, _ in EXPORT_COLUMNS[table]]
    if table == "filings":
        sel = ", ".join(f"f.{c}" for c in cols)
        sql = f"SELECT {sel} FROM filings f {where} ORDER BY f.id"
    else:
        sel = ", ".join("f.year" if c == "year" else ("f.accession_number" if c == "accession_number" else f"t.{c}")
                        for c in cols)
        sql = f"SELECT {sel} FROM {table} t JOIN filings f ON f.id = t.filing_id {where} ORDER BY t.filing_id, t.seq"
    cur = db._exec(sql, params)
    while True:
        with db._guard():
            part = cur.fetchmany(chunk)
        if not part:
            break
        yield [tuple(date_str(v) if isinstance(v, dt.date) else v for v in row) for row in part]


__all__ = ["EXPORT_COLUMNS", "TABLES", "companies_matching", "company", "count", "counts_by_year", "export_rows",
           "filing_row", "get", "raw", "resolve", "stats", "timeline"]
