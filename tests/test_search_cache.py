"""The SQLite store's search cache (eightk.store.search.SearchCache): a repeated search is
answered from it, with the same hits, and any write (by this connection or another one) empties
it, so a search never answers from data that changed."""

from __future__ import annotations

import pytest

from eightk.store import open_store
from eightk.store.search import cached
from eightk.store.searchcache import SearchCache, cache_size
from tests.test_store_backends import make_filing, put


@pytest.fixture
def url(tmp_path):
    u = f"sqlite:///{tmp_path / 'eightk.db'}"
    with open_store(u) as s:
        put(s, make_filing("The board approved a merger agreement with Northgate Holdings.", date="2006-01-10"),
            make_filing("The merger was terminated by mutual consent.", cik="0000333333", date="2008-08-08"))
    return u


def _no_database(*args, **kwargs):
    raise AssertionError("the database was asked again")


def test_a_repeated_search_is_answered_from_the_cache_with_the_same_hits(url, monkeypatch):
    with open_store(url, readonly=True) as s:
        first = s.search("merger", limit=1).as_dict()
        monkeypatch.setattr(s, "rows", _no_database)
        assert s.search("merger", limit=1).as_dict() == first
        with pytest.raises(AssertionError):  # another page is another search
            s.search("merger", limit=1, offset=1)


def test_cached_and_uncached_searches_agree(url):
    queries = ["merger", "merger NOT terminated", "merg*", '"merger agreement"', "nothing"]
    with open_store(url, readonly=True) as s:
        answers = [s.search(q, limit=n).as_dict() for n in (1, 20) for q in queries + queries]
        s.search_cache = None
        assert [s.search(q, limit=n).as_dict() for n in (1, 20) for q in queries + queries] == answers


def test_the_environment_sets_the_size_and_zero_caches_nothing(url, monkeypatch):
    monkeypatch.setenv("EIGHTK_SEARCH_CACHE", "0")
    assert cache_size() == 0
    cache = SearchCache(cache_size())
    view = cache.view(lambda: 1)
    assert view.generation() is None
    view.put(view.generation(), "k", (0, [], {}))
    assert view.get(view.generation(), "k") is None


def test_a_write_by_another_connection_empties_the_cache(url):
    with open_store(url, readonly=True) as reader, open_store(url) as writer:
        assert reader.search("merger").total == 2
        put(writer, make_filing("A third merger was announced.", cik="0000444444", date="2009-09-09"))
        assert reader.search("merger").total == 3


def test_a_write_by_the_same_connection_empties_the_cache(url):
    with open_store(url) as s:
        assert s.search("merger").total == 2
        put(s, make_filing("A third merger was announced.", cik="0000444444", date="2009-09-09"))
        assert s.search("merger").total == 3


def test_nothing_is_cached_inside_a_transaction(url):
    with open_store(url) as s:
        s._exec("BEGIN")
        s._exec("UPDATE filings SET company = 'CHANGED' WHERE id = 1")
        assert s.search_cache.generation() is None
        assert {h.company for h in s.search("merger").results} >= {"CHANGED"}
        s._exec("ROLLBACK")
        assert "CHANGED" not in {h.company for h in s.search("merger").results}


def test_connections_to_one_database_share_the_cache(url, monkeypatch):
    with open_store(url, readonly=True) as a, open_store(url, readonly=True) as b:
        b.search("director")  # a connection's first look drops the cache (it cannot know what changed before)
        first = a.search("merger").as_dict()
        monkeypatch.setattr(b, "rows", _no_database)
        assert b.search("merger").as_dict() == first


def test_a_write_drops_the_cache_for_every_connection(url):
    with open_store(url, readonly=True) as a, open_store(url, readonly=True) as b, open_store(url) as writer:
        assert a.search("merger").total == 2
        assert b.search("merger").total == 2
        put(writer, make_filing("A third merger was announced.", cik="0000444444", date="2009-09-09"))
        assert b.search("merger").total == 3
        assert a.search("merger").total == 3


def test_the_cache_only_lookup_answers_what_it_holds(url):
    with open_store(url, readonly=True) as s:
        assert cached(s, "merger") is None
        full = s.search("merger").as_dict()
        assert cached(s, "merger").as_dict() == full
        assert cached(s, "merger", limit=1) is None
        assert cached(s, "") is None  # listing by filters is not cached


def test_the_server_answers_a_repeated_search_anew_after_a_write(url):
    from fastapi.testclient import TestClient

    from eightk.interfaces.http import create_app

    with TestClient(create_app(url)) as client:
        first = [client.get("/api/search", params={"q": "merger"}).json() for _ in range(3)]
        assert first[0] == first[1] == first[2] and first[0]["total"] == 2
        with open_store(url) as writer:
            put(writer, make_filing("A third merger was announced.", cik="0000444444", date="2009-09-09"))
        again = client.get("/api/search", params={"q": "merger"}).json()
        assert again["total"] == 3 and len(again["results"]) == 3
        assert client.get("/api/search", params={"q": "merger NOT"}).status_code == 400
