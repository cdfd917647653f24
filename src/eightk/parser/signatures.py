"""The signature block: "Pursuant to the requirements of the Securities Exchange Act of 1934 ...",
the registrant's name, then for each signer "By: /s/ Name", "Name:", "Title:", "Date:" in any
order, on one line or several, possibly two labels on one line ("Date: ...    By: /s/ ...").

Hand-written grammar. Rules and why:
  * a label starts a field wherever it stands on a line (plain-text covers put "Date:" and
    "By:" side by side in two columns);
  * "By:" or a "/s/" starts a new signer; "Name:", "Title:" fill the current one and a
    second "Name:" starts another (several signers without "By:");
  * unlabelled lines right after a signer's line are its name (when the signature line held
    only a rule or "/s/" text), then its title: the classic "By: /s/ X / X / President" layout;
  * an unlabelled line after "Title:" aligned with the title's value continues the title;
  * a date without a signer ("Date: ...", "Dated: ...", or a bare date line) applies to every
    signer that has none.
"""

from __future__ import annotations

import re

from eightk.dates import find_date
from eightk.documents.blocks import Block, DocumentView
from eightk.model import Signature, Span
from eightk.parser.layout import clean

_LABEL = re.compile(r"\b(By|Name|Title|Its|Dated?|Signature)\s*:|\bBy\s+(?=/s/)|\bDated\s+(?=[A-Z])", re.I)
_CONFORMED = re.compile(r"/s/", re.I)
_REGISTRANT_HINT = re.compile(r"\(\s*registrant\s*\)|^registrant\s*:?$", re.I)
_SIG_END = re.compile(r"^\s*(exhibit\s+index|index\s+to\s+exhibits|exhibit\s+\d)", re.I)


def _clean_name(s: str) -> str:
    s = _CONFORMED.sub(" ", s)
    s = re.sub(r"^[\s_\-=]+|[\s_\-=]+$", "", s)
    return " ".join(s.split())


_SUFFIX = re.compile(r"\b(?:inc|corp|corporation|company|co|l\.?p|llc|ltd|trust|plc|n\.?a|bank)\.?,?$", re.I)
_GAP = re.compile(r"\t+|\s{3,}")
_CAPTION_WORD = re.compile(r"^\(?\s*(?:signature|date|name|title|registrant|duly\s+authorized\s+officer)\s*\)?:?$", re.I)


