"""A unit reports its progress with several evidence files chosen at once: each is checked
and attached with its own event; a disguised one refuses the report and attaches none.
"Today" is frozen at 2025-07-08, before the period's 2025-07-10 due date."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Attachment, Event
from fazhi.core.tests.refusal import freeze
from fazhi.plans import services
from fazhi.plans.models import Progress
from fazhi.plans.tests.helpers import annual_plan

TODAY = dt.date(2025, 7, 8)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture
def task(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    coord = people["coordinator"]
    plan, section = annual_plan(district)
    task = services.create_task(
        plan, section=section, title="推行行政执法三项制度", body="", unit_codes=["D08"],
        actor=coord,
    )  # fmt: skip
    services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    return task


def _report(client, task, files):
    return client.post(
        f"/office/plans/tasks/{task.pk}/",
        {
            "action": "submit",
            "progress-text": "制定行政执法三项制度实施细则",
            "progress-status": "done",
            "progress-evidence": files,
        },
    )


def test_several_evidence_files_each_attached(task, people, login):
    client = login(people["sfj_clerk"])
    page = client.get(f"/office/plans/tasks/{task.pk}/").content.decode()
    assert "multiple" in page.split('name="progress-evidence"')[1].split(">")[0]
    resp = _report(
        client,
        task,
        [SimpleUploadedFile("实施细则.pdf", PDF), SimpleUploadedFile("印发通知.pdf", PDF + b" ")],
    )
    assert resp.status_code == 302
    progress = Progress.objects.get(assignment__task=task)
    names = Attachment.objects.filter(record_type="plans.progress", record_id=str(progress.pk))
    assert sorted(names.values_list("original_name", flat=True)) == ["印发通知.pdf", "实施细则.pdf"]
    assert Event.objects.filter(action="attach", record_id=str(progress.pk)).count() == 2


def test_a_disguised_file_refuses_the_report(task, people, login):
    resp = _report(
        login(people["sfj_clerk"]),
        task,
        [SimpleUploadedFile("实施细则.pdf", PDF), SimpleUploadedFile("照片.pdf", EXE)],
    )
    assert resp.status_code == 400
    assert "可执行" in resp.content.decode()
    assert not Progress.objects.filter(assignment__task=task).exists()
    assert not Attachment.objects.exists()
