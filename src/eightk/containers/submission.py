"""The submission reader: bytes in, a :class:`Submission` (header + documents) out.

Pure: no file system, network or global state. Handles EDGAR full submissions
(``<SEC-DOCUMENT>``, the 1990s PEM-wrapped ``<IMS-DOCUMENT>``), feed files
(``<SUBMISSION>``, tag-style header), lone ``<DOCUMENT>`` blocks and lone documents.

Hand-written rather than a generic SGML parser: EDGAR's container is not valid SGML
(unclosed tags, no DTD, arbitrary text inside ``<TEXT>``), and splitting with
``bytes.find`` on a handful of fixed markers is what makes it run at hundreds of MB/s.
Documents keep byte offsets into the source; their format (and the span inside an
``<XBRL>``/``<XML>``/``<PDF>`` wrapper) is detected, and their text decoded, on first use.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from eightk.compiled import compiled
from eightk.containers.encoding import decode
from eightk.containers.header import build_header, parse_sgml_header, parse_tag_header, small_int
from eightk.errors import InputError
from eightk.model import Anomaly, Container, DocFormat, DocumentInfo, Header

TEXT_FORMATS = frozenset({"text", "html", "ixbrl", "xml"})
#: ``Document.encoding`` decodes documents up to this size to find their encoding.
_ENCODING_PROBE_MAX = 32 << 20


class Document:
    """One ``<DOCUMENT>`` of a submission (or the whole input, for a lone document)."""

    __slots__ = (
        "_source", "sequence", "type", "filename", "description", "_span", "_start", "_end",
        "_format", "_text", "_encoding",
    )

    def __init__(
        self, source: bytes, *, sequence: int, type: str | None, filename: str | None,
        description: str | None, start: int, end: int, format: DocFormat | None = None,
    ) -> None:
        self._source = source
        self.sequence = sequence
        self.type = type
        self.filename = filename
        self.description = description
        self._span = (start, end)  # as given: what detection reads, never narrowed
        self._start = start
        self._end = end
        # None: ``start:end`` is the text between the container's tags, and the format (and
        # the span inside an <XBRL>/<XML>/<PDF> wrapper) is detected on first use, so that
        # splitting a submission does not look into documents nobody reads
        self._format: DocFormat | None = format
        self._text: str | None = None
        self._encoding: str | None = None

    def _detect(self) -> DocFormat:
        # from the span as given, the format set last: a thread that reads the format while
        # another detects it detects it again, to the same result
        fmt, start, end = detect_format(self._source, *self._span)
        self._start, self._end = start, end
        self._format = fmt
        return fmt

    def __repr__(self) -> str:
        return f"Document(sequence={self.sequence}, type={self.type!r}, format={self.format!r}, size={self.size})"

    @property
    def format(self) -> DocFormat:
        """The document's format (detected from its first bytes on first use)."""
        return self._format if self._format is not None else self._detect()

    @property
    def start(self) -> int:
        """Offset in the source where the document's bytes start."""
        if self._format is None:
            self._detect()
        return self._start

    @property
    def end(self) -> int:
        """Offset in the source where the document's bytes end."""
        if self._format is None:
            self._detect()
        return self._end

    @property
    def size(self) -> int:
        return self.end - self.start

    @property
    def raw(self) -> bytes:
        """The document's bytes as they stand in the source."""
        return bytes(self._source[self.start : self.end])

    @property
    def source(self) -> tuple[bytes, int, int]:
        """The submission's bytes and this document's ``[start, end)`` in them: its bytes read
        in place, without the copy :attr:`raw` makes (a large document searched before it is
        decoded)."""
        return self._source, self.start, self.end

    def ascii_text(self, start: int, end: int) -> str:
        """Characters ``[start, end)`` of a document whose :attr:`encoding` is ASCII, decoded
        from the submission's bytes alone (one byte a character): a part of its :attr:`text`
        without decoding the whole. A ValueError for any other document."""
        if self.encoding != "ascii":
            raise ValueError(f"document {self.sequence} is not ASCII ({self.encoding}): read its text")
        lo, hi = self.start + max(0, start), self.start + min(end, self.size)
        return _ascii_text(self._source, lo, max(lo, hi))

    @property
    def is_text(self) -> bool:
        return self.format in TEXT_FORMATS

    @property
    def text(self) -> str:
        """The decoded text (cached). Binary documents (uuencoded, PDF) have no text: ''."""
        if self._text is None:
            if not self.is_text:
                self._text, self._encoding = "", None
            elif self._encoding == "ascii":  # known from the probe (``encoding``): no copy to test
                self._text = _ascii_text(self._source, self.start, self.end)
            else:
                self._text, self._encoding = decode(self.raw)
        return self._text

    @property
    def encoding(self) -> str | None:
        """The encoding of the text; for documents too large to decode cheaply, only once
        ``text`` has been read (None before)."""
        if self._text is None and self._encoding is None and self.is_text and self.size <= _ENCODING_PROBE_MAX:
            if _is_ascii(self._source, self.start, self.end):  # the common case, without building the text
                self._encoding = "ascii"
            else:
                _ = self.text
        return self._encoding

    def decode_binary(self) -> bytes:
        """The file a uuencoded document carries (``begin 644 name`` ... ``end``)."""
        if self.format != "uuencoded":
            raise ValueError(f"document {self.sequence} is {self.format}, not uuencoded")
        return uudecode(self.raw)

    def info(self) -> DocumentInfo:
        # trusted (no validation): every value below already has its field's type (the
        # container builds them so; tests/test_containers_info.py checks that validating the
        # same values gives the same instance), and validating ~14 documents a filing cost ~2%
        # of a full parse. The span read once the format is known, not through four property
        # calls that each test for it (measured with the encoding below: 0.030 ms/filing of 0.299)
        fmt = self.format
        start, end = self._start, self._end
        return DocumentInfo.trusted({
            "sequence": self.sequence, "type": self.type, "filename": self.filename,
            "description": self.description, "format": fmt, "size": end - start,
            "byte_span": (start, end), "encoding": self.encoding,
        })


