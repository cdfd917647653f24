"""Where an event's attributes are in the text, and how the side list shows them.

Each attribute (each leaf of ``Event.attributes``, named by its path: ``amount``,
``changes.0.person``, ``proposals.2.for``) is placed, in this order: at its span in
``Event.attribute_spans`` (where the extractor read it); at the fact of its item with the same
value (a settlement's amount is a money fact); where its text is printed in the item; else it
is listed without a place. A mark that would cross a fact's or an anomaly's mark (cutting it in
pieces) is not drawn: the attribute links to that fact instead.

The side list shows an event's attributes as lines, and each list of records (an officer change
per person, a vote per proposal) as a small table, one column per field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from eightk.interfaces.web.annotate import Mark
from eightk.model import Fact, Filing, Span
from eightk.report import money, number

#: Attributes that say how the event was read, not what the text says.
_NOT_IN_TEXT = {"item_source", "inferred_from", "currency", "period_lengths", "confidence", "scale"}
_MONEY = {"amount", "gross_proceeds", "price_per_share", "exercise_price", "amount_per_share", "revenue",
          "revenue_prior", "net_income", "net_income_prior", "diluted_eps", "diluted_eps_prior"}


@dataclass(frozen=True)
class Piece:
    """A value as shown, and the anchor of its place in the text (None: not on the page)."""

    text: str
    anchor: str | None = None
    numeric: bool = False


@dataclass
class AttributeTable:
    """A list of records of one event (``changes``, ``proposals``, ``warrants``): a row per
    record, a cell per field holding its value(s)."""

    name: str
    columns: list[str]
    rows: list[list[list[Piece]]] = field(default_factory=list)


@dataclass
class Places:
    """Where each attribute is: ``anchors[(event, path)]`` (None: nowhere on the page), and the
    marks to draw per document."""

    anchors: dict[tuple[int, str], str | None] = field(default_factory=dict)
    marks: dict[int, list[Mark]] = field(default_factory=dict)


def leaves(path: str, value: Any) -> Iterator[tuple[str, Any]]:
    """(path, scalar) of every value under ``value`` (itself at ``path``), in order; lists by
    index (``counterparties.1``), records by field (``changes.0.person``)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if k not in _NOT_IN_TEXT:
                yield from leaves(f"{path}.{k}", v)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(f"{path}.{i}", v)
    elif value is not None:
        yield path, value


def label(path: str) -> str:
    """The name of an attribute on a line: its path without the list indexes."""
    return " ".join(p for p in path.split(".") if not p.isdigit())


def shown(path: str, value: Any, currency: str | None = None) -> str:
    """A value as the page prints it: money with its currency, numbers with separators."""
    last = path.split(".")[-1]
    if isinstance(value, bool):
        return "yes" if value else "no"
    if last in _MONEY:
        return money(value, currency or "USD")
    if isinstance(value, int | float):
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


def _literal(text: str, span: Span | None, value: Any, ident: str, title: str) -> Mark | None:
    """A mark where ``value`` is printed inside the item (case and spacing aside)."""
    if span is None or not text or isinstance(value, bool | int | float) or len(str(value)) < 3:
        return None
    words = str(value).split()
    m = re.compile(r"\s+".join(re.escape(w) for w in words), re.I).search(text, span.start, span.end)
    return Mark(m.start(), m.end(), ident, "attr", title) if m else None


def _crossed(m: Mark, main: list[Mark]) -> Mark | None:
    """The fact or anomaly mark ``m`` would cut in pieces, if any."""
    return next((x for x in main if m.start < x.start < m.end < x.end or x.start < m.start < x.end < m.end), None)


class _Placer:
    """Places the attributes of one filing (see the module's docstring)."""

    def __init__(self, f: Filing, texts: dict[int, str], main: dict[int, list[Mark]]) -> None:
        self.f, self.texts, self.places = f, texts, Places()
        self.main = {d: [m for m in ms if m.cls.startswith(("fact", "anomaly"))] for d, ms in main.items()}

    def event(self, e: int) -> None:
        ev = self.f.events[e]
        item = _item_span(self.f, e)
        doc = (item.document or 1) if item else 1
        facts = [(i, x) for i, x in enumerate(self.f.facts) if item is not None
                 and (x.span.document or x.document or 1) == doc and item.start <= x.span.start < item.end]
        for key, value in ev.attributes.items():
            if key in _NOT_IN_TEXT:
                continue
            for path, scalar in leaves(key, value):
                ident = f"ev-{e}-{re.sub(r'[^a-z0-9]+', '-', path.lower())}"
                title = f"{ev.type} {label(path)}: {shown(path, scalar, ev.attributes.get('currency'))}"
                self.places.anchors[(e, path)] = self._place(ev.attribute_spans.get(path), doc, item, facts, scalar,
                                                             ident, title)

    def _place(self, span: Span | None, doc: int, item: Span | None, facts: list[tuple[int, Fact]], value: Any,
               ident: str, title: str) -> str | None:
        if span is not None:  # where the extractor read it
            at = span.document or doc
            if 0 <= span.start < span.end <= len(self.texts.get(at, "")):
                return self._mark(Mark(span.start, span.end, ident, "attr", title), at)
        hit = next((i for i, x in facts if _same(x, value)), None)
        if hit is not None:
            return f"fact-{hit}" if self.texts.get(doc, "").strip() else None
        mark = _literal(self.texts.get(doc, ""), item, value, ident, title)
        return self._mark(mark, doc) if mark else None

    def _mark(self, m: Mark, doc: int) -> str | None:
        if not self.texts.get(doc, "").strip():
            return None
        crossed = _crossed(m, self.main.get(doc, []))
        if crossed is not None:
            return crossed.id
        self.places.marks.setdefault(doc, []).append(m)
        return m.id


def place(f: Filing, texts: dict[int, str], main: dict[int, list[Mark]]) -> Places:
    """Where every event attribute of ``f`` is in ``texts`` (per document, the text the page
    shows), given the page's other marks ``main`` (facts and anomalies are never cut)."""
    placer = _Placer(f, texts, main)
    for e in range(len(f.events)):
        placer.event(e)
    return placer.places


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(e: int, key: str, records: list[dict[str, Any]], places: Places, currency: str | None) -> AttributeTable:
    columns: list[str] = []
    for rec in records:
        columns += [k for k, v in rec.items() if v is not None and k not in _NOT_IN_TEXT and k not in columns]
    table = AttributeTable(key, columns)
    for i, rec in enumerate(records):
        cur = rec.get("currency") or currency
        table.rows.append([
            [Piece(shown(p, v, cur), places.anchors.get((e, p)), isinstance(v, int | float) and not isinstance(v, bool))
             for p, v in leaves(f"{key}.{i}.{c}", rec.get(c))]
            for c in columns
        ])
    return table


def event_attributes(f: Filing, e: int, places: Places) -> tuple[list[tuple[str, str, str | None]],
                                                                  list[AttributeTable]]:
    """The side list's view of event ``e``: lines (attribute, value, anchor or None) and a table
    per list of records."""
    ev = f.events[e]
    currency = ev.attributes.get("currency")
    lines: list[tuple[str, str, str | None]] = []
    tables: list[AttributeTable] = []
    for key, value in ev.attributes.items():
        if key in _NOT_IN_TEXT:
            continue
        if _is_table(value):
            tables.append(_table(e, key, value, places, currency))
            continue
        for path, scalar in leaves(key, value):
            lines.append((label(path), shown(path, scalar, currency), places.anchors.get((e, path))))
    return lines, tables


__all__ = ["AttributeTable", "Piece", "Places", "event_attributes", "label", "leaves", "place", "shown"]
