"""Earnings figures: revenue, net income and diluted EPS from the press release's income statement.

The table read is the first one of the attached press release (EX-99.x, else the item's own
text) that has a net income row and a diluted per-share row: the
statement of operations, or a summary table of reported results. Rows are found by their
labels ("Total net sales", "Net income attributable to ...", "Diluted earnings per share",
a "Diluted" row under "Earnings per share"), never by position. Of the figure columns the
first two are the period and its comparable prior period; which is which comes from the years
printed above them (press releases print "2023 2022" or "2022 2023"). The scale printed with
the table ("in millions, except per share data") is applied to revenue and net income, so the
values stored are in units of the currency; parenthesised figures are negative.

Cost: exhibits past the fact reader's size cap (:data:`eightk.extract.MAX_EXHIBIT_BYTES`) have
no view. For those the markup is searched for the table (a ``<table>`` holding "diluted", net
income and revenue), and the view is built of the markup up to that table's end only: the
view of a prefix is the prefix of the view, so spans stay offsets into the exhibit's view text.
An ASCII exhibit is searched in its bytes, and only that prefix of it is decoded.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from eightk.documents.blocks import Cell
from eightk.extract.tables import EMPTY, Row, RowHead, amount, head_text, row_heads, row_of_head
from eightk.model import Fact, Span

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

#: Exhibits up to this size are viewed whole (the fact reader has usually built the view).
WHOLE_VIEW_BYTES = 128 << 10
#: A larger exhibit is viewed up to its statement's end only when that end is this near its
#: start: the development corpus's releases reach it within 600 KB; past a few MB an "exhibit"
#: is a data dump, whose view would cost more than the whole parse.
MAX_PREFIX_CHARS = 4 << 20

_FOOTNOTE = re.compile(r"\(\s*\d{1,2}\s*\)|(?<=[a-z])\d{1,2}\b|[*†‡]|\breported\b|\bgaap\b", re.I)
_REVENUE = re.compile(r"^(?:total\s+)?(?:net\s+)?(?:operating\s+)?(?:revenues?|sales)(?:,?\s*net)?"
                      r"(?:\s+and\s+(?:other\s+)?(?:revenues?|income))?$")
_NET_INCOME = re.compile(
    r"^(?:consolidated\s+)?(?:net\s+(?:income|earnings|loss|\(loss\))|(?:net\s+)?profit)"
    r"(?:\s*[/(]\s*\(?(?:loss|income|earnings)\)?)?"
    r"(?P<attr>\s+(?:attributable|applicable|available)\s+to\s+(?P<whom>.*))?$")
_DILUTED = re.compile(r"\bdiluted\b|\bdilution\b")
_TRAILING_MARK = re.compile(r"\s+\d{1,2}$")  # a footnote number after a label
_NOT_NET_INCOME = re.compile(r"non-?controlling|per\s+share")
_EPS_CONTEXT = re.compile(r"per\s+(?:common\s+)?share|\beps\b|\blps\b")
_SHARES = re.compile(r"\bshares\b|weighted|average")
_YEAR = re.compile(r"(?:^|\D)((?:19|20)\d\d)$")
_SCALE = re.compile(r"\bin\s+(thousands|millions|billions)\b", re.I)
_SCALES = {"thousands": 1_000, "millions": 1_000_000, "billions": 1_000_000_000}
_CURRENCY = (("US$", "USD"), ("C$", "CAD"), ("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY"))


#: What every match of :data:`_FOOTNOTE` holds besides "reported" and "gaap": most labels hold
#: none of it, and a search of one class (or a word) costs a fraction of trying the pattern's
#: alternatives at each character (measured on the corpus's statements: _label in a third of the time).
#: (On the lower-cased label only ASCII capitals, which it has none of, fold to those words' letters.)
_FOOTNOTE_CHARS = re.compile(r"[\d*†‡]")


def _label(first: str) -> str:
    """The label of a row whose first cell prints ``first`` (:func:`~eightk.extract.tables.head_text`):
    lower-cased, without footnote marks; '' for a figure."""
    t = first.lower() if amount(first) is None else ""
    if _FOOTNOTE_CHARS.search(t) or "reported" in t or "gaap" in t:
        t = _FOOTNOTE.sub(" ", t)
    t = " ".join(t.replace("—", " ").replace("–", " ").split()).strip(" :-")
    # _TRAILING_MARK ends in a digit (\d: a decimal one) and the folded label in no newline
    return _TRAILING_MARK.sub("", t) if t[-1:].isdecimal() else t


_Figures = list[tuple[float | None, tuple[int, int]]]


def _figures(row: Row) -> _Figures:
    """The figure cells of a row in order: a value, or None for a dash; "$", "%" and "*"
    cells are not columns of figures."""
    out: _Figures = []
    for c in row.cells[1:]:
        t = c.text.strip()
        if not t or t in ("$", "€", "£", "*", "%") or "%" in t:
            continue
        v = amount(t)
        if v is not None:
            out.append((v, (c.start, c.end)))
        elif EMPTY.match(t):
            out.append((None, (c.start, c.end)))
    return out


def _segments(view: Any, start: int, end: int) -> Iterator[list[RowHead]]:
    """The tables of ``view`` in ``[start, end)`` as runs of rows (as
    :func:`~eightk.extract.tables.row_heads` gives them; :class:`_Run` makes their Rows); each run begins with up to 8 paragraphs before it
    (titles, "in millions"). Made as they are read: the reader stops at the statement, and the
    rows after it are not looked at."""
    before: list[RowHead] = []
    cur: list[RowHead] = []  # empty, or a run holding a table row
    for r in row_heads(view, start, end):
        if r[1]:
            if not cur:
                cur = before[-8:]
            cur.append(r)
            before = []
        else:
            if cur:
                # a paragraph inside the table ("Operating expenses:") keeps it going; the
                # third in a row ends it
                cur.append(r)
                if len(cur) >= 3 and not cur[-2][1] and not cur[-3][1]:
                    yield cur
                    cur = []
            before.append(r)
    if cur:
        yield cur


class _Run:
    """A run of :func:`_segments` and its Rows, each made when first asked for: the reader
    looks at the labels of a statement's rows (made of the rows' first cells), at the figures
    of a few, and at the header rows above the first of those (measured on the corpus's
    releases: making every Row was a fifth of read_table's time, and most are below it)."""

    def __init__(self, heads: list[RowHead]) -> None:
        self.heads = heads
        self.made: list[Row | None] = [h[3] for h in heads]
        self.figs: dict[int, _Figures] = {}

    def row(self, k: int) -> Row:
        r = self.made[k]
        if r is None:
            r = self.made[k] = row_of_head(self.heads[k])
        return r

    def figures(self, k: int) -> _Figures:
        """:func:`_figures` of the row ``k`` (read once: _PerShare may ask again)."""
        figs = self.figs.get(k)
        if figs is None:
            figs = self.figs[k] = _figures(self.row(k))
        return figs

    def cells(self) -> Iterator[Cell]:
        """The cells of the run's rows in order, the rows made as they are reached."""
        for k in range(len(self.heads)):
            yield from self.row(k).cells


def _columns(rows: list[Row], first_data: int) -> tuple[int, int, Cell | None]:
    """(current, prior) column indexes among the first two figure columns, from the years of
    the header rows above the first figures ((0, 1) when no years are printed), and the
    current column's year cell."""
    for r in reversed(rows[:first_data]):
        cells = [c for c in r.cells if _YEAR.search(c.text.strip())]
        if len(cells) >= 2:
            years = [int(m.group(1)) for c in cells if (m := _YEAR.search(c.text.strip()))]
            cur, prior = (1, 0) if years[1] > years[0] else (0, 1)
            return cur, prior, cells[cur]
    return 0, 1, None


_PERIOD_WORDS = re.compile(r"\b(?:months?|weeks?|quarter|year|period)\b", re.I)
_MONTH_DAY = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?$", re.I)


def _figures_period(rows: list[Row], first_data: int, year: Cell | None) -> tuple[str, Cell] | None:
    """What the current figure column is headed with, as printed and put together: "Three
    Months Ended" + "December 31," + "2023"; None when the header names no period."""
    head = [c for r in rows[:first_data] for c in r.cells if len(c.text) < 80 and r.table]
    # a heading paragraph right above the table ("Three Months Ended") when its rows name none
    short = [c for r in rows[:first_data] for c in r.cells if len(c.text) <= 30 and not r.table]
    period = next((c for cells in (head, short) for c in cells
                   if _PERIOD_WORDS.search(c.text) and not _SCALE.search(c.text)), None)
    if period is None:
        return None
    head += short
    parts = [period.text]
    day = next((c for c in head if _MONTH_DAY.match(c.text.strip())), None)
    if day is not None and not _YEAR.search(period.text):
        parts.append(day.text)
    if year is not None and not _YEAR.search(" ".join(parts)):
        parts.append(year.text)
    return " ".join(parts), period


# A label only blanks or folds characters of its lower-cased text, so a word it holds is in that
# text too: a row without the words a pattern's every match holds is not matched, nor its label
# made. (Each test an "or" of substring tests: a third of the cost of any() over the words,
# measured, and these are asked of every row of a statement.)


def _context_words(low: str) -> bool:
    """Whether ``low`` holds a word that every match of _EPS_CONTEXT or _SHARES holds."""
    return "per" in low or "eps" in low or "lps" in low or "shares" in low or "weighted" in low or "average" in low


def _figure_words(low: str) -> bool:
    """Whether ``low`` holds a word that every match of _REVENUE, _NET_INCOME or _DILUTED holds."""
    return ("income" in low or "revenue" in low or "sales" in low or "earnings" in low or "loss" in low
            or "profit" in low or "dilut" in low)


def _eps_context(label: str) -> bool | None:
    """Whether the rows after a label without figures are per-share ones ("Earnings per share:"),
    no longer are ("Weighted average shares:"), or None, as the label does not say."""
    if _EPS_CONTEXT.search(label):
        return True
    if _SHARES.search(label):
        return False
    return None


class _PerShare:
    """Whether the rows read so far say that per-share rows follow: what the last paragraph
    or figureless row that says either (:func:`_eps_context`) says, else False. The rows that
    may say it (:func:`_context_words` in their text) are kept, and their labels and
    figures read only when a diluted row asks (the paragraphs before a statement are mostly
    prose, whose labels and searches were a third of _pick's time, measured; "per" is in
    "operating", and reading the figures of each row with the word was most of _pick's time);
    each row is read once, back from the last one to the last asked about."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.rows: list[int] = []  # the indexes of the rows not read yet
        self.says = False  # what the rows read so far say

    def add(self, k: int) -> None:
        self.rows.append(k)

    def now(self) -> bool:
        run = self.run
        for k in reversed(self.rows):
            says = _eps_context(_label(head_text(run.heads[k])))
            if says is not None and not (run.heads[k][1] and run.figures(k)):  # a row of figures says nothing
                self.says = says
                break
        self.rows.clear()
        return self.says


def _pick(run: _Run) -> dict[str, tuple[int, _Figures]]:
    """The revenue, net income and diluted EPS rows of a table (their indexes in the run): a
    "total" revenue row over its parts, net income attributable to the company over
    consolidated net income."""
    found: dict[str, tuple[int, _Figures]] = {}
    attributed = False
    per_share = _PerShare(run)
    for k, head in enumerate(run.heads):
        first = head_text(head)
        low = first.lower()
        if _context_words(low):  # a row that may say whether per-share rows follow
            per_share.add(k)
        # (most rows of a statement are none of the three: their labels not made, measured on
        # the corpus's statements: _pick in three quarters of the time)
        if not head[1] or not _figure_words(low):
            continue
        label = _label(first)
        if not label:
            continue
        # the figures of a row are read for these tests only (most rows of a statement pass
        # none: their figures not read, nor their Rows made; measured on the corpus's 60
        # statement runs: _pick and the Rows it made 14 ms, now 8)
        revenue = _REVENUE.match(label)
        m = _NET_INCOME.match(label)
        diluted = "dilut" in label and _DILUTED.search(label)  # (each match holds "dilut")
        if not (revenue or m or diluted):
            continue
        figs = run.figures(k)
        if len(figs) < 2:
            continue
        if revenue and ("revenue" not in found or label.startswith("total")):
            found["revenue"] = (k, figs)
        if m and not _NOT_NET_INCOME.search(label) and (
                "net_income" not in found or (m.group("attr") and not attributed)):
            found["net_income"] = (k, figs)
            attributed = bool(m.group("attr"))
        if (diluted and "diluted_eps" not in found
                and all(v is None or abs(v) < 1000 for v, _ in figs[:2])  # small: per-share figures
                and (_EPS_CONTEXT.search(label) or per_share.now()) and not _SHARES.search(label)):
            found["diluted_eps"] = (k, figs)
    return found


def read_table(run: _Run, document: int | None) -> dict[str, Any]:
    """The figures of one table (see the module doc), with ``_spans``; {} when the table has
    no net income and diluted per-share rows."""
    found = _pick(run)
    if "net_income" not in found or "diluted_eps" not in found:
        return {}
    first = min(k for k, _ in found.values())  # the first of the rows found
    rows = [run.row(k) for k in range(first)]  # the header rows and paragraphs above it
    cur, prior, year = _columns(rows, first)
    a: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    at = next(((c, m) for c in run.cells() if (m := _SCALE.search(c.text))), None)
    scale = 1
    if at is not None:
        c, m = at
        scale = _SCALES[m.group(1).lower()]
        a["scale"] = scale
        spans["scale"] = Span.at(c.start + m.start(), c.start + m.end(), document)
    for key, (_k, figs) in found.items():
        for suffix, col in (("", cur), ("_prior", prior)):
            if col >= len(figs) or figs[col][0] is None:
                continue
            v, (s, e) = figs[col]
            assert v is not None
            value: float | int = round(v, 4) if key == "diluted_eps" else round(v * scale)
            a[key + suffix] = value
            spans[key + suffix] = Span.at(s, e, document)
    fp = _figures_period(rows, first, year)
    if fp is not None:
        a["figures_period"] = fp[0]
        spans["figures_period"] = Span.at(fp[1].start, fp[1].end, document)
    money = next(((c, code) for c in run.cells() for sign, code in _CURRENCY if sign in c.text), None)
    if money is not None:
        c, a["currency"] = money
        spans["currency"] = Span.at(c.start, c.end, document)
    a["_spans"] = spans
    return a


def _read_view(view: Any, start: int, end: int, document: int | None) -> dict[str, Any]:
    # no "diluted" row, no figures: most 8-K bodies and exhibits are not income statements
    # ("diluted", "Diluted" or "DILUTED": three string searches cost a fifth of one pattern
    # whose first letters are "d" and "D")
    found = [p for w in ("diluted", "Diluted", "DILUTED") if (p := view.text.find(w, start, end)) >= 0]
    if not found:
        return {}
    # the statement's table starts at most a few thousand characters before its first
    # "diluted" row (a statement of operations is a page); blocks before that are not read
    start = max(start, min(found) - 20_000)
    for seg in _segments(view, start, end):
        # the first cell of a row: folding its white space (as its Row does) changes no word
        # (a match holds "dilut": looked for first, a fifth of the cost of the search)
        if not any("dilut" in (low := first.lower()) and _DILUTED.search(low) for _, _, first, _ in seg):
            continue
        a = read_table(_Run(seg), document)
        if a:
            return a
    return {}


_DILUTED_RAW = re.compile(r"diluted")  # (found faster than by str.find, measured)
#: "net income" in the markup (or "profit", looked for apart: an alternation would make the
#: engine try both at every "n" and "p" of the markup; a literal start is searched fast)
_NET_RAW = re.compile(r"net\s+(?:income|earnings|loss)")


def table_end(markup: str | bytes, start: int = 0, stop: int | None = None, limit: int | None = None) -> int | None:
    """The end of the first ``<table>`` of ``markup`` that holds "diluted", net income and
    revenue (offsets into ``markup``), or None (also when that end lies past ``limit``).
    ``markup`` is the text, or ASCII bytes that hold it in ``[start, stop)`` (a document's
    bytes in its submission: one byte a character, so the offsets are the same; the offset
    returned is from ``start``).

    The statement ends a fraction of the way into a release that carries it (on the corpus a
    third, often a fiftieth: a release is followed by its schedules), so the markup is
    lower-cased a part at a time, not whole: a table that ends inside the prefix read is the
    one the whole markup gives (every "diluted" before it lies in the prefix too). Each step
    lower-cases only the part added and reads on from where the last one stopped: a table it
    looked at ended inside the prefix, and ends there in a longer one. Parts of a fixed size,
    not a growing prefix: lowering (and decoding) a large string at once cost twice as much
    a character as doing so in small parts (measured: the memory of a fresh large string is
    mapped page by page), and what is read past the statement's end is less than a part (a
    prefix growing fourfold read up to three times the markup it needed).

    With a ``limit``, the markup is read little further than it: when the prefix read holds
    no answer (-1 from :func:`_table_end_in`), the answer ends at the prefix's end or past it
    (the table it is in goes on to there, or its "diluted" starts in the last six characters
    or later), so past the limit once the prefix is longer."""
    n = (len(markup) if stop is None else stop) - start
    done = 0
    low, at, checked = "", 0, 0
    while True:
        part = markup[start + done : start + min(done + _PART, n)]
        # lower() maps each character alone (but for a final sigma's choice of two lower
        # cases, both no ASCII letter): lowering the prefix in parts gives what lowering it whole does
        low += (part if isinstance(part, str) else str(part, "ascii")).lower()
        done = min(done + _PART, n)
        end, at, checked = _table_end_in(low, done >= n, at, checked)
        if end != -1:
            return end if end is None or limit is None or end <= limit else None
        if limit is not None and done > limit:
            return None


#: The part of the markup :func:`table_end` reads at a time.
_PART = 64 << 10


def _table_end_in(low: str, whole: bool, at: int, checked: int) -> tuple[int | None, int, int]:
    """:func:`table_end` on a lower-cased prefix of the markup (``whole``: all of it), read
    from its "diluted" at or after ``at``, with the tables before ``checked`` looked at (each
    is looked at once); -1 when the answer lies past the prefix, with where to read on and
    the new ``checked``."""
    for m in _DILUTED_RAW.finditer(low, at):
        p = m.start()
        if p < checked:
            continue
        ts = low.rfind("<table", 0, p)
        if ts < 0 or low.rfind("</table", 0, p) > ts:
            continue
        te = low.find("</table", p)
        te = len(low) if te < 0 else low.find(">", te) + 1 or len(low)
        if te == len(low) and not whole:
            return -1, p, checked  # the table goes on past the prefix
        seg = low[ts:te]
        if ("revenue" in seg or "sales" in seg) and ("profit" in seg or _NET_RAW.search(seg)):
            return te, p, checked
        checked = te
    # a "diluted" the prefix cuts starts in its last six characters
    return (None if whole else -1), max(at, len(low) - 6), checked


def _exhibit_figures(sub: Any, doc: Any) -> dict[str, Any]:
    from eightk.documents import view_of

    if doc.size <= WHOLE_VIEW_BYTES or ("view", doc.sequence, doc.start) in sub.cache or doc.format == "text":
        view = view_of(sub, doc) if doc.size <= (32 << 20) else None
        return _read_view(view, 0, len(view.text), doc.sequence) if view is not None else {}
    from eightk.documents.html import html_view

    markup = _statement_markup(doc)
    if markup is None:
        return {}
    view = html_view(markup, sequence=doc.sequence)
    return _read_view(view, 0, len(view.text), doc.sequence)


def _statement_markup(doc: Any) -> str | None:
    """The markup of the document up to the end of its statement's table (:func:`table_end`);
    None when it has none within :data:`MAX_PREFIX_CHARS`."""
    if doc.encoding != "ascii":
        markup = doc.text
        end = table_end(markup, limit=MAX_PREFIX_CHARS)
        return markup[:end] if end is not None else None
    # ASCII: the statement is looked for in the document's bytes, read in place
    # (Document.source), and only the markup up to its end is decoded (measured: decoding a
    # release whole cost more than finding its statement)
    source, start, stop = doc.source
    end = table_end(source, start, stop, limit=MAX_PREFIX_CHARS)
    return doc.ascii_text(0, end) if end is not None else None


def earnings_figures(it: ItemRef, ctx: Context) -> dict[str, Any]:
    """Revenue, net income and diluted EPS (and their prior-period values) for an earnings
    item: from its EX-99 exhibits in order, else from the item's own text (a release pasted into
    the item; a later item's tables, pro forma statements of an acquisition say, are not read)."""
    sub = ctx.submission
    if sub is None:
        return {}
    for doc in sub.documents:
        if (doc.type or "").upper().startswith("EX-99") and doc.format in ("text", "html", "ixbrl"):
            a = _exhibit_figures(sub, doc)
            if a:
                return a
    if it.end > it.start and it.document is not None:
        from eightk.extract.tables import view_by_sequence

        view = view_by_sequence(sub, it.document)
        if view is not None:
            return _read_view(view, it.start, it.end, it.document)
    return {}


def earnings_release(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """The event reader: the period the item reports (its first period phrase) and the figures."""
    a: dict[str, Any] = {}
    spans: dict[str, Span] = {}
    p = next((f for f in facts if f.kind == "period" and f.value is not None), None)
    if p:
        a["period_end"] = p.value
        a["period"] = p.text and " ".join(p.text.split())
        a["period_lengths"] = p.attributes.get("lengths", [])
        for k in ("period_end", "period", "period_lengths"):
            spans[k] = p.span
    figures = earnings_figures(it, ctx)
    spans.update(figures.pop("_spans", {}))
    a.update(figures)
    a["_spans"] = spans
    return a
