"""The event readers' shortcuts give what the plain readings they replace give, on generated input.

Each test holds the plain reading (as the reader did it before the shortcut) and compares the
two on many generated tables, markups or texts; the text is made up here, not corpus text.
"""

from __future__ import annotations

import random
import re
from typing import Any

import pytest

from eightk.containers.submission import read_submission
from eightk.documents.blocks import Block, Cell
from eightk.extract import ev_earnings as E
from eightk.extract.tables import Row

# ---------------------------------------------------------------------------------------------
# ev_earnings._pick: the per-share context read back from a diluted row, not folded row by row

LABELS = [
    "Net income", "Net income attributable to Orrin Corp.", "Net loss", "Consolidated net income",
    "Total revenues", "Revenue", "Net sales", "Diluted", "Basic", "Diluted EPS", "Diluted (1)",
    "Diluted net income per share", "Earnings per share:", "Net income per share:", "EPS",
    "Weighted average shares outstanding:", "Shares used in computing per share amounts:",
    "Average diluted shares", "Operating expenses:", "Cost of sales", "Per share data", "",
    "Reported diluted EPS*", "Loss per share — diluted", "Diluted weighted-average shares",
]
PROSE = [
    "Orrin Corp. reported record performance per segment this year.",
    "The average selling price rose.", "Earnings per share were strong.",
    "Weighted by region, shares of revenue grew.", "(in thousands, except per share data)",
    "Nothing here says anything.", "EPS and LPS are defined below.", "Per share amounts:",
]
FIGURES = ["1.23", "(0.12)", "0.05", "1,234", "(1,250)", "12,100", "—", "-", "$", "%", "12%", "*", "n/a", "2023"]


def _table(rng: random.Random) -> list[Row]:
    rows: list[Row] = []
    pos = 0
    for _ in range(rng.randrange(1, 40)):
        if rng.random() < 0.3:
            t = rng.choice(PROSE + LABELS[:-1])
            rows.append(Row([Cell(t, pos, pos + len(t))], pos, pos + len(t), False, [0]))
        else:
            texts = [rng.choice(LABELS)] + [rng.choice(FIGURES) for _ in range(rng.choice((0, 0, 1, 2, 2, 3, 4)))]
            texts = [t for t in texts if t] or ["Diluted"]
            cells = [Cell(t, pos + 10 * k, pos + 10 * k + len(t)) for k, t in enumerate(texts)]
            rows.append(Row(cells, pos, pos + 10 * len(texts), True, list(range(len(texts))), html=True))
        pos += 100
    return rows


def _plain_pick(rows: list[Row]) -> dict[str, Any]:
    """_pick as it read before: the per-share context folded over every row, every row's
    figures read (the rows found by index)."""
    def context(label: str, before: bool) -> bool:
        if E._EPS_CONTEXT.search(label):
            return True
        return False if E._SHARES.search(label) else before

    found: dict[str, Any] = {}
    attributed = False
    eps_context = False
    for k, r in enumerate(rows):
        if not r.table:
            if r.cells:
                eps_context = context(E._label(r.cells[0].text), eps_context)
            continue
        label = E._label(r.cells[0].text)
        if not label:
            continue
        figs = E._figures(r)
        if not figs:
            eps_context = context(label, eps_context)
        if len(figs) < 2:
            continue
        if E._REVENUE.match(label) and ("revenue" not in found or label.startswith("total")):
            found["revenue"] = (k, figs)
        m = E._NET_INCOME.match(label)
        if m and not E._NOT_NET_INCOME.search(label) and (
                "net_income" not in found or (m.group("attr") and not attributed)):
            found["net_income"] = (k, figs)
            attributed = bool(m.group("attr"))
        small = all(v is None or abs(v) < 1000 for v, _ in figs[:2])
        if (E._DILUTED.search(label) and small and "diluted_eps" not in found
                and (E._EPS_CONTEXT.search(label) or eps_context) and not E._SHARES.search(label)):
            found["diluted_eps"] = (k, figs)
    return found


