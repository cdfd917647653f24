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
