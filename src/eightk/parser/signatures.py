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

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from eightk.dates import find_date
from eightk.documents.blocks import Block, DocumentView
from eightk.model import Signature, Span
from eightk.parser.layout import clean, is_folded

_LABEL = re.compile(r"\b(By|Name|Title|Its|Dated?|Signature)\s*:|\bBy\s+(?=/s/)|\bDated\s+(?=[A-Z])", re.I)
_CONFORMED = re.compile(r"/s/", re.I)
_REGISTRANT_HINT = re.compile(r"\(\s*registrant\s*\)|^registrant\s*:?$", re.I)
_SIG_END = re.compile(r"^\s*(exhibit\s+index|index\s+to\s+exhibits|exhibit\s+\d)", re.I)


_RULE_TEXT = re.compile(r"[-_=\s]+")
_NAME_EDGES = re.compile(r"^[\s_\-=]+|[\s_\-=]+$")


def _clean_name(s: str) -> str:
    s = _CONFORMED.sub(" ", s)
    s = _NAME_EDGES.sub("", s)
    return " ".join(s.split())


_SUFFIX = re.compile(r"\b(?:inc|corp|corporation|company|co|l\.?p|llc|ltd|trust|plc|n\.?a|bank)\.?,?$", re.I)
_GAP = re.compile(r"\t+|\s{3,}")
_CELL_WIDTH = 40  # a cell's "column": its index scaled, as in parser.layout
_CAPTION_WORD = re.compile(
    r"^\(?\s*(?:signature|date|name|title|registrant|duly\s+authorized\s+officer)\s*\)?\*?:?$", re.I
)
_BARE_LABEL = re.compile(r"^(by|name|title|its|dated?|signature)\s*:?$", re.I)


class _Gap(NamedTuple):
    """A piece of a line between wide gaps."""

    text: str
    col: int
    start: int
    end: int


class _Field(NamedTuple):
    """A labelled (or unlabelled) piece of a signature line."""

    label: str | None
    value: str
    col: int  # column of the value
    start: int
    end: int


