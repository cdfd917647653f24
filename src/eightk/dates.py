"""Dates, read one way for every layer: the filing text ("February 4, 2003", "FEBRUARY 4 , 2003",
"Feb. 4, '03", "2/4/03", "2-4-03", "2003-02-04", "4 February 2003", "the 4th day of February,
2003"), the EDGAR header ("20030204", "20030204161523"), the iXBRL date transforms and the
store's query bounds ("2003-02", "2003"). Months come from :mod:`eightk.months`; whether a date
can exist is decided by :func:`make_date`; two-digit years by :func:`full_year`.

Hand-written rather than a generic fuzzy parser (dateutil and the like): those read "10.1",
"Item 5", "Rule 14a-11" or a zip code as dates and give no spans, while 8-Ks print a few fixed
styles, each needing a month name, a "day of" phrase or a numeric form with a plausible year.

The grammar, in words (the examples are in ``tests/data/dates.tsv``):

* month name (full, three letters, "Sept"; a dot allowed; a capital first letter: "February",
  "FEBRUARY", not "february", so the verbs "may" and "march" are never read), day (digits, "4th"),
  then a comma or white space, then the year: four digits 1800-2099, or two after an
  apostrophe ("'03"). A bare two-digit year is refused: "December 31, 25 employees" and a
  table's "December 31   10" are days without a year; "December 2023" is a month, not
  December 20, '23.
* day before the month: "4 February 2003", "4th day of February, 2003", "the twenty-eighth
  day of June, 2002".
* numbers: month/day/year or month-day-year (two- or four-digit year, one separator), not
  next to other digits, slashes, dashes, dots or letters; year-month-day, not next to digits,
  dashes, dots or letters (a URL's "/2022-03-31/" is one). So "10.1", "43-1809960" and
  "333-12345" are no dates. A month past 12 or a day past 31 ("13/45/99")
  is a fraction or a reference, not a date.

:func:`scan_dates` is the one scanner; a date that cannot exist ("February 30, 2003") is kept
with ``value=None``, so the fact extractor can report it as an anomaly. The grammar's callers
(cover page, signatures) want a real date and use :func:`find_date`, the first date of a line
that exists: a filing field cannot hold February 30. That filter is the only difference in
policy between the two uses.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from typing import NamedTuple

from eightk.digits import ascii_digits
from eightk.months import month_number

_MONTH = (
    r"(?=[A-Z])(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DAY = r"[0-3]?[0-9](?i:st|nd|rd|th)?"
_YEAR = r"(?:1[89][0-9]{2}|20[0-9]{2}|'[0-9]{2})(?![0-9])"
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24,
    "twenty-fifth": 25, "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28,
    "twenty-ninth": 29, "thirtieth": 30, "thirty-first": 31,
}
_ORDINAL = "|".join(sorted(_ORDINALS, key=len, reverse=True))

#: Month name, day, year: "February 4, 2003", "FEBRUARY 4 , 2003", "Feb.4,'03".
_MDY = re.compile(rf"(?P<m>{_MONTH})\.?\s*(?P<d>{_DAY})(?:\s*,\s*|\s+)(?P<y>{_YEAR})")
#: Month name and year, read when a day stands before the month.
_MY = re.compile(rf"(?P<m>{_MONTH})\.?(?:\s*,\s*|\s+)(?P<y>{_YEAR})")
#: The day before a month name, matched against the 40 characters before it.
_DAY_BEFORE = re.compile(
    rf"(?:(?<![\w.,/])(?P<d>{_DAY})|(?P<dd>{_DAY}|(?i:{_ORDINAL}))\s+(?i:day\s+of))\s+$"
)
#: The last characters of what precedes the white space _DAY_BEFORE ends with: a digit, the
#: ordinal suffixes' ("st", "nd", "rd", "th") and "of"'s, in either case (no other character
#: folds to these letters).
_DAY_BEFORE_ENDS = frozenset("0123456789tdhfTDHF")
_NUMERIC = re.compile(
    r"(?<![\w./-])(?P<m>[01]?[0-9])(?P<sep>[/-])(?P<d>[0-3]?[0-9])(?P=sep)(?P<y>(?:1[89]|20)?[0-9]{2})"
    r"(?![\w/-]|\.[0-9])"
    r"|(?<![\w.-])(?P<iy>(?:1[89]|20)[0-9]{2})-(?P<im>[01]?[0-9])-(?P<id>[0-3]?[0-9])(?![\w-])"
)
#: Where a date can be: a month name followed by a digit (or an apostrophe year), or a digit
#: followed by a slash or dash and a digit. Starts with a character class so the regex engine
#: skips other characters in C (see :func:`eightk.extract.hits.scan`): the extractor runs this
#: over every document. The lookahead holds the characters every alternative can open with, so
#: most candidates (a digit before a space or a comma) fail at once (measured: a sixth less time);
#: the one before the month names does so for a digit before a digit (a tenth less again).
DATE_ANCHOR = re.compile(
    r"[JFMASOND0-9](?=[aeupcoAEUPCO0-9/-])(?:(?=[aeupcoAEUPCO])(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec|AN|EB|AR|PR|AY|UN|UL|UG|EP|CT|OV|EC)"
    r"[a-zA-Z]*\.?\s*,?\s*[0-9']|[0-9]?/[0-9]|[0-9]?-[0-9][0-9]?-[0-9]|[0-9]{3}-[0-9][0-9]?-[0-9])"
)


class DateMatch(NamedTuple):
    """A date printed at ``text[start:end]``; ``value`` is None when it cannot exist. (A named
    tuple, immutable as the frozen dataclass it was, made in a fifth of the time: a frozen
    dataclass sets each field through ``object.__setattr__``, ~2 us a date, a tenth of reading
    the dates of a filing on the corpus.)"""

    start: int
    end: int
    year: int
    month: int
    day: int
    value: dt.date | None


def full_year(year: int) -> int:
    """Two-digit years pivot at 50: '03 -> 2003, '99 -> 1999; longer years are kept."""
    if year >= 100:
        return year
    return year + (1900 if year >= 50 else 2000)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it cannot exist (February 30, month 13)."""
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):  # OverflowError: a day of twenty digits
        return None


