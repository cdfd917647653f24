"""Document.info builds DocumentInfo without validation (model.trusted): the values must
already have the fields' types, so validating them gives the same instance."""

from __future__ import annotations

from pathlib import Path

import pytest

from eightk.containers import read_submission
from eightk.model import DocumentInfo
from tests.conftest import CORPUS, SAMPLES


def _same_as_validated(data: bytes) -> int:
    n = 0
    for doc in read_submission(data).documents:
        info = doc.info()
        validated = DocumentInfo.model_validate(info.model_dump())
        assert info == validated
        assert [type(v) for v in info.__dict__.values()] == [type(v) for v in validated.__dict__.values()]
        assert info.model_dump_json() == validated.model_dump_json()
        n += 1
    return n


def _submission(docs: list[tuple[str, str]]) -> bytes:
    parts = [b"<SEC-DOCUMENT>0000000000-26-000001.txt : 20260101\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n"
             b"</SEC-HEADER>\n"]
    for i, (kind, body) in enumerate(docs, 1):
        parts.append(f"<DOCUMENT>\n<TYPE>{kind}\n<SEQUENCE>{i}\n<FILENAME>d{i}.htm\n<DESCRIPTION>doc {i}\n<TEXT>\n"
                     f"{body}\n</TEXT>\n</DOCUMENT>\n".encode())
    return b"".join(parts) + b"</SEC-DOCUMENT>\n"


def test_every_format_and_encoding_gives_the_validated_info() -> None:
    data = _submission([
        ("8-K", "<html><body><p>Item 8.01 Other Events. Caf\u00e9</p></body></html>"),
        ("EX-99.1", "plain text, ASCII only"),
        ("EX-101.INS", "<XBRL>\n<?xml version='1.0'?><xbrl></xbrl>\n</XBRL>"),
        ("GRAPHIC", "begin 644 logo.jpg\nM_]C_X``02D9)1@`!`0$`8`!@``#_VP!#``@&!@<&!0@'!P<)\"0@*#!0-\n`\nend"),
        ("EX-99.2", ""),
        ("PDF", "<PDF>\nJVBERi0xLjQ=\n</PDF>"),
    ])
    assert _same_as_validated(data) == 6
    latin = _submission([("8-K", "Item 8.01 Other Events")]).replace(b"Events", b"\xe9v\xe9nements")
    assert _same_as_validated(latin) == 1


def test_samples_and_corpus_give_the_validated_info() -> None:
    files = sorted(SAMPLES.iterdir())
    if CORPUS.is_dir():  # every corpus 8-K too, where ../shared is present
        from tests.conftest import load_inventory

        files += [CORPUS / r["file"] for r in load_inventory() if r["role"] == "8-K filing"]
    n = sum(_same_as_validated(Path(f).read_bytes()) for f in files if Path(f).is_file())
    assert n >= len(files)


def test_ascii_text_is_a_part_of_text_and_source_is_in_place() -> None:
    data = _submission([("8-K", "<p>Item 8.01 Other Events</p>"), ("EX-99.1", "Caf\u00e9 au lait")])
    ascii_doc, other = read_submission(data).documents
    assert ascii_doc.encoding == "ascii"
    text = ascii_doc.text
    for a, b in [(0, len(text)), (3, 11), (0, 0), (5, 10_000), (-4, 4), (9, 2)]:
        assert ascii_doc.ascii_text(a, b) == text[max(0, a):max(max(0, a), min(b, len(text)))]
    source, start, end = ascii_doc.source
    assert source is data and source[start:end] == ascii_doc.raw
    with pytest.raises(ValueError, match="not ASCII"):
        other.ascii_text(0, 3)
