-- eightk store, SQLite backend, version 2.
-- 1. A filing may be stored again under the same accession number with other bytes: the new
--    version supersedes the old one (filings.superseded_by), which stays stored and findable.
-- 2. Company names are searchable: each filing has a 'cover' passage with the names it gives its
--    companies (filled for stored filings by the backfill that runs with this migration).

DROP INDEX filings_accession;
CREATE INDEX filings_accession ON filings(accession_number);
ALTER TABLE filings ADD COLUMN superseded_by INTEGER REFERENCES filings(id) ON DELETE SET NULL;
ALTER TABLE ingest_log ADD COLUMN note TEXT;
CREATE INDEX passages_kind ON passages(kind, filing_id);
