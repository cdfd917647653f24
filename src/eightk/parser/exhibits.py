"""Exhibit lists: the list under the financial-statements item and the EXHIBIT INDEX.

An entry is "99.1   Press release ...", "Exhibit 99.1 - Press release", "12(c) -- Statement
re: ...", or an SGML ``<TABLE>`` row ``<S> 4.7 <C> Warrant ...``; its description may wrap
over the following lines. The same exhibit listed twice (item list and index) is one exhibit.

Hand-written grammar. Rules and why:
  * a number followed by a single space counts only when it has a dot or a letter
    ("99.1 Press release"); a bare integer needs a wide gap, a dash or the word "Exhibit",
    otherwise a wrapped sentence starting "30 days ..." would become exhibit 30;
  * a description starting with a figure ("10.2  2001 Stock Plan", "$5,000,000 Note") counts
    after a dotted number or "Exhibit" when a capitalised word follows at most two figures,
    so a row of figures is not an entry;
  * the description continues on the next lines while there is no blank line between them
    and they do not start another entry (EDGAR lists either separate entries by a blank
    line or start each on its own numbered line); a line opening with a dotted number and a
    gap starts another entry whatever follows, so it is never swallowed into the one above;
  * a line starting with a form name ("Form" wrapped, then "8-K and ...") is not exhibit 8;
  * after a "Notes to ... financial statements" heading the numbered lines are notes, not
    exhibits, until a line opens an exhibit list again ("(c) Exhibits", "Exhibit 99.1 ...");
  * entries are numbered: the same description under two numbers is two exhibits;
  * numbers are compared as (major, minor, letter), so "99.01" = "99.1" and "99(a)" = "99.(A)";
    a doubled dot ("Exhibit 99..2", a typo seen in a 2024 filing) is read as one, the number
    kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from eightk.documents.blocks import Block, DocumentView
from eightk.model import Exhibit, Span
from eightk.parser.items import (
    _HEAD,
    EXHIBIT_INDEX_HEAD,
    EXHIBIT_INDEX_LEAD,
    ITEM_HEAD_LEAD,
    SIGNATURE_HEAD,
    SIGNATURE_HEAD_LEAD,
    SIGNATURE_SENTENCE,
    SIGNATURE_SENTENCE_LEAD,
)

_TAGS = re.compile(r"</?(?:S|C|FN|F\d{1,2}|R|CAPTION|TABLE|PAGE)>", re.I)
_NUM = r"\d{1,3}(?:\.{1,2}\d{1,3})?(?:\.?\s?\([a-zA-Z0-9]{1,3}\)|\.[A-Za-z]\b|[a-z]\b)?"
_ENTRY = re.compile(
    rf"^(?P<pre>(?i:exhibit)\s*(?:(?i:no)\.?|(?i:number)|#)?\s*)?(?P<num>{_NUM})"
    r"(?P<sep>\s*(?:-{1,2}|–|—|:)\s*|\s{2,}|\t|\s|\.\s+)"
    r"(?P<desc>[A-Z\"'(\[].*)$"
)
_KEY = re.compile(r"(\d{1,3})(?:\.{1,2}(\d{1,3}))?\.?\s?\(?([A-Za-z0-9]{1,3})?\)?")
_KEY_PREFIX = re.compile(r"^(?:EX|EXHIBIT)[-\s]*", re.I)


# Memoised: a pure function of a short string, asked again for every document type and
# entry each time a list is linked or merged (measured on the corpus: 26 calls a filing,
# 0.08 ms/filing uncached, 0.004 cached).
@lru_cache(maxsize=4096)
def exhibit_key(number: str) -> tuple[int, int | None, str | None] | None:
    """'99.1' -> (99, 1, None); '99.01' -> (99, 1, None); '99(a)' / 'EX-99.(A)' -> (99, None, 'a')."""
    s = number.strip()
    if s[:1] in ("E", "e"):  # the prefix opens with "E" (no other character matches it)
        s = _KEY_PREFIX.sub("", s)
    m = _KEY.match(s)
    if not m:
        return None
    minor = int(m.group(2)) if m.group(2) else None
    suffix = m.group(3).lower() if m.group(3) else None
    if suffix is not None and suffix.isdigit() and minor is None:
        minor, suffix = int(suffix), None
    return int(m.group(1)), minor, suffix


# a form name at the start of a line ("Form\n8-K and ..." wrapped, "10-Q", "20-F", "10-KSB"):
# the end of a sentence, not exhibit 8
_FORM_NAME = re.compile(r"^\d{1,2}-[KQF](?:SB)?(?![a-z])")
# a description that starts with a figure ("2001 Stock Option Plan", "$5,000,000 Note",
# "6.5% Senior Notes"): at most two figures, then a capitalised word
_FIGURE_DESC = re.compile(r"^(?:[$]?\d[\d,.]*%?\s+){1,2}[A-Z]")
# a line that starts another numbered entry, whatever its description: ends a wrapped one
_FIGURE_ENTRY = re.compile(rf"^(?P<pre>(?i:exhibit)\s+)?(?P<num>{_NUM})(?P<sep>\s*(?:-{{1,2}}|–|—|:)\s*|\s+)(?P<desc>.*)$")
_ENTRY_START = re.compile(rf"^\s*(?:(?i:exhibit)\s+{_NUM}|\d{{1,3}}\.\d{{1,3}}[a-z]?)(?:\s{{2,}}|\t|\s*[-–—:]\s)\S")


# compiled once: these run for every entry-shaped line (re.match(str, ...) looks the pattern up per call)
_LEAD_DIGITS = re.compile(r"\d+")
_BARE_NUM = re.compile(r"\d{1,3}")
_WHITE_RUN = re.compile(r"\s+")
_NON_WORD_RUN = re.compile(r"\W+")


def _major(num: str) -> int:
    """The major exhibit number of an entry's number ('99' of '99.1'); 0 when it has none."""
    m = _LEAD_DIGITS.match(num)
    return int(m.group()) if m else 0


