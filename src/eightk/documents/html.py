"""HTML / inline-XBRL front end: a document's markup to the block view the 8-K grammar reads.

The parser is selectolax's Lexbor backend (an HTML5 tree builder in C). Measured against
lxml on the 427 HTML/iXBRL primary documents of the development corpus (19 MB): parse alone
0.21 ms vs 0.54 ms per document, a full element walk 0.44 ms vs 0.91 ms; and lxml's libxml2
silently drops everything below a nesting depth of 256 (4096 with ``huge_tree``), where Lexbor
keeps a 10,000-level document whole. So: Lexbor, and a hand-written *iterative* walk (no
recursion, so depth cannot exhaust the Python stack).

What the walk produces (see :mod:`eightk.documents.blocks`):

- ``view.text``: the visible text, one block per line, white space folded inside a block;
  hidden parts (``display:none``, ``<script>``/``<style>``/``<head>``, the ``ix:header``)
  left out; non-breaking and other Unicode spaces folded, soft hyphens and zero-width
  characters removed, C1 control characters (cp1252 bytes decoded as Latin-1, e.g. ``\\x92``)
  mapped to the characters cp1252 means.
- blocks: block-level elements and ``<br>`` end a block. A table row with two or more
  non-empty cells becomes ``Block(kind="row", cells=[...])`` blocks, one per *line* of its
  cells: a cell holding "Delaware<br>(State of incorporation)" gives the value to the first
  row block and the caption to the second, the way a plain-text cover lays values over
  captions. ``cells`` keeps every column (empty cells too, and a ``colspan`` as that many
  cells) so cells of successive rows align; a row block's text is its non-empty cells joined
  by a space. A row with a single non-empty cell, or one that holds a nested table (a layout
  table), gives its content as ordinary blocks (``in_table=True``).
- hints: ``bold`` / ``underlined`` when most of a block's characters are, ``centered`` from
  ``align``/``text-align``/``<center>``, ``page_break_before`` from ``page-break-*`` styles
  and ``<hr>``; ``<pre>`` keeps its lines (and their indentation) as blocks.
- ``view.ixbrl``: the inline-XBRL facts (see :mod:`eightk.documents.ixbrl`), with spans into
  ``view.text`` for the visible ones.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from eightk.compiled import compiled
from eightk.documents.blocks import Block, Cell, DocumentView
from eightk.documents.ixbrl import IxCollector
from eightk.documents.nesting import MAX_DEPTH, flatten, too_deep
from eightk.model import Anomaly

# Elements that end the current block where they open and where they close.
_BLOCK_TAGS = frozenset(
    ["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "center", "pre", "address", "section", "article", "header", "footer", "nav", "aside", "main", "form", "fieldset", "figure", "figcaption", "caption", "table", "thead", "tbody", "tfoot", "body", "html", "page", "listing", "xmp", "plaintext", "option", "legend", "details", "summary"]
)
# Elements whose content is never shown.
_SKIP_TAGS = frozenset(["head", "script", "style", "title", "noscript", "template", "iframe", "object", "embed", "svg", "math", "select"])

_IX_FACTS = frozenset(("ix:nonnumeric", "ix:nonfraction"))
_IX_PREFIXES = ("ix:", "xbrli:", "xbrldi:", "link:", "xbrl")
_EXIT_TAGS = _BLOCK_TAGS | {"td", "th", "tr"}
_ALL_BLOCK = _EXIT_TAGS | {"br", "hr"}
# inline style of a tag: 1 bold, 2 underlined, 3 centred, 4 preformatted
_TAG_STYLE: dict[str | None, int] = {
    "b": 1, "strong": 1, "th": 1, "h1": 1, "h2": 1, "h3": 1, "h4": 1, "h5": 1, "h6": 1,
    "u": 2, "ins": 2, "center": 3, "pre": 4, "listing": 4, "xmp": 4, "plaintext": 4,
}

_BOLD_RE = re.compile(r"font-weight:\s*(bold|bolder|[6-9]00)")
_NOT_BOLD_RE = re.compile(r"font-weight:\s*(normal|lighter|[1-5]00)")
_UNDERLINE_RE = re.compile(r"text-decoration[a-z-]*:[^;]*underline")
_CENTER_RE = re.compile(r"text-align:\s*center")
_ALIGN_RE = re.compile(r"text-align:\s*(left|right|justify|start|end)")
_HIDDEN_RE = re.compile(r"display:\s*none|visibility:\s*hidden")
_BREAK_BEFORE_RE = re.compile(r"(page-)?break-before:\s*(always|page)")
_BREAK_AFTER_RE = re.compile(r"(page-)?break-after:\s*(always|page)")

# Private-use code points mark where inline-XBRL facts start and end in the block text while
# blocks are still being assembled (rows join cells, folding moves text); they are removed
# (and their positions recorded) when the final text is built. Any such code point in the
# input itself is removed first, so a document cannot forge a marker.
_MARK_BASE = 0xF0000
_MARK_MAX = 0xFFFFD - _MARK_BASE
_MARK_RE = re.compile("[\U000f0000-\U000ffffd]")
_INPUT_MARK_RE = re.compile("[\U000f0000-\U0010ffff]")


def _cp1252_c1() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            table[b] = None
    return table


# Characters that are not text: soft hyphen, zero-width space/joiners, word joiner, BOM,
# and the other C0 controls (tab, newline etc. are kept: they are white space).
_TRANSLATE: dict[int, str | None] = {0xAD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None}
_TRANSLATE.update({c: None for c in range(0x20) if chr(c) not in "\t\n\r\f\v"})
_TRANSLATE.update(_cp1252_c1())
_TRANSLATE[0x7F] = None
# Any character ``_TRANSLATE`` changes: str.translate with a dict costs about a microsecond per
# hundred characters even when nothing changes, a search for these costs a fraction of that.
_NEEDS_TRANSLATE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\xad\u200b-\u200d\u2060\ufeff]")


class _Pending:
    """A block under construction: its text parts and counters for the hints."""

    __slots__ = ("parts", "content", "space", "gap", "n", "n_bold", "n_under", "centered", "page_break", "indent",
                 "marks")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.content = False  # any visible character yet
        self.space = False  # white space seen since the last visible character
        self.gap = ""  # the same inside <pre>, kept as written
        self.n = 0
        self.n_bold = 0
        self.n_under = 0
        self.centered = False
        self.page_break = False
        self.indent = 0
        self.marks = False


# A finished block before final positioning (its text may still hold fact markers): (text, kind
# ("paragraph" or "row"), cells (a row's cell texts, every column), bold, underlined, centered,
# in_table, page_break, indent, marks (whether the text may hold fact markers)). A tuple: the walk
# makes one per block, and a tuple costs a fifth of a slotted object's __init__ (94 vs 518 ns).
_Out = tuple[str, str, "list[str] | None", bool, bool, bool, bool, bool, int, bool]


class _Row:
    __slots__ = ("cells", "layout", "centered")

    def __init__(self) -> None:
        self.cells: list[tuple[list[_Out], int]] = []  # (lines of the cell, colspan)
        self.layout = False
        self.centered = False


_NO_STYLE = (False, False, False, 0, False, 0)
_TEXT_ID: int = LexborHTMLParser(b"x").body.child.tag_id  # type: ignore[union-attr]  # a text node's (2)

# What the walk does with a node, by its tag (memoised per walk, see _tag_kind).
_K_IGNORE = 0  # comments and other nodes that are not elements: nothing
_K_SKIP = 1  # elements whose content is never shown: not entered
_K_INLINE = 2  # inline elements with no meaning of their own (span, font, a): only a style attribute counts
_K_IX = 3  # inline-XBRL elements (their tags, and only theirs, hold a ":" when they close)
_K_OTHER = 4  # everything else: blocks, table parts, <br>/<hr>, <head>, <b>/<u>/...
_K_BLOCK = 5  # (the same, for block elements without a style of their own: tr, br, table, hr)
_K_CELL = 6  # (the same, for <td>: the most common element, with a path of its own in the walk ...
_K_PLAIN = 7  # ... shared with the block elements but <table> and the styled ones: p, div, li, tbody)
_PLAIN_BLOCKS = _BLOCK_TAGS - {"table"} - _TAG_STYLE.keys()


def _tag_kind(tag: str | None) -> int:
    if tag is None or tag[0] == "_" or tag == "-comment":
        return _K_IGNORE
    if tag in _SKIP_TAGS:
        return _K_OTHER if tag == "head" else _K_SKIP
    if ":" in tag and tag.startswith(_IX_PREFIXES):
        return _K_IX
    if tag == "td":
        return _K_CELL
    if tag in _PLAIN_BLOCKS:
        return _K_PLAIN
    if tag in _ALL_BLOCK and tag not in _TAG_STYLE:
        return _K_BLOCK
    if tag in _ALL_BLOCK or tag in _TAG_STYLE:
        return _K_OTHER
    return _K_INLINE


def _colspan(attr: str) -> int:
    """The columns a ``colspan`` attribute spans: 1 to 20, 1 when it is not a number."""
    try:
        return min(max(int(attr), 1), 20)
    except ValueError:
        return 1


def _style_flags(style: str) -> tuple[bool, bool, bool, int, bool, int]:
    """(hidden, break before, break after, bold +1/-1/0, underline, centred +1/-1/0) of a
    ``style`` attribute. Generated filings repeat a handful of styles thousands of times, so
    the walk memoises this per document."""
    low = style.lower()
    # substring tests first: most styles are fonts, sizes and margins, and need no regex
    bold = center = 0
    if "weight" in low:
        bold = 1 if _BOLD_RE.search(low) else (-1 if _NOT_BOLD_RE.search(low) else 0)
    if "align" in low:
        center = 1 if _CENTER_RE.search(low) else (-1 if _ALIGN_RE.search(low) else 0)
    brk = "break" in low
    return (
        ("none" in low or "hidden" in low) and bool(_HIDDEN_RE.search(low.replace(" ", ""))),
        brk and bool(_BREAK_BEFORE_RE.search(low)), brk and bool(_BREAK_AFTER_RE.search(low)),
        bold, "underline" in low and bool(_UNDERLINE_RE.search(low)), center,
    )


def html_view(text: str, *, sequence: int | None = None) -> DocumentView:
    """The block view of an HTML or inline-XBRL document (see the module docstring)."""
    # Lexbor takes UTF-8; lone surrogates (from a lossy decode upstream) cannot be encoded
    # and are replaced rather than raising.
    data = text.encode("utf-8", "replace")
    # code points from U+C0000 up start with byte F3 or F4 in UTF-8: a memchr-fast test
    # before the (rare) removal of private-use characters that could pose as markers
    if (b"\xf3" in data or b"\xf4" in data) and _INPUT_MARK_RE.search(text):
        data = _INPUT_MARK_RE.sub("", text).encode("utf-8", "replace")
    depth = too_deep(data)
    if depth is not None:
        data = flatten(data)
    tree = LexborHTMLParser(data)
    if _COMPILED_WALK is not None:
        root = tree.root
        view = _COMPILED_WALK(root.mem_id if root is not None else 0, sequence)
    else:
        view = _Walker(sequence).walk(tree)
    if depth is not None:
        view.anomalies.insert(0, Anomaly(
            code="html_too_deep",
            message=f"the HTML nests about {depth} elements deep; the tags below level {MAX_DEPTH} were left out "
            "(their text is kept)",
        ))
    return view


_MAY_HIDE = '[style*="none" i], [style*="hidden" i]'
_NEVER_SHOWN = ", ".join(sorted(_SKIP_TAGS)) + ", ix\\:header"


def visible_text(text: str) -> str:
    """The visible text of an HTML or inline-XBRL document without building its blocks: what a
    reader sees, hidden by the walk's rules (``display:none`` and ``visibility:hidden`` styles,
    the tags whose content is never shown, ``<head>``, the ``ix:header``), with the same
    characters removed and mapped. Only the layout differs from ``html_view(text).text`` (words
    are separated by spaces, not arranged in blocks): for full-text search of documents the
    grammar does not read, at a tenth of the cost of the view."""
    data = text.encode("utf-8", "replace")
    if too_deep(data) is not None:
        data = flatten(data)
    tree = LexborHTMLParser(data)
    # the styles that may hide (the substrings _style_flags looks for first), then never-shown tags
    hidden = [n for n in tree.css(_MAY_HIDE) if _style_flags(n.attributes.get("style") or "")[0]]
    hidden += tree.css(_NEVER_SHOWN)
    removed: set[int] = {n.mem_id for n in hidden}
    for node in hidden:  # an element inside another hidden one goes with it (never twice)
        parent = node.parent
        while parent is not None and parent.mem_id not in removed:
            parent = parent.parent
        if parent is None:
            node.decompose()
    root = tree.body or tree.root
    out = root.text(separator=" ") if root is not None else ""
    return out.translate(_TRANSLATE) if _NEEDS_TRANSLATE.search(out) else out


class _Walker:
    """The walk (see the module docstring). :mod:`eightk.documents._cwalk` applies these rules
    compiled, line for line, and html_view uses it where it was built: a change of rule here is
    made there too (``tests/test_cwalk.py`` compares the two views on the corpus and generated
    HTML, and fails until they agree)."""

    def __init__(self, sequence: int | None) -> None:
        self.sequence = sequence
        self.sinks: list[list[_Out]] = [[]]
        self.rows: list[_Row] = []
        self.cur = _Pending()
        self.page_break = False
        self.ix = IxCollector()
        self.n_marks = 0

    # -- blocks ---------------------------------------------------------------------------
    def flush(self) -> None:
        cur = self.cur
        if cur.content:
            n = cur.n or 1
            self.sinks[-1].append(
                ("".join(cur.parts), "paragraph", None, cur.n_bold * 2 > n, cur.n_under * 2 > n, cur.centered,
                 bool(self.rows), cur.page_break, cur.indent, cur.marks)
            )
            # the next block starts in the same object, as _Pending() would make it (making a
            # new one took a third of this method, called once per block)
            cur.parts = []
            cur.content = cur.space = cur.centered = cur.page_break = cur.marks = False
            cur.gap = ""
            cur.n = cur.n_bold = cur.n_under = cur.indent = 0
            return
        elif cur.parts:
            # only fact markers: keep them (they belong to the next block's start)
            return
        if cur.page_break and not cur.content:
            self.page_break = True

    def add_text(self, s: str, bold: bool, under: bool, centered: bool) -> None:
        words = s.split()
        cur = self.cur
        if not words:
            if s and cur.content:
                cur.space = True
            return
        if s[0].isspace() and cur.content:
            cur.space = True
        joined = " ".join(words)
        if cur.content:
            if cur.space:
                cur.parts.append(" ")
        else:
            cur.content = True
            cur.centered = centered
            if self.page_break:
                cur.page_break = True
                self.page_break = False
        cur.parts.append(joined)
        cur.space = s[-1].isspace()
        k = len(joined) - len(words) + 1
        cur.n += k
        if bold:
            cur.n_bold += k
        if under:
            cur.n_under += k

    def add_pre(self, s: str, bold: bool, under: bool, centered: bool) -> None:
        """Text inside ``<pre>``: every line is a block and keeps its inner spacing and its
        indentation, as in a plain-text document (whose cover columns are runs of spaces)."""
        s = s.replace("\xa0", " ").replace("\r", "")
        for i, line in enumerate(s.split("\n")):
            if i:
                self.flush()
            line = line.expandtabs(8)
            body = line.strip()
            cur = self.cur
            if not body:
                if cur.content:
                    cur.gap += line
                else:
                    cur.indent += len(line)
                continue
            lead = len(line) - len(line.lstrip())
            if cur.content:
                cur.parts.append(cur.gap + line[:lead])
            else:
                cur.indent += lead
                cur.content = True
                cur.centered = centered
                if self.page_break:
                    cur.page_break = True
                    self.page_break = False
            cur.parts.append(body)
            cur.gap = line[lead + len(body):]
            k = len(body) - body.count(" ")
            cur.n += k
            if bold:
                cur.n_bold += k
            if under:
                cur.n_under += k

    def mark(self, k: int) -> None:
        # a marker never changes the spacing: a pending space stays pending (a span may then
        # start on a space, which the fact reader trims), so no block ends with a space
        cur = self.cur
        cur.parts.append(chr(_MARK_BASE + k))
        cur.marks = True

    # -- rows -----------------------------------------------------------------------------
    def end_row(self) -> None:
        row = self.rows.pop()
        parent = self.sinks[-1]
        cells = row.cells
        filled = 0
        lines = 0
        for c, _ in cells:
            if c:
                filled += 1
                if len(c) > lines:
                    lines = len(c)
        if row.layout or filled <= 1:
            for cell, _ in cells:
                parent.extend(cell)
            return
        # one row block per line of the cells (see the module docstring)
        for j in range(lines):
            texts: list[str] = []
            n_line = n_bold = n_under = 0
            centered, marks = True, False
            first: _Out | None = None
            for cell, span in cells:
                if j < len(cell):
                    b = cell[j]  # (text, kind, cells, bold, underlined, centered, ..., marks)
                    texts.append(b[0])
                    if first is None:
                        first = b
                    n_line += 1
                    if b[3]:
                        n_bold += 1
                    if b[4]:
                        n_under += 1
                    if not b[5]:
                        centered = False
                    if b[9]:
                        marks = True
                else:
                    texts.append("")
                if span > 1:
                    texts.extend([""] * (span - 1))
            parent.append(
                (" ".join([t for t in texts if t]), "row", texts, n_bold * 2 > n_line, n_under * 2 > n_line,
                 centered, True, first[7] if first is not None else False, 0, marks)
            )

    # -- the walk ---------------------------------------------------------------------------
    def walk(self, tree: LexborHTMLParser) -> DocumentView:
        root = tree.root
        ix = self.ix
        translate = _TRANSLATE
        needs_translate = _NEEDS_TRANSLATE.search
        if root is None:
            return self.finish("html")
        # style state: (bold, underline, centered, hidden, pre, ix_exclude)
        bold = under = centered = hidden = pre = False
        stack: list[tuple[Any, ...] | None] = []
        # the elements entered, innermost last: going back up pops one (Node.parent makes a
        # new Python object per call, an append and a pop cost a tenth of that)
        parents: list[Any] = []
        styles: dict[str, tuple[bool, bool, bool, int, bool, int]] = {}
        # by tag id (Node.tag_id costs half of Node.tag): the kind of the tag and its name; the
        # ids are the document's, and one id is one name outside <svg> and <math> (not entered)
        kinds: dict[int, int] = {}
        names: dict[int, str | None] = {}
        spans: dict[str, int] = {}  # colspan attribute -> columns (memoised like the styles)
        node = root
        is_ixbrl = False
        exit_tags = _EXIT_TAGS
        block_tags = _BLOCK_TAGS
        all_block = _ALL_BLOCK
        tag_style = _TAG_STYLE
        rows = self.rows  # (these two lists are changed in place, never replaced)
        sinks = self.sinks
        cell: list[_Out]
        cur = self.cur  # (reset in place by flush, never replaced)
        while True:
            tag_id = node.tag_id
            if tag_id == _TEXT_ID:
                s = node.text_content
                if s and not pre and not ix.open and s.isspace():
                    # white space between elements (the most common text node): a pending space
                    if not hidden and cur.content:
                        cur.space = True
                elif s:
                    if hidden:
                        if ix.open:
                            ix.text(s.translate(translate) if needs_translate(s) else s)
                    else:
                        if needs_translate(s):
                            s = s.translate(translate)
                        if ix.open:
                            ix.text(s)
                        if pre:
                            self.add_pre(s, bold, under, centered)
                        else:
                            self.add_text(s, bold, under, centered)
            else:
                kind = kinds.get(tag_id)
                if kind is None:
                    tag = names[tag_id] = node.tag
                    kind = kinds[tag_id] = _tag_kind(tag)
                if kind == _K_INLINE:
                    # the most common element after table cells: only the state of its content
                    # changes, and nothing happens when it closes
                    child = node.first_child  # (Node.child is an alias: a third dearer)
                    if child is not None:
                        attrs = node.attributes
                        style_attr = attrs.get("style") if attrs else None
                        sf = _NO_STYLE
                        if style_attr:
                            cached = styles.get(style_attr)
                            if cached is None:
                                cached = styles[style_attr] = _style_flags(style_attr)
                            sf = cached
                        if sf[0] or sf[3] or sf[4]:
                            stack.append((None, (bold, under, centered, hidden, pre), False))
                            if sf[0]:
                                hidden = True
                            if sf[3]:
                                bold = sf[3] > 0
                            if sf[4]:
                                under = True
                        else:
                            stack.append(None)  # the content's state is this element's: nothing to restore
                        parents.append(node)
                        node = child
                        continue
                elif kind == _K_IX:
                    # every iXBRL element acts when it closes
                    tag = names[tag_id]
                    is_ixbrl = True
                    saved = (bold, under, centered, hidden, pre)
                    if tag == "ix:header":
                        hidden = True
                    elif tag in _IX_FACTS:
                        attrs = node.attributes
                        k = ix.start_fact(tag, attrs.get("name"), attrs.get("contextref"), attrs.get("format"),
                                          attrs.get("scale"), attrs.get("sign"), hidden)
                        if not hidden and k is not None and 2 * k + 1 <= _MARK_MAX:
                            self.mark(2 * k)
                    elif tag == "ix:exclude":
                        ix.exclude += 1
                    else:
                        attrs = node.attributes
                        ix.start_other(tag, attrs.get("id"), attrs.get("dimension"))
                    child = node.first_child
                    if child is not None:
                        stack.append((tag, saved, False))
                        parents.append(node)
                        node = child
                        continue
                    self.exit_ix(tag)
                    bold, under, centered, hidden, pre = saved
                elif kind >= _K_CELL:
                    # a table cell, <p>, <div>...: what the branch below does for them, without
                    # its tests of the tag (over half the elements of the corpus's documents)
                    attrs = node.attributes
                    style_attr = attrs.get("style") if attrs else None
                    if style_attr:
                        cached = styles.get(style_attr)
                        if cached is None:
                            cached = styles[style_attr] = _style_flags(style_attr)
                        sf = cached
                    else:
                        sf = _NO_STYLE
                    child = node.first_child
                    if child is None:
                        # an empty one (over half the cells: the padding columns of financial
                        # tables): what opening and closing it do, with no state to save and
                        # restore and no sink for the cell's (no) blocks
                        if not hidden and not sf[0]:
                            if cur.parts:
                                self.flush()
                            if sf[1] or sf[2]:
                                self.page_break = True
                            if rows and kind == _K_CELL:
                                colspan = attrs.get("colspan")
                                span = 1
                                if colspan:
                                    span = spans.get(colspan) or spans.setdefault(colspan, _colspan(colspan))
                                rows[-1].cells.append(([], span))
                    else:
                        tag = names[tag_id]
                        saved = (bold, under, centered, hidden, pre)
                        if sf[0]:
                            hidden = True
                        exit_break = False
                        if not hidden:
                            if sf[1]:
                                if cur.parts:
                                    self.flush()
                                self.page_break = True
                            if cur.parts:
                                self.flush()
                            if rows and kind == _K_CELL:
                                colspan = attrs.get("colspan")
                                span = 1
                                if colspan:
                                    span = spans.get(colspan) or spans.setdefault(colspan, _colspan(colspan))
                                cell = []
                                rows[-1].cells.append((cell, span))
                                sinks.append(cell)
                            exit_break = sf[2]
                        if attrs:
                            align = attrs.get("align")
                            if align:
                                centered = align.strip().lower() == "center"
                            if sf is not _NO_STYLE:
                                if sf[3]:
                                    bold = sf[3] > 0
                                if sf[4]:
                                    under = True
                                if sf[5]:
                                    centered = sf[5] > 0
                        stack.append((tag, saved, exit_break))
                        parents.append(node)
                        node = child
                        continue
                elif kind >= _K_OTHER:
                    tag = names[tag_id]
                    attrs = node.attributes
                    saved = (bold, under, centered, hidden, pre)
                    style_attr = attrs.get("style") if attrs else None
                    if style_attr:
                        cached = styles.get(style_attr)
                        if cached is None:
                            cached = styles[style_attr] = _style_flags(style_attr)
                        sf = cached
                    else:
                        sf = _NO_STYLE
                    exit_break = False
                    if tag == "head":
                        # the head has no visible text, but iXBRL headers may sit there
                        hidden = True
                    else:
                        if sf[0]:
                            hidden = True
                        block = kind == _K_BLOCK or tag in all_block
                        if block and not hidden:
                            if sf[1]:
                                if cur.parts:  # nothing to end otherwise
                                    self.flush()
                                self.page_break = True
                            if cur.parts:  # every block element ends the current block
                                self.flush()
                            if tag in ("td", "th"):
                                if rows:
                                    colspan = attrs.get("colspan")
                                    span = 1
                                    if colspan:
                                        span = spans.get(colspan) or spans.setdefault(colspan, _colspan(colspan))
                                    cell = []
                                    rows[-1].cells.append((cell, span))
                                    sinks.append(cell)
                            elif tag == "tr":
                                rows.append(_Row())
                            elif tag == "hr":
                                if len(sinks) > 1 and sinks[-1]:
                                    # a rule inside a table cell underlines the value above it
                                    o = sinks[-1][-1]
                                    sinks[-1][-1] = (*o[:4], True, *o[5:])
                                elif len(sinks) == 1:
                                    self.page_break = True
                            elif tag == "table":  # noqa: SIM102 (one branch of a dispatch on the tag)
                                if rows:
                                    rows[-1].layout = True
                            exit_break = sf[2]
                        style_kind = tag_style.get(tag) if kind == _K_OTHER else None
                        if style_kind is not None:
                            if style_kind == 1:
                                bold = True
                            elif style_kind == 2:
                                under = True
                            elif style_kind == 3:
                                centered = True
                            else:
                                pre = True
                        if attrs:
                            if block:
                                align = attrs.get("align")
                                if align and tag != "table":
                                    centered = align.strip().lower() == "center"
                            if sf is not _NO_STYLE:
                                if sf[3]:
                                    bold = sf[3] > 0
                                if sf[4]:
                                    under = True
                                if block and sf[5]:
                                    centered = sf[5] > 0
                    # only block and table elements do anything when they close
                    needs_exit = exit_break or tag in exit_tags
                    child = node.first_child
                    if child is not None:
                        stack.append((tag if needs_exit else None, saved, exit_break))
                        parents.append(node)
                        node = child
                        continue
                    if needs_exit:
                        self.exit(tag, exit_break, hidden)
                    bold, under, centered, hidden, pre = saved
                # _K_SKIP and _K_IGNORE: nothing to do, not entered
            # go to the next node: the next sibling, or up until there is one
            while True:
                if not parents:
                    return self.finish("ixbrl" if is_ixbrl else "html")
                nxt = node.next
                if nxt is not None:
                    node = nxt
                    break
                node = parents.pop()
                entry = stack.pop()
                if entry is None:
                    continue
                tag, saved, exit_break = entry
                if tag is not None:  # an element that acts when it closes
                    if tag == "td":  # self.exit("td", ...) written out: the most common close
                        if not hidden:
                            if cur.parts:
                                self.flush()
                            if rows and len(sinks) > 1:
                                sinks.pop()
                            if exit_break:
                                if cur.parts:
                                    self.flush()
                                self.page_break = True
                    elif tag in block_tags:  # self.exit(tag, ...) for p, div, table...: the next most common
                        if not hidden:
                            if cur.parts:
                                self.flush()
                            if exit_break:
                                self.page_break = True
                    elif ":" in tag:
                        self.exit_ix(tag)
                    elif tag == "tr":  # the same, for the end of a row
                        if not hidden:
                            if cur.parts:
                                self.flush()
                            if rows:
                                self.end_row()
                            if exit_break:
                                self.page_break = True
                    else:
                        self.exit(tag, exit_break, hidden)
                bold, under, centered, hidden, pre = saved

    def exit_ix(self, tag: str | None) -> None:
        """Close iXBRL element ``tag``."""
        ix = self.ix
        if tag in _IX_FACTS:
            k = ix.end_fact()  # (None for a hidden fact)
            if k is not None and 2 * k + 1 <= _MARK_MAX:
                self.mark(2 * k + 1)
        elif tag == "ix:exclude":
            ix.exclude -= 1
        else:
            ix.end_other(tag)

    def exit(self, tag: str | None, exit_break: bool, hidden: bool) -> None:
        """Close block or table element ``tag`` (``hidden``: whether it was inside hidden content)."""
        if hidden:
            return
        if tag in ("td", "th"):
            if self.cur.parts:
                self.flush()
            if self.rows and len(self.sinks) > 1:
                self.sinks.pop()
        elif tag == "tr":
            if self.cur.parts:
                self.flush()
            if self.rows:
                self.end_row()
        elif tag in _BLOCK_TAGS and self.cur.parts:
            self.flush()
        if exit_break:
            if self.cur.parts:
                self.flush()
            self.page_break = True

    # -- final text ---------------------------------------------------------------------------
    def finish(self, fmt: str) -> DocumentView:
        self.flush()
        # the walk closes every element it opens, so all rows and cells are closed here
        out = self.sinks[0]
        if self.cur.parts:  # trailing markers with no text after them
            out.append(("".join(self.cur.parts), "paragraph", None, False, False, False, False, False, 0, True))
        pieces: list[str] = []
        blocks: list[Block] = []
        marks: dict[int, int] = {}
        pos = 0

        any_marks = bool(self.ix.facts)  # no facts, no markers: the text is final as it is
        empty = Cell("", -1, -1)  # the last empty cell made (see below), and its position
        empty_at = -1

        def clean(s: str, at: int) -> str:
            if not any_marks or not _MARK_RE.search(s):
                return s
            res: list[str] = []
            last = 0
            n = 0
            for m in _MARK_RE.finditer(s):
                chunk = s[last : m.start()]
                res.append(chunk)
                n += len(chunk)
                marks[ord(m.group()) - _MARK_BASE] = at + n
                last = m.end()
            res.append(s[last:])
            return "".join(res)

        for b_text, kind, b_cells, bold, underlined, centered, in_table, page_break, indent, b_marks in out:
            if kind == "row" and b_cells:
                cells: list[Cell] = []
                start = pos
                row_pieces: list[str] = []  # the non-empty cells, when markers were taken out of them
                n_filled = 0
                # Empty cells (the padding columns of financial tables) are most cells: the
                # ones at one position share one Cell (nothing changes a Cell once made), and
                # Cells are made with positional arguments. Measured on the corpus's 8-K and
                # EX-99 documents, making the cells took a fifth of the walk before this.
                for ct in b_cells:
                    if ct and b_marks:
                        ct = clean(ct, pos + (1 if n_filled else 0))
                        if ct:
                            row_pieces.append(ct)
                    if not ct:
                        if empty_at != pos:
                            empty = Cell("", pos, pos)
                            empty_at = pos
                        cells.append(empty)
                        continue
                    if n_filled:
                        pos += 1  # the space between cells
                    n_filled += 1
                    cells.append(Cell(ct, pos, pos + len(ct)))
                    pos += len(ct)
                if not n_filled:
                    continue
                # the row's text is its non-empty cells joined by a space (end_row made it so)
                text = " ".join(row_pieces) if b_marks else b_text
                pieces.append(text)
                # positional: (text, start, end, kind, cells, indent, centered, bold, underlined,
                # in_table, page_break_before), one call per block of every document
                blocks.append(Block(text, start, pos, "row", cells, 0, centered, bold, underlined, True, page_break))
            else:
                t = clean(b_text, pos) if b_marks else b_text
                if not t or t.isspace():
                    # a block that held only fact markers: positions recorded, no block
                    continue
                blocks.append(Block(t, pos, pos + len(t), "paragraph", None, indent, centered, bold, underlined,
                                    in_table, page_break))
                pieces.append(t)
                pos += len(t)
            pieces.append("\n")
            pos += 1
        text = "".join(pieces)
        facts = self.ix.result(marks, text)
        if facts:
            fmt = "ixbrl"
        return DocumentView(text=text, blocks=blocks, format=fmt, sequence=self.sequence, ixbrl=facts,
                            anomalies=self.ix.anomalies())


def _compiled_walk() -> Any:
    """The compiled walk (:mod:`eightk.documents._cwalk`: these rules over Lexbor's nodes, 2.7
    times as fast as :class:`_Walker` over the corpus's 927 HTML documents) when it was built
    and reads a probe document right with the selectolax installed; else None, and views are
    walked by :class:`_Walker` above, with the same output. ``EIGHTK_PYTHON_WALK=1`` asks for
    the Python walk."""
    _cwalk = compiled("eightk.documents._cwalk")
    if _cwalk is None:
        return None
    import selectolax.lexbor as lexbor

    probe = b"eightk: a probe of Lexbor's text nodes"
    tree = LexborHTMLParser(b"<p>" + probe + b"</p>")
    paragraph = tree.css_first("p")
    text = paragraph.first_child if paragraph is not None else None
    # the names selectolax gives the nodes that are not elements ("-text", "-comment"...)
    names = getattr(lexbor, "_TAG_TO_NAME", None)
    if text is None or not isinstance(names, dict) or not _cwalk.setup(
            lexbor.__file__, text.mem_id, probe, sys.modules[__name__], dict(names)):
        return None
    return _cwalk.walk


#: the walk :func:`html_view` uses (set once, at import)
_COMPILED_WALK = _compiled_walk()
