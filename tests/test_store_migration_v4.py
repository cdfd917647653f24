"""Store migration 0004 (output schema 2, issue 14): stored filings' models and event rows of the
older schema are re-derived from their stored raw bytes by the current parser; a store that
cannot be re-derived (filings kept without raw bytes whose events are stale) refuses to open
and says to re-ingest, changing nothing. Both backends (PostgreSQL in a schema of its own)."""

from __future__ import annotations

import json

import pytest

import eightk
from eightk.store import StoreError, open_store
from tests.test_store_backends import drop, new_url

TEXT = ("FORM 8-K\n\nDate of Report (Date of earliest event reported): May 3, 2021\n\n"
        "Item 2.03 Creation of a Direct Financial Obligation.\n\n"
        "On May 3, 2021, the Company issued $600,000,000 aggregate principal amount of its 3.125% Senior Notes "
        "due 2031 under an indenture with Juniper Trust Company, N.A., as trustee.\n")
OLD_ATTRS = {"counterparties": ["Juniper Trust Company, N.A."], "amount": 600000000, "currency": "USD",
             "item_source": "body"}


@pytest.fixture(params=["sqlite", "postgres"])
def url(request, tmp_path):
    u = new_url(request.param, tmp_path)
    yield u
    drop(u)


def _store_at_v3(url: str, tmp_path, *, keep_raw: bool) -> None:
    """A version-3 store holding the filing as the older eightk wrote it (type debt_financing,
    the old attribute model) in both its model blob and its event row."""
    path = tmp_path / "notes.txt"
    path.write_text(TEXT)
    s = open_store(url, migrate=False)
    try:
        assert s.migrate(upto=3) == 3
        assert s.ingest(str(path), keep_raw=keep_raw).stored == 1
        (fid,) = s.one("SELECT id FROM filings")
        (blob,) = s.one("SELECT filing_z FROM filings WHERE id = ?", (fid,))
        model = json.loads(s._zd.decompress(bytes(blob)))
        for e in model["events"]:
            e.update(type="debt_financing", attributes=OLD_ATTRS, attribute_spans={})
        model["schema_version"] = 1
        s._begin_write()
        s._exec("UPDATE filings SET filing_z = ? WHERE id = ?", (s._zc.compress(json.dumps(model).encode()), fid))
        s._exec("UPDATE events SET type = 'debt_financing', attributes = ? WHERE filing_id = ?",
                (json.dumps(OLD_ATTRS), fid))
        s._exec("COMMIT")
    finally:
        s.close()


def test_stale_filings_are_re_derived_from_their_raw_bytes(url, tmp_path):
    _store_at_v3(url, tmp_path, keep_raw=True)
    fresh = [e for e in eightk.parse(TEXT.encode()).events if e.type == "debt_obligation"]
    s = open_store(url)
    try:
        assert s.schema_version() == max(v for v, _, _ in s.migrations()) >= 4
        rows = s.rows("SELECT type, attributes FROM events ORDER BY seq")
        assert [r[0] for r in rows] == [str(e.type) for e in eightk.parse(TEXT.encode()).events]
        attrs = json.loads(next(a for t, a in rows if t == "debt_obligation"))
        assert attrs["instrument"] == "senior notes" and attrs["maturity"] == "2031"
        assert "counterparties" not in attrs
        filing = s.get(s.one("SELECT id FROM filings")[0])
        (ev,) = [e for e in filing.events if e.type == "debt_obligation"]
        assert ev.attributes == fresh[0].attributes and ev.attribute_spans == fresh[0].attribute_spans
        assert filing.schema_version == 2
        assert s.search('"senior notes"').total == 1  # the passages were rewritten, still searchable
    finally:
        s.close()


def test_stale_filings_without_raw_bytes_refuse_and_change_nothing(url, tmp_path):
    _store_at_v3(url, tmp_path, keep_raw=False)
    with pytest.raises(StoreError, match="re-ingest"):
        open_store(url)
    s = open_store(url, migrate=False)
    try:
        assert s.schema_version() == 3
        assert s.rows("SELECT type FROM events") == [("debt_financing",)]
    finally:
        s.close()
