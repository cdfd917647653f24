"""The 8-K grammar: cover page, items, exhibits and signatures, read from blocks.

Written once over :class:`~eightk.documents.blocks.Block` s, so plain-text and HTML documents
go through the same rules. The body is the source of every value; the EDGAR header is only a
cross-check (:mod:`eightk.parser.crosscheck` turns each disagreement into an anomaly).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from typing import NamedTuple

from eightk import itemcodes
from eightk.containers import Submission
from eightk.documents.blocks import Block, DocumentView
from eightk.model import Anomaly, Exhibit, Filing, Item, Span
from eightk.parser.cover import earliest_event, read_cover
from eightk.parser.crosscheck import cross_check
from eightk.parser.exhibits import from_prose, index_region, link_documents, merge, read_list
from eightk.parser.items import (
    EXHIBIT_INDEX_HEAD,
    EXHIBIT_INDEX_LEAD,
    MAX_HEADINGS,
    SIGNATURE_HEAD,
    SIGNATURE_HEAD_LEAD,
    Heading,
    body_text,
    find_headings,
    running_headers,
)
from eightk.parser.signatures import find_after_items, find_start, read_signatures

# a heading title ending in a connector shares the body of the next heading
_JOINED = re.compile(r"(?:[;,&]|\band)$")
_EXHIBIT_TABLE_HEAD = re.compile(r"^\s*exhibits?\s*(?:no\.?|number|#)?\s+description\s*$", re.I)


def _one_scheme(heads: list[Heading], filed: dt.date | None) -> list[Heading]:
    """Keep only headings of the numbering in force: a 2024 filing's "Item 2" is a proposal
    number in a vote table, a 1998 filing has no "Item 2.02". Without a filing date, decimal
    headings win when there are any (integer "Item 3" lines are then list numbers)."""
    legacy = itemcodes.is_legacy_date(filed)
    if legacy is None:  # decided once for the document, not per code (linear in the headings)
        legacy = not any("." in c for h in heads for c in h.codes)
    def keep(code: str) -> bool:
        return ("." in code) != legacy
    out = []
    for h in heads:
        codes = [c for c in h.codes if keep(c)]
        if codes:
            h.codes = codes
            out.append(h)
    return out


def _next_stop(stops: list[int], after: int, default: int) -> int:
    """The first of the sorted ``stops`` beyond block ``after`` (a bisection: one search per
    heading must not scan every stop, or thousands of headings take quadratic time)."""
    k = bisect_right(stops, after)
    return stops[k] if k < len(stops) else default


# A cover page is at most this many blocks when no item heading ends it earlier.
_COVER_MAX = 120


def _view(sub: Submission, doc) -> DocumentView | None:
    from eightk.documents import view_of

    try:
        return view_of(sub, doc)
    except ImportError:  # the HTML front end is not installed/written yet
        return None


class _ItemText(NamedTuple):
    """The text an item heading introduces, and where that text ends."""

    text: str
    heading: Heading
    span_end: int


class _ItemBody(NamedTuple):
    blocks: list[Block]
    text: str
    span_end: int


def _headings(view: DocumentView, blocks: list[Block], sig_at: int | None, filing: Filing) -> list[Heading]:
    """The item headings of the numbering in force; items live before the signatures, and when
    none are found there, in the whole document."""
    heads = find_headings(view, blocks, sig_at)
    if not heads and sig_at is not None:
        heads = find_headings(view, blocks)
    if len(heads) >= MAX_HEADINGS:
        filing.anomalies.append(Anomaly(
            code="headings_truncated",
            message=f"more than {MAX_HEADINGS} item headings: those after the {MAX_HEADINGS}th are read as the last "
            "item's text", span=Span.at(heads[-1].start, heads[-1].end, view.sequence),
        ))
    return _one_scheme(heads, filing.filed)


def _cover(view: DocumentView, blocks: list[Block], heads: list[Heading], sig_at: int | None, filing: Filing) -> None:
    """Registrants, report dates and the date of report from the cover page (the blocks before
    the first item heading)."""
    cover_end = heads[0].block if heads else min(len(blocks), sig_at if sig_at is not None else _COVER_MAX)
    regs, dates = read_cover(view, blocks, min(cover_end, _COVER_MAX))
    filing.registrants = regs
    filing.report_dates = [d.date for d in dates]
    earliest = earliest_event(dates)
    if earliest is None:
        return
    dor, dor_span = earliest.date, earliest.span
    header_period = filing.header.period if filing.header else None
    filing.date_of_report = dor
    if header_period is not None and header_period != dor:
        filing.anomalies.append(Anomaly(
            code="date_of_report_mismatch",
            message=f"the body's date of report {dor.isoformat()} differs from the header's period "
            f"{header_period.isoformat()}; the body's value is kept",
            text=view.text[dor_span.start:dor_span.end] if dor_span else None, span=dor_span,
        ))


_STOP_LEAD = SIGNATURE_HEAD_LEAD | EXHIBIT_INDEX_LEAD


def _stops(blocks: list[Block], heads: list[Heading], sig_at: int | None, idx_at: int | None) -> list[int]:
    """The sorted blocks where an item's text ends: the next heading, the signatures, the exhibit
    index, and every SIGNATURES / EXHIBIT INDEX line (also table-of-contents entries)."""
    marks = {k for k, b in enumerate(blocks) if (c := b.text[:1]) in _STOP_LEAD and (
        c in SIGNATURE_HEAD_LEAD and SIGNATURE_HEAD.match(b.text) or EXHIBIT_INDEX_HEAD.match(b.text))}
    return sorted({h.block for h in heads} | {x for x in (sig_at, idx_at) if x is not None} | marks)


def _item_body(view: DocumentView, blocks: list[Block], heads: list[Heading], n: int, stops: list[int],
               running: frozenset[str]) -> _ItemBody:
    """The blocks and text of heading ``n``'s item, up to the next stop."""
    h = heads[n]
    end = _next_stop(stops, h.block, len(blocks))
    nxt = heads[n + 1] if n + 1 < len(heads) else None
    if nxt is not None and end == nxt.block and h.body_from >= end and h.title and _JOINED.search(h.title.strip()):
        # "Item 1.01 Entry into ...;" / "Item 2.03 Creation of ...": one body for both headings
        end = _next_stop(stops, nxt.block, len(blocks))
        h.body_from = nxt.body_from
    end = max(end, h.body_from)
    body_blocks = blocks[h.body_from:end]
    after = blocks[end] if end < len(blocks) else None
    text = body_text(view, body_blocks, after=after, running=running) if body_blocks else ""
    if h.body_from == h.block and body_blocks:  # heading and body share one block (HTML)
        head_rest = " ".join(view.text[h.end:body_blocks[0].end].split())
        rest = body_text(view, body_blocks[1:], after=after, running=running)
        text = (head_rest + ("\n\n" + rest if rest else "")).strip()
    if not text and h.inline_text:
        text = h.inline_text
    span_end = body_blocks[-1].end if body_blocks else h.end
    return _ItemBody(body_blocks, text, span_end)


