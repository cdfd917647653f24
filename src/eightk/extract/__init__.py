"""Facts, events and source anomalies, read from parsed items and blocks.

``extract_into(sub, filing)`` runs the rule-based extractors (money, shares, percent, dates and
periods, parties, securities) over the primary document and its EX-99 exhibits, places each
fact (span into the document's view text, document sequence, item code), infers one event per
item, and records the problems of the source it met (malformed numbers, impossible dates,
signature before report, exhibits listed but not attached and the reverse). Pure: no I/O.
"""

from __future__ import annotations

import heapq
import re
from typing import Any

from eightk import itemcodes
from eightk.containers import Document, Submission
from eightk.extract.amounts import find_money, find_percent, find_shares
from eightk.extract.dates import find_dates, find_periods
from eightk.extract.events import Context, ItemRef, _norm, infer_events
from eightk.extract.hits import Hit, Hits, horizon_of, lowered, stopped
from eightk.extract.parties import find_courts, find_organisations, find_parties
from eightk.extract.securities import find_securities
from eightk.kinds import FactKind
from eightk.model import Anomaly, Fact, Filing, Span

__all__ = ["extract_into", "extract_text", "facts_of_text", "scan_items"]


def extract_text(
    text: str, *, tables: list[tuple[int, int]] | None = None, exhibit: bool = False, limit: int | None = None
) -> Hits:
    """All fact hits of one text. ``tables``: ``[start, end)`` ranges that are tables, where
    a parenthesised number is a negative amount when the table prints a currency sign.

    Tables of figures are read for amounts, percentages and dates only: parties, securities,
    share counts and periods are stated in prose, and the rows of a financial statement
    ("Total common shares", "Preferred stock") would only add noise and cost.

    ``exhibit``: a press release or other EX-99 exhibit, read for amounts, counts, dates,
    periods and organisations; people with roles and security terms are read from the 8-K
    body, where each item states them (and quoted speakers in a release are not parties).

    ``limit``: each finder stops once it has that many hits, and only the hits before the
    nearest place a finder stopped (the result's ``horizon``) are returned: they are exactly
    the hits a full reading finds there. A data dump then costs what its first facts cost."""
    # one lower-casing serves the anchors of five finders (see hits.Needled)
    low = lowered(text)
    found: list[list[Hit]] = [find_money(text, tables=tables, limit=limit, low=low)]
    prose, low_prose = text, low
    numeric = [(s, e) for s, e in tables or () if _is_numeric_table(text[s:e])]
    if numeric:
        # blank the tables out, keeping every offset: spans stay offsets into ``text``
        prose = _blanked(text, numeric)
        low_prose = _blanked(low, numeric)
    found += [find_shares(prose, limit, low=low_prose), find_percent(text, limit, low=low), find_dates(text, limit, low=low),
              find_periods(prose, limit, low=low_prose)]
    if exhibit:
        found += [find_courts(prose, limit), find_organisations(prose, limit)]
    else:
        found += [find_parties(prose, limit, low=low_prose), find_securities(prose, limit, low=low_prose)]
    horizon = horizon_of(*found)
    hits = [h for part in found for h in part if horizon is None or h.start < horizon]
    for h in hits:
        if h.text != text[h.start : h.end]:  # a hit read from the blanked copy near a table edge
            h.text = text[h.start : h.end]
    return stopped(_dedupe(hits), horizon)


def _blanked(text: str, ranges: list[tuple[int, int]]) -> str:
    """``text`` with the ``[start, end)`` ``ranges`` (in order, apart) made spaces."""
    parts, last = [], 0
    for s, e in ranges:
        parts.append(text[last:s])
        parts.append(" " * (e - s))
        last = e
    parts.append(text[last:])
    return "".join(parts)


#: ASCII digits and letters as bytes: in UTF-8 no other character has a byte below 0x80, so
#: deleting these from the encoded text and comparing lengths counts them (a tenth of the cost
#: of finding their runs with the regex engine, measured on the corpus's tables)
_ASCII_DIGITS = b"0123456789"
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ASCII = bytes(range(128))
_DIGITS = re.compile(r"\d+")


def _is_numeric_table(chunk: str) -> bool:
    """A table of figures (financial statements), not a layout table holding prose: HTML
    8-Ks often put whole items, the cover or the signatures in table cells: more than a
    third as many digits (``\\d``: other scripts' digits too) as ASCII letters."""
    data = chunk.encode("utf-8", "surrogatepass")
    digits = len(data) - len(data.translate(None, _ASCII_DIGITS))
    if not chunk.isascii():  # the digits of other scripts, among the few non-ASCII characters
        # (those characters' bytes are what is left of the encoded text without its ASCII ones:
        # deleted in C, where a regex picking them out took two thirds of this function's time)
        others = data.translate(None, _ASCII).decode("utf-8", "surrogatepass")
        digits += sum(map(len, _DIGITS.findall(others)))
    return digits * 3 > len(data) - len(data.translate(None, _ASCII_LETTERS))


