-- eightk store, PostgreSQL backend, version 2.
-- 1. A filing may be stored again under the same accession number with other bytes: the new
--    version supersedes the old one (filings.superseded_by), which stays stored and findable.
-- 2. Company names are searchable: each filing has a 'cover' passage with the names it gives its
--    companies (filled for stored filings by the backfill that runs with this migration).
-- 3. Words are split as SQLite's unicode61 tokenizer splits them, so both backends find the same
--    filings: ASCII punctuation separates words ("2.02" is the words 2 and 02, not one number,
--    "www.example.com" three words) and a Latin letter with a diacritic matches its base letter
--    ("émission" = "emission"). eightk_words() does both, for the passages and the queries
--    (regular expressions: translate() with a table of accented letters cost 50 s on the corpus).

DROP INDEX filings_accession;
CREATE INDEX filings_accession ON filings(accession_number);
ALTER TABLE filings ADD COLUMN superseded_by BIGINT REFERENCES filings(id) ON DELETE SET NULL;
ALTER TABLE ingest_log ADD COLUMN note TEXT;
CREATE INDEX passages_kind ON passages(kind, filing_id);

CREATE FUNCTION eightk_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(CASE WHEN t ~ '[^\x01-\x7f]' THEN regexp_replace(normalize(t, NFD), '([A-Za-z])[\u0300-\u036f]', '\1', 'g') ELSE t END, '[!-/:-@\[-`{-~]+', ' ', 'g');

ALTER TABLE passages DROP COLUMN tsv;
ALTER TABLE passages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('eightk', eightk_words(text))) STORED;
CREATE INDEX passages_tsv ON passages USING GIN (tsv);
