"""The dividend reader: what a board declared, per share, on which class, and its dates.

Read from the sentence that says a dividend was declared ("the Board declared a quarterly cash
dividend of $0.31 per share of common stock, payable on June 29, 2023 to shareholders of
record at the close of business on June 15, 2023") and the sentences right after it ("The
dividend was declared on March 22, 2023"). Amounts and dates are the item's facts (the
``money`` and ``date`` finders), so they read the same as everywhere else; a date is the
payable date when "payable" comes right before it, the record date after "of record", and the
declaration date when it is in the declaring sentence (or "declared on <date>"). When an item
declares several dividends (common and preferred), the first one is read.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from eightk.extract.ev_text import sentence_around
from eightk.model import Fact, Span

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

#: The sentence that declares: "declared a (regular quarterly cash) dividend", "dividend ...
#: was declared". A rights plan's "dividend of one preferred share purchase right" is not one.
_DECLARED = re.compile(
    r"\bdeclar(?:ed|es|ing)\b[^.;]{0,120}?\bdividends?\b|\bdividends?\b[^.;]{0,120}?\b(?:was|were|has\s+been)\s+declared\b",
    re.I)
_RIGHTS = re.compile(r"purchase\s+rights?\b|\brights\s+(?:agreement|plan)\b", re.I)
_PAYABLE = re.compile(r"\bpayable\s*(?:on\s*|in\s*)?(?:or\s+about\s+)?$", re.I)
_RECORD = re.compile(r"\bof\s+record\b[^.;]{0,80}$|\brecord\s+date\b[^.;]{0,30}$", re.I)
_DECLARED_ON = re.compile(r"\bdeclared\s+(?:on\s+)?$", re.I)
_CLASS = re.compile(
    r"(?:(?:\d+(?:\.\d+)?%\s+)?(?:[A-Z][\w-]*\s+){0,4}(?:Preferred|Convertible\s+Preferred)\s+(?:Stock|Shares)"
    r"(?:,\s*Series\s+[A-Z0-9]+)?|Series\s+[A-Z0-9]+\s+(?:[\w-]+\s+){0,3}Preferred\s+(?:Stock|Shares)"
    r"|(?:Class\s+[A-Z]\s+)?(?:common|ordinary)\s+(?:stock|shares?))", re.I)
#: A sentence's end: a full stop before a capital, not after "Inc", "Co", "No" or an initial
#: (written stop first: see ev_text._SENT_END).
_SENT_END = re.compile(r"\.(?<![A-Z]\.)(?<!\bInc\.)(?<!\bCo\.)(?<!\bCorp\.)(?<!\bNo\.)\s+(?=[A-Z(\"“])")


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    return sentence_around(text, pos, _SENT_END, back=600)


_AND = re.compile(r"\s+and\s+")


def _class_of(text: str, declared: int, money: int, limit: int) -> tuple[int, int] | None:
    """The class the dividend is on: named between "declared" and the amount ("dividend on its
    common stock of $0.28"), else right after the amount ("$0.50 per share of its Class A
    common stock and Class B common stock": two common classes are read together)."""
    c = _CLASS.search(text, declared, money) if declared < money else None
    if c is None:
        c = _CLASS.search(text, money, limit)
    if c is None:
        return None
    s, e = c.span()
    j = _AND.match(text, e)
    if j and "common" in c.group(0).lower():
        c2 = _CLASS.match(text, j.end())
        if c2 is not None and "common" in c2.group(0).lower():
            e = c2.end()
    return s, e


def read_dividend(text: str, start: int, document: int | None, facts: list[Fact]) -> dict[str, Any]:
    """The dividend attributes of an item's ``text`` (at offset ``start`` of its document),
    with a ``_spans`` entry (attribute -> Span) for the event's ``attribute_spans``."""
    m = next((m for m in _DECLARED.finditer(text) if not _RIGHTS.search(text[m.start(): m.end() + 80])), None)
    if m is None:
        return {}
    a: dict[str, Any] = {}
    spans: dict[str, Span] = {}

    def put(key: str, value: Any, s: int, e: int) -> None:
        a[key] = value
        spans[key] = Span.at(s, e, document)

    lo, hi = _sentence_bounds(text, m.start())
    # the declaring sentence and the two after it ("The dividend was declared on ...")
    end = hi
    for _ in range(2):
        if end < len(text):
            end = _sentence_bounds(text, min(len(text) - 1, end + 1))[1]
    near = [f for f in facts if lo <= f.span.start - start < end]
    money = next((f for f in near if f.kind == "money" and f.per == "share" and f.value), None)
    if money is None:
        money = next((f for f in near if f.kind == "money" and f.value and isinstance(f.value, (int, float))
                      and f.value < 100), None)
    if money is not None:
        put("amount_per_share", money.value, money.span.start, money.span.end)
        if money.unit:
            put("currency", money.unit, money.span.start, money.span.end)
        c = _class_of(text, m.start(), money.span.start - start, min(end, money.span.end - start + 160))
        if c is not None:
            put("class", text[c[0]:c[1]], start + c[0], start + c[1])
    for f in near:
        if f.kind != "date" or not f.value:
            continue
        before = text[max(lo, f.span.start - start - 100): f.span.start - start]
        if _PAYABLE.search(before[-40:]):
            key = "payable_date"
        elif _RECORD.search(before):
            key = "record_date"
        elif _DECLARED_ON.search(before[-30:]) or f.span.start - start < hi:
            key = "declared"
        else:
            continue
        if key not in a:
            put(key, str(f.value), f.span.start, f.span.end)
    a["_spans"] = spans
    return a


def dividend(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The event reader (see :data:`eightk.extract.events._READERS`)."""
    return read_dividend(it.text, it.start, it.document, facts)
