"""The API's OpenAPI schema fuzzed with schemathesis: no generated request gets a 500, and
every error is the JSON the API promises, on SQLite and PostgreSQL. Bounded: a few examples per
operation, no deadline.

(schemathesis' pytest plugin does not run on pytest 9, so each operation's strategy is drawn
from with hypothesis directly.)"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from eightk.interfaces.http import create_app
from eightk.interfaces.http._parse import ParseLimits
from tests._http_fixtures import fill
from tests.test_store_backends import drop, new_url

EXAMPLES = 25


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def api_schema(request, tmp_path_factory):
    url = new_url(request.param, tmp_path_factory.mktemp("fuzz"))
    fill(url)
    app = create_app(url, parse_limits=ParseLimits(max_bytes=256 << 10, seconds=60))
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.parser.close()
    app.state.store.close()
    drop(url)


def _check(case) -> None:
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400 and response.headers.get("content-type", [""])[0].startswith("application/json"):
        body = response.json()
        assert set(body) == {"error", "detail"} and body["error"], body


def test_no_generated_request_is_a_server_error(api_schema):
    labels = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)

        @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(case=operation.as_strategy())
        def fuzz(case) -> None:
            _check(case)

        fuzz()
    assert "GET /api/search" in labels and "POST /api/parse" in labels and len(labels) >= 12
