"""The 双随机、一公开 API under schema fuzz (as tests/test_security_schema_fuzz.py does for
the whole API on the demo district): every inspections operation, public and as the
coordinator, over a task whose seed is revealed and one that is only drawn — no server
error, only documented status codes, bodies that match the schema."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from fazhi.inspections import services as s
from tests.test_security_schema_fuzz import _fuzz, _token

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def inspections_schema(drawn_task, people, db):
    from fazhi.wsgi import application

    cache.clear()
    s.reveal_seed(drawn_task(), actor=people["scjg_clerk"])
    drawn_task(title="已抽取未公布种子")
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        yield schema.include(path_regex="^/api/inspections/")
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.parametrize("persona", ["coordinator", None], ids=["coordinator", "public"])
def test_the_inspections_api_conforms_to_its_schema(inspections_schema, persona):
    headers = _token(persona) if persona else {}
    failures, calls = _fuzz(inspections_schema, headers)
    assert not failures, "\n\n".join(failures)
    assert calls >= 6 * 10
