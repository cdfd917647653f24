"""header.small_int reads a run of ASCII digits without its pattern: the same value as the
pattern gives, for every kind of input (spaces, leading zeros, long runs, other digits)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.containers import header


def _by_pattern(value: str | None) -> int | None:
    m = header._SMALL_INT.fullmatch(value) if value else None
    return int(m.group(1)) if m else None


@settings(max_examples=1000)
@given(st.one_of(st.none(), st.lists(st.sampled_from(["0", "1", "9", "00", "123456789", " ", "\t", "\u00b2",
                                                      "\u0663", "\uff11", "a", "-"]), max_size=8).map("".join)))
def test_small_int_is_the_pattern(value):
    assert header.small_int(value) == _by_pattern(value)


def _same_as_validated(model) -> None:
    validated = type(model).model_validate(model.model_dump())
    assert model == validated
    assert [type(v) for v in model.__dict__.values()] == [type(v) for v in validated.__dict__.values()]
    assert model.model_dump_json() == validated.model_dump_json()


def test_trusted_header_and_filers_are_the_validated_ones() -> None:
    """build_header makes the Header and its Filers trusted: their values must already have the
    fields' types (dates, a datetime, an int, lists and dicts of str)."""
    from pathlib import Path

    from eightk.containers import read_submission
    from tests.conftest import SAMPLES

    n = 0
    for f in sorted(SAMPLES.iterdir()):
        sub = read_submission(Path(f).read_bytes())
        if sub.header is None:
            continue
        _same_as_validated(sub.header)
        for filer in sub.header.filers:
            _same_as_validated(filer)
        n += 1
    raw = header.RawHeader(
        top=[("ACCESSION NUMBER", "0000000000-26-000001"), ("CONFORMED SUBMISSION TYPE", "8-K"),
             ("PUBLIC DOCUMENT COUNT", "3"), ("CONFORMED PERIOD OF REPORT", "20260102"),
             ("FILED AS OF DATE", "20260105"), ("ITEM INFORMATION", "Other Events"), ("ODD KEY", "x")],
        blocks=[header.RawBlock(role="FILER", fields={"COMPANY CONFORMED NAME": "ACME CORP", "IRS NUMBER": "123"},
                                sections=[("BUSINESS ADDRESS", {"STREET 1": "1 MAIN ST", "CITY": "X"}),
                                          ("FORMER COMPANY", {"FORMER CONFORMED NAME": "OLD", "DATE OF NAME CHANGE": "20000101"}),
                                          ("COMPANY DATA", {"STANDARD INDUSTRIAL CLASSIFICATION": "SOFTWARE [7372]"})]),
                header.RawBlock(role="SUBJECT COMPANY")])
    built, _ = header.build_header(raw, accepted="20260105161523")
    _same_as_validated(built)
    for filer in built.filers:
        _same_as_validated(filer)
    assert n >= 3


_HEADER_PIECES = ["\n", "\t", " ", "    ", "]", "]]", ":", "::", "KEY", "FILER", "COMPANY DATA", "CITY", "a-b/c&d().'",
                  "value", "  x  ", "\u00a0", "<SEC-HEADER>", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e",
                  "\x85", "\u2028", "\u2029", "\u00e9", "9"]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_HEADER_PIECES), max_size=20).map("".join))
def test_key_lines_in_one_search_are_the_lines(text):
    """Where the whole-text search is taken (no line break but "\\n"), it finds the lines'."""
    if header._OTHER_LINE_BREAK.search(text) is None:
        assert header._KEY_LINES.findall(text) == header._key_lines_by_line(text)
    assert header._key_lines(text) == header._key_lines_by_line(text)


def test_every_other_line_break_is_searched_for() -> None:
    """_OTHER_LINE_BREAK names every character str.splitlines breaks a line at, but "\\n"."""
    import sys

    breaks = {chr(c) for c in range(sys.maxunicode + 1) if len(f"a{chr(c)}b".splitlines()) == 2}
    assert {c for c in breaks if header._OTHER_LINE_BREAK.match(c)} == breaks - {"\n"}
