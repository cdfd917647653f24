"""Where an event's attributes are in the text.

An event's attributes are read from the facts of its item (a settlement's amount is a money
fact, its court a party fact), so each is placed at the fact of that item with the same value;
an attribute no fact carries (a security's class, a period as printed) is placed where its
text occurs in the item, and one found nowhere is listed without a place.
"""

from __future__ import annotations

import re
from typing import Any

from eightk.interfaces.web.annotate import Mark
from eightk.model import Fact, Filing, Span
from eightk.report import money, number

#: Attributes that say how the event was read, not what the text says.
_NOT_IN_TEXT = {"item_source", "inferred_from", "currency", "period_lengths", "confidence"}
_MONEY = {"amount", "gross_proceeds", "price_per_share", "exercise_price"}


def _scalars(key: str, value: Any) -> list[tuple[str, Any]]:
    """(label, scalar) for an attribute: a list gives one per element, a dict one per field."""
    if isinstance(value, list):
        return [pair for v in value for pair in _scalars(key, v)]
    if isinstance(value, dict):
        return [(f"{key} {k}", v) for k, v in value.items()
                if k not in _NOT_IN_TEXT and v is not None and not isinstance(v, dict | list)]
    return [] if value is None else [(key, value)]


def _shown(key: str, value: Any) -> str:
    last = key.split()[-1]
    if last in _MONEY:
        return money(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value)
    return str(value)


def _same(x: Fact, value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return isinstance(x.value, int | float) and abs(float(x.value) - float(value)) <= 1e-9 * max(1.0, abs(value))
    want = " ".join(str(value).split()).casefold()
    return want in (" ".join(str(x.value).split()).casefold(), " ".join(x.text.split()).casefold())


def _item_span(f: Filing, e: int) -> Span | None:
    ev = f.events[e]
    it = next((it for it in f.items if it.code == ev.item and it.span is not None), None)
    if it is not None:
        return it.span
    return ev.evidence[0] if ev.evidence else None


def placed(f: Filing, e: int, texts: dict[int, str]) -> list[tuple[str, str, str | None, Mark | None, int]]:
    """(label, value as shown, anchor, a mark to add or None, document) for each attribute of
    event ``e``: the anchor is the matching fact's (``fact-N``) or a mark of its own."""
    ev = f.events[e]
    span = _item_span(f, e)
    doc = (span.document or 1) if span else 1
    text = texts.get(doc, "")
    facts = [(i, x) for i, x in enumerate(f.facts)
             if span is not None and (x.span.document or x.document or 1) == doc and span.start <= x.span.start < span.end]
    out: list[tuple[str, str, str | None, Mark | None, int]] = []
    for key, value in ev.attributes.items():
        if key in _NOT_IN_TEXT:
            continue
        for n, (label, scalar) in enumerate(_scalars(key, value)):
            hit = next((i for i, x in facts if _same(x, scalar)), None)
            if hit is not None:
                out.append((label, _shown(label, scalar), f"fact-{hit}", None, doc))
                continue
            mark = _literal(text, span, scalar, f"ev-{e}-{re.sub(r'[^a-z0-9]+', '-', label)}-{n}", label)
            out.append((label, _shown(label, scalar), mark.id if mark else None, mark, doc))
    return out


def _literal(text: str, span: Span | None, value: Any, ident: str, label: str) -> Mark | None:
    """A mark where ``value`` is printed inside the item (case and spacing aside)."""
    if span is None or not text or isinstance(value, bool | int | float) or len(str(value)) < 3:
        return None
    words = str(value).split()
    m = re.compile(r"\s+".join(re.escape(w) for w in words), re.I).search(text, span.start, span.end)
    return Mark(m.start(), m.end(), ident, "attr", label) if m else None


def event_attributes(f: Filing, e: int, texts: dict[int, str]) -> list[tuple[str, str, str | None]]:
    """The side list's lines for event ``e``: (attribute, value, anchor or None)."""
    return [(label, shown, anchor if texts.get(doc, "").strip() else None)
            for label, shown, anchor, _, doc in placed(f, e, texts)]


def attribute_marks(f: Filing, texts: dict[int, str]) -> dict[int, list[Mark]]:
    """Per document, the marks of attributes that no fact carries but the text prints."""
    marks: dict[int, list[Mark]] = {}
    for e in range(len(f.events)):
        for _, _, _, mark, doc in placed(f, e, texts):
            if mark is not None:
                marks.setdefault(doc, []).append(mark)
    return marks


__all__ = ["attribute_marks", "event_attributes", "placed"]
