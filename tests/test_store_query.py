"""The search query language: parsing, errors, and its translation for both engines."""

from __future__ import annotations

import pytest

from eightk.store.query import And, Not, Or, QuerySyntaxError, Term, parse_query, to_fts5, to_tsquery_sql


def test_words_phrases_prefix_and_operators():
    node = parse_query('merger "definitive agreement" acqui* OR buyback')
    assert node == Or((
        And((Term(("merger",)), Term(("definitive", "agreement")), Term(("acqui",), prefix=True))),
        Term(("buyback",)),
    ))


def test_not_and_grouping():
    node = parse_query("(bank OR lender) AND loan NOT terminated")
    assert node == And((Or((Term(("bank",)), Term(("lender",)))), Term(("loan",)), Not(Term(("terminated",)))))


def test_lower_case_operators_are_words():
    assert parse_query("cats and dogs") == And((Term(("cats",)), Term(("and",)), Term(("dogs",))))


def test_empty_and_punctuation_only_queries_have_no_terms():
    assert parse_query("") is None
    assert parse_query("   ") is None
    assert parse_query("-- ; ''") is None


@pytest.mark.parametrize(
    "bad, words",
    [
        ('"unclosed phrase', "unbalanced quote"),
        ("(merger OR buyback", "never closed"),
        ("merger)", "without a matching"),
        ("OR merger", "both sides"),
        ("merger OR", "both sides"),
        ("merger AND", "both sides"),
        ("AND merger", "both sides"),
        ("NOT merger", "positive term"),
        ("merger OR NOT buyback", "positive term"),
        ("merger NOT", "NOT needs a term"),
        ("*", "needs at least one letter"),
        ("mer*ger", "only allowed at the end"),
        ("()", "empty parentheses"),
        ("co-op*", "one plain word"),
        ("x" * 3000, "too long"),
        ("a\x00b", "NUL"),
    ],
)
def test_syntax_errors_are_clear(bad, words):
    with pytest.raises(QuerySyntaxError) as e:
        parse_query(bad)
    assert words in str(e.value)


def test_fts5_translation_quotes_every_term():
    q = to_fts5(parse_query('price NEAR "x""y" col:value ^start'))
    # FTS5 operators and column filters in user text become quoted strings, never syntax
    assert q == '("price" AND "near" AND "x" AND "y" AND "col value" AND "start")'
    assert to_fts5(parse_query("merger NOT hostile NOT terminated")) == (
        '((("merger") NOT "hostile") NOT "terminated")'
    )
    assert to_fts5(parse_query("acqui*")) == '"acqui" *'


def test_tsquery_translation_binds_user_text():
    sql, params = to_tsquery_sql(parse_query("'; DROP TABLE filings; -- \"a b\" c*"))
    assert "DROP" not in sql and "filings" not in sql
    assert params == ["drop", "table", "filings", "a b", "c"]
    assert sql.count("?") == len(params)


def test_unicode_terms():
    assert parse_query("Zürich Москва") == And((Term(("zürich",)), Term(("москва",))))
    assert to_fts5(parse_query("Société*")) == '"société" *'
