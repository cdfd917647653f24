"""Events: what an 8-K reports, one per item, typed the same way across both item schemes.

For a modern filing the item decides the type (2.02 is an earnings release). A legacy item 5
("Other Events") or 9 ("Regulation FD") covered what modern filings split over a dozen items,
so its text is read for cues and the event gets the modern item it would be filed under today
(``equivalent_item``): one query then finds every private placement from 1996 to today.

Why hand-written cue rules: the cues are the vocabulary of the modern item definitions
themselves (Form 8-K General Instructions: "unregistered sales of equity securities",
"results of operations", "departure of directors"...), a short fixed list; each rule below
names the phrase it keys on, and the attributes come from the facts in the item's span.
"""

from __future__ import annotations

import bisect
import functools
import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from eightk import itemcodes
from eightk.extract.ev_text import find_at_heads, sentence_around, word_heads, word_start
from eightk.model import Event, Exhibit, Fact, Span

#: Item code -> event type. Items not here (9.01, legacy 7: exhibits) report no event of their own.
ITEM_TYPES: dict[str, str] = {
    "1.01": "material_agreement",
    "1.02": "material_agreement_termination",
    "1.03": "bankruptcy",
    "1.04": "mine_safety",
    "1.05": "cybersecurity_incident",
    "2.01": "acquisition_disposition",
    "2.02": "earnings_release",
    "2.03": "debt_obligation",
    "2.04": "debt_acceleration",
    "2.05": "exit_costs",
    "2.06": "impairment",
    "3.01": "delisting",
    "3.02": "equity_financing",
    "3.03": "security_holder_rights_change",
    "4.01": "auditor_change",
    "4.02": "non_reliance",
    "5.01": "change_in_control",
    "5.02": "officer_director_change",
    "5.03": "charter_bylaws_fiscal_year_change",
    "5.04": "benefit_plan_trading_suspension",
    "5.05": "code_of_ethics_change",
    "5.06": "shell_status_change",
    "5.07": "shareholder_vote",
    "5.08": "director_nominations",
    "6.01": "abs_report",
    "6.02": "abs_report",
    "6.03": "abs_report",
    "6.04": "abs_report",
    "6.05": "abs_report",
    "6.06": "abs_report",
    "6.10": "abs_report",
    "7.01": "reg_fd_disclosure",
    "8.01": "other_event",
    # legacy
    "1": "change_in_control",
    "2": "acquisition_disposition",
    "3": "bankruptcy",
    "4": "auditor_change",
    "5": "other_event",
    "6": "officer_director_change",
    "8": "charter_bylaws_fiscal_year_change",
    "9": "reg_fd_disclosure",
    "10": "code_of_ethics_change",
    "11": "benefit_plan_trading_suspension",
    "12": "earnings_release",
}
#: Event type -> the modern item it is filed under today (types with no item of their own,
#: like a settlement, are 8.01 "Other Events").
TYPE_MODERN_ITEM: dict[str, str] = {t: c for c, t in ITEM_TYPES.items() if "." in c and not c.startswith("6.")}
TYPE_MODERN_ITEM.update({"legal_settlement": "8.01", "dividend": "8.01", "abs_report": "6.01"})

