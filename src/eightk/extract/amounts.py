"""Money, share counts and percentages, with their spans.

Why hand-written rules: an 8-K prints amounts in a small, fixed set of styles ("$1.5 million",
"$.01 per share", "US$ 12.3 billion", "EUR 40 million", "ten million dollars", "(1,234)" in a
financial table, "20,000 shares of Series A Preferred Stock", "15 percent"). Every amount
here needs an explicit marker (a currency sign or code, the word "dollars", "shares",
"%"/"percent"), which is what keeps item numbers, rule numbers, phone numbers, zip codes and
CIKs out: they never carry one.
"""

from __future__ import annotations

import bisect
import heapq
import itertools
import re
from collections.abc import Iterator
from typing import Any

from eightk.extract.hits import CapitalWords, Hit, Hits, Needled, full, lazy, scan, stopped
from eightk.extract.numbers import (
    NUM,
    NUM_FIRST,
    SCALE,
    WORDS,
    by_first_letter,
    likely_readings,
    malformed_grouping,
    scaled,
    words_to_int,
)

#: Currency signs and codes -> ISO 4217 code. Dollar signs with a country prefix first.
_SIGNS = {
    "US$": "USD", "U.S.$": "USD", "U.S. $": "USD", "$": "USD", "C$": "CAD", "CDN$": "CAD", "Cdn$": "CAD",
    "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "€": "EUR",
    "£": "GBP", "¥": "JPY", "₹": "INR", "CHF": "CHF", "Fr.": "CHF",
}
_CODES = ("USD", "EUR", "GBP", "CAD", "JPY", "CHF", "AUD", "NZD", "HKD", "SGD", "CNY", "RMB", "INR", "SEK",
          "NOK", "DKK", "BRL", "MXN", "ZAR", "KRW", "ILS")
#: Currency names after an amount ("ten million dollars", "40 million euros").
_NAMES = {
    "dollars": "USD", "dollar": "USD", "u.s. dollars": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds sterling": "GBP", "pounds": "GBP", "yen": "JPY", "swiss francs": "CHF", "canadian dollars": "CAD",
    "australian dollars": "AUD", "renminbi": "CNY",
}

_SIGN_ALT = "|".join(re.escape(s) for s in sorted(_SIGNS, key=len, reverse=True))
_CODE_ALT = "|".join(_CODES)
#: The codes less their first letters: the code anchor matches them after any capital.
_TAILS = frozenset(c[1:] for c in _CODES)
_TAIL_ALT = "|".join(dict.fromkeys(c[1:] for c in _CODES))
_NAME_ALT = "|".join(re.escape(s) for s in sorted(_NAMES, key=len, reverse=True))

#: What an amount is "per" ("$1,000 per share", "$0.75 per share of common stock").
_PER = r"(?:\s+per\s+(?P<per>share|unit|note|warrant|right|ADS|depositary\s+share|annum|year|month|day|hour|ton|barrel|ounce|pound|square\s+foot))?"

