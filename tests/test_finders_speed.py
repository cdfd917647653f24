"""The finders' shortcuts find what the plain reading finds.

Each shortcut of the fact finders (a possessive run in a pattern, a string search before a
regex) is compared with the plain path it replaces, on texts generated from the words those
patterns are written for (so that matches, near-misses and backtracking all occur).
"""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from eightk import extract
from eightk.extract import amounts, dates, numbers, parties, people, securities
from eightk.extract.hits import CapitalWords, lowered, scan
from tests.test_extract_first_letters import _without_check


def _plain(rx: re.Pattern[str]) -> re.Pattern[str]:
    """``rx`` with its possessive runs ("++", "*+") made plain greedy ones."""
    assert "\\++" not in rx.pattern and "\\*+" not in rx.pattern  # no escaped "+" or "*" before a "+"
    return re.compile(rx.pattern.replace("++", "+").replace("*+", "*"), rx.flags)


def _matches(rx: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in rx.finditer(text)]


_SPACES = [" ", " ", "  ", "\n", "\t", "\u00a0", ",", ", ", ".", "-", "'s", "’s", "(", ")"]
_PERSON_WORDS = [
    "John", "Jane", "Q.", "R.", "Smith", "Roe", "Mary-Ann", "Lee-Smith", "Mr.", "Ms.", "Mrs.", "Dr.", "de", "van",
    "McDonald", "O'Neil", "Jr.", "Sr.", "III", "II", "IV", "Chief", "Financial", "Executive", "Officer", "Vice",
    "President", "Senior", "Interim", "Co-", "Chairman", "Director", "General", "Counsel", "CEO", "CFO", "Principal",
    "Accounting", "and", "&", "of", "the", "Company", "Board", "Directors", "Registrant", "appointed", "named",
    "elected", "promoted", "hired", "as", "to", "serve", "position", "resigned", "retired", "will", "retire",
    "step", "down", "stepped", "from", "his", "her", "role", "has", "been", "was", "is", "age", "52", "former",
    "new", "our", "its", "Bank", "Corporation", "The", "A", "ABC", "x",
    # whole names, roles and the phrases between them, so that matches are frequent
    "John Q. Smith", "Mr. Roe", "Jane Roe-Lee, Jr.", "Maria de la Cruz", "Dr. Ann O'Neil", ", the Company's ",
    " was appointed ", " has been named to serve as ", " resigned as ", " appointed ", ", 52, ",
    " will step down from her role as ", "Chief Financial Officer", "Senior Vice President, General Counsel",
    "President and Chief Executive Officer", "Chief Executive Vice Officer", "Chairman of the Board", " and ",
    "Messrs.", "Arnold", "Tan", '"Bob"', "(Bob)", "Macdonald", "DeLuca", "Dean", "la", "van der", "J. R.",
]
_CLASS_WORDS = [
    "Series", "Class", "A", "B", "1", "A-1", "Convertible", "convertible", "Redeemable", "Cumulative",
    "Non-Cumulative", "Non-Voting", "non-voting", "Voting", "Preferred", "preferred", "Common", "common", "Ordinary",
    "Capital", "capital", "class", "Stock", "stock", "Shares", "shares", "share", "Units", "units", "American",
    "Depositary", "depositary", "ADS", "ADSs", "6.5%", "7%", "1.25", "Floating", "Rate", "Fixed-to-Floating",
    "Stock Exchange", "Total", "The", "Holders", "par", "value", "$", "$.01", "0.001", "per", "none", "no", "of",
    "the", "Company's", "its", "1,000", "20,000", "ten", "million", "additional", "restricted", "x", "XY.Z",
    "Series A Convertible Preferred Stock", "6.5% Non-Cumulative Preferred Stock", "Class B common stock",
    "American Depositary Shares", "shares of common stock", ", par value $0.01 per share", "Floating Rate Preferred Units",
]


def _texts(words: list[str]) -> st.SearchStrategy[str]:
    piece = st.sampled_from(words) | st.sampled_from(_SPACES)
    return st.lists(piece, max_size=60).map(" ".join) | st.lists(piece, max_size=60).map("".join)


@settings(max_examples=300, deadline=None)
@given(_texts(_PERSON_WORDS))
def test_person_patterns_match_as_without_possessive_runs(text: str) -> None:
    rxs = (parties._person_role_re(), parties._person_pattern((0, 2)), people._ROLE_RE, people._NAME_RE,
           people._SURNAME_REF, people._MESSRS)
    for rx in rxs:
        assert _matches(rx, text) == _matches(_plain(rx), text)
    name = re.compile(parties._NAME)
    assert (name.fullmatch(text) is None) == (_plain(name).fullmatch(text) is None)


