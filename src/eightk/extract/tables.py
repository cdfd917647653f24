"""Tables as the event readers need them: rows of cells with spans, from a document's block view.

HTML tables come from the documents layer as blocks of kind ``"row"`` with their cells (see
:mod:`eightk.documents.blocks`); plain-text tables are column-aligned lines, split here into
cells at runs of two or more spaces (or a tab). Either way a :class:`Row` holds only the cells
that print something, each with its span in the view text, so readers match cells by what
they say (header words, numbers), never by position in the markup: HTML tables spread one
printed column over several ``<td>`` (a "$" cell, an empty spacer), which positions would
count.

Numbers: :func:`count` reads an integer count ("1,234,567"); :func:`amount` a figure of a
financial table ("(1,234.5)" is negative); a dash or "N/A" is an empty cell (:data:`EMPTY`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eightk.documents.blocks import Block, Cell


@dataclass(slots=True)
class Row:
    """A table row (or a paragraph, ``cells`` holding one cell) of a view, in document order."""

    cells: list[Cell]
    start: int
    end: int
    table: bool  # a row of a table (HTML row, or a plain-text line with several columns)
    #: each cell's column: its index among the row's cells, empty ones counted (HTML: cells of
    #: successive rows align), or its character column in the line (plain text)
    cols: list[int]
    html: bool = False  # an HTML row: ``cols`` are cell indexes, equal in a column

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


#: Column gaps of a plain-text table line: two or more spaces, or a tab.
_GAP = re.compile(r"[ \t]{2,}|\t")


def _fold(text: str) -> str:
    """``text`` stripped, each run of white space one space (str.split's white space is the
    regex engine's ``\\s``: the same characters; a third of the cost of a substitution)."""
    return " ".join(text.split())


def _line_cells(b: Block) -> list[Cell]:
    cells = []
    pos = 0
    for m in [*_GAP.finditer(b.text), None]:
        end = m.start() if m else len(b.text)
        piece = b.text[pos:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            t = piece.strip()
            cells.append(Cell(text=t, start=b.start + pos + lead, end=b.start + pos + lead + len(t)))
        pos = m.end() if m else pos
    return cells


def _block_row(b: Block) -> Row | None:
    if b.kind == "row" and b.cells is not None:
        # one pass over the cells, most of them empty padding (a fifth faster than filtering
        # pairs first; ``isspace`` is the white space ``strip`` removes). A cell whose text is
        # folded already (most are) is the view's Cell itself: nothing changes a Cell once
        # made, and the Row holds an equal one (making them was a third of this, measured)
        cells: list[Cell] = []
        cols: list[int] = []
        for i, c in enumerate(b.cells):
            t = c.text
            if t and not t.isspace():
                folded = " ".join(t.split())
                cells.append(c if folded == t else Cell(folded, c.start, c.end))
                cols.append(i)
        if not cells:
            return None
        return Row(cells, b.start, b.end, True, cols, html=True)
    if b.kind not in ("line", "paragraph") or not b.text.strip():
        return None
    if b.kind == "line":
        cells = _line_cells(b)
        if len(cells) > 1:
            return Row(cells, b.start, b.end, True, [c.start - b.start for c in cells])
    t = b.text.strip()
    lead = len(b.text) - len(b.text.lstrip())
    cell = Cell(text=_fold(t), start=b.start + lead, end=b.start + lead + len(t))
    return Row([cell], b.start, b.end, False, [lead])


def view_by_sequence(sub: Any, sequence: int | None) -> Any:
    """The block view (DocumentView) of the document ``sequence`` of the Submission ``sub``,
    memoised on it; None when there is no such document or view."""
    if sub is None or sequence is None:
        return None
    from eightk.documents import view_of

    doc = next((d for d in sub.documents if d.sequence == sequence), None)
    return view_of(sub, doc) if doc is not None else None


def rows_of(view: Any, start: int, end: int) -> Iterator[Row]:
    """The rows and paragraphs of ``view`` (a DocumentView) that start in ``[start, end)``."""
    blocks: list[Block] = view.blocks
    for b in blocks[_first_at(blocks, start):]:
        if b.start >= end:
            break
        if b.hidden:
            continue
        r = _block_row(b)
        if r is not None:
            yield r


#: A block as :func:`row_heads` gives it: (block, a table row?, its first cell's text as
#: printed, its Row when already made).
RowHead = tuple[Block, bool, str, "Row | None"]


def row_heads(view: Any, start: int, end: int) -> Iterator[RowHead]:
    """The blocks :func:`rows_of` makes Rows of, without making them: an HTML row is a table
    row when a cell prints something, a paragraph a non-table row when it does (the rule of
    :func:`_block_row`). For readers that look at most blocks' first cells only (measured on
    the earnings reader: making every Row was half the cost of reading a release's figures);
    :func:`row_of_head` makes the Row of one."""
    blocks: list[Block] = view.blocks
    for k in range(_first_at(blocks, start), len(blocks)):
        b = blocks[k]
        if b.start >= end:
            break
        if b.hidden:
            continue
        if b.kind == "row" and b.cells is not None:
            # the first cell that prints something (a loop: a generator per row cost a fifth
            # of this reading, measured; ``isspace`` is the white space ``strip`` removes)
            for c in b.cells:
                t = c.text
                if t and not t.isspace():
                    yield b, True, t, None
                    break
        elif b.kind == "paragraph":
            if b.text.strip():
                yield b, False, b.text, None
        else:
            r = _block_row(b)
            if r is not None:
                yield b, r.table, r.cells[0].text, r


def row_of_head(head: RowHead) -> Row:
    """The Row of a block :func:`row_heads` gave."""
    r = head[3] if head[3] is not None else _block_row(head[0])
    assert r is not None  # row_heads gives only the blocks that make one
    return r


def head_text(head: RowHead) -> str:
    """The text of the first cell of the Row of a block :func:`row_heads` gave, without
    making the Row (an HTML row's cell text and a paragraph's text are folded as
    :func:`_block_row` folds them)."""
    return head[3].cells[0].text if head[3] is not None else " ".join(head[2].split())


def _first_at(blocks: list[Block], start: int) -> int:
    lo, hi = 0, len(blocks)
    while lo < hi:
        mid = (lo + hi) // 2
        if blocks[mid].start < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


#: A cell printing nothing but a dash or "n/a": a value the table leaves empty.
EMPTY = re.compile(r"^(?:[-‐‑‒–—―*]+|n/?a|none|nil|0?-0?)$", re.I)
_COUNT = re.compile(r"^\(?\s*(\d{1,3}(?:[,.\s]\d{3})+|\d+)\s*\)?\*?$")
_SEPARATOR = re.compile(r"[,.\s]")  # between a count's groups of digits
_AMOUNT = re.compile(r"^(?P<neg1>-|–|—)?\s*(?P<cur>[$€£¥]|US\$|C\$)?\s*(?P<open>\()?\s*(?P<cur2>[$€£¥])?\s*"
                     r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<close>\))?\s*%?$")


def count(text: str) -> int | None:
    """An integer count as printed ("1,234,567", "1 234 567", "1.234.567"); None otherwise."""
    m = _COUNT.match(text.strip())
    if not m:
        return None
    # (groups of digits between commas, most counts, need no substitution: a third of the time)
    g = m.group(1)
    digits = g.replace(",", "")
    return int(digits if digits.isdecimal() else _SEPARATOR.sub("", g))


def amount(text: str) -> float | None:
    """A figure of a financial table: "1,234.5", "$ (12)", "(0.35)" (negative), "-3"."""
    t = text.strip().replace(" ", "")
    m = _AMOUNT.match(t)
    if not m:
        return None
    v = float(m.group("num").replace(",", ""))
    if m.group("open") or m.group("neg1"):
        v = -v
    return v
