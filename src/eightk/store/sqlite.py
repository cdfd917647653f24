"""SQLite backend: one file, WAL journal, FTS5 with bm25 ranking and highlighted snippets."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Sequence
from typing import Any

from eightk.store.base import Store
from eightk.store.errors import StoreError
from eightk.store.query import Node, to_fts5
from eightk.store.results import MARK_END, MARK_START
from eightk.store.search import HIT_COLUMNS
from eightk.store.searchcache import SearchCache, cache_size, shared

#: How long a writer waits for another process's transaction before giving up (ms).
BUSY_TIMEOUT_MS = 60_000


def _lower(s):
    return s.lower() if isinstance(s, str) else s


#: SQLITE_BUSY: another connection holds the lock
_BUSY = 5
#: SQLite result codes (the primary code, the low byte) that mean the database itself failed.
_FAILURES = {3: "perm", 5: "busy", 6: "busy", 7: "nomem", 8: "readonly", 10: "io", 11: "corrupt", 13: "full",
             14: "cantopen", 23: "perm", 26: "corrupt"}
_MESSAGES = {
    "readonly": "cannot write to the database {db}: it is read-only ({e}). Nothing was stored; ingest into a "
                "writable file (or a writable copy of this one).",
    "full": "cannot write to the database {db}: the disk is full or the database reached its size limit ({e}). "
            "The batch in flight was rolled back; free some space, then run the ingest again with --resume.",
    "corrupt": "the database {db} is damaged or is not an eightk database ({e}). Restore it from a backup or "
               "ingest again into a new file; `sqlite3 {db} .recover` may save what is left.",
    "io": "cannot read or write the database {db} ({e}): check the disk and the file's permissions, then try again.",
    "cantopen": "cannot open the database {db} ({e}): check that the file and its folder exist and are readable.",
    "busy": "the database {db} is locked by another process ({e}): try again when that process has finished.",
    "nomem": "SQLite ran out of memory on the database {db} ({e}).",
    "perm": "access to the database {db} was denied ({e}): check the file's permissions.",
}
def _primary_code(e: BaseException) -> int:
    """The primary SQLite result code of ``e`` (the low byte of its extended code; 0 when it has none)."""
    return (getattr(e, "sqlite_errorcode", None) or 0) & 0xFF


_CORRUPT_WORDS = ("malformed", "not a database", "vtable constructor failed")


def _cache_of(path: str) -> SearchCache:
    """The search cache of the database file at ``path`` (named by device and inode, so a file
    put in another's place is another database); one of its own when it has no file."""
    try:
        st = os.stat(path)
    except OSError:
        return SearchCache(cache_size())
    return shared((st.st_dev, st.st_ino))


def _use_wal(conn: sqlite3.Connection) -> None:
    """Put the database in WAL mode (it stays so: only its first opening changes it). Changing
    the mode takes an exclusive lock without calling the busy handler, so several processes
    opening a new file at once get "database is locked" at once: they retry here, within the
    same BUSY_TIMEOUT_MS a writer waits for a lock."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchall()
            return
        except sqlite3.OperationalError as e:
            if _primary_code(e) != _BUSY or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


class SQLiteStore(Store):
    backend = "sqlite"
    retry_errors = ()
    db_errors = (sqlite3.Error,)

    def __init__(self, url: str, path: str, *, readonly: bool = False):
        super().__init__(url)
        self.path = path
        self.readonly = readonly
        folder = os.path.dirname(os.path.abspath(path))
        if readonly and not os.path.isfile(path):
            raise StoreError(f"no database at {path} (no such file) — run `eightk ingest` first" + (
                "" if os.path.isdir(folder) else f" (the folder {folder} does not exist either)"))
        if not os.path.isdir(folder):
            raise StoreError(f"cannot create the database {path!r}: folder {folder!r} does not exist")
        try:
            if readonly:
                self.conn = self._open_readonly(path)
            else:
                # autocommit mode: transactions are explicit (BEGIN IMMEDIATE ... COMMIT)
                self.conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                                            check_same_thread=False)
                self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                _use_wal(self.conn)
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            # SQLite's lower() folds ASCII only; company-name filters must match "Société" too
            self.conn.create_function("lower", 1, _lower, deterministic=True)
        except sqlite3.Error as e:
            raise self._translate(e) or StoreError(f"cannot open SQLite database {path!r}: {e}") from e
        #: the last searches' pages, shared with this process's other connections to the same
        #: file and dropped on any write (see eightk.store.searchcache)
        self.search_cache = _cache_of(path).view(self._data_version)

    def _data_version(self) -> tuple[int, int] | None:
        """A value that changes whenever the data may have: ``PRAGMA data_version`` moves on a
        commit by any other connection, ``total_changes`` on every row this one writes. None
        (nothing is cached) inside a transaction of this connection, which may roll back."""
        if self.conn.in_transaction:
            return None
        row = self.one("PRAGMA data_version")
        return (int(row[0]) if row else 0), self.conn.total_changes

    @staticmethod
    def _open_readonly(path: str) -> sqlite3.Connection:
        """``path`` opened read-only (SQLite refuses every write); on a read-only folder or mount,
        where SQLite cannot make the WAL index it needs, opened as immutable (nothing can change it)."""
        base = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
        try:
            conn = sqlite3.connect(base, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                                   check_same_thread=False, uri=True)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.Error as e:
            code = _primary_code(e)
            if code not in (8, 14):  # READONLY, CANTOPEN: the folder or mount is read-only
                raise
        conn = sqlite3.connect(base + "&immutable=1", isolation_level=None, check_same_thread=False, uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn

    def _translate(self, e: BaseException) -> StoreError | None:
        code = _primary_code(e)
        kind = _FAILURES.get(code)
        if kind is None and isinstance(e, sqlite3.DatabaseError) and any(w in str(e) for w in _CORRUPT_WORDS):
            kind = "corrupt"
        if kind is None:
            return None
        return StoreError(_MESSAGES[kind].format(db=self.path, e=e))

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._guard():
            try:
                return self.conn.execute(sql, tuple(params))
            except sqlite3.OperationalError as e:
                if "fts5" in str(e).lower() or "syntax error" in str(e).lower() and "MATCH" in sql:
                    raise StoreError(f"search query rejected by SQLite FTS5: {e}") from e
                raise

    def _has_table(self, name: str) -> bool:
        return self.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def _execmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._guard():
            self.conn.executemany(sql, rows)

    def _run_script(self, script: str) -> None:
        # executescript() would COMMIT the open migration transaction first (Python < 3.12 with
        # isolation_level=None), so the statements are found by SQLite's own parser
        # (sqlite3.complete_statement: trigger bodies, strings, comments) and run one by one.
        stmt = ""
        for line in script.splitlines(keepends=True):
            stmt += line
            if sqlite3.complete_statement(stmt):
                self._exec(stmt)
                stmt = ""
        if "\n".join(ln for ln in stmt.splitlines() if not ln.strip().startswith("--")).strip():
            raise StoreError(f"migration script ends in an incomplete statement: {stmt.strip()[:80]!r}")

    def _begin_write(self) -> None:
        # IMMEDIATE takes the write lock now, so two ingest processes queue instead of
        # failing later with "database is locked" on a read-to-write upgrade.
        self._exec("BEGIN IMMEDIATE")

    def _search_sql(self, node: Node, conds: list[str], params: list[Any], limit: int, offset: int):
        match = to_fts5(node)
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        sql = (
            "WITH m AS MATERIALIZED (SELECT rowid AS pid, bm25(passages_fts) AS r FROM passages_fts WHERE passages_fts MATCH ?),"
            " best AS (SELECT p.filing_id AS fid, m.pid AS pid, min(m.r) AS r FROM m JOIN passages p ON p.id = m.pid"
            " GROUP BY p.filing_id)"
            f" SELECT {HIT_COLUMNS},"
            f" best.pid, -best.r, count(*) OVER () FROM best JOIN filings f ON f.id = best.fid {where}"
            " ORDER BY best.r, f.id LIMIT ? OFFSET ?"
        )
        return sql, [match, *params, limit, offset]

    def _snippets(self, node: Node, pids: list[int]) -> dict[int, str]:
        ph = ", ".join("?" for _ in pids)
        rows = self.rows(
            "SELECT rowid, snippet(passages_fts, 0, ?, ?, ' … ', 24) FROM passages_fts"
            f" WHERE passages_fts MATCH ? AND rowid IN ({ph})",
            [MARK_START, MARK_END, to_fts5(node), *pids],
        )
        return {int(r[0]): r[1] for r in rows}

    def analyze(self) -> None:
        # sampled statistics: a full ANALYZE of a large database takes minutes
        self._exec("PRAGMA analysis_limit = 1000")
        self._exec("ANALYZE")

    def size_bytes(self) -> int:
        total = 0
        for suffix in ("", "-wal"):
            with contextlib.suppress(OSError):
                total += os.path.getsize(self.path + suffix)
        return total

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()