#: Types whose cues are read in legacy catch-all items (5 and 9) and in modern 8.01, with the
#: phrases that signal them. Weights: a phrase that all but decides the type counts 2.
_CUES: dict[str, list[tuple[str, int]]] = {
    "earnings_release": [
        (r"\b(?:financial|operating|earnings|quarterly|annual|fiscal|year-end)\s+results\b", 2),
        (r"\bresults\s+(?:of\s+operations\s+)?for\s+(?:the\s+|its\s+)?(?:\w+\s+){0,6}?(?:quarter|months|year)\b", 2),
        (r"\bannounc\w*\s+(?:its\s+)?(?:\w+\s+){0,3}(?:earnings|results)\b", 2),
        (r"\bearnings\s+(?:release|per\s+share)\b|\bnet\s+(?:income|loss)\s+per\s+share\b", 1),
        (r"\b(?:revenues?|net\s+sales)\s+(?:for\s+the|of)\b", 1),
    ],
    "equity_financing": [
        (r"\bprivate(?:ly)?[\s-]+(?:placement|placed|negotiated\s+(?:sale|transaction))", 2),
        (r"\b(?:securities|stock|share|unit|subscription)\s+purchase\s+agreements?\b|\bsubscription\s+agreements?\b", 2),
        (r"\b(?:issued|sold|issue|sell|placed)\s+(?:to\s+[^.]{0,80}?)?(?:an\s+aggregate\s+of\s+|a\s+total\s+of\s+)?[\d,.]+\s+(?:million\s+)?(?:shares|units)\b", 2),
        (r"\bRegulation\s+D\b|\bSection\s+4\s*\(\s*(?:2|a\s*\)\s*\(\s*2)\s*\)|\bRule\s+506\b|\bRegulation\s+S\b", 2),
        (r"\b(?:registered\s+direct|underwritten\s+public|public)\s+offering\b|\bequity\s+(?:financing|investment)\b", 1),
        (r"\b(?:convertible\s+)?preferred\s+stock\b", 1),
    ],
    "debt_obligation": [
        (r"\bcredit\s+(?:agreement|facility|facilities)\b|\bloan\s+agreement\b|\bterm\s+loan\b", 2),
        (r"\b(?:senior|subordinated|convertible|secured)\s+(?:\w+\s+)?(?:notes|debentures)\b|\bnotes\s+due\s+(?:19|20)\d\d\b", 2),
        (r"\bindenture\b|\brevolving\b|\bline\s+of\s+credit\b", 1),
    ],
    "legal_settlement": [
        (r"\bsettlement\s+agreement\b|\bagreed\s+to\s+settle\b|\bsettled\b|\bsettlement\s+of\b", 2),
        (r"\b(?:lawsuit|litigation|complaint|class\s+action|arbitration|plaintiffs?|defendants?)\b", 1),
        (r"\bcourt\b", 1),
    ],
    "acquisition_disposition": [
        (r"\bcomplet\w+\s+(?:the\s+|its\s+)?(?:acquisition|sale|disposition|merger|divestiture)\b", 2),
        (r"\b(?:agreement\s+and\s+plan\s+of\s+merger|merger\s+agreement|asset\s+purchase\s+agreement|stock\s+purchase\s+agreement)\b", 2),
        (r"\b(?:acquired|acquire|sold\s+(?:all|substantially\s+all)|to\s+be\s+acquired)\b", 1),
    ],
    "officer_director_change": [
        (r"\bresign(?:ed|ation)\b|\bretire(?:d|ment)\b|\bstep(?:ped)?\s+down\b", 2),
        (r"\b(?:appoint(?:ed|ment)|elected|named)\b[^.]{0,80}\b(?:director|officer|president|chairman|board)\b", 2),
    ],
    "auditor_change": [
        (r"\b(?:dismiss\w*|engag\w*)\b[^.]{0,120}\b(?:independent\s+(?:auditors?|accountants?|registered\s+public)|certifying\s+accountant)", 3),
    ],
    "non_reliance": [
        (r"(?<!amended\sand\s)\brestat(?:e|ed|ement|ing)\b(?!\s+(?:certificate|articles|bylaws|by-laws|charter|rights))", 2),
        (r"\bshould\s+no\s+longer\s+be\s+relied\s+upon\b|\bnon-reliance\b", 3),
    ],
    "bankruptcy": [
        (r"\bChapter\s+(?:7|11)\b|\bvoluntary\s+petition\b|\breceiver(?:ship)?\b", 3),
    ],
    "shareholder_vote": [
        (r"\b(?:annual|special)\s+meeting\s+of\s+(?:the\s+)?(?:stock|share)holders\b", 1),
        (r"\bvotes?\s+(?:cast|for|against)\b|\bbroker\s+non-votes\b|\babstentions?\b", 2),
    ],
    "material_agreement": [
        (r"\bentered\s+into\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,5}agreement\b", 1),
    ],
    "dividend": [
        (r"\bdeclar(?:ed|es)\s+(?:a\s+|an\s+|the\s+|its\s+)?(?:[\w'’-]+\s+){0,5}dividends?\b", 3),
        (r"\bdividends?\s+of\s+\$\s?\d|\bper\s+share\b[^.]{0,80}\bpayable\b", 1),
        (r"\b(?:stock|share)holders\s+of\s+record\b", 1),
    ],
    "cybersecurity_incident": [
        (r"\bcyber(?:security)?\s+(?:incident|attack)\b|\bransomware\b|\bunauthorized\s+access\b", 3),
    ],
}
# Cues run on the lower-cased text (case-insensitive matching is several times slower in
# Python's engine); the patterns use no upper-case escapes, so lower-casing them is safe.
assert not any(re.search(r"\\[A-Z]", p) for cues in _CUES.values() for p, _ in cues)


