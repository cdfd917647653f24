-- eightk store, SQLite backend, version 1.
-- Dates are ISO text (YYYY-MM-DD). JSON columns are text. *_z columns are zstd-compressed.

CREATE TABLE companies (
    cik         TEXT PRIMARY KEY,          -- 10 digits, zero-padded
    name        TEXT,                      -- latest name seen
    last_filed  TEXT
);

CREATE TABLE company_names (
    cik         TEXT NOT NULL REFERENCES companies(cik),
    name        TEXT NOT NULL,
    first_seen  TEXT,
    last_seen   TEXT,
    source      TEXT NOT NULL DEFAULT 'filing',   -- 'filing' or 'former_name' (header history)
    PRIMARY KEY (cik, name)
);
CREATE INDEX company_names_name ON company_names(name COLLATE NOCASE);

CREATE TABLE filings (
    id               INTEGER PRIMARY KEY,
    accession_number TEXT,
    sha256           TEXT NOT NULL UNIQUE,
    form_type        TEXT,
    is_amendment     INTEGER NOT NULL DEFAULT 0,
    amends_id        INTEGER REFERENCES filings(id) ON DELETE SET NULL,
    filed            TEXT,
    date_of_report   TEXT,
    date             TEXT,                     -- date_of_report, else filed: what filters use
    year             INTEGER,
    cik              TEXT,                     -- first registrant / filer
    company          TEXT,
    path             TEXT,
    size             INTEGER NOT NULL,
    container        TEXT,
    n_items          INTEGER NOT NULL DEFAULT 0,
    n_passages       INTEGER NOT NULL DEFAULT 0,
    item_codes       TEXT NOT NULL DEFAULT '', -- e.g. '2.02,9.01' for display
    filing_z         BLOB NOT NULL,            -- the whole Filing JSON, zstd
    ingested_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
CREATE UNIQUE INDEX filings_accession ON filings(accession_number) WHERE accession_number IS NOT NULL;
CREATE INDEX filings_cik_date ON filings(cik, date);
CREATE INDEX filings_date ON filings(date);
CREATE INDEX filings_form ON filings(form_type);

CREATE TABLE filing_companies (
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    cik       TEXT,
    name      TEXT,
    role      TEXT NOT NULL
);
CREATE INDEX filing_companies_filing ON filing_companies(filing_id);
CREATE INDEX filing_companies_cik ON filing_companies(cik);

CREATE TABLE raw_submissions (
    filing_id INTEGER PRIMARY KEY REFERENCES filings(id) ON DELETE CASCADE,
    codec     TEXT NOT NULL,            -- 'zstd', or 'ref' when only the path is kept
    size      INTEGER NOT NULL,
    data      BLOB
);

CREATE TABLE items (
    filing_id  INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    code       TEXT NOT NULL,
    scheme     TEXT,
    equivalent TEXT,
    modern     TEXT,                    -- the modern code (itself, or the legacy item's equivalent)
    title      TEXT,
    text       TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL,           -- 'body' (parsed) or 'header' (listed in the EDGAR header only)
    PRIMARY KEY (filing_id, seq)
);
CREATE INDEX items_code ON items(code, filing_id);
CREATE INDEX items_modern ON items(modern, filing_id);

CREATE TABLE exhibits (
    filing_id   INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    number      TEXT NOT NULL,
    description TEXT,
    document    INTEGER,
    PRIMARY KEY (filing_id, seq)
);

CREATE TABLE documents (
    filing_id   INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    sequence    INTEGER NOT NULL,
    type        TEXT,
    filename    TEXT,
    description TEXT,
    format      TEXT,
    size        INTEGER,
    PRIMARY KEY (filing_id, sequence)
);

CREATE TABLE facts (
    filing_id   INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT,
    value_num   REAL,                  -- the value when it is a number (money, shares, percent...)
    value_text  TEXT,                  -- the value as JSON otherwise
    unit        TEXT,
    per         TEXT,
    item        TEXT,
    document    INTEGER,
    attributes  TEXT,
    PRIMARY KEY (filing_id, seq)
);
CREATE INDEX facts_kind_value ON facts(kind, value_num);

CREATE TABLE events (
    filing_id       INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    seq             INTEGER NOT NULL,
    type            TEXT NOT NULL,
    item            TEXT,
    equivalent_item TEXT,
    confidence      REAL,
    attributes      TEXT,
    PRIMARY KEY (filing_id, seq)
);
CREATE INDEX events_type ON events(type, filing_id);

CREATE TABLE anomalies (
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    code      TEXT NOT NULL,
    message   TEXT,
    text      TEXT,
    PRIMARY KEY (filing_id, seq)
);

-- Searchable text: item texts, exhibit texts (and the main document when no item was parsed),
-- cut into passages of bounded size.
CREATE TABLE passages (
    id        INTEGER PRIMARY KEY,
    filing_id INTEGER NOT NULL REFERENCES filings(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,            -- 'item' | 'exhibit' | 'document'
    item      TEXT,
    modern    TEXT,
    exhibit   TEXT,
    text      TEXT NOT NULL
);
CREATE INDEX passages_filing ON passages(filing_id);

CREATE VIRTUAL TABLE passages_fts USING fts5(
    text, content='passages', content_rowid='id', tokenize='porter unicode61'
);
CREATE TRIGGER passages_ai AFTER INSERT ON passages BEGIN
    INSERT INTO passages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER passages_ad AFTER DELETE ON passages BEGIN
    INSERT INTO passages_fts(passages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE ingest_log (
    id        INTEGER PRIMARY KEY,
    run_id    TEXT NOT NULL,
    at        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
    path      TEXT,
    sha256    TEXT,
    accession TEXT,
    status    TEXT NOT NULL,            -- 'stored' | 'duplicate' | 'error'
    filing_id INTEGER,
    error     TEXT
);
CREATE INDEX ingest_log_sha ON ingest_log(sha256);
CREATE INDEX ingest_log_status ON ingest_log(status);