@settings(max_examples=300, deadline=None)
@given(_texts(_CLASS_WORDS))
def test_class_patterns_match_as_without_possessive_runs(text: str) -> None:
    for rx in (securities._stock_re(), amounts._shares_re(), re.compile(amounts.CLASS)):
        assert _matches(rx, text) == _matches(_plain(rx), text)


_TABLE_WORDS = ["in thousands", "In Millions", "IN THOUSANDS", "MILLIONS", "thousand", "millions", "Thousands",
                "in", "$", "1,234", "(5)", "İ", "\u212a", "total", "\n", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TABLE_WORDS), max_size=30).map(" ".join), st.data())
def test_money_table_reads_as_the_plain_test(text: str, data: st.DataObject) -> None:
    s = data.draw(st.integers(0, len(text)))
    e = data.draw(st.integers(s, len(text)))
    plain = "$" in text[s:e] or amounts._IN_UNITS.search(text, s, e) is not None
    assert amounts._money_table(text, s, e, lowered(text)) == plain
    assert amounts._money_table(text, s, e, None) == plain


_CODE_WORDS = ["USD", "EUR", "XSD", "USDX", "XUSD", "usd", "USD_", "USD1", "1USD", "GBPé", "ÉUR", "JPY", "ILS",
               "KRW", "ABC", "AB", "ABCD", "US$", "Inc", "\u212aRW", "A", " ", "  ", "\n", ".", "-", "(", "5", "İ", "—"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CODE_WORDS), max_size=40).map("".join))
def test_code_anchor_sieve_finds_what_its_pattern_finds(text: str) -> None:
    anchor = amounts._MONEY_ANCHORS[0][1]
    assert isinstance(anchor, CapitalWords)
    assert [m.span() for m in anchor.finditer(text)] == [m.span() for m in anchor.rx.finditer(text)]


_SECURITY_WORDS = ["7.25%", "5%", "%", "1,000.5%", "Senior", "senior", "Secured", "Convertible", "Notes", "notes",
                   "NOTES", "Debentures", "bonds", "due", "2012", "1999", "five-year", "five", "year", "10-year",
                   "ten-year-old", "-", "performance", "common stock", "stock purchase", "purchase", "penny",
                   "warrants", "Warrant", "options", "Option", "WARRANTS", "exercise price of $0.75 per share", "x",
                   "7.25% Senior Notes due 2012", "5% Convertible Debentures", "five-year warrants", "10-year options"]


@settings(max_examples=300, deadline=None)
@given(_texts(_SECURITY_WORDS))
def test_security_patterns_and_the_percent_check_find_the_same(text: str) -> None:
    rx = securities._warrant_re()
    assert _matches(rx, text) == _matches(_plain(rx), text)
    # the notes finder reads only texts and windows holding a "%": every note's rate has one
    notes, anchor = securities._note_re, securities._NOTE_ANCHOR
    for low in (None, lowered(text)):
        with_check = [(m.span(), m.groups()) for m in scan(notes, text, anchor, 70, 20, low, needs="%")]
        assert with_check == [(m.span(), m.groups()) for m in scan(notes, text, anchor, 70, 20, low)]


_ORG_WORDS = ["Acme", "Holdings", "Widget", "Corp.", "Inc.", ", Inc.", "L.P.", ", L.P.", "LLC", "Company", "the",
              "The", "of", "for", "&", "and", "Welsh", ",", "Carson", "Anderson", "Stowe", "Bank", "N.A.", "3M", "10.1",
              "Item", "By", "O'Neil", "Smith-Jones", "Trust", "Co.", "Ltd", "x", "Ü", "ab_c", "(", "\"", "Partners"]