def _run(rows: list[Row]) -> E._Run:
    """The rows as a run of _segments (heads whose Rows are made already)."""
    return E._Run([(Block("", r.start, r.end), r.table, r.cells[0].text, r) for r in rows])


def test_pick_reads_the_per_share_context_as_the_fold_did() -> None:
    rng = random.Random(11)
    picked = 0
    for _ in range(3000):
        rows = _table(rng)
        plain = _plain_pick(rows)
        assert E._pick(_run(rows)) == plain
        picked += "diluted_eps" in plain
    assert picked > 300  # the generated tables reach the diluted row's test often


# ---------------------------------------------------------------------------------------------
# ev_earnings.table_end: read a part at a time, and in a document's ASCII bytes

PIECES = [
    "<table>", "</table>", "<TABLE border=1>", "</TABLE >", "<Table>", "</table", "Diluted", "DILUTED",
    "diluted", "DiLuTed", "dilut", "ed", "revenue", "Sales", "net income", "Net\n Loss", "NET EARNINGS",
    "profit", "<p>Orrin</p>", "<td>", "</td>", "ab", " ", ">", "<",
]


def _markup(rng: random.Random, pieces: list[str]) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 60)))


def _plain_table_end(markup: str) -> int | None:
    """table_end as the whole markup lower-cased at once gives it."""
    return E._table_end_in(markup.lower(), True, 0, 0)[0]


