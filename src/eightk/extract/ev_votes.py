"""The shareholder_vote reader (item 5.07): the meeting date and each proposal's vote counts.

Vote tables come in many layouts, all read by what their cells say, never by position:

* a header row naming the counts ("For", "Against" or "Withheld", "Abstain", "Broker
  Non-Votes", spelled variously, in any order, with or without percentage columns), then one
  row per proposal or per director nominee (a label and the counts, in the header's order);
* one small table per proposal, a count per row ("Votes For | 931,126,456"), under a
  paragraph or a row that says what the proposal is;
* counts in prose ("... received 1,234 votes for, 56 against and 7 abstentions").

A say-on-pay frequency proposal counts votes per frequency: ``one_year``, ``two_years``,
``three_years`` (and ``abstain``, ``broker_non_votes``); its ``for``/``against`` stay empty.
A proposal's ``result`` is read from a result cell of its row, else from the paragraphs around
its table ("were elected", "was approved", "failed"); null when they do not say.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from eightk.digits import ascii_digits
from eightk.documents.blocks import Cell
from eightk.extract.tables import EMPTY, Row, count, rows_of, view_by_sequence
from eightk.model import Fact, Span

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

#: Count fields of a proposal, in the order they are usually printed.
COUNTS = ("for", "against", "abstain", "broker_non_votes", "one_year", "two_years", "three_years")

_PCT = re.compile(r"%|percent|^\d{1,3}\.\d+$")
_PCT_CELL = re.compile(r"^\(?\s*\d{0,3}(?:\.\d+)?\s*%?\s*\)?$|^\d{1,3}\.\d+$")
_BROKER = re.compile(r"broker|non-?\s?votes?|not\s+voted|unvoted")
_ABSTAIN = re.compile(r"abstain|abstention")
_AGAINST = re.compile(r"against|with-?h[oe]ld|opposed|^(?:votes?\s+)?no$")
_FREQ = re.compile(r"\b(1|one|2|two|3|three)[\s-]*years?\b")
_FOR = re.compile(r"\bfor\b|in\s+favou?r|\byes\b")
_RESULT_HEAD = re.compile(r"^(?:results?|outcome|status|vote\s+result)$")
_FREQ_FIELD = {"1": "one_year", "one": "one_year", "2": "two_years", "two": "two_years", "3": "three_years",
               "three": "three_years"}


@functools.lru_cache(maxsize=4096)
def header_field(text: str) -> str | None:
    """The count a header cell names ("Votes Withheld" -> "against"), "pct", "result", or None.
    (Memoised: a table repeats its cells' words, and every cell of every row is asked.)"""
    t = text.lower().strip(" :")
    if not t or len(t) > 40:
        return None
    if _PCT.search(t):
        return "pct"
    if _BROKER.search(t):
        return "broker_non_votes"
    if _ABSTAIN.search(t):
        return "abstain"
    if _AGAINST.search(t):
        return "against"
    m = _FREQ.search(t)
    if m:
        return _FREQ_FIELD[m.group(1)]
    if re.search(r"\bevery\s+year\b", t):
        return "one_year"
    if _FOR.search(t):
        return "for"
    if _RESULT_HEAD.match(t):
        return "result"
    return None


# (Patterns searched along a paragraph start with a check of the letters their matches start
# with, "(?=[arpce])": the engine then passes over other characters at once, where it tried
# each alternative at each one. The same matches (tests/test_ev_speed_patterns.py compares them);
# measured on the corpus's 5.07 paragraphs: searched in 0.5-0.7 of the time.)
_APPROVED = re.compile(r"(?=[arpce])\b(?:approved|ratified|adopted|passed|carried|elected|re-?elected)\b", re.I)
_NOT_APPROVED = re.compile(
    r"(?=[nfrd])\b(?:not\s+(?:been\s+)?(?:approved|ratified|adopted|passed|elected)|failed|rejected|defeated"
    r"|did\s+not\s+(?:approve|ratify|adopt|elect|receive|pass|obtain|get|achieve))\b", re.I)
_RESULT_CELL = re.compile(r"^(?:approved|passed|carried|adopted|ratified|elected|re-?elected|not\s+approved|failed"
                          r"|defeated|rejected|not\s+elected|did\s+not\s+pass)\*?$", re.I)
_ENUM = re.compile(r"^(?:\(?(?:[ivx]+|\d{1,2}|[a-z])[.)]|\d{1,2}|(?:proposal|item)\s*(?:no\.?\s*)?\d+[.:]?)$", re.I)
_PERSON = re.compile(r"^(?:(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+)?[A-Z][\w.'’-]*(?:\s+(?:(?:de|da|di|del|van|von|der|la|le)\s+)?"
                     r"[A-Z][\w.'’-]*\.?){1,4}(?:,\s*(?:Jr|Sr|III|II|IV)\.?)?$")
_ELECTION = re.compile(r"\b(?:elect\w*|directors?|nominees?|trustees?)\b", re.I)
_HONORIFIC = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof)\.?\s+")
_PREFACE = re.compile(r"(?=[:aft])(?:(?::|as\s+follows\.?|following\s*\.?)\s*$|\bthe\s+following\b)", re.I)
#: A paragraph that opens a proposal: "2.", "(ii)", "Proposal 3 -", "Item 4."
_OPENS = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|\(?[ivx]{1,4}\)|\(?[a-h]\)|(?:item|proposal|matter)\s*(?:no\.?\s*)?\d+)", re.I)
_DESC_HEAD = re.compile(r"^\s*(?:\(?[a-z0-9ivx]{1,4}[.)]\s*|(?:item|proposal|matter)\s*(?:no\.?\s*)?\d+\s*[.:\-–—]?\s*)+",
                        re.I)


