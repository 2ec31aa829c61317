"""The OpenAPI schema says what the API answers (issue 18, point 12): each operation lists
the error answers it can give, and the constraints the code enforces are in the schema."""

from __future__ import annotations

import pytest


@pytest.fixture
def schema(client):
    return client.get("/api/openapi.json").json()


def _ops(schema):
    for route, ops in schema["paths"].items():
        for method, op in ops.items():
            yield f"{method.upper()} {route}", op


def test_every_operation_lists_its_error_answers(db, schema):
    missing = []
    for key, op in _ops(schema):
        expected = {"400"}
        params = op.get("parameters", [])
        if op.get("security"):
            expected |= {"401", "403"}
        if any(p["in"] == "path" for p in params):
            expected.add("404")
        if params or op.get("requestBody"):
            expected.add("422")
        have = {str(c) for c in op["responses"]}
        if expected - have:
            missing.append(f"{key}: {sorted(expected - have)}")
        for code in expected:
            body = op["responses"].get(code) or op["responses"][int(code)]
            ref = body["content"]["application/json"]["schema"]["$ref"]
            assert ref.rsplit("/", 1)[-1] in schema["components"]["schemas"]
    assert not missing, missing
    errors = schema["components"]["schemas"]["ValidationErrorOut"]
    assert set(errors["required"]) == {"detail", "errors"}


def _param(schema, route, name):
    params = schema["paths"][route]["get"]["parameters"]
    return next(p for p in params if p["name"] == name)["schema"]


def test_constraints_enforced_in_code_are_in_the_schema(db, schema):
    days = _param(schema, "/api/workdays/add", "days")
    assert (days["minimum"], days["maximum"]) == (1, 366)
    unit = _param(schema, "/api/workdays/add", "unit")
    assert unit["pattern"] == "^(working|calendar)$"
    tab = _param(schema, "/api/deadlines", "tab")
    assert tab["pattern"] == "^(all|mine|due_soon|overdue)$"
    for route in ("/api/workdays/add", "/api/workdays/between"):
        assert "2000-01-01至2100-12-31" in _param(schema, route, "start")["description"]
    limit = _param(schema, "/api/units", "limit")
    assert (limit["minimum"], limit["maximum"]) == (1, 500)
    assert _param(schema, "/api/units", "offset")["minimum"] == 0
    between = schema["paths"]["/api/workdays/between"]["get"]["responses"]["200"]
    assert "$ref" in between["content"]["application/json"]["schema"]


@pytest.mark.parametrize(
    "query, word",
    [
        ({"start": "1999-12-31", "days": 5}, "start不能小于2000-01-01"),
        ({"start": "2101-01-01", "days": 5}, "start不能大于2100-12-31"),
        ({"start": "2025-09-26", "days": 0}, "days不能小于1"),
        ({"start": "2025-09-26", "days": 5, "unit": "week"}, "unit取值不在允许范围内"),
    ],
)
def test_out_of_range_answers_422_as_documented(db, client, query, word):
    resp = client.get("/api/workdays/add", query)
    assert resp.status_code == 422 and word in resp.json()["detail"]


def test_a_bad_tab_answers_422(people, client):
    client.force_login(people["coordinator"])
    resp = client.get("/api/deadlines", {"tab": "later"})
    assert resp.status_code == 422 and "tab取值不在允许范围内" in resp.json()["detail"]


def test_a_put_route_documents_the_conflict_answer():
    from fazhi.core.api_errors import document_errors

    schema = {"paths": {"/api/x/{pk}": {"put": {"parameters": [{"in": "path", "name": "pk"}]}}}}
    responses = document_errors(schema)["paths"]["/api/x/{pk}"]["put"]["responses"]
    assert {400, 404, 409, 422} <= set(responses)
    assert 401 not in responses  # the operation names no security
