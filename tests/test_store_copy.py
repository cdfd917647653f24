"""PostgreSQL writes a filing's child rows with ``COPY ... FROM STDIN`` (``Store._insert_rows``);
what it stores reads back as SQLite (``executemany``) stores it, row for row. And a store opened
with ``migrate=False`` on a database already migrated writes.

The filings are the samples (samples/) and synthetic ones of fictional companies whose text holds
what COPY's text format must escape (tabs, newlines, backslashes, a literal ``\\N``)."""

from __future__ import annotations

import datetime as dt

import pytest

from eightk.model import Anomaly, DocumentInfo, Event, Fact, Span
from eightk.store import open_store, prepare, prepare_filing
from eightk.store.postgres import PostgresStore
from tests.conftest import SAMPLES
from tests.test_store_backends import drop, make_filing, new_url

#: Every table a filing's write fills: the columns compared (of ``t``) and their order within a
#: filing (ids are left out: the order they give is kept).
TABLES = {
    "filings": ("accession_number, form_type, is_amendment, filed, date_of_report, date, year, cik, company, path,"
                " size, container, n_items, n_passages, item_codes, accession_source", "t.id"),
    "raw_submissions": ("codec, size, data", "t.filing_id"),
    "filing_companies": ("cik, name, role", "t.cik, t.name, t.role"),
    "items": ("seq, code, scheme, equivalent, modern, title, text, source", "t.seq"),
    "exhibits": ("seq, number, description, document", "t.seq"),
    "documents": ("sequence, type, filename, description, format, size", "t.sequence"),
    "facts": ("seq, kind, text, value_num, value_text, unit, per, item, document, attributes", "t.seq"),
    "events": ("seq, type, item, equivalent_item, confidence, attributes, amount", "t.seq"),
    "anomalies": ("seq, code, message, text", "t.seq"),
    "passages": ("kind, item, modern, exhibit, text", "t.id"),
}
#: The child tables written by Store._insert_rows (COPY on PostgreSQL).
COPIED = {"items", "exhibits", "documents", "facts", "events", "anomalies", "passages", "filing_companies"}

ESCAPES = "tab\there, line\nbreak, CR\r, back\\slash, a literal \\N and \\t, quotes \"'“”, société €"


def _tricky():
    """Synthetic filings whose rows hold what COPY must escape, None, floats and JSON."""
    f = make_filing(ESCAPES, company="FICTIONAL \\ TAB\tCO", items=[("8.01", ESCAPES), ("9.01", "\\N")],
                    facts=[Fact(kind="money", text="$1.5 billion\t(\\N)", value=1.5e9, unit="USD",
                                span=Span(start=0, end=5)),
                           Fact(kind="percent", text="12.25%", value=0.1225, span=Span(start=6, end=12)),
                           Fact(kind="date", text="May 3", value="2010-05-03", span=Span(start=0, end=3))],
                    events=[Event(type="equity_financing", item="3.02", confidence=0.875,
                                  attributes={"gross_proceeds": 2_500_000.5, "security": ESCAPES,
                                              "purchasers": ["A\tB", "C\\\\N"]})])
    docs = [DocumentInfo(sequence=1, type="8-K", filename="a\tb.htm", description=ESCAPES, format="html", size=10,
                         byte_span=(0, 10)),
            DocumentInfo(sequence=1, type="EX-99.1", filename="dup.htm", format="text", size=5, byte_span=(10, 15))]
    anomalies = [Anomaly(code="header_bad_date", message=ESCAPES, text="\\N"),
                 Anomaly(code="header_item_unknown", message="no text")]
    return [prepare_filing(f.model_copy(update={"documents": docs, "anomalies": anomalies})),
            prepare_filing(make_filing("No facts, no events.", accession=None, date="2001-02-03",
                                       items=[("5", "Other events.")]))]


def _batch():
    return [prepare(p.name, p.read_bytes(), keep_raw=True) for p in sorted(SAMPLES.iterdir())] + _tricky()


