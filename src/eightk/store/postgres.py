"""PostgreSQL backend (psycopg 3): tsvector passages with a GIN index, ts_rank_cd, ts_headline.

The URL may carry ``?schema=NAME``: the store then lives in that schema (created if needed),
which is how tests and benchmarks keep their runs apart on one server.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from eightk.store.base import Store
from eightk.store.errors import StoreError
from eightk.store.query import Node, terms_of, to_tsquery_sql
from eightk.store.results import MARK_END, MARK_START
from eightk.store.search import HIT_COLUMNS

_SCHEMA_RE = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def split_schema(url: str) -> tuple[str, str | None]:
    """The libpq URL without our ``schema`` parameter, and that schema.

    The other parameters are passed on exactly as written (``options=-c%20statement_timeout%3D5000``
    must stay percent-encoded: re-encoding it turns the space into a '+' that libpq keeps)."""
    parts = urlsplit(url)
    schema = None
    kept = []
    for raw in parts.query.split("&") if parts.query else []:
        key, _, value = raw.partition("=")
        if unquote(key) == "schema":
            schema = unquote(value)
        elif raw:
            kept.append(raw)
    if schema is not None and not _SCHEMA_RE.fullmatch(schema):
        raise StoreError(f"schema name {schema!r} must be lower-case letters, digits and '_'")
    return urlunsplit(parts._replace(query="&".join(kept))), schema


#: The one line a user gets when asking for PostgreSQL without the driver.
MISSING_PSYCOPG = ("PostgreSQL needs the psycopg driver, which is not installed: "
                   "pip install 'eightk[postgres]' (or: pip install 'psycopg[binary]>=3.1')")


class PostgresStore(Store):
    backend = "postgres"

    def __init__(self, url: str, *, readonly: bool = False):
        super().__init__(url)
        try:
            import psycopg
            from psycopg import errors
        except ImportError as e:
            raise StoreError(MISSING_PSYCOPG) from e

        self._psycopg = psycopg
        self.retry_errors = (errors.DeadlockDetected, errors.SerializationFailure, errors.LockNotAvailable)
        dsn, self.schema = split_schema(url)
        self.db_errors = (psycopg.Error,)
        self.where = _redact(dsn) + (f" (schema {self.schema})" if self.schema else "")
        try:
            self.conn = psycopg.connect(dsn, autocommit=True, connect_timeout=10)
        except psycopg.Error as e:
            raise StoreError(f"cannot connect to PostgreSQL ({_redact(dsn)}): {str(e).strip()}") from e
        if readonly:
            self.conn.execute("SET default_transaction_read_only = on")
        if self.schema and readonly:
            if self.conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [self.schema]).fetchone() is None:
                self.conn.close()
                raise StoreError(f"no eightk database at {self.where}: the schema does not exist — run `eightk "
                                 "ingest` first")
            self.conn.execute(f"SET search_path TO {self.schema}")
        elif self.schema:
            # the name is checked against _SCHEMA_RE above; identifiers cannot be bound parameters.
            # CREATE SCHEMA only when it is missing: a role that may only read cannot run it.
            try:
                if self.conn.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [self.schema]).fetchone() is None:
                    self.conn.execute(f"CREATE SCHEMA IF NOT EXISTS {self.schema}")
            except (errors.UniqueViolation, errors.DuplicateSchema):
                pass  # another process created it at the same moment (IF NOT EXISTS is not atomic)
            except psycopg.Error as e:
                self.conn.close()
                raise StoreError(f"cannot create schema {self.schema!r}: {str(e).strip()}") from e
            self.conn.execute(f"SET search_path TO {self.schema}")

    def _translate(self, e: BaseException) -> StoreError | None:
        from psycopg import errors

        db, msg = self.where, str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        if isinstance(e, self.retry_errors):
            return None
        if isinstance(e, errors.InsufficientPrivilege | errors.ReadOnlySqlTransaction):
            return StoreError(f"cannot write to the database {db}: {msg}. This role may only read; search it, "
                              "or ingest with a role that may write.")
        if isinstance(e, errors.DiskFull | errors.InsufficientResources):
            return StoreError(f"cannot write to the database {db}: the server's disk is full ({msg}). The batch in "
                              "flight was rolled back; free some space, then run the ingest again with --resume.")
        if isinstance(e, errors.QueryCanceled):
            return StoreError(f"the database {db} cancelled the statement ({msg}): raise statement_timeout "
                              "or narrow the query.")
        if isinstance(e, errors.UndefinedTable | errors.UndefinedFunction | errors.UndefinedObject):
            return StoreError(f"the database {db} is not an eightk store, or is an older one ({msg}): open it "
                              "once with a role that may create tables, or ingest into a new schema.")
        if isinstance(e, self._psycopg.OperationalError | self._psycopg.InterfaceError):
            return StoreError(f"lost the connection to the database {db} ({msg}): check the server, then try again.")
        return None

    def _sql(self, sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _exec(self, sql: str, params: Sequence[Any] = ()) -> Any:
        with self._guard():
            return self.conn.execute(self._sql(sql), list(params) if params else None)

    def _run_script(self, script: str) -> None:
        # several statements in one execute: psycopg sends a string without parameters as it
        # is, so '%' and '?' stay as written
        with self._guard():
            self.conn.execute(script)

    def _has_table(self, name: str) -> bool:
        r = self.one("SELECT to_regclass(?) IS NOT NULL", (name,))
        return bool(r and r[0])

    def _execmany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self._guard(), self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    def _insert_rows(self, table: str, cols: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        # COPY in text format: each value is sent as text and cast by the server to its column's
        # type (int, float, str, bytes and None are all the writer hands it); the generated
        # passages.tsv and the identity ids are filled as an INSERT fills them, in row order.
        if not rows:
            return
        with self._guard(), self.conn.cursor() as cur, \
                cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def _lock_migrations(self) -> None:
        # two processes opening a fresh database at once: one migrates, the other waits
        self._exec("SELECT pg_advisory_xact_lock(8080808)")

    def _search_sql(self, node: Node, conds: list[str], params: list[Any], limit: int, offset: int):
        tsq, tparams = to_tsquery_sql(node)
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        sql = (
            # the tsquery is written out twice (not a CTE): a join on a CTE hides it from the
            # GIN index
            # MATERIALIZED: otherwise the planner walks passages in filing order (for DISTINCT ON)
            # and filters every row instead of asking the GIN index
            f"WITH hits AS MATERIALIZED (SELECT p.filing_id AS fid, p.id AS pid, ts_rank_cd(p.tsv, {tsq}) AS r"
            f" FROM passages p WHERE p.tsv @@ {tsq}),"
            " best AS (SELECT DISTINCT ON (fid) fid, pid, r FROM hits ORDER BY fid, r DESC, pid)"
            f" SELECT {HIT_COLUMNS},"
            f" best.pid, best.r, count(*) OVER () FROM best JOIN filings f ON f.id = best.fid {where}"
            " ORDER BY best.r DESC, f.id LIMIT ? OFFSET ?"
        )
        return sql, [*tparams, *tparams, *params, limit, offset]

    def _snippets(self, node: Node, pids: list[int]) -> dict[int, str]:
        # ts_headline re-parses the whole text it is given (tens of ms for 20 passages of 8 kB),
        # so it gets a window around the first likely match instead: the window is found here
        # with a plain regex on the query's words, the highlighting is still PostgreSQL's.
        tsq, tparams = to_tsquery_sql(node)
        ph = ", ".join("?" for _ in pids)
        texts = {int(i): t for i, t in self.rows(f"SELECT id, text FROM passages WHERE id IN ({ph})", pids)}
        pattern = _window_pattern(node)
        ids, windows = [], []
        for pid, text in texts.items():
            m = pattern.search(text) if pattern is not None else None
            if m is not None:
                start = max(0, m.start() - SNIPPET_WINDOW // 3)
                text = text[start : start + SNIPPET_WINDOW]
            ids.append(pid)
            windows.append(text)
        opts = (f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2,"
                ' FragmentDelimiter=" … "')
        rows = self.rows(
            f"SELECT u.id, ts_headline('eightk', u.t, {tsq}, ?) FROM unnest(?::bigint[], ?::text[]) AS u(id, t)",
            [*tparams, opts, ids, windows],
        )
        return {int(r[0]): r[1] for r in rows}

    def analyze(self) -> None:
        # merge the GIN index's pending list (filled by bulk inserts, scanned by every search)
        self._exec("SELECT gin_clean_pending_list('passages_tsv'::regclass)")
        self._exec("ANALYZE")

    def search(self, *args, **kwargs):
        # The planner prices '@@' on a stored tsvector as cheap and picks a sequential scan on
        # tables of a few thousand passages, but each row then detoasts its tsvector (65 ms
        # for 10k passages against 1-5 ms through the GIN index). Searches therefore run with
        # sequential scans disabled, for this transaction only.
        self._exec("BEGIN")
        try:
            self._exec("SET LOCAL enable_seqscan = off")
            return super().search(*args, **kwargs)
        finally:
            self._exec("COMMIT")

    def size_bytes(self) -> int:
        schema = self.schema or "public"
        r = self.one(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relkind IN ('r', 'm')",
            (schema,),
        )
        return int(r[0]) if r else 0

    def drop_schema(self) -> None:
        """Drop this store's schema and everything in it (tests and benchmarks)."""
        if not self.schema:
            raise StoreError("refusing to drop: this store has no schema of its own")
        self.conn.execute(f"DROP SCHEMA IF EXISTS {self.schema} CASCADE")

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


#: Characters of a passage given to ts_headline around the first likely match.
SNIPPET_WINDOW = 900


def _window_pattern(node: Node) -> re.Pattern[str] | None:
    """A regex finding the query's positive words in raw text. Stemming is approximated by
    matching a word's first letters (all but the last three, at least four): it only
    chooses where the snippet window starts."""
    alts = []
    for term in terms_of(node):
        w = term.words[0]
        stem = w if term.prefix or len(w) <= 4 else w[: max(4, len(w) - 3)]
        alts.append(re.escape(stem))
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + ")", re.IGNORECASE)


def _redact(dsn: str) -> str:
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", dsn)
