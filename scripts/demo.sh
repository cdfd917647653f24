#!/usr/bin/env bash
# `make demo`: run the main job on the sample filings shipped in samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== eightk parse samples/ -o filings.jsonl"
$BIN/eightk parse samples/ -o "$out/filings.jsonl"
echo "$(wc -l < "$out/filings.jsonl") filings parsed"
echo
echo "== the 1998 legacy submission, abridged (eightk parse --pretty)"
$BIN/eightk parse --pretty samples/1998-copperline-legacy-submission.txt > "$out/one.json"
head -n 40 "$out/one.json"
echo "  ..."

# The store: a fresh ./eightk.db from the samples, then a search and a timeline.
DB=eightk.db
rm -f "$DB" "$DB-wal" "$DB-shm"
echo
echo "== eightk ingest samples/ --db sqlite:///$DB"
$BIN/eightk ingest samples/ --db "sqlite:///$DB"
echo
echo "== eightk search 'agreement OR dividend*' (ranked, best passage per filing)"
$BIN/eightk search 'agreement OR dividend*' --db "sqlite:///$DB" --limit 5
echo
echo "== eightk search '' --item 8.01 --format csv (legacy item 5 and modern 8.01 alike)"
$BIN/eightk search '' --item 8.01 --db "sqlite:///$DB" --format csv > "$out/hits.csv"
cut -c1-150 "$out/hits.csv"
echo
CIK=$($BIN/python -c "
from eightk.store import open_store
s = open_store('sqlite:///$DB')
r = s.rows('SELECT cik FROM filings WHERE cik IS NOT NULL GROUP BY cik ORDER BY count(*) DESC, min(date) LIMIT 1')
print(r[0][0] if r else '')
")
if [ -n "$CIK" ]; then
  echo "== eightk timeline $CIK"
  $BIN/eightk timeline "$CIK" --db "sqlite:///$DB"
fi
