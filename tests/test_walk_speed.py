"""The shortcuts of the compiled HTML walk (eightk.documents._cwalk) that tests/test_cwalk.py
does not name: they are checked there too, as every view the compiled walk makes is compared
with the Python walk's (field for field, and the blocks' fields of the same types)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eightk.documents import html
from eightk.documents.blocks import Block, Cell
from tests.conftest import unavailable
from tests.test_cwalk import _same


@pytest.fixture(scope="module")
def cwalk():
    if html._COMPILED_WALK is None:
        unavailable("the compiled HTML walk (eightk.documents._cwalk) is not built: `make install` builds it")
    from eightk.documents import _cwalk  # type: ignore[attr-defined]

    return _cwalk


def test_blocks_and_cells_are_made_without_init(cwalk):
    """The compiled walk sets Block's and Cell's slots itself (setup checked it can): so the
    comparisons of tests/test_cwalk.py check that way of making them."""
    assert cwalk.fast_classes() == (True, True)
    view = html.html_view("<p>a</p><table><tr><td>1</td><td></td><td colspan=2>2</td></tr></table>")
    assert repr(view.blocks) == repr([
        Block("a", 0, 1, "paragraph"),
        Block("1 2", 2, 5, "row", [Cell("1", 2, 3), Cell("", 3, 3), Cell("2", 4, 5), Cell("", 5, 5)], 0, False,
              False, False, True, False),
    ])


@dataclass(slots=True)
class _Plain:
    a: str
    b: int = 0


@dataclass(slots=True)
class _Checked:
    a: str
    b: int = 0

    def __post_init__(self) -> None:
        self.b = max(self.b, 0)


@dataclass
class _NoSlots:
    a: str
    b: int = 0


@dataclass(slots=True)
class _Factory:
    a: str
    b: list = field(default_factory=list)


def test_only_plain_slotted_dataclasses_are_made_without_init(cwalk):
    assert cwalk.slots_readable(Block, 12) and cwalk.slots_readable(Cell, 3) and cwalk.slots_readable(_Plain, 2)
    assert cwalk.slots_readable(_Factory, 2)  # its default is the walk's to give (it gives every field)
    assert not cwalk.slots_readable(_Checked, 2)  # __post_init__ would not run
    assert not cwalk.slots_readable(_NoSlots, 2)
    assert not cwalk.slots_readable(_Plain, 3)  # not the fields the walk sets
    assert not cwalk.slots_readable(Block, 11)


_FACT_WORDS = st.sampled_from(["Acme", "caf\u00e9", "\u4e2d\u6587", "\U0001f600", "\U00020000", "\U0010fffd", " ",
                               "\u00a0", "x", "\u2003", "<br>", "<b>", "</b>"])
_FACT = "<ix:nonNumeric name='dei:N{}' contextRef='c'>{}</ix:nonNumeric>"


@st.composite
def _facts_in_blocks(draw):
    """Paragraphs and table cells holding facts whose text is of every string kind (Latin-1,
    two-byte, four-byte characters): the compiled walk looks for fact markers only in strings
    of four-byte characters."""
    parts = []
    for k in range(draw(st.integers(1, 6))):
        text = "".join(draw(st.lists(_FACT_WORDS, max_size=4)))
        around = "".join(draw(st.lists(_FACT_WORDS, max_size=3)))
        fact = _FACT.format(k, text)
        parts.append(draw(st.sampled_from([
            f"<p>{around}{fact}</p>", f"<p>{fact}{around}</p>",
            f"<table><tr><td>{fact}</td><td>{around}</td></tr></table>",
            f"<table><tr><td>{around}</td><td>{around}{fact}</td></tr></table>",
        ])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_facts_in_blocks())
def test_fact_spans_in_text_of_every_kind(cwalk, text):
    _same(html._COMPILED_WALK, text)


_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]


def test_utf8_white_space_is_what_str_split_splits_on(cwalk):
    """The compiled walk folds text past ASCII itself: the characters it takes for white space
    are those of str.isspace (what str.split splits on), every one of them and no other."""
    for c in range(0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        data = chr(c).encode()
        assert cwalk.utf8_space(data + b"x") == (len(data) if chr(c).isspace() else 0), hex(c)
        assert cwalk.utf8_length(data + b"x") == len(data), hex(c)


_BAD_UTF8 = [b"\x80", b"\xbf", b"\xc0\x80", b"\xc1\xbf", b"\xc2", b"\xc2x", b"\xe0\x80\x80", b"\xe0\x9f\xbf",
             b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xe2\x80", b"\xf0\x80\x80\x80", b"\xf0\x8f\xbf\xbf",
             b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80", b"\xff", b"\xf0\x90\x80", b"\xe2\x28\xa1"]


def _well_formed(cwalk, data: bytes) -> bool:
    """Whether the compiled walk reads ``data`` as UTF-8, sequence by sequence."""
    i = 0
    while i < len(data):
        k = cwalk.utf8_length(data[i:])
        if k == 0:
            return False
        i += k
    return True


@pytest.mark.parametrize("data", _BAD_UTF8, ids=range(len(_BAD_UTF8)))
def test_malformed_utf8_is_left_to_python(cwalk, data):
    """Text that is not well-formed UTF-8 goes to Python's decoder (which replaces what it
    cannot read)."""
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert not _well_formed(cwalk, data)


@settings(max_examples=500, deadline=None)
@given(st.binary(max_size=12))
def test_utf8_is_well_formed_where_python_decodes_it(cwalk, data):
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert not _well_formed(cwalk, data)
    else:
        assert _well_formed(cwalk, data)


_TEXT_WORDS = st.sampled_from(["Acme", "caf\u00e9", "\u4e2d\u6587", "\U0001f600", "x", " ", "\n", "", "&nbsp;",
                               "\u00a0", "\u2003", "\u3000", "\u1680", "\u2028", "\u205f", "\u202f", "\u200a",
                               "\u2010", "\u3001", "\u1681", "\u2030", "\u00b7"])


@st.composite
def _texts_past_ascii(draw):
    """Text past ASCII (every kind of white space, and characters next to them) in paragraphs,
    cells, bold, hidden and <pre> parts."""
    parts = []
    for _ in range(draw(st.integers(1, 8))):
        text = "".join(draw(st.lists(_TEXT_WORDS, max_size=6)))
        parts.append(draw(st.sampled_from(["<p>{}</p>", "{}", "<b>{}</b>", "<td>{}</td>", "<tr><td>{}</td><td>x</td>",
                                           "<span style='display:none'>{}</span>", "<pre>{}</pre>", "<br>{}"]))
                     .format(text))
    return "".join(parts)


@settings(max_examples=400, deadline=None)
@given(_texts_past_ascii())
def test_text_past_ascii_folds_the_same(cwalk, text):
    _same(html._COMPILED_WALK, text)


def test_lexbor_names_its_own_tags_the_same_everywhere(cwalk):
    """The compiled walk remembers the kind of each of Lexbor's own tags (ids below 512) for
    every document: each name of a tag id must then be of one kind, whatever its case, namespace
    or place (an SVG tag is named in camel case there and in lower case elsewhere: both are
    inline), and a tag whose name the walk reads again (iXBRL, blocks, styles) has one name."""
    from selectolax.lexbor import LexborHTMLParser

    markup = ("<HTML><Body><P>a<B>b</B><b>c</b><svg><foreignObject><b>d</b><TD>e</TD></foreignObject><title>t"
              "</title><desc>x</desc><clipPath/></svg><math><mi>z</mi><mtext>m</mtext><annotation-xml "
              "encoding='text/html'><div>w</div></annotation-xml></math><TABLE><TR><TD>1<TH>2</TABLE><Center>c"
              "</Center><FONT>f</FONT><ix:nonNumeric>n</ix:nonNumeric><p:x>y</p:x><!-- c --><Br><HR><pre>p</pre>"
              "<select><option>o</option></select><template><td>t</td></template><noscript>n</noscript>"
              "<foreignObject>h</foreignObject><clipPath>h</clipPath><LinearGradient>h</LinearGradient>")
    names: dict[int, set[str]] = {}
    for text in (markup, markup.lower(), markup.upper(), "<svg>" + markup + "</svg>", "<math>" + markup + "</math>"):
        root = LexborHTMLParser(text).root
        assert root is not None
        for node in root.traverse(include_text=True):
            if node.tag_id < 512:
                names.setdefault(node.tag_id, set()).add(node.tag)
    assert len(names) > 20
    kinds = {k: {html._tag_kind(name) for name in v} for k, v in names.items()}
    assert {k: v for k, v in kinds.items() if len(v) > 1} == {}
    assert {k: v for k, v in names.items() if len(v) > 1 and kinds[k] != {html._K_INLINE}} == {}
    assert any(len(v) > 1 for v in names.values())  # (foreignObject and foreignobject)


def _state(ix) -> list:
    return [repr(getattr(ix, name)) for name in type(ix).__slots__]


@pytest.mark.parametrize("tag", ["xbrli:entity", "xbrli:identifier", "xbrli:period", "xbrli:segment", "ix:hidden",
                                 "ix:references", "ix:resources", "link:schemaref", "xbrli:unit", "xbrli:measure",
                                 "xbrldi:explicitMember", "xbrli:Context", "ix:continuation", None])
def test_the_collector_does_nothing_with_other_elements(tag):
    """The compiled walk reports to IxCollector.start_other and end_other only the elements of
    ixbrl.OTHER_TAGS: with any other, in any state (inside a context, a member, a date), the
    two leave the collector as it was."""
    from eightk.documents.ixbrl import OTHER_TAGS, IxCollector

    assert tag not in OTHER_TAGS
    ix = IxCollector()
    steps = [("xbrli:context", "c", None), ("xbrldi:explicitmember", None, "d"), ("xbrli:startdate", None, None),
             ("xbrli:instant", None, None)]
    for opened, ident, dimension in [(None, None, None)] + steps:
        if opened is not None:
            ix.start_other(opened, ident, dimension)
        ix.text("2024-01-01")
        before = _state(ix)
        ix.start_other(tag, "x", "y")
        assert _state(ix) == before
        ix.end_other(tag)
        assert _state(ix) == before
    for closed, _, _ in reversed(steps):
        ix.end_other(closed)
        before = _state(ix)
        ix.start_other(tag, None, None)
        ix.end_other(tag)
        assert _state(ix) == before
    assert list(ix.contexts["c"]["dimensions"]) == ["d"]



_MEANINGS = ("font-weight:bold", "font-weight:normal", "display:none", "text-decoration:underline", "text-align:center",
             "page-break-before:always", "color:red", "FONT-WEIGHT:BOLD", "text-align:left")


def _styles_in_one_slot(cwalk) -> list[str]:
    """Styles of different meanings that fall in one slot of the compiled walk's style memo
    (which keeps the last style met at each slot, reused when its bytes are the same)."""
    by_slot: dict[int, list[str]] = {}
    for i in range(100_000):
        style = f"{_MEANINGS[i % len(_MEANINGS)]};margin:{i}pt"
        same = by_slot.setdefault(cwalk.style_slot(style.encode()), [])
        same.append(style)
        if len({s.split(";")[0] for s in same}) >= 4:
            return same
    raise AssertionError("no four styles of different meanings share a slot")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["span", "p", "td", "div"]), st.integers(0, 20)), max_size=30))
def test_styles_sharing_a_memo_slot_read_by_their_own_bytes(cwalk, elements):
    """Elements whose styles share a slot of the style memo, in any order: each is read as its
    own style (the Python walk reads every style afresh)."""
    styles = _styles_in_one_slot(cwalk)
    assert len({cwalk.style_slot(s.encode()) for s in styles}) == 1
    body = "".join(f"<{tag} style='{styles[k % len(styles)]}'>w{i}</{tag}>" for i, (tag, k) in enumerate(elements))
    _same(html._COMPILED_WALK, f"<table><tr><td>a</td>{body}</tr></table><p>{body}</p>")


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(-5, 120).map(str), st.text("0123456789 +-_x٣", max_size=4)))
def test_colspan_read_in_c_as_in_python(cwalk, attr):
    """The compiled walk reads a colspan of one or two ASCII digits itself: as html._colspan
    does (1 to 20), and any other by html._colspan."""
    raw = attr.encode()
    assert cwalk.colspan(raw) == (html._colspan(attr) if attr else 1)
    for n in range(100):
        assert cwalk.colspan(str(n).encode()) == html._colspan(str(n))
        assert cwalk.colspan(f"{n:02d}".encode()) == html._colspan(f"{n:02d}")