def _split_gaps(t: str, base: int, col0: int) -> list[_Gap]:
    """The pieces of ``t`` between wide gaps."""
    if t and is_folded(t):  # no gap in it (HTML text): one piece, as the scan below finds
        return [_Gap(t, col0, base, base + len(t))]
    out = []
    pos = 0
    for m in _GAP.finditer(t + "   "):
        piece = t[pos : m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            s0 = pos + lead
            out.append(_Gap(piece.strip(), col0 + len(t[:s0].expandtabs(8)), base + s0, base + s0 + len(piece.strip())))
        pos = m.end()
    return out


def _fields(block: Block) -> list[_Field]:
    """The pieces of a line; a table row's cells are read one by one (HTML folds the gap between
    two cells into one space: "Date: November 2, 2020 | Example Inc." must stay two pieces). A
    cell holding a label alone ("By" | "/s/ Jane Doe") takes the next cell as its value."""
    if not block.cells:
        return _line_fields(block.text, block.start, block.indent)
    out: list[_Field] = []
    for n, c in enumerate(block.cells):
        t = c.text.strip()
        if not t:
            continue
        s0 = c.start + len(c.text) - len(c.text.lstrip())
        bare = _BARE_LABEL.match(t)
        if bare:
            out.append(_Field(_label_of(bare.group(1)), "", n * _CELL_WIDTH, s0, s0 + len(t)))
            continue
        pieces = _line_fields(t, s0, n * _CELL_WIDTH)
        if out and out[-1].label and not out[-1].value and pieces and pieces[0].label is None:
            first = pieces.pop(0)
            out[-1] = out[-1]._replace(value=first.value, col=first.col, end=first.end)
        out += pieces
    return out


def _label_of(word: str) -> str:
    word = word.lower()
    return {"its": "title", "dated": "date", "signature": "by"}.get(word, word)


_LETTER = re.compile(r"[A-Za-z]")


def _may_hold_label(t: str) -> bool:
    """False when ``_LABEL`` cannot match ``t``: each of its forms needs a colon, the "/" of
    "/s/" or the word "dated" (whose letters re.IGNORECASE matches only in their two cases)."""
    return ":" in t or "/" in t or "dated" in t.lower()


def _line_fields(t: str, start: int, indent: int) -> list[_Field]:
    """The pieces of one line (or cell) of text starting at offset ``start``, column ``indent``.

    A label's value stops at a wide gap; what follows the gap is an unlabelled piece of its own
    (two columns on one line: "Date: June 1, 1999        THE COMPANY, INC."). A date's value
    is the date alone: what follows it is a piece too ("Date: March 30, 2021 Jane Doe, Treasurer"
    when HTML folded the gap)."""
    marks = list(_LABEL.finditer(t)) if _may_hold_label(t) else []
    pieces: list[_Field] = []
    first = marks[0].start() if marks else len(t)
    for g in _split_gaps(t[:first], start, indent):
        pieces.append(_Field(None, g.text, g.col, g.start, g.end))
    for k, m in enumerate(marks):
        label = _label_of(m.group(1) or ("By" if m.group(0).lower().startswith("by") else "Dated"))
        vs = m.end()
        ve = marks[k + 1].start() if k + 1 < len(marks) else len(t)
        parts = _split_gaps(t[vs:ve], start + vs, indent + len(t[:vs].expandtabs(8)))
        if not parts:
            pieces.append(_Field(label, "", indent + len(t[:vs].expandtabs(8)), start + m.start(), start + vs))
            continue
        txt, col, s0, s1 = parts[0]
        d = find_date(txt) if label == "date" else None
        date_end = d[2] if d else 0  # find_date: (date, start, end)
        if d and _LETTER.search(txt[date_end:]):
            rest = txt[date_end:]
            lead = len(rest) - len(rest.lstrip(" ,;"))
            pieces.append(_Field(label, txt[:date_end], col, start + m.start(), s0 + date_end))
            pieces.append(_Field(None, rest[lead:].strip(), col + date_end + lead, s0 + date_end + lead, s1))
        else:
            pieces.append(_Field(label, txt, col, start + m.start(), s1))
        for g in parts[1:]:
            pieces.append(_Field(None, g.text, g.col, g.start, g.end))
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


_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


def _surname(name: str | None) -> str:
    words = _NAME_WORD.findall(name or "")
    words = [w for w in words if w.lower() not in {"jr", "sr", "ii", "iii", "iv"}]
    return words[-1].lower() if words else ""


def _same_person(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and _surname(a) == _surname(b)


def find_start(blocks: list[Block]) -> int | None:
    """Index of the block that opens the signatures (heading or the 'Pursuant to' sentence)."""
    from eightk.parser.items import (
        SIGNATURE_HEAD,
        SIGNATURE_HEAD_LEAD,
        SIGNATURE_SENTENCE,
        SIGNATURE_SENTENCE_LEAD,
    )

    # The "Pursuant to the requirements ..." sentence opens the signatures; a SIGNATURES
    # heading right before it belongs to it. A heading alone may be a table-of-contents entry,
    # so it counts only when no sentence follows anywhere (then the last one).
    heads: list[int] = []
    for k in range(len(blocks)):
        t = blocks[k].text
        c = t[:1]  # most blocks open with neither heading's letter (see items.SIGNATURE_HEAD_LEAD)
        if c in SIGNATURE_SENTENCE_LEAD and SIGNATURE_SENTENCE.match(t):
            if heads and k - heads[-1] <= 3:
                return heads[-1]
            return k
        if c in SIGNATURE_HEAD_LEAD and SIGNATURE_HEAD.match(t):
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


_DATED = re.compile(r"(?:dated?\s*:|dated\s)", re.I)


def _above_signer(b: Block) -> bool:
    """A rule, a date line or a registrant's name: what stands above a signer."""
    t = clean(b.text)
    if b.kind == "rule" or not t:
        return True
    if _DATED.match(t):
        return True
    if _bare_date(t) is not None:
        return True
    return len(t.split()) <= 8 and bool(_SUFFIX.search(t) or _REGISTRANT_HINT.search(t) or b.all_caps)


_PREAMBLE_END = re.compile(r"authori[sz]ed\W*$|undersigned\W*$", re.I)


def _after_preamble(blocks: list[Block], start: int) -> int:
    """The first block after the SIGNATURES heading and the "Pursuant to ..." paragraph (it ends
    with "authorized." or "undersigned.")."""
    from eightk.parser.items import SIGNATURE_HEAD

    k = start
    if SIGNATURE_HEAD.match(blocks[k].text):
        k += 1
    for j in range(k, min(len(blocks), k + 8)):
        if _PREAMBLE_END.search(clean(blocks[j].text)):
            return j + 1
    return k


def _bare_date(v: str) -> dt.date | None:
    """The date of a line that holds a date and little else."""
    d = find_date(v)
    if d is None:
        return None
    value, start, end = d
    return value if len(v) - (end - start) < 8 else None


@dataclass
class _Reader:
    """The state of reading a signature block line by line."""

    view: DocumentView
    sigs: list[Signature] = field(default_factory=list)
    cur: Signature | None = None  # the signer the next fields fill
    groups: list[list[str]] = field(default_factory=list)  # registrant name lines, grouped by adjacency
    group_open: bool = False
    common_date: dt.date | None = None  # a date without a signer: every signer's with none
    last: str | None = None  # the last field read: "by", "name" or "title"
    title_col: int = 0

    def _new(self, f: _Field, name: str | None = None, conformed: bool = False) -> Signature:
        """A new signer, whose span is field ``f``'s (a Span only for the fields that start one)."""
        span = Span.at(f.start, f.end, self.view.sequence)
        self.cur = Signature(registrant=_reg(self.groups), name=name, conformed=conformed, span=span)
        self.sigs.append(self.cur)
        return self.cur

    def _title(self, cur: Signature, title: str, col: int) -> None:
        cur.title = title
        self.last, self.title_col = "title", col

    def line(self, b: Block, gap: int) -> None:
        text_format = self.view.format == "text"
        if not (text_format and gap == 0):
            self.group_open = False if self.cur is not None or gap > 0 else self.group_open
        for f in _fields(b):
            v = clean(f.value)
            if f.label is None:
                self.unlabelled(b, v, f, gap)
            else:
                self.labelled(f, v)

    def unlabelled(self, b: Block, v: str, f: _Field, gap: int) -> None:
        """A piece with no label: a signature, a registrant, a date, a signer's name or title."""
        col = f.col
        if not v or _CAPTION_WORD.match(v) or _RULE_TEXT.fullmatch(v) or v.startswith("* "):
            return  # a caption, a rule, a footnote ("* Print name and title ...")
        if _CONFORMED.search(v):
            self._new(f, name=_clean_name(v) or None, conformed=True)
            self.last = "by"
            return
        if _REGISTRANT_HINT.search(v):
            rest = _REGISTRANT_HINT.sub("", v).strip(" ,")
            if rest:
                self.groups.append([rest])
            return
        d = _bare_date(v)
        if d is not None:
            cur = self.cur
            if cur is not None and cur.date is None and self.last in ("by", "name", "title"):
                cur.date = d
            else:
                self.common_date = d
            return
        cur = self.cur
        complete = cur is not None and cur.name and cur.title
        html_more = self.view.format != "text" and self.last == "title" and _continues_title(v, cur)
        if cur is None or (complete and gap >= 1 and b.all_caps and not html_more):
            self._registrant_line(v, bool(complete))
            return
        if not cur.name:
            cur.name = _clean_name(v)
        elif _same_person(v, cur.name) and len(v.split()) <= 5:
            cur.name = _clean_name(v)  # the typed name under the signature
        elif "," in v and _same_person(v.split(",", 1)[0], cur.name) and not cur.title:
            cur.name = _clean_name(v.split(",", 1)[0])
            self._title(cur, v.split(",", 1)[1].strip(), col)
        elif not cur.title:
            self._title(cur, v, col)
        elif self.last == "title" and (
            (self.view.format == "text" and gap == 0 and col >= self.title_col - 3)
            # HTML paragraphs: a title cut after a connector, or before one, continues
            # in the next paragraph ("Senior Vice President" / "and Treasurer"), as
            # does a line of officer's words ("Vice President, Associate General" /
            # "Counsel and Secretary")
            or html_more
        ):
            cur.title = f"{cur.title} {v}"

    def _registrant_line(self, v: str, complete: bool) -> None:
        """A registrant's name (possibly on several lines) before its signer."""
        if self.group_open and self.groups:
            self.groups[-1].append(v)
        else:
            self.groups.append([v])
        self.group_open = True
        self.cur = None if complete else self.cur

    def labelled(self, f: _Field, v: str) -> None:
        """A "By:", "Name:", "Title:" or "Date:" field."""
        if f.label == "by":
            self._new(f, name=_clean_name(v) or None, conformed=bool(_CONFORMED.search(v)))
            self.last = "by"
        elif f.label == "name":
            name = _clean_name(v)
            cur = self.cur
            if cur is None or (cur.name and self.last != "by" and not _same_person(cur.name, name)):
                cur = self._new(f, conformed=bool(_CONFORMED.search(v)))
            if name:
                cur.name = name
            self.last = "name"
        elif f.label == "title":
            cur = self.cur if self.cur is not None else self._new(f)
            if v:
                cur.title = v
            self.last, self.title_col = "title", f.col
        elif f.label == "date":
            d = find_date(v)
            if d:
                value = d[0]  # find_date: (date, start, end)
                if self.cur is not None and self.cur.date is None:
                    self.cur.date = value
                else:
                    self.common_date = value
        cur = self.cur
        if cur is not None and cur.span is not None:
            cur.span = Span.at(min(cur.span.start, f.start), max(cur.span.end, f.end), self.view.sequence)

    def signatures(self) -> list[Signature]:
        """The signers with a name or title; a registrant, date left unsaid are the block's first."""
        sigs = [s for s in self.sigs if s.name or s.title]
        first_reg = _reg(self.groups[:1]) if self.groups else None
        for s in sigs:
            if s.registrant is None:
                s.registrant = first_reg
            if s.date is None:
                s.date = self.common_date
            if s.title:  # "Its Chief Financial Officer": "Its" says whose officer, not the title
                s.title = _ITS.sub("", s.title).strip(" ,;") or None
        return sigs


def read_signatures(view: DocumentView, blocks: list[Block], start: int) -> list[Signature]:
    """Signers from ``blocks[start:]`` (at most 60 blocks after the "Pursuant to" paragraph, up to
    an exhibit index, an item heading or a page break)."""
    from eightk.parser.items import _HEAD

    if not blocks or start >= len(blocks):
        return []
    k = _after_preamble(blocks, start)
    reader = _Reader(view)
    prev_block: Block | None = None
    for j in range(k, min(len(blocks), k + 60)):
        b = blocks[j]
        if j > k and (_SIG_END.match(b.text) or _HEAD.match(b.text) or (b.page_break_before and reader.sigs)):
            break
        if b.kind == "rule":
            continue
        gap = view.text.count("\n", prev_block.end, b.start) - 1 if (prev_block and view.format == "text") else 1
        prev_block = b
        reader.line(b, gap)
    return reader.signatures()


def _reg(groups: list[list[str]]) -> str | None:
    if not groups:
        return None
    lines = groups[-1]
    # several registrants signing together print one name per line, each ending in its suffix;
    # otherwise the lines are one long name wrapped
    if len(lines) > 1 and all(_SUFFIX.search(x) for x in lines):
        return "; ".join(x.strip(" ,") for x in lines)
    return " ".join(lines).strip(" ,") or None
