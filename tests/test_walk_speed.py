"""The shortcuts of the compiled HTML walk (eightk.documents._cwalk) that tests/test_cwalk.py
does not name: they are checked there too, as every view the compiled walk makes is compared
with the Python walk's (field for field, and the blocks' fields of the same types)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from eightk.documents import html
from eightk.documents.blocks import Block, Cell
from tests.conftest import unavailable


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
