"""Who reads a progress report and its evidence (D8, D9).

A unit's staff read their own unit's reports; the lead unit's clerks and reviewers read
every participant's report on the tasks it leads (they accept or return them) and download
the evidence attached to it; coordinators and leaders read everything. Participating units
never read each other's reports — by page, matrix, API or attachment download.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Attachment
from fazhi.plans import services
from fazhi.plans.models import Plan, Section

pytestmark = pytest.mark.today(2025, 11, 10)

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SFJ_TEXT = "区司法局：制定行政执法三项制度实施细则。"
TOWN_TEXT = "城关街道：完成社区法律顾问全覆盖。"


@pytest.fixture
def task(district, people):
    """A task led by 市场监管局 (D23) with 司法局 (D08) and 城关街道 (T01) taking part, one
    reporting period, and the two participants' reports (司法局's with evidence)."""
    coord = people["coordinator"]
    plan = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    task = services.create_task(
        plan,
        section=section,
        title="深化包容审慎监管",
        body="",
        unit_codes=["D23", "D08", "T01"],
        actor=coord,
    )
    period = services.open_period(
        plan,
        name="2025年上半年",
        year=2025,
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
        report_due=dt.date(2025, 7, 10),
        actor=coord,
    )
    a = {x.unit.code: x for x in task.assignments.select_related("unit")}
    sfj = services.submit_progress(
        a["D08"],
        period,
        text=SFJ_TEXT,
        status="done",
        actor=people["sfj_clerk"],
        files=[SimpleUploadedFile("实施细则.pdf", PDF)],
        on=dt.date(2025, 7, 8),
    )
    town = services.submit_progress(
        a["T01"],
        period,
        text=TOWN_TEXT,
        status="on_track",
        actor=people["town_clerk"],
        on=dt.date(2025, 7, 8),
    )
    task.evidence = Attachment.objects.get(record_type="plans.progress", record_id=str(sfj.pk))
    task.reports = {"D08": sfj, "T01": town}
    return task


def page(client, task):
    resp = client.get(f"/office/plans/tasks/{task.pk}/")
    assert resp.status_code == 200
    return resp.content.decode()


def api_texts(client, task):
    resp = client.get("/api/plans/tasks", {"plan": task.plan_id})
    assert resp.status_code == 200
    (item,) = [t for t in resp.json()["items"] if t["id"] == task.pk]
    return {p["unit_code"]: p["text"] for p in item["progress"]}


# --- D9: participants do not read each other's reports -----------------------------------


def test_participant_reads_only_its_own_report_by_page(task, people, login):
    body = page(login(people["sfj_clerk"]), task)
    assert SFJ_TEXT in body and TOWN_TEXT not in body
    body = page(login(people["town_clerk"]), task)
    assert TOWN_TEXT in body and SFJ_TEXT not in body


def test_participant_reads_only_its_own_report_by_api(task, people, login):
    assert api_texts(login(people["sfj_clerk"]), task) == {"D08": SFJ_TEXT}
    assert api_texts(login(people["town_clerk"]), task) == {"T01": TOWN_TEXT}


def test_participant_matrix_shows_only_its_own_column(task, people, login):
    body = login(people["sfj_clerk"]).get(f"/office/plans/{task.plan_id}/matrix/")
    assert body.status_code == 200
    text = body.content.decode()
    assert "区司法局" in text and "城关街道" not in text


@pytest.mark.parametrize("who", ["scjg_reviewer", "scjg_clerk", "coordinator", "leader"])
def test_lead_unit_and_overseers_read_every_report(task, people, login, who):
    client = login(people[who])
    body = page(client, task)
    assert SFJ_TEXT in body and TOWN_TEXT in body
    assert api_texts(client, task) == {"D08": SFJ_TEXT, "T01": TOWN_TEXT}
    matrix = client.get(f"/office/plans/{task.plan_id}/matrix/").content.decode()
    assert "区司法局" in matrix and "城关街道" in matrix


def test_lead_unit_reviewer_accepts_from_the_page(task, people, login):
    client = login(people["scjg_reviewer"])
    p = task.reports["T01"]
    resp = client.post(f"/office/plans/tasks/{task.pk}/", {"action": "accept", "progress": p.pk})
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.state == "accepted"


# --- D8: the evidence follows the report ---------------------------------------------------


@pytest.mark.parametrize("who", ["scjg_reviewer", "scjg_clerk", "sfj_clerk", "coordinator"])
def test_evidence_downloads_for_whoever_reads_the_report(task, people, login, who):
    client = login(people[who])
    assert f"/office/attachments/{task.evidence.pk}/" in page(client, task)
    resp = client.get(f"/office/attachments/{task.evidence.pk}/")
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == PDF


def test_evidence_refused_to_another_participant(task, people, login):
    # 城关街道 takes part in the task but does not read 司法局's report, nor its evidence.
    client = login(people["town_clerk"])
    assert f"/office/attachments/{task.evidence.pk}/" not in page(client, task)
    assert client.get(f"/office/attachments/{task.evidence.pk}/").status_code == 404