@settings(max_examples=300, deadline=None)
@given(_texts(_ORG_WORDS), st.integers(1, 40))
@example("Acme Corp.", 1)  # no token in the last characters: the whole window is read
@example("Acme" + " " * 70 + "Corp.", 40)
def test_name_walk_on_the_last_tokens_agrees_with_the_whole_window(text: str, back: int) -> None:
    """Read from tokens of the window's end, the walk back from a suffix takes the tokens it
    takes from the whole window's, or says it came too near their first (then the finder reads
    the whole window)."""
    for m in parties._SUFFIX_RE.finditer(text):
        sfx_start = m.start() + len(m.group(0)) - len(m.group(0).lstrip(", \n\t\r"))
        whole = parties._name_tokens(text, list(parties._TOKEN_RE.finditer(text, 0, m.start())), sfx_start, 0)
        near = max(0, m.start() - back)
        part = parties._name_tokens(text, list(parties._TOKEN_RE.finditer(text, near, m.start())), sfx_start, 3)
        assert whole is not None
        if part is not None:
            assert [t.span() for t in part] == [t.span() for t in whole]


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789abcXYZ $,.()\n\u0663\u00b2\u2463\u0966\uff11—’\u00a0é\ud800"
                                        "\U0001d7ce"), max_size=80))
def test_numeric_table_counts_digits_as_the_plain_reading(chunk: str) -> None:
    """The digits of other scripts are counted among the non-ASCII characters as a regex
    picking those characters out counted them."""
    digits = sum(c.isascii() and c.isdigit() for c in chunk)
    digits += sum(map(len, re.findall(r"\d+", "".join(_NON_ASCII.findall(chunk)))))
    letters = sum(c.isascii() and c.isalpha() for c in chunk)
    assert extract._is_numeric_table(chunk) == (digits * 3 > letters)


_PERIOD_WORDS = ["the", "The", "THE", "three", "ſix", "six", "nine", "twelve", "3", "12", "13", "52", "fifty-two",
                 "twenty-six", "months", "weeks", "month", "and", "first", "Fourth", "4th", "final", "fiscal", "Fiscal",
                 "quarter", "QUARTER", "quarters", "two quarters", "xquarter", "year", "full", "calendar", "period",
                 "ended", "ending", "ends", "then", "on", "December 31, 2002", "x", "Kelvin", "2003",
                 "six months ended", "ſix months ended", "Second Quarter ended", "the three months then ended on",
                 "two quarters ended", "xquarter ended", "Calendar Year ending", "period ended", "52 weeks ended"]


@settings(max_examples=300, deadline=None)
@given(_texts(_PERIOD_WORDS))
def test_period_first_letters_change_nothing(text: str) -> None:
    rx = dates.period_re()
    check = "(?=(?i:[tfsnqycp\\d]|\\w++\\s++quarters))"
    assert rx.pattern.startswith(check)
    plain = re.compile("(?=\\w)" + rx.pattern[len(check) :], rx.flags)
    assert _matches(rx, text) == _matches(plain, text)


@settings(max_examples=300, deadline=None)
@given(_texts(_PERSON_WORDS + ["Mr", "Ms", "Mrs", "Dr", "Prof", "Prof.", "xMr.", "_Dr.", "3Ms.", "Messrs.", "M", "Profs"]),
       st.integers(0, 20))
def test_surname_reference_checks_its_boundary_after_the_first_letter(text: str, pos: int) -> None:
    word = people._WORD
    leading = re.compile(rf"(?=[MDP])\b(?P<hon>Mr|Ms|Mrs|Dr|Prof)\.?\s+(?P<name>{word}(?:\s+{word})?)")
    pos = min(pos, len(text))
    got = [(m.span(), m.groups()) for m in people._SURNAME_REF.finditer(text, pos)]
    assert got == [(m.span(), m.groups()) for m in leading.finditer(text, pos)]


_NUMBER_WORDS = numbers._NUMWORD.split("|") + ["ſix", "SEVENTY", "Twenty-Five", "and", "-", "sevens", "x", "1"]


@settings(max_examples=300, deadline=None)
@given(_texts(_NUMBER_WORDS))
def test_number_words_grouped_by_first_letter_match_as_the_plain_alternation(text: str) -> None:
    plain = rf"(?:(?:{numbers._NUMWORD})(?:(?:\s+|-)(?:and\s+)?(?:{numbers._NUMWORD})){{0,23}})"
    assert plain != numbers.WORDS
    for flags in (0, re.I):
        for tail in ("", r"\s?(?:%|percent)", r"\s+shares"):
            grouped = re.compile(numbers.WORDS + tail, flags)
            assert _matches(grouped, text) == _matches(re.compile(plain + tail, flags), text)


@settings(max_examples=300, deadline=None)
@given(_texts(_SECURITY_WORDS + ["stock purchase warrants", "common stock warrants", "penny warrants",
                                 "performance options", "5-year warrants", "five year options"]))
def test_warrant_first_check_changes_nothing(text: str) -> None:
    rx = securities._warrant_re()
    assert _matches(rx, text) == _matches(_without_check(rx), text)


