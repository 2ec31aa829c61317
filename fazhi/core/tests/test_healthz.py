"""/healthz: the load balancer's probe. 200 when the database answers, every migration is
applied and this year's working-day calendar is loaded; 503 naming what fails otherwise."""

import datetime as dt

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.db.utils import OperationalError

from fazhi.core import health
from fazhi.core.models import CalendarYear

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def in_2025(monkeypatch):
    monkeypatch.setattr(health, "today", lambda: dt.date(2025, 6, 2))


def _probe(client):
    response = client.get("/healthz")
    assert response["Content-Type"].startswith("application/json")
    return response.status_code, response.json()


def test_healthy_installation_answers_200_to_anyone(db, client, in_2025):
    status, body = _probe(client)
    assert status == 200, body
    assert body["status"] == "ok" and body["failing"] == []
    assert {"database", "migrations", "calendar", "jobs"} <= set(body["checks"])
    assert body["checks"]["calendar"]["year"] == 2025
    # No job has run yet: the last run is reported unknown, not failed.
    assert body["checks"]["jobs"] == {
        "ok": True,
        "last_run": None,
        "detail": "定时任务最近运行时间未知",
    }
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_calendar_missing_for_this_year_fails_the_probe(db, client, monkeypatch):
    monkeypatch.setattr(health, "today", lambda: dt.date(2031, 3, 2))
    assert not CalendarYear.objects.filter(year=2031).exists()
    status, body = _probe(client)
    assert status == 503
    assert body["status"] == "error" and body["failing"] == ["calendar"]
    assert body["checks"]["calendar"]["detail"] == "2031 年工作日历未载入"


def test_unapplied_migration_fails_the_probe(db, client, in_2025):
    MigrationRecorder.Migration.objects.filter(app="core", name="0001_initial").delete()
    status, body = _probe(client)
    assert status == 503 and body["failing"] == ["migrations"]
    assert "core.0001_initial" in body["checks"]["migrations"]["unapplied"]


def test_unreachable_database_fails_the_probe_without_details(db, client, in_2025, monkeypatch):
    secret_host = "db-primary.internal.example"

    def refuse(*args, **kwargs):
        raise OperationalError(f'connection to server at "{secret_host}" failed')

    monkeypatch.setattr(connection, "cursor", refuse)
    status, body = _probe(client)
    monkeypatch.undo()  # give the connection back before the test database is torn down
    assert status == 503 and body["failing"] == ["database"]
    assert body["checks"]["database"]["detail"] == "数据库无法连接"
    text = str(body)
    assert secret_host not in text and settings.SECRET_KEY not in text


def test_last_job_run_is_read_from_the_jobs_log(db):
    """The probe reports when the scheduled jobs last finished a job (JobRun)."""
    from fazhi.core.models import JobRun

    assert health.last_job_run() is None  # no run yet
    at = dt.datetime(2025, 6, 2, 1, 30, tzinfo=dt.UTC)
    JobRun.objects.create(job="core.deadlines", today=dt.date(2025, 6, 2), finished_at=at)
    JobRun.objects.create(job="core.deliver", today=dt.date(2025, 6, 2))  # still running
    assert health.last_job_run() == at
    check = health.checks()["jobs"]
    assert check["ok"] and check["last_run"] == at.isoformat()
    assert check["detail"] == "定时任务最近运行于 2025-06-02 09:30"
