"""Schema fuzz of the JSON API (issue 11 point 8, issue 18 points 1 and 12), on the demo
district, in-process through the WSGI application (no network), on whichever database the
suite runs on (scripts/test.sh runs it on SQLite and on PostgreSQL).

For every operation of /api/openapi.json, schemathesis generates requests from the schema
(valid ones, and invalid ones), and into every string it generates for a query, path or
body parameter a control character is put (NUL, other C0, DEL, C1): issue 18 found NUL
answered 500 by both databases. Each answer must pass schemathesis' checks: no server
error, a status code the schema lists for the operation, the documented content type, and
a body that matches the documented schema. Run as the coordinator (a bearer token, so
writes are tried too) and as the public.

Bounded and deterministic: hypothesis derandomized, EXAMPLES per operation and mode.
"""

from __future__ import annotations

import os
import time

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.strict_db]

# Examples per operation and generation mode: about 30 operations × 2 modes × 2 personas.
EXAMPLES = int(os.environ.get("FAZHI_FUZZ_EXAMPLES", "20"))

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# NUL, the other C0 controls (tab, LF, CR included: they must pass as text), DEL, C1.
CONTROLS = [chr(c) for c in range(0x20)] + ["\x7f", "\x80", "\x85", "\x9f"]


def _inject(value, char: str, where: int):
    """``value`` with ``char`` put into every string it holds (not into the names of
    parameters or fields: a misspelt name tests nothing)."""
    if isinstance(value, str):
        i = where % (len(value) + 1)
        return value[:i] + char + value[i:]
    if isinstance(value, list):
        return [_inject(v, char, where) for v in value]
    if isinstance(value, dict):
        return {k: _inject(v, char, where) for k, v in value.items()}
    return value


def _with_controls(case, char: str, where: int, mix: int):
    """Put the control character into the case's query, path and body strings (``mix``
    picks which; a location it skips keeps schemathesis' own value)."""
    if mix & 1 and case.query:
        case.query = _inject(dict(case.query), char, where)
    if mix & 2 and case.path_parameters:
        case.path_parameters = _inject(dict(case.path_parameters), char, where)
    if mix & 4 and isinstance(case.body, (dict, list, str)):
        case.body = _inject(case.body, char, where)
    return case


@pytest.fixture
def wsgi_schema(demo, db):
    """The schema, read from the application itself; requests go to the same WSGI app.

    Django closes the database connection when a request starts and finishes; the test
    client switches that off during a request, and so does this fixture for the fuzz, which runs
    inside the test's transaction (what the writes change is rolled back)."""
    from fazhi.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _token(username: str) -> dict:
    from fazhi.core import services
    from fazhi.core.models import User

    _, key = services.issue_token(User.objects.get(username=username), "模式测试")
    return {"Authorization": f"Bearer {key}"}


def _fuzz(schema, headers: dict) -> tuple[list[str], int]:
    failures: list[str] = []
    calls = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = st.tuples(
                operation.as_strategy(generation_mode=mode),
                # NUL half of the time: it is what broke both databases.
                st.one_of(st.just("\x00"), st.sampled_from(CONTROLS)),
                st.integers(0, 64),
                st.integers(1, 7),
            )

            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                database=None,
                deadline=None,
                print_blob=False,
                # No shrinking: a failure is reported as found (shrinking can take
                # hundreds of requests, unbounded in time).
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(strategy)
            def run(args):
                nonlocal calls
                case = _with_controls(*args)
                calls += 1
                response = case.call(headers=headers)
                case.validate_response(response, checks=CHECKS)

            try:
                run()
            except Unsatisfiable:  # nothing to make invalid (an operation without input)
                continue
            except (Exception, BaseExceptionGroup) as exc:  # failed checks, with the request
                text = str(exc).strip().splitlines()
                failures.append(
                    f"{operation.method.upper()} {operation.path} [{mode.value}]: "
                    + " | ".join(text[:12])
                )
    return failures, calls


@pytest.mark.parametrize("persona", ["coordinator", None], ids=["coordinator", "public"])
def test_the_api_conforms_to_its_schema_under_fuzz(wsgi_schema, persona, capsys):
    headers = _token(persona) if persona else {}
    started = time.monotonic()
    failures, calls = _fuzz(wsgi_schema, headers)
    with capsys.disabled():
        print(
            f"\nschema fuzz ({persona or 'public'}): {calls} requests, "
            f"{time.monotonic() - started:.0f} s"
        )
    assert not failures, f"{len(failures)} operations failed:\n" + "\n\n".join(failures)
    assert calls >= 50 * EXAMPLES
