"""The grammar's shortcuts (cheap tests before a regex, text normalised once) change nothing:
each is compared with the plain regex it stands for."""

from __future__ import annotations

import re
import sys

import pytest

from eightk.parser import exhibits, items

_ALL = [chr(c) for c in range(sys.maxunicode + 1)]


@pytest.mark.parametrize(("chars", "letters"), [
    (items.SIGNATURE_HEAD_LEAD, "s"),
    (items.SIGNATURE_SENTENCE_LEAD, "p"),
    (items.EXHIBIT_INDEX_LEAD, "eil"),
    (items.ITEM_HEAD_LEAD, "i"),
])
def test_lead_letters_are_those_ignorecase_matches(chars, letters):
    pattern = re.compile(rf"[{letters}]|\s", re.I)
    assert chars == {c for c in _ALL if pattern.fullmatch(c)}


@pytest.mark.parametrize(("rx", "chars"), [
    (items.SIGNATURE_HEAD, items.SIGNATURE_HEAD_LEAD),
    (items.SIGNATURE_SENTENCE, items.SIGNATURE_SENTENCE_LEAD),
    (items.EXHIBIT_INDEX_HEAD, items.EXHIBIT_INDEX_LEAD),
    (items._HEAD, items.ITEM_HEAD_LEAD),
])
def test_lead_letter_is_where_each_heading_opens(rx, chars):
    samples = ["SIGNATURES", "S I G N A T U R E S", "\u017fignature", "Pursuant to the requirements of the "
               "Securities Exchange Act", "EXHIBIT INDEX", "Index to Exhibits", "List of Exhibits",
               "\u0130tem 5.02", "Item 2.02 Results", "ITEMS 1 through 4", "item 9.01"]
    spaces = ["", " ", "\t", "\u00a0", "\u2003 ", "\n\u3000"]
    for s in samples:
        for sp in spaces:
            t = sp + s
            if rx.match(t):
                assert t[:1] in chars, t
    assert not any(rx.match(sp + "x" + s) for s in samples for sp in spaces)


def test_white_space_is_what_backslash_s_matches():
    assert items.WHITE_SPACE == {c for c in _ALL if re.fullmatch(r"\s", c)} == {c for c in _ALL if c.isspace()}


@pytest.mark.parametrize("text", [
    "filed as Exhibit 99.1 and EXHIBIT 10.2, exhibits 4.1 through 4.3; ExHiBiT 16",
    "the \u0130ndex and EXH\u0130BIT 99.1 (dotted capital I) then Exhibit 99.2",
    "exh\u0131bit 3.1 with a dotless i, then exhibit 3.2",
    "\u212aelvin sign, \u017fhort s, exhibitexhibit 5 and \u00e9xhibit 6",
    "",
])
def test_mention_starts_are_the_regex_matches(text):
    assert list(exhibits._mention_starts(text)) == [m.start() for m in exhibits._MENTION_AT.finditer(text)]


FOLDED = ["Delaware", "(State or other jurisdiction of incorporation)", "By: /s/ Jane Doe", "a b c", "x"]

NOT_FOLDED = ["Exact name\u00a0of registrant", "Delaware   0-1234   12-3456789", " lead", "trail ", "a\tb", "a  (b)", "a\u00a0 b", "a\nb", ""]


def test_folded_text_is_one_segment_as_the_gap_scan_finds(monkeypatch):
    from eightk.documents.blocks import Block
    from eightk.parser import layout, signatures

    assert all(layout.is_folded(t) for t in FOLDED) and not any(layout.is_folded(t) for t in NOT_FOLDED if t)
    blocks = [Block(text=t, start=100, end=100 + len(t), indent=4) for t in FOLDED + NOT_FOLDED]
    fast = [layout.segments(b) for b in blocks]
    gaps = [signatures._split_gaps(t, 100, 4) for t in FOLDED + NOT_FOLDED]
    monkeypatch.setattr(layout, "is_folded", lambda t: False)
    monkeypatch.setattr(signatures, "is_folded", lambda t: False)
    assert fast == [layout.segments(b) for b in blocks]
    assert gaps == [signatures._split_gaps(t, 100, 4) for t in FOLDED + NOT_FOLDED]


def test_ixbrl_cover_keys_hold_no_letter_ignorecase_widens():
    from eightk.parser import ixbrl_cover

    for letter in ixbrl_cover._SYMBOL_KEY + ixbrl_cover._EGC_KEY:
        assert {c for c in _ALL if re.fullmatch(letter, c, re.I)} == {letter, letter.upper()}
    assert ixbrl_cover._SYMBOL_KEY in "trading symbol" and ixbrl_cover._EGC_KEY in "emerging growth company"


def test_header_line_reads_as_the_lazy_pattern_did():
    from eightk.containers import header

    old = re.compile(r"^([\t ]*)([A-Za-z0-9][A-Za-z0-9 \-/&().']*?):[\t ]*(.*?)\s*$")
    lines = ["COMPANY CONFORMED NAME:\t\t\tACME CORP /DE/", "\t\tSTREET 1:\t\t100 MAIN ST.  \t", "ITEM INFORMATION:",
             "FILED AS OF DATE:\t\t20040105\u00a0", "\tBUSINESS PHONE: \u00a0 212-555-0100 \u2003", "KEY: a: b : ",
             "<SEC-HEADER>0001.hdr.sgml : 20040105", "  FORMER COMPANY:\t", "BAD KEY!: x", "NAME:\t\u3000", ""]
    for line in lines:
        m, n = header._LINE.match(line), old.match(line)
        assert (m is None) == (n is None), line
        if m is not None and n is not None:
            assert (*m.groups(), line[m.end():].rstrip()) == n.groups(), line
