"""Dates ("February 4, 2003", "Feb. 4, 2003", "2/4/03", "the 4th day of February, 2003") and
reporting periods ("fourth quarter and full year ended December 31, 2002"), to ISO.

Why hand-written rules: general date parsers (dateutil and the like) guess at any digit run
and would read "Item 2.02", "Rule 14a-11" or a zip code as dates; filings use a few fixed
styles, listed here, and each needs a month name, a day-of phrase or a slash form with a
plausible year. A date that cannot exist ("February 30, 2003") is kept as printed, with a
null value and a problem the caller turns into an anomaly.
"""

from __future__ import annotations

import datetime as dt
import re

from eightk.extract.hits import Hit, Hits, full, scan, stopped
from eightk.months import month_number

_MONTH = (
    r"(?i:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "twenty-first": 21, "twenty-second": 22, "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
    "twenty-sixth": 26, "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31,
}
_ORD_ALT = "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True))

#: Markers every date pattern contains (see :func:`eightk.extract.hits.scan`).
_DATE_ANCHOR = re.compile(
    r"[JFMASOND\d](?:(?:an|eb|ar|pr|ay|un|ul|ug|ep|ct|ov|ec|AN|EB|AR|PR|AY|UN|UL|UG|EP|CT|OV|EC)[a-zA-Z]*\.?,?\s+\d|/\d|\d{3}-\d\d-)"
)


def _int_day(s: str) -> int:
    s = s.lower()
    if s in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[s]
    return int(re.match(r"\d+", s).group(0))  # type: ignore[union-attr]


def _year(s: str) -> int:
    y = int(s)
    if len(s) == 2:
        y += 1900 if y >= 50 else 2000
    return y


_MONTH_AT = re.compile(_MONTH)
_NUMERIC_RE = re.compile(
    rf"(?<![\w./-])(?P<m4>[01]?\d)/(?P<d4>[0-3]?\d)/(?P<y4>\d{{4}}|\d{{2}})(?![\w/]|\.\d)"
    rf"|(?<![\w.-])(?P<y5>{_YEAR})-(?P<m5>[01]\d)-(?P<d5>[0-3]\d)(?![\w-])"
)
_MDY_AT = re.compile(rf"(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}),?\s+(?P<y1>{_YEAR})(?!\d)")
_MY_AT = re.compile(rf"(?P<m>{_MONTH}),?\s+(?:(?:in\s+)?the\s+year\s+)?(?P<y>{_YEAR})(?!\d)")
_DAY_BEFORE = re.compile(rf"(?:(?<![\w.,/])(?P<d>{_DAY})|(?P<dd>{_DAY}|(?i:{_ORD_ALT}))\s+day\s+of)\s+$")


#: How far before its anchor a date can start ("the 4th day of May, 2003" is read back from the month).
_READ_BACK = 40


def _dates_at(text: str, p: int) -> tuple[int, int, tuple[int, int, int]] | None:
    """The date whose month name starts at ``p``: month-day-year, or day-month-year and
    "the 4th day of <month>, <year>" read backwards from the month."""
    m = _MDY_AT.match(text, p)
    if m:
        return m.start(), m.end(), (int(m.group("y1")), month_number(m.group("m1")), _int_day(m.group("d1")))
    m = _MY_AT.match(text, p)
    if not m:
        return None
    lo = max(0, p - _READ_BACK)
    b = _DAY_BEFORE.search(text[lo:p])
    if not b:
        return None
    day = b.group("d") or b.group("dd")
    return lo + b.start(), m.end(), (int(m.group("y")), month_number(m.group("m")), _int_day(day))