@functools.cache
def _cue_re(pattern: str) -> re.Pattern[str]:
    """A cue of ``_CUES``, lower-cased and compiled (in :func:`word_start` form) when first
    searched: a text holds the words (``_NEEDLES``) of a few cues only, and compiling all of
    them at import cost a cold start 25 ms."""
    return re.compile(word_start(pattern.lower()))


@functools.cache
def _cue_heads(pattern: str) -> tuple[str, ...] | None:
    """The words a match of the cue starts with (:func:`word_heads`), made when first searched."""
    return word_heads(pattern.lower())


def _cue_search(pattern: str, text: str) -> re.Match[str] | None:
    """The first match of a cue in the (lower-cased) text: tried only where a word its matches
    start with starts (:func:`find_at_heads`; measured on the corpus's 36 items read: their
    173 cue searches 1.3 ms, 2.5 before)."""
    rx, heads = _cue_re(pattern), _cue_heads(pattern)
    return rx.search(text) if heads is None else next(find_at_heads(rx, text, heads), None)


#: Words one of which every match of a cue holds (in the order of ``_CUES``): a cue none of whose
#: words is in the text cannot match, and is not searched (a substring test costs a hundredth of
#: the search). Keep in step with ``_CUES``.
_NEEDLES: dict[str, list[tuple[str, ...]]] = {
    "earnings_release": [("results",), ("results",), ("announc",), ("earnings", "net"), ("revenue", "sales")],
    "equity_financing": [("private",), ("agreement",), ("shares", "units"), ("regulation", "section", "rule"),
                         ("offering", "equity"), ("preferred",)],
    "debt_obligation": [("credit", "loan"), ("notes", "debentures"), ("indenture", "revolving", "credit")],
    "legal_settlement": [("settle",), ("lawsuit", "litigation", "complaint", "action", "arbitration", "plaintiff", "defendant"),
                         ("court",)],
    "acquisition_disposition": [("complet",), ("agreement",), ("acquire", "sold")],
    "officer_director_change": [("resign", "retire", "step"), ("appoint", "elected", "named")],
    "auditor_change": [("dismiss", "engag")],
    "non_reliance": [("restat",), ("relied", "reliance")],
    "bankruptcy": [("chapter", "petition", "receiver")],
    "shareholder_vote": [("meeting",), ("vote", "abstention")],
    "material_agreement": [("entered",)],
    "dividend": [("dividend",), ("dividend", "payable"), ("record",)],
    "cybersecurity_incident": [("cyber", "ransomware", "unauthorized")],
}
assert all(len(_NEEDLES[t]) == len(c) and all(w in p.lower() for (p, _), ws in zip(c, _NEEDLES[t], strict=True) for w in ws)
           for t, c in _CUES.items())
