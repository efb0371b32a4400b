"""The write token: compared in constant time, required by every write endpoint, accepted only
as a bearer header. (Wrong and missing tokens are 401 in tests/api/test_write.py.)"""

from __future__ import annotations

import ast
import hmac
import inspect
import textwrap

from fastapi.routing import APIRoute

from sitrep.api import routes
from sitrep.store import Store
from sitrep.web.pages import router as web_router

from ..api.conftest import client_for
from .conftest import TOKEN

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def test_the_token_is_compared_with_hmac_compare_digest_only():
    tree = ast.parse(textwrap.dedent(inspect.getsource(routes.require_token)))
    calls = [
        node.func
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    assert any(
        isinstance(f.value, ast.Name) and (f.value.id, f.attr) == ("hmac", "compare_digest")
        for f in calls
    )
    assert routes.hmac is hmac  # the standard library's, not a shadowing name
    # No ordinary comparison of secrets: == and != stop at the first differing byte.
    equalities = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare)
        and any(isinstance(op, (ast.Eq, ast.NotEq, ast.In, ast.NotIn)) for op in node.ops)
    ]
    assert equalities == []


def test_every_write_route_requires_the_token(tmp_path, blank_analyzer):
    with Store(f"sqlite:///{tmp_path / 'auth.db'}") as store:
        client = client_for(store, blank_analyzer, token=TOKEN, fetch_urls=True)
        writes = [
            route
            for route in (*routes.router.routes, *web_router.routes)
            if isinstance(route, APIRoute) and route.methods & WRITE_METHODS
        ]
        assert writes, "no write routes found"
        for route in writes:
            guards = [d.call for d in route.dependant.dependencies]
            assert routes.require_token in guards, route.path
            for method in route.methods & WRITE_METHODS:
                for extra in ({}, {"params": {"token": TOKEN}}, {"cookies": {"token": TOKEN}}):
                    response = client.request(method, route.path, **extra)
                    assert response.status_code == 401, (method, route.path, extra)
                    assert response.json()["code"] == "E050"
        assert store.count() == 0