@dataclass
class Submission:
    """The container layer's result: what the file is, its header and its documents."""

    container: Container
    size: int
    header: Header | None = None
    header_text: str | None = None
    documents: list[Document] = field(default_factory=list)
    anomalies: list[Anomaly] = field(default_factory=list)
    #: memo for higher layers (e.g. document views), so each is computed once per submission
    cache: dict = field(default_factory=dict, repr=False)

    @property
    def primary(self) -> Document | None:
        """The 8-K document itself: the first document whose type is the form type, else the first."""
        for doc in self.documents:
            if doc.type and doc.type.upper().startswith("8-K") and doc.is_text:
                return doc
        for doc in self.documents:
            if doc.is_text:
                return doc
        return self.documents[0] if self.documents else None


# ---------------------------------------------------------------------------------------------

_PEM_BEGIN = b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----"
_DOC_OPEN = b"<DOCUMENT>"
_DOC_CLOSE = b"</DOCUMENT>"
_TEXT_OPEN = b"<TEXT>"
_TEXT_CLOSE = b"</TEXT>"
_META = re.compile(rb"<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>[ \t]*([^<\r\n]*)", re.I)
_UU_BEGIN = re.compile(rb"^begin [0-7]{3,4} \S", re.M)
_WRAPPERS = ((b"<XBRL>", b"</XBRL>"), (b"<XML>", b"</XML>"), (b"<PDF>", b"</PDF>"))
_IX_SCAN = 1 << 20
_HTML_MARKERS = (
    b"<html", b"<body", b"<div", b"<p>", b"<p ", b"<font", b"<br", b"<!doctype html", b"<tr", b"<td",
    b"<span", b"<center", b"<b>", b"<h1", b"<h2", b"<h3", b"<head",
)
# Any of them, in one pass over the sample: the regex engine looks for "<" in C and tries the
# markers only there (measured: a tenth of the cost of a substring test per marker, which
# scans all of a plain-text sample 17 times).
_HTML_MARKER = re.compile(b"|".join(re.escape(m) for m in _HTML_MARKERS))


