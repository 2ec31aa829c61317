"""学法用法 office pages: lists filter, search, paginate and export; forms keep what was typed
on a refusal; another unit's clerk gets 404 and changes nothing; garbage never gives a 500;
the hours page flags those under the minimum."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.tests.refusal import nothing_moved
from fazhi.learning.models import CourtObservation, Exam, Official, StudySession, Training
from fazhi.learning.services import court, credits, exams, trainings

from . import study_data
from .study_data import session

staff = study_data.staff  # the fixture

pytestmark = pytest.mark.today(2025, 11, 10)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def records(district, staff):
    """One record of each kind for the 市场监管局."""
    scjg = district["scjg"]
    people_ = [staff["scjg_head"], staff["scjg_a"]]
    t = trainings.create_training(unit=scjg, kind="enforcement", name="执法人员培训", hours=8,
                                  starts_on=dt.date(2025, 4, 1), ends_on=dt.date(2025, 4, 1),
                                  actor=None)  # fmt: skip
    c = court.record_observation(unit=scjg, held_on=dt.date(2025, 5, 6), court="测试区人民法院",
                                 case_name="行政处罚", attendees=people_, actor=None)  # fmt: skip
    e = exams.create_exam(unit=scjg, year=2025, name="考法", held_on=dt.date(2025, 10, 9),
                          actor=None)  # fmt: skip
    return {"session": session(scjg, people_), "training": t, "court": c, "exam": e,
            "official": staff["scjg_a"]}  # fmt: skip


LISTS = ["officials", "sessions", "trainings", "court", "exams"]


@pytest.mark.parametrize("name", LISTS)
def test_lists_filter_and_export(name, login, people, records):
    client = login(people["scjg_clerk"])
    page = client.get(f"/office/learning/{name}/?year=2025&q=局&page=1")
    assert page.status_code == 200
    export = client.get(f"/office/learning/{name}/export.xlsx?year=2025")
    assert export.status_code == 200 and export["Content-Type"] == XLSX
    assert client.get(f"/office/learning/{name}/new/").status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_garbage_never_500(name, login, people, records):
    client = login(people["scjg_clerk"])
    for q in ("unit=abc&year=x&page=zz", "unit=99999999999999999999&year=99999&kind=%00",
              "level=<b>&state=?&q=" + "长" * 300):  # fmt: skip
        assert client.get(f"/office/learning/{name}/?{q}").status_code in (200, 400)
    assert client.get(f"/office/learning/{name}/99999999/").status_code == 404
    assert client.post(f"/office/learning/{name}/new/", {"unit": "x", "present": ["abc"],
                       "attendees": ["-1"], "hours": "1e999"}).status_code == 400  # fmt: skip


def test_hours_page_garbage(login, people, records):
    client = login(people["scjg_clerk"])
    assert client.get("/office/learning/hours/?unit=x&year=abc&level=<>&under=2").status_code == 200


KINDS = {"session": "sessions", "training": "trainings", "court": "court", "exam": "exams",
         "official": "officials"}  # fmt: skip


@pytest.mark.parametrize("kind", list(KINDS))
def test_another_units_clerk_gets_404_and_changes_nothing(kind, login, people, records):
    obj = records[kind]
    base = f"/office/learning/{KINDS[kind]}/{obj.pk}/"
    owner = login(people["scjg_clerk"])
    assert owner.get(base).status_code == 200 and owner.get(f"{base}edit/").status_code == 200
    client = login(people["sfj_clerk"])
    with nothing_moved(obj):
        assert client.get(base).status_code == 404
        assert client.get(f"{base}edit/").status_code == 404
        assert client.post(f"{base}edit/", {"name": "改", "topic": "改"}).status_code == 404
        assert (
            client.post(base, {"action": "leave", "leave-left_on": "2025-11-01"}).status_code == 404
        )


def test_a_refused_session_keeps_what_was_typed(login, people, staff, district):
    client = login(people["coordinator"])
    resp = client.post("/office/learning/sessions/new/", {
        "unit": district["gov"].pk, "kind": "pre_meeting", "held_on": "2025-10-20",
        "meeting": "", "topic": "学习《民法典》合同编", "laws": "民法典", "hours": "1.5",
        "present": [staff["mayor"].pk, staff["sfj_head"].pk],
    })  # fmt: skip
    html = resp.content.decode()
    assert resp.status_code == 400
    assert "会前学法请填写会议名称（如区政府第X次常务会议）" in html
    assert 'value="学习《民法典》合同编"' in html and 'value="1.5"' in html
    assert f'value="{staff["sfj_head"].pk}" selected' in html
    assert not StudySession.objects.exists()
    resp = client.post("/office/learning/sessions/new/", {
        "unit": district["gov"].pk, "kind": "pre_meeting", "held_on": "2025-10-20",
        "meeting": "区政府第20次常务会议", "topic": "学习《民法典》合同编", "laws": "民法典",
        "hours": "1.5", "present": [staff["mayor"].pk, staff["sfj_head"].pk],
    })  # fmt: skip
    s = StudySession.objects.get()
    assert resp.status_code == 302 and s.attendance.count() == 2
    page = client.get(f"/office/learning/sessions/{s.pk}/").content.decode()
    assert "全过程记录" in page and "出席2人" in page


def test_training_attendance_on_its_page(login, people, records, staff):
    t = records["training"]
    client = login(people["scjg_clerk"])
    url = f"/office/learning/trainings/{t.pk}/"
    bad = client.post(url, {"action": "attend", "att-officials": [staff["scjg_a"].pk],
                            "att-hours": "9"})  # fmt: skip
    assert bad.status_code == 400 and "获得学时不能超过培训学时（8.0）" in bad.content.decode()
    ok = client.post(url, {"action": "attend", "att-officials": [staff["scjg_a"].pk],
                           "att-hours": "6", "att-completed": "on"})  # fmt: skip
    assert ok.status_code == 302
    assert Training.objects.get(pk=t.pk).attendance.get().hours == 6


def test_exam_results_typed_and_imported(login, people, records, staff):
    e = records["exam"]
    client = login(people["scjg_clerk"])
    url = f"/office/learning/exams/{e.pk}/"
    assert client.post(url, {"action": "result", "r-official": staff["scjg_a"].pk,
                             "r-score": "91"}).status_code == 302  # fmt: skip
    sheet = SimpleUploadedFile("成绩.csv", "姓名,成绩,缺考\n刘局长,,是\n无名,80,\n".encode())
    bad = client.post(url, {"action": "import", "imp-file": sheet})
    assert bad.status_code == 400 and "第3行：名录中没有“无名”" in bad.content.decode()
    assert Exam.objects.get(pk=e.pk).results.count() == 1
    page = client.get(url).content.decode()
    assert "合格率100.0%" in page


def test_official_import_page_names_bad_rows(login, people, district):
    client = login(people["scjg_clerk"])
    f = SimpleUploadedFile(
        "名录.csv", "姓名,职务,类别\n钱一,科员,工作人员\n钱二,,工作人员\n".encode()
    )
    resp = client.post("/office/learning/officials/import/", {"unit": district["scjg"].pk,
                                                              "file": f})  # fmt: skip
    assert resp.status_code == 400 and "第3行：“职务”不能为空" in resp.content.decode()
    assert not Official.objects.exists()


def test_hours_page_flags_and_exports(login, people, records, staff):
    credits.add_credit(official=staff["scjg_head"], earned_on=dt.date(2025, 6, 1),
                       source="online_platform", description="网上学法", hours=30, actor=None)  # fmt: skip
    client = login(people["scjg_clerk"])
    html = client.get("/office/learning/hours/?year=2025").content.decode()
    # 刘局长: session 2 + training 0 + court 4 + credits 30 = 36 < 40
    assert "刘局长" in html and "未达到，差4.0学时" in html
    only = client.get("/office/learning/hours/?year=2025&under=1").content.decode()
    assert "张局长" not in only  # another unit's official is never listed
    resp = client.get("/office/learning/hours/export.xlsx?year=2025")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["刘局长"][8] == 36 and rows["刘局长"][10] == "是"
    assert CourtObservation.objects.count() == 1


def test_official_page_adds_credit_and_leaves(login, people, staff):
    o = staff["scjg_a"]
    client = login(people["scjg_clerk"])
    url = f"/office/learning/officials/{o.pk}/"
    bad = client.post(url, {"action": "credit", "credit-earned_on": "2025-12-01",
                            "credit-source": "self_study", "credit-description": "自学《宪法》",
                            "credit-hours": "3"})  # fmt: skip
    assert bad.status_code == 400 and 'value="自学《宪法》"' in bad.content.decode()
    assert client.post(url, {"action": "leave", "leave-left_on": "2025-11-01"}).status_code == 302
    assert Official.objects.get(pk=o.pk).left_on == dt.date(2025, 11, 1)
