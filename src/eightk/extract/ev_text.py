"""Text helpers the structured event readers share (ev_accounting, ev_distress): sentences of an
item, spans of what a reader found, and the date facts of a stretch of the item.

A reader works on the item's text (``ItemRef.text``, offsets relative to it); what it hands back
as evidence are :class:`~eightk.model.Span` in the document's offsets, as facts' spans are.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from eightk.extract.hits import matches_at
from eightk.extract.numbers import by_first_letter
from eightk.model import Fact, Span

if TYPE_CHECKING:  # events imports the readers, so the readers import events only for types
    from eightk.extract.events import ItemRef

#: Where a sentence ends: a full stop, semicolon or colon before a capital, an opening bracket
#: or quote, or a list marker - but not after an initial or an abbreviation ("L.L.P.", "Inc.",
#: "No.", "U.S."); and at a blank line.
#:
#: The sentence ends of the readers are written stop first, the look-behinds after it, each
#: taking the stop in ("[.;:](?<!\bInc[.;:])" is "(?<!\bInc)[.;:]"): the same matches, but the
#: engine skips to a stop (a literal or a set) where it tried every look-behind at every
#: character before (measured on the corpus's 5.02 items, 91,000 characters: a scan for the
#: deals' sentence ends 14 ms, now 0.8).
_SENT_END = re.compile(
    r"[.;:](?<![A-Z]\.[A-Z][.;:])(?<!\b[A-Z][.;:])(?<!\bInc[.;:])(?<!\bCo[.;:])(?<!\bNo[.;:])(?<!\bMr[.;:])"
    r"(?<!\bMs[.;:])(?<!\bDr[.;:])(?<!\bSt[.;:])(?=\s+[A-Z(\"“•·\-–—])|\n[ \t]*\n"
)


#: How much of an item the readers look at: the statements an item must make come first; a
#: pasted exhibit or table after them adds cost, not answers.
READ_CHARS = 20_000


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentences of ``text`` as ``(start, end)`` offsets, blank stretches left out."""
    out = []
    lo = 0
    for m in _SENT_END.finditer(text):
        out.append((lo, m.end()))
        lo = m.end()
    out.append((lo, len(text)))
    trimmed = []
    for s, e in out:
        body = text[s:e]
        if body.strip():
            trimmed.append((s + len(body) - len(body.lstrip()), e))
    return trimmed


def sentence_around(text: str, pos: int, ends: re.Pattern[str], back: int | None = None) -> tuple[int, int]:
    """The sentence of ``text`` around offset ``pos``: from the last match of ``ends`` before it
    (looked for in the ``back`` characters before ``pos`` when given; the text's start when none is
    found) to one past the start of the next. Each reader passes its own ``ends``: what closes a
    sentence differs with what it reads (a deal names "Corp." and "Ltd.", a board "Mr.")."""
    lo = 0
    for m in ends.finditer(text, max(0, pos - back) if back else 0, pos):
        lo = m.end()
    end = ends.search(text, pos)
    return lo, (end.start() + 1 if end else len(text))