def _scheme_anomaly(view: DocumentView, h: Heading, code: str, legacy: bool | None, filing: Filing) -> None:
    """An item code of the numbering the filing date does not expect."""
    scheme = "modern" if "." in code else "legacy"  # the codes of headings are valid ones
    if legacy is not None and (scheme == "legacy") != legacy:
        filing.anomalies.append(Anomaly(
            code="item_scheme_unexpected",
            message=f"item {code} uses the {scheme} numbering, unexpected for a filing dated "
            f"{filing.filed.isoformat() if filing.filed else '?'}",
            text=view.text[h.start:h.end], span=Span.at(h.start, h.end, view.sequence),
        ))


def _items(view: DocumentView, blocks: list[Block], heads: list[Heading], stops: list[int],
           filing: Filing) -> list[list[Exhibit]]:
    """Fill the filing's items and items not applicable; return the exhibit lists found in
    the items' text (Item 9.01 / Item 7 / any "exhibits" heading).

    An item heading seen twice (a table of contents, then the item itself) is one item: the
    occurrence with the longer text is the item (the later one on a tie), in the order of first
    appearance; only these become Items (thousands of repeated headings are one Item each)."""
    legacy = itemcodes.is_legacy_date(filing.filed)
    best: dict[str, _ItemText] = {}
    not_applicable: list[str] = []
    exhibit_lists = []
    running = running_headers(blocks)
    for n, h in enumerate(heads):
        body = _item_body(view, blocks, heads, n, stops, running)
        if h.not_applicable:
            not_applicable.extend(c for c in h.codes if c not in not_applicable)
            continue
        for code in h.codes:
            if code not in best or len(body.text) >= len(best[code].text):
                best[code] = _ItemText(body.text, h, body.span_end)
            _scheme_anomaly(view, h, code, legacy, filing)
        if "7" in h.codes or "9.01" in h.codes or (h.title and "exhibit" in h.title.lower()):
            exhibit_lists.append(read_list(view, body.blocks))
    # trusted (every field given, each of its type: str, the scheme's name, a Span): a validated
    # Item and its Span cost ~4 us more each
    items = [
        Item.trusted({"code": code, "scheme": itemcodes.scheme_of(code) or "legacy", "title": it.heading.title,
                      "equivalent": itemcodes.equivalent(code), "text": it.text,
                      "span": Span.at(it.heading.start, it.span_end, view.sequence)})
        for code, it in best.items()
    ]
    filing.items = sorted(items, key=lambda it: it.span.start if it.span is not None else -1)
    filing.items_not_applicable = [c for c in not_applicable if c not in best]
    return exhibit_lists


