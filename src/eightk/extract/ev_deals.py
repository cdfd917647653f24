"""Attributes of deal events: a material agreement (1.01), an acquisition or disposition (2.01)
and a direct financial obligation (2.03).

Each reader finds the sentence that states the event ("entered into a Credit Agreement",
"completed its acquisition of", "issued $500 million aggregate principal amount of notes") and
reads the attributes from it and the facts in it: the parties of the sentence (not every
organisation of the item: agents, trustees and advisers are named later), the amount of the
sentence that speaks of a price or a principal (not revenue, not a per-share price), the date
the agreement is dated or entered into. Only the first ``READ_CHARS`` of an item are read: the
event is stated at the start, and the cost stays linear. Every attribute keeps its span under
``_spans`` (item-relative offsets turned into document spans, moved to ``attribute_spans`` by
:func:`eightk.extract.events.infer_events`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from eightk import itemcodes
from eightk.extract.ev_text import sentence_around
from eightk.model import Fact, Span

if TYPE_CHECKING:
    from eightk.extract.events import Context, ItemRef

#: How much of an item is read.
READ_CHARS = 6000

#: A sentence ends at a full stop (or semicolon-free paragraph break) before a capital, not after
#: an initial or a legal abbreviation ("N.A.", "Inc.", "Co.", "No."); written stop first (see
#: ev_text._SENT_END).
_SENT_END = re.compile(
    r"\.(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!\bInc\.)(?<!\bCo\.)(?<!\bNo\.)(?<!\bCorp\.)(?<!\bLtd\.)\s+(?=[A-Z(\"“])|\n\s*\n"
)

# --- agreements ------------------------------------------------------------------------------

_AGREEMENT = re.compile(
    r"\b((?:[A-Z][\w'’-]*|and|of|to|&)(?:[ \t]+(?:[A-Z][\w'’-]*|and|of|to|&)){0,6}?)[ \t]+Agreement\b"
    r"|\b((?:[a-z][a-z-]+[ \t]+){1,3})agreement\b"
    r"|\b(Indenture|Plan\s+of\s+Merger)\b"
)
_ENTERED = re.compile(r"\b(?:entered\s+into|executed|signed|agreed\s+to|is\s+a\s+party\s+to|amended)\b", re.I)
#: Words before "agreement" that do not say its kind.
_NOT_KIND = frozenset({
    "the", "a", "an", "this", "such", "that", "its", "their", "our", "definitive", "new", "certain", "which",
    "into", "entered", "under", "to", "of", "and", "by", "in", "with", "other", "same", "each", "said",
    "amended", "restated", "first", "second", "third", "fourth", "fifth", "amendment", "no", "no.", "as",
    "original", "existing", "day", "year", "month", "prior", "current", "previous", "sixth", "seventh",
})
_KIND_ALIAS = {"agreement and plan of merger": "merger agreement", "plan of merger": "merger agreement",
               "indenture": "indenture"}
_DATED = re.compile(r"\b(?:dated|effective)\s+(?:as\s+of\s+)?$", re.I)


def _kind(words: str) -> str | None:
    """The kind of an agreement from the words before "Agreement": lower case, without articles,
    "amended and restated" and amendment ordinals."""
    ws = [w for w in re.split(r"[ \t\n]+", words.strip()) if w and not re.search(r"\d", w)]
    while ws and ws[0].lower() in _NOT_KIND:
        ws.pop(0)
    if not ws:
        return None
    kind = " ".join(ws).lower()
    kind = _KIND_ALIAS.get(kind, kind)
    if kind.endswith("agreement and plan of merger") or kind == "merger":
        return "merger agreement"
    return kind if kind.endswith(("agreement", "indenture")) else f"{kind} agreement"


def _agreement_kind(text: str, lo: int, hi: int) -> tuple[str, int, int] | None:
    for m in _AGREEMENT.finditer(text, lo, hi):
        if m.group(3):
            kind = _KIND_ALIAS.get(" ".join(m.group(3).lower().split()), "merger agreement")
            return kind, m.start(3), m.end(3)
        words = m.group(1) or m.group(2) or ""
        read = _kind(words)
        if read and read != "agreement" and "material definitive" not in read:
            start = m.start(1) if m.group(1) is not None else m.start(2)
            return read, start + (len(words) - len(words.lstrip())), m.end()
    return None


def material_agreement(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    text = it.text[:READ_CHARS]
    a: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    lo, hi = _key_sentence(text, _ENTERED)
    found = _agreement_kind(text, lo, hi) or _agreement_kind(text, _body(text), len(text))
    if found:
        a["agreement_type"], *span = found
        spans["agreement_type"] = (span[0], span[1])
    named = _named_parties(it, text, lo, hi, ctx) or [
        (str(f.value), *_rel(it, f)) for f in _orgs_in(it, facts, ctx, lo, hi)]
    if named:
        a["counterparties"] = [n for n, _, _ in named]
        for i, (_, s, e) in enumerate(named):
            spans[f"counterparties.{i}"] = (s, e)
    d = _agreement_date(it, facts, lo, hi)
    if d is not None:
        a["date"] = d.value
        spans["date"] = _rel(it, d)
    return _with_spans(it, a, spans)


_WITH = re.compile(r"\b(?:with|among|between)\s+", re.I)
_PAREN = re.compile(r"\([^()]{0,300}\)")
_PIECE_SEP = re.compile(r",\s+(?:and\s+)?|\s+and\s+|;\s*")
_SUFFIX = (r"(?:Inc\.?|Incorporated|LLC|L\.L\.C\.|LLP|L\.L\.P\.|L\.P\.|LP|Ltd\.?|Limited|N\.A\.|Corp\.?|"
           r"Corporation|Company|Co\.?|plc|PLC|GmbH|AG|S\.A\.|N\.V\.|B\.V\.|ACB|SE)")
_BARE_SUFFIX = re.compile(rf"^{_SUFFIX}$")
_ENDS_SUFFIX = re.compile(rf"(?:^|\s){_SUFFIX}$")
_NAMEISH = re.compile(r"^[A-Z0-9][\w.&'’-]*(?:\s+(?:[A-Z0-9&][\w.&'’-]*|of|de|du|la|the|and|für))*$")


def _named_parties(it: ItemRef, text: str, lo: int, hi: int, ctx: Context) -> list[tuple[str, int, int]]:
    """The companies the agreement's sentence names after "with"/"among"/"between": a list
    like "BofA Securities, Inc., J.P. Morgan Securities LLC and Wells Fargo Securities, LLC, as
    representatives" read piece by piece, a bare "Inc." or "N.A." joined to the name before it
    ("Goldman, Sachs & Co." too); only names that end in a legal form, not the registrant, not
    its own subsidiaries."""
    m = _WITH.search(text, lo, hi)
    if m is None:
        return []
    clause = _PAREN.sub(lambda p: " " * len(p.group(0)), text[m.end() : hi])
    pieces, pos = [], 0
    for sep in [*_PIECE_SEP.finditer(clause), None]:
        end = sep.start() if sep else len(clause)
        raw = clause[pos:end].lstrip()
        raw = clause[pos : pos + (len(clause[pos:end]) - len(raw))] + re.split(r"\s{3,}", raw)[0]  # to a masked (...)
        lead = len(raw) - len(raw.lstrip())
        piece = raw.strip().rstrip(".") if not _BARE_SUFFIX.match(raw.strip()) else raw.strip()
        if piece:
            pieces.append((piece, m.end() + pos + lead))
        pos = sep.end() if sep else end
    return [n for n in _join_names(pieces, text) if _counterparty(it, text, n, ctx)]


def _join_names(pieces: list[tuple[str, int]], text: str) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    buf: list[tuple[str, int]] = []
    for i, (piece, at) in enumerate(pieces):
        nxt = pieces[i + 1][0] if i + 1 < len(pieces) else ""
        if (_BARE_SUFFIX.match(piece) and buf) or (_NAMEISH.match(piece) and len(buf) < 4):
            buf.append((piece, at))
        else:
            buf = []
            continue
        last = buf[-1][0]
        if (_ENDS_SUFFIX.search(last) or _BARE_SUFFIX.match(last)) and not _BARE_SUFFIX.match(nxt):
            start, stop = buf[0][1], buf[-1][1] + len(buf[-1][0])
            if text[stop : stop + 1] == "." and not text[start:stop].endswith("."):
                stop += 1 if re.search(r"(?:Inc|Co|Corp|Ltd)$", text[start:stop]) else 0
            out.append((" ".join(text[start:stop].split()), start, stop))
            buf = []
    return out


def _counterparty(it: ItemRef, text: str, named: tuple[str, int, int], ctx: Context) -> bool:
    from eightk.extract.events import _norm  # events imports this module

    name, _, stop = named
    return _norm(name) not in ctx.registrant_names and not _OWN_SUBSIDIARY.match(text, stop)


def _agreement_date(it: ItemRef, facts: list[Fact], lo: int, hi: int) -> Fact | None:
    """The date the agreement is dated as of, else the first date of its sentence."""
    dates = [f for f in _facts_in(it, facts, lo, hi) if f.kind == "date" and f.value]
    for f in dates:
        if _DATED.search(it.text[max(0, f.span.start - it.start - 25) : f.span.start - it.start]):
            return f
    return dates[0] if dates else None


# --- acquisitions and dispositions ----------------------------------------------------------

_DEAL = re.compile(
    r"\b(?:complet\w*|consummat\w*|clos\w*)\s+(?:of\s+)?(?:the\s+|its\s+|their\s+|a\s+)?(?:previously\s+announced\s+)?"
    r"(?:acquisition|sale|disposition|divestiture|merger|purchase|spin-?off|separation|distribution)\b"
    r"|\b(?:acquired|sold|disposed\s+of|purchased|transferred)\b|\bmerged\s+with\s+and\s+into\b",
    re.I,
)
_ASSETS = re.compile(
    r"\b(?:acquisition|sale|disposition|divestiture|purchase|spin-?off|separation)\s+(?:by\s+[^,]{1,80}?\s+)?of\s+"
    r"|\b(?:acquired|sold|disposed\s+of|purchased|transferred)\s+(?:to\s+[^,]{1,60}?\s+)?",
    re.I,
)
_ASSETS_END = re.compile(r",|;|\(|\.\s|\s(?:from|to|for|by|pursuant|under|in\s+exchange|with|which|through|and\s+the)\s")
_PRICE = re.compile(
    r"\b(?:consideration|purchase\s+price|price|paid|pay|payment|cash|valued|proceeds|value|sale\s+price)\b", re.I
)
_NOT_PRICE = re.compile(r"\b(?:revenues?|net\s+sales|sales\s+of|income|ebitda|earnings|assets\s+of|loss)\b", re.I)
_PER_SHARE_AFTER = re.compile(r"^\s*(?:in\s+cash\s+)?(?:per|for\s+each|a)\s+(?:share|unit|common)", re.I)
#: "an aggregate of $21,346,914": a total, whatever the sentence says of shares before.
_AGGREGATE_BEFORE = re.compile(r"\b(?:aggregate|total)\s+(?:of\s+)?(?:approximately\s+|about\s+)?$", re.I)
#: "each share ... was converted into the right to receive $229.00": a price per share.
_PER_SHARE_BEFORE = re.compile(
    r"\beach\b(?:[^.;]|\.\d){0,200}?\b(?:share|unit)s?\b(?:[^.;]|\.\d){0,200}$", re.I)


def acquisition_disposition(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    text = it.text[:READ_CHARS]
    a: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    lo, hi = _key_sentence(text, _DEAL)
    m = _ASSETS.search(text, lo, hi)
    if m:
        stop = _phrase_end(it, facts, text, m.end(), hi)
        phrase = " ".join(text[m.end() : stop].split())
        if 2 < len(phrase) <= 160:
            a["assets"] = phrase
            spans["assets"] = (m.end(), stop)
    parties = _orgs_in(it, facts, ctx, lo, hi) or _orgs_in(it, facts, ctx, _body(text), _body(text) + 1500)
    if parties:
        a["counterparty"] = str(parties[0].value)
        spans["counterparty"] = _rel(it, parties[0])
    price = _consideration(it, facts, text)
    if price is not None:
        a["consideration"] = {"amount": price.value, "currency": price.unit}
        a["amount"], a["currency"] = price.value, price.unit
        for k in ("consideration", "consideration.amount", "amount"):
            spans[k] = _rel(it, price)
    return _with_spans(it, a, spans)


def _phrase_end(it: ItemRef, facts: list[Fact], text: str, start: int, hi: int) -> int:
    """Where the phrase at ``start`` ends: at a comma, a clause or "from"/"to"..., but not
    inside a name ("Larch Freight Lines, Inc." is one name)."""
    names = [(f.span.start - it.start, f.span.end - it.start) for f in facts if f.kind == "party"]
    pos = start
    while True:
        end = _ASSETS_END.search(text, pos, hi)
        stop = end.start() if end else hi
        inside = next((e for s, e in names if s < stop < e), None)
        if inside is None:
            return stop
        pos = inside


def _consideration(it: ItemRef, facts: list[Fact], text: str) -> Fact | None:
    """The first total amount of a sentence that speaks of a price (not of revenue); else the
    first total amount of the deal's sentence."""
    best: Fact | None = None
    for f in facts:
        if not _total_money(it, f, text):
            continue
        lo, hi = _sentence(text, f.span.start - it.start)
        sent = text[lo:hi]
        if _NOT_PRICE.search(sent) and not _PRICE.search(sent):
            continue
        if _PRICE.search(sent):
            return f
        if best is None and _DEAL.search(sent):
            best = f
    return best