def sentence_at(sents: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    """The sentence of ``sents`` that holds offset ``pos`` (the one before, if ``pos`` falls
    between two)."""
    i = bisect.bisect_right(sents, (pos, len(sents) and sents[-1][1] + 1)) - 1
    return sents[max(i, 0)] if sents else (0, 0)


def span(it: ItemRef, start: int, end: int) -> Span:
    """The document span of ``[start, end)`` of the item's text (trimmed of white space)."""
    text = it.text[start:end]
    start += len(text) - len(text.lstrip())
    end -= len(text) - len(text.rstrip())
    return Span.at(it.start + start, it.start + max(start, end), it.document)


def dates_in(it: ItemRef, facts: list[Fact], start: int, end: int) -> list[Fact]:
    """The valid date facts printed in ``[start, end)`` of the item's text, in order."""
    lo, hi = it.start + start, it.start + end
    return sorted(
        (f for f in facts if f.kind == "date" and f.value is not None and lo <= f.span.start < hi),
        key=lambda f: f.span.start,
    )


class Found:
    """The attributes a reader found and their spans (``Found.out()`` is what a reader returns)."""

    def __init__(self, it: ItemRef) -> None:
        self.it = it
        self.attrs: dict[str, Any] = {}
        self.spans: dict[str, Span] = {}

    def set(self, key: str, value: Any, start: int, end: int) -> None:
        """Set ``key`` read from ``[start, end)`` of the item's text."""
        self.attrs[key] = value
        self.spans[key] = span(self.it, start, end)

    def add(self, key: str, value: Any, start: int, end: int) -> None:
        """Append ``value`` to the list ``key``; its span goes under ``key.<index>``."""
        items = self.attrs.setdefault(key, [])
        self.spans[f"{key}.{len(items)}"] = span(self.it, start, end)
        items.append(value)

    def set_fact(self, key: str, value: Any, fact: Fact) -> None:
        """Set ``key`` read from a fact (its span is the evidence)."""
        self.attrs[key] = value
        self.spans[key] = fact.span

    def out(self) -> dict[str, Any]:
        from eightk.extract.events import SPANS_KEY

        return {**self.attrs, SPANS_KEY: self.spans} if self.attrs else {}


# --- word-start patterns, searched fast --------------------------------------------------------
#
# Python's engine skips ahead to where a match may start only when a pattern starts with a
# literal or a set of letters; one that starts with "\b" is tried at every position (several
# times slower on a page of text). "\bresign" is the same pattern as "r(?<!\w.)esign": the
# boundary before a letter, checked after it (the character before the letter is no word
# character), which the engine then skips to.

_LOOK_BACK = r"(?<!\w.)"
_LETTER = re.compile(r"[A-Za-z](?![?*+{])")


def _close(s: str, i: int) -> int:
    """The index of the bracket that closes the one opening at ``s[i]``, or -1."""
    depth, in_class, j = 0, False, i
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            j += 1 if s[j + 1 : j + 2] == "]" else 0
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return -1


def _top_alternatives(s: str) -> list[str]:
    """``s`` split at its ``|`` outside brackets (``s`` is balanced)."""
    parts, last, j = [], 0, 0
    while j < len(s):
        c = s[j]
        if c == "\\":
            j += 2
            continue
        if c in "([":
            end = _close(s, j) if c == "(" else s.find("]", j + 2)
            if end < 0:
                return [s]
            j = end + 1
            continue
        if c == "|":
            parts.append(s[last:j])
            last = j + 1
        j += 1
    parts.append(s[last:])
    return parts


def _letter_first(p: str) -> list[str] | None:
    """``p`` as alternatives tried in the same order that each start with a letter: a leading
    group's alternatives each followed by the rest (an optional group's, then the rest alone);
    a negative look-behind of plain text before the letter moves after it; None when ``p`` does
    not start so (a class, a repeated group)."""
    if _LETTER.match(p):
        return [p]
    if p.startswith("(?<!"):  # a look-behind before the letter, moved after it
        end = _close(p, 0)
        body = p[4:end]
        more = _letter_first(p[end + 1 :]) if end > 0 and not any(c in body for c in "|()[]?*+{}") else None
        return None if more is None else [a[0] + "(?<!" + body + a[0] + ")" + a[1:] for a in more]
    if not p.startswith("(?:"):
        return None
    end = _close(p, 0)
    if end < 0:
        return None
    optional = p[end + 1 : end + 2] == "?" and p[end + 2 : end + 3] not in ("?", "+")
    if p[end + 1 : end + 2] in ("*", "+", "{") or (p[end + 1 : end + 2] == "?" and not optional):
        return None
    rest = p[end + 2 :] if optional else p[end + 1 :]
    out: list[str] = []
    for a in [*_top_alternatives(p[3:end]), *([None] if optional else [])]:
        more = _letter_first(rest if a is None else a + rest)
        if more is None:
            return None
        out += more
    return out


#: More alternatives than this from one pattern, or more first letters (the engine then skips
#: little, and tries many alternatives where it stops): the pattern is left as written.
_MAX_ALTERNATIVES = 64
_MAX_LETTERS = 8


def word_start(pattern: str) -> str:
    """``pattern`` (whose alternatives each start with ``\\b`` and a letter) in a form the engine
    searches fast: alternatives that each start with a letter, the boundary checked after it.
    The pattern unchanged when it is not of that form, or has groups (they would be repeated)."""
    if re.compile(pattern).groups:
        return pattern
    out: list[str] = []
    for alt in _top_alternatives(pattern):
        fast = _letter_first(alt[2:]) if alt.startswith(r"\b") else None
        if fast is None or len(out) + len(fast) > _MAX_ALTERNATIVES:
            return pattern
        out += fast
    return _by_letter(out) if len({a[0] for a in out}) <= _MAX_LETTERS else pattern


def word_heads(pattern: str) -> tuple[str, ...] | None:
    """The words a match of ``pattern`` starts with (``pattern`` as :func:`word_start` takes
    it, its alternatives each starting with ``\\b`` and a letter): of each alternative, its
    letters up to its first other element (a look-behind, of no width, is passed over), less
    those another of them starts; None when an alternative does not start so."""
    heads: list[str] = []
    for alt in _top_alternatives(pattern):
        fast = _letter_first(alt[2:]) if alt.startswith(r"\b") else None
        if fast is None:
            return None
        for a in fast:
            head, i = "", 0
            while i < len(a):
                if a[i].isalpha() and a[i + 1 : i + 2] not in ("?", "*", "+", "{"):
                    head += a[i]
                    i += 1
                elif a.startswith(("(?<!", "(?<="), i):
                    i = _close(a, i) + 1
                else:
                    break
            heads.append(head)
    # a head that starts with another ("finding", "find") starts where that one does: one
    # substring search fewer (each a pass over the text)
    return tuple(h for h in dict.fromkeys(heads) if not any(h != g and h.startswith(g) for g in heads))


def find_at_heads(rx: re.Pattern[str], text: str, heads: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)`` when each match starts with one of ``heads``
    (:func:`word_heads`): ``rx`` is tried only where a head starts (found by substring search),
    in order, from the end of the last match on. For patterns whose first letters are common
    ones: the engine tries them at each of those letters (measured on the corpus's 5.02 items:
    _all_cues in two thirds of the time, 7.6 ms from 11.7)."""
    starts = set()
    for h in heads:
        p = text.find(h)
        while p >= 0:
            starts.add(p)
            p = text.find(h, p + 1)
    return matches_at(rx, text, starts)


def _by_letter(alternatives: list[str]) -> str:
    """The alternatives (each a letter and the rest) grouped by their first letter, in the
    order of each letter's first alternative: "s(?<!\\w.)(?:tep|eparat)|d(?<!\\w.)(?:...)". The
    same pattern: at one position only the alternatives of the letter there can match, and
    they keep their order; the engine then tries one alternative a letter where it stops,
    not each (measured: the officer cues of a dozen alternatives searched in three quarters
    of the time)."""
    letters = {a[0] for a in alternatives}
    if len({c.lower() for c in letters}) < len(letters):  # "S" and "s": both may match at one place (re.I)
        return "|".join(a[0] + _LOOK_BACK + a[1:] for a in alternatives)
    return by_first_letter(alternatives, _LOOK_BACK)
