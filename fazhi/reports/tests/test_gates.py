"""The publication gates of the annual report (issue: four eyes on what goes public):

- whoever generated the current draft or edited it since cannot approve it (四眼原则);
- the approving role is set per unit by the coordinator or the administrator;
- a report with an empty required part, or for a year not yet ended, is published only
  with the approver's recorded reason (厅字〔2019〕28号 第24条: the five parts, after the year);
- a report sent back and resubmitted unchanged is flagged for the approver.

A small district (conftest personas). "Today" is frozen at 2026-02-10 unless a test says
otherwise; every refusal leaves the report and the full-process record as they were."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze, nothing_moved, refused
from fazhi.reports import gates, services
from fazhi.reports.models import AnnualReport, ApproverSetting

TODAY = dt.date(2026, 2, 10)
ON = dt.date(2026, 3, 20)
FOUR_EYES = (
    "您生成或修改了本报告，不能审核发布自己起草的报告（四眼原则），请由其他有审核权限的人员审核发布"
)


@pytest.fixture
def today(monkeypatch):
    freeze(monkeypatch, TODAY)


def _report(unit, author, year=2025):
    return services.generate(year, unit, author, today=TODAY)


def _submit(report, who):
    services.submit(report, who)
    report.refresh_from_db()
    return report


def _history(report):
    return list(
        Event.objects.filter(record_type="reports.annualreport", record_id=str(report.pk))
        .order_by("seq")
        .values_list("summary", flat=True)
    )


def test_the_one_who_generated_the_draft_cannot_publish_it(today, district, people):
    report = _submit(_report(district["sfj"], people["coordinator"]), people["coordinator"])
    with refused(PermissionDenied, FOUR_EYES, report):
        services.publish(report, people["coordinator"], on=ON)
    services.publish(report, people["leader"], on=ON)
    report.refresh_from_db()
    assert report.state == AnnualReport.State.PUBLISHED and report.published_by == people["leader"]


def test_an_editor_since_the_last_generation_cannot_publish(today, district, people):
    report = _report(district["sfj"], people["sfj_clerk"])
    key = services.paragraph_slots(report.doc)[0][0]
    services.edit(report, {key: "统筹协调人员改写的开头。"}, people["coordinator"])
    _submit(report, people["sfj_clerk"])
    with refused(PermissionDenied, FOUR_EYES, report):
        services.publish(report, people["coordinator"], on=ON)
    # Regenerating replaces the edited text: the earlier editor no longer wrote it.
    services.return_for_changes(report, "请按最新数据重新生成", people["leader"])
    services.generate(2025, district["sfj"], people["sfj_clerk"], today=TODAY)
    _submit(report, people["sfj_clerk"])
    assert gates.author_ids(report) == {people["sfj_clerk"].pk}
    services.publish(report, people["coordinator"], on=ON)
    assert AnnualReport.objects.get(pk=report.pk).published_by == people["coordinator"]


def test_approving_role_is_set_per_unit(today, district, people):
    scjg = district["scjg"]
    report = _submit(_report(scjg, people["scjg_clerk"]), people["scjg_clerk"])
    # Default (the rule the platform always had): coordinator, leader or the unit's reviewer.
    assert gates.may_approve(people["leader"], report)
    assert gates.may_approve(people["scjg_reviewer"], report)
    for who in ("sfj_clerk", "leader", "scjg_reviewer", "legal"):
        with pytest.raises(PermissionDenied, match="只有统筹协调人员或系统管理员"):
            gates.set_approver_role(scjg, "reviewer", people[who])
    with pytest.raises(ValidationError, match="请选择审核发布角色"):
        gates.set_approver_role(scjg, "anyone", people["coordinator"])
    with pytest.raises(ValidationError, match="只能为区政府或部门"):
        gates.set_approver_role(district["town"], "reviewer", people["coordinator"])
    assert not ApproverSetting.objects.exists()
    row = gates.set_approver_role(scjg, "reviewer", people["admin"])
    assert Event.objects.filter(action="report_approver_set", record_id=str(row.pk)).count() == 1
    message = "无权审核发布该报告：测试区市场监督管理局的年度报告由本单位审核人员审核发布"
    for who in ("leader", "coordinator"):
        with refused(PermissionDenied, message, report):
            services.publish(report, people[who], on=ON)
    services.publish(report, people["scjg_reviewer"], on=ON)
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReport.State.PUBLISHED


def test_leader_only(today, district, people):
    gates.set_approver_role(district["sfj"], "leader", people["coordinator"])
    report = _submit(_report(district["sfj"], people["sfj_clerk"]), people["sfj_clerk"])
    with refused(PermissionDenied, "无权审核该报告", report):
        services.return_for_changes(report, "请补充", people["coordinator"])
    services.publish(report, people["leader"], on=ON)


def _empty_part(report, people, word="不足"):
    index = next(i for i, s in enumerate(report.doc["sections"]) if word in s["heading"])
    keys = [k for k, _, _ in services.paragraph_slots(report.doc) if k.startswith(f"s{index}")]
    assert keys
    services.edit(report, dict.fromkeys(keys, ""), people["sfj_clerk"])
    report.refresh_from_db()
    return report.doc["sections"][index]["heading"]


def test_empty_required_part_needs_a_recorded_reason(today, district, people):
    report = _report(district["sfj"], people["sfj_clerk"])
    heading = _empty_part(report, people)
    _submit(report, people["sfj_clerk"])
    message = f"质量检查未通过，不能发布：必备部分没有内容：{heading}。确需发布的，请填写发布理由"
    for reason in ("", "   "):
        with refused(ValidationError, message, report):
            services.publish(report, people["leader"], on=ON, override_reason=reason)
    services.publish(report, people["leader"], on=ON, override_reason="该部分经研究暂无内容")
    report.refresh_from_db()
    assert report.state == AnnualReport.State.PUBLISHED
    assert report.override_reason == "该部分经研究暂无内容"
    assert _history(report)[-1].endswith(
        f"；质量检查未通过（必备部分没有内容：{heading}），发布理由：该部分经研究暂无内容"
    )


def test_complete_report_keeps_no_reason(today, district, people):
    report = _submit(_report(district["sfj"], people["sfj_clerk"]), people["sfj_clerk"])
    services.publish(report, people["leader"], on=ON, override_reason="无需理由")
    assert AnnualReport.objects.get(pk=report.pk).override_reason == ""


def test_year_not_ended_needs_a_recorded_reason(district, people, monkeypatch):
    day = dt.date(2025, 11, 10)
    freeze(monkeypatch, day)
    report = services.generate(2025, district["sfj"], people["sfj_clerk"], today=day)
    _submit(report, people["sfj_clerk"])
    message = (
        "质量检查未通过，不能发布：2025年度尚未结束（2025年11月10日），报告应在年度结束后发布。"
        "确需发布的，请填写发布理由"
    )
    with refused(ValidationError, message, report):
        services.publish(report, people["leader"])
    services.publish(report, people["leader"], override_reason="上级要求提前报送并公开")
    report.refresh_from_db()
    assert report.published_on == day and report.override_reason == "上级要求提前报送并公开"


def test_resubmitted_unchanged_is_flagged(today, district, people):
    report = _submit(_report(district["sfj"], people["sfj_clerk"]), people["sfj_clerk"])
    assert not report.resubmitted_unchanged
    services.return_for_changes(report, "请补充执法数据", people["leader"])
    _submit(report, people["sfj_clerk"])
    assert report.resubmitted_unchanged
    assert _history(report)[-1] == "提交审核（退回后未作任何修改，退回意见：请补充执法数据）"
    services.return_for_changes(report, "仍未补充", people["leader"])
    key = services.paragraph_slots(report.doc)[0][0]
    services.edit(report, {key: "已补充执法数据的开头。"}, people["sfj_clerk"])
    _submit(report, people["sfj_clerk"])
    assert not report.resubmitted_unchanged
    assert _history(report)[-1] == "提交审核"


def test_pages(today, district, people, login):
    report = _submit(_report(district["sfj"], people["coordinator"]), people["coordinator"])
    confirm = f"/office/reports/{report.pk}/publish/"
    client = login(people["coordinator"])
    page = client.get(f"/office/reports/{report.pk}/").content.decode()
    assert confirm not in page and "不能审核发布（四眼原则）" in page
    assert "不能审核发布自己起草的报告" in client.get(confirm).content.decode()
    with nothing_moved(report):
        resp = client.post(confirm, {"override_reason": "x"})
    assert resp.status_code == 400 and FOUR_EYES in resp.content.decode()
    client = login(people["leader"])
    assert confirm in client.get(f"/office/reports/{report.pk}/").content.decode()
    page = client.get(confirm).content.decode()
    for words in (report.title, f"/reports/{report.pk}/", "脱敏", "存在的不足和原因"):
        assert words in page
    assert login(people["sfj_clerk"]).get(confirm).status_code == 404
    resp = login(people["leader"]).post(confirm, {})
    assert resp.status_code == 302
    assert AnnualReport.objects.get(pk=report.pk).state == AnnualReport.State.PUBLISHED


def test_approver_settings_page(district, people, login):
    assert login(people["sfj_clerk"]).get("/office/reports/approvers/").status_code == 403
    assert login(people["leader"]).get("/office/reports/approvers/").status_code == 403
    client = login(people["coordinator"])
    page = client.get("/office/reports/approvers/").content.decode()
    assert "测试区市场监督管理局的审核发布角色" in page
    resp = client.post("/office/reports/approvers/", {"unit": district["scjg"].pk, "role": "?"})
    assert resp.status_code == 400 and "请选择审核发布角色" in resp.content.decode()
    # A township's report is approved as its own; it is not a choice here, nor is no unit.
    for unit in (district["town"].pk, "", "x"):
        resp = client.post("/office/reports/approvers/", {"unit": unit, "role": "reviewer"})
        assert resp.status_code == 400 and "请选择单位" in resp.content.decode()
    assert not ApproverSetting.objects.exists()
    resp = client.post(
        "/office/reports/approvers/", {"unit": district["scjg"].pk, "role": "reviewer"}
    )
    assert resp.status_code == 302
    assert gates.approver_role(district["scjg"]) == "reviewer"