# 1. sign before the number: "$1.5 million", "($1,234)", "$(1,234)", "US$ 12.3 billion", "€40m"
_MONEY_SIGN = rf"(?P<lp>\()?(?P<sign>{_SIGN_ALT})\s?(?P<neg>\()?\s?(?P<num>{NUM})(?P<scale>{SCALE})?(?![\d.,]\d)"
# 2. code before or after: "EUR 40 million", "40 million EUR"
_MONEY_CODE = (
    rf"(?<![A-Za-z])(?P<code1>{_CODE_ALT})\s?(?P<num2>{NUM})(?P<scale2>{SCALE})?(?![\d.,]\d)"
    rf"|(?<![\w.,])(?P<num3>{NUM})(?P<scale3>{SCALE})?\s(?P<code3>{_CODE_ALT})\b"
)
# 3. number or words then a currency name: "1.5 million dollars", "ten million dollars"
_MONEY_NAME = (
    rf"(?<![\w.,$])(?:(?P<num4>{NUM})|(?P<words>{WORDS}))(?P<scale4>\s+(?:thousand|million|billion|trillion))?"
    rf"\s+(?P<name>{_NAME_ALT})\b"
)
_PER_RE = re.compile(_PER, re.I)
#: The named groups of the three forms, in order: a match of one form reads the others' as None.
#: (Read from the sources: the three compiled as one pattern took ~7 ms of every start.)
_GROUPS = tuple(re.findall(r"\(\?P<(\w+)>", f"{_MONEY_SIGN}|{_MONEY_CODE}|{_MONEY_NAME}"))
_IN_UNITS = re.compile(r"\b[Ii]n\s+(?:[Tt]housands|[Mm]illions)\b|\b(?:IN\s+)?(?:THOUSANDS|MILLIONS)\b")
#: Each money pattern runs only around its own marker, in the window its form needs (and is
#: compiled when a text first holds that marker: see :func:`eightk.extract.hits.lazy`).
_MONEY_ANCHORS = (
    # (the lookahead: at a capital not opening a three-capital word the engine tries none of
    # the codes; measured on the corpus, an eighth less time)
    (lazy(_MONEY_CODE, re.I), CapitalWords(re.compile(rf"[A-Z](?=[A-Z]{{2}}\b)(?:{_TAIL_ALT})\b"), _TAILS), 30, 40),
    (
        lazy(_MONEY_NAME, re.I),
        # whole currency words only: not "Europe", "compound", "franchise", "open"
        Needled(
            re.compile(r"[DdEePpYyFfRr](?:ollars?\b|OLLARS?\b|uros?\b|UROS?\b|ounds?\b|OUNDS?\b|(?<=[Yy])en\b|(?<=Y)EN\b|rancs?\b|RANCS?\b|enminbi|ENMINBI)"),
            (*((w, 1) for w in ("ollar", "OLLAR", "uro", "URO", "ound", "OUND", "ranc", "RANC", "enminbi", "ENMINBI")),
             ("yen", 0), ("Yen", 0), ("YEN", 0)),
        ),
        90,
        15,
    ),
)
_SCALE_RE = re.compile(SCALE, re.I)

#: A parenthesised amount in a table cell: "(1,234)" means -1234 in a financial statement.
# Not followed by more digits: "(404) 555-0100" is a telephone area code, not -404.
# (The parenthesis first, the character before it checked after it: a pattern that starts with
# a character is one the engine finds as memchr does, where a leading check is tried at every
# character of the table; measured on the corpus's money tables, 31 us a filing against 2.)
TABLE_NEG_RE = re.compile(rf"\((?<![\w.]\()(?P<num>{NUM})\)(?![ \t]*\d)")


def _currency(sign: str) -> str:
    return _SIGNS.get(sign) or _SIGNS.get(sign.upper()) or _SIGNS.get(sign.replace(" ", ""), "USD")


_SIGN_RX = re.compile(_MONEY_SIGN, re.I)
#: The one-character currency signs every sign-first amount holds.
_SIGN_CHARS = "$€£¥₹"
#: First characters of the multi-character signs ("US$", "U.S. $", "C$", "HK$"...) and "(".
_PREFIX_FIRST = frozenset("(UCANHSRF")


def _sign_matches(text: str) -> Iterator[re.Match[str]]:
    """Amounts with a currency sign, matched at the sign itself or at the few places a
    prefix can start ("U.S. $", "($"): the most frequent kind of amount, read without
    scanning any window. In text order."""
    last_end = -1
    for p in _sign_places(text):
        if p < last_end:
            continue
        m = None
        for k in (7, 6, 5, 4, 3, 2, 1):  # the longest prefix first
            q = p - k
            if q < 0 or q < last_end or text[q] not in _PREFIX_FIRST:
                continue
            mm = _SIGN_RX.match(text, q)
            if mm and mm.end() > p:
                m = mm
                break
        if m is None:
            m = _SIGN_RX.match(text, p)
        if m:
            yield m
            last_end = m.end()


def _sign_places(text: str) -> list[int]:
    """Where ``text`` prints one of :data:`_SIGN_CHARS`, in order. (One string search a sign,
    done as memchr is: the class "[$€£¥₹]" had the engine test each character of the text, 43
    us a filing on the corpus where these searches take 3.)"""
    places: list[int] = []
    for sign in _SIGN_CHARS:
        i = text.find(sign)
        while i >= 0:
            places.append(i)
            i = text.find(sign, i + 1)
    places.sort()
    return places