def _dedupe(hits: list[Hit]) -> list[Hit]:
    """One hit per span and kind: of overlapping hits of one kind the longest wins
    (a table's "$ (1,234)" over the "$ (1,234" prose reading)."""
    hits.sort(key=lambda h: (h.kind, h.start, -(h.end - h.start)))
    out: list[Hit] = []
    last: dict[str, int] = {}
    for h in hits:
        key = h.kind if h.kind != "party" else f"party:{h.attributes.get('type')}"
        if h.start < last.get(key, -1):
            continue
        out.append(h)
        last[key] = h.end
    out.sort(key=lambda h: (h.start, h.kind))
    return out


def facts_of_text(text: str, *, document: int | None = None) -> list[Fact]:
    """Facts of a bare text (for tools and tests): spans are offsets into ``text``."""
    return [_fact(h, document, None) for h in extract_text(text)]


def _fact(h: Hit, document: int | None, item: str | None) -> Fact:
    # trusted (model_construct, faster): the extractors build these values with the right types
    # already, and validating tens of thousands of facts would cost a tenth of the parse
    return Fact.trusted({
        "kind": _KINDS.get(h.kind) or FactKind(h.kind),
        "text": h.text,
        "value": h.value,
        "unit": h.unit,
        "per": h.per,
        "span": Span.at(h.start, h.end, document),
        "document": document,
        "item": item,
        "attributes": h.attributes,
    })


_KINDS = {k.value: k for k in FactKind}


# --- documents and their text -----------------------------------------------------------------


def _view_text(sub: Submission, doc: Document) -> tuple[str, list[tuple[int, int]]] | None:
    """The text spans point into, and its table ranges, from the shared block view. No view
    (a binary document, or one too large to be prose) means no facts. Only if the front ends
    cannot be imported does a plain-text document serve as its own view text (which it is)."""
    try:
        from eightk.documents import MAX_VIEW_BYTES, view_of
    except ImportError:
        if doc.format == "text" and doc.size <= (32 << 20):
            text = doc.text
            return text, [(m.start(), m.end()) for m in re.finditer(r"<TABLE>.*?(?:</TABLE>|\Z)", text, re.S | re.I)]
        return None
    if doc.size > MAX_VIEW_BYTES:
        return None
    try:
        view = view_of(sub, doc)
    except ImportError:  # a front end not there (yet): no facts from that format
        return None
    if view is None:
        return None
    return view.text, _table_ranges(view.blocks)