#: Where cues are read: the catch-all items. Modern 8.01 is only refined to types that have no
#: item of their own (a settlement, a dividend); for other modern items the item decides.
_REFINE_FROM_LEGACY = {"5", "9"}
_MODERN_REFINABLE = {"legal_settlement", "dividend"}
#: Modern items other than 8.01 refined from their text, and the only type they refine to:
#: a Regulation FD item (7.01) that declares a dividend is a dividend.
_REFINE_MODERN_ONLY = {"7.01": "dividend"}
#: Cues that take a type back: "settlement of the exchange offers" is the closing of an offer,
#: not a lawsuit's end, unless the text speaks of litigation too.
_VETO = {
    "legal_settlement": (
        re.compile(r"\b(?:exchange|tender)\s+offers?\b|\bsettlement\s+date\b"),
        re.compile(r"\b(?:lawsuit|litigation|complaint|class\s+action|arbitration|plaintiffs?|court)\b"),
    ),
    # a rights plan's "dividend of one preferred share purchase right" declares no dividend
    "dividend": (re.compile(r"\bpurchase\s+rights?\b|\brights\s+(?:agreement|plan)\b"), re.compile(r"(?!)")),
}
#: The words of the vetoes, as ``_NEEDLES`` has them for the cues.
_VETO_NEEDLES = {
    "legal_settlement": (("offer", "settlement"), ("lawsuit", "litigation", "complaint", "action", "arbitration", "plaintiff", "court")),
    "dividend": (("right",), ()),
}
#: Minimum cue score to replace the catch-all type.
_MIN_SCORE = 2


@dataclass
class ItemRef:
    """An item as the event layer needs it: code, text and where it is."""

    code: str
    text: str
    start: int = 0
    end: int = 0
    document: int | None = None
    source: str = "body"  # "body" (grammar), "scan" (fallback heading scan), "header"


@dataclass
class Context:
    legacy: bool | None = None
    registrant_names: set[str] = field(default_factory=set)
    items: list[ItemRef] = field(default_factory=list)  # the filing's items (an item may incorporate another)
    facts: list[Fact] = field(default_factory=list)  # the filing's facts
    #: the Submission read (its documents and memoised views), for readers of tables and
    #: exhibits (votes, earnings figures); None when the caller has only item texts
    submission: Any = None
    exhibits: list[Exhibit] = field(default_factory=list)  # the filing's exhibit list


#: Only the start of an item is read for cues: an 8-K states what happened in its first
#: paragraphs; what follows (a pasted release, tables) adds noise and cost, not signal.
CLASSIFY_CHARS = 3000


def classify_text(text: str) -> tuple[str | None, int, list[tuple[int, int]]]:
    """The best-supported event type for a catch-all item's text: (type, score, cue spans)."""
    head = text[:CLASSIFY_CHARS]
    low = head.lower()
    text = low if len(low) == len(head) else head  # keep cue offsets exact
    best: tuple[str | None, int, list[tuple[int, int]]] = (None, 0, [])
    for etype, cues in _CUES.items():
        # the cues whose words the text holds (the others cannot match); a type whose score
        # could not pass the best one's even if they all matched is not searched (nor vetoed)
        # (measured on the corpus's catch-all items: a fifth of classify_text's time), and its
        # words are looked for only while it could (the words were half of classify_text's
        # time; classify_text now in 0.9 of the time, measured)
        present: list[tuple[str, int]] = []
        possible = sum(w for _, w in cues)
        for c, needles in zip(cues, _NEEDLES[etype], strict=True):
            if any(n in text for n in needles):
                present.append(c)
                continue
            possible -= c[1]
            if possible <= best[1]:
                break
        if possible <= best[1] or _vetoed(etype, text):
            continue
        score = 0
        spans = []
        for pattern, w in present:
            m = _cue_search(pattern, text)
            if m:
                score += w
                spans.append((m.start(), m.end()))
        if score > best[1]:
            best = (etype, score, spans)
    return best


