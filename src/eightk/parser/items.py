"""Item headings: "ITEM 5.  OTHER EVENTS", "Item 2.02 Results of ...", "Items 2.02 and 9.01",
"Item5.", "ITEM 5 -", headings whose title is on the next line, and blanket lines such as
"Items 1 through 4, 6 and 8. Not applicable." (items the filing does *not* report).

Hand-written: this is the 8-K grammar itself. The rules that tell a heading from a mention in
running text ("furnished under Item 12", "Item 404 of Regulation S-K") are:
  * the block must *start* with "Item(s)" followed by valid item codes (404 is no item code);
  * a lower-case word right after the code ("of", "hereof") means prose, not a heading;
  * a plain-text line that continues the previous line's sentence (no blank line between and
    the previous line does not end a sentence) is prose wrapped onto a new line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from eightk import itemcodes
from eightk.documents.blocks import Block, DocumentView
from eightk.parser.layout import clean

_CODE = r"\d{1,2}(?:\.\d{1,2})?"
# "Item 9.01(d).", "Item 5.02(b) and (c)": a paragraph reference after the code is part of it
_SUB = r"(?:\s?\([a-z0-9]{1,3}\)(?:\s*(?:,|and|&)\s*\([a-z0-9]{1,3}\))*)?"
# "Item - 5.02 Departure ...": a dash or colon may sit between the word and the code
_HEAD = re.compile(
    rf"^\s*items?\s*(?:no\.?\s*)?(?:[-–—:]\s*)?(?P<codes>{_CODE}{_SUB}(?:\s*(?:,|and|&|through|thru|to|-|–)\s*{_CODE}{_SUB})*)(?![\d])", re.I
)
# "ITEM FIVE. OTHER EVENTS": some 1990s filers spelled the legacy item numbers out
_NUMBER_WORDS = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12",
}
_WORD_HEAD = re.compile(r"^\s*item\s+(?P<codes>" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
_SPLIT_CODES = re.compile(rf"\([a-z0-9]{{1,3}}\)|({_CODE})|(through|thru|to|-|–)", re.I)
_PUNCT = re.compile(r"^\s*(?:[.:\-–—)]+|\s{2,})\s*")
_NOT_APPLICABLE = re.compile(r"\bnot\s+applicable\b|\bnone\b|\bomitted\b|\bnot\s+required\b", re.I)
_NA_ONLY = re.compile(r"^\s*(?:not\s+applicable|none|n/a|omitted)\s*\.?\s*$", re.I)
# a table-of-contents line ends in a page number: "Other Events........  3", "Other Events     3"
_TOC_PAGE = re.compile(r"\.{4,}\s*\d*\s*$|\s{3,}\d{1,3}\s*$")
_ARE_NOT_APPLICABLE = re.compile(r"\b(?:are|is)\s+not\s+applicable", re.I)
_STOP_WORDS = {"of", "or", "and", "the", "a", "an", "to", "in", "on", "under", "with", "s", "for", "that"}
_WORD = re.compile(r"[a-z]+")
_PROSE = {"of", "hereof", "and", "or", "is", "are", "was", "under", "to", "above", "below", "in", "as", "shall", "will"}

SIGNATURE_HEAD = re.compile(r"^\s*(?:S\s?I\s?G\s?N\s?A\s?T\s?U\s?R\s?E\s?S?|SIGNATURES?)\s*:?\s*$", re.I)
SIGNATURE_SENTENCE = re.compile(r"^\s*pursuant\s+to\s+the\s+requirements\s+of\s+the\s+securities\s+exchange\s+act", re.I)
EXHIBIT_INDEX_HEAD = re.compile(
    r"^\s*(?:exhibit\s+index|index\s+(?:to|of)\s+exhibits|exhibits?\s+index|list\s+of\s+exhibits)\b.{0,30}$", re.I
)

# The characters a block these headings match may open with: white space (which their "^\\s*"
# passes over: every character "\\s" matches, those of str.isspace), or the heading's first
# letter as re.IGNORECASE matches it ("s" is also the long s, "i" the dotted and dotless i).
# Scans over every block test ``text[:1] in ..._LEAD`` before running the regex: most blocks
# open with another letter, and one set lookup costs a fifth of a failed match (find_start,
# the item stops and the exhibit index: 0.053 -> 0.03 ms/filing on the corpus).
WHITE_SPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
SIGNATURE_HEAD_LEAD = WHITE_SPACE | frozenset("Ss\u017f")
SIGNATURE_SENTENCE_LEAD = WHITE_SPACE | frozenset("Pp")
EXHIBIT_INDEX_LEAD = WHITE_SPACE | frozenset("EeIiLl\u0130\u0131")
ITEM_HEAD_LEAD = WHITE_SPACE | frozenset("Ii\u0130\u0131")


@dataclass(slots=True)
class Heading:
    codes: list[str]
    title: str | None
    block: int  # index of the heading block
    body_from: int  # index of the first block after the heading (and its title lines)
    start: int  # span of the heading
    end: int
    not_applicable: bool = False
    inline_text: str = ""  # "Item 3. Not applicable.": the heading line holds the item's text


def _words(s: str) -> set[str]:
    return {w for w in _WORD.findall(s.lower().replace("'s", "")) if w not in _STOP_WORDS}


def _codes(raw: str) -> list[str]:
    """'1 through 4, 6 and 8' -> ['1','2','3','4','6','8']; invalid codes dropped."""
    out: list[str] = []
    pending_range = False
    for m in _SPLIT_CODES.finditer(raw):
        if not m.group(1) and not m.group(2):
            continue  # "(b)": a paragraph of the item
        if m.group(2):
            pending_range = bool(out)
            continue
        code = itemcodes.normalise_code(m.group(1))
        if code is None:
            pending_range = False
            continue
        if pending_range and out and "." not in code and "." not in out[-1]:
            for k in range(int(out[-1]) + 1, int(code)):
                out.append(str(k))
        pending_range = False
        if code not in out:
            out.append(code)
    return out


def _adjacent(view: DocumentView, a: Block, b: Block) -> bool:
    if view.format != "text":
        return True
    return view.text.count("\n", a.end, b.start) <= 1


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    return not t or t[-1] in ".:;)!?\"'" or t[-1].isdigit() or t.isupper()


def _wraps(prev: str) -> bool:
    """A line of running prose that continues on the next line: long, and ending mid-sentence
    (a short line such as "Table of Contents" or a heading does not wrap onto an item)."""
    return len(prev) >= 40 and not _ends_sentence(prev) and (prev[-1].islower() or prev[-1] in ",-")


_PAGE_NO = re.compile(r"\d{1,3}")


def _toc_row(cells: list) -> bool:
    """A table-of-contents row: its last non-empty cell is a page number."""
    last = next((c.text.strip() for c in reversed(cells) if c.text.strip()), "")
    return _PAGE_NO.fullmatch(last) is not None


def _title_score(title: str, code: str) -> float:
    ref = _words(itemcodes.title_of(code) or "")
    got = _words(title)
    if not ref or not got:
        return 0.0
    return len(ref & got) / len(ref)


_SENTENCE_END = re.compile(r"[.:]\s+(?=[A-Z(\"'])")
_STOP_MARK = re.compile(r"[.!?]\s")


def _split_title(rest: str) -> tuple[str, int]:
    """Title part of a heading line that may run on into the body; returns (title, length used)."""
    if len(rest.split()) <= 16:
        return rest, len(rest)
    # "Item 5. Other Events. On June 1, ..." : the title is the first short sentence
    m = _SENTENCE_END.search(rest)
    if m and len(rest[: m.start()].split()) <= 16:
        return rest[: m.start() + 1], m.start() + 1
    if len(rest.split()) <= 30 and not _STOP_MARK.search(rest):
        return rest, len(rest)  # a long official title ("Departure of Directors ...; Election ...")
    return "", 0


#: At most this many item headings are read in one document (a real 8-K prints a few dozen,
#: a table of contents included); the rest of a hostile document is the last item's text, and
#: the parser says so (``headings_truncated``).
MAX_HEADINGS = 1000


class _Title(NamedTuple):
    """A heading's title as read so far, where the heading ends and where its body starts."""

    text: str
    end: int  # offset of the heading's end
    body_from: int  # index of the first block of the body


