"""The search query language, parsed once and translated for each backend.

Syntax (the same on SQLite and PostgreSQL)::

    merger agreement            both words (AND is implicit)
    "definitive agreement"      a phrase
    acqui*                      a prefix
    dividend OR buyback         either
    merger NOT terminated       the first without the second
    (bank OR lender) AND loan   grouping

Operators are the upper-case words AND, OR, NOT; lower-case "and"/"or"/"not" are plain
words. This small hand-written parser exists so that user text never reaches SQL or the
engines' own query syntax unescaped: every term becomes a quoted FTS5 string or a bound
parameter of ``plainto_tsquery``/``phraseto_tsquery``, and the structure (AND/OR/NOT,
parentheses) is generated here. A malformed query raises :class:`QuerySyntaxError` with a
message naming the problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eightk.errors import EightKError


class QuerySyntaxError(EightKError):
    """The search query cannot be parsed; the message says where and why. ``position`` is the
    character (1-based, in the query as given) where the problem is, when there is one place."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message if position is None else f"{message} (at character {position})")
        self.position = position


#: Longest query accepted (characters) and most terms: a guard against pathological input.
MAX_QUERY_CHARS = 2000
MAX_TERMS = 64
#: Deepest nesting of parentheses and NOT accepted (the parser and the translations recurse).
MAX_DEPTH = 32

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or several for a phrase
    prefix: bool = False


@dataclass(frozen=True)
class And:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    part: Node


Node = Term | And | Or | Not


# ----------------------------------------------------------------------------- lexer

_TOKEN = re.compile(
    r'\s*(?:(?P<lp>\()|(?P<rp>\))|"(?P<phrase>[^"]*)(?P<close>"?)|(?P<word>[^\s()"]+))', re.UNICODE
)


def _lex(text: str) -> tuple[list[tuple[str, str]], list[int]]:
    """The tokens, and where each starts (1-based, in ``text`` as given)."""
    tokens: list[tuple[str, str]] = []
    starts: list[int] = []
    pos = 0
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or m.end() == pos:  # only trailing whitespace is left
            break
        pos = m.end()
        starts.append(lead + m.start() + len(m.group(0)) - len(m.group(0).lstrip()) + 1)
        if m.group("lp"):
            tokens.append(("(", "("))
        elif m.group("rp"):
            tokens.append((")", ")"))
        elif m.group("phrase") is not None:
            if not m.group("close"):
                raise QuerySyntaxError('unbalanced quote: a "phrase" is opened but never closed', starts[-1])
            tokens.append(("phrase", m.group("phrase")))
        else:
            w = m.group("word")
            if w in ("AND", "OR", "NOT"):
                tokens.append((w, w))
            else:
                tokens.append(("word", w))
    return tokens, starts


