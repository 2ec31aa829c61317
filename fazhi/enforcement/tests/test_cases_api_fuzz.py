"""Schema fuzz of the case routes of the API on a fixture that has cases (the demo's fuzz
in tests/ may have none): no server error, only documented answers, bodies that match the
schema, control characters in every string (today fixed)."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from tests.test_security_schema_fuzz import CHECKS, CONTROLS, _with_controls

from . import cases_flow as flow

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.mark.django_db
def test_case_routes_conform_to_their_schema(enf, people, open_penalty):
    from fazhi.core import services
    from fazhi.wsgi import application

    flow.decided(open_penalty, enf, people["scjg_clerk"])
    open_penalty(flow.FILED)
    _, key = services.issue_token(people["scjg_clerk"], "模式测试")
    headers = {"Authorization": f"Bearer {key}"}
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    failures, calls = [], 0
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
        for result in schema.get_all_operations():
            op = result.ok()
            if not op.path.startswith("/api/enforcement/cases"):
                continue
            for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
                strategy = st.tuples(
                    op.as_strategy(generation_mode=mode),
                    st.sampled_from(CONTROLS),
                    st.integers(0, 64),
                    st.integers(0, 7),
                )

                @settings(
                    max_examples=25,
                    derandomize=True,
                    database=None,
                    deadline=None,
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=list(HealthCheck),
                )
                @given(strategy)
                def run(args):
                    nonlocal calls
                    case = _with_controls(*args)
                    if "case_id" in (case.path_parameters or {}) and args[3] & 1:
                        case.path_parameters["case_id"] = 1  # a case that exists
                    calls += 1
                    case.validate_response(case.call(headers=headers), checks=CHECKS)

                try:
                    run()
                except Unsatisfiable:
                    continue
                except (Exception, BaseExceptionGroup) as exc:
                    text = str(exc).strip().splitlines()
                    failures.append(
                        f"{op.method.upper()} {op.path} [{mode.value}]: " + " | ".join(text[:12])
                    )
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert not failures, "\n\n".join(failures)
    assert calls >= 100
