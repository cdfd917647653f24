"""The cover page: date of report and one :class:`Registrant` per registrant on it.

Layouts handled (all seen on EDGAR, 1993 to today):
  * values *above* their parenthesised captions, underlined with dashes, up to three
    columns per row ("Delaware   0-29375   43-1809960" over "(State ...) (Commission File
    Number) (IRS Employer Identification No.)"), captions wrapping onto a second line;
  * "Caption: value" on one line, or "Caption:" with the value on the next line;
  * combined filings printed as a table: "Commission File Number | Registrant, State of
    Incorporation, Address and Telephone Number | I.R.S. Employer Identification No." with
    one record per registrant below it;
  * HTML tables: a row of values over a row of captions (cells play the part of columns).

Hand-written grammar. Why these rules: a value belongs to the caption it lies over (the
caption segment whose columns overlap it most); the value row is the nearest line above the
caption that is neither a rule nor another caption line, at most one blank line away (a
longer gap means the value was left blank, as former names usually are).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from eightk.dates import find_date
from eightk.documents.blocks import Block, DocumentView
from eightk.model import Address, Registrant, Span
from eightk.parser.layout import Seg, best_aligned, clean, segments
from eightk.parser.states import find_state, state_code

_CAPTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("former", re.compile(r"former\s+(?:name|address|fiscal)", re.I)),
    ("phone", re.compile(r"tele-?\s?phone|phone\s+number", re.I)),
    ("name", re.compile(r"exact\s+name|name\s+of\s+(?:the\s+)?registrant|\(\s*registrant\s*\)", re.I)),
    ("file", re.compile(r"commission|file\s+(?:no|number|#)", re.I)),
    ("irs", re.compile(r"i\.?\s?r\.?\s?s\.?\b|employer|identification|tax\s+id|e\.?i\.?n\.?\b", re.I)),
    ("address", re.compile(r"address|principal\s+executive", re.I)),
    ("zip", re.compile(r"zip|postal\s+code", re.I)),
    ("state", re.compile(r"\bstate\b|jurisdiction|incorporation|organi[sz]ation", re.I)),
]
# A caption proper (not a value that happens to contain "state"): parenthesised, or one of the
# fixed phrases the form prints.
_CAPTION_WORDS = (
    r"registrant[\u2019'`]?s\s+tele|commission\s+file|employer\s+identification|i\.?r\.?s\.?\s+employer|"
    r"state\s+(?:or\s+other\s+)?(?:of\s+)?(?:jurisdiction|incorporation)|zip\s+code|address\s+of\s+principal|"
    r"exact\s+name\s+of"
)
_CAPTION_PHRASE = re.compile(r"^\(|" + _CAPTION_WORDS, re.I)
_CAPTION_TEXT = re.compile(_CAPTION_WORDS, re.I)
_FIELD = {
    "name": "name", "state": "state_of_incorporation", "file": "commission_file_number",
    "irs": "irs_employer_id", "phone": "phone", "address": "address", "zip": "address",
    "former": "former_name",
}
_DATE_OF_REPORT = re.compile(r"date\s+of\s+(?:the\s+)?(?:report|earliest\s+event)", re.I)


def _date_of_report_caption(text: str, low: str | None = None) -> re.Match[str] | None:
    """``_DATE_OF_REPORT.search(text)``, after a cheap test: every match holds "date" (no
    character but these four letters matches d, a, t or e under re.IGNORECASE). ``low`` is
    ``text.lower()`` when the caller has it."""
    return _DATE_OF_REPORT.search(text) if "date" in (text.lower() if low is None else low) else None

_IRS = re.compile(r"\b\d{2}\s?-\s?\d{7}\b|\b\d{9}\b")
_FILE = re.compile(r"\b\d{1,4}-\d{2,6}(?:-\d{1,3})?\b")
_PHONE = re.compile(
    r"(?:\+?1[\s.-])?\(?\d{3}\)?[\s.-]*\d{3}\s?[\s.-]\s?\d{4}(?:\s*(?:x|ext\.?)\s*\d+)?"
    r"|\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}"  # international: +86-21 6605 0886
)
# Countries printed at the end of foreign addresses (the usual domiciles of SEC registrants).
_COUNTRIES = {
    "canada", "china", "people's republic of china", "prc", "hong kong", "taiwan", "japan", "korea",
    "republic of korea", "singapore", "india", "israel", "united kingdom", "england", "uk", "ireland",
    "bermuda", "cayman islands", "british virgin islands", "netherlands", "the netherlands", "germany",
    "france", "switzerland", "luxembourg", "belgium", "sweden", "denmark", "norway", "finland", "italy",
    "spain", "greece", "cyprus", "australia", "new zealand", "mexico", "brazil", "argentina", "chile",
    "bahamas", "panama", "malaysia", "thailand", "philippines", "indonesia", "vietnam", "monaco",
    "south africa", "united arab emirates", "jersey", "guernsey", "marshall islands",
}
_ZIP = re.compile(r"\b\d{5}(?:-\d{4})?\b")
_NONE = re.compile(
    r"^\W*(?:n\.?\s?/?\s?a\.?|none|(?:not\s+|in)applicable|no\s+change|unchanged|not\s+changed|same(?:\s+as\s+above)?)\W*$",
    re.I)
_STATE_IN_PARENS = re.compile(r"\(\s*an?\s+(.+?)\s+(?:corporation|company|limited|partnership|trust)", re.I)


# A word every match of each _CAPTIONS pattern holds (lower case; None: no such word, as for
# "i.r.s" and "e.i.n"). classify tests these on the lowered text before running a pattern: most
# segments hold the words of one caption or none.
_CAPTION_NEEDS: dict[str, tuple[str, ...] | None] = {
    "former": ("former",), "phone": ("phone",), "name": ("name", "registrant"), "file": ("commission", "file"),
    "irs": None, "address": ("address", "principal"), "zip": ("zip", "postal"),
    "state": ("state", "jurisdiction", "incorporation", "organi"),
}
# Each pattern also compiled without re.IGNORECASE (its text is lower case), for the lowered text:
# the same matches where no case trap stands (_CASE_TRAPS; tests/test_reader_cover.py checks every
# character), without the case-blind scan that tries "irs" at every character (5.6 us a caption,
# 0.038 ms/filing over the corpus's covers, against ~1 us).
_CAPTION_PLAN = [(name, pat, re.compile(pat.pattern), _CAPTION_NEEDS[name]) for name, pat in _CAPTIONS]


def classify(text: str) -> str | None:
    """The kind of caption ``text`` is (the first of _CAPTIONS that matches), or None.

    A pattern whose words (_CAPTION_NEEDS) are all missing from the lowered text cannot match
    and is skipped; letters that re.IGNORECASE alone takes for ASCII ones (_CASE_TRAPS) send
    the text through every pattern."""
    return _classify(text, None if _may_fool_lower(text) else text.lower())


def _classify_plain(text: str) -> str | None:
    """:func:`classify` without the word tests."""
    return _classify(text, None)


def _classify(text: str, low: str | None) -> str | None:
    """:func:`classify`, skipping the patterns whose words ``low`` (the lowered text; None:
    try every pattern) lacks."""
    for name, pat, pat_low, needs in _CAPTION_PLAN:
        if low is not None and needs is not None:
            for w in needs:  # an explicit loop: any() over a generator costs more than it saves
                if w in low:
                    break
            else:
                continue
        if pat.search(text) if low is None else pat_low.search(low):
            if name == "phone" and _ADDRESS_WORDS.search(text):
                # "(Address, including zip code, and telephone number ... of principal executive
                # offices)": address lines, the phone among them (see _address_lines)
                return "address"
            return name
    return None


_ADDRESS_WORDS = re.compile(r"\baddress|principal\s+executive", re.I)


# Every phrase of _CAPTION_WORDS holds one of these pairs of words (lower case).
_CAPTION_KEYS = (
    ("registrant", "tele"), ("commission", "file"), ("employer", ""), ("state", "jurisdiction"),
    ("state", "incorporation"), ("zip", "code"), ("address", "principal"), ("exact", "name"),
)
# Non-ASCII letters that re.IGNORECASE matches to ASCII letters where str.lower() does not
# give that letter (dotted and dotless i, long s, Kelvin sign).
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f", "\u212a")
_CASE_TRAP = re.compile("[" + "".join(_CASE_TRAPS) + "]")  # any of them, in one scan


def _paren_starts_segment(text: str) -> bool:
    """Whether a "(" of ``text`` may start a column segment (see :func:`layout.segments`): one
    at the start, after a gap (a tab, two or more white-space characters) or after a tag."""
    i = text.find("(")
    while i >= 0:
        j = i - 1
        while j >= 0 and text[j].isspace():
            j -= 1
        if j < 0 or i - j > 2 or text[j] == ">" or "\t" in text[j + 1:i]:
            return True
        i = text.find("(", i + 1)
    return False


def _may_hold_caption(block: Block, low: str | None = None) -> bool:
    """False when no segment of ``block`` can pass the caption test of :func:`_caption_segments`
    (start with "(" or hold a caption phrase): a cheap test on the whole block before its
    segments are built, since most blocks of a cover page are values or prose. ``low`` is
    ``block.text.lower()`` when the caller has it."""
    text = block.text  # a row's text: its non-empty cells joined by a space (see documents.html)
    if block.cells:
        if "(" in text:  # a cell opening with "(" holds one
            for c in block.cells:
                if c.text.lstrip().startswith("("):
                    return True
    elif _paren_starts_segment(text):
        return True
    return _may_hold_caption_words(text, low)


def _may_fool_lower(text: str) -> bool:
    """Whether ``text`` holds a letter that re.IGNORECASE matches to an ASCII letter where
    ``text.lower()`` does not give that letter: then a word missing from the lowered text may
    still match a case-blind pattern."""
    return not text.isascii() and _CASE_TRAP.search(text) is not None


def _may_hold_caption_words(text: str, low: str | None = None) -> bool:
    """False when ``_CAPTION_TEXT`` cannot match ``text``: it holds no pair of _CAPTION_KEYS
    (nor a letter that only re.IGNORECASE takes for an ASCII one). ``low``: ``text.lower()``,
    when the caller has it."""
    if _may_fool_lower(text):
        return True
    if low is None:
        low = text.lower()
    for a, b in _CAPTION_KEYS:  # noqa: SIM110 (an explicit loop is faster than any() here)
        if a in low and b in low:
            return True
    return False


def _caption_segments(block: Block) -> list[tuple[str, Seg]]:
    return _captions_of(segments(block)) if _may_hold_caption(block) else []


def _captions_of(segs: list[Seg]) -> list[tuple[str, Seg]]:
    """The caption segments among a block's ``segs``, with their kinds."""
    out = []
    for s in segs:
        # the cheap caption test first: most segments are values, not captions
        if not (s.text.startswith("(") or _CAPTION_PHRASE.search(s.text)):
            continue
        kind = classify(s.text)
        if kind:
            out.append((kind, s))
    return out


