"""The cover grammar's fast paths give what the plain code gives: each is compared with the
plain version on generated text (caption words, their pieces, case traps and gaps mixed)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.documents.blocks import Block, Cell
from eightk.parser import cover

# pieces of captions and values, and letters that only re.IGNORECASE takes for ASCII ones
_WORDS = [
    "(", ")", " ", "  ", "\t", "-", ".", ":", "Former", "name", "NAME", "address", "Address", "Tele", "phone", "tele-phone",
    "Telephone Number", "phone number", "exact", "Exact Name", "of the", "registrant", "Registrant", "(Registrant)",
    "commission", "Commission", "file", "File No", "file number", "#", "I.R.S.", "irs", "I R S", "employer",
    "Identification", "tax id", "E.I.N.", "ein", "principal executive", "Principal", "zip", "Zip Code", "postal code",
    "state", "State", "jurisdiction", "incorporation", "organization", "organisation", "fiscal", "Delaware",
    "0-12345", "12-3456789", "(212) 555-0100", "chairs", "statement", "\u0130", "\u0131", "\u017f", "\u212a",
    "\u00e9", "r\u0131s", "\u017ftate", "zip\u00a0code", "'s", "\u2019s",
]
_TEXT = st.lists(st.sampled_from(_WORDS), max_size=12).map("".join)


def _plain_words(text: str) -> bool:
    """_may_hold_caption_words as a loop over _CAPTION_KEYS."""
    if not text.isascii() and cover._CASE_TRAP.search(text):
        return True
    low = text.lower()
    return any(a in low and b in low for a, b in cover._CAPTION_KEYS)


@settings(max_examples=3000)
@given(_TEXT)
def test_classify_skips_only_patterns_that_cannot_match(text):
    assert cover.classify(text) == cover._classify_plain(text)


@settings(max_examples=3000)
@given(_TEXT)
def test_caption_words_are_the_key_pairs(text):
    assert cover._may_hold_caption_words(text) == _plain_words(text)
    if not cover._may_hold_caption_words(text):
        assert not cover._CAPTION_TEXT.search(text)


def test_caption_needs_name_every_pattern_in_order():
    assert [n for n, _, _, _ in cover._CAPTION_PLAN] == [n for n, _ in cover._CAPTIONS]
    assert set(cover._CAPTION_NEEDS) == {n for n, _ in cover._CAPTIONS}


def _row(texts: list[str]) -> Block:
    """A row block as the HTML front end makes it: the text is the non-empty cells joined by a space."""
    cells, pos = [], 0
    for t in texts:
        if t:
            pos += 1 if pos else 0
            cells.append(Cell(t, pos, pos + len(t)))
            pos += len(t)
        else:
            cells.append(Cell("", pos, pos))
    return Block(text=" ".join(t for t in texts if t), start=0, end=pos, kind="row", cells=cells)


def _plain_may_hold(block: Block) -> bool:
    """_may_hold_caption as written before: the row's text rebuilt from every cell."""
    text = " ".join([c.text for c in block.cells])
    if "(" in text and any(c.text.lstrip().startswith("(") for c in block.cells):
        return True
    return _plain_words(text)


@settings(max_examples=2000)
@given(st.lists(st.one_of(st.just(""), _TEXT), min_size=1, max_size=6))
def test_row_caption_test_reads_the_row_text(texts):
    if not any(texts):
        return
    block = _row(texts)
    assert cover._may_hold_caption(block) == _plain_may_hold(block)


def _plain_address(section):
    """containers.header._address as written before: the Address built, then its dump tested."""
    from eightk.model import Address

    if not section:
        return None
    addr = Address(street=section.get("STREET 1") or None, street2=section.get("STREET 2") or None,
                   city=section.get("CITY") or None, state=section.get("STATE") or None, zip=section.get("ZIP") or None)
    return addr if any(addr.model_dump().values()) else None


@given(st.dictionaries(st.sampled_from(["STREET 1", "STREET 2", "CITY", "STATE", "ZIP", "BUSINESS PHONE"]),
                       st.sampled_from(["", " ", "0", "100 MAIN ST", "NEW YORK", "NY", "10001", "\u00e9"])))
def test_header_address_is_tested_before_it_is_built(section):
    from eightk.containers import header

    new, old = header._address(section), _plain_address(section)
    assert new == old
    assert (new is None) == (old is None)
    if new is not None and old is not None:
        assert new.model_dump_json() == old.model_dump_json()
        assert new.model_fields_set == old.model_fields_set


@settings(max_examples=1000)
@given(st.lists(st.sampled_from([*_WORDS, "Date", "DATE of Report", "date of the earliest event", "da\u212ae"]),
                max_size=10).map("".join))
def test_tests_on_a_lowered_text_given_once(text):
    low = text.lower()
    assert cover._may_hold_caption_words(text, low) == _plain_words(text)
    m, n = cover._date_of_report_caption(text, low), cover._DATE_OF_REPORT.search(text)
    assert (m and m.span()) == (n and n.span())


_FILE_WORDS = [*_WORDS, "Commi<S>ssion", "fi<C>le", "FILE", "<TABLE>", "comm\u0131ssion", "commi\u017f\u017fion", "   ", "\t"]


@settings(max_examples=2000)
@given(st.lists(st.lists(st.sampled_from(_FILE_WORDS), max_size=8).map("".join), min_size=1, max_size=4))
def test_table_layout_word_test_passes_every_file_column(texts):
    from eightk.parser.layout import segments

    blocks = [_row(texts)] if len(texts) > 1 and any(texts) else []
    blocks += [Block(text=t, start=0, end=len(t)) for t in texts if t.strip()]
    for b in blocks:
        low = b.text.lower()
        if "commission" not in low and "file" not in low and not cover._may_fool_lower(b.text):
            assert not any(cover._FILE_HEAD.search(s.text) for s in segments(b)), b.text