def _entry(block: Block) -> re.Match[str] | None:
    raw = block.text
    if "<" in raw:  # SGML tags (<S>, <C>) count as blank columns; every tag opens with "<"
        raw = _TAGS.sub(lambda m: " " * len(m.group()), raw)
    raw = raw.strip()
    if _FORM_NAME.match(raw):
        return None
    m = _ENTRY.match(raw) or _figure_entry(raw)
    if not m:
        return None
    num, sep = m.group("num"), m.group("sep")
    major = _major(num)
    if major == 0 or major > 110:
        return None
    bare = _BARE_NUM.fullmatch(num) is not None
    if bare and sep in (" ", ". ") and not m.group("pre"):
        return None
    if bare and sep.strip() == "" and not m.group("pre") and block.all_caps and len(m.group("desc").split()) > 6:
        return None
    return m


def _figure_entry(raw: str) -> re.Match[str] | None:
    """An entry whose description starts with a figure: only after a dotted number or the word
    "Exhibit" (a wrapped sentence "30 days ..." is not one), and with a capitalised word after
    at most two figures (a row of figures "1.2   3.4   5.6" is not one either)."""
    m = _FIGURE_ENTRY.match(raw)
    if m is None or not _FIGURE_DESC.match(m.group("desc")):
        return None
    return m if m.group("pre") or not _BARE_NUM.fullmatch(m.group("num")) else None


_CELL_NUM = re.compile(
    rf"^(?:(?i:exhibit)\s*(?:(?i:no)\.?|(?i:number)|#)?\s*)?(?P<num>{_NUM})\s*[*†‡#+]*\.?$"
)


def _cell_entry(view: DocumentView, blocks: list[Block], i: int) -> tuple[Exhibit, int] | None:
    """An exhibit-table row (HTML): a cell holding only the number ("99.1", "Exhibit 99.1*",
    a hyperlinked "10.1"), the description in the next non-empty cell; the description may
    go on in the next row blocks (lines of the same cells) while the number column is empty.
    The cells, not spacing, delimit the entry, so any description is accepted ("2019 Equity
    Incentive Plan")."""
    b = blocks[i]
    cells = b.cells or []
    col = next((k for k, c in enumerate(cells) if c.text.strip()), None)
    if col is None:
        return None
    m = _CELL_NUM.match(cells[col].text.strip())
    if not m:
        return None
    major = _major(m.group("num"))
    if major == 0 or major > 110:
        return None
    rest = [c for c in cells[col + 1:] if c.text.strip()]
    if not rest:
        return None
    desc_parts = [" ".join(rest[0].text.split())]
    end = rest[0].end
    j = i + 1
    while j < len(blocks):
        nb = blocks[j]
        if not nb.cells or len(nb.cells) <= col or nb.cells[col].text.strip() or _is_stop(nb):
            break
        more = [c for c in nb.cells[col + 1:] if c.text.strip()]
        if not more or more[0].start < rest[0].start - 2 * len(b.text):
            break
        desc_parts.append(" ".join(more[0].text.split()))
        end = more[0].end
        j += 1
    start = cells[col].start
    return Exhibit(
        number=_WHITE_RUN.sub("", m.group("num")), description=" ".join(desc_parts),
        span=Span.at(start, end, view.sequence),
    ), j


