"""What the filing page shows: each document's text view with facts, event attributes, cues and
anomalies marked at their spans, cut into the items it reports; the side list of facts and
events linking to those marks; the EDGAR header beside what the body says.

The text shown is the document's view (:func:`eightk.documents.view_of` on the stored
submission), the very text the parse's spans index, so a mark covers exactly what the fact was
read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from eightk.interfaces.web.annotate import Mark, annotate
from eightk.interfaces.web.attributes import AttributeTable, Places, event_attributes, place
from eightk.model import Filing, Span
from eightk.report import event_text, fact_value

#: Characters of one document shown on the page; the rest is in the raw submission.
MAX_SHOWN = 2_000_000


@dataclass
class Section:
    """A piece of a document's text: the part before the first item, one item, or the rest."""

    title: str | None
    anchor: str | None
    html: Markup


@dataclass
class DocumentText:
    sequence: int
    type: str | None
    filename: str | None
    description: str | None
    sections: list[Section]
    truncated: bool = False


@dataclass
class SideEntry:
    """A line of the side list: a label, the anchor it jumps to (None: nothing to show in the
    text) and, for an event, its attributes as (name, value, anchor) lines and a table per list
    of records (officer changes, vote proposals)."""

    label: str
    anchor: str | None
    kind: str
    attributes: list[tuple[str, str, str | None]] = field(default_factory=list)
    tables: list[AttributeTable] = field(default_factory=list)


def document_texts(raw: bytes | None) -> dict[int, str]:
    """Sequence -> the text of its view, for every document of the stored submission that has
    one (an empty mapping when the submission was not kept or cannot be read again)."""
    if raw is None:
        return {}
    from eightk.containers import read_submission
    from eightk.documents import view_of
    from eightk.errors import EightKError

    try:
        sub = read_submission(raw)
    except EightKError:
        return {}
    texts: dict[int, str] = {}
    for doc in sub.documents:
        view = view_of(sub, doc)
        if view is not None:
            texts[doc.sequence] = view.text
    return texts


def _doc(span: Span, default: int | None = None) -> int:
    return span.document or default or 1


def fact_marks(f: Filing) -> dict[int, list[Mark]]:
    """Per document: one mark per fact (``fact-N``), anomaly with a span (``anomaly-N``) and
    event cue (``cue-E-J``)."""
    marks: dict[int, list[Mark]] = {}
    for i, x in enumerate(f.facts):
        marks.setdefault(_doc(x.span, x.document), []).append(
            Mark(x.span.start, x.span.end, f"fact-{i}", f"fact k-{x.kind}", f"{x.kind}: {fact_value(x)}"))
    for i, a in enumerate(f.anomalies):
        if a.span is not None:
            marks.setdefault(_doc(a.span), []).append(
                Mark(a.span.start, a.span.end, f"anomaly-{i}", "anomaly", f"{a.code}: {a.message}"))
    for e, ev in enumerate(f.events):
        for j, s in enumerate(ev.evidence[1:], start=1):
            marks.setdefault(_doc(s), []).append(Mark(s.start, s.end, f"cue-{e}-{j}", "cue", f"cue for {ev.type}"))
    return marks


def _crosses(a: Mark, b: Mark) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def uncrossed(marks: list[Mark]) -> list[Mark]:
    """``marks`` without the cues and attribute marks that cross a fact or an anomaly (which
    would cut the fact's mark in two pieces)."""
    main = [m for m in marks if m.cls.startswith(("fact", "anomaly"))]
    extra = [m for m in marks if not m.cls.startswith(("fact", "anomaly"))]
    return main + [m for m in extra if not any(_crosses(m, f) for f in main)]


