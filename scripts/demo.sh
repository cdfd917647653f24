#!/usr/bin/env bash
# `make demo`: run the main job on the sample filings shipped in samples/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
echo "== eightk parse samples/ (first filing, abridged)"
$BIN/eightk parse samples/ --pretty | head -n 60