def _plain(v):
    if isinstance(v, memoryview):
        return bytes(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def _rows(store, table: str) -> list[tuple]:
    cols, order = TABLES[table]
    sql = (f"SELECT f.sha256, {', '.join('t.' + c for c in cols.split(', '))} FROM {table} t"
           f" JOIN filings f ON f.id = {'t.id' if table == 'filings' else 't.filing_id'} ORDER BY f.sha256, {order}")
    return [tuple(_plain(v) for v in r) for r in store.rows(sql)]


def _company_rows(store) -> list[tuple]:
    return [tuple(_plain(v) for v in r) for r in
            store.rows("SELECT c.cik, c.name, c.last_filed, n.name, n.first_seen, n.last_seen, n.source"
                       " FROM companies c JOIN company_names n ON n.cik = c.cik ORDER BY c.cik, n.name")]


@pytest.fixture
def both(tmp_path):
    urls = [new_url("sqlite", tmp_path), new_url("postgres", tmp_path)]
    stores = [open_store(u) for u in urls]
    yield stores
    for s, u in zip(stores, urls, strict=True):
        s.close()
        drop(u)


def test_postgres_copy_stores_what_sqlite_stores(both, monkeypatch):
    lite, pg = both
    batch = _batch()
    copied: list[str] = []
    insert_rows = PostgresStore._insert_rows

    def spy(self, table, cols, rows):
        copied.append(table)
        return insert_rows(self, table, cols, rows)

    def no_executemany(self, sql, rows):
        raise AssertionError(f"the PostgreSQL write path ran executemany: {sql}")

    monkeypatch.setattr(PostgresStore, "_insert_rows", spy)
    monkeypatch.setattr(PostgresStore, "_execmany", no_executemany)
    a, b = lite.write(batch), pg.write(batch)
    assert [o.status for o in a] == [o.status for o in b] == ["stored"] * len(batch), [o.error for o in b]
    assert set(copied) == COPIED  # every child table of the batch went through COPY

    for table in TABLES:
        x, y = _rows(lite, table), _rows(pg, table)
        assert x, f"{table}: the batch wrote no row, the comparison would be empty"
        assert x == y, f"{table} differs between SQLite and PostgreSQL"
    assert _company_rows(lite) == _company_rows(pg)
    assert pg.count("documents") == lite.count("documents") == sum(len({d.sequence for d in p.filing.documents})
                                                                   for p in batch if p.filing)
    for p in batch:
        assert pg.get(p.sha256) == lite.get(p.sha256) == p.filing
        assert pg.raw(p.sha256) == lite.raw(p.sha256)
    # the escaped text is searchable as written, and the duplicate document number kept its first
    assert pg.search('"literal"').total == lite.search('"literal"').total == 1
    for s in (lite, pg):
        assert s.rows("SELECT filename FROM documents WHERE filename IN (?, ?)", ("a\tb.htm", "dup.htm")) == [("a\tb.htm",)]


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_store_opened_without_migrating_writes(backend, tmp_path):
    url = new_url(backend, tmp_path)
    try:
        with open_store(url) as s:  # migrated once
            version = s.schema_version()
            first = s.write([prepare_filing(make_filing("First, while migrating."))])
        assert [o.status for o in first] == ["stored"]
        with open_store(url, migrate=False) as s:
            assert s._written_version is None  # read by the first write, once
            out = s.write([prepare_filing(make_filing("Second, opened with migrate=False."))])
            assert [o.status for o in out] == ["stored"], out
            assert s._written_version == version
            assert s.count("filings") == 2 and s.search('"migrate=False"').total == 1
            again = s.write([prepare_filing(make_filing("Third."))])
            assert [o.status for o in again] == ["stored"]
    finally:
        drop(url)


def test_a_row_postgres_refuses_during_copy_fails_that_filing_only(tmp_path):
    url = new_url("postgres", tmp_path)
    try:
        with open_store(url) as s:
            huge = make_filing("A fact in a document numbered past INTEGER.", facts=[
                Fact(kind="money", text="$5", value=5, document=2**40, span=Span(start=0, end=2))])
            out = s.write([prepare_filing(huge), prepare_filing(make_filing("A plain one."))])
            assert [o.status for o in out] == ["error", "stored"]
            assert "out of range" in (out[0].error or "")
            assert s.count("filings") == 1 and s.count("facts") == 0 and s.count("ingest_log") == 2
    finally:
        drop(url)
