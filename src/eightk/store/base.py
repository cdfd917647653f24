"""The storage interface, shared by both backends.

SQL here is written once with ``?`` placeholders; each backend translates placeholders and
supplies what differs (connection, locking, full-text search). User input only ever reaches
the database as bound parameters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import zstandard

from eightk.errors import EightKError
from eightk.itemcodes import equivalent as item_equivalent
from eightk.itemcodes import normalise_code, scheme_of
from eightk.model import Filing
from eightk.store.prepare import Prepared, clean, cover_passage, modern_code
from eightk.store.query import Node, QuerySyntaxError, parse_query


class StoreError(EightKError):
    """The database cannot be opened, migrated or queried; the message says why."""


class RetryBatch(Exception):
    """A transient conflict with another writer (deadlock, busy): the batch is retried."""


# ----------------------------------------------------------------------------- filters


def normalise_cik(value: str) -> str:
    digits = value.strip()
    if not digits.isdigit() or len(digits) > 10:
        raise StoreError(f"CIK must be up to 10 digits, got {value!r}")
    return digits.zfill(10)


def _iso(value: str | dt.date | None, what: str, *, end: bool = False) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    from eightk.dates import bound_date  # the one date reader

    # a month or a year means its first day (--since) or its last day (--until)
    d = bound_date(str(value), end=end)
    if d is not None:
        return d.isoformat()
    raise StoreError(f"{what}: expected a date like 2004-08-23 (or 2004-08, 2004), got {value!r}")


@dataclass
class Filters:
    """Structured filters; all optional, combined with AND."""

    cik: str | None = None
    company: str | None = None
    form: str | None = None
    item: str | None = None
    event: str | None = None
    since: str | dt.date | None = None
    until: str | dt.date | None = None
    fact_kind: str | None = None
    fact_min: float | None = None
    fact_max: float | None = None
    #: also the versions a later copy of the same accession number superseded
    all_versions: bool = False

    def where(self, alias: str = "f") -> tuple[list[str], list[Any]]:
        """SQL conditions on ``filings AS alias`` and their parameters."""
        conds: list[str] = [] if self.all_versions else [f"{alias}.superseded_by IS NULL"]
        params: list[Any] = []
        if self.cik:
            conds.append(
                f"({alias}.cik = ? OR EXISTS (SELECT 1 FROM filing_companies fc"
                f" WHERE fc.filing_id = {alias}.id AND fc.cik = ?))"
            )
            c = normalise_cik(self.cik)
            params += [c, c]
        if self.company:
            # the names a search finds (the 'cover' passage), so a name search and --company agree
            conds.append(
                f"EXISTS (SELECT 1 FROM passages cp WHERE cp.filing_id = {alias}.id AND cp.kind = 'cover'"
                " AND lower(cp.text) LIKE ? ESCAPE '\\')"
            )
            params.append("%" + _like_escape(self.company.lower()) + "%")
        if self.form:
            conds.append(f"upper({alias}.form_type) = ?")
            params.append(self.form.strip().upper())
        if self.item:
            code = normalise_code(self.item)
            if code is None:
                raise StoreError(f"--item: {self.item!r} is not an 8-K item code (e.g. 2.02, or 5 before 2004)")
            codes = {code}
            eq = item_equivalent(code)
            if eq:
                codes.add(eq)
            ph = ", ".join("?" for _ in codes)
            conds.append(f"{alias}.id IN (SELECT i.filing_id FROM items i WHERE i.code IN ({ph}))")
            params += sorted(codes)
        if self.event:
            conds.append(f"{alias}.id IN (SELECT e.filing_id FROM events e WHERE e.type = ?)")
            params.append(self.event.strip())
        since, until = _iso(self.since, "--since"), _iso(self.until, "--until", end=True)
        if since:
            conds.append(f"{alias}.date >= ?")
            params.append(since)
        if until:
            conds.append(f"{alias}.date <= ?")
            params.append(until)
        if self.fact_kind or self.fact_min is not None or self.fact_max is not None:
            sub = ["1 = 1"]
            if self.fact_kind:
                sub.append("x.kind = ?")
                params.append(self.fact_kind.strip())
            if self.fact_min is not None:
                sub.append("x.value_num >= ?")
                params.append(float(self.fact_min))
            if self.fact_max is not None:
                sub.append("x.value_num <= ?")
                params.append(float(self.fact_max))
            # uncorrelated IN: computed once, not once per candidate filing (a correlated EXISTS
            # made SQLite range-scan the (kind, value) index for every row)
            conds.append(f"{alias}.id IN (SELECT x.filing_id FROM facts x WHERE " + " AND ".join(sub) + ")")
        return conds, params


def _like_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# ----------------------------------------------------------------------------- results


@dataclass
class SearchHit:
    id: int
    accession_number: str | None
    path: str | None
    company: str | None
    cik: str | None
    date_of_report: str | None
    items: list[str]
    snippet: str | None
    score: float | None

    def as_dict(self, *, marks: tuple[str, str] = ("**", "**")) -> dict[str, Any]:
        return {
            "accession_number": self.accession_number,
            "path": self.path,
            "company": self.company,
            "cik": self.cik,
            "date_of_report": self.date_of_report,
            "items": self.items,
            "snippet": highlight(self.snippet, marks),
            "score": self.score,
        }


#: Highlight markers inside snippets as the backends return them (control characters that
#: cannot occur in stored text), replaced by the caller's markers on output.
MARK_START, MARK_END = "\x02", "\x03"


def highlight(snippet: str | None, marks: tuple[str, str]) -> str | None:
    if snippet is None:
        return None
    return snippet.replace(MARK_START, marks[0]).replace(MARK_END, marks[1])


@dataclass
class SearchResult:
    query: str
    total: int
    results: list[SearchHit] = field(default_factory=list)


@dataclass
class IngestOutcome:
    name: str
    status: str  # 'stored' | 'duplicate' | 'error'
    filing_id: int | None = None
    error: str | None = None
    #: ids of the filings this one superseded (stored before under the same accession number)
    supersedes: list[int] = field(default_factory=list)
    note: str | None = None


def _date_str(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


# ----------------------------------------------------------------------------- the store


class Store:
    """A database of filings. Open one with :func:`eightk.store.open_store`."""

    backend: str = "?"
    #: transient errors worth retrying a batch for (set by each backend)
    retry_errors: tuple[type[BaseException], ...] = ()
    #: the driver's errors, some of which :meth:`_translate` turns into a StoreError
    db_errors: tuple[type[BaseException], ...] = ()

    def __init__(self, url: str):
        self.url = url
        self._zc = zstandard.ZstdCompressor(level=6)
        self._zd = zstandard.ZstdDecompressor()

    # --- backend hooks ------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def _execmany(self, sql: str, rows: list[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _begin_write(self) -> None:
        self._exec("BEGIN")

    def _lock_migrations(self) -> None:
        pass

    def _translate(self, e: BaseException) -> StoreError | None:
        """A StoreError naming the database and what to do, for a failure of the database itself
        (read-only, disk full, damaged, unreachable); None for an error about one statement or
        row, which its caller handles (a filing the database refuses is logged, not fatal)."""
        return None

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Run database calls with the driver's failures of the database turned into StoreError."""
        try:
            yield
        except self.db_errors as e:
            err = self._translate(e)
            if err is None:
                raise
            raise err from e

    def _search_sql(self, node: Node, conds: list[str], params: list[Any], limit: int, offset: int):
        raise NotImplementedError

    def _snippets(self, node: Node, pids: list[int]) -> dict[int, str]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def analyze(self) -> None:
        """Refresh the planner's statistics (after a bulk ingest)."""
        self._exec("ANALYZE")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- helpers ------------------------------------------------------------------------
    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        cur = self._exec(sql, params)
        with self._guard():
            return list(cur.fetchall())

    def one(self, sql: str, params: Sequence[Any] = ()) -> tuple | None:
        cur = self._exec(sql, params)
        with self._guard():
            return cur.fetchone()

    # --- migrations ---------------------------------------------------------------------
    def migrations(self) -> list[tuple[int, str, str]]:
        folder = resources.files("eightk.store") / "migrations" / self.backend
        out = []
        for entry in folder.iterdir():
            m = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
            if m:
                out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
        return sorted(out)

    def _run_script(self, script: str) -> None:
        for stmt in _split_sql(script):
            self._exec_raw(stmt)

    def _exec_raw(self, sql: str) -> None:
        """A statement of a migration, as written (no placeholders)."""
        self._exec(sql)

    def pending_migrations(self) -> list[int]:
        """Versions not yet applied, read without taking a write lock (a read-only role can do it)."""
        wanted = [m[0] for m in self.migrations()]
        if not self._has_table("schema_migrations"):
            return wanted
        done = {int(r[0]) for r in self.rows("SELECT version FROM schema_migrations")}
        return [v for v in wanted if v not in done]

    def _has_table(self, name: str) -> bool:
        raise NotImplementedError

    def migrate(self, *, upto: int | None = None) -> int:
        """Apply the migrations not yet applied (up to version ``upto``); returns the schema version.

        Nothing is written when the schema is current, so a read-only database or role can open it."""
        if not [v for v in self.pending_migrations() if upto is None or v <= upto]:
            return self.schema_version()
        self._begin_write()
        try:
            self._lock_migrations()
            self._exec(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
                " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            done = {r[0] for r in self.rows("SELECT version FROM schema_migrations")}
            for version, name, script in self.migrations():
                if version in done or (upto is not None and version > upto):
                    continue
                self._run_script(script)
                backfill = getattr(self, f"_backfill_{version:04d}", None)
                if backfill is not None:
                    backfill()
                self._exec(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (version, name, dt.datetime.now(dt.UTC).isoformat()),
                )
            self._exec("COMMIT")
        except BaseException:
            self._safe_rollback()
            raise
        return self.schema_version()

    def schema_version(self) -> int:
        if not self._has_table("schema_migrations"):
            return 0
        r = self.one("SELECT max(version) FROM schema_migrations")
        return int(r[0] or 0) if r else 0

    # --- ingest -------------------------------------------------------------------------
    def known(self, sha256s: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored, or were logged as errors (for --resume)."""
        out: set[str] = set()
        shas = list(sha256s)
        for i in range(0, len(shas), 500):
            part = shas[i : i + 500]
            ph = ", ".join("?" for _ in part)
            out.update(r[0] for r in self.rows(f"SELECT sha256 FROM filings WHERE sha256 IN ({ph})", part))
            out.update(
                r[0]
                for r in self.rows(
                    f"SELECT sha256 FROM ingest_log WHERE status = 'error' AND sha256 IN ({ph})", part
                )
            )
        return out

    def ingest(self, batch: Sequence[Prepared], *, run_id: str | None = None) -> list[IngestOutcome]:
        """Store a batch in one transaction (all of it, or none of it on a crash).

        Each filing is written under a savepoint: a filing the database refuses is logged as an
        error and the rest of the batch is kept. A conflict with a concurrent writer retries the
        whole batch; filings the other writer stored meanwhile then count as duplicates.
        """
        run_id = run_id or uuid.uuid4().hex
        for attempt in range(12):
            try:
                return self._ingest_once(batch, run_id)
            except RetryBatch:
                time.sleep(random.uniform(0.01, 0.05) * (attempt + 1))
        raise StoreError("gave up after repeated write conflicts with another ingest; try again")

    def _ingest_once(self, batch: Sequence[Prepared], run_id: str) -> list[IngestOutcome]:
        outcomes: list[IngestOutcome] = []
        try:
            self._begin_write()
        except self.retry_errors as e:
            raise RetryBatch() from e
        try:
            for p in batch:
                outcomes.append(self._ingest_one(p, run_id))
            self._exec("COMMIT")
        except self.retry_errors as e:
            self._safe_rollback()
            raise RetryBatch() from e
        except BaseException:
            self._safe_rollback()
            raise
        return outcomes

    def _safe_rollback(self) -> None:
        with contextlib.suppress(Exception):
            self._exec("ROLLBACK")

    def _log(self, run_id: str, p: Prepared, status: str, filing_id: int | None, error: str | None,
             note: str | None = None) -> None:
        f = p.filing
        cols, values = ["run_id", "path", "sha256", "accession", "status", "filing_id", "error"], [
            run_id, clean(p.name), p.sha256, f.accession_number if f else None, status, filing_id, clean(error)]
        if note is not None:
            cols.append("note")
            values.append(note)
        self._exec(f"INSERT INTO ingest_log ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})", values)

    def _ingest_one(self, p: Prepared, run_id: str) -> IngestOutcome:
        if p.filing is None:
            self._log(run_id, p, "error", None, p.error or "not parsed")
            return IngestOutcome(p.name, "error", error=p.error)
        self._exec("SAVEPOINT one_filing")
        try:
            fid = self._write_filing(p)
            old = self._supersede(fid, p) if fid is not None else []
        except (StoreError, *self.retry_errors):
            raise  # the database itself failed (read-only, full, damaged...), or a retryable conflict
        except Exception as e:
            self._exec("ROLLBACK TO SAVEPOINT one_filing")
            self._exec("RELEASE SAVEPOINT one_filing")
            msg = f"database refused the filing ({type(e).__name__}: {e})"
            self._log(run_id, p, "error", None, msg)
            return IngestOutcome(p.name, "error", error=msg)
        self._exec("RELEASE SAVEPOINT one_filing")
        if fid is None:
            existing = self._existing_id(p)
            self._log(run_id, p, "duplicate", existing, None)
            return IngestOutcome(p.name, "duplicate", filing_id=existing)
        if old:
            note = (f"new version of {p.filing.accession_number} (other bytes): supersedes stored filing id "
                    + ", ".join(map(str, old)) + ", which stays findable by id")
            self._log(run_id, p, "new_version", fid, None, note)
            return IngestOutcome(p.name, "stored", filing_id=fid, supersedes=old, note=note)
        self._log(run_id, p, "stored", fid, None)
        return IngestOutcome(p.name, "stored", filing_id=fid)

    def _supersede(self, fid: int, p: Prepared) -> list[int]:
        """Mark the current filings with this filing's accession number as superseded by it: the
        same accession number with other bytes is a new version (the newest ingested wins)."""
        acc = p.filing.accession_number if p.filing else None
        if not acc:
            return []
        old = [int(r[0]) for r in self.rows(
            "SELECT id FROM filings WHERE accession_number = ? AND id <> ? AND superseded_by IS NULL ORDER BY id",
            (clean(acc), fid))]
        if old:
            self._exec("UPDATE filings SET superseded_by = ? WHERE accession_number = ? AND id <> ?"
                       " AND superseded_by IS NULL", (fid, clean(acc), fid))
        return old

    def _existing_id(self, p: Prepared) -> int | None:
        r = self.one("SELECT id FROM filings WHERE sha256 = ?", (p.sha256,))
        return int(r[0]) if r else None

    def _write_filing(self, p: Prepared) -> int | None:
        """Insert one filing and its rows; None when it is already stored (same content hash)."""
        f = p.filing
        assert f is not None
        companies = _companies_of(f)
        cik, company = (companies[0][0], companies[0][1]) if companies else (None, None)
        date = f.date_of_report or f.filed
        form = (f.form_type or "").upper() or None
        is_amend = 1 if form and form.endswith("/A") else 0
        items = _item_rows(f)
        item_codes = ",".join(dict.fromkeys(r[0] for r in items))
        filing_json = f.model_dump_json()  # kept whole (a compressed blob: NULs are fine)
        r = self.one(
            "INSERT INTO filings (accession_number, sha256, form_type, is_amendment, filed, date_of_report, date,"
            " year, cik, company, path, size, container, n_items, n_passages, item_codes, filing_z)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id",
            (
                clean(f.accession_number), p.sha256, clean(form), is_amend, _date_str(f.filed),
                _date_str(f.date_of_report), _date_str(date), date.year if date else None, cik, clean(company),
                clean(p.name), p.size, f.source.container, len(items), len(p.passages), item_codes,
                self._zc.compress(filing_json.encode("utf-8")),
            ),
        )
        if r is None:
            return None
        fid = int(r[0])
        if p.raw_z is not None:
            self._exec(
                "INSERT INTO raw_submissions (filing_id, codec, size, data) VALUES (?, 'zstd', ?, ?)",
                (fid, p.size, p.raw_z),
            )
        else:
            self._exec("INSERT INTO raw_submissions (filing_id, codec, size, data) VALUES (?, 'ref', ?, NULL)", (fid, p.size))
        self._write_companies(fid, f, companies, date)
        if items:
            self._execmany(
                "INSERT INTO items (filing_id, seq, code, scheme, equivalent, modern, title, text, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(fid, i, *row) for i, row in enumerate(items)],
            )
        if f.exhibits:
            self._execmany(
                "INSERT INTO exhibits (filing_id, seq, number, description, document) VALUES (?, ?, ?, ?, ?)",
                [(fid, i, clean(x.number), clean(x.description), x.document) for i, x in enumerate(f.exhibits)],
            )
        if f.documents:
            self._execmany(
                "INSERT INTO documents (filing_id, sequence, type, filename, description, format, size)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [(fid, d.sequence, clean(d.type), clean(d.filename), clean(d.description), d.format, d.size)
                 for d in f.documents],
            )
        if f.facts:
            self._execmany(
                "INSERT INTO facts (filing_id, seq, kind, text, value_num, value_text, unit, per, item, document,"
                " attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(fid, i, clean(x.kind), clean(x.text), *_value(x.value), clean(x.unit), clean(x.per), clean(x.item),
                  x.document if x.document is not None else x.span.document, _json(x.attributes))
                 for i, x in enumerate(f.facts)],
            )
        if f.events:
            self._execmany(
                "INSERT INTO events (filing_id, seq, type, item, equivalent_item, confidence, attributes)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(fid, i, clean(e.type), clean(e.item), clean(e.equivalent_item), e.confidence, _json(e.attributes))
                 for i, e in enumerate(f.events)],
            )
        if f.anomalies:
            self._execmany(
                "INSERT INTO anomalies (filing_id, seq, code, message, text) VALUES (?, ?, ?, ?, ?)",
                [(fid, i, clean(a.code), clean(a.message), clean(a.text)) for i, a in enumerate(f.anomalies)],
            )
        if p.passages:
            self._execmany(
                "INSERT INTO passages (filing_id, kind, item, modern, exhibit, text) VALUES (?, ?, ?, ?, ?, ?)",
                [(fid, x.kind, x.item, x.modern, clean(x.exhibit), x.text) for x in p.passages],
            )
        self._link_amendment(fid, is_amend, cik, f)
        return fid

    def _write_companies(self, fid: int, f: Filing, companies: list[tuple[str | None, str | None, str]],
                         date: dt.date | None) -> None:
        if companies:
            self._execmany(
                "INSERT INTO filing_companies (filing_id, cik, name, role) VALUES (?, ?, ?, ?)",
                [(fid, c, clean(n), r) for c, n, r in companies],
            )
        d = _date_str(date)
        seen: set[str] = set()
        for cik, name, _role in companies:
            if not cik or cik in seen:
                continue
            seen.add(cik)
            self._exec(
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
                if filer.cik and _cik(filer.cik) == cik:
                    for former in filer.former_names:
                        ch = _date_str(former.changed)
                        names.append((former.name, None, ch, "former_name"))
            for n, first, last, source in names:
                self._exec(
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

    def _link_amendment(self, fid: int, is_amend: int, cik: str | None, f: Filing) -> None:
        """An 8-K/A names no original; it is linked to the same company's 8-K for the same
        date of report (the report it amends), in whichever order the two arrive."""
        if not cik or f.date_of_report is None:
            return
        d = f.date_of_report.isoformat()
        if is_amend:
            r = self.one(
                "SELECT id FROM filings WHERE cik = ? AND date_of_report = ? AND is_amendment = 0 AND id <> ?"
                " AND superseded_by IS NULL ORDER BY filed, id LIMIT 1",
                (cik, d, fid),
            )
            if r:
                self._exec("UPDATE filings SET amends_id = ? WHERE id = ?", (int(r[0]), fid))
        else:
            self._exec(
                "UPDATE filings SET amends_id = ? WHERE is_amendment = 1 AND amends_id IS NULL AND cik = ?"
                " AND date_of_report = ?",
                (fid, cik, d),
            )

    # --- backfills (Python steps of migrations, run in the migration's transaction) ------
    def _backfill_0002(self) -> None:
        """Version 2 makes company names searchable: a 'cover' passage for each stored filing,
        built from its stored model exactly as ingest builds it."""
        last = 0
        while True:
            rows = self.rows(
                "SELECT id, filing_z FROM filings WHERE id > ? AND NOT EXISTS (SELECT 1 FROM passages p"
                " WHERE p.filing_id = filings.id AND p.kind = 'cover') ORDER BY id LIMIT 500",
                (last,),
            )
            if not rows:
                return
            new = []
            for fid, blob in rows:
                last = int(fid)
                cover = cover_passage(Filing.model_validate_json(self._zd.decompress(bytes(blob))))
                if cover is not None:
                    new.append((last, cover.kind, cover.text))
            if new:
                self._execmany("INSERT INTO passages (filing_id, kind, text) VALUES (?, ?, ?)", new)
                self._execmany("UPDATE filings SET n_passages = n_passages + 1 WHERE id = ?",
                               [(fid,) for fid, _, _ in new])

    # --- reading ------------------------------------------------------------------------
    def count(self, table: str = "filings") -> int:
        if table not in _TABLES:
            raise StoreError(f"unknown table {table!r}")
        r = self.one(f"SELECT count(*) FROM {table}")
        return int(r[0]) if r else 0

    def resolve(self, ident: str) -> int | None:
        """A filing id from an accession number (with or without dashes; its current version), a
        content hash or an id (any version)."""
        s = ident.strip()
        current = " ORDER BY CASE WHEN superseded_by IS NULL THEN 0 ELSE 1 END, id DESC LIMIT 1"
        if re.fullmatch(r"\d{10}-\d{2}-\d{6}", s):
            r = self.one("SELECT id FROM filings WHERE accession_number = ?" + current, (s,))
        elif re.fullmatch(r"\d{18}", s):
            r = self.one("SELECT id FROM filings WHERE accession_number = ?" + current,
                         (f"{s[:10]}-{s[10:12]}-{s[12:]}",))
        elif re.fullmatch(r"[0-9a-fA-F]{64}", s):
            r = self.one("SELECT id FROM filings WHERE sha256 = ?", (s.lower(),))
        elif s.isdigit() and len(s) < 18:
            r = self.one("SELECT id FROM filings WHERE id = ?", (int(s),))
        else:
            raise StoreError(f"{ident!r} is neither an accession number (0000950123-04-012345) nor a filing id")
        return int(r[0]) if r else None

    def get(self, ident: str | int) -> Filing | None:
        fid = ident if isinstance(ident, int) else self.resolve(ident)
        if fid is None:
            return None
        r = self.one("SELECT filing_z FROM filings WHERE id = ?", (fid,))
        if r is None:
            return None
        return Filing.model_validate_json(self._zd.decompress(bytes(r[0])))

    def raw(self, ident: str | int) -> bytes | None:
        """The original submission's bytes (None when only a reference was kept)."""
        fid = ident if isinstance(ident, int) else self.resolve(ident)
        if fid is None:
            return None
        r = self.one("SELECT codec, data FROM raw_submissions WHERE filing_id = ?", (fid,))
        if r is None or r[0] != "zstd" or r[1] is None:
            return None
        return self._zd.decompress(bytes(r[1]))

    def filing_row(self, fid: int) -> dict[str, Any] | None:
        r = self.one(
            "SELECT id, accession_number, form_type, is_amendment, amends_id, filed, date_of_report, cik, company,"
            " path, size, superseded_by FROM filings WHERE id = ?",
            (fid,),
        )
        if r is None:
            return None
        keys = ["id", "accession_number", "form_type", "is_amendment", "amends_id", "filed", "date_of_report",
                "cik", "company", "path", "size", "superseded_by"]
        return {k: (_date_str(v) if k in ("filed", "date_of_report") else v) for k, v in zip(keys, r, strict=True)}

    # --- search -------------------------------------------------------------------------
    def search(self, query: str, filters: Filters | None = None, *, limit: int = 20, offset: int = 0) -> SearchResult:
        """Ranked filings (one per filing, with its best passage) matching ``query`` and ``filters``.

        An empty query lists the filings matching the filters, newest first.
        """
        if limit < 1 or limit > 10_000:
            raise StoreError("--limit must be between 1 and 10000")
        node = parse_query(query or "")
        if node is None and (query or "").strip():
            raise QuerySyntaxError(f"the query {query!r} has no word to search for (use \"\" to list by filters only)")
        conds, params = (filters or Filters()).where("f")
        if node is None:
            return self._list(query or "", conds, params, limit, offset)
        sql, sparams = self._search_sql(node, conds, params, limit, offset)
        rows = self.rows(sql, sparams)
        total = int(rows[0][9]) if rows else 0
        if not rows and offset:
            total = self.search(query, filters, limit=1).total
        snippets = self._snippets(node, [int(r[7]) for r in rows]) if rows else {}
        hits = [
            SearchHit(
                id=int(r[0]), accession_number=r[1], path=r[2], company=r[3], cik=r[4],
                date_of_report=_date_str(r[5]), items=[c for c in (r[6] or "").split(",") if c],
                snippet=snippets.get(int(r[7])), score=float(r[8]),
            )
            for r in rows
        ]
        return SearchResult(query=query, total=total, results=hits)

    def _list(self, query: str, conds: list[str], params: list[Any], limit: int, offset: int) -> SearchResult:
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        rows = self.rows(
            "SELECT f.id, f.accession_number, f.path, f.company, f.cik, f.date_of_report, f.item_codes,"
            f" count(*) OVER () FROM filings f {where} ORDER BY f.date DESC, f.id DESC LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
        hits = [
            SearchHit(id=int(r[0]), accession_number=r[1], path=r[2], company=r[3], cik=r[4],
                      date_of_report=_date_str(r[5]), items=[c for c in (r[6] or "").split(",") if c],
                      snippet=None, score=None)
            for r in rows
        ]
        total = int(rows[0][7]) if rows else 0
        return SearchResult(query=query, total=total, results=hits)

    # --- timeline and stats -------------------------------------------------------------
    def companies_matching(self, who: str) -> list[tuple[str | None, str | None]]:
        """(cik, name) of companies whose CIK is ``who`` or whose name (any name they had) contains
        it; companies known only by name (documents without an EDGAR header) have cik None."""
        s = who.strip()
        if not s:
            raise StoreError("give a CIK or a company name")
        if s.isdigit():
            r = self.rows("SELECT cik, name FROM companies WHERE cik = ?", (normalise_cik(s),))
            return [(a, b) for a, b in r]
        pattern = "%" + _like_escape(s.lower()) + "%"
        r = self.rows(
            "SELECT DISTINCT c.cik, c.name FROM companies c JOIN company_names n ON n.cik = c.cik"
            " WHERE lower(n.name) LIKE ? ESCAPE '\\' ORDER BY c.name",
            (pattern,),
        )
        out: list[tuple[str | None, str | None]] = [(a, b) for a, b in r]
        named = self.rows(
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

    def timeline(self, cik: str | None, name: str | None = None) -> list[dict[str, Any]]:
        """One entry per filing of the company, oldest first, items aligned on modern codes.

        With a CIK, documents that carry no CIK but one of the company's names are included;
        without one, the company is its name."""
        if cik:
            cik = normalise_cik(cik)
            rows = self.rows(
                "SELECT f.id, f.accession_number, f.form_type, f.date, f.filed, f.company, f.amends_id FROM filings f"
                " WHERE f.superseded_by IS NULL AND (f.cik = ? OR f.id IN (SELECT fc.filing_id FROM filing_companies fc"
                " WHERE fc.cik = ? OR (fc.cik IS NULL AND lower(fc.name) IN"
                " (SELECT lower(n.name) FROM company_names n WHERE n.cik = ?)))) ORDER BY f.date, f.id",
                (cik, cik, cik),
            )
        elif name:
            rows = self.rows(
                "SELECT f.id, f.accession_number, f.form_type, f.date, f.filed, f.company, f.amends_id FROM filings f"
                " WHERE f.superseded_by IS NULL AND f.id IN (SELECT fc.filing_id FROM filing_companies fc"
                " WHERE fc.cik IS NULL AND lower(fc.name) = ?) ORDER BY f.date, f.id",
                (name.lower(),),
            )
        else:
            raise StoreError("give a CIK or a company name")
        if not rows:
            return []
        ids = [int(r[0]) for r in rows]
        items: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        events: dict[int, list[str]] = {i: [] for i in ids}
        for i in range(0, len(ids), 500):
            part = ids[i : i + 500]
            ph = ", ".join("?" for _ in part)
            for fid, code, modern, title in self.rows(
                f"SELECT filing_id, code, modern, title FROM items WHERE filing_id IN ({ph}) ORDER BY filing_id, seq",
                part,
            ):
                items[int(fid)].append({"code": code, "modern": modern, "title": title})
            for fid, etype in self.rows(
                f"SELECT filing_id, type FROM events WHERE filing_id IN ({ph}) ORDER BY filing_id, seq", part
            ):
                events[int(fid)].append(etype)
        return [
            {
                "id": int(r[0]), "accession_number": r[1], "form_type": r[2], "date": _date_str(r[3]),
                "filed": _date_str(r[4]), "company": r[5], "amends_id": r[6],
                "items": items[int(r[0])], "events": events[int(r[0])],
            }
            for r in rows
        ]

    def stats(self) -> dict[str, Any]:
        """Counts over the current filings (superseded versions are counted apart)."""
        cur = "filing_id IN (SELECT id FROM filings WHERE superseded_by IS NULL)"
        return {
            "filings": int(self.one("SELECT count(*) FROM filings WHERE superseded_by IS NULL")[0]),
            "superseded": int(self.one("SELECT count(*) FROM filings WHERE superseded_by IS NOT NULL")[0]),
            "companies": self.count("companies"),
            "by_year": [(y, int(n)) for y, n in self.rows(
                "SELECT year, count(*) FROM filings WHERE superseded_by IS NULL GROUP BY year ORDER BY year")],
            "by_item": [(c, m, int(n)) for c, m, n in self.rows(
                f"SELECT code, modern, count(DISTINCT filing_id) FROM items WHERE {cur} GROUP BY code, modern"
                " ORDER BY 3 DESC, 1")],
            "by_event": [(t, int(n)) for t, n in self.rows(
                f"SELECT type, count(*) FROM events WHERE {cur} GROUP BY type ORDER BY 2 DESC, 1")],
            "by_form": [(t, int(n)) for t, n in self.rows(
                "SELECT form_type, count(*) FROM filings WHERE superseded_by IS NULL GROUP BY form_type"
                " ORDER BY 2 DESC, 1")],
            "ingest": [(s, int(n)) for s, n in self.rows(
                "SELECT status, count(*) FROM ingest_log GROUP BY status ORDER BY status")],
            "errors": [(p, e, str(a)) for p, e, a in self.rows(
                "SELECT path, error, at FROM ingest_log l WHERE status = 'error' AND NOT EXISTS"
                " (SELECT 1 FROM filings f WHERE f.sha256 = l.sha256) ORDER BY l.id DESC LIMIT 20")],
        }

    # --- export -------------------------------------------------------------------------
    def export_rows(self, table: str, filters: Filters | None = None, *, chunk: int = 2000) -> Iterator[list[tuple]]:
        """Rows of one exported table (columns: :data:`EXPORT_COLUMNS`), in chunks."""
        if table not in EXPORT_COLUMNS:
            raise StoreError(f"unknown export table {table!r}; one of {', '.join(EXPORT_COLUMNS)}")
        conds, params = (filters or Filters()).where("f")
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        cols = [c for c, _ in EXPORT_COLUMNS[table]]
        if table == "filings":
            sel = ", ".join(f"f.{c}" for c in cols)
            sql = f"SELECT {sel} FROM filings f {where} ORDER BY f.id"
        else:
            sel = ", ".join("f.year" if c == "year" else ("f.accession_number" if c == "accession_number" else f"t.{c}")
                            for c in cols)
            sql = f"SELECT {sel} FROM {table} t JOIN filings f ON f.id = t.filing_id {where} ORDER BY t.filing_id, t.seq"
        cur = self._exec(sql, params)
        while True:
            with self._guard():
                part = cur.fetchmany(chunk)
            if not part:
                break
            yield [tuple(_date_str(v) if isinstance(v, dt.date) else v for v in row) for row in part]


_TABLES = {"filings", "companies", "company_names", "items", "exhibits", "documents", "facts", "events",
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


# ----------------------------------------------------------------------------- row builders


def _cik(value: str | None) -> str | None:
    if not value:
        return None
    digits = re.sub(r"\D", "", value)
    if not digits or len(digits) > 10:
        return None
    return digits.zfill(10)


def _companies_of(f: Filing) -> list[tuple[str | None, str | None, str]]:
    """(cik, name, role) of the filing's companies: header filers first (FILER, then SUBJECT
    COMPANY, FILED BY), then registrants from the cover page not already listed."""
    out: list[tuple[str | None, str | None, str]] = []
    rank = {"FILER": 0, "SUBJECT COMPANY": 1, "FILED BY": 2}
    filers = sorted(f.header.filers if f.header else [], key=lambda x: rank.get((x.role or "").upper(), 3))
    for x in filers:
        out.append((_cik(x.cik), clean(x.name), (x.role or "filer").lower()))
    known = {c for c, _, _ in out if c}
    names = {(n or "").lower() for _, n, _ in out}
    for r in f.registrants:
        c = _cik(r.cik)
        if (c and c in known) or (not c and (r.name or "").lower() in names):
            continue
        if c or r.name:
            out.append((c, clean(r.name), "registrant"))
    return out


def _item_rows(f: Filing) -> list[tuple]:
    """Items parsed from the body, then codes the header lists that the body did not give."""
    rows: list[tuple] = []
    seen: set[str] = set()
    for it in f.items:
        code = it.code
        seen.add(code)
        eq = it.equivalent or item_equivalent(code)
        rows.append((code, it.scheme, eq, modern_code(code), clean(it.title), clean(it.text) or "", "body"))
    for raw in f.header.items if f.header else []:
        code = normalise_code(raw)
        if code is None or code in seen:
            continue
        seen.add(code)
        rows.append((code, scheme_of(code), item_equivalent(code), modern_code(code), None, "", "header"))
    return rows


def _value(v: Any) -> tuple[float | None, str | None]:
    """A fact's value as (number, json): numbers go to value_num so ranges can be queried."""
    if isinstance(v, bool) or v is None:
        return None, (None if v is None else json.dumps(v))
    if isinstance(v, int | float):
        return float(v), None
    if isinstance(v, dict):
        for k in ("amount", "value", "number"):
            if isinstance(v.get(k), int | float) and not isinstance(v.get(k), bool):
                return float(v[k]), _json(v)
        return None, _json(v)
    if isinstance(v, str):
        try:
            return float(v.replace(",", "")), None
        except ValueError:
            return None, json.dumps(clean(v))
    return None, _json(v)


def _json(v: Any) -> str | None:
    if v is None or v == {}:
        return None
    return clean(json.dumps(v, default=str, ensure_ascii=False))


def _split_sql(script: str) -> list[str]:
    """Statements of a migration file: split on ';' at line ends, keeping trigger bodies whole."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for line in script.splitlines():
        stripped = line.strip()
        if stripped.startswith("--") and not buf:
            continue
        buf.append(line)
        upper = stripped.upper()
        if upper.startswith("CREATE TRIGGER"):
            depth += 1
        if depth and upper.startswith("END;"):
            depth -= 1
        if stripped.endswith(";") and depth == 0:
            stmt = "\n".join(buf).strip()
            if stmt.rstrip(";").strip():
                out.append(stmt)
            buf = []
    rest = "\n".join(buf).strip()
    if rest:
        out.append(rest)
    return out


__all__ = ["EXPORT_COLUMNS", "Filters", "IngestOutcome", "QuerySyntaxError", "SearchHit", "SearchResult", "Store",
           "StoreError"]