def _year(raw: str) -> int:
    return full_year(int(raw.lstrip("'")))


def _day(raw: str) -> int:
    low = raw.lower()
    return _ORDINALS[low] if low in _ORDINALS else int(low.rstrip("stndrh"))


def _match(start: int, end: int, y: int, m: int, d: int) -> DateMatch:
    return DateMatch(start, end, y, m, d, make_date(y, m, d))


def _month_date(text: str, p: int) -> DateMatch | None:
    """The date whose month name starts at ``p``: month-day-year, else day-month-year read
    back from the month ("4 February 2003", "the 4th day of February, 2003")."""
    if p and text[p - 1].isalnum():
        return None  # "Omar 4, 2003", "3May"
    m = _MDY.match(text, p)
    if m:
        month = month_number(m.group("m"))
        return _match(p, m.end(), _year(m.group("y")), month or 0, _day(m.group("d")))
    m = _MY.match(text, p)
    if not m:
        return None
    lo = max(0, p - 40)
    # _DAY_BEFORE ends in white space after a day ("4", "4th") or "day of": a search of its
    # ordinals at each of the 40 characters (13 us, and on the corpus it never finds one) is
    # made only when the text before that white space ends as those do
    head = text[lo:p].rstrip()
    if len(head) == p - lo or head[-1:] not in _DAY_BEFORE_ENDS:
        return None
    b = _DAY_BEFORE.search(text, lo, p)
    if not b:
        return None
    month = month_number(m.group("m"))
    return _match(b.start(), m.end(), _year(m.group("y")), month or 0, _day(b.group("d") or b.group("dd")))


def _numeric_date(text: str, p: int) -> DateMatch | None:
    """The numeric date around the digit at ``p`` ("2/4/03", "2-4-03", "2003-02-04")."""
    m = _NUMERIC.search(text, max(0, p - 2), p + 16)
    if not m or m.start() > p:
        return None  # a date further on is read at its own anchor, its end not cut by the window
    if m.group("m") is not None:
        y, mo, d = _year(m.group("y")), int(m.group("m")), int(m.group("d"))
    else:
        y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None  # "13/45/99": a fraction or a reference number, not a date
    return _match(m.start(), m.end(), y, mo, d)


def scan_dates(text: str, anchors: Iterable[re.Match[str]] | None = None) -> list[DateMatch]:
    """Every date printed in ``text``, in order, not overlapping (at one place the longest);
    dates that cannot exist are included with ``value=None``. ``anchors``: the matches of
    ``DATE_ANCHOR.finditer(text)``, when the caller has a faster way to them (see
    :func:`eightk.extract.dates.find_dates`)."""
    found = []
    for a in DATE_ANCHOR.finditer(text) if anchors is None else anchors:
        p = a.start()
        got = _numeric_date(text, p) if text[p].isdigit() else _month_date(text, p)
        if got is not None:
            found.append(got)
    out: list[DateMatch] = []
    for d in sorted(found, key=lambda d: (d.start, -d.end)):
        if not out or d.start >= out[-1].end:
            out.append(d)
    return out


