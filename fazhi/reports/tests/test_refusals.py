"""Every refusal of the annual report services, each with nothing moved afterwards: the
report's content and state as they were, no event in the full-process record.

A small district (conftest personas), not the demo: 司法局's 2025 report composed from no
records is still a complete draft with the five required parts. "Today" is frozen at
2026-02-10, before the report is due (rules.md §7)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.tests.refusal import freeze, refused
from fazhi.reports import services
from fazhi.reports.models import AnnualReport

TODAY = dt.date(2026, 2, 10)


@pytest.fixture
def draft(district, people, monkeypatch):
    freeze(monkeypatch, TODAY)
    return services.generate(2025, district["sfj"], people["sfj_clerk"], today=TODAY)


def _in_review(draft, people):
    services.submit(draft, people["sfj_clerk"])
    draft.refresh_from_db()
    return draft


def _published(draft, people):
    _in_review(draft, people)
    services.publish(draft, people["leader"], on=dt.date(2026, 3, 20))
    draft.refresh_from_db()
    return draft


def test_another_unit_may_not_generate(draft, district, people):
    for who in ("scjg_clerk", "town_clerk", "scjg_reviewer"):
        with refused(PermissionDenied, "无权为该单位生成年度报告", draft):
            services.generate(2025, district["sfj"], people[who], today=TODAY)
    assert AnnualReport.objects.count() == 1


@pytest.mark.parametrize("state", ["review", "published"])
def test_report_under_review_or_published_is_never_regenerated(draft, district, people, state):
    """What was submitted for review, and what the public has read (published under
    厅字〔2019〕28号 第24条), stays as it was: a new draft composed from the records would
    overwrite the reviewed text. A return to draft is the only way back."""
    report = _in_review(draft, people) if state == "review" else _published(draft, people)
    doc = AnnualReport.objects.filter(pk=report.pk).values_list("doc", flat=True).get()
    for who in ("sfj_clerk", "coordinator"):
        with refused(ValidationError, "该报告已提交审核或已发布，不能重新生成", report):
            services.generate(2025, district["sfj"], people[who], today=TODAY)
    report.refresh_from_db()
    assert report.state == state and report.doc == doc


def test_another_unit_may_not_edit_or_submit(draft, people):
    key = services.paragraph_slots(draft.doc)[0][0]
    for who in ("scjg_clerk", "town_clerk"):
        with refused(PermissionDenied, "无权修改该报告", draft):
            services.edit(draft, {key: "他单位改写的开头。"}, people[who])
        with refused(PermissionDenied, "无权提交该报告", draft):
            services.submit(draft, people[who])
    assert AnnualReport.objects.get(pk=draft.pk).state == AnnualReport.State.DRAFT


def test_edit_refusals(draft, people):
    key = services.paragraph_slots(draft.doc)[0][0]
    with refused(ValidationError, "段落s9p9不存在", draft):
        services.edit(draft, {key: "改写的开头。", "s9p9": "新段落"}, people["sfj_clerk"])
    with refused(ValidationError, "数据标记〔数1〕不存在或重复，请勿修改数据标记", draft):
        services.edit(draft, {key: "办理案件56件〔数1〕。"}, people["sfj_clerk"])
    _in_review(draft, people)
    with refused(ValidationError, "只能修改草稿；已提交审核的报告请先退回", draft):
        services.edit(draft, {key: "改写的开头。"}, people["sfj_clerk"])


def test_submit_only_a_draft(draft, people):
    _in_review(draft, people)
    with refused(ValidationError, "只能提交草稿", draft):
        services.submit(draft, people["sfj_clerk"])
    services.publish(draft, people["leader"], on=dt.date(2026, 3, 20))
    draft.refresh_from_db()
    with refused(ValidationError, "只能提交草稿", draft):
        services.submit(draft, people["coordinator"])


def test_report_with_placeholders_cannot_be_submitted(draft, people):
    """Template residue (【单位名称】, XX) never reaches the reviewer, let alone the public."""
    key = services.paragraph_slots(draft.doc)[0][0]
    services.edit(
        draft, {key: "2025年，【单位名称】坚持依法行政，办理XX件事项。"}, people["sfj_clerk"]
    )
    draft.refresh_from_db()
    with refused(
        ValidationError, "报告中有未替换的占位内容：开头：“【单位名称】”；开头：“XX”", draft
    ):
        services.submit(draft, people["sfj_clerk"])
    assert AnnualReport.objects.get(pk=draft.pk).state == AnnualReport.State.DRAFT


def test_report_missing_a_required_part_cannot_be_submitted(draft, people):
    """厅字〔2019〕28号 names the five parts every report has."""
    doc = draft.doc
    doc["sections"] = [s for s in doc["sections"] if "第一责任人" not in s["heading"]]
    AnnualReport.objects.filter(pk=draft.pk).update(doc=doc)
    draft.refresh_from_db()
    with refused(
        ValidationError,
        "报告缺少必备部分：党政主要负责人履行推进法治建设第一责任人职责情况",
        draft,
    ):
        services.submit(draft, people["sfj_clerk"])


def test_return_refusals(draft, people):
    with refused(ValidationError, "只能退回待审核的报告", draft):
        services.return_for_changes(draft, "请补充", people["leader"])
    _in_review(draft, people)
    for who in ("sfj_clerk", "scjg_reviewer", "town_clerk"):
        with refused(PermissionDenied, "无权审核该报告", draft):
            services.return_for_changes(draft, "请补充", people[who])
    with refused(ValidationError, "退回时须说明理由", draft):
        services.return_for_changes(draft, "  ", people["leader"])


def test_publish_refusals(draft, people):
    with refused(ValidationError, "报告须先提交审核，审核通过后发布", draft):
        services.publish(draft, people["leader"], on=dt.date(2026, 3, 20))
    _in_review(draft, people)
    for who in ("sfj_clerk", "scjg_reviewer"):
        with refused(PermissionDenied, "无权审核发布该报告", draft):
            services.publish(draft, people[who], on=dt.date(2026, 3, 20))
    services.publish(draft, people["leader"], on=dt.date(2026, 3, 20))
    draft.refresh_from_db()
    with refused(ValidationError, "报告须先提交审核，审核通过后发布", draft):
        services.publish(draft, people["leader"], on=dt.date(2026, 3, 21))
    with refused(ValidationError, "只能退回待审核的报告", draft):
        services.return_for_changes(draft, "请撤回", people["leader"])
    assert AnnualReport.objects.get(pk=draft.pk).published_on == dt.date(2026, 3, 20)
