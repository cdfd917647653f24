"""The container reader's searches (the windowed Python one and the compiled one,
eightk.containers._cfind, each against bytes.find) and lazy format detection, on synthetic
inputs. Where _cfind is not built (no C compiler at install) its tests skip on a user's
machine; under CI=true they fail: CI builds it."""

from __future__ import annotations

import hashlib
import mmap
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eightk import read_submission
from eightk.containers import submission as sub_mod
from eightk.containers.submission import _WINDOW, _find_windowed, detect_format
from tests.conftest import unavailable


@pytest.fixture(scope="module")
def cfind():
    module = sub_mod._CFIND
    if module is None:
        unavailable("the compiled byte search (eightk.containers._cfind) is not built: `make install` builds it "
                    "with the C compiler; without one the split searches in Python")
    # the split and the format detection use them
    assert sub_mod._find is module.find and sub_mod._is_ascii is module.is_ascii
    assert sub_mod._looks_binary is module.looks_binary
    return module.find


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300), st.binary(min_size=1, max_size=6), st.integers(0, 320), st.integers(0, 320))
def test_compiled_find_is_bytes_find(cfind, data, needle, start, end):
    data = data + needle + data[: len(data) // 2]  # a match in most examples, sometimes two
    assert cfind(data, needle, start, end) == data.find(needle, start, end)
    assert cfind(data, needle, start, len(data)) == data.find(needle, start)


@pytest.mark.parametrize("needle", [b"DOCUMENT>", b"<ix:header", b"ab", b"</TEXT>"])
def test_compiled_find_at_every_offset_and_near_miss(cfind, needle):
    """Matches at every offset of the 16-byte steps, after near misses: the needle with its
    first byte wrong, and with a byte between its second and last wrong."""
    misses = [b"#" + needle[1:]] + ([needle[:2] + b"#" + needle[3:]] if len(needle) > 3 else [])
    for near in misses:
        for at in range(0, 70):
            data = (near * 70)[:at] + needle + b"tail" * 9
            for start in (0, 1, at):
                assert cfind(data, needle, start, len(data)) == data.find(needle, start), (near, at, start)
            assert cfind(data, needle, 0, at + len(needle) - 1) == -1
            assert cfind(data, needle, at + 1, len(data)) == data.find(needle, at + 1)


def test_compiled_find_reads_any_buffer(cfind):
    data = b"<DOCUMENT>" * 3 + b"x" * 70_000 + b"</DOCUMENT>"
    with tempfile.TemporaryFile() as f:
        f.write(data)
        f.flush()
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
            for buf in (mapped, bytearray(data), memoryview(data)):
                assert cfind(buf, b"</DOCUMENT>", 5, len(data)) == data.find(b"</DOCUMENT>", 5)
                assert cfind(buf, b"</DOCUMENT>", 5, len(data) - 1) == -1
    assert cfind(b"", b"x", 0, 0) == -1
    with pytest.raises(ValueError, match="non-empty needle"):
        cfind(data, b"", 0, 3)


def test_compiled_find_was_built_from_this_source(cfind):
    """A module compiled from an older .pyx would search by older rules: `make install` rebuilds
    it when the source changes, and this fails when it did not."""
    from eightk.containers import _cfind  # type: ignore[attr-defined]

    source = Path(sub_mod.__file__).with_name("_cfind.pyx")
    assert hashlib.sha256(source.read_bytes()).hexdigest() == _cfind.SOURCE_SHA256


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=64), st.integers(0, 70), st.integers(0, 70))
def test_compiled_ascii_test_is_isascii(cfind, data, start, end):
    from eightk.containers import _cfind  # type: ignore[attr-defined]

    data = data + bytes(range(40, 120)) + data  # ASCII runs longer than a word, around what was drawn
    assert _cfind.is_ascii(data, start, end) == data[start:end].isascii()
    assert _cfind.is_ascii(memoryview(data), start, len(data)) == data[start:].isascii()


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200), st.sampled_from([b"", b"text\n", b"\x1b[0m", b"\x01\x02", b"\t\r\n\x0b\x0c"]),
       st.integers(0, 10), st.integers(0, 40), st.integers(0, 500))
