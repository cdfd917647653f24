"""The common currency of the extractors: a :class:`Hit` is a fact before it is placed.

Extractors are pure functions ``text -> list[Hit]`` with offsets into the text they were
given; :mod:`eightk.extract` turns hits into :class:`~eightk.model.Fact` s with the
document sequence and the item the span falls in.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eightk.compiled import compiled

#: the compiled scans (:mod:`eightk.containers._cfind`), when built: the same places, found in C
_CFIND = compiled("eightk.containers._cfind")


@dataclass(slots=True)
class Hit:
    kind: str
    start: int
    end: int
    text: str
    value: Any = None
    unit: str | None = None
    per: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    #: a problem in the source found while reading this hit: (code, message)
    problem: tuple[str, str] | None = None


class Needled:
    """An anchor pattern whose matches are found from strings every match of it holds: the
    ``needles``, each with how far before it a match starts. ``finditer`` gives what
    ``rx.finditer`` gives (a match is tried where a needle puts its start, in text order, and
    never inside the previous match), provided every match of ``rx`` is non-empty and holds
    one of the needles that far from its start. Anchors start with a class of first letters
    ("[Dd]ollars"), common letters at each of which the engine tries the whole pattern; a
    string search (``str.find``) for "ollar" passes them over in C (measured on the corpus:
    the anchors of currency names, share counts, notes, stock classes, warrants and periods
    read in about half the time). Keep the needles in step with the pattern
    (``tests/test_extract_first_letters.py`` checks them).

    Given the text lower-cased (``low``, see :func:`lowered`), a needle and its capitals
    ("ollar", "OLLAR") are one search of the lower case: the starts found are more (an "oLLar"
    too), which only adds places where the pattern is tried and fails. The needles are ASCII
    (the lowered text has "?" for every other character). (Measured on the
    corpus: the six Needled anchors read in 234 us a filing instead of 313, the lower-casing
    included; they were a sixth of fact extraction.)"""

    __slots__ = ("rx", "needles", "folded", "plain", "cased", "searches", "first")

    def __init__(self, rx: re.Pattern[str], needles: tuple[tuple[str, int], ...]) -> None:
        if not all(n.isascii() for n, _ in needles):
            raise ValueError("the needles are searched in lowered(text), where every other character is '?'")
        self.rx = rx
        self.needles = needles
        # the needles whose lower case is a needle too are searched in the lower-cased text
        # (one search for "ollar" and "OLLAR"); a needle alone in its case ("DS": "ds" is in
        # "funds") in the text itself
        own = {n for n, _ in needles}
        self.folded = _by_needle((n.lower(), b) for n, b in needles if n.lower() in own)
        self.plain = _by_needle((n, b) for n, b in needles if n.lower() not in own)
        self.cased = _by_needle(needles)
        # what _cfind.needle_starts reads: each needle lower-cased, as bytes, with its case
        # when it is searched in that case alone
        self.searches = tuple((n.encode(), b, None) for n, b in self.folded) + tuple(
            (n.lower().encode(), b, n) for n, b in self.plain)
        self.first = _first_chars(rx)

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """``rx.finditer(text)``; ``low``: ``text`` lower-cased as :func:`lowered` gives it."""
        if low is not None and _CFIND is not None:
            # in C: 60 us a filing on the corpus for the seven Needled anchors, where the
            # str.find loops below took 204 (measured alternated on the texts of the 153 filings);
            # and only where the pattern's first character stands, where rx.match costs ~0.3 us
            starts: Iterable[int] = _CFIND.needle_starts(low, text, self.searches, self.first)
        else:
            starts = self._starts(((text, self.cased),) if low is None else ((low, self.folded), (text, self.plain)))
        yield from matches_at(self.rx, text, starts)

    @staticmethod
    def _starts(searches: tuple[tuple[str, tuple[tuple[str, tuple[int, ...]], ...]], ...]) -> set[int]:
        """Where each needle stands in its haystack, less each of its distances back."""
        starts: set[int] = set()
        add = starts.add
        for hay, needles in searches:
            find = hay.find
            for needle, backs in needles:
                i = find(needle)
                while i >= 0:
                    for back in backs:
                        add(i - back)
                    i = find(needle, i + 1)
        return starts


def _first_chars(rx: re.Pattern[str]) -> bytes | None:
    """The characters a match of ``rx`` starts with, when its pattern opens with a class of ASCII
    characters, taken once, every match starting there (no "|" outside a group), and is read in
    one case ("[DdEe]ollars"); else None."""
    head = re.match(r"\[([^]\\^\[]+)\](?![?*+{])", rx.pattern)
    if head is None or rx.flags & re.IGNORECASE or not head.group(0).isascii():
        return None  # (read in either case, a class also takes characters that are not ASCII: "K")
    # the rest of the pattern, less its escapes and classes, holds no "|" outside parentheses
    depth = 0
    for part in re.findall(r"\\.|\[(?:\\.|[^]\\])*\]|.", rx.pattern[head.end() :], re.S):
        depth += (part == "(") - (part == ")")
        if part == "|" and depth == 0:
            return None
    opens = re.compile(head.group(0))
    return bytes(c for c in range(128) if opens.match(chr(c)))


def matches_at(rx: re.Pattern[str], text: str, starts: Iterable[int]) -> Iterator[re.Match[str]]:
    """The matches of ``rx`` tried at ``starts`` (places where a match may start) in order, each
    from the end of the last match on: ``rx.finditer(text)`` when every match starts at one of
    them (see :class:`Needled`, and :func:`eightk.extract.ev_text.find_at_heads`)."""
    last = 0
    match = rx.match
    for p in sorted(starts):
        if p >= last and (m := match(text, p)):
            yield m
            last = m.end()


def _by_needle(needles: Iterable[tuple[str, int]]) -> tuple[tuple[str, tuple[int, ...]], ...]:
    """Each needle once, with every distance back it is given with: one search of "cent" finds
    the "percent" and the "per cent" before it."""
    backs: dict[str, dict[int, None]] = {}
    for needle, back in needles:
        backs.setdefault(needle, {})[back] = None
    return tuple((needle, tuple(b)) for needle, b in backs.items())


#: Each ASCII byte as its kind: "A" a capital, "a" another word character (a small letter, a
#: digit, "_"), " " anything else; every other byte as " " (see :class:`CapitalWords`).
_CASE_KINDS = bytes(
    ord("A") if 65 <= c <= 90 else ord("a") if c < 128 and (chr(c).isalnum() or c == 95) else 32 for c in range(256)
)


#: Three capitals ending a word, in the kinds of :data:`_CASE_KINDS` (one pass of the engine,
#: a literal it searches as ``bytes.find`` does, without a call a place).
_THREE_CAPITALS = re.compile(rb"AAA ")


class CapitalWords:
    """An anchor ``rx`` every match of which is three ASCII capitals that end a word ("USD",
    the "USD" of "XUSD"): ``finditer`` gives what ``rx.finditer`` gives, trying ``rx`` only
    where three capitals stand before a character that is no ASCII letter, digit or "_", and
    only when the last two are one of ``tails``. Such an anchor starts with "[A-Z]", a class of
    letters common enough that the engine tries the pattern at every capital of the text; the
    places are found instead from a copy of the text with each character as its kind (one
    byte each: ASCII-encoded, other characters replaced, so that offsets stay those of the
    text), searched for "AAA " in C. (Measured on the corpus: the currency codes' anchor in
    about half the time.)"""

    __slots__ = ("rx", "tails")

    def __init__(self, rx: re.Pattern[str], tails: frozenset[str]) -> None:
        self.rx = rx
        self.tails = tails

    # the pattern's source and flags, as a pattern's (tests read an anchor's pattern from them)
    @property
    def pattern(self) -> str:
        return self.rx.pattern

    @property
    def flags(self) -> int:
        return self.rx.flags

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """``rx.finditer(text)`` (``low`` is not used)."""
        match, tails = self.rx.match, self.tails
        # (the runs found are 4 apart at least, and rx's matches are 3 long: none overlap)
        for i in capital_runs(text):
            if text[i + 1 : i + 3] in tails and (m := match(text, i)):
                yield m


def capital_runs(text: str) -> list[int]:
    """Where three ASCII capitals end a word in ``text`` (before a character that is no ASCII
    letter, digit or "_", or the end), in order: the places :class:`CapitalWords` tries. (In C
    where built: 7 us a filing on the corpus against 60 for the copy and the regex below.)"""
    if _CFIND is not None:
        return _CFIND.capital_runs(text)
    kinds = text.encode("ascii", "replace").translate(_CASE_KINDS) + b" "
    return [run.start() for run in _THREE_CAPITALS.finditer(kinds)]


def lowered(text: str) -> str:
    """``text`` with its ASCII letters lower-cased and each other character that is not ASCII
    made "?": one character for each, at its offset. What the needles of :class:`Needled`
    anchors are searched in: they are ASCII, and so are the characters of their patterns'
    matches where they stand. (Made by the ASCII codec and ``bytes.lower``, in C: ``str.lower``
    looks up every character's case in Unicode's tables, 39 us a filing on the corpus against
    11, and gives text of two-byte characters when there are curly quotes, where the needles
    were searched a tenth slower. In C where built, in one pass: 9 us a filing against 38.)"""
    if _CFIND is not None:
        return _CFIND.lowered(text)
    return text.encode("ascii", "replace").lower().decode("ascii")


def lazy(source: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """``re.compile(source, flags)``, made on the first call and kept (a memo of a pure
    function). For the full patterns of the finders: each takes 0.5-7 ms to compile, a cost
    every start of the command would pay at import, while a text calls for one only when it
    holds that pattern's anchor (a legacy text filing often holds no percent sign, no currency
    code, no "Court")."""
    return functools.cache(functools.partial(re.compile, source, flags))


def scan(
    rx: re.Pattern[str] | Callable[[], re.Pattern[str]], text: str, anchor: re.Pattern[str] | Needled | CapitalWords,
    before: int, after: int, low: str | None = None, needs: str | None = None,
) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)``, but only in windows around the matches of a cheap ``anchor``
    (a currency sign, a month name...). The full patterns start with optional parts that
    Python's regex engine retries at every character; anchoring keeps extraction far cheaper
    than the parse it follows. Windows are merged, so a match is never reported twice.

    Anchors are written to start with a character class ("[JFMASOND](?:an|eb|...)" rather
    than "Jan|Feb|..."): the regex engine then skips non-candidate characters in C, which
    makes an anchor pass several times faster than a plain alternation (and an anchor whose
    first letters are common ones faster still found from its :class:`Needled` strings). For
    the same reason a full pattern whose alternatives start with optional parts is best
    preceded by a check of the characters a match can start with (``(?=[A-Z\\d]|con|...)``, see the stock and people
    patterns): the engine then skips the alternatives at every other character of a window.

    ``rx`` may be a function giving the pattern (see :func:`lazy`): it is called at the first
    window, so a text without the anchor never compiles the pattern. ``low``: the text
    lower-cased, for a :class:`Needled` anchor (see there). ``needs``: a string every match of
    ``rx`` holds (the "%" of "7.25% Senior Notes"): a text or a window without it is not read
    (a string search, where the pattern would be tried at every character of the window)."""
    if needs is not None and needs not in text:
        return
    finditer = None
    for lo, hi in windows(text, anchor, before, after, low):
        if needs is not None and text.find(needs, lo, hi) < 0:
            continue
        if finditer is None:
            finditer = (rx if isinstance(rx, re.Pattern) else rx()).finditer
        yield from finditer(text, lo, hi)


