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

from eightk.documents.blocks import Block, DocumentView
from eightk.model import Signature, Span
from eightk.parser.dates import find_date
from eightk.parser.layout import clean

_LABEL = re.compile(r"\b(By|Name|Title|Its|Dated?|Signature)\s*:|\bBy\s+(?=/s/)|\bDated\s+(?=[A-Z])", re.I)
_CONFORMED = re.compile(r"/s/", re.I)
_REGISTRANT_HINT = re.compile(r"\(\s*registrant\s*\)|^registrant\s*:?$", re.I)
_SIG_END = re.compile(r"^\s*(exhibit\s+index|index\s+to\s+exhibits|exhibit\s+\d)", re.I)


def _clean_name(s: str) -> str:
    s = _CONFORMED.sub(" ", s)
    s = re.sub(r"^[\s_\-=]+|[\s_\-=]+$", "", s)
    return " ".join(s.split())


def _fields(block: Block) -> list[tuple[str | None, str, int, int, int]]:
    """(label or None, value, column of the value, span start, span end) pieces of a line."""
    t = block.text
    marks = list(_LABEL.finditer(t))
    pieces: list[tuple[str | None, str, int, int, int]] = []
    if not marks:
        return [(None, t.strip(), block.indent, block.start, block.end)]
    if marks[0].start() > 0 and t[: marks[0].start()].strip():
        pre = t[: marks[0].start()]
        pieces.append((None, pre.strip(), block.indent, block.start, block.start + len(pre.rstrip())))
    for k, m in enumerate(marks):
        label = m.group(1) or ("By" if m.group(0).lower().startswith("by") else "Dated")
        label = label.lower()
        label = {"its": "title", "dated": "date", "signature": "by"}.get(label, label)
        vs = m.end()
        ve = marks[k + 1].start() if k + 1 < len(marks) else len(t)
        raw = t[vs:ve]
        lead = len(raw) - len(raw.lstrip())
        value = raw.strip()
        col = block.indent + len(t[:vs + lead].expandtabs(8))
        pieces.append((label, value, col, block.start + m.start(), block.start + vs + lead + len(value)))
    return pieces


def find_start(blocks: list[Block], from_: int = 0) -> int | None:
    """Index of the block that opens the signatures (heading or the 'Pursuant to' sentence)."""
    from eightk.parser.items import SIGNATURE_HEAD, SIGNATURE_SENTENCE

    for k in range(from_, len(blocks)):
        t = blocks[k].text
        if SIGNATURE_HEAD.match(t) or SIGNATURE_SENTENCE.match(t):
            return k
    return None


def read_signatures(view: DocumentView, blocks: list[Block], start: int) -> tuple[list[Signature], int]:
    """Signers from ``blocks[start:]``; returns them and the index after the block."""
    # skip the heading and the "Pursuant to ..." paragraph (it ends with "authorized.")
    k = start
    if not blocks:
        return [], start
    from eightk.parser.items import SIGNATURE_HEAD

    if SIGNATURE_HEAD.match(blocks[k].text):
        k += 1
    sentence_end = k
    for j in range(k, min(len(blocks), k + 8)):
        if re.search(r"authori[sz]ed\W*$|undersigned\W*$", clean(blocks[j].text), re.I):
            sentence_end = j + 1
            break
    k = sentence_end
    sigs: list[Signature] = []
    cur: Signature | None = None
    registrant: str | None = None
    pre_lines: list[str] = []
    common_date = None
    last_label: str | None = None
    title_col = 0
    prev_block: Block | None = None
    unlabeled_after_sig = 0
    end = min(len(blocks), k + 60)
    j = k
    while j < end:
        b = blocks[j]
        if j > k and (_SIG_END.match(b.text) or (b.page_break_before and sigs and cur and cur.name)):
            break
        from eightk.parser.items import _HEAD

        if _HEAD.match(b.text) and j > k:
            break
        if b.kind == "rule":
            prev_block = b
            j += 1
            continue
        gap = view.text.count("\n", prev_block.end, b.start) if (prev_block and view.format == "text") else 1
        for label, value, col, s0, s1 in _fields(b):
            span = Span(start=s0, end=s1, document=view.sequence)
            if label is None:
                v = clean(value)
                if not v:
                    continue
                if _CONFORMED.search(v) and (cur is None or cur.name):
                    cur = Signature(registrant=registrant, name=_clean_name(v) or None, conformed=True, span=span)
                    sigs.append(cur)
                    last_label, unlabeled_after_sig = "by", 0
                    continue
                if cur is None:
                    d = find_date(v)
                    if d and len(v) < 40 and not re.search(r"[a-z]{4,}\s+(inc|corp|company)", v, re.I):
                        common_date = d[0]
                        continue
                    if _REGISTRANT_HINT.search(v):
                        if _REGISTRANT_HINT.sub("", v).strip():
                            registrant = _REGISTRANT_HINT.sub("", v).strip(" ,")
                        continue
                    pre_lines.append(v)
                    continue
                if last_label == "title" and col >= title_col - 2 and gap <= 1 and cur.title:
                    cur.title = f"{cur.title} {v}"
                    continue
                if last_label in ("by", "name", "title") and gap <= 2 and unlabeled_after_sig < 2:
                    d = find_date(v)
                    if d and d[1] == 0 and len(v) < 30:
                        if cur.date is None:
                            cur.date = d[0]
                        continue
                    if _REGISTRANT_HINT.search(v):
                        continue
                    if not cur.name:
                        cur.name = _clean_name(v)
                    elif not cur.title and last_label != "title":
                        cur.title = v
                        last_label, title_col = "title", col
                    unlabeled_after_sig += 1
                continue
            if label == "by":
                conformed = bool(_CONFORMED.search(value))
                name = _clean_name(value) or None
                cur = Signature(registrant=registrant, name=name, conformed=conformed, span=span)
                sigs.append(cur)
                last_label, unlabeled_after_sig = "by", 0
            elif label == "name":
                name = _clean_name(value)
                if cur is None or (cur.name and last_label != "by" and cur.name.lower() != name.lower()):
                    cur = Signature(registrant=registrant, conformed=bool(_CONFORMED.search(value)), span=span)
                    sigs.append(cur)
                if name and (not cur.name or last_label == "by"):
                    cur.name = name
                cur.span = Span(start=min(cur.span.start, s0), end=max(cur.span.end, s1), document=view.sequence) if cur.span else span
                last_label, unlabeled_after_sig = "name", 0
            elif label == "title":
                if cur is None:
                    cur = Signature(registrant=registrant, span=span)
                    sigs.append(cur)
                if value:
                    cur.title = " ".join(value.split())
                title_col = col
                last_label = "title"
                if cur.span:
                    cur.span = Span(start=min(cur.span.start, s0), end=max(cur.span.end, s1), document=view.sequence)
            elif label == "date":
                d = find_date(value)
                if d:
                    if cur is not None and cur.date is None and last_label != "date_pending":
                        cur.date = d[0]
                    else:
                        common_date = d[0]
        prev_block = b
        j += 1
    if registrant is None and pre_lines:
        # the registrant's name is the line above the first signer (often all capitals)
        registrant = pre_lines[-1].strip(" ,")
    sigs = [s for s in sigs if s.name or s.title]
    for s in sigs:
        if s.registrant is None:
            s.registrant = registrant
        if s.date is None:
            s.date = common_date
        if s.title:
            s.title = s.title.strip(" ,;")
    return sigs, j