def _split_gaps(t: str, base: int, col0: int) -> list[tuple[str, int, int, int]]:
    """(text, column, start offset, end offset) of the pieces of ``t`` between wide gaps."""
    out = []
    pos = 0
    for m in _GAP.finditer(t + "   "):
        piece = t[pos : m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            s0 = pos + lead
            out.append((piece.strip(), col0 + len(t[:s0].expandtabs(8)), base + s0, base + s0 + len(piece.strip())))
        pos = m.end()
    return out


def _fields(block: Block) -> list[tuple[str | None, str, int, int, int]]:
    """(label or None, value, column of the value, span start, span end) pieces of a line.

    A label's value stops at a wide gap; what follows the gap is an unlabelled piece of its own
    (two columns on one line: "Date: June 1, 1999        THE COMPANY, INC.")."""
    t = block.text
    marks = list(_LABEL.finditer(t))
    pieces: list[tuple[str | None, str, int, int, int]] = []
    first = marks[0].start() if marks else len(t)
    for txt, col, s0, s1 in _split_gaps(t[:first], block.start, block.indent):
        pieces.append((None, txt, col, s0, s1))
    for k, m in enumerate(marks):
        label = m.group(1) or ("By" if m.group(0).lower().startswith("by") else "Dated")
        label = label.lower()
        label = {"its": "title", "dated": "date", "signature": "by"}.get(label, label)
        vs = m.end()
        ve = marks[k + 1].start() if k + 1 < len(marks) else len(t)
        parts = _split_gaps(t[vs:ve], block.start + vs, block.indent + len(t[:vs].expandtabs(8)))
        if not parts:
            pieces.append((label, "", block.indent + len(t[:vs].expandtabs(8)), block.start + m.start(), block.start + vs))
            continue
        txt, col, s0, s1 = parts[0]
        pieces.append((label, txt, col, block.start + m.start(), s1))
        for txt, col, s0, s1 in parts[1:]:
            pieces.append((None, txt, col, s0, s1))
    return pieces


def _surname(name: str | None) -> str:
    words = re.findall(r"[A-Za-z][A-Za-z'-]+", name or "")
    words = [w for w in words if w.lower() not in {"jr", "sr", "ii", "iii", "iv"}]
    return words[-1].lower() if words else ""


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and _surname(a) == _surname(b)


def find_start(blocks: list[Block], from_: int = 0) -> int | None:
    """Index of the block that opens the signatures (heading or the 'Pursuant to' sentence)."""
    from eightk.parser.items import SIGNATURE_HEAD, SIGNATURE_SENTENCE

    # The "Pursuant to the requirements ..." sentence opens the signatures; a SIGNATURES
    # heading right before it belongs to it. A heading alone may be a table-of-contents entry,
    # so it counts only when no sentence follows anywhere (then the last one).
    heads: list[int] = []
    for k in range(from_, len(blocks)):
        t = blocks[k].text
        if SIGNATURE_SENTENCE.match(t):
            if heads and k - heads[-1] <= 3:
                return heads[-1]
            return k
        if SIGNATURE_HEAD.match(t):
            heads.append(k)
    return heads[-1] if heads else None


def read_signatures(view: DocumentView, blocks: list[Block], start: int) -> tuple[list[Signature], int]:
    """Signers from ``blocks[start:]``; returns them and the index after the signature block."""
    from eightk.parser.items import _HEAD, SIGNATURE_HEAD

    if not blocks or start >= len(blocks):
        return [], start
    k = start
    if SIGNATURE_HEAD.match(blocks[k].text):
        k += 1
    # skip the "Pursuant to ..." paragraph (it ends with "authorized." or "undersigned.")
    for j in range(k, min(len(blocks), k + 8)):
        if re.search(r"authori[sz]ed\W*$|undersigned\W*$", clean(blocks[j].text), re.I):
            k = j + 1
            break
    sigs: list[Signature] = []
    cur: Signature | None = None
    groups: list[list[str]] = []  # registrant name lines, grouped by adjacency
    group_open = False
    common_date = None
    last: str | None = None
    title_col = 0
    prev_block: Block | None = None
    end = min(len(blocks), k + 60)
    j = k
    while j < end:
        b = blocks[j]
        if j > k and (_SIG_END.match(b.text) or _HEAD.match(b.text) or (b.page_break_before and sigs)):
            break
        if b.kind == "rule":
            j += 1
            continue
        gap = view.text.count("\n", prev_block.end, b.start) - 1 if (prev_block and view.format == "text") else 1
        prev_block = b
        if not (view.format == "text" and gap == 0):
            group_open = False if cur is not None or gap > 0 else group_open
        for label, value, col, s0, s1 in _fields(b):
            span = Span(start=s0, end=s1, document=view.sequence)
            v = clean(value)
            if label is None:
                if not v or _CAPTION_WORD.match(v) or re.fullmatch(r"[-_=\s]+", v):
                    continue
                if _CONFORMED.search(v):
                    cur = Signature(registrant=_reg(groups), name=_clean_name(v) or None, conformed=True, span=span)
                    sigs.append(cur)
                    last = "by"
                    continue
                if _REGISTRANT_HINT.search(v):
                    rest = _REGISTRANT_HINT.sub("", v).strip(" ,")
                    if rest:
                        groups.append([rest])
                    continue
                d = find_date(v)
                if d and len(v) - (d[2] - d[1]) < 8:
                    if cur is not None and cur.date is None and last in ("by", "name", "title"):
                        cur.date = d[0]
                    else:
                        common_date = d[0]
                    continue
                complete = cur is not None and cur.name and cur.title
                if cur is None or (complete and gap >= 1 and b.all_caps):
                    # a registrant's name (possibly on several lines) before its signer
                    if group_open and groups:
                        groups[-1].append(v)
                    else:
                        groups.append([v])
                    group_open = True
                    cur = None if complete else cur
                    continue
                if not cur.name:
                    cur.name = _clean_name(v)
                elif _same_person(v, cur.name) and len(v.split()) <= 5:
                    cur.name = _clean_name(v)  # the typed name under the signature
                elif "," in v and _same_person(v.split(",", 1)[0], cur.name) and not cur.title:
                    cur.name = _clean_name(v.split(",", 1)[0])
                    cur.title = v.split(",", 1)[1].strip()
                    last, title_col = "title", col
                elif not cur.title:
                    cur.title = v
                    last, title_col = "title", col
                elif last == "title" and (
                    (view.format == "text" and gap == 0 and col >= title_col - 3)
                    # HTML paragraphs: a title cut after a connector continues in the next one
                    or (view.format != "text" and re.search(r"(?:\band|&|,|\bof|-)$", cur.title))
                ):
                    cur.title = f"{cur.title} {v}"
                continue
            if label == "by":
                cur = Signature(registrant=_reg(groups), name=_clean_name(v) or None,
                                conformed=bool(_CONFORMED.search(v)), span=span)
                sigs.append(cur)
                last = "by"
            elif label == "name":
                name = _clean_name(v)
                if cur is None or (cur.name and last != "by" and not _same_person(cur.name, name)):
                    cur = Signature(registrant=_reg(groups), conformed=bool(_CONFORMED.search(v)), span=span)
                    sigs.append(cur)
                if name:
                    cur.name = name
                last = "name"
            elif label == "title":
                if cur is None:
                    cur = Signature(registrant=_reg(groups), span=span)
                    sigs.append(cur)
                if v:
                    cur.title = v
                last, title_col = "title", col
            elif label == "date":
                d = find_date(v)
                if d:
                    if cur is not None and cur.date is None:
                        cur.date = d[0]
                    else:
                        common_date = d[0]
            if cur is not None and cur.span is not None and label is not None:
                cur.span = Span(start=min(cur.span.start, s0), end=max(cur.span.end, s1), document=view.sequence)
        j += 1
    sigs = [s for s in sigs if s.name or s.title]
    first_reg = _reg(groups[:1]) if groups else None
    for s in sigs:
        if s.registrant is None:
            s.registrant = first_reg
        if s.date is None:
            s.date = common_date
        if s.title:
            s.title = s.title.strip(" ,;") or None
    return sigs, j


def _reg(groups: list[list[str]]) -> str | None:
    if not groups:
        return None
    lines = groups[-1]
    # several registrants signing together print one name per line, each ending in its suffix;
    # otherwise the lines are one long name wrapped
    if len(lines) > 1 and all(_SUFFIX.search(x) for x in lines):
        return "; ".join(x.strip(" ,") for x in lines)
    return " ".join(lines).strip(" ,") or None