_CAPTION_TAIL = re.compile(r"^\w[\w\s.,-]{0,40}\)")  # the end of a caption wrapped from the line above


def _is_caption_line(block: Block) -> bool:
    if block.kind == "rule":
        return False
    t = block.text.strip()
    if _PHONE.fullmatch(t):
        return False  # "(213) 555-0100" opens with a bracket but is a value
    if t.startswith("(") or _CAPTION_TAIL.match(t):
        return True
    return bool(_caption_segments(block)) and not _IRS.search(t) and not _FILE.search(t)


def _gap(view: DocumentView, a: Block, b: Block) -> int:
    """Blank lines between blocks ``a`` (above) and ``b``."""
    if view.format != "text":
        return 0
    return max(0, view.text.count("\n", a.end, b.start) - 1)


def _opens_caption(block: Block) -> bool:
    """A caption line that wraps onto the next one: it opens more brackets than it closes
    ("(State or other jurisdiction     (Commission     (I.R.S. Employer")."""
    return block.text.count("(") > block.text.count(")")


def _values_above(view: DocumentView, blocks: list[Block], ci: int, max_lines: int = 1,
                  used: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """The value line(s) above caption block ``ci`` (nearest first, then upward).

    The search stops at a complete caption line (the value of ours was left blank: the line
    above that caption is *its* value, not ours) and at a block already taken as the value of
    another caption (``used``)."""
    out: list[int] = []
    below = blocks[ci]
    passed_rule = False
    k = ci - 1
    while k >= 0 and k >= ci - 8:
        b = blocks[k]
        if _gap(view, b, below) > 1:
            break
        if b.kind == "rule":
            passed_rule = True
            below = b
            k -= 1
            continue
        if _is_caption_line(b):
            # the first line of a caption wrapping over two lines; a caption above a rule belongs
            # to another row (whose value is then not ours); a bracketed note that is no caption
            # ("(Formerly known as ...)") is passed over
            if not out and not passed_rule and (_opens_caption(b) or not _caption_segments(b)):
                below = b
                k -= 1
                continue
            if not _value_segments(b):
                break
            # else a line of values and captions ("Minneapolis, Minnesota     (Zip Code)")
        if k in used or _date_of_report_caption(b.text) or (b.page_break_before and out):
            break
        out.append(k)
        if len(out) >= max_lines:
            break
        below = b
        k -= 1
    return out


def _values_below(view: DocumentView, blocks: list[Block], ci: int, limit: int, max_lines: int = 1,
                  used: set[int] | frozenset[int] = frozenset()) -> list[int]:
    """The value line(s) below caption block ``ci``, for covers printed captions first (some
    1990s filers): the caption's wrapped lines are passed, then values are read down to the
    next caption, a rule or a blank gap. Nearest first (like :func:`_values_above`)."""
    out: list[int] = []
    above = blocks[ci]
    k = ci + 1
    while k < limit and k <= ci + 8:
        b = blocks[k]
        if _gap(view, above, b) > 1 or b.kind == "rule" or k in used:
            break
        if _is_caption_line(b):
            if out or not _opens_caption(above):
                break
            above = b  # the second line of a wrapped caption
            k += 1
            continue
        out.append(k)
        if len(out) >= max_lines:
            break
        above = b
        k += 1
    return list(reversed(out))


def _captions_first(view: DocumentView, blocks: list[Block], limit: int) -> bool:
    """Whether the cover prints each caption *above* its value: the registrant-name caption
    has nothing above it but the date of report or the form's title, and a value below it."""
    for i in range(min(limit, len(blocks))):
        t = blocks[i].text
        opens = t[:1] == "(" or t[:1].isspace() and t.lstrip().startswith("(")  # no lstrip copy of most
        caps = _caption_segments(blocks[i]) if opens else []
        if not any(kind == "name" for kind, _ in caps):
            continue
        k = i - 1
        while k >= 0 and blocks[k].kind == "rule":
            k -= 1
        up = clean(blocks[k].text) if k >= 0 else ""
        title = not up or _date_of_report_caption(up) or find_date(up) or _TITLE_LINE.fullmatch(up)
        below = blocks[i + 1] if i + 1 < len(blocks) else None
        return bool(title) and below is not None and below.kind != "rule" and not _is_caption_line(below)
    return False


_TITLE_LINE = re.compile(r"(?:form\s+8-?k|current\s+report|.*\bact\s+of\s+1934)\W*", re.I)


def _is_caption_seg(s: Seg) -> bool:
    """A caption ("(Zip Code)") or the tail of one wrapped from the line above ("of incorporation)")."""
    t = s.text
    return (t.startswith("(") and classify(t) is not None) or (t.endswith(")") and "(" not in t)


def _value_segments(block: Block, segs: list[Seg] | None = None) -> list[Seg]:
    """The segments of ``block`` (``segs``, when the caller has them) that are not captions."""
    return [s for s in (segments(block) if segs is None else segs) if not _is_caption_seg(s)]


def _assign(values: list[Seg], caps: list[tuple[str, Seg]]) -> dict[str, list[Seg]]:
    got: dict[str, list[Seg]] = {}
    if not caps:
        return got
    cap_segs = [c for _, c in caps]
    for v in values:
        best = best_aligned(v, cap_segs)
        for kind, c in caps:  # a loop, not next() over a generator: a quarter less (measured)
            if c is best:
                got.setdefault(kind, []).append(v)
                break
    return got


def _span(view: DocumentView, start: int, end: int) -> Span:
    return Span.at(start, end, view.sequence)


# compiled once for _Cover.set (re.search(str, ...) looks its pattern up on every call)
_SPACES = re.compile(r"[ \t]{2,}")
_NOT_A_NAME = re.compile(r"\d{2}-\d{7}|^\d")
_STATE_WORDS = re.compile(r"[A-Za-z][A-Za-z .,'()-]{1,40}")
_WHITE = re.compile(r"\s")
_FAX = re.compile(r"\W*(?:fax|facsimile|telecopier)\b", re.I)


class _Cover:
    def __init__(self, view: DocumentView) -> None:
        self.view = view
        self.regs: list[Registrant] = []
        self.used: set[int] = set()  # blocks already read as a caption or as a caption's value
        self.captions_first = False  # a 1990s layout: each caption printed above its value

    def current(self, field: str) -> Registrant:
        if not self.regs or (field == "name" and self.regs[-1].name):
            self.regs.append(Registrant())
        return self.regs[-1]

    def set(self, field: str, raw: str, start: int, end: int) -> None:
        value = " ".join(raw.split()).strip(" ,;")
        if field == "address":  # a double space separates parts of an address line
            value = _SPACES.sub("  ", raw.strip(" ,;\t\n"))
        if not value and field != "former" or _may_hold_caption_words(value) and _CAPTION_TEXT.search(value):
            return
        reg = self.current(field)
        if _FIELD.get(field) in reg.spans and field not in ("address", "zip"):
            # a registrant's field is set once; a second value starts the next registrant only for names
            return
        if field == "name":
            if _NOT_A_NAME.search(value) or len(value) < 2:
                return
            reg.name = value
        elif field == "state":
            code = state_code(value)
            if code is None:
                if not _STATE_WORDS.fullmatch(value) or _CAPTION_PHRASE.search(value):
                    return
                value = value.strip(" .")
            reg.state_of_incorporation = code or value
        elif field == "file":
            m = _FILE.search(value)
            if not m:
                return
            reg.commission_file_number = m.group()
        elif field == "irs":
            m = _IRS.search(value)
            if not m:
                if _NONE.match(value):
                    return
                return
            reg.irs_employer_id = _WHITE.sub("", m.group())
        elif field == "phone":
            m = _PHONE.search(value)
            if not m or _FAX.match(value):
                return  # a fax number printed under the telephone line is not the phone
            reg.phone = m.group().strip()
        elif field == "former":
            kind = _former_kind(value)
            if kind is None:
                return  # blank, "N/A", a rule, a caption or another field's value: no former name
            if kind == "address":
                reg.former_address = reg.former_address or Address()
                _fill_address(reg.former_address, value)
                reg.spans["former_address"] = _span(self.view, start, end)
                reg.sources["former_address"] = "text"
                return
            reg.former_name = value
        elif field in ("address", "zip"):
            addr = reg.address or Address()
            if field == "zip":
                m = _ZIP.search(value)
                if not m:
                    return
                addr.zip = m.group()
            else:
                _fill_address(addr, value)
            reg.address = addr
            prev = reg.spans.get("address")
            if prev:
                start, end = min(prev.start, start), max(prev.end, end)
        else:
            return
        # the span made once the value is kept (each branch above may still refuse it)
        reg.spans[_FIELD[field]] = _span(self.view, start, end)
        reg.sources[_FIELD[field]] = "text"


_STREET = re.compile(
    r"^\d+[A-Za-z]?\s+\w|\b(?:street|st\.|avenue|ave\.?|road|rd\.|boulevard|blvd\.?|drive|dr\.|lane|suite|"
    r"floor|p\.?\s?o\.?\s+box|parkway|plaza|highway|way)\b", re.I)


_TWO_LETTERS = re.compile(r"[A-Za-z]{2}")
_PROSE_WORDS = re.compile(r"\b(?:check|pursuant|indicate|if\s+changed)\b", re.I)


def _former_kind(value: str) -> str | None:
    """What a value under the "(Former name or former address ...)" caption is: ``"name"``
    (a company name), ``"address"`` (a street, a city and ZIP line) or None (blank, "N/A", a
    rule of underscores, another caption, a phone number, prose).

    A former name is a company name: letters, not a caption, not a number, not a sentence."""
    if not value or _NONE.match(value) or not _TWO_LETTERS.search(value):
        return None
    if classify(value) is not None or _CAPTION_TEXT.search(value) or _PHONE.search(value):
        return None
    if len(value) > 120 or _PROSE_WORDS.search(value):
        return None
    if _STREET.search(value) or _ZIP.search(value) or (find_state(value) and "," in value and not _SUFFIX_END.search(value)):
        return "address"
    return "name"


_SUFFIX_END = re.compile(r"\b(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|lp|l\.p|plc|"
                         r"trust|holdings?|group|bancorp|n\.a|s\.a|n\.v|ag)\b\.?\s*$", re.I)


_WORD_GAPS = re.compile(r"(?<=\S)[ \t]+(?=\S)")
_ADDRESS_PARTS = re.compile(r",|\s{2,}")


def _fill_address(addr: Address, text: str) -> None:
    text = text.replace("\n", ", ")
    gaps = _WORD_GAPS.findall(text)
    if gaps and sum(len(g) > 1 for g in gaps) * 2 > len(gaps):
        # most words are two spaces apart ("24843  Del  Prado,  Dana  Point"): typography, not
        # the column gaps that separate parts of an address line
        text = " ".join(text.split())
    zips = list(_ZIP.finditer(text))
    zm = zips[-1] if zips else None
    if zm is not None and zm.end() >= len(text.rstrip(" .,")) - 1:
        addr.zip = addr.zip or zm.group()
        text = text[: zm.start()]
    parts = [p.strip(" .") for p in _ADDRESS_PARTS.split(text) if p.strip(" .")]
    if not parts:
        return
    if len(parts) >= 2 and parts[-1].lower() in _COUNTRIES:
        addr.country = parts[-1]
        parts = parts[:-1]
    st = find_state(parts[-1])
    if st is not None and len(parts) >= 2:
        code, s0, s1 = st
        before = parts[-1][:s0].strip(" ,")
        addr.state = code
        parts = parts[:-1] + ([before] if before else [])
    elif st is not None and len(parts) == 1:
        code, s0, _ = st
        addr.state = code
        parts = [parts[0][:s0].strip(" ,")]
    if parts and (addr.state or len(parts) >= 2):
        addr.city = parts[-1] or None
        parts = parts[:-1]
    if parts:
        street = ", ".join(parts)
        addr.street = f"{addr.street}, {street}" if addr.street else street


class ReportDate(NamedTuple):
    """A date printed in the date-of-report caption."""

    date: dt.date
    span: Span
    bracketed: bool  # printed in brackets: "(January 7, 2005)"


class _Found(NamedTuple):
    date: dt.date
    start: int
    end: int
    bracketed: bool

    def shifted(self, by: int) -> _Found:
        return self._replace(start=self.start + by, end=self.end + by)


def _dates_in(text: str, limit: int = 3) -> list[_Found]:
    """Up to ``limit`` dates of ``text`` in printed order."""
    out: list[_Found] = []
    pos = 0
    while len(out) < limit:
        d = find_date(text[pos:])
        if d is None:
            break
        start, end = pos + d[1], pos + d[2]
        bracketed = text[:start].rstrip().endswith("(") and text[end:].lstrip().startswith(")")
        out.append(_Found(d[0], start, end, bracketed))
        pos = end
    return out


_THREE_WORDS = re.compile(r"[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}")


def _only_dates(text: str) -> bool:
    """A line that holds nothing but a date, perhaps in brackets: "(January 7, 2005)"."""
    t = clean(text)
    return len(t) < 40 and bool(find_date(t)) and not _THREE_WORDS.search(t)


def _caption_dates(blocks: list[Block], i: int, after: int) -> tuple[list[_Found], int]:
    """The dates of the caption at block ``i`` (from offset ``after``), as offsets into the view,
    and the index of the block after them: on the caption's line, else on the lines just below
    it (or, failing those, just above it)."""
    b = blocks[i]
    found = [f.shifted(b.start + after) for f in _dates_in(b.text[after:])]
    if found:
        return found, i + 1
    for k in [*range(i + 1, min(i + 4, len(blocks))), i - 1, i - 2]:
        if k < 0 or blocks[k].kind == "rule" or len(clean(blocks[k].text)) >= 60:
            continue
        found = [f.shifted(blocks[k].start) for f in _dates_in(blocks[k].text)]
        if found:
            return found, k + 1
    return [], i + 1


def report_dates(view: DocumentView, blocks: list[Block], limit: int, lows: list[str]) -> list[ReportDate]:
    """Every date printed in the "Date of Report (Date of earliest event reported)" caption, in
    printed order: one line or two ("January 10, 2005" over "(January 7, 2005)"). ``lows``: the
    blocks' texts lowered."""
    for i in range(min(limit, len(blocks))):
        m = _date_of_report_caption(blocks[i].text, lows[i])
        if not m:
            continue
        found, k = _caption_dates(blocks, i, m.end())
        if len(found) == 1 and i < k < min(limit, len(blocks)) and _only_dates(blocks[k].text):
            found += [f.shifted(blocks[k].start) for f in _dates_in(blocks[k].text, 1)]
        return [ReportDate(f.date, _span(view, f.start, f.end), f.bracketed) for f in found]
    return []


def earliest_event(dates: list[ReportDate]) -> ReportDate | None:
    """The date of report: the date of the earliest event reported. When the cover prints two
    ("January 10, 2005 (January 7, 2005)"), the bracketed one answers the bracketed caption
    "(Date of earliest event reported)"; two dates and no brackets: the earlier."""
    if len(dates) <= 1:
        return dates[0] if dates else None
    return next((d for d in dates if d.bracketed), None) or min(dates, key=lambda d: d.date)


_FILE_HEAD = re.compile(r"commission|file", re.I)
_REGISTRANT_HEAD = re.compile(r"registrant", re.I)
_EXACT_NAME = re.compile(r"exact\s+name", re.I)


def _table_layout(view: DocumentView, cover: _Cover, blocks: list[Block], hi: int, limit: int,
                  segs: list[Seg], low: str) -> int:
    """Combined filings: a header row "Commission File Number | Registrant, ... | I.R.S. ..."
    (``segs``: its segments; ``low``: its text lowered), then one record per registrant.
    Returns the index after the table (or ``hi`` if none)."""
    if "commission" not in low and "file" not in low and not _may_fool_lower(blocks[hi].text):
        return hi  # no segment can match _FILE_HEAD: each is a piece of the block's text
    file_col = next((s for s in segs if _FILE_HEAD.search(s.text)), None)
    if file_col is None:  # tested first: most caption lines have no file number column
        return hi
    # an HTML header cell may name every caption at once ("Exact Name of Registrant ...; Address;
    # and Telephone Number"): "exact name" makes it the registrant column even with "telephone"
    reg_col = next((s for s in segs if _REGISTRANT_HEAD.search(s.text) and (
        classify(s.text) != "phone" or _EXACT_NAME.search(s.text))), None)
    if reg_col is None or file_col is reg_col or file_col.lo > reg_col.lo:
        return hi
    caps = [("file", file_col)] + [(k, s) for k, s in _caption_segments(blocks[hi]) if k == "irs"]
    # header may wrap onto a second line: merge captions from the next line
    j = hi + 1
    while j < limit and _is_caption_line(blocks[j]) and not _FILE.match(blocks[j].text.strip()):
        j += 1
    cols = [(k, s) for k, s in caps] + [("name", reg_col)]
    cur: Registrant | None = None
    seen_any = False
    while j < limit:
        b = blocks[j]
        if b.kind == "rule":
            j += 1
            continue
        sg = segments(b)
        if not sg:
            j += 1
            continue
        first = sg[0]
        fm = _FILE.fullmatch(first.text)
        if fm and first.lo <= reg_col.lo:
            cur = Registrant()
            cover.regs.append(cur)
            seen_any = True
            cur.commission_file_number = first.text
            cur.spans["commission_file_number"] = _span(view, first.start, first.end)
            cur.sources["commission_file_number"] = "text"
            for s in sg[1:]:
                kind = next((k for k, c in cols if best_aligned(s, [x for _, x in cols]) is c), None)
                if _IRS.fullmatch(s.text):
                    cur.irs_employer_id = s.text.replace(" ", "")
                    cur.spans["irs_employer_id"] = _span(view, s.start, s.end)
                    cur.sources["irs_employer_id"] = "text"
                elif kind == "name" or kind is None:
                    cur.name = s.text
                    cur.spans["name"] = _span(view, s.start, s.end)
                    cur.sources["name"] = "text"
            j += 1
            continue
        if cur is None:
            if seen_any:
                break
            j += 1
            if j - hi > 6:
                return hi
            continue
        if first.lo < reg_col.lo - 2 and not cells_layout(b):
            break  # record lines sit in the registrant column; anything left of it ends the table
        t = clean(b.text)
        sm = _STATE_IN_PARENS.search(t)
        if sm:
            code = state_code(sm.group(1))
            cur.state_of_incorporation = code or sm.group(1)
            cur.spans["state_of_incorporation"] = _span(view, b.start, b.end)
            cur.sources["state_of_incorporation"] = "text"
        elif _PHONE.fullmatch(t):
            cur.phone = t
            cur.spans["phone"] = _span(view, b.start, b.end)
            cur.sources["phone"] = "text"
        else:
            addr = cur.address or Address()
            if find_state(t) or _ZIP.search(t):
                _fill_address(addr, t)
            else:
                addr.street = f"{addr.street}, {t}" if addr.street else t
            cur.address = addr
            cur.sources["address"] = "text"
        j += 1
    return j if seen_any else hi


def cells_layout(b: Block) -> bool:
    return bool(b.cells)


_INLINE_VALUE = {"file": _FILE, "irs": _IRS, "phone": _PHONE}


def _inline(view: DocumentView, cover: _Cover, blocks: list[Block], i: int, limit: int,
            caps: list[tuple[str, Seg]]) -> bool:
    """Captions that carry their value on their own line (or, after a colon, on the next one).
    Returns False when the line is a caption of the values-above kind."""
    b = blocks[i]
    done = False
    for n, (kind, seg) in enumerate(caps):
        raw = view.text[seg.start:seg.end] if view.format == "text" else seg.text
        base = seg.start
        if n == len(caps) - 1:  # the last caption's value may sit in the next columns of the line
            raw = view.text[seg.start:b.end] if view.format == "text" else b.text[b.text.find(seg.text):]
        colon = raw.find(":")
        if colon >= 0:
            value, vs = raw[colon + 1:], base + colon + 1
        else:
            pat = _INLINE_VALUE.get(kind)
            m = pat.search(raw) if pat else None
            if m is None:
                continue
            value, vs = raw[m.start():], base + m.start()
        if not value.strip():
            if n != len(caps) - 1 or i + 1 >= limit:
                done = True
                continue
            k = i + 2 if blocks[i + 1].kind == "rule" and i + 2 < limit else i + 1
            nb = blocks[k]
            if k in cover.used or _is_caption_line(nb):
                done = True
                continue
            cover.used.add(k)
            value, vs = nb.text, nb.start
        lead = len(value) - len(value.lstrip())
        cover.set(kind, value, vs + lead, vs + len(value.rstrip()))
        done = True
    return done


def read_cover(view: DocumentView, blocks: list[Block], limit: int) -> tuple[list[Registrant], list[ReportDate]]:
    """Registrants and the report dates (see :func:`report_dates`) from ``blocks[:limit]``."""
    cover = _Cover(view)
    limit = min(limit, len(blocks))
    # each cover block lowered once, for the cheap tests before the regexes (date of report,
    # caption words, "formerly"): three passes lowered the same blocks before
    lows = [b.text.lower() for b in blocks[:limit]]
    dates = report_dates(view, blocks, limit, lows)
    cover.captions_first = _captions_first(view, blocks, limit)
    i = 0
    while i < limit:
        b = blocks[i]
        if b.kind == "rule" or _date_of_report_caption(b.text, lows[i]):
            i += 1
            continue
        # the block's segments, built once for the caption test and the table layout
        segs = segments(b) if _may_hold_caption(b, lows[i]) else []
        caps = _captions_of(segs) if segs else []
        if not caps:
            i += 1
            continue
        nxt = _table_layout(view, cover, blocks, i, limit, segs, lows[i])
        if nxt > i:
            i = nxt
            continue
        text = clean(b.text)
        # "Caption: value", "Caption:" with the value on the next line, "Commission File No. 1-1234"
        if not text.startswith("(") and _inline(view, cover, blocks, i, limit, caps):
            cover.used.add(i)  # a caption with its value: no value above another caption
            i += 1
            continue
        _values_of(view, cover, blocks, i, limit, caps)
        i += 1
    regs = [r for r in cover.regs if r.name or r.irs_employer_id or r.commission_file_number]
    _fallbacks(view, blocks, limit, regs)
    _formerly_known_as(view, blocks, limit, regs, lows)
    return regs, dates


_FORMERLY = re.compile(r"^\(?\s*(?:formerly(?:\s+known\s+as)?|f/k/a)\s*:?\s+(?P<name>[^()]{2,100}?)\s*\)?\.?\s*$", re.I)


def _formerly_known_as(view: DocumentView, blocks: list[Block], limit: int, regs: list[Registrant],
                       lows: list[str]) -> None:
    """"(Formerly known as Example Corp.)" under a single registrant's name: its former name
    (``lows``: the texts of ``blocks[:limit]`` lowered)."""
    if len(regs) != 1 or regs[0].former_name:
        return
    for b, low in zip(blocks[:limit], lows, strict=True):
        # a cheap test first: a match holds one of these (str.lower folds "\u212a" to "k")
        if "formerly" not in low and "f/k/a" not in low:
            continue
        m = _FORMERLY.match(clean(b.text))
        if m and _former_kind(m.group("name")) == "name":
            start = b.text.find(m.group("name"))
            regs[0].former_name = m.group("name")
            regs[0].spans["former_name"] = _span(view, b.start + start, b.start + start + len(m.group("name")))
            regs[0].sources["former_name"] = "text"
            return


def _values_of(view: DocumentView, cover: _Cover, blocks: list[Block], i: int, limit: int,
               caps: list[tuple[str, Seg]]) -> None:
    """The values of caption block ``i``, printed above their captions (the form's layout); a
    file number, IRS number or phone with nothing above may stand on the line below."""
    want = 3 if any(k == "address" for k, _ in caps) else 2 if any(k == "name" for k, _ in caps) else 1
    if cover.captions_first:
        above = _values_below(view, blocks, i, limit, max_lines=1 if want == 2 else want, used=cover.used)
    else:
        above = _values_above(view, blocks, i, max_lines=want, used=cover.used)
    per_kind: dict[str, list[Seg]] = {}
    lines: dict[str, list[int]] = {}
    line_segs = {k: segments(blocks[k]) for k in above}  # built once: read twice below
    for k in reversed(above):
        for kind, found in _assign(_value_segments(blocks[k], line_segs[k]), caps).items():
            per_kind.setdefault(kind, []).extend(found)
            lines.setdefault(kind, []).append(k)
    for kind, _ in caps:
        segs = per_kind.get(kind)
        if not segs:
            if kind == "former":
                cover.set("former", "", blocks[i].start, blocks[i].end)
            elif kind in _INLINE_VALUE and not cover.captions_first:
                _value_below(cover, blocks, i, limit, kind)
            continue
        if kind == "name":
            segs = _name_segments(blocks, lines[kind], segs)
        elif kind == "address":
            segs = _address_segments(cover, segs)
        else:
            segs = segs[-1:]
        if not segs:
            continue
        # a whole-line value is this caption's alone (a line of columns serves several captions)
        cover.used.update(k for k in lines[kind] if len(line_segs[k]) == 1)
        value = ", ".join(s.text for s in segs) if kind == "address" else " ".join(s.text for s in segs)
        cover.set(kind, value, segs[0].start, segs[-1].end)


def _value_below(cover: _Cover, blocks: list[Block], i: int, limit: int, kind: str) -> None:
    """"Commission File Number" over "0-12345": a caption with the value on the next line (or
    beside it: "(Registrant's telephone number, including area code)     800-555-0100")."""
    for s in _value_segments(blocks[i]):
        if _INLINE_VALUE[kind].fullmatch(s.text):
            cover.set(kind, s.text, s.start, s.end)
            return
    k = i + 1
    if k < limit and blocks[k].kind == "rule":
        k += 1
    if k >= limit or k in cover.used:
        return
    t = clean(blocks[k].text)
    m = _INLINE_VALUE[kind].fullmatch(t)
    if m:
        cover.used.add(k)
        lead = blocks[k].text.find(t[:1])
        cover.set(kind, t, blocks[k].start + max(lead, 0), blocks[k].end)


# Words a company name may end with on a line of its own when the name wraps: "GENERAL
# INDUSTRIAL MACHINES" / "CORPORATION".
_NAME_TAIL = re.compile(
    r"^(?:(?:&\s*)?(?:inc|incorporated|corp|corporation|co|company|ltd|limited|llc|l\.l\.c|lp|l\.p|plc|trust|"
    r"holdings?|group|bancorp|bancshares|n\.a|partners|fund|international|industries|of\s+\w+)\.?,?\s*)+$", re.I)


_NAME_CUT = re.compile(r"(?:&|\band|\bof|,|-)$")  # a name line ending mid-name


def _name_segments(blocks: list[Block], lines: list[int], segs: list[Seg]) -> list[Seg]:
    """The name's segments: those of the nearest line, with the line above when the name wraps
    onto two lines (the nearest holds only a legal suffix, or the upper ends mid-name)."""
    near = [s for s in segs if blocks[lines[-1]].start <= s.start < blocks[lines[-1]].end]
    if len(lines) < 2:
        return near
    upper = [s for s in segs if blocks[lines[-2]].start <= s.start < blocks[lines[-2]].end]
    if len(upper) == 1 and len(near) == 1 and (
        _NAME_TAIL.match(near[0].text) or _NAME_CUT.search(upper[0].text)
    ):
        return upper + near
    return near


def _address_segments(cover: _Cover, segs: list[Seg]) -> list[Seg]:
    """Address lines; a phone number among them (a caption naming the address and the
    telephone together) is the phone."""
    out = []
    for s in segs:
        if _PHONE.fullmatch(s.text):
            cover.set("phone", s.text, s.start, s.end)
        elif _ZIP.fullmatch(s.text):
            cover.set("zip", s.text, s.start, s.end)
        else:
            out.append(s)
    return out


_IRS_DASHED = re.compile(r"\b\d{2}-\d{7}\b")


def _fallbacks(view: DocumentView, blocks: list[Block], limit: int, regs: list[Registrant]) -> None:
    """A single registrant whose IRS number was printed without its caption."""
    if len(regs) != 1 or regs[0].irs_employer_id:
        return
    found = []
    for b in blocks[:limit]:
        for m in _IRS_DASHED.finditer(b.text):
            found.append((m.group(), b.start + m.start(), b.start + m.end()))
    if len(found) == 1:
        r = regs[0]
        r.irs_employer_id, s, e = found[0]
        r.spans["irs_employer_id"] = _span(view, s, e)
        r.sources["irs_employer_id"] = "text"