def _money_matches(text: str, low: str | None = None) -> Iterator[re.Match[str]]:
    """Money matches around each kind of marker, each with the window its patterns need,
    in text order: of overlapping matches (two windows reading one amount) the longest is
    kept, and of two with one span the one of the earlier stream (sign, code, name). Lazy, so
    that a caller with enough hits stops reading."""
    signs = _sign_matches(text)
    others = []  # the code and name streams that have a match, each with its first one put back
    for rx, anchor, b, a in _MONEY_ANCHORS:
        stream = scan(rx, text, anchor, b, a, low)
        first = next(stream, None)
        if first is not None:
            others.append(itertools.chain((first,), stream))
    if not others:
        # the usual case (no currency code or name matched): the sign matches alone, which
        # come in text order without overlapping (see _sign_matches), as the merge below gives
        # them, without its cost at every amount
        yield from signs
        return
    # (heapq.merge is stable: of equal keys, the earlier stream's match comes first. The key once
    # held the stream's number too, read by every stream's generator from the one enclosing
    # variable, so the same number for all: the order was this one.)
    keyed = [((m.start(), -m.end(), m) for m in stream) for stream in (signs, *others)]
    last_end = -1
    for start, _, m in heapq.merge(*keyed, key=lambda t: t[:2]):
        if start < last_end:
            continue
        last_end = m.end()
        yield m


def find_money(
    text: str, *, table: bool = False, table_context: bool = False, tables: list[tuple[int, int]] | None = None,
    limit: int | None = None, low: str | None = None,
) -> Hits:
    """Amounts of money in ``text``. ``table``: the whole text is a table, where "($1,234)" is
    a negative amount; ``table_context``: that table prints a currency sign, so bare
    parenthesised numbers in it are money (otherwise they may be counts or years).
    ``tables``: the ``[start, end)`` ranges of ``text`` that are tables; each is money context
    when it prints a currency sign or says "in thousands/millions". ``limit``: stop after that
    many amounts (see :class:`eightk.extract.hits.Hits`). ``low``: ``text`` lower-cased (see
    :func:`eightk.extract.hits.lowered`), which finds the anchors faster."""
    ranges = [(0, len(text))] if table else sorted(tables or ())
    range_starts = [r[0] for r in ranges]

    def in_table(pos: int) -> bool:
        i = bisect.bisect_right(range_starts, pos) - 1
        return i >= 0 and pos < ranges[i][1]

    hits: list[Hit] = Hits()
    horizon = None
    for m in _money_matches(text, low):
        if full(limit, hits):
            horizon = hits[-1].start
            break
        g: dict[str, Any] = dict.fromkeys(_GROUPS)  # the groups of every alternative, None where unmatched
        g.update(m.groupdict())
        negative = False
        start, end = m.start(), m.end()
        if g["sign"] is not None:
            num, scale, unit = g["num"], g["scale"], _currency(g["sign"])
            closes = text[end : end + 1] == ")"
            if g["neg"]:
                if not closes:
                    continue  # "$(" without its closing parenthesis: not an amount
                negative, end = True, end + 1  # "$(1,234)" is negative wherever it is printed
                sm = _SCALE_RE.match(text, end) if not scale else None
                if sm:  # "$(2.5) million"
                    scale, end = sm.group(0), sm.end()
            elif g["lp"]:
                if closes and ranges and in_table(start):
                    negative, end = True, end + 1  # "($1,234)" in a financial table
                else:
                    start += 1  # a parenthesis opening a remark: "($5 million in cash)"
        elif g["code1"] is not None:
            num, scale, unit = g["num2"], g["scale2"], g["code1"].upper()
        elif g["code3"] is not None:
            num, scale, unit = g["num3"], g["scale3"], g["code3"].upper()
        else:
            unit = _NAMES[g["name"].lower()]
            scale = g["scale4"]
            if g["num4"] is not None:
                num = g["num4"]
            else:
                n = words_to_int(g["words"])
                if n is None or g["words"].lower() in ("a",):
                    continue
                num = str(n)
        if unit == "RMB":
            unit = "CNY"
        raw = text[start:end]
        value = scaled(num, scale.strip() if scale else None)
        hit = Hit("money", start, end, raw, value, unit)
        if value is None and malformed_grouping(num):
            hit.problem = ("malformed_number", _malformed_message(num))
            hit.attributes["malformed"] = True
        elif value is not None and negative:
            hit.value = -value
        pm = _PER_RE.match(text, end)
        if pm and pm.group("per"):
            hit.per = re.sub(r"\s+", " ", pm.group("per").lower())
            hit.end = pm.end()
            hit.text = text[start : hit.end]
        hits.append(hit)
    if ranges:
        hit_starts = [h.start for h in hits]  # sorted: matches come in text order
        hit_ends = [h.end for h in hits]
        extra: list[Hit] = []
        for s, e in ranges:
            if horizon is not None and s >= horizon:
                break
            money_table = table_context if table else _money_table(text, s, e, low)
            if not money_table:
                continue
            for m in TABLE_NEG_RE.finditer(text, s, e):
                if full(limit, extra):
                    horizon = min(horizon if horizon is not None else len(text), extra[-1].start)
                    break
                i = bisect.bisect_right(hit_starts, m.start()) - 1
                if i >= 0 and m.start() < hit_ends[i]:
                    continue  # part of an amount already read ("$ (1,234)")
                v = scaled(m.group("num"), None)
                if v is None:
                    continue
                extra.append(Hit("money", m.start(), m.end(), m.group(0), -v, "USD", attributes={"table": True}))
        hits += extra
    hits.sort(key=lambda h: h.start)
    if horizon is not None:
        del hits[bisect.bisect_left([h.start for h in hits], horizon) :]
    return stopped(hits, horizon)