def _vetoed(etype: str, text: str) -> bool:
    veto = _VETO.get(etype)
    if veto is None:
        return False
    (take, keep), (take_words, keep_words) = veto, _VETO_NEEDLES[etype]
    if not any(n in text for n in take_words) or not take.search(text):
        return False
    return not (any(n in text for n in keep_words) and keep.search(text))


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"\b(inc|corp|corporation|co|company|ltd|llc|lp|plc)\b", "", name.lower()))


class _FactIndex:
    """Facts by document, sorted by start: the facts of an item's span by bisection (a scan of
    every fact per item was quadratic on documents with thousands of items)."""

    def __init__(self, facts: list[Fact]) -> None:
        self.facts = facts
        self.docs: dict[int | None, tuple[list[int], list[int]]] = {}
        at = [f.span.start for f in facts]
        docs = self.docs
        for i in sorted(range(len(facts)), key=at.__getitem__):  # (a stable sort)
            entry = docs.get(d := facts[i].document)
            if entry is None:  # (not setdefault: its two lists were made and dropped for every fact)
                entry = docs[d] = ([], [])
            entry[0].append(at[i])
            entry[1].append(i)

    def within(self, document: int | None, start: int, end: int) -> list[Fact]:
        """The facts of ``document`` that start in ``[start, end)``, in their original order."""
        starts, ranks = self.docs.get(document, ([], []))
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [self.facts[i] for i in sorted(ranks[lo:hi])]


def infer_events(items: list[ItemRef], facts: list[Fact], ctx: Context) -> list[Event]:
    events: list[Event] = []
    by_doc = _FactIndex(facts)
    for it in items:
        base = ITEM_TYPES.get(it.code)
        if base is None:
            continue
        scheme = itemcodes.scheme_of(it.code)
        etype, confidence = base, 0.95 if it.source == "body" else 0.85
        evidence: list[Span] = []
        if it.end > it.start:
            evidence.append(Span.at(it.start, it.end, it.document))
        refined = None
        only = _REFINE_MODERN_ONLY.get(it.code) if scheme == "modern" else None
        if it.text and (
            (scheme == "legacy" and it.code in _REFINE_FROM_LEGACY)
            or (scheme == "modern" and it.code == "8.01")
            # a 7.01 item is read only when it names its one possible type (a cheap test first)
            or (only is not None and only in it.text[:CLASSIFY_CHARS].lower())
        ):
            guess, score, cue_spans = classify_text(it.text)
            allowed = scheme == "legacy" or (guess == only if only else guess in _MODERN_REFINABLE)
            if guess and allowed and score >= _MIN_SCORE and guess != base:
                refined = guess
                etype = guess
                confidence = min(0.9, 0.5 + 0.1 * score)
                for s, e in cue_spans:
                    evidence.append(Span.at(it.start + s, it.start + e, it.document))
        if scheme == "legacy":
            equivalent = TYPE_MODERN_ITEM.get(etype) or itemcodes.equivalent(it.code)
        else:
            equivalent = itemcodes.equivalent(it.code)
        item_facts = by_doc.within(it.document, it.start, max(it.end, it.start + 1)) if it.end > it.start else []
        attrs = _attributes(etype, it, item_facts, ctx)
        spans = attrs.pop(SPANS_KEY, None) or {}
        if refined:
            attrs["inferred_from"] = it.code
        attrs["item_source"] = it.source
        events.append(
            Event(
                type=etype,
                item=it.code,
                equivalent_item=equivalent,
                confidence=round(confidence, 2),
                attributes=attrs,
                evidence=evidence,
                attribute_spans=spans,
            )
        )
    return events


# --- attributes per type ----------------------------------------------------------------------


#: Words that do not name a company on their own: a "party" made only of them and legal
#: suffixes is a fragment of a sentence ("the Company, Incorporated", "Merger Sub, Inc.",
#: "Delaware General Corporation"), not a counterparty.
_GENERIC = frozenset({
    "the", "a", "an", "company", "companies", "corporation", "corp", "inc", "incorporated", "co", "ltd", "limited",
    "llc", "lp", "plc", "sub", "merger", "parent", "holdings", "holding", "group", "general", "delaware", "nevada",
    "jr", "sr", "new", "our", "its", "their", "and", "of", "purchaser", "buyer", "seller", "borrower", "lender",
    "guarantor", "issuer", "registrant", "subsidiary", "subsidiaries",
})