def _heading_codes(m: re.Match[str], cache: dict[str, list[str]]) -> list[str]:
    """The item codes a heading match names ("FIVE" -> 5); ``cache`` reads the same heading
    repeated thousands of times once."""
    raw = m.group("codes")
    word = _NUMBER_WORDS.get(raw.lower())
    if word:
        return [word]
    if raw not in cache:
        cache[raw] = _codes(raw)
    return list(cache[raw])


def _after_code(text: str, m: re.Match[str]) -> tuple[str, bool]:
    """What follows the codes, and whether punctuation or a wide gap separates it from them."""
    after = text[m.end():]
    pm = _PUNCT.match(after)
    return (after[pm.end():] if pm else after.lstrip()), pm is not None


def _wrapped_prose(view: DocumentView, blocks: list[Block], i: int) -> bool:
    """Whether ``blocks[i]`` is prose wrapped onto a new line: the previous line ends mid-sentence."""
    if view.format != "text":
        return False
    b = blocks[i]
    k = i - 1
    while k >= 0 and blocks[k].kind == "rule":
        k -= 1
    prev = blocks[k] if k >= 0 else None
    return (
        prev is not None and len(prev.text) >= 40 and _adjacent(view, prev, b)
        and _wraps(clean(prev.text)) and not b.all_caps and not prev.page_break_before
        and not _HEAD.match(prev.text)
    )