def _money_table(text: str, s: int, e: int, low: str | None) -> bool:
    """Whether the table ``text[s:e]`` prints a currency sign or says "in thousands/millions".
    (Without copying the table, and with the units pattern, tried at every character, run only
    where ``low`` holds one of its two words: it matches nowhere else. Measured on the corpus: a
    tenth of find_money.)"""
    if text.find("$", s, e) >= 0:
        return True
    if low is not None and low.find("thousands", s, e) < 0 and low.find("millions", s, e) < 0:
        return False
    return _IN_UNITS.search(text, s, e) is not None


def _malformed_message(num: str) -> str:
    readings = " or ".join(likely_readings(num))
    return f"malformed number {num!r}: digit groups after a comma must be three wide; likely {readings}"


# --- shares -----------------------------------------------------------------------------------

#: The class of a security: "Series A Convertible Preferred Stock", "Class B common stock",
#: "common stock", "ordinary shares". Capitalised qualifiers before the class noun are kept.
_CLASS_STOP_WORDS = ["Stock", "Exchange", "Corporation", "Company", "Inc", "Total", "The", "Our", "Its", "Common",
                     "Preferred", "Shares", "Holders?", "Each", "All", "Which", "Registered", "Title", "Name",
                     "Trading", "Symbols?", "Outstanding", "Issued", "Authorized"]
CLASS = (
    # (possessive runs, "*+" and "++", where what follows a run never starts with one of its
    # characters: the same matches, without the engine retrying shorter runs; see _NAME in
    # eightk.extract.parties)
    r"(?:(?:Series|Class)\s++[A-Z0-9][\w-]*+\s++)?"
    # capitalised qualifiers ("Floating Rate Non-Cumulative"), but not the words of a name or
    # heading that happens to precede the class ("Stock Exchange", "Corporation", "Total")
    # (grouped by first letter: the engine tries the words of one letter, not all 24)
    rf"(?:(?!(?:{by_first_letter(_CLASS_STOP_WORDS)})\b)"
    r"(?:[A-Z][\w.-]*+|\d++(?:\.\d++)?%)\s++){0,4}?"
    r"(?:(?:[Cc]onvertible|[Rr]edeemable|[Cc]umulative|[Pp]articipating|[Pp]erpetual|[Vv]oting|[Nn]on-[Vv]oting)\s++){0,3}"
    r"(?:[Cc]ommon|[Pp]referred|[Oo]rdinary|[Cc]apital|[Cc]lass\s++[A-Z]\s++[Cc]ommon)\s++(?:[Ss]tock|[Ss]hares|[Uu]nits)"
    r"|[Aa]merican\s++[Dd]epositary\s++[Ss]hares|ADSs?"
)
#: Compiled when a text first holds a share word (see :func:`eightk.extract.hits.lazy`).
_shares_re = lazy(
    rf"(?={NUM_FIRST})(?<![\w.,$])(?:(?P<num>{NUM})|(?P<words>{WORDS}))(?P<scale>\s+(?:thousand|million|billion))?"
    rf"\s+(?:(?:additional|newly[- ]issued|restricted|outstanding|unregistered)\s+)?"
    rf"(?:(?P<units>shares|share)\b(?:\s+of\s+(?:the\s+)?(?:(?:registrant|[Cc]ompany|[A-Z][\w&.-]*)['’]s\s+|its\s+|our\s+|their\s+)?(?P<cls>{CLASS}))?"
    rf"|(?P<cls2>{CLASS}))",
)