#: ``bytes.find`` over fewer than 30,000 bytes runs CPython's simple skip loop, over more its
#: Two-Way search, which on EDGAR text is slower (measured: a fifth more time per byte)
_WINDOW = 29_000


def _find_windowed(data: bytes, needle: bytes, start: int, end: int) -> int:
    """``data.find(needle, start, end)``, searched window by window (see ``_WINDOW``). Where
    :mod:`eightk.containers._cfind` was built, its ``find`` (the C library's ``memmem``,
    twice as fast again) takes this name instead (below)."""
    step = _WINDOW - len(needle) + 1
    while end - start > _WINDOW:
        i = data.find(needle, start, start + _WINDOW)
        if i >= 0:
            return i
        start += step
    return data.find(needle, start, end)


def _python_is_ascii(data: bytes, start: int, end: int) -> bool:
    return bytes(data[start:end]).isascii()


#: the compiled module, when there is one (set once, at import)
_CFIND = compiled("eightk.containers._cfind")
#: the byte search the split uses, and the ASCII test of a document's bytes
_find: Callable[[bytes, bytes, int, int], int] = _CFIND.find if _CFIND is not None else _find_windowed
_is_ascii: Callable[[bytes, int, int], bool] = _CFIND.is_ascii if _CFIND is not None else _python_is_ascii


def _ascii_text(data: bytes, start: int, end: int) -> str:
    """``data[start:end]`` decoded as ASCII (known to be), straight from the file's bytes."""
    with memoryview(data) as view, view[start:end] as part:
        return str(part, "ascii")


def _find_ci(data: bytes, needle: bytes, start: int = 0, end: int | None = None) -> int:
    """``find`` for an upper-case tag, falling back to its lower-case spelling."""
    end = len(data) if end is None else end
    i = data.find(needle, start, end)
    if i < 0:
        i = data.find(needle.lower(), start, end)
    return i


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b < 32 and b != 27)


def looks_binary(sample: bytes) -> bool:
    """True for bytes that are not text: NULs, or many control characters."""
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    # counted in C (bytes.translate deletes them): a Python loop over a large sample took
    # ~1 ms per document
    control = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return control / len(sample) > 0.05


def _python_looks_binary(data: bytes, start: int, end: int) -> bool:
    return looks_binary(bytes(data[start:end]))


#: :func:`looks_binary` of ``data[start:end]``: compiled (:mod:`eightk.containers._cfind`, without
#: the copy) where it was built
_looks_binary: Callable[[bytes, int, int], bool] = (
    _CFIND.looks_binary if _CFIND is not None else _python_looks_binary)


