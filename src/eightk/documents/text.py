"""Plain-text front end: a decoded plain-text document -> :class:`DocumentView`.

One block per non-blank line. Spans point into the decoded text itself, so
``view.text[b.start:b.end] == b.text`` always holds. Layout hints the 8-K grammar relies on
(the old cover page puts values *above* captions and underlines them with dashes; headings are
centred or in capitals) are computed here once:

* ``indent``: leading white space in columns (tabs expanded to 8);
* ``centered``: left and right margins about equal within the document's usual line width;
* ``underlined``: the next non-blank line is a rule (dashes, underscores or equals signs) that
  lies under this line's text;
* ``in_table``: between SGML ``<TABLE>`` and ``</TABLE>``;
* ``page_break_before``: a ``<PAGE>`` marker or a form feed precedes the line.

EDGAR's SGML markup (``<PAGE>``, ``<TABLE>``, ``<CAPTION>``, ``<S>``, ``<C>``, ``<FN>``...) is
markup, not text: lines holding only markup give no block, and a line that starts with tags
has its block start after them. Rules become blocks of kind ``"rule"`` so that the grammar
can see underlines and separators.

Hand-written because this is EDGAR's own 1990s layout convention, not a format any library
reads; it is a single linear pass with one regular expression per line.
"""

from __future__ import annotations

import re

from eightk.documents.blocks import Block, DocumentView

# Tags EDGAR used inside plain-text documents (Regulation S-T "ASCII" markup).
_TAG = r"</?(?:PAGE|TABLE|CAPTION|S|C|FN|F\d{1,2}|R|R\d{1,2}|PRE|/?SEC-DOCUMENT)>"
_MARKUP_ONLY = re.compile(rf"^(?:\s*{_TAG})+\s*\d*\s*$", re.I)
_LEADING_TAGS = re.compile(rf"^(?:\s*{_TAG})+[ \t]*", re.I)
_PAGE = re.compile(r"<PAGE>", re.I)
_TABLE_OPEN = re.compile(r"<TABLE>", re.I)
_TABLE_CLOSE = re.compile(r"</TABLE>", re.I)
# A rule: a line made only of dashes/underscores/equals signs (and the spaces between them),
# at least three of them. "- - -----" (a 1990s quirk: dash-escaped PEM lines) included.
_RULE = re.compile(r"^[ \t]*[-=_][-=_ \t]*$")
_LINE = re.compile(r"[^\n]*\n?")


def _columns(s: str) -> int:
    """Width in columns of leading white space ``s`` (tabs to 8)."""
    return len(s.expandtabs(8))


def _is_rule(content: str) -> bool:
    return bool(_RULE.match(content)) and sum(content.count(c) for c in "-=_") >= 3


def text_view(text: str, *, sequence: int | None = None) -> DocumentView:
    """Blocks (one per non-blank line) of a plain-text document, with layout hints."""
    blocks: list[Block] = []
    in_table = False
    page_break = False
    pos = 0
    n = len(text)
    widths: list[int] = []
    while pos < n:
        nl = text.find("\n", pos)
        line_end = n if nl < 0 else nl
        next_pos = n if nl < 0 else nl + 1
        line = text[pos:line_end]
        # a form feed before the text breaks the page before this line, after it before the next
        ff = line.find("\f")
        ff_after = ff >= 0 and bool(line[:ff].strip())
        if ff >= 0 and not ff_after:
            page_break = True
        stripped = line.strip(" \t\r\f\v\x00")
        if not stripped:
            pos = next_pos
            continue
        if "<" in stripped:
            has_page = bool(_PAGE.search(stripped))
            opens = bool(_TABLE_OPEN.search(stripped))
            closes = bool(_TABLE_CLOSE.search(stripped))
            if _MARKUP_ONLY.match(stripped):
                if has_page:
                    page_break = True
                if opens:
                    in_table = True
                if closes:
                    in_table = False
                pos = next_pos
                continue
            if opens:
                in_table = True
        else:
            closes = False
        # span of the content: skip leading blanks and leading markup, trailing blanks
        lead = len(line) - len(line.lstrip(" \t\r\f\v\x00"))
        m = _LEADING_TAGS.match(line, lead) if "<" in stripped else None
        content_from = m.end() if m else lead
        content_to = len(line.rstrip(" \t\r\f\v\x00"))
        if content_from >= content_to:
            pos = next_pos
            continue
        start, end = pos + content_from, pos + content_to
        content = text[start:end]
        indent = _columns(line[:content_from].replace("\f", "")) if content_from else 0
        # markup between the leading white space and the content counts as spaces for layout
        kind = "rule" if content[0] in "-=_" and _is_rule(content) else "line"
        blocks.append(Block(
            text=content, start=start, end=end, kind=kind, indent=indent,
            in_table=in_table, page_break_before=page_break,
        ))
        widths.append(indent + (len(content.expandtabs(8)) if "\t" in content else len(content)))
        page_break = ff_after
        if closes:
            in_table = False
        pos = next_pos
    _layout_hints(text, blocks, widths)
    return DocumentView(text=text, blocks=blocks, format="text", sequence=sequence)


def _layout_hints(text: str, blocks: list[Block], widths: list[int]) -> None:
    if not blocks:
        return
    # The page width: the usual right edge of full lines (most filings wrap at 65-80 columns).
    ordered = sorted(widths)
    width = max(72, ordered[int(len(ordered) * 0.9)] if len(ordered) > 1 else ordered[0])
    for i, b in enumerate(blocks):
        if b.kind == "rule":
            continue
        right = width - widths[i]  # widths[i]: the block's right edge
        b.centered = b.indent >= 4 and right >= 0 and abs(b.indent - right) <= max(4, width // 8)
        if i + 1 < len(blocks):
            nxt = blocks[i + 1]
            if nxt.kind == "rule" and _adjacent(text, b, nxt):
                # the rule must lie under the text, not be a separator far away on the line
                lo, hi = b.indent, b.indent + len(b.text.expandtabs(8))
                rlo = nxt.indent
                rhi = nxt.indent + len(nxt.text.expandtabs(8))
                b.underlined = rlo <= hi and rhi >= lo


def _adjacent(text: str, a: Block, b: Block) -> bool:
    """True when ``b`` is on the line right after ``a`` (no blank line between)."""
    return text.count("\n", a.end, b.start) <= 1