def _exhibits(view: DocumentView, blocks: list[Block], exhibit_lists: list[list[Exhibit]], idx_at: int | None,
              sig_at: int | None, documents: list | None) -> list[Exhibit]:
    """The exhibits: the lists in the items, the exhibit index, else a headless exhibit table;
    linked to the submission's documents and completed from the prose."""
    if idx_at is not None:
        exhibit_lists.append(read_list(view, blocks[idx_at + 1:]))
    if not any(exhibit_lists):
        # an exhibit table with no heading of its own: "Exhibit No.  Description" then rows
        k = next((k for k, b in enumerate(blocks) if _EXHIBIT_TABLE_HEAD.match(b.text)), None)
        if k is not None:
            exhibit_lists.append(read_list(view, blocks[k + 1:sig_at if sig_at is not None and sig_at > k else None]))
    if documents is not None:
        for lst in exhibit_lists:
            link_documents(lst, documents)
    exhibits = merge(exhibit_lists)
    if documents is not None:
        exhibits += from_prose(view, exhibits, documents)
    return exhibits


def parse_view(view: DocumentView, filing: Filing, *, documents: list | None = None) -> None:
    """Run the grammar over one document view and fill ``filing``."""
    blocks = [b for b in view.blocks if not b.hidden]
    sig_at = find_start(blocks)
    heads = _headings(view, blocks, sig_at, filing)
    _cover(view, blocks, heads, sig_at, filing)
    if sig_at is None and heads:  # no SIGNATURES heading, no "Pursuant to": after the last item
        sig_at = find_after_items(blocks, heads[-1].body_from)
    idx_at = index_region(blocks, heads[-1].body_from if heads else 0)
    exhibit_lists = _items(view, blocks, heads, _stops(blocks, heads, sig_at, idx_at), filing)
    filing.exhibits = _exhibits(view, blocks, exhibit_lists, idx_at, sig_at, documents)
    if sig_at is not None:
        filing.signatures = read_signatures(view, blocks, sig_at)


# "FORM 8-K", "Form 8-K/A", "FORM 8-K12B" as a cover line of its own (not "on Form 8-K" in prose)
_FORM_LINE = re.compile(r"^\s*FORM\s+(8\s*-\s*K(?:12[BG](?:3)?|15D5)?(?:\s*/\s*A)?)\b\W*$", re.I)


# another form's cover line ("FORM 10-K", "Form 10-Q/A", "FORM 20-F"): the document is no 8-K
_OTHER_FORM_LINE = re.compile(
    r"^\s*FORM\s+((?:10|20|40|6|11)\s*-\s*[A-Z]{1,2}(?:SB|405|T)?|S-\d{1,2}|DEF\s*14A|N-CSR|SC\s*13[DG])(?:\s*/\s*A)?\W*$", re.I)


def _form_on_cover(view) -> str | None:
    """The form a lone document's cover names: an 8-K form line first, else another form's."""
    blocks = view.blocks[:60]
    for pattern in (_FORM_LINE, _OTHER_FORM_LINE):
        for i, block in enumerate(blocks):
            # "FORM" and "8-K" may stand in blocks of their own (split across HTML tags)
            nxt = blocks[i + 1].text if i + 1 < len(blocks) and block.text.strip().upper() == "FORM" else ""
            m = pattern.match(f"{block.text} {nxt}" if nxt else block.text)
            if m:
                return re.sub(r"\s+", "", m.group(1)).upper()
    return None


def parse_into(sub: Submission, filing: Filing) -> None:
    """Fill ``filing`` (registrants, items, exhibits, signatures, date of report) from the
    submission's documents. The body is the source; the header is a cross-check."""
    doc = sub.primary
    if doc is None:
        return
    if not doc.is_text or doc.format == "xml":
        filing.anomalies.append(Anomaly(
            code="primary_not_text", message=f"the primary document is {doc.format}; nothing to read",
        ))
        return
    view = _view(sub, doc)
    if view is None:  # an oversized document: reported by core (document_too_large)
        return
    parse_view(view, filing, documents=sub.documents)
    if filing.form_type is None:  # a lone document: its cover says which form it is
        filing.form_type = _form_on_cover(view)
    if view.format != "text":
        # HTML covers: the 12(b) table and check boxes from the text, then the iXBRL tags
        from eightk.parser.ixbrl_cover import apply_ixbrl

        apply_ixbrl(view, filing)
    if filing.header is not None:
        cross_check(filing)


__all__ = ["parse_into", "parse_view", "EXHIBIT_INDEX_HEAD"]