@pytest.mark.parametrize("part", [1, 3, 7, 64, 64 << 10])
def test_table_end_in_parts_is_table_end_of_the_whole(part: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(E, "_PART", part)
    rng = random.Random(part)
    found = 0
    for _ in range(1500):
        markup = _markup(rng, PIECES + ["é", "İ", "Σ "])
        end = _plain_table_end(markup)
        assert E.table_end(markup) == end
        for limit in (0, 5, 40, 200, *((end - 1, end, end + 1) if end is not None else ())):
            assert E.table_end(markup, limit=limit) == (end if end is not None and end <= limit else None)
        found += end is not None
        if markup.isascii():
            data = b"<x>" + markup.encode() + b"</y>"
            assert E.table_end(data, 3, 3 + len(markup)) == end
            assert E.table_end(memoryview(data), 3, 3 + len(markup)) == end
    assert found > 100


def _submission(exhibit: str) -> bytes:
    return ("<SEC-DOCUMENT>\n<SEC-HEADER>\nCONFORMED SUBMISSION TYPE:\t8-K\n</SEC-HEADER>\n"
            "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<TEXT>\n<html><body><p>Orrin Corp.</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
            f"<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<TEXT>\n{exhibit}\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n").encode()


def test_statement_markup_of_ascii_bytes_is_the_text_path() -> None:
    rng = random.Random(5)
    for n in range(400):
        exhibit = "<html><body>" + _markup(rng, PIECES) + "</body></html>"
        if n % 4 == 0:
            exhibit += "é"  # not ASCII: read in the decoded text
        text = read_submission(_submission(exhibit)).documents[1].text
        end = E.table_end(text)
        plain = text[:end] if end is not None and end <= E.MAX_PREFIX_CHARS else None
        doc = read_submission(_submission(exhibit)).documents[1]  # its text not decoded
        assert doc.encoding == ("ascii" if exhibit.isascii() else "utf-8")
        assert E._statement_markup(doc) == plain


# ---------------------------------------------------------------------------------------------
# ev_officers._all_cues: a cue none of whose words is in the text is not searched

_CUE_TEXT = (
    "appointed named executive officers resigned retirement retired plans will succeed succeeding become became "
    "becomes effective serve as join the Company Board step stepped down departure depart relinquished leave "
    "leaving his positions not to stand seek for re-election decided ceased cease serving separation separated "
    "from terminated termination agreement agreements dismissal dismissed removed removal of passed away died "
    "death search finding a permanent successor defer deferred her resignation elected election reelected "
    "re-elected promoted promotion hired transition move role position assume assumed duties employment offer "
    "letter compensation compensated Committee bonus bonuses base salary equity award awards grant granted RSU "
    "Departure Directors Certain Officers Election Appointment Appointed RESIGNED Retiring continue . , ;"
)
CUE_WORDS = [*_CUE_TEXT.split(), "\n"]


def _plain_all_cues(text: str) -> list[tuple[int, int, str, str | None]]:
    """_all_cues as it read before: every cue searched."""
    import bisect

    from eightk.extract import ev_officers as O

    taken = [(m.start(), m.end(), "", None) for m in O._HEADING.finditer(text)]
    spans = sorted((s, e) for s, e, _, _ in taken)
    low = text.lower()
    low = low if len(low) == len(text) else text
    for rx, action, reason, _ in O._CUES:
        for m in rx.finditer(low):
            i = bisect.bisect_left(spans, (m.end(), -1))
            if i and spans[i - 1][1] > m.start():
                continue
            taken.append((m.start(), m.end(), action, reason))
            bisect.insort(spans, (m.start(), m.end()))
    return sorted(c for c in taken if c[2])


def test_all_cues_skips_only_cues_that_cannot_match() -> None:
    from eightk.extract import ev_officers as O

    rng = random.Random(3)
    skipped = 0
    for n in range(3000):
        words = [rng.choice(CUE_WORDS) for _ in range(rng.randrange(1, 30))]
        text = " ".join(words) + (" İ" if n % 7 == 0 else "")  # (a text whose lower case is longer)
        assert O._all_cues(text) == _plain_all_cues(text)
        skipped += sum(not any(w in text.lower() for w in ws) for _, _, _, ws in O._CUES)
    assert skipped > 3000


# ---------------------------------------------------------------------------------------------
# events.classify_text: a type that could not pass the best score is not searched

def _plain_classify(text: str) -> tuple[str | None, int, list[tuple[int, int]]]:
    """classify_text as it read before: every type's cues searched."""
    from eightk.extract import events as EV

    head = text[:EV.CLASSIFY_CHARS]
    low = head.lower()
    text = low if len(low) == len(head) else head
    best: tuple[str | None, int, list[tuple[int, int]]] = (None, 0, [])
    for etype, cues in EV._CUES.items():
        if EV._vetoed(etype, text):
            continue
        score, spans = 0, []
        for (pattern, w), needles in zip(cues, EV._NEEDLES[etype], strict=True):
            m = EV._cue_re(pattern).search(text) if any(n in text for n in needles) else None
            if m:
                score += w
                spans.append((m.start(), m.end()))
        if score > best[1]:
            best = (etype, score, spans)
    return best


_CLASSIFY_TEXT = (
    "results of operations announced financial results for the quarter net earnings revenue sales private placement "
    "securities purchase agreement shares units regulation d section 4(a)(2) offering preferred stock credit agreement "
    "loan term senior notes due 2030 indenture revolving line of credit settlement agreement agreed to settle settled "
    "settlement of lawsuit litigation complaint class action court completed the acquisition merger agreement acquired "
    "sold all resigned retirement step down appointed elected named director officer dismissed engaged independent "
    "auditors certifying accountant restated restatement should no longer be relied upon non-reliance chapter 11 "
    "voluntary petition receiver annual meeting of stockholders votes cast for against broker non-votes abstentions "
    "entered into an agreement declared a quarterly cash dividend dividends of $0.25 per share payable holders of "
    "record cybersecurity incident ransomware unauthorized access exchange offers settlement date purchase rights plan"
)
CLASSIFY_WORDS = [*_CLASSIFY_TEXT.split(), "Results", "Chapter", "."]


def test_classify_text_skips_only_types_that_cannot_win() -> None:
    from eightk.extract.events import classify_text

    rng = random.Random(9)
    won = set()
    for n in range(3000):
        text = " ".join(rng.choice(CLASSIFY_WORDS) for _ in range(rng.randrange(1, 60)))
        if n % 11 == 0:
            text = "İ " + text  # a text whose lower case is longer
        got = classify_text(text)
        assert got == _plain_classify(text)
        won.add(got[0])
    assert len(won) > 10


# ---------------------------------------------------------------------------------------------
# tables.row_heads: a row's first printing cell found by a loop (isspace for strip); head_text

def test_row_heads_first_cell_is_the_first_that_strips_to_text() -> None:
    from eightk.documents.blocks import Block, DocumentView
    from eightk.extract.tables import head_text, row_heads, row_of_head

    rng = random.Random(8)
    texts = ["", " ", "\xa0", "\u2003", "\n\t", "Diluted", " Net income ", "$", "0.12", "\u200b", "x\xa0"]
    for _ in range(500):
        blocks, pos = [], 0
        for _ in range(rng.randrange(1, 12)):
            kind = rng.choice(["row", "row", "paragraph", "line"])
            cells = [Cell(rng.choice(texts), pos, pos + 1) for _ in range(rng.randrange(0, 6))] if kind == "row" else None
            blocks.append(Block(rng.choice(texts), pos, pos + 1, kind, cells, hidden=rng.random() < 0.1))
            pos += 2
        view = DocumentView(text=" " * pos, blocks=blocks, format="html")
        plain = []
        for b in blocks:
            if b.hidden:
                continue
            if b.kind == "row" and b.cells is not None:
                first = next((c.text for c in b.cells if c.text.strip()), None)
                if first is not None:
                    plain.append((b, True, first))
            elif b.kind == "paragraph" and b.text.strip():
                plain.append((b, False, b.text))
            elif b.kind == "line" and b.text.strip():
                plain.append((b, False, b.text.strip()))  # a line of one cell: a paragraph
        heads = list(row_heads(view, 0, pos))
        assert [h[:3] for h in heads] == plain
        # head_text: the text of the first cell of the Row, without making it
        assert [head_text(h) for h in heads] == [row_of_head(h).cells[0].text for h in heads]


def test_pick_makes_each_paragraph_label_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Many diluted rows and prose paragraphs that do not say: each label is made once (the
    fold read each row once; reading back from every diluted row must not read them again)."""
    rows: list[Row] = []
    for k in range(300):
        t = "Orrin's performance per region"
        rows.append(Row([Cell(t, 10 * k, 10 * k + len(t))], 10 * k, 10 * k + 9, False, [0]))
        rows.append(Row([Cell("Diluted", 10 * k + 5, 10 * k + 6), Cell("0.1", 0, 0), Cell("0.2", 0, 0)],
                        10 * k + 5, 10 * k + 9, True, [0, 1, 2], html=True))
    assert "diluted_eps" not in _plain_pick(rows)
    made: list[str] = []
    label = E._label

    def counted(first: str) -> str:
        made.append(first)
        return label(first)

    monkeypatch.setattr(E, "_label", counted)
    assert "diluted_eps" not in E._pick(_run(rows))
    assert len(made) == len(rows)  # every row's label once: the table rows' and the paragraphs'


def test_table_end_reads_little_past_its_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    class Reading:  # bytes that note how far they were read
        def __init__(self, data: bytes) -> None:
            self.data, self.read = data, 0

        def __getitem__(self, part: slice) -> bytes:
            self.read = max(self.read, part.stop)
            return self.data[part]

    monkeypatch.setattr(E, "_PART", 100)
    data = b"<p>Diluted</p>" * 2000 + b"<table>diluted revenue net income</table>"
    whole = Reading(data)
    assert E.table_end(whole, 0, len(data)) == len(data) and whole.read == len(data)  # type: ignore[arg-type]
    capped = Reading(data)
    assert E.table_end(capped, 0, len(data), limit=1000) is None and capped.read <= 1100  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# tables._block_row: a cell whose text is folded already is the view's Cell itself

def test_block_row_cells_equal_the_folded_ones() -> None:
    from eightk.documents.blocks import Block
    from eightk.extract.tables import _block_row

    rng = random.Random(6)
    texts = ["", " ", "\xa0", "4,373", " 4,373", "4,373 ", "Total  revenue", "Total revenue", "Net\nincome", "$", "a\u2003b"]
    for _ in range(2000):
        cells = [Cell(rng.choice(texts), k, k + 1) for k in range(rng.randrange(0, 8))]
        row = _block_row(Block("x", 0, 9, "row", cells))
        plain = [(Cell(" ".join(c.text.split()), c.start, c.end), k) for k, c in enumerate(cells) if c.text.strip()]
        if not plain:
            assert row is None
            continue
        assert row is not None and row.cells == [c for c, _ in plain] and row.cols == [k for _, k in plain]
        assert all(c.text == " ".join(c.text.split()) for c in row.cells)


# ---------------------------------------------------------------------------------------------
# ev_officers: the titles of a change read once the item is read, and sentence tests skipped
# when a sentence holds none of their words

_PEOPLE = ["Jane Roe", "John Doe", "Mr. Doe", "Ms. Roe", "Alan Q. Smith", "Dr. Smith", "she", "he"]
_TITLES = ["Chief Financial Officer", "Chief Executive Officer", "President", "a director", "Treasurer",
           "Chief Operating Officer", "General Counsel", "Chairman of the Board"]
_ACTS = ["was appointed", "resigned as", "will retire as", "was elected", "will become", "entered into an employment "
         "agreement with the Company as", "received a bonus as", "has been named", "will succeed Mr. Doe as",
         "stepped down as", "was granted an award of 1,000 RSUs as", "will serve as", "was terminated as"]
_TAILS = ["", " effective March 1, 2024", " in 2019", " pursuant to an offer letter", ", age 52,",
          " until a successor is named", " and there are no family relationships", " under Item 404",
          " with no arrangements or understandings", " following the search for a successor"]


def _officer_text(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randrange(1, 9)):
        who = rng.choice(_PEOPLE)
        s = f"{who} {rng.choice(_ACTS)} {rng.choice(_TITLES)}{rng.choice(_TAILS)}{rng.choice(_TAILS)}"
        if rng.random() < 0.3:
            s += f", and {rng.choice(_PEOPLE)} {rng.choice(_ACTS)} {rng.choice(_TITLES)}"
        sentences.append(s[0].upper() + s[1:] + ".")
    return ("\n\n" if rng.random() < 0.2 else " ").join(sentences)


def test_officer_titles_read_at_the_end_are_those_read_sentence_by_sentence() -> None:
    from eightk.extract import ev_officers as O

    class Eager(O._Reader):
        """The reader as it was: each change's titles read right after each sentence."""

        def sentence(self, sent: tuple[int, int]) -> None:
            super().sentence(sent)
            for ch in self.changes.values():
                ch.read_positions(self.text)

    rng = random.Random(5)
    dropped = 0
    for _ in range(1500):
        text = _officer_text(rng)
        r = Eager(text, [], 0)
        for sent in O._sentences(text):
            r.sentence(sent)
        plain = O._records(text, r.ordered(), r.people, r.dates, r.named, r.pay_dated)
        assert O.read_changes(text, []) == plain
        fast = O._Reader(text, [], 0)
        for sent in O._sentences(text):
            fast.sentence(sent)
        kept = {id(c) for c in fast.ordered()}
        dropped += sum(id(c) not in kept for c in fast.changes.values())
    assert dropped > 50  # changes whose titles were never read


def test_sentence_tests_skip_only_sentences_that_cannot_match() -> None:
    from eightk.extract import ev_officers as O

    more = ("arrangements arrangement or understandings understanding family relationships relationship Item 404 "
            "related party person related-person until the appointment of a permanent successor is has been will be "
            "named search for pursuant to which agreed Agreement ARRANGEMENTS")
    words = [*_CUE_TEXT.split(), *more.split(), ",", "\n"]
    rng = random.Random(7)
    skipped = 0
    for n in range(3000):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 40))) + (" \u0131" if n % 11 == 0 else "")
        r = O._Reader(text, [], 0)
        for lo in range(0, len(text), 17):
            sent = (lo, min(len(text), lo + rng.randrange(1, 120)))
            for t in O._SENTENCE_TESTS:
                plain = bool(t.low.search(r.low, *sent) if r.low is not None else t.rx.search(text, *sent))
                assert r._says(t, sent) == plain
                needles = t.needles or ()
                skipped += r.low is not None and bool(needles) and not any(w in r.low[sent[0]:sent[1]] for w in needles)
    assert skipped > 3000


