"""Column segments of a block, for either front end.

Plain text lays out the cover page in columns separated by runs of spaces; HTML puts them in
table cells. :func:`segments` gives both as a list of :class:`Seg` (text, column range, span)
so the cover grammar is written once. For table cells the "columns" are the cell index
scaled, so aligning a caption cell with the value cell above works the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eightk.documents.blocks import Block

# SGML markup inside a plain-text line counts as blank columns.
_TAGS = re.compile(r"</?(?:S|C|FN|F\d{1,2}|R|CAPTION|TABLE|PAGE)>", re.I)
# Columns are separated by a tab or three or more spaces (two spaces occur inside values:
# "Suite 2050  San Francisco", "By:  /s/ Name"); two spaces before "(" start a new caption.
_GAP = re.compile(r"\t+|\s{3,}|\s{2}(?=\()")
_CELL_WIDTH = 40
_BLANKS = re.compile(r"\s{2,}")


@dataclass(slots=True)
class Seg:
    text: str
    lo: int  # first column
    hi: int  # column after the last
    start: int  # span in the view text
    end: int


def clean(text: str) -> str:
    """Block text without SGML tags and with white space folded."""
    return " ".join((_TAGS.sub(" ", text) if "<" in text else text).split())  # a tag opens with "<"


def is_folded(text: str) -> bool:
    """Whether ``text`` has its white space folded: no white space at either end, single spaces
    between words. Then neither a tab nor two white-space characters in a row stand in it, so
    no column gap does (``_GAP`` and the signatures' gaps need one of these)."""
    return " ".join(text.split()) == text


def segments(block: Block) -> list[Seg]:
    if block.cells:
        out = []
        for i, c in enumerate(block.cells):
            t = " ".join(c.text.split())
            if t:
                out.append(Seg(t, i * _CELL_WIDTH, i * _CELL_WIDTH + _CELL_WIDTH - 1, c.start, c.end))
        return out
    raw = block.text
    if "<" in raw:  # every tag opens with "<": most lines (all of an HTML view's) hold none
        raw = _TAGS.sub(lambda m: " " * len(m.group()), raw)
    if raw and is_folded(raw):
        # no gap to look for (every HTML paragraph): one segment, what the scan below makes of
        # it, at a third of the cost (0.16 -> 0.056 ms/filing over the corpus's cover blocks)
        return [Seg(raw, block.indent, block.indent + len(raw), block.start, block.start + len(raw))]
    out = []
    pos = 0
    col = block.indent
    for m in _GAP.finditer(raw + "   "):
        piece = raw[pos : m.start()]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            t = piece.strip()
            s = pos + lead
            lo = col + len(raw[:s].expandtabs(8))
            # keep a double space: it separates parts of a value ("Suite 2050  San Francisco")
            out.append(Seg(_BLANKS.sub("  ", t.replace("\t", " ")), lo, lo + len(t), block.start + s, block.start + s + len(t)))
        pos = m.end()
    return out


def best_aligned(target: Seg, candidates: list[Seg]) -> Seg | None:
    """The candidate lying best above/below ``target``: most overlap, then nearest centre (the
    first of equals). Compared as ints, twice the centres: the same order as the float centres
    (a loop, a third of the cost of ``max`` with a key of tuples, measured over the corpus's
    cover values)."""
    best = None
    best_ov = best_off = 0
    lo, hi, twice = target.lo, target.hi, target.lo + target.hi
    for c in candidates:
        ov = min(c.hi, hi) - max(c.lo, lo)  # the columns they share
        off = abs(c.lo + c.hi - twice)
        if best is None or ov > best_ov or ov == best_ov and off < best_off:
            best, best_ov, best_off = c, ov, off
    return best
