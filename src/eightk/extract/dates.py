"""Date facts ("February 4, 2003", "2/4/03", "the 4th day of February, 2003") and reporting
periods ("fourth quarter and full year ended December 31, 2002"), to ISO.

Dates are read by :mod:`eightk.dates`, the one date reader; this module turns what it reads into
hits. A date that cannot exist ("February 30, 2003") is kept as printed, with a null value and
a problem the caller turns into an anomaly.
"""

from __future__ import annotations

import re

from eightk.dates import DATE_ANCHOR, scan_dates
from eightk.extract.hits import Hit, Hits, Needled, full, lazy, scan, stopped

#: A year in a period's length ("fourth quarter of fiscal 2003"), not a date.
_FISCAL_YEAR = r"(?:1[89]\d\d|20\d\d)"


#: The date anchor (:data:`eightk.dates.DATE_ANCHOR`) found from the strings its matches hold: a month's
#: second and third letters after its first, a "/" or "-" after a digit or two, a "-" after four
#: digits. Its first class (capitals and digits) had the engine try the pattern at 650 places a
#: filing on the corpus, for 14 matches: 133 us a filing, where these searches and the ~70 places
#: they leave take 76 (measured alternated on the texts of the 153 filings).
_DATE_ANCHOR = Needled(
    DATE_ANCHOR,
    (*((tail, 1) for t in ("an", "eb", "ar", "pr", "ay", "un", "ul", "ug", "ep", "ct", "ov", "ec") for tail in (t, t.upper())),
     ("/", 1), ("/", 2), ("-", 1), ("-", 2), ("-", 4)),
)


def find_dates(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """Every date of ``text`` as a ``date`` hit; one that cannot exist has no value and a problem.
    With ``limit``, stops once it has that many (see :class:`~eightk.extract.hits.Hits`). ``low``:
    ``text`` lower-cased (see :func:`eightk.extract.hits.lowered`), which finds the anchors faster."""
    hits: list[Hit] = []
    for d in scan_dates(text, None if low is None else _DATE_ANCHOR.finditer(text, low)):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        raw = text[d.start : d.end]
        hit = Hit("date", d.start, d.end, raw, d.value.isoformat() if d.value else None)
        if d.value is None:
            msg = f"date {raw!r} cannot exist (year {d.year}, month {d.month}, day {d.day})"
            hit.problem = ("impossible_date", msg)
        hits.append(hit)
    return stopped(hits, None)


# --- periods ----------------------------------------------------------------------------------

_QUARTER = r"(?:first|second|third|fourth|1st|2nd|3rd|4th|final)\s+(?:fiscal\s+)?quarter"
_LENGTH = (
    rf"(?:{_QUARTER}(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?{_FISCAL_YEAR})?(?:\s+and\s+(?:the\s+)?(?:full|fiscal|entire)\s+(?:fiscal\s+)?year)?"
    r"|(?:(?:three|six|nine|3|6|9|thirteen|twenty-six|13|26)\s+and\s+)?(?:three|six|nine|twelve|3|6|9|12|thirteen|twenty-six|thirty-nine|fifty-two|fifty-three|13|26|39|52|53)[\s-]+(?:months|weeks)"
    r"(?:\s+and\s+(?:three|six|nine|twelve|3|6|9|12)[\s-]+months)?"
    r"|(?:full|fiscal|calendar)\s+(?:fiscal\s+)?year|quarter|year|(?:fiscal\s+)?period|(?:\w+\s+)?quarters)"
)
#: The phrase before the period's end date; the date itself is read by :mod:`eightk.dates`.
#: (Checked first: the first letters of the forms, in either case, or a word before "quarters",
#: the one form that starts with any word; it spares the engine the alternatives at each other
#: character, a third of the time at every letter in the middle of a word.) Compiled when a
#: text first holds an "ended" before a month (see :func:`eightk.extract.hits.lazy`).
period_re = lazy(
    rf"(?=(?i:[tfsnqycp\d]|\w++\s++quarters))(?i:(?:the\s+)?{_LENGTH})\s+(?:then\s+)?(?:ended|ending|ends)\s+(?:on\s+)?"
)
_MONTHS_OF = {"three": 3, "six": 6, "nine": 9, "twelve": 12, "3": 3, "6": 6, "9": 9, "12": 12}

_PERIOD_ANCHOR = Needled(
    re.compile(r"[Ee](?:nded|nding|nds|NDED|NDING)\s+(?:on\s+)?[JFMASOND]"),
    # (the first letter is only "E" or "e": "end" in either case holds every match, one search of
    # the lower-cased text where "nded", "nding" and "nds" were three; the few more places it
    # finds ("amendment", "pending") are tried and fail)
    tuple((w, 0) for w in ("end", "End", "eND", "END")),
)


def find_periods(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """Reporting periods: "fourth quarter and full year ended December 31, 2002" -> a
    ``period`` fact whose value is the period end (2002-12-31), spanning the phrase. ``low``:
    ``text`` lower-cased (see :func:`eightk.extract.hits.lowered`), which finds the anchors faster."""
    hits: list[Hit] = []
    for m in scan(period_re, text, _PERIOD_ANCHOR, 110, 40, low):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        found = scan_dates(text[m.end() : m.end() + 40])
        if not found or found[0].start != 0 or found[0].value is None:
            continue
        end = found[0].value.isoformat()
        phrase = text[m.start() : m.end() + found[0].end]
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
        attrs = {"end": end, "lengths": lengths}
        hits.append(Hit("period", m.start(), m.start() + len(phrase), phrase, end, attributes=attrs))
    return stopped(hits, None)