def detect_format(data: bytes, start: int, end: int) -> tuple[DocFormat, int, int]:
    """Detect a document's format from its bytes ``data[start:end]``.

    Returns (format, start, end), the span narrowed to inside an ``<XBRL>``/``<XML>``/``<PDF>``
    wrapper when there is one.
    """
    # skip leading white space
    i = start
    while i < end and data[i] in b" \t\r\n":
        i += 1
    if i >= end:
        return "empty", start, end
    head = bytes(data[i : min(end, i + 16)]).upper()
    for open_, close in _WRAPPERS:
        if head.startswith(open_):
            j = data.rfind(close, i, end)
            if j < 0:
                j = data.rfind(close.lower(), i, end)
            inner_start, inner_end = i + len(open_), (j if j >= 0 else end)
            if open_ == b"<PDF>":
                return "pdf", inner_start, inner_end
            fmt, s, e = detect_format(data, inner_start, inner_end)
            if fmt == "text":
                fmt = "xml"
            return fmt, s, e
    sample = bytes(data[i : min(end, i + 8192)])
    if sample.startswith(b"%PDF"):
        return "pdf", start, end
    # the substring test first: the multi-line regex is tried at every line start (~4 us a document)
    if sample.find(b"begin ", 0, 512) >= 0 and _UU_BEGIN.search(sample, 0, 512):
        return "uuencoded", start, end
    if _looks_binary(data, i, min(end, i + 4096)):
        return "binary", start, end
    low = sample.lower()
    # the split's byte search (_find): a third of the cost of ``in`` over the 8 KB sample
    if _find(low, b"xmlns:ix=", 0, len(low)) >= 0 or _find(low, b"<ix:header", 0, len(low)) >= 0:
        return "ixbrl", start, end
    if low.startswith((b"<?xml", b"<xbrl", b"<xml")) and low.find(b"<html", 0, 2048) < 0:
        return "xml", start, end
    # every marker opens with "<": the regex starts at the first one, found by memchr (the regex
    # engine steps through the bytes before it one by one: all of a style sheet's or a script's)
    lt = low.find(b"<")
    if lt >= 0 and _HTML_MARKER.search(low, lt):
        # inline XBRL whose namespace is declared past the sample (after long comments): the
        # ix:header sits near the top of the body, so the head of the document is enough
        if _find(data, b"<ix:header", i, min(end, i + _IX_SCAN)) >= 0:
            return "ixbrl", start, end
        return "html", start, end
    return "text", start, end