def find_date(text: str) -> tuple[dt.date, int, int] | None:
    """The first date in ``text`` that exists, with its ``[start, end)`` offsets, or None."""
    for d in scan_dates(text):
        if d.value is not None:
            return d.value, d.start, d.end
    return None


def parse_date_text(text: str) -> dt.date | None:
    """The first date written in ``text`` that exists, or None."""
    found = find_date(text)
    return found[0] if found else None


# --- dates written for machines: the EDGAR header, iXBRL transforms, query bounds ------------


_NOT_ASCII_DIGIT = re.compile(r"[^0-9]")


def _header_digits(value: str | None) -> str:
    """The ASCII digits of a header value. (Most are digits alone, "19940128": returned as they
    are, where the pattern's search cost a few microseconds a call, several a header.)"""
    if not value:
        return ""
    return value if ascii_digits(value) else _NOT_ASCII_DIGIT.sub("", value)


def compact_date(value: str | None) -> dt.date | None:
    """An EDGAR header date, "19940128" (other characters ignored: "1994-01-28"); None when
    absent, short or impossible. ASCII digits only: other scripts' digits are no header date."""
    digits = _header_digits(value)
    if len(digits) < 8:
        return None
    return make_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def compact_datetime(value: str | None) -> dt.datetime | None:
    """An EDGAR acceptance time, "20030204161523"; a bare date is midnight; None when impossible."""
    digits = _header_digits(value)
    d = compact_date(digits)
    if d is None or len(digits) < 14:
        return dt.datetime(d.year, d.month, d.day) if d else None
    try:
        return dt.datetime(d.year, d.month, d.day, int(digits[8:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return None


# compiled once (re.sub(str, ...) looks the pattern up per call); the suffix is matched after a
# digit, not with it, so it is replaced by "" rather than by a template (r"\1"): re parses a
# template through a cache of its own, per call, and in the parse (a cold cache) that made this
# 10 us of the 30 us the call took (145 calls over the corpus: 4.3 -> 2.3 ms)
_DATE_PUNCT = re.compile(r"[,./-]")
_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")


def ordered_date(text: str, order: str) -> str:
    """An iXBRL transform's date, its parts in a known order ('mdy', 'dmy', 'ymd', or 'md' for a
    day without year) -> ISO text ("--02-04" for 'md'); ValueError when it is not one."""
    low = _DATE_PUNCT.sub(" ", text.lower())
    low = _ORDINAL_SUFFIX.sub("", low)
    month = None
    nums: list[int] = []
    for t in low.split():
        if ascii_digits(t):  # not str.isdigit: "²" would crash int(), "٣" would be read as 3
            nums.append(int(t))
        elif month is None:
            month = month_number(t)
    day = year = None
    if month is not None:  # a month name: the numbers are the day and the year
        if order == "ymd" and len(nums) >= 2:
            year, day = nums[:2]
        else:
            day, year = (nums + [None, None])[:2]
    elif len(nums) >= 3:
        first, second, third = nums[:3]
        day, month, year = {"dmy": (first, second, third), "ymd": (third, second, first)}.get(
            order, (second, first, third))
    elif len(nums) == 2 and order == "md":
        month, day = nums
    if month is None or day is None:
        raise ValueError(f"not a date: {text!r}")
    if year is None:
        if order == "md":
            return f"--{month:02d}-{day:02d}"
        raise ValueError(f"no year in date: {text!r}")
    d = make_date(full_year(year), month, day)
    if d is None:
        raise ValueError(f"impossible date: {text!r}")
    return d.isoformat()


def bound_date(text: str, *, end: bool = False) -> dt.date | None:
    """A query bound: "2004-08-23"; a month ("2004-08") or a year ("2004") means its first day,
    or with ``end`` its last. None when it is no such date."""
    m = re.fullmatch(r"([0-9]{4})(?:-([0-9]{1,2})(?:-([0-9]{1,2}))?)?", text.strip())
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2) or (12 if end else 1))
    if not 1 <= month <= 12:
        return None
    day = m.group(3) or (calendar.monthrange(year, month)[1] if end else 1)
    return make_date(year, month, int(day))
