"""Dates as 8-Ks print them: "February 4, 2003", "Feb. 4, 2003", "FEBRUARY 4,2003",
"2/4/03", "02/04/2003", "4th day of February, 2003", "4 February 2003", "2003-02-04".

Hand-written because the grammar needs the *span* of the first date in a line and must refuse
what is not a date (a generic fuzzy parser happily reads "10.1" or "Item 5" as dates).
"""

from __future__ import annotations

import datetime as dt
import re

from eightk.months import month_number

_MONTH = (
    r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|"
    r"aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d|'?\d\d)"
_PATTERNS = [
    # February 4, 2003 / Feb. 4 , 2003 / FEBRUARY 4,2003 / February 4th, 2003
    re.compile(rf"\b{_MONTH}\s*{_DAY}\s*,?\s*{_YEAR}\b", re.I),
    # 4th day of February, 2003
    re.compile(rf"\b{_DAY}\s+day\s+of\s+{_MONTH}\s*,?\s*{_YEAR}\b", re.I),
    # 4 February 2003
    re.compile(rf"\b{_DAY}\s+{_MONTH}\s*,?\s*{_YEAR}\b", re.I),
    # 2003-02-04
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    # 2/4/03, 02/04/2003, 2-4-03
    re.compile(r"(?<![\d/.-])(?P<month>[01]?\d)(?P<sep>[/-])(?P<day>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)?\d\d)(?![\d/-])"),
]


def _year(raw: str) -> int:
    raw = raw.lstrip("'")
    y = int(raw)
    if len(raw) == 2:
        y += 1900 if y >= 50 else 2000
    return y


def _month(raw: str) -> int | None:
    return int(raw) if raw.isdigit() else month_number(raw)


def find_date(s: str) -> tuple[dt.date, int, int] | None:
    """The first date in ``s`` with its ``[start, end)`` offsets, or None."""
    best: tuple[dt.date, int, int] | None = None
    for pat in _PATTERNS:
        for m in pat.finditer(s):
            month = _month(m.group("month"))
            if month is None:
                continue
            try:
                d = dt.date(_year(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
            if best is None or m.start() < best[1]:
                best = (d, m.start(), m.end())
            break
    return best


def parse_date_text(s: str) -> dt.date | None:
    """The first date written in ``s`` (any common 8-K spelling), or None."""
    found = find_date(s)
    return found[0] if found else None


__all__ = ["find_date", "parse_date_text"]