def find_dates(text: str, limit: int | None = None) -> Hits:
    """Dates, with their ISO value (None and a problem when the date cannot exist).
    ``limit``: stop reading after that many candidates (see :class:`eightk.extract.hits.Hits`)."""
    found: list[tuple[int, int, tuple[int, int, int], bool]] = []
    horizon = None
    for a in _DATE_ANCHOR.finditer(text):
        if full(limit, found):
            horizon = max(0, a.start() - _READ_BACK)  # no unread anchor gives a date before it
            break
        if a.group(0)[0].isdigit():
            m = _NUMERIC_RE.search(text, max(0, a.start() - 2), a.end() + 10)
            if m:
                if m.group("m4") is not None:
                    ymd = (_year(m.group("y4")), int(m.group("m4")), int(m.group("d4")))
                else:
                    ymd = (int(m.group("y5")), int(m.group("m5")), int(m.group("d5")))
                found.append((m.start(), m.end(), ymd, True))
            continue
        mm = _MONTH_AT.match(text, a.start())
        if mm is None or (a.start() > 0 and text[a.start() - 1].isalpha()):
            continue
        r = _dates_at(text, a.start())
        if r:
            found.append((*r, False))
    hits = []
    last_end = -1
    for start, end, (y, mo, d), numeric in sorted(found, key=lambda f: (f[0], -f[1])):
        if horizon is not None and start >= horizon:
            break
        if start < last_end:
            continue
        last_end = end
        if numeric and (mo == 0 or mo > 12 or d == 0 or d > 31):
            continue  # "13/45/99" is not a date at all: a fraction or a reference number
        raw = text[start:end]
        hit = Hit("date", start, end, raw, None)
        try:
            hit.value = dt.date(y, mo, d).isoformat()
        except ValueError:
            hit.problem = ("impossible_date", f"date {raw!r} cannot exist (year {y}, month {mo}, day {d})")
        hits.append(hit)
    return stopped(hits, horizon)


# --- periods ----------------------------------------------------------------------------------

_QUARTER = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final)\s+(?:fiscal\s+)?quarter"
_LENGTH = (
    rf"(?:{_QUARTER}(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?{_YEAR})?(?:\s+and\s+(?:the\s+)?(?:full|fiscal|entire)\s+(?:fiscal\s+)?year)?"
    r"|(?:(?:three|six|nine|3|6|9|thirteen|twenty-six|13|26)\s+and\s+)?(?:three|six|nine|twelve|3|6|9|12|thirteen|twenty-six|thirty-nine|fifty-two|fifty-three|13|26|39|52|53)[\s-]+(?:months|weeks)"
    r"(?:\s+and\s+(?:three|six|nine|twelve|3|6|9|12)[\s-]+months)?"
    r"|(?:full|fiscal|calendar)\s+(?:fiscal\s+)?year|quarter|year|(?:fiscal\s+)?period|(?:\w+\s+)?quarters)"
)
PERIOD_RE = re.compile(
    rf"(?i:(?:the\s+)?{_LENGTH})\s+(?:then\s+)?(?:ended|ending|ends)\s+(?:on\s+)?(?P<date>{_MONTH}\s+{_DAY},?\s+{_YEAR}|{_MONTH}\s+{_DAY}(?=\s+and))"
)
_MONTHS_OF = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}

_PERIOD_ANCHOR = re.compile(r"[Ee](?:nded|nding|nds|NDED|NDING)\s+(?:on\s+)?[JFMASOND]")


def find_periods(text: str, limit: int | None = None) -> Hits:
    """Reporting periods: "fourth quarter and full year ended December 31, 2002" -> a
    ``period`` fact whose value is the period end (2002-12-31), spanning the phrase."""
    hits: list[Hit] = Hits()
    for m in scan(PERIOD_RE, text, _PERIOD_ANCHOR, 110, 40):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        phrase = m.group(0)
        d = find_dates(m.group("date"))
        if not d or not d[0].value:
            continue
        low = phrase.lower()
        lengths = []
        if "quarter" in low:
            lengths.append("quarter")
        for word, n in _MONTHS_OF.items():
            if re.search(rf"\b{word}(?:\s+and\s+[\w-]+)?[\s-]+months", low):
                lengths.append(f"{n} months")
        wk = re.search(r"\b(\d+|thirteen|twenty-six|thirty-nine|fifty-two|fifty-three)[\s-]+weeks", low)
        if wk:
            lengths.append(f"{wk.group(1)} weeks")
        if not lengths and "period" in low:
            lengths.append("period")
        if re.search(r"\b(?:full|fiscal|calendar)\s+(?:fiscal\s+)?year|(?<!\w)year\s+(?:then\s+)?end", low):
            lengths.append("year")
        attrs = {"end": d[0].value, "lengths": lengths}
        hits.append(Hit("period", m.start(), m.end(), phrase, d[0].value, attributes=attrs))
    return stopped(hits, None)
