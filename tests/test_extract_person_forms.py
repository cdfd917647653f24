"""The people finder reads each window with only the forms whose words it holds: the same
matches as the whole pattern."""

from eightk.extract.hits import lowered, scan
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
    assert _spans(_person_matches(TEXT, lowered(TEXT))) == _spans(_person_matches(TEXT))
    names = {h.value for h in find_people(TEXT)}
    assert {"Jane Roe", "John Q. Smith", "Mark Lee", "Ann Beth Cole", "Dr. Paul Hart", "Tom Fry"} <= names


def test_a_window_without_the_verbs_still_finds_the_comma_form():
    text = "Filler. " * 40 + "Robert Doe, Chief Financial Officer, signed." + " More filler." * 40
    assert [h.value for h in find_people(text)] == ["Robert Doe"]


def test_names_found_by_their_first_letter_are_the_searched_ones():
    """people._NAME_AT, searched from each position, gives the start and the groups of the
    people._NAME_RE match found from there (particles "de", "la" and honorifics included)."""
    import random

    from eightk.extract.people import _NAME_AT, _NAME_RE

    vocabulary = ("Jane Roe Mr. Dr. Ms. Messrs. Prof. deGrasse laRue de la Van Von McDonald O'Neil Jr. III J. Q. "
                  "Smith-Jones dale lead du di da le la Chief Officer appointed the CEO 52 , . ( ) \" İ ı")
    words = vocabulary.split()
    rng = random.Random(3)
    for _ in range(300):
        text = "".join(rng.choice(words) + rng.choice(["", " ", "  ", ", ", "\n"]) for _ in range(30))
        for pos in range(0, len(text), 7):
            a, b = _NAME_RE.search(text, pos), _NAME_AT.search(text, pos)
            assert (a is None) == (b is None), (text, pos)
            if a is not None and b is not None:
                assert (a.start(), a.span("hon"), a.span("name"), a.end()) == (b.start(), b.span("hon"), b.span("name"), b.end("name"))