def _mention(view: DocumentView, blocks: list[Block], i: int, rest: str, separated: bool) -> bool:
    """Whether the "Item 5" that opens ``blocks[i]`` is no heading: prose ("Item 12 of Form 8-K",
    "Item 5 hereof", "Item 9 and ..."), wrapped prose or a table-of-contents line ("Item 5 -
    Other Events........  3")."""
    if rest[:1].islower() and (not separated or rest.split(" ", 1)[0].strip(",.;").lower() in _PROSE):
        return True
    if not separated and rest and not (rest[:1].isupper() or rest[:1] in "(\""):
        return True
    if _wrapped_prose(view, blocks, i):
        return True
    b = blocks[i]
    return bool(_TOC_PAGE.search(rest) or (b.cells and len(b.cells) > 1 and _toc_row(b.cells)))


def _title_on_line(b: Block, i: int, rest: str) -> _Title:
    """The title printed after the codes on the heading's own line (block ``i``)."""
    rest_clean = clean(rest)
    title, used = _split_title(rest_clean)
    if not used and rest.strip():
        # no title, the body follows the code in the same block
        return _Title(title, b.start + len(b.text) - len(rest), i)
    if used and used < len(rest_clean):
        # heading and body share the block (HTML paragraph): body starts inside it
        idx = b.text.find(title[-10:]) if len(title) >= 10 else -1
        return _Title(title, b.start + idx + len(title[-10:]) if idx >= 0 else b.end, i)
    return _Title(title, b.end, i + 1)


_ENUMERATED = re.compile(r"^\(?[a-z0-9]{1,3}\)", re.I)  # "(a) Financial statements ..."


def _title_below(view: DocumentView, blocks: list[Block], i: int, end: int, codes: list[str], t: _Title) -> _Title:
    """The title continued on the next line(s): "Item 5." / "Other Events"; "... INFORMATION
    AND" / "EXHIBITS" (at most three blocks, before ``end``)."""
    b = blocks[i]
    title, head_end, body_from = t
    j = i + 1
    while j < end and j < i + 4 and body_from == j:
        nb = blocks[j]
        if nb.kind == "rule":
            j += 1
            body_from = j
            continue
        if not _adjacent(view, blocks[j - 1], nb) and title:
            break
        # HTML paragraphs do not wrap: a title continues in the next block only when the
        # heading block held the code alone ("Item 5.02" / "Departure of Directors ...")
        if view.format != "text" and title:
            break
        if (
            _HEAD.match(nb.text) or SIGNATURE_HEAD.match(nb.text) or EXHIBIT_INDEX_HEAD.match(nb.text)
            or SIGNATURE_SENTENCE.match(nb.text)
        ):
            break
        nt = clean(nb.text)
        # an enumerated sub-heading "(a) Financial statements ..." is body, not title
        if len(nt.split()) > 12 or _ENUMERATED.match(nt):
            break
        looks_title = nb.all_caps or nb.underlined or (
            max((_title_score(title + " " + nt, c) - _title_score(title, c) for c in codes), default=0) > 0.2
        )
        if not title and not looks_title and not _title_score(nt, codes[0]) and not nt.istitle():
            break
        if title and not looks_title:
            break
        if title and b.all_caps != nb.all_caps:
            break
        title = (title + " " + nt).strip()
        head_end = nb.end
        j += 1
        body_from = j
    return _Title(title, head_end, body_from)


def _heading(codes: list[str], t: _Title, b: Block, i: int) -> Heading:
    """The heading of block ``i``: "Items 1 through 4 ... Not applicable" lists several codes
    the filing does not report; "Item 3. Not applicable." has no title but that text."""
    title = t.text
    na = len(codes) > 1 and bool(_NOT_APPLICABLE.search(title) or _ARE_NOT_APPLICABLE.search(title))
    inline = ""
    if not na and _NA_ONLY.match(title):
        inline, title = title.strip(), ""
    return Heading(
        codes=codes, title=title.strip(" .:-–—") or None, block=i, body_from=t.body_from,
        start=b.start, end=t.end, not_applicable=na, inline_text=inline,
    )


