"""Extraction never fails on odd input, and every span is a slice of the text it names."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import eightk
from eightk.containers import read_submission
from eightk.documents import view_of
from eightk.extract import extract_text

_PIECES = st.sampled_from(
    [
        "$", "(", ")", "1,000,00", "12.5", " million", " shares of ", "Series A Preferred Stock", "Inc.", ", L.P.",
        "February 30, 2003", "2/4/03", "%", " percent", "the 4th day of ", "June", ", 2002", "Court", " for ",
        "Delaware", "/s/ Jane Q. Roe\n", "Title: Chief Executive Officer\n", "ended December 31, 2002", "\n", " ",
        "warrants at $0.75 per share", "EUR", "ten", "-", ".", "Item 5.", "€", "İ", "\u00a0",
        "\u00b2", "\u0663", " year warrants", "Proposals 1 through ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join) | st.text(max_size=300))
def test_extract_text_total_and_spans_exact(text: str) -> None:
    for h in extract_text(text):
        assert 0 <= h.start <= h.end <= len(text)
        assert text[h.start : h.end] == h.text


@pytest.mark.parametrize("digit", ["\u00b2", "\u0663", "\u2463"])  # superscript 2, Arabic-Indic 3, circled 4
def test_digits_int_refuses_are_no_numbers(digit: str) -> None:
    """str.isdigit takes "²" and "④", which int() refuses: a warrant term or a proposal range
    written with one cost the document all its facts (extract_error) or its events."""
    body = (f"Item 3.02 Unregistered Sales of Equity Securities.\nThe Company issued {digit} year warrants to "
            f"purchase 1,000 shares of common stock at an exercise price of $1.00 per share.\n"
            f"Item 5.07 Submission of Matters to a Vote of Security Holders.\nThe shareholders approved "
            f"proposals 1 through {digit}. Proposal 1: For 1,000 Against 200 Abstain 10.\n")
    f = eightk.parse(("FORM 8-K\nCURRENT REPORT\nACME CORP\n" + body + "SIGNATURES\n").encode())
    assert not [a for a in f.anomalies if a.code == "extract_error"]
    assert any(x.kind == "money" for x in f.facts) and any(x.kind == "shares" for x in f.facts)
    from eightk.extract.ev_votes import _numbers

    assert _numbers(f"proposals 1 through {digit}") is None  # no range: the digit is no number


@pytest.mark.corpus
def test_corpus_fact_spans_slice_the_view(inventory: list[dict[str, str]], shared_dir: Path) -> None:
    rows = [r for r in inventory if r["role"] == "8-K filing"]
    rng = random.Random(5)
    checked = 0
    for r in rng.sample(rows, min(40, len(rows))):
        data = (shared_dir / "corpus" / r["file"]).read_bytes()
        filing = eightk.parse(data)
        sub = read_submission(data)
        docs = {d.sequence: d for d in sub.documents}
        for f in filing.facts:
            view = view_of(sub, docs[f.document])
            assert view is not None
            assert view.text[f.span.start : f.span.end] == f.text, (r["file"], f)
            checked += 1
        assert not [a for a in filing.anomalies if a.code == "extract_error"], r["file"]
        for e in filing.events:
            assert e.type and (e.item is None or eightk.itemcodes.scheme_of(e.item))
    assert checked > 200


def test_numeric_table_counts_digits_of_every_script_and_ascii_letters():
    import re

    from eightk.extract import _is_numeric_table

    def by_runs(chunk: str) -> bool:
        digits = sum(map(len, re.findall(r"\d+", chunk)))
        return digits * 3 > sum(map(len, re.findall(r"[A-Za-z]+", chunk)))

    for chunk in ("Revenue 1,234 5,678", "Item 5.02 Departure of Directors", "١٢٣ abcdefghij", "０１２ xyzw",
                  "é1a—2b’3c", "\ud800 12 ab", "", "Ünïcödé 12", "ab" * 5 + "٣" * 4, "\u00a0\u00a0 99 x"):
        assert _is_numeric_table(chunk) == by_runs(chunk), chunk