# ----------------------------------------------------------------------------- parser


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], starts: list[int], end: int):
        self.tokens = tokens
        self.starts = starts
        self.end = end  # the position just past the query
        self.i = 0
        self.terms = 0
        self.depth = 0

    def _enter(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise QuerySyntaxError(f"the query nests parentheses or NOT too deeply (at most {MAX_DEPTH} levels)")

    def peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def at(self, i: int) -> int:
        """Where token ``i`` starts (past the end: the end of the query)."""
        return self.starts[i] if 0 <= i < len(self.starts) else self.end

    def take(self) -> tuple[str, str]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node | None:
        if not self.tokens:
            return None
        node = self.or_expr()
        if self.peek() == ")":
            raise QuerySyntaxError("unbalanced parenthesis: ')' without a matching '('", self.at(self.i))
        if self.peek() is not None:  # pragma: no cover - or_expr consumes everything else
            raise QuerySyntaxError(f"unexpected {self.tokens[self.i][1]!r}", self.at(self.i))
        return node

    def or_expr(self) -> Node | None:
        parts = [self.and_expr()]
        first_or = self.i
        while self.peek() == "OR":
            self.take()
            if self.peek() in (None, ")", "OR", "AND"):
                raise QuerySyntaxError("OR needs a term on both sides", self.at(self.i - 1))
            parts.append(self.and_expr())
        if parts[0] is None and len(parts) > 1:
            raise QuerySyntaxError("OR needs a term on both sides", self.at(first_or))
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(tuple(kept))

    def and_expr(self) -> Node | None:
        parts: list[Node | None] = []
        if self.peek() == "AND":
            raise QuerySyntaxError("AND needs a term on both sides", self.at(self.i))
        while self.peek() not in (None, ")", "OR"):
            if self.peek() == "AND":
                self.take()
                if self.peek() in (None, ")", "OR", "AND"):
                    raise QuerySyntaxError("AND needs a term on both sides", self.at(self.i - 1))
                continue
            parts.append(self.unary())
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else And(tuple(kept))

    def unary(self) -> Node | None:
        if self.peek() == "NOT":
            self.take()
            if self.peek() in (None, ")", "OR", "AND", "NOT"):
                raise QuerySyntaxError("NOT needs a term after it", self.at(self.i - 1))
            self._enter()
            inner = self.unary()
            self.depth -= 1
            return Not(inner) if inner is not None else None
        return self.primary()

    def primary(self) -> Node | None:
        here = self.at(self.i)
        kind, value = self.take()
        if kind == "(":
            if self.peek() == ")":
                raise QuerySyntaxError("empty parentheses '()'", here)
            self._enter()
            node = self.or_expr()
            if self.peek() != ")":
                raise QuerySyntaxError("unbalanced parenthesis: '(' is never closed", here)
            self.take()
            self.depth -= 1
            return node
        if kind == ")":  # pragma: no cover - callers stop at ')'
            raise QuerySyntaxError("unbalanced parenthesis: ')' without a matching '('")
        if kind == "phrase":
            words = tuple(w.lower() for w in _WORD.findall(value))
            if not words:
                return None
            return self._count(Term(words))
        # a bare word; a trailing * makes it a prefix
        prefix = value.endswith("*")
        core = value.rstrip("*")
        if "*" in core:
            raise QuerySyntaxError(f"'*' is only allowed at the end of a word (in {value!r})", here)
        words = tuple(w.lower() for w in _WORD.findall(core))
        if not words:
            if prefix:
                raise QuerySyntaxError("'*' needs at least one letter or digit before it", here)
            return None  # punctuation only: nothing to search for
        if prefix and len(words) > 1:
            raise QuerySyntaxError(f"a prefix search needs one plain word before '*' (got {value!r})", here)
        return self._count(Term(words, prefix=prefix))

    def _count(self, term: Term) -> Term:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise QuerySyntaxError(f"too many terms (at most {MAX_TERMS})")
        return term


def _check_negation(node: Node, *, top: bool) -> None:
    """Both engines need a positive term to subtract from: 'NOT x' alone matches nothing
    useful (FTS5 rejects it), so it is an error with a clear message on both."""
    if isinstance(node, Not):
        raise QuerySyntaxError("NOT needs a positive term to exclude from (e.g. 'merger NOT terminated')")
    if isinstance(node, Or):
        for p in node.parts:
            _check_negation(p, top=False)
    elif isinstance(node, And):
        if all(isinstance(p, Not) for p in node.parts):
            raise QuerySyntaxError("NOT needs a positive term to exclude from (e.g. 'merger NOT terminated')")
        for p in node.parts:
            if isinstance(p, Not):
                _check_negation_inner(p.part)
            else:
                _check_negation(p, top=False)


def _check_negation_inner(node: Node) -> None:
    if isinstance(node, Not):
        raise QuerySyntaxError("double negation 'NOT NOT' is not supported")
    if isinstance(node, Or | And):
        for p in node.parts:
            _check_negation(p, top=False)


def parse_query(text: str) -> Node | None:
    """The query's syntax tree; None when it has no searchable term (an empty query)."""
    if not isinstance(text, str):
        raise QuerySyntaxError("the query must be text")
    if "\x00" in text:
        raise QuerySyntaxError("the query contains a NUL character", text.index("\x00") + 1)
    if len(text) > MAX_QUERY_CHARS:
        raise QuerySyntaxError(f"the query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    tokens, starts = _lex(text)
    node = _Parser(tokens, starts, len(text.rstrip()) + 1).parse()
    if node is not None:
        _check_negation(node, top=True)
    return node


# ----------------------------------------------------------------------------- SQLite FTS5


def _fts5_string(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def to_fts5(node: Node) -> str:
    """An FTS5 MATCH expression: every term a quoted string, so no FTS5 syntax leaks in."""
    if isinstance(node, Term):
        q = _fts5_string(" ".join(node.words))
        return q + " *" if node.prefix else q
    if isinstance(node, Or):
        return "(" + " OR ".join(to_fts5(p) for p in node.parts) + ")"
    if isinstance(node, And):
        pos = [p for p in node.parts if not isinstance(p, Not)]
        neg = [p.part for p in node.parts if isinstance(p, Not)]
        out = "(" + " AND ".join(to_fts5(p) for p in pos) + ")"
        for n in neg:
            out = f"({out} NOT {to_fts5(n)})"
        return out
    raise QuerySyntaxError("NOT needs a positive term to exclude from")  # pragma: no cover


# ----------------------------------------------------------------------------- PostgreSQL


def to_tsquery_sql(node: Node, config: str = "eightk") -> tuple[str, list[str]]:
    """A SQL expression of type tsquery and its parameters (``?`` placeholders).

    ``config`` is a constant of this module's callers, never user text.
    """
    params: list[str] = []

    def walk(n: Node) -> str:
        # eightk_words() (migration 0002) splits and folds the words as the passages were
        if isinstance(n, Term):
            if n.prefix:
                # the word is letters and digits only (checked by the parser) and is quoted, so ':*'
                # cannot inject syntax; to_tsquery stems it the same way the documents were stemmed
                params.append(n.words[0])
                return f"to_tsquery('{config}', quote_literal(eightk_words(?)) || ':*')"
            params.append(" ".join(n.words))
            fn = "phraseto_tsquery" if len(n.words) > 1 else "plainto_tsquery"
            return f"{fn}('{config}', eightk_words(?))"
        if isinstance(n, Or):
            return "(" + " || ".join(walk(p) for p in n.parts) + ")"
        if isinstance(n, And):
            parts = [walk(p) if not isinstance(p, Not) else "!!" + walk(p.part) for p in n.parts]
            return "(" + " && ".join(parts) + ")"
        raise QuerySyntaxError("NOT needs a positive term to exclude from")  # pragma: no cover

    return walk(node), params


def terms_of(node: Node | None) -> list[Term]:
    """The positive terms (for highlighting)."""
    if node is None:
        return []
    if isinstance(node, Term):
        return [node]
    if isinstance(node, Not):
        return []
    return [t for p in node.parts for t in terms_of(p)]


__all__ = ["And", "Node", "Not", "Or", "QuerySyntaxError", "Term", "parse_query", "to_fts5", "to_tsquery_sql"]