def _result_of(text: str) -> str | None:
    found = _result_in(text)
    return found[0] if found else None


def _result_in(text: str) -> tuple[str, int, int] | None:
    """The outcome a text states and where: "failed" / "not approved" over "approved"."""
    m = _NOT_APPROVED.search(text)
    if m:
        return "not_approved", m.start(), m.end()
    m = _APPROVED.search(text)
    if m:
        return ("elected" if "elect" in m.group(0).lower() else "approved"), m.start(), m.end()
    return None


@dataclass
class _Proposal:
    description: str | None = None
    desc_span: tuple[int, int] | None = None
    counts: dict[str, int | None] = field(default_factory=dict)
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)
    result: str | None = None
    result_span: tuple[int, int] | None = None
    nominee: bool = False
    group: int = 0


def _merge_header(first: Row, second: Row) -> Row:
    """Two header lines as one: a cell of the second line joins the cell of the first in its
    column (the same cell index in HTML, the nearest character column in plain text)."""
    texts = {col: c.text for col, c in zip(first.cols, first.cells, strict=True)}
    spans = {col: (c.start, c.end) for col, c in zip(first.cols, first.cells, strict=True)}
    for col, c in zip(second.cols, second.cells, strict=True):
        near = min(texts, key=lambda k: abs(k - col)) if texts and not first.html else col
        if near in texts and abs(near - col) <= 12:
            texts[near] = f"{texts[near]} {c.text}"
            spans[near] = (min(spans[near][0], c.start), max(spans[near][1], c.end))
        else:
            texts[col] = c.text
            spans[col] = (c.start, c.end)
    cols = sorted(texts)
    cells = [Cell(text=texts[k], start=spans[k][0], end=spans[k][1]) for k in cols]
    return Row(cells, first.start, second.end, True, cols, html=first.html)


def _values(row: Row) -> tuple[list[tuple[int | None, tuple[int, int]]], list[tuple[str, tuple[int, int]]]]:
    """A row's count cells (value or None for a dash) and its text cells (neither counts,
    percentages nor enumerators), each with its span."""
    vals: list[tuple[int | None, tuple[int, int]]] = []
    texts: list[tuple[str, tuple[int, int]]] = []
    for c in row.cells:
        t = c.text.strip()
        n = count(t)
        if n is not None:
            vals.append((n, (c.start, c.end)))
        elif EMPTY.match(t):
            vals.append((None, (c.start, c.end)))
        elif _PCT_CELL.match(t) or t in ("$",) or _ENUM.match(t):
            continue
        else:
            texts.append((t, (c.start, c.end)))
    return vals, texts


