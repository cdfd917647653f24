"""The container reader's windowed searches and lazy format detection, on synthetic inputs."""

from __future__ import annotations

import pytest

from eightk import read_submission
from eightk.containers import submission as sub_mod
from eightk.containers.submission import _WINDOW, _find_windowed, detect_format


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