def _is_stop(block: Block) -> bool:
    t = block.text
    c = t[:1]  # most lines open with none of the headings' letters (see items.SIGNATURE_HEAD_LEAD)
    return bool(
        c in SIGNATURE_HEAD_LEAD and SIGNATURE_HEAD.match(t) or c in SIGNATURE_SENTENCE_LEAD and SIGNATURE_SENTENCE.match(t)
        or c in ITEM_HEAD_LEAD and _HEAD.match(t) or c in EXHIBIT_INDEX_LEAD and EXHIBIT_INDEX_HEAD.match(t))


# "NOTES TO (UNAUDITED PRO FORMA CONDENSED) CONSOLIDATED FINANCIAL STATEMENTS": numbered notes
# follow ("1. ORGANIZATION"), not exhibits, until an exhibit list starts again ("(c) Exhibits")
_NOTES_HEAD = re.compile(r"^\s*notes\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?financial\s+(?:statements|information)", re.I)
_EXHIBITS_AGAIN = re.compile(r"^\s*(?:\(?[a-h]\)\.?\s*)?exhibits?\b", re.I)


def read_list(view: DocumentView, blocks: list[Block]) -> list[Exhibit]:
    """Exhibit entries among ``blocks`` (a region already known to hold an exhibit list)."""
    out: list[Exhibit] = []
    notes = False
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if _NOTES_HEAD.match(b.text) or (notes and not _EXHIBITS_AGAIN.match(b.text)):
            notes = True
            i += 1
            continue
        notes = False
        if b.cells:
            got = _cell_entry(view, blocks, i)
            if got is not None:
                out.append(got[0])
                i = got[1]
                continue
        m = _entry(b) if b.kind != "rule" else None
        if m is None:
            i += 1
            continue
        offset = len(b.text) - len(b.text.lstrip())
        more, j = _wrapped(view, blocks, i + 1)
        desc = " ".join(p for p in [" ".join(_TAGS.sub(" ", m.group("desc")).split()), *more] if p).strip()
        out.append(Exhibit(
            number=_WHITE_RUN.sub("", m.group("num")), description=desc or None,
            span=Span.at(b.start + offset, blocks[j - 1].end, view.sequence),
        ))
        i = j
    return out


def _wrapped(view: DocumentView, blocks: list[Block], j: int) -> tuple[list[str], int]:
    """The lines from ``blocks[j]`` on that continue a plain-text entry's description, and the
    index of the block after them: no blank line before them, no rule, page break, heading or
    line that starts another entry."""
    parts: list[str] = []
    while j < len(blocks) and view.format == "text":
        nb = blocks[j]
        if nb.kind == "rule" or nb.page_break_before or _ENTRY_START.match(nb.text) or _entry(nb) or _is_stop(nb):
            break
        if view.text.count("\n", blocks[j - 1].end, nb.start) > 1:
            break
        parts.append(" ".join(_TAGS.sub(" ", nb.text).split()))
        j += 1
    return parts, j


def index_region(blocks: list[Block], from_: int) -> int | None:
    """Index of the EXHIBIT INDEX heading at or after ``from_``, if any."""
    for k in range(from_, len(blocks)):
        t = blocks[k].text
        if t[:1] in EXHIBIT_INDEX_LEAD and EXHIBIT_INDEX_HEAD.match(t) and len(t.split()) <= 6:
            return k
    return None


def _desc_key(desc: str | None) -> str:
    return _NON_WORD_RUN.sub(" ", (desc or "").lower()).strip()


