"""The suite's own policy: a test that needs ../shared or PostgreSQL skips on a user's machine
and fails under CI=true, where a skip would mean nothing was compared."""

from __future__ import annotations

import pytest

from tests.conftest import unavailable


def test_unavailable_skips_on_a_users_machine(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="no corpus here"):
        unavailable("no corpus here")


def test_unavailable_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true but no corpus here"):
        unavailable("no corpus here")