# ---------------------------------------------------------------------------------------------
# ev_text.word_start: alternatives grouped by their first letter find what the plain list did


def test_word_start_grouped_by_letter_finds_what_the_plain_alternatives_find() -> None:
    from eightk.extract import ev_officers as O
    from eightk.extract import ev_text as T
    from eightk.extract.events import _CUES as EVENT_CUES

    patterns = [p.lower() for p, _, _ in O._CUE_PATTERNS] + [t.rx.pattern.lower() for t in O._SENTENCE_TESTS]
    patterns += [p.lower() for cues in EVENT_CUES.values() for p, _ in cues]
    phrases = ["will join as", "will join the company", "will serve as", "will become", "to succeed", "to serve as",
               "terminated", "termination of the agreement", "removal", "retirement plans", "appointment", "named",
               "named executive officers", "offer letter agreement", "employment agreement", "award agreement",
               "awards granted", "step down", "stepping down", "departure", "leave the company", "leaving his positions",
               "not to stand for re-election", "will not seek re-election", "ceased to serve", "separation from",
               "passed away", "search for a successor", "finding a permanent successor", "find his successor",
               "will leave his position", "will become effective", "became", "continue to serve as", "in 2019"]
    rng = random.Random(11)
    texts = [" ".join(rng.choice(CUE_WORDS + phrases * 3) for _ in range(rng.randrange(1, 60))).lower() for _ in range(400)]
    grouped = 0
    for p in patterns:
        fast = T.word_start(p)
        if fast == p:
            continue
        alternatives = [a for alt in T._top_alternatives(p) for a in (T._letter_first(alt[2:]) or [])]
        plain = re.compile("|".join(a[0] + T._LOOK_BACK + a[1:] for a in alternatives))
        grouped += fast != plain.pattern
        for text in texts:
            assert [m.span() for m in re.finditer(fast, text)] == [m.span() for m in plain.finditer(text)]
    assert grouped >= 5


