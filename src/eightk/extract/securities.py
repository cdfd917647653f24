"""Securities: a class and its terms ("Series A Convertible Preferred Stock, par value $.01 per
share"; "five-year performance warrants ... at $0.75 per share"; "7.25% Senior Notes due 2012").

Why hand-written rules: securities are named by a closed vocabulary (stock, shares, warrants,
notes, debentures, units) and their terms follow in fixed phrases (par value, exercise or
conversion price, maturity); a rule per phrase keeps each term tied to its span.
"""

from __future__ import annotations

import re

from eightk.digits import ascii_digits
from eightk.extract.amounts import CLASS, find_money
from eightk.extract.hits import Hit, Hits, Needled, full, horizon_of, lazy, scan, stopped
from eightk.extract.numbers import NUM, by_first_letter, words_to_int

# The three full patterns are compiled when a text first holds their anchor words (see
# :func:`eightk.extract.hits.lazy`): ~4 ms of every start otherwise.
#: how a lowercase qualifier or class noun starts ("convertible", "common", "preferred", ...)
_CLASS_STARTS = ["con", "cum", "com", "cap", "cla", "red", "par", "per", "pre", "vot", "non", "ord", "ame"]
_stock_re = lazy(
    # the first letters a class can start with (a capital, a digit, or a lowercase qualifier or
    # class noun), checked first: at every other character of a window the engine then skips
    # trying the optional parts of the class (measured: the pattern twice as fast)
    # (grouped by first letter: a letter that opens none is turned down in a few tests, not 13)
    rf"(?=[A-Z\d]|{by_first_letter(_CLASS_STARTS)})"
    rf"(?P<cls>{CLASS})(?P<par>,?\s+(?:\$?[\d.]+\s+)?par\s+value(?:\s+of)?\s+(?P<parv>\$\s?{NUM}|none|no)(?:\s+per\s+share)?)?"
)
_note_re = lazy(
    rf"(?P<rate>{NUM})%\s+(?P<kind>(?:(?:[Ss]enior|[Ss]ubordinated|[Ss]ecured|[Uu]nsecured|[Cc]onvertible|[Ee]xchangeable|[Ff]irst|[Ss]econd|[Ll]ien|[Ss]enior\s+[Ss]ecured)\s+){{0,4}}"
    r"(?:[Nn]otes|[Dd]ebentures|[Bb]onds))(?:\s+due\s+(?P<due>(?:19|20)\d\d))?"
)
_warrant_re = lazy(
    # (possessive runs where what follows never starts with one of the run's characters: the
    # same matches, without the engine retrying every shorter run of a word; see CLASS)
    # (checked first: the first letters of the words before the class, or a term of years)
    r"(?=[pcsWwOo]|\w++(?:-\w++)?[\s-]year)"
    r"(?:(?P<term>\w++(?:-\w++)?)[\s-]year\s++)?(?:(?:performance|common\s++stock|stock\s++purchase|purchase|penny)\s++)*"
    r"(?P<w>[Ww]arrants?|[Oo]ptions?)\b"
)
_PRICE_RE = re.compile(r"(?:exercise|conversion|purchase)\s+price\s+(?:of\s+)?|\bat\s+(?:an?\s+)?(?:exercise\s+price\s+of\s+)?")

_STOCK_ANCHOR = Needled(
    re.compile(r"[CcPpOoA](?:ommon|referred|rdinary|apital|OMMON|REFERRED|RDINARY|APITAL|DS)"),
    tuple((w, 1) for w in ("ommon", "referred", "rdinary", "apital", "OMMON", "REFERRED", "RDINARY", "APITAL", "DS")),
)
_NOTE_ANCHOR = Needled(
    re.compile(r"[NnDdBb](?:otes|ebentures|onds|OTES|EBENTURES|ONDS)\b"),
    tuple((w, 1) for w in ("otes", "ebentures", "onds", "OTES", "EBENTURES", "ONDS")),
)
_WARRANT_ANCHOR = Needled(
    re.compile(r"[WwOo](?:arrant|ption|ARRANT|PTION)"), tuple((w, 1) for w in ("arrant", "ption", "ARRANT", "PTION"))
)


def find_securities(text: str, limit: int | None = None, *, low: str | None = None) -> Hits:
    """Named classes with their terms, notes with rate and maturity, warrants with a price.
    ``limit``: each of the three stops after that many (see :class:`eightk.extract.hits.Hits`).
    ``low``: ``text`` lower-cased (see :func:`eightk.extract.hits.lowered`), which finds the anchors faster."""
    stock, notes, warrants = _stock(text, limit, low), _notes(text, limit, low), _warrants(text, limit, low)
    horizon = horizon_of(stock, notes, warrants)
    hits = [h for h in stock + notes + warrants if horizon is None or h.start < horizon]
    hits.sort(key=lambda h: h.start)
    return stopped(hits, horizon)


def _stock(text: str, limit: int | None, low: str | None = None) -> Hits:
    hits: list[Hit] = Hits()
    for m in scan(_stock_re, text, _STOCK_ANCHOR, 90, 60, low):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        cls = " ".join(m.group("cls").split())
        if cls.islower() and not m.group("par"):
            continue  # a bare "common stock" is a mention, not a named class with terms
        attrs: dict[str, object] = {"class": cls}
        if m.group("par"):
            pv = m.group("parv")
            if pv.lower() in ("none", "no"):
                attrs["par_value"] = None
            else:
                money = find_money(pv)
                attrs["par_value"] = money[0].value if money else None
        hits.append(Hit("security", m.start(), m.end(), m.group(0), cls, attributes=attrs))
    return stopped(hits, None)


def _notes(text: str, limit: int | None, low: str | None = None) -> Hits:
    hits: list[Hit] = Hits()
    for m in scan(_note_re, text, _NOTE_ANCHOR, 70, 20, low, needs="%"):  # a note is named with its rate
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        attrs = {"class": " ".join(m.group(0).split()), "rate_percent": float(m.group("rate").replace(",", ""))}
        if m.group("due"):
            attrs["due"] = int(m.group("due"))
        hits.append(Hit("security", m.start(), m.end(), m.group(0), attrs["class"], attributes=attrs))
    return stopped(hits, None)


def _warrants(text: str, limit: int | None, low: str | None = None) -> Hits:
    hits: list[Hit] = Hits()
    for m in scan(_warrant_re, text, _WARRANT_ANCHOR, 40, 10, low):
        if full(limit, hits):
            return stopped(hits, hits.pop().start)
        # A warrant is a security fact only with its price in the same sentence: "warrants"
        # alone is too often a legal verb ("represents and warrants") or a passing mention.
        sentence_end = _sentence_end(text, m.end())
        tail = text[m.end() : sentence_end]
        price = None
        for pm in _PRICE_RE.finditer(tail):
            money = find_money(tail[pm.end() : pm.end() + 40])
            if money and money[0].start == 0 and money[0].per in ("share", None):
                price = (money[0], m.end() + pm.end())
                break
        if price is None:
            continue
        hit_m, off = price
        end = off + hit_m.end
        attrs = {"class": m.group("w").lower(), "exercise_price": hit_m.value, "currency": hit_m.unit}
        if m.group("term"):
            n = int(m.group("term")) if ascii_digits(m.group("term")) else words_to_int(m.group("term"))
            if n:
                attrs["term_years"] = n
        raw = text[m.start() : end]
        hits.append(Hit("security", m.start(), end, raw, " ".join(raw.split()), attributes=attrs))
    return stopped(hits, None)


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"\.(?:\s|$)").search(text, pos, min(len(text), pos + 400))
    return m.start() if m else min(len(text), pos + 400)