def merge(lists: list[list[Exhibit]]) -> list[Exhibit]:
    """One exhibit per number, in first-seen order; a later listing fills a missing description.

    Entries are numbered, so the same description under another number is another exhibit
    (99.1 and 99.2 both "Press release dated ..."). One exception: a later list that renumbers
    (the item list says "1.", the exhibit index says "99.1" for the same agreement) when the
    description names exactly one exhibit of an earlier list and that list's number is absent
    from the later list; the number that an attached document carries wins."""
    seen: dict[object, Exhibit] = {}
    origin: dict[int, int] = {}  # id(exhibit) -> index of the list it came from
    # each new exhibit's description is compared with every kept one's: their keys are made
    # once per description (0.065 of the 0.33 ms/filing of the exhibits were _desc_key calls)
    desc_key = lru_cache(maxsize=None)(_desc_key)
    for n, lst in enumerate(lists):
        keys = {exhibit_key(e.number) or e.number for e in lst}
        for e in lst:
            key = exhibit_key(e.number) or e.number
            if key in seen:
                old = seen[key]
                if not old.description and e.description:
                    old.description = e.description
                if old.document is None and e.document is not None:
                    old.document = e.document
                continue
            dk = desc_key(e.description)
            same = [(k, x) for k, x in seen.items() if desc_key(x.description) == dk] if len(dk) >= 20 else []
            if len(same) == 1 and origin[id(same[0][1])] != n and same[0][0] not in keys:
                old = same[0][1]
                if old.document is None and e.document is not None:
                    old.number, old.document = e.number, e.document
                continue
            seen[key] = e
            origin[id(e)] = n
    return list(seen.values())


def link_documents(exhibits: list[Exhibit], documents: list) -> None:
    """Set ``Exhibit.document`` to the sequence of the attached document of that type.

    Numbers match as keys ("99.01" = "EX-99.1"). Failing that, an entry and a document of the
    same major number where one of them has no minor ("99.1" listed, "EX-99" attached, or
    "99" listed, "EX-99.1" attached) go together when each is the only one of that major left
    unmatched: the only candidate."""
    if not exhibits:
        return  # nothing to link (from_prose usually finds no exhibit of its own)
    by_key: dict[tuple, int] = {}
    for d in documents:
        t = (d.type or "").upper()
        k = exhibit_key(t) if t.startswith("EX") else None
        if k is not None and k not in by_key:
            by_key[k] = d.sequence
    keys = {e_k for e in exhibits if (e_k := exhibit_key(e.number)) is not None}
    for e in exhibits:
        k = exhibit_key(e.number)
        if k is not None and k in by_key:
            e.document = by_key[k]
    open_docs = [(k, v) for k, v in by_key.items() if k not in keys]
    open_entries = [(k, e) for e in exhibits if (k := exhibit_key(e.number)) is not None and k not in by_key]
    for k, e in open_entries:
        docs = [(dk, v) for dk, v in open_docs if dk[0] == k[0]]
        rivals = [x for xk, x in open_entries if xk[0] == k[0] and xk != k]
        if len(docs) == 1 and not rivals and (_bare(k) or _bare(docs[0][0])):
            e.document = docs[0][1]


def _bare(key: tuple) -> bool:
    return key[1] is None and key[2] is None


# "Exhibit 16", "Exhibits 99.01, 99.02 and 99.03", "Exhibits 99.02 through 99.06" in running text.
# A number glued to a letter by a hyphen is a form ("Exhibit 4.1 to Form 10-K": "10" is not one).
_PNUM = rf"(?:{_NUM})(?![\w-])"
_MENTION = re.compile(
    rf"\bexhibits?\s+(?:nos?\.?\s*)?(?P<nums>{_PNUM}(?:\s*(?:,|&|\band\b|\bthrough\b|\bthru\b|–)\s*(?:and\s+)?{_PNUM})*)",
    re.I,
)
_PNUM_AT = re.compile(_PNUM)
_RANGE_WORD = re.compile(r"\s*(?:through|thru|–)\s*$", re.I)
# Where a _MENTION may start: "exhibit" in any case, spelled out as re.IGNORECASE matches it
# (with the dotted and dotless i). Scanning for this case-sensitive pattern and trying
# _MENTION only where it matches finds the same matches as _MENTION.finditer over the whole
# text at ~2/5 of the cost (measured on the corpus's primary documents: 0.08 against 0.20
# ms/filing): a case-insensitive pattern that opens with \b is tried at every character.
_MENTION_AT = re.compile("[Ee][Xx][Hh][Ii\u0130\u0131][Bb][Ii\u0130\u0131][Tt]")


