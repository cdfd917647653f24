"""``documents.html.visible_text`` (the text the store searches in documents the grammar does
not read) hides what the block view hides and keeps what it keeps."""

from __future__ import annotations

import re
from collections import Counter

from eightk.containers import read_submission
from eightk.documents import text_of, view_of
from eightk.documents.html import html_view, visible_text

_WORD = re.compile(r"\w+")


def letters(text: str) -> Counter[str]:
    """The letters and digits of ``text``, counted (table cells may come in another order)."""
    return Counter("".join(_WORD.findall(text)))


def test_hidden_parts_are_left_out():
    html = (
        "<html><head><title>Title words</title><style>p {color: red}</style></head><body>"
        '<div style="display: none">alpha<ix:header><span style="display:none">beta</span>gamma</ix:header></div>'
        '<ix:header>delta</ix:header><p>shown&shy;word <span style="visibility:hidden">epsilon</span> tail</p>'
        '<script>zeta()</script><noscript>eta</noscript><p style="color:blue">also \x92shown\x92</p></body></html>'
    )
    assert visible_text(html).split() == ["shownword", "tail", "also", "\u2019shown\u2019"]
    assert "shownword" in html_view(html).text
    assert letters(visible_text(html)) == letters(html_view(html).text)


def test_text_of_reuses_the_view_and_memoises(tmp_path):
    data = (b"<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n<html><body><p>Item 8.01 Other Events.</p>"
            b"<div style='display:none'>secret</div><p>Visible.</p></body></html>\n</TEXT>\n</DOCUMENT>\n")
    sub = read_submission(data)
    doc = sub.documents[0]
    first = text_of(sub, doc)
    assert "Visible." in first and "secret" not in first
    assert text_of(sub, doc) is first  # memoised
    view = view_of(sub, doc)
    assert text_of(sub, doc) == view.text  # once the view is built, its text is the text


def test_corpus_visible_text_agrees_with_the_view(shared_dir, filing_rows):
    """The same letters (layout and the order of table cells aside) on the corpus's HTML
    documents up to 300 KB."""
    n = 0
    for r in filing_rows[::3]:
        sub = read_submission((shared_dir / "corpus" / r["file"]).read_bytes())
        for d in sub.documents:
            if d.format in ("html", "ixbrl") and d.size <= 300_000:
                assert letters(visible_text(d.text)) == letters(html_view(d.text).text), (r["file"], d.sequence)
                n += 1
    assert n > 100
