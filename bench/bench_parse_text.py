"""End-to-end parse of plain-text 8-Ks: container + text front end + 8-K grammar (no facts).

Figures: filings/s and MB/s over the corpus's plain-text filings (all of them, and the 8-K
document alone: the primary document's bytes, which is what the grammar reads), plus the
seeds. Median of 5 runs.
"""

from __future__ import annotations

from common import CORPUS, filing_rows, load, median_time, no_corpus

import eightk
from eightk.containers import read_submission

SEEDS_DIR = CORPUS.parent / "seeds"


def run() -> None:
    if no_corpus():
        return
    files = load(filing_rows(lambda r: r["fmt"] == "plain text"))
    if SEEDS_DIR.is_dir():
        files += [(p.name, p.read_bytes()) for p in sorted(SEEDS_DIR.glob("*.txt"))]
    total = sum(len(d) for _, d in files)
    primary = 0
    for _, d in files:
        p = read_submission(d).primary
        primary += p.size if p is not None else 0

    def parse_all() -> None:
        for name, data in files:
            eightk.parse(data, path=name, facts=False)

    t = median_time(parse_all)
    print(f"plain-text filings: {len(files)}, {total / 1e6:.2f} MB in all, {primary / 1e6:.2f} MB of 8-K documents")
    print(f"end-to-end parse (container + text view + grammar, no facts): {len(files) / t:,.0f} filings/s, "
          f"{total / t / 1e6:.1f} MB/s of input, {primary / t / 1e6:.1f} MB/s of 8-K text")
