#!/usr/bin/env bash
# `make demo`: run the main job on the sample filings shipped in samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${EIGHTK_BIN:-.venv/bin}
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
DB=${EIGHTK_DEMO_DB:-eightk.db}
rm -f "$DB" "$DB-wal" "$DB-shm"
echo
echo "== eightk ingest samples/ --db $DB"
$BIN/eightk ingest samples/ --db "$DB"
echo
echo "== eightk search 'agreement OR dividend*' (ranked, best passage per filing; 'show with' is the handle)"
$BIN/eightk search 'agreement OR dividend*' --db "$DB" --limit 5
echo
echo "== eightk search '' --item 8.01 --format csv (legacy item 5 and modern 8.01 alike)"
$BIN/eightk search '' --item 8.01 --db "$DB" --format csv > "$out/hits.csv"
cut -c1-150 "$out/hits.csv"
echo
# the handle of the settlement found by the search below, and the company filing most often
HANDLE=$($BIN/eightk search '' --event legal_settlement --fact money --min 1000000 --db "$DB" --format json \
  | $BIN/python -c "import json, sys; r = json.load(sys.stdin)['results']; print(r[0]['handle'] if r else '')")
CIK=$($BIN/python -c "
import eightk
with eightk.open_store('sqlite:///$DB', readonly=True) as s:
    r = s.rows('SELECT cik FROM filings WHERE cik IS NOT NULL GROUP BY cik ORDER BY count(*) DESC, min(date) LIMIT 1')
print(r[0][0] if r else '')
")
if [ -n "$CIK" ]; then
  echo "== eightk timeline $CIK"
  $BIN/eightk timeline "$CIK" --db "$DB"
  echo
fi
echo "== eightk search '' --event legal_settlement --fact money --min 1000000 (the event's own amount)"
$BIN/eightk search '' --event legal_settlement --fact money --min 1000000 --db "$DB"

cat <<NEXT

== what to run next
eightk is installed in .venv: run it as .venv/bin/eightk, or put it on your PATH first:
  . .venv/bin/activate
  eightk show ${HANDLE:-1}    # the settlement above, as a readable report
  eightk search settlement    # full text; each result shows the handle 'show' takes
  eightk search '' --event equity_financing --format json
  eightk events               # what --event and --fact take
  eightk serve --db $DB        # the web UI and the HTTP API: then open http://127.0.0.1:8000/ in a browser
  eightk --help
NEXT