def _meta(block: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for tag, value in _META.findall(block):
        key = tag.decode("ascii").upper()
        if key not in out:
            out[key] = value.decode("latin-1").strip()
    return out


def _sequence(raw: str, default: int, anomalies: list[Anomaly]) -> int:
    """A document's ``<SEQUENCE>``; its position (``default``) when absent or not a number."""
    seq = small_int(raw)
    if seq is not None:
        return seq
    if raw:
        shown = raw if len(raw) <= 80 else raw[:80] + "..."
        anomalies.append(Anomaly(
            code="document_bad_sequence",
            message=f"document #{default} has <SEQUENCE> {shown!r}, not a sequence number; {default} is used",
            text=shown,
        ))
    return default


_DOC_TAIL = b"DOCUMENT>"
#: the tags the split searches for, as a file spells them (upper case, or lower case throughout):
#: chosen once per file, and searched with ``_find`` itself (a wrapper that lower-cased the
#: needle and filled in the end cost a Python call per search, five a document)
_SPLIT_TAGS = (_DOC_OPEN, _DOC_CLOSE, _TEXT_OPEN, _DOC_TAIL)
_SPLIT_TAGS_LOWER = tuple(t.lower() for t in _SPLIT_TAGS)


def _next_open_or_close(data: bytes, tail: bytes, start: int) -> tuple[int, int]:
    """(offset of the first ``<DOCUMENT>`` at or after ``start``, -1) when it comes before any
    ``</DOCUMENT>``; else (-1, offset of the first ``</DOCUMENT>``); (-1, -1) when there is
    neither. One search for what both tags end with (``tail``, as the file spells it) scans a
    document's text once, where a search for each tag would scan it twice (the split's main
    cost on large submissions)."""
    n = len(data)
    k = _find(data, tail, start, n)
    while k >= 0:
        if data[k - 1] == 60:  # "<"
            if k - 1 >= start:
                return k - 1, -1
        elif data[k - 2 : k] == b"</" and k - 2 >= start:
            return -1, k - 2
        k = _find(data, tail, k + len(tail), n)
    return -1, -1


def _split_documents(data: bytes, start: int, anomalies: list[Anomaly]) -> list[Document]:
    docs: list[Document] = []
    n = len(data)
    pos = _find_ci(data, _DOC_OPEN, start)
    # decided once per file: a fallback search per call would scan to the end twice
    lower = pos >= 0 and data[pos + 1 : pos + 2] == b"d"
    doc_open, doc_close, text_open, tail = _SPLIT_TAGS_LOWER if lower else _SPLIT_TAGS
    # the next </DOCUMENT> at or after some point, remembered: when documents are not
    # closed, searching again from each one would scan to the end every time (quadratic)
    close = -2
    while pos >= 0:
        body_start = pos + len(_DOC_OPEN)
        # a <DOCUMENT> before this one's close means it was never closed; past the close,
        # the next document is found by the loop. One scan finds whichever comes first.
        nxt, first_close = _next_open_or_close(data, tail, body_start)
        if first_close >= 0:
            close = first_close
        elif close == -2 or 0 <= close < body_start:
            close = _find(data, doc_close, body_start, n)
        if close < 0 or (0 <= nxt < close):
            block_end = nxt if nxt >= 0 else n
            anomalies.append(Anomaly(
                code="document_unclosed",
                message=f"<DOCUMENT> #{len(docs) + 1} has no </DOCUMENT>; it is read to "
                + ("the next <DOCUMENT>" if nxt >= 0 else "the end of the file (truncated?)"),
            ))
            resume = block_end
        else:
            block_end = close
            resume = close + len(_DOC_CLOSE)
        t_open = _find(data, text_open, body_start, block_end)
        if t_open >= 0:
            meta_block = data[body_start:t_open]
            t_start = t_open + len(_TEXT_OPEN)
            t_close = data.rfind(_TEXT_CLOSE, t_start, block_end)
            if t_close < 0:
                t_close = data.rfind(_TEXT_CLOSE.lower(), t_start, block_end)
            if t_close < 0:
                t_close = block_end
                if close >= 0:
                    anomalies.append(Anomaly(
                        code="text_unclosed", message=f"document #{len(docs) + 1} has <TEXT> but no </TEXT>"
                    ))
        else:
            # no <TEXT>: metadata lines, then the body
            meta_end = body_start
            for m in _META.finditer(data, body_start, min(block_end, body_start + 4096)):
                meta_end = m.end()
            meta_block = data[body_start:meta_end]
            t_start, t_close = meta_end, block_end
        # the newline right after <TEXT> belongs to the markup, not the text
        if data[t_start : t_start + 2] == b"\r\n":
            t_start += 2
        elif data[t_start : t_start + 1] == b"\n":
            t_start += 1
        meta = _meta(bytes(meta_block))
        sequence = _sequence(meta.get("SEQUENCE", ""), len(docs) + 1, anomalies)
        docs.append(Document(
            data, sequence=sequence, type=meta.get("TYPE") or None, filename=meta.get("FILENAME") or None,
            description=meta.get("DESCRIPTION") or None, start=t_start, end=t_close,
        ))
        pos = _find(data, doc_open, resume, n)
    return docs


def _container_of(data: bytes) -> tuple[Container, int]:
    """(container kind, offset where its markup starts)."""
    head = bytes(data[:65536])
    off = 0
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lead = len(head) - len(stripped)
    if stripped.startswith(_PEM_BEGIN):
        off = lead
    for marker in (b"<SEC-DOCUMENT>", b"<IMS-DOCUMENT>", b"<SEC-HEADER>", b"<IMS-HEADER>"):
        i = head.find(marker)
        if i >= 0 and (i < 8192 or stripped.startswith(_PEM_BEGIN)):
            return "submission", i
    if stripped[:32].upper().startswith(b"<SUBMISSION>"):
        return "feed", lead
    return "document", off + lead


def read_submission(data: bytes) -> Submission:
    """Split an 8-K file into its header and documents.

    Raises :class:`~eightk.errors.InputError` for input that is no filing at all (empty,
    binary); everything else yields a :class:`Submission`, with anomalies for what was
    wrong in it (truncation, unclosed tags, bad header dates).
    """
    if not data or not bytes(data[:65536]).strip():
        raise InputError("the file is empty")
    if _looks_binary(data, 0, 4096):
        raise InputError("the file is binary data, not an 8-K (no SGML header or document text)")
    container, off = _container_of(data)
    anomalies: list[Anomaly] = []
    sub = Submission(container=container, size=len(data), anomalies=anomalies)
    doc_from = off
    if container == "submission":
        h_open = -1
        for marker in (b"<SEC-HEADER>", b"<IMS-HEADER>"):
            h_open = data.find(marker, off, off + 65536)
            if h_open >= 0:
                close_marker = marker.replace(b"<", b"</")
                break
        first_doc = _find_ci(data, _DOC_OPEN, off)
        if h_open >= 0:
            h_close = data.find(close_marker, h_open)
            if h_close < 0 or (0 <= first_doc < h_close):
                anomalies.append(Anomaly(code="header_unclosed", message="the SEC header has no closing tag"))
                h_close = first_doc if first_doc >= 0 else len(data)
            header_text = bytes(data[h_open:h_close]).decode("latin-1")
            # the header's own first line is "<SEC-HEADER>0000950144-94-000277.hdr.sgml : 19940208"
            header_text = header_text.split("\n", 1)[1] if "\n" in header_text else ""
            doc_from = h_close
        else:
            header_text = ""
        preamble = bytes(data[off : max(off, h_open)]).decode("latin-1") if h_open > off else ""
        m = re.search(r"<ACCEPTANCE-DATETIME>\s*(\d+)", preamble + header_text[:4096])
        sub.header_text = header_text
        sub.header, hdr_anoms = build_header(parse_sgml_header(header_text), accepted=m.group(1) if m else None)
        anomalies.extend(hdr_anoms)
    elif container == "feed":
        first_doc = _find_ci(data, _DOC_OPEN, off)
        h_end = first_doc if first_doc >= 0 else len(data)
        header_text = bytes(data[off:h_end]).decode("latin-1")
        sub.header_text = header_text
        sub.header, hdr_anoms = build_header(parse_tag_header(header_text))
        anomalies.extend(hdr_anoms)
        doc_from = h_end

    if container in ("submission", "feed") or bytes(data[off : off + 64]).lstrip().upper().startswith(_DOC_OPEN):
        sub.documents = _split_documents(data, doc_from, anomalies)
    if not sub.documents:
        if container == "document":
            sub.documents = [Document(data, sequence=1, type=None, filename=None, description=None,
                                      start=0, end=len(data))]
        else:
            anomalies.append(Anomaly(code="no_documents", message="the submission holds no <DOCUMENT>"))
    if sub.header and sub.header.document_count and sub.documents and sub.header.document_count != len(sub.documents):
        anomalies.append(Anomaly(
            code="document_count_mismatch",
            message=f"the header announces {sub.header.document_count} documents; {len(sub.documents)} were found",
        ))
    return sub


# ---------------------------------------------------------------------------------------------


def uudecode(raw: bytes) -> bytes:
    """Decode the first uuencoded file in ``raw`` (tolerant of the usual encoder quirks)."""
    lines = raw.splitlines()
    out = bytearray()
    started = False
    for line in lines:
        if not started:
            if line.startswith(b"begin "):
                started = True
            continue
        if line.strip() in (b"end", b"`") or line.startswith(b"end"):
            if line.strip() == b"`":
                continue
            break
        if not line:
            continue
        try:
            out += binascii.a2b_uu(line)
        except binascii.Error:
            # some encoders write too many pad characters; decode only what the length byte announces
            nbytes = (((line[0] - 32) & 63) * 4 + 5) // 3
            try:
                out += binascii.a2b_uu(line[:nbytes])
            except binascii.Error:
                continue
    if not started:
        raise ValueError("no 'begin' line: not uuencoded data")
    return bytes(out)
