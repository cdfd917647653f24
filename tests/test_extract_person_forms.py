"""The people finder reads each window with only the forms whose words it holds: the same
matches as the whole pattern."""

from eightk.extract.hits import scan
from eightk.extract.parties import _ROLE_ANCHOR, _person_matches, _person_role_re, find_people

TEXT = (
    "On May 1, 2004 the Board appointed Jane Roe as Chief Financial Officer. John Q. Smith, the Company's "
    "Chief Executive Officer, said so. Chief Operating Officer Mark Lee resigned on May 2. "
    "Ann Beth Cole, 52, has been appointed the Company's President. Dr. Paul Hart will retire as Treasurer. "
    + "Filler text about the Director of nothing in particular. " * 30
    + "Mary Ames was named Secretary. Tom Fry stepped down as Controller."
)


def _spans(matches):
    return [(m.span(), {k: v for k, v in m.groupdict().items() if v is not None}) for m in matches]


def test_windowed_forms_match_as_the_whole_pattern():
    assert _spans(_person_matches(TEXT)) == _spans(scan(_person_role_re(), TEXT, _ROLE_ANCHOR, 80, 90))
    names = {h.value for h in find_people(TEXT)}
    assert {"Jane Roe", "John Q. Smith", "Mark Lee", "Ann Beth Cole", "Dr. Paul Hart", "Tom Fry"} <= names


def test_a_window_without_the_verbs_still_finds_the_comma_form():
    text = "Filler. " * 40 + "Robert Doe, Chief Financial Officer, signed." + " More filler." * 40
    assert [h.value for h in find_people(text)] == ["Robert Doe"]