#: Where a description's first sentence ends: a full stop or colon, not after a capital or an
#: abbreviation (written stop first: see ev_text._SENT_END).
_DESC_END = re.compile(r"[.:](?<![A-Z][.:])(?<!\bNo[.:])(?<!\bno[.:])(?<!Inc[.:])(?<!Co[.:])(?<!Corp[.:])(?<!Ltd[.:])(?:\s|$)")
_OUTCOME_TAIL = re.compile(r",?\s+(?:was|were)\s+(?:not\s+)?(?:approved|ratified|adopted|elected|passed)\b.*$", re.I)


def _description(text: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """A proposal's description from a label or a preface paragraph: enumerators ("Item 2.",
    "(ii)") and the words after the first full stop or colon left out."""
    m = _DESC_HEAD.match(text)
    lead = m.end() if m else 0
    body = text[lead:]
    cut = _DESC_END.search(body)
    if cut and cut.start() > 3:
        body = body[: cut.start()]
    body = _OUTCOME_TAIL.sub("", body)
    body = body.strip(" :-–—")
    if not body:  # a bare heading ("(iv) Proposal 1:"): the heading without its enumerator
        body = re.sub(r"^\s*\(?[a-z0-9ivx]{1,4}[.)]\s*", "", text, flags=re.I).strip(" :-–—") or text
    start = span[0] + text.find(body)
    return body, (start, start + len(body))


class _Reader:
    """One pass over the item's rows, building proposals."""

    def __init__(self) -> None:
        self.out: list[_Proposal] = []
        self.header: list[str] | None = None  # count fields of the active header, in order
        self.header_text: tuple[str, tuple[int, int]] | None = None
        self.pending: list[tuple[str, tuple[int, int]]] = []  # paragraphs since the last proposal
        self.vertical: _Proposal | None = None
        self.last_header: Row | None = None  # the header row just read (its next line may continue it)
        self.intro: list[tuple[str, tuple[int, int]]] = []
        self.numbers: dict[int, int] = {}  # group -> the proposal number its heading prints
        self.group = 0
        self.outcomes: dict[int, tuple[str, int, int] | None] = {}
        self.election = False  # the active header's table elects directors (its rows are nominees)
        self.texts: dict[int, list[tuple[str, tuple[int, int]]]] = {}  # group -> paragraphs around it

    def feed(self, row: Row) -> None:
        if not row.table:
            c = row.cells[0]
            if not self._prose(c.text, c.start):
                self._paragraph(c.text, (c.start, c.end))
            return
        fields = [header_field(c.text) for c in row.cells]
        vals, texts = _values(row)
        counted = [f for f in fields if f in COUNTS]
        if self.last_header is not None and not vals and len(row.cells) > 1:
            # a header's second line ("For" under "Votes", "Non-Votes" under "Broker")
            merged = _merge_header(self.last_header, row)
            merged_fields = [header_field(c.text) for c in merged.cells]
            if sum(f in COUNTS for f in merged_fields) >= 2:
                self._new_header(merged, merged_fields, again=True)
                return
        if len(counted) >= 2 and len(vals) <= 1:
            self._new_header(row, fields)
            return
        self.last_header = None
        if counted and not vals and all(f is not None or _ENUM.match(c.text) for f, c in zip(fields, row.cells, strict=True)):
            return
        first = fields[0]
        if first in COUNTS and len(vals) == 1:
            self._vertical(first, vals[0])
            return
        if self.header and vals and len(vals) >= min(2, len(self.header)):
            self._data(row, vals, texts)
            return
        if not vals and (texts or all(_ENUM.match(c.text) for c in row.cells)) and not any(
                self._prose(t, sp[0]) for t, sp in texts):
            # the whole row, an enumerator cell too: "2. | Proposal to ratify ..." opens a proposal
            t = " ".join(c.text for c in row.cells)
            self._paragraph(t, (row.cells[0].start, row.cells[-1].end))

    def _prose(self, text: str, start: int) -> bool:
        """Counts in words: a bullet or line with one ("171,439,767 votes for") adds it to
        the current proposal; a sentence with several is a proposal of its own."""
        pairs = _pairs(text, start)
        if not pairs:
            return False
        if len(pairs) == 1:
            f, v, span = pairs[0]
            self._vertical(f, (v, span))
            return True
        found = _prose(text, start)
        if not found:
            return False
        self.vertical = None
        self._start_group()
        pending = self._pending_description()
        heading = pending if pending is not None and _OPENS.match(pending[0]) and len(found) == 1 else None
        for p in found:
            p.group = self.group
            if (p.description is None or heading is not None) and pending is not None:
                p.description, p.desc_span = _description(*pending)
            self.out.append(p)
        self.pending = []
        return True

    def _paragraph(self, text: str, span: tuple[int, int]) -> None:
        self.last_header = None
        after = self.vertical is not None or (self.out and self.out[-1].group == self.group and not self.pending)
        if after and not _PREFACE.search(text) and not _OPENS.match(text):
            # a paragraph right after a proposal: its result, unless it introduces the next one
            self.texts.setdefault(self.group, []).append((text, span))
            self.vertical = None
            return
        self.vertical = None
        self.pending.append((text, span))

    def _start_group(self) -> None:
        """A new group of proposals (one table, one heading); its result may be stated in
        the paragraphs from its heading on (an opening summary of all proposals is not read)."""
        self.group += 1
        if self.pending:
            opens = [i for i, (t, _) in enumerate(self.pending) if _OPENS.match(t)]
            cut = opens[-1] if opens else len(self.pending) - 1
            self.texts.setdefault(self.group, []).extend(self.pending[cut:])
            num = _NUMBERED.match(self.pending[cut][0]) if opens else None
            if num:
                self.numbers[self.group] = int(num.group(1))
            if self.group == 1:  # what comes before the first proposal: a summary of outcomes, if any
                self.intro = self.pending[:cut]

    def _new_header(self, row: Row, fields: list[str | None], again: bool = False) -> None:
        self.vertical = None
        self.last_header = row
        if again:  # the same header, read whole
            self.header = [f for f in fields if f in COUNTS]
            self.election = self.election or bool(_ELECTION.search(" ".join(row.texts)))
            return
        self._start_group()
        self.header = [f for f in fields if f in COUNTS]
        self.election = bool(_ELECTION.search(" ".join([*row.texts, *(t for t, _ in self.texts.get(self.group, []))])))
        labels = [(c.text, (c.start, c.end)) for c, f in zip(row.cells, fields, strict=True)
                  if f is None and not _ENUM.match(c.text) and header_field(c.text) is None]
        self.header_text = labels[0] if labels else self._pending_description()
        self.pending = []

    def _pending_description(self) -> tuple[str, tuple[int, int]] | None:
        """The paragraph since the last proposal that names the next: the last that opens
        like a proposal ("Proposal 2 - ..."; one before it may be withdrawn), else the last one."""
        return next((p for p in reversed(self.pending) if _OPENS.match(p[0])), self.pending[-1] if self.pending else None)

    def _data(self, row: Row, vals: list[tuple[int | None, tuple[int, int]]], texts: list[tuple[str, tuple[int, int]]]) -> None:
        assert self.header is not None
        if self.pending:  # paragraphs between rows under one header: a new group of proposals
            self.election = self.election or bool(_ELECTION.search(" ".join(t for t, _ in self.pending)))
            self._start_group()
            self.header_text = self._pending_description()
        p = _Proposal(group=self.group)
        result_cells = [(t, s) for t, s in texts if _RESULT_CELL.match(t)]
        labels = [(t, s) for t, s in texts if not _RESULT_CELL.match(t)]
        if labels:
            text, span = labels[0]
            if self.election and _PERSON.match(text) and len(labels) == 1:
                p.nominee = True
                m = _HONORIFIC.match(text)
                if m:
                    text, span = text[m.end():], (span[0] + m.end(), span[1])
                p.description, p.desc_span = text, span
            else:
                p.description, p.desc_span = _description(text, span)
        elif self.header_text is not None:
            p.description, p.desc_span = _description(*self.header_text)
        for f, (v, span) in zip(self.header, vals, strict=False):
            p.counts[f] = v
            p.spans[f] = span
        if result_cells:
            p.result, p.result_span = _result_of(result_cells[0][0]), result_cells[0][1]
        self.out.append(p)
        self.pending = []

    def _vertical(self, f: str, val: tuple[int | None, tuple[int, int]]) -> None:
        p = self.vertical
        freq = {"one_year", "two_years", "three_years"}
        if p is None or f in p.counts or (f in ("for", "against") and freq & set(p.counts)) or (
                f in freq and {"for", "against"} & set(p.counts)):
            self.header = None
            self._start_group()
            p = _Proposal(group=self.group)
            pending = self._pending_description()
            if pending is not None:
                p.description, p.desc_span = _description(*pending)
            self.pending = []
            self.out.append(p)
            self.vertical = p
        p.counts[f], p.spans[f] = val

    def _group_outcome(self, group: int) -> tuple[str, int, int] | None:
        """The outcome the paragraphs of a group state ("not approved" anywhere outweighs an
        "approved"), read once per group."""
        if group not in self.outcomes:
            found = [(r, span[0] + a, span[0] + b) for t, span in self.texts.get(group, [])
                     if (hit := _result_in(t)) for r, a, b in [hit]]
            self.outcomes[group] = next((h for h in found if h[0] == "not_approved"), found[0] if found else None)
        return self.outcomes[group]

    def finish(self) -> list[_Proposal]:
        self.intro = self.intro[:MAX_INTRO]
        said: list[_Said] | None = None  # the summary's outcomes, read when a proposal first asks
        for p in self.out:
            if p.result is not None:
                continue
            if "one_year" in p.counts or "three_years" in p.counts:
                continue
            hit = self._group_outcome(p.group)
            if hit is None:
                said = _summary(self.intro) if said is None else said
                hit = _summary_outcome(said, p, self.numbers.get(p.group))
            if hit is None:
                continue
            r = hit[0]
            if r == "elected" and not p.nominee:
                r = "approved"
            elif r == "approved" and p.nominee:
                r = "elected"
            p.result, p.result_span = r, (hit[1], hit[2])
        return [p for p in self.out if any(v is not None for v in p.counts.values())]


#: Paragraphs before the first proposal read for a summary of outcomes (a summary is one or
#: a few paragraphs; a bound keeps a long preamble from being read once per proposal).
MAX_INTRO = 12
_CLAUSE = re.compile(r"[^;.]+")
_WORD = re.compile(r"[A-Za-z]{4,}")
_STOP = frozenset({"that", "with", "from", "this", "were", "which", "their", "each", "company", "corporation",
                   "shareholders", "stockholders", "shareowners", "meeting", "annual", "vote", "votes", "following",
                   "described", "listed", "below", "above", "herein"})
_NOMINEES = re.compile(r"\b(?:nominees?|directors?)\b", re.I)


def _stems(text: str) -> frozenset[str]:
    return frozenset(w[:5].lower() for w in _WORD.findall(text) if w.lower() not in _STOP)


_NUMBERED = re.compile(r"^\s*(?:(?:item|proposal|matter)\s*(?:no\.?\s*)?)?\(?(\d{1,2})\b", re.I)
_ORDINALS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"])}
_RANGE = re.compile(r"\bproposals?\s+(?:nos?\.?\s*)?(\w+)\s+(?:through|to|-|–)\s+(\w+)", re.I)


def _number(word: str) -> int | None:
    return int(word) if ascii_digits(word) else _ORDINALS.get(word.lower())


def _numbers(clause: str) -> tuple[int, int] | None:
    """The proposal numbers a clause names ("proposals one through four"), first and last."""
    m = _RANGE.search(clause)
    if m is None:
        return None
    lo, hi = _number(m.group(1)), _number(m.group(2))
    return (lo, hi) if lo is not None and hi is not None else None


def _among(numbers: tuple[int, int] | None, number: int | None) -> bool:
    """Whether ``number`` is among the proposal ``numbers`` of a clause (:func:`_numbers`: a
    summary's clauses are read once for all proposals, :func:`_summary`)."""
    return numbers is not None and number is not None and numbers[0] <= number <= numbers[1]


def _outcomes(text: str) -> tuple[tuple[str, int, int, str], ...]:
    """Each outcome a text states, with its span and the words it governs (up to the next):
    "approved proposals one through four and did not approve proposals five and six"."""
    nots = [(m.start(), m.end()) for m in _NOT_APPROVED.finditer(text)]
    hits = [("not_approved", a, b) for a, b in nots]
    for m in _APPROVED.finditer(text):
        if not any(a <= m.start() < b for a, b in nots):
            hits.append(("elected" if "elect" in m.group(0).lower() else "approved", m.start(), m.end()))
    hits.sort(key=lambda h: h[1])
    return tuple((r, a, b, text[b: hits[k + 1][1] if k + 1 < len(hits) else len(text)]) for k, (r, a, b) in enumerate(hits))


class _Said(NamedTuple):
    """An outcome a summary before the proposals states, and what the words it governs name:
    proposal numbers, nominees or directors, the stems of the words."""

    where: tuple[str, int, int]
    numbers: tuple[int, int] | None
    nominees: bool
    stems: frozenset[str]


def _summary(intro: list[tuple[str, tuple[int, int]]]) -> list[_Said]:
    """Each outcome the summary states, in order: read once for all the proposals it may
    give an outcome to (read again for each, its clauses' outcomes and stems were three
    quarters of :meth:`_Reader.finish`, measured on the corpus's 5.07 items)."""
    return [_Said((result, span[0] + c.start() + a, span[0] + c.start() + b), _numbers(obj),
                  bool(_NOMINEES.search(obj)), _stems(obj))
            for text, span in intro for c in _CLAUSE.finditer(text) for result, a, b, obj in _outcomes(c.group(0))]


def _summary_outcome(said: list[_Said], p: _Proposal, number: int | None = None) -> tuple[str, int, int] | None:
    """The outcome a summary before the proposals (:func:`_summary`) gives this one ("the
    shareholders elected all of the nominees; approved the advisory vote on executive
    compensation; did not approve the shareholder proposals"; "approved proposals one through
    four"): the statement naming its number, else (nominees) one about nominees or directors,
    else the one whose words best cover the proposal's description (two words shared at least)."""
    best: tuple[float, tuple[str, int, int]] | None = None
    want = _stems(p.description or "")
    for s in said:
        if _among(s.numbers, number):
            return s.where
        if p.nominee:
            if s.where[0] in ("elected", "approved") and s.nominees:
                best = (9.0, s.where)
            continue
        shared = len(s.stems & want)
        score = shared / len(s.stems) + (0.01 if s.where[0] == "not_approved" else 0)  # a tie: "not approved"
        if shared >= 2 and (best is None or score > best[0]):
            best = (score, s.where)
    return best[1] if best else None


# --- prose ------------------------------------------------------------------------------------

_NUM = r"(\d{1,3}(?:,\d{3})+|\d+)"
_KEY = (r"(for\s+every\s+(?:year|two\s+years|three\s+years)|for\s+(?:one|two|three|1|2|3)[\s-]+years?|for(?!\s+(?:each|every)\s)"
        r"|in\s+favou?r|against|withheld|abstain(?:ed|ing)?|abstentions?|broker\s+non-votes?)")
_PROSE_A = re.compile(r"(?=\d)" + _NUM + r"\s+(?:(?:shares|votes)\s+)?(?:(?:were|was)\s+)?(?:(?:voted|cast)\s+)?" + _KEY + r"\b", re.I)


def _pairs(text: str, start: int) -> list[tuple[str, int | None, tuple[int, int]]]:
    """The (count field, count, span) pairs "<number> votes <for|against|...>" of a text."""
    out = []
    for m in _PROSE_A.finditer(text):
        f = header_field(m.group(2))
        if f in COUNTS:
            out.append((f, count(m.group(1)), (start + m.start(1), start + m.end(1))))
    return out
_PROSE_B = re.compile(r"\b" + _KEY + r"\s*[:\-–—]?\s*" + _NUM + r"\b", re.I)
_LEAD_TAIL = re.compile(r"[\s,:;]*(?:with|as\s+follows|by|of|follows|receiving|received)?[\s,:;]*$", re.I)
_SENTENCE = re.compile(r"[^;.]+(?:\.(?=\d)[^;.]*)*[;.]?")


def _prose(text: str, start: int) -> list[_Proposal]:
    out = []
    for s in _SENTENCE.finditer(text):
        sent = s.group(0)
        pairs = list(_PROSE_A.finditer(sent))
        key_group, num_group = 2, 1
        if len(pairs) < 2:
            pairs, key_group, num_group = list(_PROSE_B.finditer(sent)), 1, 2
        if len(pairs) < 2:
            continue
        p = _Proposal()
        for m in pairs:
            f = header_field(m.group(key_group))
            if f in COUNTS and f not in p.counts:
                p.counts[f] = count(m.group(num_group))
                a = start + s.start() + m.start(num_group)
                p.spans[f] = (a, a + len(m.group(num_group)))
        lead = _LEAD_TAIL.sub("", sent[: pairs[0].start()]).strip(" ,:;")
        hit = _result_in(sent)
        if hit is not None:
            p.result = hit[0]
            p.result_span = (start + s.start() + hit[1], start + s.start() + hit[2])
        if lead:
            a = start + s.start() + sent.find(lead)
            p.description, p.desc_span = lead, (a, a + len(lead))
        out.append(p)
    return out


# --- the reader -------------------------------------------------------------------------------


#: A sentence's end: a full stop before a capital, not after "Inc", "Co", "No" or an initial
#: (written stop first: see ev_text._SENT_END).
_SENT_END = re.compile(r"\.(?<![A-Z]\.)(?<!\bInc\.)(?<!\bCo\.)(?<!\bCorp\.)(?<!\bNo\.)\s+(?=[A-Z(\"“])")
_PERIOD_END = re.compile(r"(?:ending|ended|end\s+of|through|until|expir\w*\s+on)\s*$", re.I)


def _meeting_date(facts: list[Fact], text: str, start: int) -> Fact | None:
    """The date of the sentence that speaks of the meeting (not a fiscal year's end)."""
    for f in facts:
        if f.kind != "date" or not f.value:
            continue
        lo, hi = f.span.start - start, f.span.end - start
        if _PERIOD_END.search(text[max(0, lo - 30):lo]):
            continue
        s0 = max([0, text.rfind("\n", 0, lo), *(m.end() for m in _SENT_END.finditer(text, max(0, lo - 400), lo))])
        m = _SENT_END.search(text, hi)
        s1 = min(m.start() if m else len(text), text.find("\n", hi) % (len(text) + 1))
        if "meeting" in text[s0:s1].lower():
            return f
    return None


def read_votes(view: Any, start: int, end: int, document: int | None, facts: list[Fact]) -> dict[str, Any]:
    """The shareholder_vote attributes of the item at ``[start, end)`` of ``view`` (its
    DocumentView), with a ``_spans`` entry (attribute path -> Span) for the event's
    ``attribute_spans``."""
    a: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    text = view.text[start:end]
    d = _meeting_date(facts, text, start)
    if d is not None:
        a["meeting_date"] = str(d.value)
        spans["meeting_date"] = d.span
    r = _Reader()
    for row in rows_of(view, start, end):
        r.feed(row)
    found = r.finish()
    proposals = []
    for i, p in enumerate(found):
        rec: dict[str, Any] = {}
        if p.description:
            rec["description"] = p.description
            if p.desc_span:
                spans[f"proposals.{i}.description"] = Span.at(p.desc_span[0], p.desc_span[1], document)
        for f in COUNTS:
            if f in p.counts:
                rec[f] = p.counts[f]
                s = p.spans[f]
                spans[f"proposals.{i}.{f}"] = Span.at(s[0], s[1], document)
        rec["result"] = p.result
        if p.result_span:
            spans[f"proposals.{i}.result"] = Span.at(p.result_span[0], p.result_span[1], document)
        proposals.append(rec)
    if proposals:
        a["proposals"] = proposals
    a["_spans"] = spans
    return a


def shareholder_vote(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The event reader (see :data:`eightk.extract.events._READERS`)."""
    view = view_by_sequence(ctx.submission, it.document) if it.end > it.start else None
    if view is None:
        return {}
    return read_votes(view, it.start, it.end, it.document, facts)
