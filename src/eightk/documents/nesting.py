"""How deep an HTML document nests, read before it is parsed, and a shallower copy of it.

The HTML parser (Lexbor) checks the stack of open elements when a block element opens (is
there a ``<p>`` to close?), so each level of nesting makes every later block element slower:
100,000 nested ``<div>`` took over a minute. Real filings nest a few dozen levels deep. So a
cheap pass over the tags (a regex and a stack of names, no tree) estimates the depth the parser
will reach, and past :data:`MAX_DEPTH` the document is parsed from a copy in which the tags
nested deeper than that are left out, block-level ones replaced by ``<br>``.

Why that fallback: it keeps every character of text, in order, and the line breaks between
blocks, so the grammar still finds the items and amounts written down there; only the
structure below the cap (a table nested a thousand levels down, bold or italics there) is
lost, and the anomaly says so. Cutting the document at the cap would lose text; parsing it as
plain text would lose the tables and the hidden parts of the shallow, readable structure too.

The estimate follows the HTML rules that keep real documents shallow: void elements
(``<br>``, ``<img>``) hold nothing, an end tag closes the elements left open inside it, and a
new ``<p>``, ``<li>``, ``<td>``, ``<tr>``... closes the open one of its kind. It can only be
an estimate (the tree builder has many more rules), which is why the cap is far above any
real document: the deepest HTML document of the development corpus reaches 17 levels.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from eightk.compiled import compiled

#: Levels of nesting the parser is given at most.
MAX_DEPTH = 256

_TAG_RE = re.compile(rb"<(/?)([A-Za-z][A-Za-z0-9:_.-]*)|<!--(?:[^-]|-(?!->))*(?:-->|\Z)")
_VOID = frozenset(
    b"area base br col embed hr img input keygen link meta param source track wbr basefont bgsound frame isindex"
    b" spacer".split()
)
#: An element of one of these groups opening closes the open one of its group (and what is
#: left open inside it), as the tree builder's implied end tags do.
_GROUP = {
    b"p": b"p", b"li": b"li", b"dt": b"d", b"dd": b"d", b"option": b"option", b"tr": b"tr", b"td": b"t",
    b"th": b"t", b"thead": b"tb", b"tbody": b"tb", b"tfoot": b"tb",
}
_BLOCK = frozenset(
    b"p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote center pre address section article header footer nav"
    b" aside main form fieldset figure figcaption caption table thead tbody tfoot tr td th body html".split()
)


def _scan(data: bytes, cap: int) -> list[tuple[int, int, bool]]:
    """The tags whose element would nest deeper than ``cap`` (and their end tags), as
    (start, end, is a block element). The same rules as :func:`nesting_depth`, which runs on
    every document; this runs only on the rare one found too deep."""
    stack: list[tuple[bytes, bool]] = []  # (group key, whether this element is left out)
    open_count: dict[bytes, int] = {}
    drops: list[tuple[int, int, bool]] = []
    for m in _TAG_RE.finditer(data):
        name = m.group(2)
        if name is None:  # a comment
            continue
        name = name.lower()
        if name in _VOID:
            continue
        key = _GROUP.get(name, name)
        closing = bool(m.group(1))
        if closing or name in _GROUP:
            # an end tag closes its element and what is left open inside it; a <p>, <li>, <td>...
            # closes the open one of its kind the same way
            dropped = False
            if open_count.get(key):
                while True:
                    k, dropped = stack.pop()
                    open_count[k] -= 1
                    if k == key:
                        break
            if closing:
                if dropped:
                    gt = data.find(b">", m.end(), m.end() + 4096)
                    drops.append((m.start(), gt + 1 if gt >= 0 else m.end(), name in _BLOCK))
                continue
        dropped = len(stack) >= cap
        if dropped:
            gt = data.find(b">", m.end(), m.end() + 4096)
            drops.append((m.start(), gt + 1 if gt >= 0 else m.end(), name in _BLOCK))
        stack.append((key, dropped))
        open_count[key] = open_count.get(key, 0) + 1
    return drops


#: A tag's name with its "/" (b"div", b"/div"), or b"" for a comment. One group, so that
#: ``findall`` returns bytes rather than tuples, and no void-element lookahead (a set lookup
#: afterwards is cheaper). Measured over the corpus's 19 MB of HTML primary documents: the
#: ``findall`` 0.11 s against 0.21 s, the whole estimate 0.24 s against 0.27 s.
_TOKEN_RE = re.compile(rb"<(?:(/?[a-z][a-z0-9:_.-]*)|!--(?:[^-]|-(?!->))*(?:-->|\Z))")


#: What a token does in :func:`nesting_depth`: nothing (a comment, a void element), open an
#: element, open an element of a group (closing the open one of its group first), close one.
_NOTHING, _OPEN, _GROUP_OPEN, _CLOSE = 0, 1, 2, 3


def _token_action(tok: bytes) -> tuple[int, bytes]:
    """(what ``tok`` does, the key of its element) for :func:`nesting_depth`."""
    if not tok:  # a comment
        return _NOTHING, b""
    closing = tok[0] == 47  # b"/"
    name = tok[1:] if closing else tok
    if name in _VOID:
        return _NOTHING, b""
    key = _GROUP.get(name, name)
    if closing:
        return _CLOSE, key
    return (_GROUP_OPEN if name in _GROUP else _OPEN), key


def nesting_depth(data: bytes) -> int:
    """The depth of element nesting an HTML5 parser reaches on ``data`` (an estimate).

    :mod:`eightk.documents._cnesting` is the same scan compiled (too_deep uses it where it was
    built; ``tests/test_cwalk.py`` compares the two): a change here is made there too.

    The rules of :func:`_scan` without the positions it needs to rewrite the document: this
    runs on every HTML document, so it reads ``findall`` tokens of the lower-cased bytes
    rather than match objects, and what each distinct token does is worked out once per
    document (a document has a few dozen distinct tokens; measured over the corpus's HTML
    documents, the estimate takes 10% less than deciding it token by token). A measured hot
    loop, hence one function."""
    stack: list[bytes] = []
    open_count: dict[bytes, int] = {}
    max_depth = 0
    actions: dict[bytes, tuple[int, bytes]] = {}
    for tok in _TOKEN_RE.findall(data.lower()):
        action = actions.get(tok)
        if action is None:
            action = actions[tok] = _token_action(tok)
        what, key = action
        if what == _NOTHING:
            continue
        if what != _OPEN:  # an end tag, or a <p>, <li>, <td>... closing the open one of its kind
            if stack and stack[-1] == key:  # the common case: the innermost element closes
                stack.pop()
                open_count[key] -= 1
            elif open_count.get(key):
                while True:
                    k = stack.pop()
                    open_count[k] -= 1
                    if k == key:
                        break
            if what == _CLOSE:
                continue
        stack.append(key)
        open_count[key] = open_count.get(key, 0) + 1
        if len(stack) > max_depth:
            max_depth = len(stack)
    return max_depth


#: Rounds of pair removal :func:`_surely_shallow` makes at most, over all keys (31 at most
#: on the corpus's documents): past them the exact scan decides. Each round reads the tags of
#: a key: on 100,000 nested ``<div>``, 64 rounds cost 1.3 times the scan, ``cap`` rounds 3 times.
_MAX_ROUNDS = 64
#: For each i below 127, the byte values other than 2i and 2i+1: what ``bytes.translate``
#: deletes to keep the opens (2i) and closes (2i+1) of one key in :func:`_surely_shallow`.
_OTHER_BYTES = [bytes(b for b in range(256) if b >> 1 != i) for i in range(127)]


def _surely_shallow(data: bytes, cap: int) -> bool:
    """Whether the estimate of :func:`nesting_depth` is surely ``cap`` or less, from a bound
    worked out by bytes operations instead of a Python loop over the tags; False when the
    bound does not prove it, and :func:`nesting_depth` decides. Measured over the corpus's
    HTML documents: 1.20 ms against 1.57 ms per filing; the bound is 35 at most there.

    The bound is a sum over the keys of the estimate's stack. A key of a group (``<p>``,
    ``<td>``...) is open once at most: its element closes the open one first (when an element
    that is not of the group has the group's key, a ``<t>``, there is no such bound: False).
    Any other key is open at most as often as its opens not yet matched by an end tag of it:
    the nesting of its matched open/end pairs (the rounds of removing adjacent pairs until none
    is left) plus its opens never matched. A hostile document costs :data:`_MAX_ROUNDS` rounds
    over its tags at most before the exact scan."""
    tokens = _TOKEN_RE.findall(data.lower())
    if len(tokens) <= cap:  # fewer elements than the cap (a token a tag or comment): nothing to bound
        return True
    actions = {tok: _token_action(tok) for tok in set(tokens)}
    groups = {key for what, key in actions.values() if what == _GROUP_OPEN}
    if any(what == _OPEN and key in groups for what, key in actions.values()):
        return False
    index: dict[bytes, int] = {}
    code: dict[bytes, int] = {}
    for tok, (what, key) in actions.items():
        if what == _NOTHING or key in groups:
            code[tok] = 255
            continue
        i = index.setdefault(key, len(index))
        if i >= len(_OTHER_BYTES):
            return False
        code[tok] = 2 * i + (what == _CLOSE)
    seq = bytes(map(code.__getitem__, tokens))  # one byte a tag
    bound = len(groups)
    rounds = 0
    for i in range(len(index)):
        pairs = seq.translate(None, _OTHER_BYTES[i])
        pair = bytes((2 * i, 2 * i + 1))
        while pair in pairs:
            pairs = pairs.replace(pair, b"")
            bound += 1
            rounds += 1
            if bound > cap or rounds > _MAX_ROUNDS:
                return False
        bound += pairs.count(2 * i)
        if bound > cap:
            return False
    return True


def too_deep(data: bytes, cap: int = MAX_DEPTH) -> int | None:
    """The nesting depth of ``data`` when it is over ``cap``, else None. A document of fewer
    tags than ``cap`` cannot nest deeper, nor one :func:`_surely_shallow` clears: both are
    answered without the exact scan (the first by :func:`_surely_shallow` too: counting the
    ``<`` first cost 5% of the estimate, and only saves time on documents too small to matter).
    Where the compiled scan was built, it runs on every document: it costs less than the
    shortcut."""
    if _COMPILED_DEPTH is not None:  # the same estimate in C: no need of the shortcut
        depth = _COMPILED_DEPTH(data)
    elif _surely_shallow(data, cap):
        return None
    else:
        depth = nesting_depth(data)
    return depth if depth > cap else None


def flatten(data: bytes, cap: int = MAX_DEPTH) -> bytes:
    """``data`` without the tags nested deeper than ``cap``; block-level ones become ``<br>``."""
    drops = _scan(data, cap)
    parts: list[bytes] = []
    last = 0
    for start, end, block in drops:
        parts.append(data[last:start])
        if block:
            parts.append(b"<br>")
        last = end
    parts.append(data[last:])
    return b"".join(parts)


#: The elements whose tokens the compiled estimate decides once, at import (the others once per
#: document): the ones of the rules above, the inline ones documents use most and the inline
#: XBRL ones.
_KNOWN = sorted(_VOID | _BLOCK | _GROUP.keys() | set(
    b"span font a b i u s em strong small big sup sub strike tt code ins del abbr label title head meta style"
    b" script link img ix:header ix:hidden ix:references ix:resources ix:nonnumeric ix:nonfraction ix:exclude"
    b" ix:continuation ix:footnote link:schemaref xbrli:context xbrli:entity xbrli:segment xbrli:period"
    b" xbrli:startdate xbrli:enddate xbrli:instant xbrli:unit xbrli:measure xbrli:divide".split()))


def _compiled_depth() -> Any:
    """:func:`nesting_depth` compiled (:mod:`eightk.documents._cnesting`) when it was built and
    ``EIGHTK_PYTHON_WALK=1`` does not ask for the Python code; else None."""
    module = compiled("eightk.documents._cnesting")
    if module is None:
        return None
    return functools.partial(module.nesting_depth, rules=module.Rules(_token_action, _KNOWN))


#: the compiled estimate :func:`too_deep` uses (set once, at import)
_COMPILED_DEPTH = _compiled_depth()