def _total_money(it: ItemRef, f: Fact, text: str) -> bool:
    """A money fact in the read text that is a total: not a rate, not a price per share."""
    pos = f.span.end - it.start
    return (
        f.kind == "money" and isinstance(f.value, (int, float)) and f.value > 0 and f.per is None
        and 0 <= pos <= len(text) and not _PER_SHARE_AFTER.match(text[pos : pos + 40])
        and (_AGGREGATE_BEFORE.search(text[max(0, pos - 60) : f.span.start - it.start]) is not None
             or not _PER_SHARE_BEFORE.search(text[_sentence(text, f.span.start - it.start)[0] : f.span.start - it.start]))
    )


# --- debt --------------------------------------------------------------------------------------

_INSTRUMENT = re.compile(
    r"\b(?:(?:senior|subordinated|convertible|exchangeable|secured|unsecured|floating\s+rate|fixed\s+rate|"
    r"guaranteed|junior)\s+){0,3}(?:notes|debentures|bonds)\b"
    r"|\b(?:senior\s+(?:secured\s+)?)?(?:revolving\s+credit|revolving\s+loan|term\s+loan|credit|loan|bridge|"
    r"delayed[\s-]draw\s+term\s+loan)\s+(?:facility|facilities|agreement)\b"
    r"|\bterm\s+loans?\b|\b(?:revolving\s+)?line\s+of\s+credit\b|\bpromissory\s+notes?\b|\bcommercial\s+paper\b"
    r"|\brevolv(?:ing|er)\b",
    re.I,
)
_PRINCIPAL = re.compile(r"\b(?:principal|aggregate|borrow\w*|commitments?|facility|notes|loan|up\s+to|issu\w*)\b", re.I)
_DUE_YEAR = re.compile(r"\bdue\s+(?:in\s+)?((?:19|20)\d\d)\b", re.I)
_MATURES = re.compile(r"\bmatur(?:e|es|ing|ity\s+date|ity)\b|\b(?:terminates|expires)\s+on\b", re.I)
_BY_REFERENCE = re.compile(r"\bItem\s+(\d\.\d\d)\b[^.]{0,200}?\bincorporated\b|\bincorporated\b[^.]{0,200}?\bItem\s+(\d\.\d\d)\b",
                           re.I)