def _table_ranges(blocks: list[Any]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for b in blocks:
        if b.in_table or b.kind == "row":
            if out and b.start - out[-1][1] < 400:
                out[-1] = (out[-1][0], max(out[-1][1], b.end))
            else:
                out.append((b.start, b.end))
    return out


#: EX-99 exhibits larger than this are read for facts only when the parser has already built
#: their view. Past this size an exhibit is mostly table markup (earnings releases with full
#: financial statements, data dumps): building its view costs more than parsing the whole
#: filing, and issue 5 holds facts to within 2x the parse. Measured on the corpus: exhibits up
#: to 128 KB are 86 of the 142 EX-99 documents and 3% of their view-building time.
MAX_EXHIBIT_BYTES = 128 << 10


#: EX-99 exhibits read for facts per filing: the development corpus has at most 6. Past it a
#: submission is a dump of documents (issue 10: 126,000 of them), each costing a view.
MAX_EXHIBITS = 100


def _documents(sub: Submission) -> tuple[list[Document], int]:
    """The primary document, then EX-99 exhibits (press releases and other releases), and
    the number of exhibits left out past :data:`MAX_EXHIBITS`."""
    primary = sub.primary
    docs = [primary] if primary is not None else []
    exhibits = 0
    for d in sub.documents:
        if d is primary:
            continue
        if (d.type or "").upper().startswith("EX-99") and d.format in ("text", "html", "ixbrl"):
            if d.size > MAX_EXHIBIT_BYTES and ("view", d.sequence, d.start) not in sub.cache:
                continue
            exhibits += 1
            if exhibits <= MAX_EXHIBITS:
                docs.append(d)
    return docs, max(0, exhibits - MAX_EXHIBITS)


# --- items ------------------------------------------------------------------------------------

#: Fallback item headings, used only when the grammar found no items (e.g. a document the
#: grammar could not read): "ITEM 5.  OTHER EVENTS", "Item 2.02 Results of ...".
_ITEM_HEAD_RE = re.compile(
    r"^[ \t]*ITEMS?[ \t]*(?P<code>\d{1,2}(?:\.\d{1,2})?)\.?(?=[ \t.:\-–—]|$)[^\n]{0,160}$", re.M | re.I
)
_SIGNATURE_RE = re.compile(r"^[ \t]*SIGNATURES?[ \t]*$", re.M | re.I)


def scan_items(text: str, document: int | None = None) -> list[ItemRef]:
    """Item headings found by a line scan, each running to the next heading or the
    signatures (a fallback for when the grammar has no items)."""
    heads = []
    for m in _ITEM_HEAD_RE.finditer(text):
        code = itemcodes.normalise_code(m.group("code"))
        if code is None:
            continue
        title = m.group(0)[m.end("code") - m.start() :].strip(" .:-–—\t").lower()
        if "not applicable" in title or title.startswith(("and ", "through", "-")):
            continue
        heads.append((m.start(), m.end(), code))
    sig = _SIGNATURE_RE.search(text, heads[-1][1]) if heads else None
    items = []
    for i, (s, _e, code) in enumerate(heads):
        end = heads[i + 1][0] if i + 1 < len(heads) else (sig.start() if sig else len(text))
        items.append(ItemRef(code=code, text=text[s:end], start=s, end=end, document=document, source="scan"))
    return items


def _item_refs(sub: Submission, filing: Filing, texts: dict[int, str]) -> list[ItemRef]:
    refs: list[ItemRef] = []
    for it in filing.items:
        if it.span is not None:
            doc = it.span.document
            text = texts.get(doc, "") if doc is not None else ""
            body = text[it.span.start : it.span.end] if text else it.text
            refs.append(ItemRef(it.code, body or it.text, it.span.start, it.span.end, doc, "body"))
        else:
            refs.append(ItemRef(it.code, it.text, 0, 0, None, "body"))
    if refs:
        return refs
    primary = sub.primary
    if primary is not None and primary.sequence in texts:
        refs = scan_items(texts[primary.sequence], primary.sequence)
    if refs:
        return refs
    header = filing.header
    if header is not None:
        legacy = itemcodes.is_legacy_date(header.filed or header.period)
        for raw in header.items:
            code = itemcodes.normalise_code(raw) or itemcodes.code_for_title(raw, legacy=legacy)
            if code:
                refs.append(ItemRef(code, "", 0, 0, None, "header"))
    return refs


def _items_at(refs: list[ItemRef], document: int | None, positions: list[int]) -> list[str | None]:
    """For each position of ``document``, the code of the first item (in ``refs`` order) whose
    span holds it, or None. One sweep over the positions in order, with the items entered so
    far on a heap by their rank: asking every item for every fact was quadratic (a document of
    thousands of small tables has thousands of items and facts)."""
    spans = sorted((r.start, rank, r.end, r.code) for rank, r in enumerate(refs) if r.document == document)
    out: list[str | None] = [None] * len(positions)
    if not spans:
        return out
    heap: list[tuple[int, int, str]] = []  # (rank, end, code) of items starting at or before pos
    j = 0
    for k in sorted(range(len(positions)), key=positions.__getitem__):
        pos = positions[k]
        while j < len(spans) and spans[j][0] <= pos:
            _, rank, end, code = spans[j]
            heapq.heappush(heap, (rank, end, code))
            j += 1
        while heap and heap[0][1] <= pos:  # ended before pos, so before every later position too
            heapq.heappop(heap)
        if heap:
            out[k] = heap[0][2]
    return out


# --- the pass ---------------------------------------------------------------------------------

#: Facts kept per document (the development corpus has at most 567): past it a "document" is
#: a data dump, and a fact every few bytes would cost gigabytes (issue 10: 16 MB of amounts
#: gave 1.5 M facts and 3.4 GB). The finders stop reading soon after it (see extract_text).
MAX_FACTS_PER_DOCUMENT = 10_000


#: Events inferred per filing (one per item): an 8-K reports a handful of items (the
#: development corpus at most 5; the item list has 31 codes). Past it the "items" are the
#: lines of a table or a list read by the heading scan (issue 10: 10,000 small tables with
#: "Item" cells gave 120,000 events, a quarter of the parse).
MAX_EVENTS = 100


def extract_into(sub: Submission, filing: Filing) -> None:
    """Fill ``filing.facts``, ``filing.events`` and fact-level ``anomalies``."""
    texts: dict[int, str] = {}
    tables: dict[int, list[tuple[int, int]]] = {}
    docs, left_out = _documents(sub)
    for doc in docs:
        vt = _view_text(sub, doc)
        if vt is None:
            continue
        texts[doc.sequence], tables[doc.sequence] = vt
    refs = _item_refs(sub, filing, texts)
    primary_seq = sub.primary.sequence if sub.primary is not None else None
    facts: list[Fact] = []
    anomalies: list[Anomaly] = []
    if left_out:
        anomalies.append(Anomaly(
            code="exhibits_not_read",
            message=f"{left_out} more EX-99 exhibits were not read for facts (only the first {MAX_EXHIBITS} are)",
            text=str(left_out),
        ))
    for seq, text in texts.items():
        try:
            doc_hits = extract_text(text, tables=tables[seq], exhibit=seq != primary_seq, limit=MAX_FACTS_PER_DOCUMENT + 1)
        except Exception as e:  # a bug here must not cost the user the whole filing
            anomalies.append(
                Anomaly(code="extract_error", message=f"fact extraction failed on document {seq}: {type(e).__name__}: {e}")
            )
            continue
        if len(doc_hits) > MAX_FACTS_PER_DOCUMENT or doc_hits.horizon is not None:
            anomalies.append(_truncated(seq, doc_hits))
            del doc_hits[MAX_FACTS_PER_DOCUMENT:]
        for h, item in zip(doc_hits, _items_at(refs, seq, [h.start for h in doc_hits]), strict=True):
            fact = _fact(h, seq, item)
            facts.append(fact)
            if h.problem:
                code, message = h.problem
                anomalies.append(Anomaly(code=code, message=message, text=h.text, span=fact.span))
    # the same malformed number may be read as a share count and as money: report it once
    seen: set[tuple[str, int | None, int]] = set()
    for a in anomalies:
        key = (a.code, a.span.document if a.span else None, a.span.start if a.span else -1)
        if key in seen:
            continue
        seen.add(key)
        filing.anomalies.append(a)
    filing.facts = facts
    ctx = Context(
        legacy=_is_legacy(filing, refs),
        registrant_names={_norm(n) for n in _registrant_names(filing)},
        items=refs[:MAX_EVENTS],
        facts=facts,
        submission=sub,
        exhibits=filing.exhibits,
    )
    if len(refs) > MAX_EVENTS:
        filing.anomalies.append(Anomaly(
            code="events_truncated",
            message=f"{len(refs)} items found; events are inferred for the first {MAX_EVENTS} only",
            text=str(len(refs)),
        ))
    filing.events = infer_events(refs[:MAX_EVENTS], facts, ctx)
    primary = sub.primary
    filing.anomalies.extend(_filing_anomalies(sub, filing, texts.get(primary.sequence, "") if primary else ""))


def _truncated(seq: int, hits: Hits) -> Anomaly:
    """The ``facts_truncated`` anomaly; ``text`` is the count found. When reading stopped
    early (a finder passed the cap), that count is a lower bound: the hits before the stop,
    and at least the one the finder stopped at."""
    kept = min(len(hits), MAX_FACTS_PER_DOCUMENT)
    if hits.horizon is None:
        found = str(len(hits))
        message = f"document {seq}: {found} facts found; only the first {kept} are kept"
    else:
        found = str(len(hits) + 1)
        message = (f"document {seq}: at least {found} facts found (reading stopped at character {hits.horizon}, "
                   f"past the cap of {MAX_FACTS_PER_DOCUMENT}); only the first {kept} are kept")
    return Anomaly(code="facts_truncated", message=message, text=found)


def _registrant_names(filing: Filing) -> list[str]:
    names = [r.name for r in filing.registrants if r.name]
    if filing.header:
        names += [f.name for f in filing.header.filers if f.name]
    return names


def _is_legacy(filing: Filing, refs: list[ItemRef]) -> bool | None:
    schemes = {itemcodes.scheme_of(r.code) for r in refs}
    if schemes == {"legacy"}:
        return True
    if schemes == {"modern"}:
        return False
    return itemcodes.is_legacy_date(filing.filed or filing.date_of_report)


#: An exhibit listed but deliberately not attached: filed earlier, or inside another exhibit.
_NOT_ATTACHED_OK = re.compile(
    r"incorporated\s+(?:herein\s+)?by\s+reference|previously\s+filed|included\s+in|contained\s+in|filed\s+as\s+(?:an\s+)?exhibit"
    r"|filed\s+with\s+the|furnished\s+as\s+exhibit|see\s+exhibit|\(\s*included|paper\s+format|form\s+SE",
    re.I,
)
#: A word every match of _NOT_ATTACHED_OK holds, lower-cased: an ASCII text whose lower case
#: holds none of them has no match (there re.IGNORECASE folds only the ASCII letters). The
#: pattern, read in either case, is tried at every character with each of its words: ~100 ns
#: a character, 23 us a filing on the corpus's exhibit descriptions, where these searches take 3.
_NOT_ATTACHED_WORDS = ("incorporated", "previously", "included", "contained", "filed", "furnished", "see", "paper",
                       "form")
_FOOTNOTE_MARK = re.compile(r"[*†]\s*$|\(\d\)\s*$")


def _not_attached_ok(text: str) -> bool:
    """Whether ``text`` says an exhibit is not attached on purpose (:data:`_NOT_ATTACHED_OK`)."""
    if text.isascii():
        low = text.lower()
        if not any(w in low for w in _NOT_ATTACHED_WORDS):
            return False
    return _NOT_ATTACHED_OK.search(text) is not None


def _filing_anomalies(sub: Submission, filing: Filing, primary_text: str = "") -> list[Anomaly]:
    out: list[Anomaly] = []
    have: set[tuple[str, str | None]] = {(str(a.code), a.text) for a in filing.anomalies}

    def add(code: str, message: str, text: str | None = None, span: Span | None = None) -> None:
        if (code, text) not in have:
            have.add((code, text))
            out.append(Anomaly(code=code, message=message, text=text, span=span))

    report = filing.date_of_report
    if report is not None:
        for s in filing.signatures:
            if s.date is not None and s.date < report:
                add(
                    "signature_before_report",
                    f"signature dated {s.date.isoformat()} is before the date of report {report.isoformat()}",
                    s.date.isoformat(),
                    s.span,
                )
    # Exhibits listed versus attached: only a full submission carries its exhibits; a lone
    # document never does, so there is nothing to compare there.
    if sub.container != "document" and len(sub.documents) > 1 and filing.exhibits:
        attached = {}
        for d in sub.documents:
            t = (d.type or "").upper()
            if t.startswith("EX-"):
                attached[_exhibit_key(t[3:])] = d
        listed = {_exhibit_key(e.number): e for e in filing.exhibits}
        footnoted: bool | None = None
        for key, e in listed.items():
            desc = e.description or ""
            if _not_attached_ok(desc):
                continue
            if _FOOTNOTE_MARK.search(desc):
                # a footnote mark on a description usually says "incorporated by reference"
                if footnoted is None:
                    footnoted = _not_attached_ok(primary_text)
                if footnoted:
                    continue
            if key not in attached and e.document is None and not key.startswith(("101", "104")):
                add(
                    "exhibit_not_attached",
                    f"exhibit {e.number} is listed but no EX-{e.number} document is attached",
                    e.number,
                    e.span,
                )
        for key, d in attached.items():
            if key in listed or key.startswith(("101", "104")) or _mentioned(d.type or "", primary_text):
                continue
            add(
                "exhibit_not_listed",
                f"document {d.sequence} ({d.type}) is attached but not listed among the exhibits",
                d.type,
            )
    return out


def _mentioned(doc_type: str, text: str) -> bool:
    """Whether the primary document names the exhibit at all ("10.1", "Exhibit 2"): then it
    is listed, in a layout the grammar did not read, and no anomaly is due."""
    num = re.sub(r"^EX-", "", doc_type.strip(), flags=re.I)
    m = re.match(r"\d+(?:\.\d+)?", num)
    if not m or not text:
        return False
    n = re.escape(m.group(0))
    if "." in m.group(0):
        return re.search(rf"(?<![\d.]){n}(?!\.?\d)", text) is not None
    return re.search(rf"(?i:exhibit|ex-)\s*(?:no\.\s*)?{n}\b", text) is not None


_KEY_NOISE = re.compile(r"[()\s]")
_KEY = re.compile(r"(\d+)(?:\.(\d+))?\.?([a-z]*)")


def _exhibit_key(number: str) -> str:
    """One spelling per exhibit number: '99.01' -> '99.1', '99.4(C)' -> '99.4c', '12.(D)' ->
    '12d', '24(d)' -> '24d', 'EX-10.16C' types -> '10.16c'."""
    s = _KEY_NOISE.sub("", number.lower()).rstrip(".")
    m = _KEY.fullmatch(s)
    if not m:
        return s
    return f"{int(m.group(1))}" + (f".{int(m.group(2))}" if m.group(2) else "") + m.group(3)
