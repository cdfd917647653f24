-- eightk store, SQLite backend, version 3.
-- 1. events.amount: the event's own amount (a settlement's, a deal's, an offering's gross
--    proceeds), so `--event X --min N` filters on it (filled for stored events by the backfill).
-- 2. filings.accession_source: where the accession number came from: 'header' (the EDGAR header),
--    'path' (inferred from the file or folder name of a lone document), NULL when there is none.
-- 3. A lone copy of a document whose full submission is stored is linked to it: superseded_by
--    points at the submission, and ingest_log says 'copy'.

ALTER TABLE events ADD COLUMN amount REAL;
CREATE INDEX events_type_amount ON events(type, amount);
ALTER TABLE filings ADD COLUMN accession_source TEXT;
UPDATE filings SET accession_source = 'header' WHERE accession_number IS NOT NULL;
