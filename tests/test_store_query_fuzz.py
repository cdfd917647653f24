"""Property: any text given as a query gives results or a QuerySyntaxError, nothing else (no
engine error, no traceback), on SQLite and PostgreSQL. Bounded budget; filings are synthetic."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eightk.store import QuerySyntaxError, SearchResult, open_store
from eightk.store.query import parse_query, to_fts5, to_tsquery_sql
from tests.test_store_backends import drop, make_filing, new_url, put

PIECES = ["merger", "Zürich", "2.02", "9.01", "co-op", "acqui*", "x*", "*", "**", "AND", "OR", "NOT", "and", "(",
          ")", "((", "))", '"', '""', '"press release"', "-", "--", "-foo", ":", "^", "'", "NEAR", "%", "_", "\\",
          "日本", "ß", "é", "١٢٣", "İ", "\u0301", "1e5", "$1,000", "www.example.com", ";", "\t", "\n"]

QUERIES = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(PIECES), max_size=12).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
)


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def small_store(request, tmp_path_factory):
    url = new_url(request.param, tmp_path_factory.mktemp("fuzz"))
    s = open_store(url)
    put(s, make_filing("The merger agreement with Zürich Co-op was signed under item 2.02 and 9.01."),
        make_filing("A press release about www.example.com and 1e5 shares, $1,000 each; Straße 日本."))
    yield s
    s.close()
    drop(url)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(q=QUERIES)
def test_any_text_gives_results_or_a_query_error(small_store, q):
    try:
        r = small_store.search(q, limit=5)
    except QuerySyntaxError as e:
        assert str(e)  # a message, for the user
        return
    assert isinstance(r, SearchResult) and 0 <= r.total <= 2


@settings(max_examples=300, deadline=None, derandomize=True)
@given(q=QUERIES)
def test_the_parser_alone_never_raises_anything_else(q):
    try:
        node = parse_query(q)
    except QuerySyntaxError as e:
        assert str(e)
        return
    if node is not None:  # and what it parsed translates for both engines
        assert to_fts5(node) and to_tsquery_sql(node)[0]