def _fragment(name: str) -> bool:
    words = [w for w in re.split(r"[^A-Za-z0-9&]+", name) if w]
    return not words or all(w.lower() in _GENERIC for w in words) or not words[0][:1].isupper()


def _parties(facts: list[Fact], ctx: Context, ptype: str) -> list[Fact]:
    seen: set[str] = set()
    out = []
    for f in facts:
        if f.kind != "party" or f.attributes.get("type") != ptype:
            continue
        key = _norm(str(f.value))
        if not key or key in seen or key in ctx.registrant_names or (ptype == "organization" and _fragment(str(f.value))):
            continue
        seen.add(key)
        out.append(f)
    return out


def _first(facts: list[Fact], kind: str, pred: Any = None) -> Fact | None:
    for f in facts:
        if f.kind == kind and f.value is not None and (pred is None or pred(f)):
            return f
    return None


def _money(a: dict[str, Any], m: Fact | None) -> None:
    if m:
        a["amount"] = m.value
        a["currency"] = m.unit


def _court(a: dict[str, Any], facts: list[Fact], ctx: Context) -> None:
    courts = _parties(facts, ctx, "court")
    if courts:
        a["court"] = str(courts[0].value)


def _price_per_share(it: ItemRef, facts: list[Fact], main: Fact | None) -> Fact | None:
    """The first per-share amount after the share count; a par value is not a price (amounts
    printed right after "par value" are skipped)."""
    price = _first(facts, "money", lambda f: f.per == "share" and (main is None or f.span.start > main.span.start))
    if price is not None and re.search(r"par\s+value\s*(?:of\s*)?$", it.text[: max(0, price.span.start - it.start)][-30:]):
        price = _first(
            facts,
            "money",
            lambda f: f.per == "share" and f.span.start > price.span.start,
        )
    return price