def windows(
    text: str, anchor: re.Pattern[str] | Needled | CapitalWords, before: int, after: int, low: str | None = None
) -> Iterator[tuple[int, int]]:
    """The merged ``[lo, hi)`` windows :func:`scan` reads: ``before`` characters before each
    match of ``anchor`` to ``after`` characters past it, overlapping ones joined. In order."""
    lo = hi = -1
    n = len(text)
    # (a loop over every anchor match, a few dozen a filing: one span() call, and comparisons
    # where max() and min() were calls; measured on the corpus, a third of this loop's time)
    for a in anchor.finditer(text) if isinstance(anchor, re.Pattern) else anchor.finditer(text, low):
        s, e = a.span()
        s, e = (s - before if s > before else 0), (e + after if e + after < n else n)
        if s <= hi:
            if e > hi:
                hi = e
            continue
        if hi > lo:
            yield lo, hi
        lo, hi = s, e
    if hi > lo:
        yield lo, hi


class Hits(list):  # list[Hit]
    """The hits of one finder. A finder given a ``limit`` may stop once it has that many; it
    then sets ``horizon``: every hit that starts before that offset is in the list (what lies
    at or after it was not read). None: the finder read the whole text."""

    horizon: int | None = None


def stopped(hits: list[Hit], horizon: int | None) -> Hits:
    """``hits`` with their ``horizon`` (None: complete); the list itself when it is a Hits."""
    out = hits if isinstance(hits, Hits) else Hits(hits)
    out.horizon = horizon
    return out


def horizon_of(*parts: list[Hit]) -> int | None:
    """The nearest horizon of several finders' hits: below it, all of them are complete."""
    found = [p.horizon for p in parts if isinstance(p, Hits) and p.horizon is not None]
    return min(found) if found else None


def full(limit: int | None, hits: list[Hit]) -> bool:
    """Whether a finder has its ``limit`` of hits and should stop."""
    return limit is not None and len(hits) >= limit
