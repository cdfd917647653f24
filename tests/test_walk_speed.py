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


_FACT_WORDS = st.sampled_from(["Acme", "caf\u00e9", "\u4e2d\u6587", "\U0001f600", "\U000f0001", "\U0010fffd", " ",
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
