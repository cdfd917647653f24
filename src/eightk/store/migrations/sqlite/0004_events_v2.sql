-- eightk store, version 4: the output schema version 2 (issue 14).
-- Event types are renamed (restatement -> non_reliance, debt_financing -> debt_obligation) and
-- the attribute models of several types changed incompatibly, with an evidence span per attribute.
-- The renames are done here; the backfill then re-derives every stored filing's model (the
-- filing_z blob) and its rows from the stored raw submission with the current parser, through
-- the store's own write path. A store holding filings without their raw bytes (ingested with
-- --no-raw) cannot be re-derived: the migration refuses, and nothing is changed.

UPDATE events SET type = 'non_reliance' WHERE type = 'restatement';
UPDATE events SET type = 'debt_obligation' WHERE type = 'debt_financing';