def test_compiled_binary_test_is_looks_binary(cfind, data, filler, times, start, end):
    from eightk.containers import _cfind  # type: ignore[attr-defined]

    # runs of text or control bytes around what was drawn: shares of control bytes on both
    # sides of the 5% line, NULs or none
    data = filler * times + data + filler * (times // 2)
    assert _cfind.looks_binary(data, start, end) == sub_mod.looks_binary(data[start:end])
    assert _cfind.looks_binary(memoryview(data), start, end) == sub_mod.looks_binary(data[start:end])


def test_the_binary_test_takes_the_share_of_control_bytes_to_the_byte(cfind):
    from eightk.containers import _cfind  # type: ignore[attr-defined]

    for control in range(0, 12):  # 5% of 200 bytes is 10: over it is binary, at it is not
        data = b"\x01" * control + b"a" * (200 - control)
        assert _cfind.looks_binary(data, 0, 200) == sub_mod.looks_binary(data) == (control > 10)


def test_an_ascii_document_is_decoded_in_place_the_others_as_before():
    texts = [b"plain ascii text\n", "caf\u00e9 utf-8\n".encode(), b"cp1252 \x93quoted\x94\n"]
    docs = read_submission(_submission(texts)).documents
    assert [d.encoding for d in docs] == ["ascii", "utf-8", "cp1252"]
    assert [d.text for d in docs] == [t.decode(e) for t, e in zip(texts, ["ascii", "utf-8", "cp1252"], strict=True)]


def test_text_from_a_mapped_file_leaves_the_map_closable(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(_submission([b"plain ascii text\n"]))
    with path.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        doc = read_submission(mapped).documents[0]
        assert (doc.encoding, doc.text) == ("ascii", "plain ascii text\n")
        del doc
        mapped.close()  # no view of it is left open (BufferError otherwise)


def test_python_search_on_request():
    code = ("from eightk.containers import submission as s;"
            "print(s._find is s._find_windowed and s._is_ascii is s._python_is_ascii"
            " and s._looks_binary is s._python_looks_binary)")
    env = {**os.environ, "EIGHTK_PYTHON_WALK": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert out.split() == ["True"]


@pytest.mark.parametrize("shift", range(-12, 13))
def test_windowed_find_matches_find_across_window_edges(shift):
    needle = b"</DOCUMENT>"
    for copies in (1, 3):
        pos = _WINDOW * copies + shift
        data = b"x" * pos + needle + b"y" * 50 + needle
        for start in (0, 7, _WINDOW - 3):
            assert _find_windowed(data, needle, start, len(data)) == data.find(needle, start)
        assert _find_windowed(data, needle, 0, pos + len(needle) - 1) == -1
        assert _find_windowed(data, b"absent", 0, len(data)) == -1


def _submission(texts: list[bytes]) -> bytes:
    docs = b"".join(
        b"<DOCUMENT>\n<TYPE>EX-99.%d\n<SEQUENCE>%d\n<TEXT>\n%s</TEXT>\n</DOCUMENT>\n" % (i, i, t)
        for i, t in enumerate(texts, 1)
    )
    return b"<SEC-DOCUMENT>x.txt : 20240101\n<SEC-HEADER>x.hdr.sgml : 20240101\n" \
        b"ACCESSION NUMBER:\t0000000000-24-000001\n</SEC-HEADER>\n" + docs + b"</SEC-DOCUMENT>\n"


@pytest.mark.parametrize("pad", [_WINDOW - 40, _WINDOW - 17, _WINDOW, 2 * _WINDOW + 5])
def test_documents_split_at_window_edges(pad):
    texts = [b"a" * pad + b"\n", b"<html><body><p>two</p></body></html>\n", b"b" * (pad // 2) + b"\n"]
    docs = read_submission(_submission(texts)).documents
    assert [d.raw for d in docs] == texts
    assert [d.format for d in docs] == ["text", "html", "text"]


def test_format_is_detected_once_and_narrows_a_wrapper(monkeypatch):
    calls = []
    real = sub_mod.detect_format

    def counting(data, start, end):
        calls.append((start, end))
        return real(data, start, end)

    monkeypatch.setattr(sub_mod, "detect_format", counting)
    data = _submission([b"<XBRL>\n<?xml version='1.0'?><xbrl></xbrl>\n</XBRL>\n"])
    doc = read_submission(data).documents[0]
    assert calls == []  # splitting does not look into the document
    assert doc.format == "xml"
    assert doc.raw.strip() == b"<?xml version='1.0'?><xbrl></xbrl>"
    detected = len(calls)  # the wrapper and what it wraps
    _ = doc.text, doc.size, doc.info(), doc.is_text
    assert len(calls) == detected == 2
    assert (doc.format, doc.start, doc.end) == detect_format(data, *calls[0])


@pytest.mark.parametrize("wrapped", [b"<XML>\nplain words\n</XML>\n", b"<PDF>\nJVBERi0xLjQK\n</PDF>\n"])
def test_detecting_again_gives_the_same_answer(wrapped):
    # two threads may both find the format undetected and detect it: the second must not
    # look inside the span the first narrowed (it would call wrapped text "text", not "xml")
    doc = read_submission(_submission([wrapped])).documents[0]
    first = (doc.format, doc.start, doc.end)
    assert first[0] in ("xml", "pdf")
    assert doc._detect() == first[0]
    assert (doc.format, doc.start, doc.end) == first
