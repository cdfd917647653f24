"""From one file's bytes to everything the store writes for it (runs in worker processes).

Parsing is the expensive part; it happens here, away from the database, so ``--workers N``
can spread it over processes while the parent only writes.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import zstandard

from eightk.containers import Document, Submission
from eightk.documents import text_of
from eightk.itemcodes import equivalent as item_equivalent
from eightk.itemcodes import scheme_of
from eightk.model import Filing

#: Passages are cut to at most this many characters (at a space): bounded rows keep bm25
#: and snippets meaningful and stay far below PostgreSQL's 1 MB tsvector limit.
PASSAGE_CHARS = 8000
#: At most this much text of one filing is made searchable (a 200 MB exhibit is a data dump).
MAX_SEARCH_CHARS = 4_000_000
ZSTD_LEVEL = 6


@dataclass
class Passage:
    kind: str  # 'cover' | 'item' | 'exhibit' | 'document'
    text: str
    item: str | None = None
    modern: str | None = None
    exhibit: str | None = None


@dataclass
class Prepared:
    """One input, ready to write: the parsed Filing and its searchable passages, or an error."""

    name: str
    sha256: str | None = None
    size: int = 0
    filing: Filing | None = None
    passages: list[Passage] = field(default_factory=list)
    raw_z: bytes | None = None
    error: str | None = None
    #: where ``filing.accession_number`` came from: 'header', 'path' (inferred from the name), None
    accession_source: str | None = None
    #: a readable file that is not an 8-K (a 10-K, a lone exhibit...): skipped, not an error
    not_8k: bool = False


_ACCESSION_DASHED = re.compile(r"(?<!\d)(\d{10}-\d{2}-\d{6})(?!\d)")
_ACCESSION_FOLDER = re.compile(r"\d{18}")


def accession_from_name(name: str | None) -> str | None:
    """The accession number a lone document's name gives: in the file name
    (``…_0000950157-18-001155.htm``, ``0000950157-18-001155.txt``) or as the name of a folder it
    sits in (``0000950157-18-001155/``, or EDGAR's ``…/000095015718001155/``), nearest first."""
    if not name:
        return None
    parts = [p for p in re.split(r"[/\\!]", name) if p]
    for i, part in enumerate(reversed(parts)):
        m = _ACCESSION_DASHED.search(part)
        if m:
            return m.group(1)
        if i > 0 and _ACCESSION_FOLDER.fullmatch(part):
            return f"{part[:10]}-{part[10:12]}-{part[12:]}"
    return None


def infer_accession(p: Prepared) -> None:
    """Record where the filing's accession number came from; a filing without one (a lone
    document) gets the one its name gives, marked as inferred from the path."""
    f = p.filing
    if f is None:
        return
    if f.accession_number:
        p.accession_source = "header"
        return
    acc = accession_from_name(p.name)
    if acc:
        p.filing = f.model_copy(update={"accession_number": acc, "sources": {**f.sources, "accession_number": "path"}})
        p.accession_source = "path"


def clean(s: str | None) -> str | None:
    """Text safe for both backends (PostgreSQL refuses NUL characters in text)."""
    if s is None:
        return None
    return s.replace("\x00", "") if "\x00" in s else s


def modern_code(code: str | None) -> str | None:
    """The modern item code of ``code`` (itself when modern), so searches cross eras."""
    if not code:
        return None
    if scheme_of(code) == "legacy":
        return item_equivalent(code)
    return code


def chunks(text: str, size: int = PASSAGE_CHARS) -> list[str]:
    text = clean(text) or ""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        j = min(i + size, n)
        if j < n:
            k = text.rfind(" ", i + size // 2, j)
            if k > i:
                j = k
        piece = text[i:j].strip()
        if piece:
            out.append(piece)
        i = j
    return out


def _doc_text(sub: Submission, doc: Document) -> str:
    """A document's text for full-text search, as the document layer reads it (for HTML the
    visible text: no markup, nothing ``display:none``, no ``ix:header``); '' for binary
    documents and documents too large to read as prose."""
    try:
        return text_of(sub, doc)
    except Exception:  # a document that cannot be decoded is simply not searchable
        return ""


def names_of(filing: Filing) -> list[str]:
    """Every name the filing gives its companies, each once: the header's filers and the former
    names it lists for them, then the cover page's registrants and their former names."""
    names: list[str | None] = []
    for filer in filing.header.filers if filing.header else []:
        names.append(filer.name)
        names.extend(x.name for x in filer.former_names)
    for r in filing.registrants:
        names += [r.name, r.former_name]
    out: list[str] = []
    seen: set[str] = set()
    for n in names:
        n = " ".join((clean(n) or "").split())
        if n and n.lower() not in seen:
            seen.add(n.lower())
            out.append(n)
    return out


def cover_passage(filing: Filing) -> Passage | None:
    """The company names as one searchable passage (one name a line: a --company substring
    never spans two names)."""
    text = "\n".join(names_of(filing))[:PASSAGE_CHARS]
    return Passage("cover", text) if text else None


def passages_of(filing: Filing, sub: Submission | None) -> list[Passage]:
    """The company names, item texts, exhibit texts, and the main document's text when no item
    was parsed."""
    cover = cover_passage(filing)
    out: list[Passage] = [cover] if cover else []
    budget = MAX_SEARCH_CHARS

    def add(kind: str, text: str, **kw) -> None:
        nonlocal budget
        if budget <= 0 or not text:
            return
        text = " ".join(text[:budget].split())  # whitespace runs of layout carry no meaning
        budget -= len(text)
        for piece in chunks(text):
            out.append(Passage(kind, piece, **kw))

    for item in filing.items:
        add("item", item.text, item=item.code, modern=modern_code(item.code))
    if sub is None:
        return out
    docs = {d.sequence: d for d in sub.documents}
    exhibit_docs: dict[int, str] = {}
    for ex in filing.exhibits:
        if ex.document is not None and ex.document in docs:
            exhibit_docs[ex.document] = ex.number
    for doc in sub.documents:
        if doc.type and doc.type.upper().startswith("EX-") and doc.sequence not in exhibit_docs:
            exhibit_docs[doc.sequence] = doc.type.upper()[3:]
    primary = sub.primary
    if not filing.items and primary is not None and primary.sequence not in exhibit_docs:
        add("document", _doc_text(sub, primary))
    for seq, number in sorted(exhibit_docs.items()):
        add("exhibit", _doc_text(sub, docs[seq]), exhibit=number)
    return out


def prepare(name: str, data: bytes, *, keep_raw: bool = True, passages: bool = True) -> Prepared:
    """Parse one input; never raises (a failure is returned as ``Prepared.error``). ``passages=False``
    leaves out the searchable passages (a Parquet dataset has no full-text index)."""
    from eightk.core import parse_full
    from eightk.errors import EightKError, NotAn8KError

    data = bytes(data)
    p = Prepared(name=name, sha256="", size=len(data))
    try:
        sub, filing = parse_full(data, path=name)
        p.sha256 = filing.source.sha256  # the parse hashed these bytes already
        p.filing = filing
        infer_accession(p)
        p.passages = passages_of(filing, sub) if passages else []
    except NotAn8KError as e:
        p.error = str(e)
        p.not_8k = True
    except EightKError as e:
        p.error = str(e)
    except Exception as e:  # a parser bug: record it, keep going
        p.error = f"internal error while parsing ({type(e).__name__}: {e})"
    if p.error is not None:
        p.sha256 = hashlib.sha256(data).hexdigest()
        return p
    if keep_raw:
        p.raw_z = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data)
    return p


def prepare_filing(filing: Filing, *, data: bytes | None = None, name: str | None = None) -> Prepared:
    """A :class:`Prepared` for an already parsed Filing (tests, other front ends)."""
    sub = None
    if data is not None:
        from eightk.containers import read_submission

        try:  # the documents of the filing's own bytes, for exhibit passages
            sub = read_submission(data)
        except Exception:
            sub = None
    p = Prepared(
        name=name or filing.source.path or filing.source.sha256,
        sha256=filing.source.sha256,
        size=filing.source.size,
        filing=filing,
        passages=passages_of(filing, sub),
    )
    infer_accession(p)
    if data is not None:
        p.raw_z = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(data)
    return p