def find_headings(view: DocumentView, blocks: list[Block], limit: int | None = None) -> list[Heading]:
    """Item headings among ``blocks[:limit]``, in order (at most ``MAX_HEADINGS``)."""
    out: list[Heading] = []
    end = len(blocks) if limit is None else limit
    codes_of: dict[str, list[str]] = {}  # the same heading repeated thousands of times: read once
    i = 0
    while i < end and len(out) < MAX_HEADINGS:
        b = blocks[i]
        if b.kind == "rule" or "tem" not in b.text[:12].lower():
            i += 1
            continue
        m = _HEAD.match(b.text) or _WORD_HEAD.match(b.text)
        if not m:
            i += 1
            continue
        codes = _heading_codes(m, codes_of)
        if not codes:
            i += 1
            continue
        rest, separated = _after_code(b.text, m)
        if _mention(view, blocks, i, rest, separated):
            i += 1
            continue
        t = _title_below(view, blocks, i, end, codes, _title_on_line(b, i, rest))
        out.append(_heading(codes, t, b, i))
        i = max(t.body_from, i + 1)
    return out


# Page furniture (issue 9): what a printed page carries besides the item's text. A page number
# ("3", "- 3 -", "Page 3", "Page 3 of 9") counts when it is centred, ends the text, or a page
# break follows it; a "Table of Contents" link line (modern filings print one atop each page)
# always counts.
_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?[-–—\s]*$", re.I)
_TOC_LINK = re.compile(r"^(?:(?:return|back)\s+to\s+)?table\s+of\s+contents$", re.I)


def running_headers(blocks: list[Block]) -> frozenset[str]:
    """Lines printed atop two pages or more (a company name repeated as a page header), white
    space folded. Only a heading-free short line counts: an item heading or "SIGNATURES" that
    happens to open two pages is text."""
    seen: dict[str, int] = {}
    prev = None  # the kind of the last block that is not a rule: one pass, no look-back per block
    for b in blocks:
        kind = b.kind
        # the first line of a page: a page break before it, or before the rules above it
        top = kind not in ("rule", "page_break") and (b.page_break_before or prev == "page_break")
        if kind != "rule":
            prev = kind
        if not top:
            continue
        t = clean(b.text)
        if t and len(t) <= 100 and not (_HEAD.match(t) or SIGNATURE_HEAD.match(t) or EXHIBIT_INDEX_HEAD.match(t)):
            seen[t] = seen.get(t, 0) + 1
    return frozenset(t for t, n in seen.items() if n >= 2)


def _furniture(b: Block, nxt: Block | None, last: bool) -> bool:
    if len(b.text) > 80:  # furniture is short (a text line may carry its centring spaces)
        return False
    t = clean(b.text)
    if _TOC_LINK.match(t):
        return True
    return bool(_PAGE_NUMBER.match(t)) and (b.centered or last or (nxt is not None and (nxt.page_break_before or nxt.kind == "page_break")))


def body_text(view: DocumentView, blocks: list[Block], *, after: Block | None = None,
              running: frozenset[str] = frozenset()) -> str:
    """The text of ``blocks`` with the line structure kept (paragraphs separated by a blank line),
    markup-only lines, rules and page furniture left out. ``after`` is the block that follows
    them in the document (a page break there makes the last line a page foot); ``running`` are
    the document's :func:`running_headers`, left out at the end of the text only (in the
    middle the same repeated line is, in the corpus, the title of a financial statement)."""
    lines = [b for b in blocks if b.kind not in ("rule", "page_break")]
    kept: list[Block] = []
    for k, b in enumerate(lines):
        nxt = lines[k + 1] if k + 1 < len(lines) else after
        if not _furniture(b, nxt, last=k + 1 == len(lines)):
            kept.append(b)
    # the end: a page number, a link or a running header left by the page break before the
    # next heading ("... text. / 3 / EXAMPLE INC.")
    while kept and (b := kept[-1]) and (
        _furniture(b, None, last=True) or (b.page_break_before and clean(b.text) in running)
    ):
        kept.pop()
    parts: list[str] = []
    prev: Block | None = None
    for b in kept:
        t = b.text.strip()
        if view.format == "text" and "<" in t:
            t = clean(t)
        if prev is not None:
            gap = view.text.count("\n", prev.end, b.start) if view.format == "text" else 2
            parts.append("\n\n" if gap >= 2 or b.kind != "line" else "\n")
        parts.append(t)
        prev = b
    return "".join(parts).strip()