_CLASS_STOP_WORDS = ("Stock|Exchange|Corporation|Company|Inc|Total|The|Our|Its|Common|Preferred|Shares|Holders?|Each|All"
                     "|Which|Registered|Title|Name|Trading|Symbols?|Outstanding|Issued|Authorized")


@settings(max_examples=300, deadline=None)
@given(_texts(_CLASS_WORDS + ["Theory", "Its", "Issued", "Title", "Trading", "Symbol", "Symbols", "Eachx", "Nameless",
                              "Issued Common Stock", "The Preferred Stock", "Its Series A Preferred Stock",
                              "Total Common Stock", "Theory Common Stock", "Authorized Capital Stock"]))
def test_class_stop_words_grouped_by_first_letter_change_nothing(text: str) -> None:
    grouped = re.search(r"\(\?!\((.*?)\)\\b\)", amounts.CLASS)
    assert grouped is not None
    listed = re.compile(amounts.CLASS.replace(grouped.group(1), "?:" + _CLASS_STOP_WORDS, 1))
    assert listed.pattern != amounts.CLASS
    assert _matches(re.compile(amounts.CLASS), text) == _matches(listed, text)


_MONEY_WORDS = ["$", "$1,000", "$ 5", "($1,234)", "US$", "U.S. $", "C$", "€", "£40m", "1.5", "million", "10", "ten",
                "twenty-five", "thousand", "dollars", "Dollars", "euros", "pounds", "yen", "francs", "renminbi",
                "USD", "EUR", "GBP 12", "40 million EUR", "per", "share", "(", ")", "x", "Fr.", "CHF", "1,23"]


def _money_merged(text: str, low: str | None) -> list[re.Match[str]]:
    """The plain reading of amounts._money_matches: all three streams merged, stream order
    breaking ties, the longest of overlapping matches kept."""
    streams = [list(amounts._sign_matches(text))]
    streams += [list(scan(rx, text, anchor, b, a, low)) for rx, anchor, b, a in amounts._MONEY_ANCHORS]
    ranked = sorted((m.start(), -m.end(), i, k) for i, s in enumerate(streams) for k, m in enumerate(s))
    out, last_end = [], -1
    for start, _, i, k in ranked:
        if start >= last_end:
            out.append(streams[i][k])
            last_end = streams[i][k].end()
    return out


@settings(max_examples=300, deadline=None)
@given(_texts(_MONEY_WORDS))
@example("$5 and 10 dollars")
@example("EUR 5 and $5")
def test_money_streams_read_alone_or_merged_give_the_same(text: str) -> None:
    for low in (None, lowered(text)):
        got = [(m.span(), m.groups()) for m in amounts._money_matches(text, low)]
        assert got == [(m.span(), m.groups()) for m in _money_merged(text, low)]


@settings(max_examples=300, deadline=None)
@given(_texts(_MONEY_WORDS + ["¥", "₹", "$$", "€5", "(1,234)", "x(5)", ".(5)", "((5))", "(404) 555", "(5)\t6"]))
def test_sign_places_and_table_negatives_find_what_their_plain_patterns_find(text: str) -> None:
    assert amounts._sign_places(text) == [m.start() for m in re.finditer("[$€£¥₹]", text)]
    plain = re.compile(rf"(?<![\w.])\((?P<num>{numbers.NUM})\)(?![ \t]*\d)")
    for pos in (0, 1, 3):
        assert _matches(amounts.TABLE_NEG_RE, text[pos:]) == _matches(plain, text[pos:])
        got = [(m.span(), m.groups()) for m in amounts.TABLE_NEG_RE.finditer(text, pos)]
        assert got == [(m.span(), m.groups()) for m in plain.finditer(text, pos)]


_NOT_ATTACHED_WORDS = ["Incorporated", "INCORPORATED", "herein", "by", "Reference", "previously", "Filed", "filed",
                       "included", "in", "Contained", "as", "an", "Exhibit", "with", "the", "Furnished", "See",
                       "(", "Paper", "format", "Form", "SE", "x", "\u0130ncluded", "\u0131ncluded", "\u017fee",
                       "Form \u017fE", "’", "é", "10.1"]


@settings(max_examples=300, deadline=None)
@given(_texts(_NOT_ATTACHED_WORDS))
@example("filed as an exhibit")
def test_not_attached_words_test_agrees_with_the_pattern(text: str) -> None:
    assert extract._not_attached_ok(text) == (extract._NOT_ATTACHED_OK.search(text) is not None)