def _mention_starts(text: str) -> list[int]:
    """Where ``_MENTION_AT`` matches ``text``, tried only before an "x" or "X" (the pattern's
    second letter, which it takes in these two cases only), found with ``str.find``: under a third
    of the cost of the regex scan over the whole text (0.040 -> 0.0125 ms/filing on the
    corpus's primary documents). Matches cannot overlap ("exhibit" has no border)."""
    before_x = []
    for x in "xX":
        i = text.find(x, 1)
        while i >= 0:
            before_x.append(i - 1)
            i = text.find(x, i + 1)
    before_x.sort()
    match = _MENTION_AT.match
    return [s for s in before_x if match(text, s)]


def _mentions(text: str) -> Iterator[re.Match[str]]:
    """``_MENTION.finditer(text)``, tried only where "exhibit" stands (see ``_MENTION_AT``)."""
    end = 0
    for start in _mention_starts(text):
        if start < end:
            continue  # inside the previous mention
        m = _MENTION.match(text, start)
        if m is not None:
            end = m.end()
            yield m


def _mentioned(nums: str, documents: list) -> list[str]:
    """The exhibit numbers a mention names, in order: each number, and for "99.02 through
    99.06" the numbers of the attached documents inside that range (same major number)."""
    out: list[str] = []
    prev: re.Match[str] | None = None
    for m in _PNUM_AT.finditer(nums):
        ka, kb = (exhibit_key(prev.group()) if prev else None), exhibit_key(m.group())
        lo, hi = (ka[1], kb[1]) if ka and kb else (None, None)
        if (prev is not None and ka and kb and _RANGE_WORD.match(nums[prev.end():m.start()]) and ka[0] == kb[0]
                and lo is not None and hi is not None):
            for d in documents:
                t = (d.type or "").upper()
                k = exhibit_key(t) if t.startswith("EX") else None
                if k is not None and k[0] == ka[0] and k[1] is not None and lo < k[1] < hi:
                    out.append(t[3:].strip())
        out.append(_WHITE_RUN.sub("", m.group()))
        prev = m
    return out


def _line_starts(view: DocumentView) -> dict[int, Block]:
    """The visible blocks by the offset where their text starts (past leading white space)."""
    starts = {}
    for b in view.blocks:
        if not b.hidden:
            t = b.text  # an HTML block's folded text has no leading space: no lstrip copy
            starts[b.start + (len(t) - len(t.lstrip()) if t[:1].isspace() else 0)] = b
    return starts


def from_prose(view: DocumentView, listed: list[Exhibit], documents: list) -> list[Exhibit]:
    """Exhibits named only in the text ("a copy of the letter is attached as Exhibit 16",
    "filed herewith as Exhibit 99.1"), each kept only when an attached document matches it and
    no listed exhibit already has that number or that document. A mention that opens an
    entry-shaped line ("Exhibit 99.2 Financial Highlights.") keeps that line's description."""
    taken_keys = {exhibit_key(e.number) or e.number for e in listed}
    taken_docs = {e.document for e in listed if e.document is not None}
    starts: dict[int, Block] | None = None  # built at the first mention (most texts have few or none)
    found: dict[object, Exhibit] = {}
    for m in _mentions(view.text):
        if starts is None:
            starts = _line_starts(view)
        line = starts.get(m.start())
        entry = _entry(line) if line is not None else None
        desc = (" ".join(_TAGS.sub(" ", entry.group("desc")).split()) or None) if entry is not None else None
        span = Span.at(m.start(), line.end if entry is not None and line is not None else m.end(), view.sequence)
        for number in _mentioned(m.group("nums"), documents):
            key = exhibit_key(number) or number
            if key in taken_keys:
                continue
            if key not in found:
                found[key] = Exhibit(number=number, description=desc, span=span)
            elif desc and not found[key].description:  # the entry line after a sentence
                found[key].description, found[key].span = desc, span
    link_documents(list(found.values()), documents)
    return [e for e in found.values() if e.document is not None and e.document not in taken_docs]
