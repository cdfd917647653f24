"""Exhibit lists: the list under the financial-statements item and the EXHIBIT INDEX.

An entry is "99.1   Press release ...", "Exhibit 99.1 - Press release", "12(c) -- Statement
re: ...", or an SGML ``<TABLE>`` row ``<S> 4.7 <C> Warrant ...``; its description may wrap
over the following lines. The same exhibit listed twice (item list and index) is one exhibit.

Hand-written grammar. Rules and why:
  * a number followed by a single space counts only when it has a dot or a letter
    ("99.1 Press release"); a bare integer needs a wide gap, a dash or the word "Exhibit",
    otherwise a wrapped sentence starting "30 days ..." would become exhibit 30;
  * the description continues on the next lines while there is no blank line between them
    and they do not start another entry (EDGAR lists either separate entries by a blank
    line or start each on its own numbered line);
  * numbers are compared as (major, minor, letter), so "99.01" = "99.1" and "99(a)" = "99.(A)".
"""

from __future__ import annotations

import re

from eightk.documents.blocks import Block, DocumentView
from eightk.model import Exhibit, Span
from eightk.parser.items import _HEAD, EXHIBIT_INDEX_HEAD, SIGNATURE_HEAD, SIGNATURE_SENTENCE

_TAGS = re.compile(r"</?(?:S|C|FN|F\d{1,2}|R|CAPTION|TABLE|PAGE)>", re.I)
_NUM = r"\d{1,3}(?:\.\d{1,3})?(?:\.?\s?\([a-zA-Z0-9]{1,3}\)|\.[A-Za-z]\b|[a-z]\b)?"
_ENTRY = re.compile(
    rf"^(?P<pre>(?i:exhibit)\s*(?:(?i:no)\.?|(?i:number)|#)?\s*)?(?P<num>{_NUM})"
    r"(?P<sep>\s*(?:-{1,2}|–|—|:)\s*|\s{2,}|\t|\s|\.\s+)"
    r"(?P<desc>[A-Z\"'(\[].*)$"
)
_KEY = re.compile(r"(\d{1,3})(?:\.(\d{1,3}))?\.?\s?\(?([A-Za-z0-9]{1,3})?\)?")


def exhibit_key(number: str) -> tuple[int, int | None, str | None] | None:
    """'99.1' -> (99, 1, None); '99.01' -> (99, 1, None); '99(a)' / 'EX-99.(A)' -> (99, None, 'a')."""
    s = re.sub(r"^(?:EX|EXHIBIT)[-\s]*", "", number.strip(), flags=re.I)
    m = _KEY.match(s)
    if not m:
        return None
    minor = int(m.group(2)) if m.group(2) else None
    suffix = m.group(3).lower() if m.group(3) else None
    if suffix is not None and suffix.isdigit() and minor is None:
        minor, suffix = int(suffix), None
    return int(m.group(1)), minor, suffix


def _entry(block: Block) -> re.Match[str] | None:
    raw = _TAGS.sub(lambda m: " " * len(m.group()), block.text).strip()
    m = _ENTRY.match(raw)
    if not m:
        return None
    num, sep = m.group("num"), m.group("sep")
    major = int(re.match(r"\d+", num).group())
    if major == 0 or major > 110:
        return None
    bare = re.fullmatch(r"\d{1,3}", num) is not None
    if bare and sep in (" ", ". ") and not m.group("pre"):
        return None
    if bare and sep.strip() == "" and not m.group("pre") and block.all_caps and len(m.group("desc").split()) > 6:
        return None
    return m


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
    major = int(re.match(r"\d+", m.group("num")).group())
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
        number=re.sub(r"\s+", "", m.group("num")), description=" ".join(desc_parts),
        span=Span(start=start, end=end, document=view.sequence),
    ), j


def _is_stop(block: Block) -> bool:
    t = block.text
    return bool(SIGNATURE_HEAD.match(t) or SIGNATURE_SENTENCE.match(t) or _HEAD.match(t) or EXHIBIT_INDEX_HEAD.match(t))


def read_list(view: DocumentView, blocks: list[Block]) -> list[Exhibit]:
    """Exhibit entries among ``blocks`` (a region already known to hold an exhibit list)."""
    out: list[Exhibit] = []
    i = 0
    while i < len(blocks):
        b = blocks[i]
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
        desc_parts = [" ".join(_TAGS.sub(" ", m.group("desc")).split())]
        end = b.end
        j = i + 1
        while j < len(blocks):
            nb = blocks[j]
            if nb.kind == "rule" or nb.page_break_before or _entry(nb) or _is_stop(nb):
                break
            if view.format == "text" and view.text.count("\n", blocks[j - 1].end, nb.start) > 1:
                break
            if view.format != "text":
                break
            desc_parts.append(" ".join(_TAGS.sub(" ", nb.text).split()))
            end = nb.end
            j += 1
        number = re.sub(r"\s+", "", m.group("num"))
        desc = " ".join(p for p in desc_parts if p).strip() or None
        out.append(Exhibit(
            number=number, description=desc,
            span=Span(start=b.start + offset, end=end, document=view.sequence),
        ))
        i = j
    return out


def index_region(blocks: list[Block], from_: int) -> int | None:
    """Index of the EXHIBIT INDEX heading at or after ``from_``, if any."""
    for k in range(from_, len(blocks)):
        if EXHIBIT_INDEX_HEAD.match(blocks[k].text) and len(blocks[k].text.split()) <= 6:
            return k
    return None


def _desc_key(desc: str | None) -> str:
    return re.sub(r"\W+", " ", (desc or "").lower()).strip()


def merge(lists: list[list[Exhibit]]) -> list[Exhibit]:
    """One exhibit per number, in first-seen order; a later listing fills a missing description.

    Entries are numbered, so the same description under another number is another exhibit
    (99.1 and 99.2 both "Press release dated ..."). One exception: a later list that renumbers
    (the item list says "1.", the exhibit index says "99.1" for the same agreement) when the
    description names exactly one exhibit of an earlier list and that list's number is absent
    from the later list; the number that an attached document carries wins."""
    seen: dict[object, Exhibit] = {}
    origin: dict[int, int] = {}  # id(exhibit) -> index of the list it came from
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
            dk = _desc_key(e.description)
            same = [(k, x) for k, x in seen.items() if len(dk) >= 20 and _desc_key(x.description) == dk]
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