def test_word_start_keeps_letters_of_two_cases_apart() -> None:
    from eightk.extract import ev_text as T

    fast = T.word_start(r"\bStep\s+down\b|\bsaid\b|\bsTOP\b")
    assert fast == r"S(?<!\w.)tep\s+down\b|s(?<!\w.)aid\b|s(?<!\w.)TOP\b"
    for text in ("said Stop", "STEP DOWN, SAID", "stop step down"):
        for flags in (0, re.I):
            assert [m.span() for m in re.finditer(fast, text, flags)] == [
                m.span() for m in re.finditer(r"\bStep\s+down\b|\bsaid\b|\bsTOP\b", text, flags)]


# ---------------------------------------------------------------------------------------------
# sentence ends written stop first: the look-behinds after the stop find what they found before it

def test_sentence_ends_stop_first_find_what_look_behinds_first_found() -> None:
    from eightk.extract import ev_deals, ev_dividends, ev_text, ev_votes, events

    plain = {  # the patterns as they were written
        ev_text._SENT_END: r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bInc)(?<!\bCo)(?<!\bNo)(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bSt)"
                           r"[.;:](?=\s+[A-Z(\"“•·\-–—])|\n[ \t]*\n",
        ev_deals._SENT_END: r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bInc)(?<!\bCo)(?<!\bNo)(?<!\bCorp)(?<!\bLtd)\.\s+(?=[A-Z(\"“])|\n\s*\n",
        events._SENT_END: r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bInc)(?<!\bCo)(?<!\bNo)\.\s+(?=[A-Z(\"])",
        ev_dividends._SENT_END: r"(?<![A-Z])(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bNo)\.\s+(?=[A-Z(\"“])",
        ev_votes._SENT_END: r"(?<![A-Z])(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bNo)\.\s+(?=[A-Z(\"“])",
        ev_votes._DESC_END: r"(?<![A-Z])(?<!\bNo)(?<!\bno)(?<!Inc)(?<!Co)(?<!Corp)(?<!Ltd)[.:](?:\s|$)",
    }
    pieces = ["Inc", "Co", "No", "no", "Mr", "Ms", "Dr", "St", "Corp", "Ltd", "U", "S", "L", "P", "a", "xInc", "The",
              "(", '"', "“", "•", "-", "—", ".", ";", ":", " ", "  ", "\n", "\n\n", " \t\n", "\t", "1", "é"]
    rng = random.Random(12)
    ended = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))
        lo = rng.randrange(0, len(text) + 1)
        hi = rng.randrange(lo, len(text) + 1)
        for fast, pattern in plain.items():
            was = re.compile(pattern)
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in was.finditer(text)], (pattern, text)
            assert [m.span() for m in fast.finditer(text, lo, hi)] == [m.span() for m in was.finditer(text, lo, hi)]
            ended += bool(was.search(text))
    assert ended > 3000


def test_date_terms_found_as_the_plain_boundary_pattern_found_them() -> None:
    from eightk.extract import ev_officers as O

    def plain(text: str, dates: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
        more = []
        for value, _, end in dates:
            m = O._DATE_TERM.match(text, end)
            if m:
                for use in re.finditer(rf"\b{re.escape(m.group('term'))}\b", text):
                    if use.start() != m.start("term"):
                        more.append((value, use.start(), use.end()))
        return sorted(dates + more, key=lambda d: d[1])

    words = ["Effective Date", "Retirement Date ", "the", "Date", "xEffective Date", "Effective Dates", "_Effective Date",
             "Separation_2 Date", "Separation_2", ",", " ", "."]
    rng = random.Random(14)
    used = 0
    for _ in range(1500):
        parts, dates = [], []
        for _ in range(rng.randrange(1, 12)):
            if rng.random() < 0.3:
                at = len(" ".join(parts)) + (1 if parts else 0)
                parts.append(f'May 1, 2024 (the "{rng.choice(words[:3] + words[7:9])}")')
                dates.append(("2024-05-01", at, at + 11))
            else:
                parts.append(rng.choice(words))
        text = " ".join(parts)
        got = O._date_terms(text, dates)
        assert got == plain(text, dates), text
        used += len(got) > len(dates)
    assert used > 100


# ---------------------------------------------------------------------------------------------
# ev_text.find_at_heads: a pattern tried where the words its matches start with start

def test_find_at_heads_finds_what_finditer_finds() -> None:
    from eightk.extract import ev_officers as O
    from eightk.extract import ev_text as T
    from eightk.extract.events import _CUES as EVENT_CUES

    patterns = [p.lower() for p, _, _ in O._CUE_PATTERNS] + [t.rx.pattern.lower() for t in O._SENTENCE_TESTS]
    patterns += [p.lower() for cues in EVENT_CUES.values() for p, _ in cues]
    patterns += [r"\bab(?:c|d)?\b|\ba\b|\b(?<!x\s)(?:aa|b)c", r"\b(?:x|y)?ab+c", r"\bfoo|bar"]
    rng = random.Random(15)
    words = CUE_WORDS + CLASSIFY_WORDS + ["ab", "abc", "abd", "a", "aac", "x", "bc", "xab", "yabbbc", "x bc", "re-elected"]
    texts = [" ".join(rng.choice(words) for _ in range(rng.randrange(0, 60))).lower() for _ in range(300)]
    headed = 0
    for p in patterns:
        heads = T.word_heads(p)
        if heads is None:
            continue
        headed += 1
        for rx in (re.compile(p), re.compile(T.word_start(p))):
            for text in texts:
                assert [m.span() for m in T.find_at_heads(rx, text, heads)] == [m.span() for m in rx.finditer(text)], p
    assert headed > 30 and T.word_heads(r"\bfoo|bar") is None