def _equity_financing(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    a: dict[str, Any] = {}
    orgs = _parties(facts, ctx, "organization")
    sh = [f for f in facts if f.kind == "shares"]
    main = next((f for f in sh if f.value is not None and f.attributes.get("class")), None) or next(
        (f for f in sh if f.value is not None), None
    )
    if main:
        a["shares"] = main.value
        if main.attributes.get("class"):
            a["security"] = main.attributes["class"]
    price = _price_per_share(it, facts, main)
    if price:
        a["price_per_share"] = price.value
        a["currency"] = price.unit
    if main and price and isinstance(main.value, (int, float)) and isinstance(price.value, (int, float)):
        a["gross_proceeds"] = round(main.value * price.value, 2)
    # purchasers: the organisations named in the sentence of the issuance (a later
    # sentence about other agreements names other parties)
    if main is not None:
        lo, hi = sentence_around(it.text, main.span.start - it.start, _SENT_END)
        a["purchasers"] = [str(f.value) for f in orgs if lo <= f.span.start - it.start < hi]
    else:
        a["purchasers"] = [str(f.value) for f in orgs]
    warrants = [f for f in facts if f.kind == "security" and f.attributes.get("class") in ("warrant", "warrants")]
    if warrants:
        a["warrants"] = [
            {k: v for k, v in w.attributes.items() if k in ("exercise_price", "currency", "term_years")}
            for w in warrants
        ]
    malformed = [f for f in sh if f.attributes.get("malformed")]
    if malformed:
        a["malformed_counts"] = [f.text for f in malformed]
    return a


def _legal_settlement(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    a: dict[str, Any] = {}
    orgs = _parties(facts, ctx, "organization")
    _money(a, _first(facts, "money", lambda f: f.value != 0))
    _court(a, facts, ctx)
    if orgs:
        a["counterparty"] = str(orgs[0].value)
        a["counterparties"] = [str(f.value) for f in orgs]
    d = _approval_date(it, facts)
    if d:
        a["approval_date"] = d
    return a


def _agreement(it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    """Agreements, their termination, acquisitions and debt: counterparties and an amount."""
    a: dict[str, Any] = {"counterparties": [str(f.value) for f in _parties(facts, ctx, "organization")]}
    _money(a, _first(facts, "money", lambda f: f.per is None and f.value != 0))
    return a


_AttributeReader = Callable[[ItemRef, list[Fact], Context], dict[str, Any]]
#: The key under which a reader hands back its attributes' evidence: {attribute path: Span}
#: (taken out of the attributes into ``Event.attribute_spans``).
SPANS_KEY = "_spans"


class _Reader(NamedTuple):
    """Where an attribute reader is: its module (``eightk.extract.<module>``) and function."""

    module: str
    function: str


#: The attribute reader of each event type (types without one have no attributes of their own).
#: A reader module is imported when an item of its type is first read, not with this module: a
#: filing needs the readers of one or two types, and importing them all (their patterns compile
#: at import) cost a cold ``eightk parse`` about 0.15 s.
_READERS: dict[str, _Reader] = {
    "earnings_release": _Reader("ev_earnings", "earnings_release"),
    "equity_financing": _Reader("events", "_equity_financing"),
    "legal_settlement": _Reader("events", "_legal_settlement"),
    "material_agreement": _Reader("ev_deals", "material_agreement"),
    "material_agreement_termination": _Reader("events", "_agreement"),
    "acquisition_disposition": _Reader("ev_deals", "acquisition_disposition"),
    "debt_obligation": _Reader("ev_deals", "debt_obligation"),
    "officer_director_change": _Reader("ev_officers", "officer_director_change"),
    "auditor_change": _Reader("ev_accounting", "auditor_change"),
    "non_reliance": _Reader("ev_accounting", "non_reliance"),
    "bankruptcy": _Reader("ev_distress", "bankruptcy"),
    "delisting": _Reader("ev_distress", "delisting"),
    "cybersecurity_incident": _Reader("ev_distress", "cybersecurity_incident"),
    "shareholder_vote": _Reader("ev_votes", "shareholder_vote"),
    "dividend": _Reader("ev_dividends", "dividend"),
}
#: The readers imported so far, by event type.
_LOADED: dict[str, _AttributeReader] = {}


def _reader(etype: str) -> _AttributeReader | None:
    """The attribute reader of ``etype`` (imported on first use), or None."""
    reader = _LOADED.get(etype)
    if reader is None:
        where = _READERS.get(etype)
        if where is None:
            return None
        reader = _LOADED[etype] = getattr(importlib.import_module(f"eightk.extract.{where.module}"), where.function)
    return reader


def _attributes(etype: str, it: ItemRef, facts: list[Fact], ctx: Context) -> dict[str, Any]:
    reader = _reader(etype)
    return reader(it, facts, ctx) if reader is not None else {}


def _approval_date(it: ItemRef, facts: list[Fact]) -> str | None:
    """The date of the sentence that says the settlement was approved, else the first date."""
    dates = [f for f in facts if f.kind == "date" and f.value]
    for f in dates:
        lo = f.span.start - it.start
        sent_start = max(it.text.rfind(". ", 0, lo), 0)
        sent_end = it.text.find(". ", lo)
        sent = it.text[sent_start : sent_end if sent_end > 0 else len(it.text)]
        if re.search(r"\bapprov", sent, re.I):
            return str(f.value)
    return str(dates[0].value) if dates else None


#: A sentence ends at a full stop before a capital, but not after an initial or an
#: abbreviation with inner stops ("L.P.", "J.", "Inc." followed by a comma does not end one);
#: written stop first (see ev_text._SENT_END).
_SENT_END = re.compile(r"\.(?<![A-Z]\.[A-Z]\.)(?<!\b[A-Z]\.)(?<!\bInc\.)(?<!\bCo\.)(?<!\bNo\.)\s+(?=[A-Z(\"])")