def _sections(f: Filing, seq: int, text: str, marks: list[Mark]) -> list[Section]:
    """The document cut at the starts of the items it holds (each item headed by its code)."""
    items = [(i, it) for i, it in enumerate(f.items) if it.span is not None and _doc(it.span) == seq]
    items.sort(key=lambda p: p[1].span.start if p[1].span else 0)
    if not items:
        return [Section(None, None, annotate(text, marks))]
    out: list[Section] = []
    first = items[0][1].span
    if first and first.start > 0:
        out.append(Section(None, None, annotate(text, marks, 0, first.start)))
    for k, (i, it) in enumerate(items):
        span = it.span
        assert span is not None
        nxt = items[k + 1][1].span if k + 1 < len(items) else None
        stop = nxt.start if nxt else span.end
        eq = f" (= {it.equivalent} {'today' if it.scheme == 'legacy' else 'before 2004'})" if it.equivalent else ""
        out.append(Section(f"Item {it.code}{eq} {it.title or ''}".strip(), f"item-{i}", annotate(text, marks, span.start, stop)))
    last = items[-1][1].span
    if last and last.end < len(text):
        out.append(Section(None, None, annotate(text, marks, last.end)))
    return out


def shown_texts(texts: dict[int, str]) -> dict[int, str]:
    """What the page shows of each document: its first :data:`MAX_SHOWN` characters."""
    return {d: t[:MAX_SHOWN] for d, t in texts.items()}


def attribute_places(f: Filing, texts: dict[int, str]) -> Places:
    """Where the page marks the events' attributes (:func:`eightk.interfaces.web.attributes.place`)."""
    return place(f, shown_texts(texts), fact_marks(f))


def documents(f: Filing, texts: dict[int, str], places: Places | None = None) -> list[DocumentText]:
    """The documents whose text the page shows, marked and cut into items."""
    marks = fact_marks(f)
    for doc, ms in (places or attribute_places(f, texts)).marks.items():
        marks.setdefault(doc, []).extend(ms)
    out = []
    for d in f.documents:
        text = texts.get(d.sequence)
        if not text or not text.strip():
            continue
        shown = text[:MAX_SHOWN]
        out.append(DocumentText(d.sequence, d.type, d.filename, d.description,
                                _sections(f, d.sequence, shown, uncrossed(marks.get(d.sequence, []))), len(text) > MAX_SHOWN))
    return out


def side_list(f: Filing, texts: dict[int, str], places: Places | None = None
              ) -> tuple[list[SideEntry], list[SideEntry], list[SideEntry]]:
    """(events, facts, anomalies) of the side list, each linking to its place in the text."""
    places = places or attribute_places(f, texts)
    shown = {d for d, t in texts.items() if t.strip()}
    item_anchor = {id(it): f"item-{i}" for i, it in enumerate(f.items) if it.span is not None and _doc(it.span) in shown}
    events = []
    for e, ev in enumerate(f.events):
        it = next((it for it in f.items if it.code == ev.item and it.span is not None), None)
        anchor = item_anchor.get(id(it)) if it is not None else None
        lines, tables = event_attributes(f, e, places)
        events.append(SideEntry(event_text(ev), anchor, ev.type, lines, tables))
    facts = [
        SideEntry(f"{fact_value(x)}", f"fact-{i}" if _doc(x.span, x.document) in shown else None, x.kind)
        for i, x in enumerate(f.facts)
    ]
    anomalies = [
        SideEntry(f"{a.code}: {a.message}", f"anomaly-{i}" if a.span is not None and _doc(a.span) in shown else None,
                  "anomaly")
        for i, a in enumerate(f.anomalies)
    ]
    return events, facts, anomalies


def context(f: Filing, row: dict[str, Any], raw: bytes | None) -> dict[str, Any]:
    """Everything the filing template needs."""
    from eightk.interfaces.web.compare import header_vs_body

    texts = document_texts(raw)
    places = attribute_places(f, texts)
    events, facts, anomalies = side_list(f, texts, places)
    return {
        "f": f, "row": row, "docs": documents(f, texts, places), "events": events, "facts": facts,
        "anomalies": anomalies, "compare": header_vs_body(f), "raw_kept": raw is not None,
        "handle": f.accession_number or str(row.get("id")),
    }


__all__ = ["MAX_SHOWN", "DocumentText", "Section", "SideEntry", "attribute_places", "context", "document_texts",
           "documents", "fact_marks", "shown_texts", "side_list"]
