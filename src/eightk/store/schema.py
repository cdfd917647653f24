"""Schema and migrations: the versioned scripts in ``migrations/<backend>/`` and their Python
backfills, applied in one transaction under the backend's migration lock."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from typing import TYPE_CHECKING

from eightk.model import Filing
from eightk.store.prepare import cover_passage

if TYPE_CHECKING:
    from eightk.store.base import Store


def migrations(backend: str) -> list[tuple[int, str, str]]:
    """(version, name, script) of every migration of ``backend``, oldest first."""
    folder = resources.files("eightk.store") / "migrations" / backend
    out = []
    for entry in folder.iterdir():
        m = re.fullmatch(r"(\d{4})_(\w+)\.sql", entry.name)
        if m:
            out.append((int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    return sorted(out)


def schema_version(db: Store) -> int:
    if not db._has_table("schema_migrations"):
        return 0
    r = db.one("SELECT max(version) FROM schema_migrations")
    return int(r[0] or 0) if r else 0


def pending_migrations(db: Store) -> list[int]:
    """Versions not yet applied, read without taking a write lock (a read-only role can do it)."""
    wanted = [m[0] for m in migrations(db.backend)]
    if not db._has_table("schema_migrations"):
        return wanted
    done = {int(r[0]) for r in db.rows("SELECT version FROM schema_migrations")}
    return [v for v in wanted if v not in done]


def migrate(db: Store, *, upto: int | None = None) -> int:
    """Apply the migrations not yet applied (up to version ``upto``); returns the schema version.

    Nothing is written when the schema is current, so a read-only database or role can open it."""
    if not [v for v in pending_migrations(db) if upto is None or v <= upto]:
        return schema_version(db)
    db._begin_write()
    try:
        db._lock_migrations()
        db._exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " name TEXT NOT NULL, applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in db.rows("SELECT version FROM schema_migrations")}
        for version, name, script in migrations(db.backend):
            if version in done or (upto is not None and version > upto):
                continue
            db._run_script(script)
            backfill = BACKFILLS.get(version)
            if backfill is not None:
                backfill(db)
            db._exec(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, dt.datetime.now(dt.UTC).isoformat()),
            )
        db._exec("COMMIT")
    except BaseException:
        db._safe_rollback()
        raise
    return schema_version(db)


def _backfill_0002(db: Store) -> None:
    """Version 2 makes company names searchable: a 'cover' passage for each stored filing,
    built from its stored model exactly as ingest builds it."""
    last = 0
    while True:
        rows = db.rows(
            "SELECT id, filing_z FROM filings WHERE id > ? AND NOT EXISTS (SELECT 1 FROM passages p"
            " WHERE p.filing_id = filings.id AND p.kind = 'cover') ORDER BY id LIMIT 500",
            (last,),
        )
        if not rows:
            return
        new = []
        for fid, blob in rows:
            last = int(fid)
            cover = cover_passage(Filing.model_validate_json(db._zd.decompress(bytes(blob))))
            if cover is not None:
                new.append((last, cover.kind, cover.text))
        if new:
            db._insert_rows("passages", ("filing_id", "kind", "text"), new)
            db._execmany("UPDATE filings SET n_passages = n_passages + 1 WHERE id = ?", [(fid,) for fid, _, _ in new])


def _backfill_0003(db: Store) -> None:
    """Version 3 gives each event its own amount (``events.amount``), read from its attributes."""
    import json

    from eightk.store.rows import event_amount

    updates = []
    for fid, seq, attrs in db.rows("SELECT filing_id, seq, attributes FROM events WHERE attributes IS NOT NULL"):
        try:
            amount = event_amount(json.loads(attrs))
        except (ValueError, TypeError, AttributeError):
            continue
        if amount is not None:
            updates.append((amount, fid, seq))
    for i in range(0, len(updates), 1000):
        db._execmany("UPDATE events SET amount = ? WHERE filing_id = ? AND seq = ?", updates[i:i + 1000])


def _backfill_0004(db: Store) -> None:
    """Version 4 (output schema 2): every stored filing is parsed again from its stored raw
    submission and its model and rows are written anew, as ingest writes them. A filing stored
    without its raw bytes (``--no-raw``) is kept when its stored model is valid under schema 2 (no
    renamed type, no attribute the new models do not know); otherwise, or when stored bytes no
    longer parse, StoreError: the migration's transaction is rolled back, the store is left as it
    was, and the message says to re-ingest."""
    from eightk.store.errors import StoreError
    from eightk.store.read import raw

    db._written_version = None  # the writer reads the schema version anew
    stale: list[int] = []
    last = 0
    while True:
        ids = [int(r[0]) for r in db.rows("SELECT id FROM filings WHERE id > ? ORDER BY id LIMIT 200", (last,))]
        if not ids:
            break
        for fid in ids:
            data = raw(db, fid)
            if data is not None:
                _rederive(db, fid, data)
            elif not _valid_model(db, fid):
                stale.append(fid)
        last = ids[-1]
    if stale:
        raise StoreError(
            f"this database holds {len(stale)} filing(s) stored without their raw bytes (ingested with --no-raw)"
            f" whose events are of eightk's older output schema (filing id {', '.join(map(str, stale[:5]))}"
            f"{', ...' if len(stale) > 5 else ''}); they cannot be re-read: re-ingest the files into a new"
            " database (eightk ingest PATHS --db NEW), or open this one with an older eightk")


def _valid_model(db: Store, fid: int) -> bool:
    from pydantic import ValidationError

    r = db.one("SELECT filing_z FROM filings WHERE id = ?", (fid,))
    try:
        return r is not None and Filing.model_validate_json(db._zd.decompress(bytes(r[0]))) is not None
    except ValidationError:
        return False


def _rederive(db: Store, fid: int, data: bytes) -> None:
    """Parse filing ``fid`` again from its raw bytes; replace its model and child rows."""
    from eightk.store.errors import StoreError
    from eightk.store.prepare import prepare
    from eightk.store.rows import item_rows
    from eightk.store.write import rewrite_children

    r = db.one("SELECT path FROM filings WHERE id = ?", (fid,))
    p = prepare(str(r[0] or "") if r else "", data, keep_raw=False)
    if p.filing is None:
        raise StoreError(f"stored filing {fid} ({r[0] if r else ''}) no longer parses ({p.error}); re-ingest it"
                         " into a new database, or open this one with an older eightk")
    rewrite_children(db, fid, p, item_rows(p.filing))


#: Python steps of migrations, run in the migration's transaction after its script.
BACKFILLS = {2: _backfill_0002, 3: _backfill_0003, 4: _backfill_0004}

__all__ = ["BACKFILLS", "migrate", "migrations", "pending_migrations", "schema_version"]