def debt_obligation(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    src, src_facts = _referenced(it, facts, ctx)
    text = src.text[:READ_CHARS]
    a: dict[str, Any] = {}
    spans: dict[str, tuple[int, int]] = {}
    m = _best_instrument(text)
    if m:
        a["instrument"] = _instrument(m.group(0))
        spans["instrument"] = (m.start(), m.end())
    lo, hi = _sentence(text, m.start()) if m else (0, len(text))
    amount = _principal(src, src_facts, text, lo, hi)
    if amount is not None:
        a["amount"], a["currency"] = amount.value, amount.unit
        spans["amount"] = spans["currency"] = _rel(src, amount)
    maturity = _maturity(src, src_facts, text)
    if maturity is not None:
        a["maturity"], spans["maturity"] = maturity
    return _with_spans(src, a, spans)


#: How much after the heading the instrument is looked for; the most specific name there wins
#: ("a Credit Agreement ... provides for a revolving credit facility" is a revolving facility).
INSTRUMENT_CHARS = 1500


def _best_instrument(text: str) -> re.Match[str] | None:
    start = _body(text)
    found = list(_INSTRUMENT.finditer(text, start, start + INSTRUMENT_CHARS))
    if not found:
        return _INSTRUMENT.search(text, start)
    return max(found, key=lambda m: (_specific(_instrument(m.group(0))), -m.start()))


def _specific(name: str) -> int:
    return 1 if name in ("credit facility", "loan", "notes", "revolving credit facility?") else 2


def _instrument(printed: str) -> str:
    """The instrument's kind: lower case, without rate words; a credit agreement is a credit
    facility, a term loan agreement or facility a term loan, a loan agreement a loan."""
    words = " ".join(printed.lower().split())
    if words in ("revolving", "revolver"):
        return "revolving credit facility"
    words = re.sub(r"\b(?:floating|fixed)\s+rate\s+", "", words)
    words = re.sub(r"\bfacilities\b", "facility", words)
    words = re.sub(r"\b(term loan|loan)s?\s+(?:agreement|facility)$|\bterm loans$", lambda m: m.group(1) or "term loan", words)
    words = re.sub(r"\bcredit agreement$", "credit facility", words)
    return re.sub(r"\brevolving loan facility$", "revolving credit facility", words)


def _principal(it: ItemRef, facts: list[Fact], text: str, lo: int, hi: int) -> Fact | None:
    """The first total amount of the instrument's sentence, else of a sentence that speaks of a
    principal, a borrowing or a commitment."""
    money = [f for f in facts if _total_money(it, f, text)]
    for f in money:
        if lo <= f.span.start - it.start < hi:
            return f
    for f in money:
        s, e = _sentence(text, f.span.start - it.start)
        if _PRINCIPAL.search(text[s:e]):
            return f
    return None


def _maturity(it: ItemRef, facts: list[Fact], text: str) -> tuple[str, tuple[int, int]] | None:
    """``due 2031`` as printed, else the date of the sentence that says when it matures."""
    m = _DUE_YEAR.search(text)
    mat = _MATURES.search(text)
    if m and (mat is None or m.start() < mat.start()):
        return m.group(1), (m.start(1), m.end(1))
    if mat:
        s, e = _sentence(text, mat.start())
        dates = [f for f in facts if f.kind == "date" and f.value and mat.start() <= f.span.start - it.start < e]
        if dates:  # "extended from April 7, 2019 to August 18, 2020": the last date
            f = dates[-1] if re.search(r"\bfrom\b[^.]{0,60}\bto\b", text[mat.start() : e]) else dates[0]
            return str(f.value), _rel(it, f)
        y = re.search(r"\b(?:19|20)\d\d\b", text[mat.start() : e])
        if y:
            return y.group(0), (mat.start() + y.start(), mat.start() + y.end())
    if m:
        return m.group(1), (m.start(1), m.end(1))
    return None


def _referenced(it: ItemRef, facts: list[Fact], ctx: Context) -> tuple[ItemRef, list[Fact]]:
    """The item whose text a short item incorporates by reference ("The information set forth
    under Item 1.01 is incorporated herein by reference"), with its facts; else the item."""
    if len(it.text) > 1500 or not ctx.items:
        return it, facts
    m = _BY_REFERENCE.search(it.text)
    code = m and (m.group(1) or m.group(2))
    other = next((o for o in ctx.items if code and o.code == code and o.end > o.start), None)
    if other is None:
        return it, facts
    return other, [f for f in ctx.facts if f.document == other.document and other.start <= f.span.start < other.end]


# --- shared helpers ----------------------------------------------------------------------------


def _sentence(text: str, pos: int) -> tuple[int, int]:
    return sentence_around(text, pos, _SENT_END, back=2000)


#: The words of the item titles of both schemes: a heading is "Item 2.01" and such words.
_TITLE_WORDS = frozenset(
    w for t in (*itemcodes.MODERN_TITLES.values(), *itemcodes.LEGACY_TITLES.values()) for w in re.findall(r"[a-z]+", t.lower())
) | {"item", "of", "or", "and", "the", "a", "an", "to", "in", "on", "under", "with", "s", "for", "that", "into",
     "registrant", "registration"}
_HEAD_TOKEN = re.compile(r"\s*(?:([A-Za-z]+)|\d+(?:\.\d+)?|[.;:,()\-–—’'\"“”]+)")


def _body(text: str) -> int:
    """Where the item's text starts after its heading ("Item 2.01 Completion of Acquisition or
    Disposition of Assets." names the item, not the event): after the leading run of item codes
    and title words."""
    pos = 0
    while pos < min(len(text), 400):
        m = _HEAD_TOKEN.match(text, pos)
        if m is None or (m.group(1) is not None and m.group(1).lower() not in _TITLE_WORDS):
            break
        pos = m.end()
    return pos


def _key_sentence(text: str, rx: re.Pattern[str]) -> tuple[int, int]:
    """The sentence of the first match of ``rx`` after the heading, else the first sentence."""
    start = _body(text)
    m = rx.search(text, start)
    lo, hi = _sentence(text, m.start() if m else start)
    return max(lo, start), hi


def _facts_in(it: ItemRef, facts: Iterable[Fact], lo: int, hi: int) -> list[Fact]:
    return [f for f in facts if lo <= f.span.start - it.start < hi]


def _orgs_in(it: ItemRef, facts: list[Fact], ctx: Context, lo: int, hi: int) -> list[Fact]:
    """The organisations (not the registrant, not fragments) of ``[lo, hi)`` of the item."""
    from eightk.extract.events import _parties  # events imports this module

    return [
        f for f in _parties(facts, ctx, "organization")
        if lo <= f.span.start - it.start < hi and not _OWN_SUBSIDIARY.match(it.text, f.span.end - it.start)
    ]


#: "Merger Sub, Inc., a Delaware corporation and wholly owned subsidiary of Tyson": the
#: registrant's own side, not a counterparty.
_OWN_SUBSIDIARY = re.compile(
    r"[^.;]{0,100}?\b(?:a|an|its|the)\s+(?:[\w-]+\s+){0,4}?(?:wholly[\s-]+owned\s+)?subsidiary\s+of\b", re.I)


def _rel(it: ItemRef, f: Fact) -> tuple[int, int]:
    return f.span.start - it.start, f.span.end - it.start


def _with_spans(it: ItemRef, a: dict[str, Any], spans: dict[str, tuple[int, int]]) -> dict[str, Any]:
    a["_spans"] = {k: Span.at(it.start + s, it.start + e, it.document) for k, (s, e) in spans.items()}
    return a
