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
_CELL_WIDTH = 40  # a cell's "column": its index scaled, as in parser.layout
_CAPTION_WORD = re.compile(
    r"^\(?\s*(?:signature|date|name|title|registrant|duly\s+authorized\s+officer)\s*\)?\*?:?$", re.I
)
_BARE_LABEL = re.compile(r"^(by|name|title|its|dated?|signature)\s*:?$", re.I)


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
    """(label or None, value, column of the value, span start, span end) pieces of a line; a
    table row's cells are read one by one (HTML folds the gap between two cells into one space:
    "Date: November 2, 2020 | Example Inc." must stay two pieces). A cell holding a label alone
    ("By" | "/s/ Jane Doe") takes the next cell as its value."""
    if not block.cells:
        return _line_fields(block.text, block.start, block.indent)
    out: list[tuple[str | None, str, int, int, int]] = []
    for n, c in enumerate(block.cells):
        t = c.text.strip()
        if not t:
            continue
        s0 = c.start + len(c.text) - len(c.text.lstrip())
        bare = _BARE_LABEL.match(t)
        if bare:
            out.append((_label_of(bare.group(1)), "", n * _CELL_WIDTH, s0, s0 + len(t)))
            continue
        pieces = _line_fields(t, s0, n * _CELL_WIDTH)
        if out and out[-1][0] and not out[-1][1] and pieces and pieces[0][0] is None:
            label, _, _, l0, _ = out[-1]
            _, value, col, _, e = pieces.pop(0)
            out[-1] = (label, value, col, l0, e)
        out += pieces
    return out


def _label_of(word: str) -> str:
    word = word.lower()
    return {"its": "title", "dated": "date", "signature": "by"}.get(word, word)


def _line_fields(t: str, start: int, indent: int) -> list[tuple[str | None, str, int, int, int]]:
    """The pieces of one line (or cell) of text starting at offset ``start``, column ``indent``.

    A label's value stops at a wide gap; what follows the gap is an unlabelled piece of its own
    (two columns on one line: "Date: June 1, 1999        THE COMPANY, INC."). A date's value
    is the date alone: what follows it is a piece too ("Date: March 30, 2021 Jane Doe, Treasurer"
    when HTML folded the gap)."""
    marks = list(_LABEL.finditer(t))
    pieces: list[tuple[str | None, str, int, int, int]] = []
    first = marks[0].start() if marks else len(t)
    for txt, col, s0, s1 in _split_gaps(t[:first], start, indent):
        pieces.append((None, txt, col, s0, s1))
    for k, m in enumerate(marks):
        label = _label_of(m.group(1) or ("By" if m.group(0).lower().startswith("by") else "Dated"))
        vs = m.end()
        ve = marks[k + 1].start() if k + 1 < len(marks) else len(t)
        parts = _split_gaps(t[vs:ve], start + vs, indent + len(t[:vs].expandtabs(8)))
        if not parts:
            pieces.append((label, "", indent + len(t[:vs].expandtabs(8)), start + m.start(), start + vs))
            continue
        txt, col, s0, s1 = parts[0]
        d = find_date(txt) if label == "date" else None
        if d and re.search(r"[A-Za-z]", txt[d[2]:]):
            rest = txt[d[2]:]
            lead = len(rest) - len(rest.lstrip(" ,;"))
            pieces.append((label, txt[: d[2]], col, start + m.start(), s0 + d[2]))
            pieces.append((None, rest[lead:].strip(), col + d[2] + lead, s0 + d[2] + lead, s1))
        else:
            pieces.append((label, txt, col, start + m.start(), s1))
        for txt, col, s0, s1 in parts[1:]:
            pieces.append((None, txt, col, s0, s1))
    return pieces


_ITS = re.compile(r"^\s*its\b\s*:?\s*", re.I)
_CONNECTED = re.compile(r"(?:\band|&|,|\bof|-)$")
_CONNECTOR = re.compile(r"^(?:and|&|of)\b|^\(")
_TITLE_WORD = re.compile(
    r"\b(?:officer|president|secretary|counsel|treasurer|director|chair(?:man|woman|person)?|controller|"
    r"chief|executive|financial|accounting|operating|general|manager|member|partner|trustee|principal)s?\b",
    re.I,
)


def _continues_title(v: str, cur: Signature | None) -> bool:
    """Whether ``v``, a paragraph after a signer's title, is more of that title (HTML)."""
    if cur is None or not cur.title:
        return False
    if _CONNECTED.search(cur.title) or _CONNECTOR.match(v):
        return True
    return bool(_TITLE_WORD.search(v)) and not _SUFFIX.search(v) and len(v.split()) <= 8


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


def find_after_items(blocks: list[Block], from_: int) -> int | None:
    """Start of a signature block printed with no SIGNATURES heading and no "Pursuant to"
    sentence, after the last item (whose body starts at ``from_``): its first "/s/" line, with
    the registrant and date lines printed just above it (at most four)."""
    from eightk.parser.items import _HEAD

    k = next((k for k in range(from_, len(blocks)) if _CONFORMED.search(blocks[k].text)), None)
    if k is None:
        return None
    j = k
    while j - 1 >= from_ and k - j < 4 and not _HEAD.match(blocks[j - 1].text) and _above_signer(blocks[j - 1]):
        j -= 1
    return j


def _above_signer(b: Block) -> bool:
    """A rule, a date line or a registrant's name: what stands above a signer."""
    t = clean(b.text)
    if b.kind == "rule" or not t:
        return True
    if re.match(r"(?:dated?\s*:|dated\s)", t, re.I):
        return True
    d = find_date(t)
    if d and len(t) - (d[2] - d[1]) < 8:
        return True
    return len(t.split()) <= 8 and bool(_SUFFIX.search(t) or _REGISTRANT_HINT.search(t) or b.all_caps)


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
                if not v or _CAPTION_WORD.match(v) or re.fullmatch(r"[-_=\s]+", v) or v.startswith("* "):
                    continue  # a caption, a rule, a footnote ("* Print name and title ...")
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
                html_more = view.format != "text" and last == "title" and _continues_title(v, cur)
                if cur is None or (complete and gap >= 1 and b.all_caps and not html_more):
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
                    # HTML paragraphs: a title cut after a connector, or before one, continues
                    # in the next paragraph ("Senior Vice President" / "and Treasurer"), as
                    # does a line of officer's words ("Vice President, Associate General" /
                    # "Counsel and Secretary")
                    or html_more
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
        if s.title:  # "Its Chief Financial Officer": "Its" says whose officer, not the title
            s.title = _ITS.sub("", s.title).strip(" ,;") or None
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
