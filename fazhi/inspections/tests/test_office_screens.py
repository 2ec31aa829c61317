"""The office screens that act: a task created by form, committed, drawn, its seed revealed,
results recorded and published by the page, a redo with its reason; plans filed; items
added, edited and retired; the pool imported; avoidances declared. Refusals come back in
Chinese with what was typed kept; another unit's clerk neither reads nor changes."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Event
from fazhi.inspections import services as s
from fazhi.inspections.models import (
    Avoidance,
    CheckItem,
    DrawnEntity,
    Entity,
    InspectionPlan,
    InspectionTask,
)

from .conftest import HEADER, entity_rows, uscc

pytestmark = pytest.mark.today(2025, 11, 10)


def _form(insp, **kw):
    data = {
        "plan": insp["plan"].pk,
        "title": "2025年第四批食品经营者抽查",
        "items": [insp["item"].pk],
        "industry": "餐饮",
        "region": "",
        "kind": "",
        "ratio_a": "10",
        "ratio_b": "20",
        "ratio_c": "30",
        "ratio_d": "50",
        "per_department": "2",
        "starts_on": "2025-09-01",
        "ends_on": "2025-10-31",
    }
    data.update(kw)
    return data


def _post(client, task, action, **data):
    return client.post(f"/office/inspections/tasks/{task.pk}/", {"action": action, **data})


def test_a_task_from_the_form_through_commit_draw_and_reveal(insp, people, login):
    client = login(people["scjg_clerk"])
    resp = client.post("/office/inspections/tasks/new/", _form(insp))
    task = InspectionTask.objects.get(title="2025年第四批食品经营者抽查")
    assert resp.status_code == 302 and resp["Location"] == f"/office/inspections/tasks/{task.pk}/"
    assert task.pool_filter == {"industry": ["餐饮"]}
    assert task.ratios == {"A": "0.1", "B": "0.2", "C": "0.3", "D": "0.5"}

    page = client.get(resp["Location"]).content.decode()
    assert "公布抽取承诺" in page and "尚未公布抽取承诺" in page
    assert _post(client, task, "commit").status_code == 302
    task.refresh_from_db()
    page = client.get(f"/office/inspections/tasks/{task.pk}/").content.decode()
    assert task.seed_hash in page and task.snapshot_hash in page
    assert task.seed not in page  # secret until the draw is made and the seed revealed

    assert _post(client, task, "draw").status_code == 302
    again = _post(client, task, "draw")
    assert again.status_code == 400 and s.REDRAW_REFUSED in again.content.decode()
    task.refresh_from_db()
    n = DrawnEntity.objects.filter(task=task).count()
    # 20 餐饮 entities, 5 per class: 10% 20% 30% 50% of 5, rounded half up → 1+1+2+3.
    assert n == 7
    page = client.get(f"/office/inspections/tasks/{task.pk}/").content.decode()
    assert "抽取7家" in page and task.seed not in page

    assert _post(client, task, "reveal").status_code == 302
    task.refresh_from_db()
    page = client.get(f"/office/inspections/tasks/{task.pk}/").content.decode()
    assert task.seed in page and f"fazhi inspections verify {task.pk}" in page
    assert s.verify_task(task) == []


def test_the_form_keeps_what_was_typed_when_refused(insp, people, login):
    client = login(people["scjg_clerk"])
    resp = client.post(
        "/office/inspections/tasks/new/",
        _form(insp, ratio_a="0", ratio_b="0", ratio_c="0", ratio_d="0", title="保留的任务名称"),
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "各类抽查比例不能都为0" in body
    assert 'value="保留的任务名称"' in body and 'value="餐饮"' in body
    resp = client.post("/office/inspections/tasks/new/", _form(insp, items=[insp["town_item"].pk]))
    assert resp.status_code == 400
    assert "不属于本任务的责任部门" in resp.content.decode()
    assert not InspectionTask.objects.exists()


def test_results_recorded_and_published_from_the_page(drawn_task, people, login):
    task = drawn_task()
    client = login(people["scjg_clerk"])
    rows = list(DrawnEntity.objects.filter(task=task).order_by("order"))
    first, second = rows[0], rows[1]
    resp = _post(
        client, task, "result", **{"result-drawn": first.pk, "result-outcome": "ok",
                                   "result-checked_on": "2025-09-15", "result-note": "经营正常"}
    )  # fmt: skip
    assert resp.status_code == 302
    first.refresh_from_db()
    # 20 working days from 2025-09-15: 16–19 (4), 22–26 (9), Sun 28 worked (10), 29–30 (12),
    # 国庆 10-01 to 10-08 off, 9–10 (14), Sat 11 worked (15), 13–17 (20).
    assert first.outcome == "ok" and first.publish_due_on == dt.date(2025, 10, 17)

    # A bad row keeps what was typed and says why.
    resp = _post(
        client, task, "result", **{"result-drawn": second.pk, "result-outcome": "rectify",
                                   "result-checked_on": "2025-12-01", "result-note": "责令整改"}
    )  # fmt: skip
    body = resp.content.decode()
    assert resp.status_code == 400 and "检查日期不能晚于今天" in body
    assert 'value="2025-12-01"' in body and 'value="责令整改"' in body

    # Publishing after the period needs the reason, and stays flagged late.
    resp = _post(client, task, "publish", **{"publish-on": "2025-11-03", "pick": [first.pk]})
    assert resp.status_code == 400 and "逾期公示须填写逾期原因" in resp.content.decode()
    resp = _post(
        client, task, "publish",
        **{"publish-on": "2025-11-03", "publish-late_reason": "系统故障", "pick": [first.pk]},
    )  # fmt: skip
    assert resp.status_code == 302
    first.refresh_from_db()
    assert first.published_on == dt.date(2025, 11, 3) and first.late_reason == "系统故障"
    page = client.get(f"/office/inspections/tasks/{task.pk}/").content.decode()
    assert "逾期" in page and "系统故障" in page
    # Nothing picked, or a drawn entity of another task: refused.
    assert _post(client, task, "publish", **{"publish-on": "2025-11-03"}).status_code == 400


def test_a_redo_voids_the_task_with_its_reason(drawn_task, people, login):
    task = drawn_task()
    client = login(people["scjg_clerk"])
    assert _post(client, task, "redo", **{"redo-reason": ""}).status_code == 400
    resp = _post(client, task, "redo", **{"redo-reason": "名录库导入有误，重新抽取"})
    new = InspectionTask.objects.get(redo_of=task)
    assert resp.status_code == 302 and resp["Location"] == f"/office/inspections/tasks/{new.pk}/"
    task.refresh_from_db()
    assert task.state == "voided"
    old = client.get(f"/office/inspections/tasks/{task.pk}/").content.decode()
    assert "本任务已作废并重新抽取" in old and "名录库导入有误，重新抽取" in old


def test_another_units_clerk_neither_reads_nor_acts(drawn_task, people, login):
    task = drawn_task()
    before = (task.state, Event.objects.count())
    other = login(people["town_clerk"])
    assert other.get(f"/office/inspections/tasks/{task.pk}/").status_code == 404
    for action in ("commit", "draw", "reveal", "redo", "publish"):
        assert _post(other, task, action, **{"redo-reason": "x"}).status_code == 404
    task.refresh_from_db()
    assert (task.state, Event.objects.count()) == before
    leader = login(people["leader"])
    assert leader.get(f"/office/inspections/tasks/{task.pk}/").status_code == 200
    assert _post(leader, task, "reveal").status_code == 403
    task.refresh_from_db()
    assert task.seed_revealed_on is None


def test_a_joint_tasks_department_records_its_results_but_does_not_draw(
    insp, new_task, people, login
):
    task = new_task(departments=[insp["scjg"], insp["town"]], items=[insp["item"],
                    insp["town_item"]], per_department=1)  # fmt: skip
    town = login(people["town_clerk"])
    assert town.get(f"/office/inspections/tasks/{task.pk}/").status_code == 200
    assert _post(town, task, "commit").status_code == 403
    s.commit(task, actor=people["scjg_clerk"])
    s.make_draw(task, actor=people["scjg_clerk"])
    drawn = DrawnEntity.objects.filter(task=task).first()
    resp = _post(
        town, task, "result", **{"result-drawn": drawn.pk, "result-outcome": "rectify",
                                 "result-checked_on": "2025-09-20"}
    )  # fmt: skip
    assert resp.status_code == 302
    drawn.refresh_from_db()
    assert drawn.outcome == "rectify"
    # A clerk of a unit outside the task reads nothing of it.
    assert (
        login(people["sfj_clerk"]).get(f"/office/inspections/tasks/{task.pk}/").status_code == 404
    )


def test_plans_are_made_and_filed(insp, people, login):
    client = login(people["scjg_clerk"])
    resp = client.post(
        "/office/inspections/plans/new/",
        {"unit": insp["scjg"].pk, "year": "2025", "title": "重复的计划"},
    )
    assert resp.status_code == 400 and "年度抽查工作计划已经制定" in resp.content.decode()
    plan = insp["plan"]
    resp = client.post(
        f"/office/inspections/plans/{plan.pk}/",
        {"filed_with": "测试市市场监督管理局", "on": "2025-03-01"},
    )
    assert resp.status_code == 302
    plan.refresh_from_db()
    assert plan.filed_on == dt.date(2025, 3, 1)
    assert (
        "已于2025-03-01报备"
        in client.post(
            f"/office/inspections/plans/{plan.pk}/", {"filed_with": "再报", "on": "2025-03-02"}
        ).content.decode()
    )
    assert (
        login(people["town_clerk"]).get(f"/office/inspections/plans/{plan.pk}/").status_code == 404
    )
    assert InspectionPlan.objects.count() == 1


def test_items_added_edited_and_retired(insp, people, login):
    client = login(people["scjg_clerk"])
    data = {
        "unit": insp["scjg"].pk, "code": "SJ-002", "name": "特种设备使用单位检查",
        "basis": "《中华人民共和国特种设备安全法》第五十七条", "object_type": "特种设备使用单位",
        "method": "现场检查", "level": "general", "ratio": "5", "frequency": "每年一次",
    }  # fmt: skip
    assert client.post("/office/inspections/items/new/", data).status_code == 302
    item = CheckItem.objects.get(code="SJ-002")
    assert str(item.ratio) == "0.0500"
    url = f"/office/inspections/items/{item.pk}/edit/"
    resp = client.post(url, {**data, "action": "save", "name": "特种设备使用单位监督检查"})
    assert resp.status_code == 302
    item.refresh_from_db()
    assert item.name == "特种设备使用单位监督检查"
    dup = client.post(url, {**data, "action": "save", "code": "SJ-001"})
    assert dup.status_code == 400 and "已经存在" in dup.content.decode()
    assert client.post(url, {"action": "deactivate", "off-reason": ""}).status_code == 400
    assert client.post(url, {"action": "deactivate", "off-reason": "职责调整"}).status_code == 302
    item.refresh_from_db()
    assert not item.active
    assert login(people["town_clerk"]).get(url).status_code == 404


def test_the_pool_is_imported_from_the_page(insp, people, login):
    client = login(people["scjg_clerk"])
    good = (HEADER + "".join(entity_rows(3, start=200))).encode("gb18030")
    resp = client.post(
        "/office/inspections/entities/import/",
        {"unit": insp["scjg"].pk, "file": SimpleUploadedFile("名录.csv", good, "text/csv")},
    )
    assert resp.status_code == 302
    assert Entity.objects.filter(uscc=uscc(201)).exists()
    bad = HEADER + entity_rows(1, start=300)[0] + "91330203XXXX,坏行,个体,餐饮,城关,E,存续\n"
    resp = client.post(
        "/office/inspections/entities/import/",
        {"unit": insp["scjg"].pk, "file": SimpleUploadedFile("名录.csv", bad.encode(), "text/csv")},
    )
    body = resp.content.decode()
    assert resp.status_code == 400 and "第3行" in body and "未导入任何检查对象" in body
    assert not Entity.objects.filter(uscc=uscc(300)).exists()
    junk = client.post(
        "/office/inspections/entities/import/",
        {"unit": insp["scjg"].pk, "file": SimpleUploadedFile("x.csv", b"\x00\xff\xfe" * 50)},
    )
    assert junk.status_code == 400


def test_avoidances_declared_and_withdrawn(insp, people, login):
    client = login(people["scjg_clerk"])
    data = {"action": "declare", "unit": insp["scjg"].pk, "certificate_number": "ZF2301001",
            "uscc": uscc(5), "reason": "配偶持股", "on": "2025-08-01"}  # fmt: skip
    assert client.post("/office/inspections/avoidances/", data).status_code == 302
    a = Avoidance.objects.get()
    assert a.officer_name == "李执法" and a.entity.uscc == uscc(5)
    unknown = client.post("/office/inspections/avoidances/", {**data, "uscc": uscc(999)})
    assert unknown.status_code == 400 and "检查对象名录库中没有" in unknown.content.decode()
    assert 'value="配偶持股"' in unknown.content.decode()
    other = login(people["town_clerk"])
    assert "配偶持股" not in other.get("/office/inspections/avoidances/").content.decode()
    assert (
        other.post(
            "/office/inspections/avoidances/", {"action": "withdraw", "avoidance": a.pk}
        ).status_code
        == 400
    )
    client = login(people["scjg_clerk"])  # the one test client, signed in again
    assert (
        client.post(
            "/office/inspections/avoidances/", {"action": "withdraw", "avoidance": a.pk}
        ).status_code
        == 302
    )
    a.refresh_from_db()
    assert a.withdrawn_on == dt.date(2025, 11, 10)