_SHARES_ANCHOR = Needled(re.compile(r"[SsA](?:hares?|HARES?|DSs?)\b"), (("hare", 1), ("HARE", 1), ("DS", 1)))


def find_shares(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """Share counts: "20,000 shares" -> 20000, with the class when it is named. ``low``: ``text``
    lower-cased (see :func:`eightk.extract.hits.lowered`), which finds the anchors faster."""
    hits: list[Hit] = Hits()
    for m in scan(_shares_re, text, _SHARES_ANCHOR, 50, 120, low):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        g = m.groupdict()
        if g["words"] is not None:
            n = words_to_int(g["words"])
            if n is None or g["words"].lower() == "a":
                continue
            num = str(n)
        else:
            num = g["num"]
        if g["cls2"] is not None and g["cls2"].lower().startswith(("ads",)) is False and "shares" not in g["cls2"].lower():
            # "5,000 Common Stock" is not how counts are written; only "<n> <class> shares" counts
            continue
        value = scaled(num, g["scale"].strip() if g["scale"] else None)
        hit = Hit("shares", m.start(), m.end(), m.group(0), value, "shares")
        cls = g["cls"] or g["cls2"]
        if cls:
            hit.attributes["class"] = " ".join(cls.split())
        if value is None and g["num"] is not None and malformed_grouping(num):
            hit.problem = ("malformed_number", _malformed_message(num))
            hit.attributes["malformed"] = True
        hits.append(hit)
    return stopped(hits, None)


# --- percent ----------------------------------------------------------------------------------

#: Compiled when a text first holds a percent sign or word (see :func:`eightk.extract.hits.lazy`).
_percent_re = lazy(
    rf"(?={NUM_FIRST})(?<![\w.,])(?:(?P<num>{NUM})|(?P<words>{WORDS}))\s?(?:%|(?:\s|-)?(?:percent|per\s+cent|pct)\b)",
    re.I,
)

_PERCENT_ANCHOR = Needled(
    re.compile(r"[%Pp](?:(?<=%)|er\s?cent|ct\b|ERCENT|ER\s?CENT)"),
    # ("cent" three or four after the "p" of "percent", "per cent": the class "[%Pp]" had the
    # engine test every character, and stop at each "p"; measured on the corpus, the anchor
    # read in 22 us a filing instead of 53)
    (("%", 0), ("cent", 3), ("cent", 4), ("CENT", 3), ("CENT", 4), ("pct", 0), ("Pct", 0)),
)


def find_percent(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """Percentages: "15%", "15 percent", "7.25 per cent", "fifteen percent". ``low``: ``text``
    lower-cased (see :func:`eightk.extract.hits.lowered`), which finds the anchors faster."""
    hits: list[Hit] = Hits()
    for m in scan(_percent_re, text, _PERCENT_ANCHOR, 40, 2, low):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        if m.group("words") is not None:
            n = words_to_int(m.group("words"))
            if n is None or m.group("words").lower() == "a":
                continue
            value: int | float | None = n
        else:
            value = scaled(m.group("num"), None)
        hit = Hit("percent", m.start(), m.end(), m.group(0), value, "percent")
        if value is None and m.group("num") and malformed_grouping(m.group("num")):
            hit.problem = ("malformed_number", _malformed_message(m.group("num")))
        hits.append(hit)
    return stopped(hits, None)
