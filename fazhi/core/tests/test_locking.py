"""Optimistic locking over every edit form (issue: silent lost updates).

Each case opens one edit form twice (two browser sessions), saves the first, then the
second: the second is refused with 你打开后，<人> 于 <时间> 修改了：<字段> 原值 → 新值, the
record keeps the first save, the second person's typed text comes back in the form, and
saving again (now at the current version) succeeds. ``test_every_edit_view_is_covered``
fails when an edit view is added without a case here.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import close_old_connections, connection
from django.test import Client, RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from fazhi.core import locking

TODAY = dt.date(2025, 11, 10)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)

TOKEN = re.compile(r'name="lock" value="([^"]+)"')


@dataclass
class Case:
    url_name: str  # the URL pattern's name (namespace:name) whose view saves the form
    make: Callable  # (people, district) -> (user, url, data(value) -> POST dict, read() -> value)
    label: str  # the field's label named in the refusal


def unit_case(people, district):
    from fazhi.core.models import OrgUnit

    unit = district["scjg"]

    def data(value):
        return {
            "code": unit.code,
            "name": unit.name,
            "short_name": value,
            "aliases": "",
            "kind": "department",
            "parent": district["gov"].pk,
            "is_enforcement_agency": "on",
            "uscc": "",
            "sort_order": "0",
            "active": "on",
        }

    def read():
        return OrgUnit.objects.get(pk=unit.pk).short_name

    return people["coordinator"], reverse("core:unit_edit", args=[unit.code]), data, read


def user_case(people, district):
    from fazhi.core.models import User

    clerk = people["scjg_clerk"]

    def data(value):
        return {
            "username": clerk.username,
            "full_name": value,
            "unit": district["scjg"].pk,
            "phone": "",
            "is_active": "on",
            "roles": ["clerk"],
        }

    def read():
        return User.objects.get(pk=clerk.pk).full_name

    return people["admin"], reverse("core:user_edit", args=[clerk.pk]), data, read


def calendar_case(people, district):
    from fazhi.core import services
    from fazhi.core.models import CalendarYear

    services.set_calendar_year(
        2031, [(dt.date(2031, 10, 1), "holiday", "国庆节")], None, source="测试"
    )

    def data(value):
        return {
            "year": "2031",
            "notice": value,
            "holidays": "2031-10-01 国庆节",
            "makeup_workdays": "",
        }

    def read():
        return CalendarYear.objects.get(year=2031).notice

    return people["coordinator"], reverse("core:calendar_year", args=[2031]), data, read


def adviser_case(people, district):
    from fazhi.legal import interface as legal
    from fazhi.legal.models import LegalAdviser

    adviser = legal.register_adviser(
        name="周律师",
        kind="counsel",
        unit=district["sfj"],
        employer="测试律师事务所",
        phone="13800000001",
        contract_start=dt.date(2024, 1, 1),
        contract_end=dt.date(2030, 12, 31),
        actor=None,
    )

    def data(value):
        return {
            "name": "周律师",
            "kind": "counsel",
            "unit": district["sfj"].pk,
            "employer": value,
            "phone": "13800000001",
            "contract_start": "2024-01-01",
            "contract_end": "2030-12-31",
            "active": "on",
        }

    def read():
        return LegalAdviser.objects.get(pk=adviser.pk).employer

    return people["sfj_clerk"], reverse("legal:adviser_edit", args=[adviser.pk]), data, read


def document_case(people, district):
    from fazhi.documents import services
    from fazhi.documents.models import NormativeDocument

    doc = services.create_draft(
        title="测试区城市道路临时占用管理办法",
        unit=district["scjg"],
        issuer=district["gov"],
        body="第一条 为加强城市道路临时占用管理，制定本办法。",
        explanation="起草说明。",
        actor=people["scjg_clerk"],
    )

    def data(value):
        return {
            "title": value,
            "unit": district["scjg"].pk,
            "issuer": district["gov"].pk,
            "basis": "",
            "body": "第一条 为加强城市道路临时占用管理，制定本办法。",
            "explanation": "起草说明。",
        }

    def read():
        return NormativeDocument.objects.get(pk=doc.pk).title

    return people["scjg_clerk"], reverse("documents:edit", args=[doc.pk]), data, read


def cleanup_case(people, district):
    from fazhi.documents import services
    from fazhi.documents.models import Cleanup, CleanupItem

    doc = services.create_draft(
        title="测试区户外广告设置管理办法",
        unit=district["scjg"],
        issuer=district["gov"],
        body="第一条 为规范户外广告设置，制定本办法。",
        explanation="起草说明。",
        actor=people["scjg_clerk"],
    )
    cleanup = Cleanup.objects.create(
        title="2025年规范性文件清理", unit=district["gov"], started_on=dt.date(2025, 3, 1)
    )
    item = CleanupItem.objects.create(cleanup=cleanup, document=doc, assigned_unit=district["scjg"])

    def read():
        return CleanupItem.objects.get(pk=item.pk).reason

    return (
        people["scjg_clerk"],
        reverse("documents:cleanup", args=[cleanup.pk]),
        lambda value: {"action": "outcome", "item": item.pk, "outcome": "amend", "reason": value},
        read,
    )


def report_case(people, district):
    from fazhi.reports.models import AnnualReport

    report = AnnualReport.objects.create(
        year=2025,
        unit=district["gov"],
        doc={
            "title": "测试区2025年法治政府建设年度报告",
            "preamble": [],
            "sections": [
                {
                    "heading": "一、主要举措",
                    "paragraphs": [[{"text": "全面推进依法行政。"}]],
                    "subsections": [],
                }
            ],
        },
    )

    def read():
        from fazhi.reports.services import paragraph_slots, to_editable

        doc = AnnualReport.objects.get(pk=report.pk).doc
        return to_editable(paragraph_slots(doc)[0][2])[0]

    return (
        people["coordinator"],
        reverse("reports:edit", args=[report.pk]),
        lambda value: {"s0p0": value},
        read,
    )


def decision_case(people, district):
    from fazhi.decisions import services
    from fazhi.decisions.models import MajorDecision

    coord = people["coordinator"]
    catalog = services.create_catalog(year=2025, unit=district["gov"], actor=coord)
    item = services.propose_item(
        catalog,
        unit=district["sfj"],
        title="测试区行政执法辅助人员管理办法",
        category="policy",
        actor=people["sfj_clerk"],
    )
    services.settle_item(item, include=True, actor=coord)
    services.approve_catalog(
        catalog,
        party_agreed_on=dt.date(2025, 2, 10),
        party_document="区委常委会会议纪要〔2025〕2号",
        actor=coord,
    )
    services.publish_catalog(
        catalog, published_on=dt.date(2025, 2, 20), channel="区政府门户网站", actor=coord
    )
    decision = services.start_decision(
        item,
        actor=people["sfj_clerk"],
        draft="第一条 为规范行政执法辅助人员管理，制定本办法。",
        explanation="一、必要性。",
    )

    def data(value):
        return {
            "action": "draft",
            "draft-title": value,
            "draft-draft": "第一条 为规范行政执法辅助人员管理，制定本办法。",
            "draft-explanation": "一、必要性。",
        }

    def read():
        return MajorDecision.objects.get(pk=decision.pk).title

    return people["sfj_clerk"], reverse("decisions:detail", args=[decision.pk]), data, read


def submission_case(people, district):
    from fazhi.indicators import services
    from fazhi.indicators.models import Indicator, IndicatorValue

    Indicator.objects.filter(code="reconsideration.received").update(reporting_unit=district["sfj"])
    rnd = services.open_round(
        year=2025,
        name="2025年度填报",
        due=dt.date(2026, 1, 20),
        codes=["reconsideration.received"],
        actor=people["coordinator"],
    )
    sub = rnd.submissions.get()

    def read():
        v = IndicatorValue.objects.filter(
            indicator__code="reconsideration.received", year=2025, source="reported"
        ).first()
        return "" if v is None else str(int(v.value))

    return (
        people["sfj_clerk"],
        reverse("indicators:submission", args=[sub.pk]),
        lambda value: {"action": "save", "v_reconsideration.received": value},
        read,
    )


def summary_case(people, district):
    from fazhi.consultation import services
    from fazhi.consultation.interface import open_consultation
    from fazhi.consultation.models import Consultation

    clerk = people["sfj_clerk"]
    today = TODAY
    c = open_consultation(
        subject=(services.STANDALONE, "locking"),
        kind="normative_document",
        unit=district["sfj"],
        title="测试区城市公园管理办法（征求意见稿）",
        draft="第一条 为加强城市公园管理，制定本办法。",
        explanation="起草说明。",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        actor=clerk,
    )
    services.close(c, actor=clerk, reason="测试提前结束")
    services.generate_summary(c, actor=clerk)

    def read():
        return Consultation.objects.get(pk=c.pk).summary

    return (
        clerk,
        reverse("consultation:detail", args=[c.pk]),
        lambda value: {"action": "save_summary", "summary-text": value},
        read,
    )


def answer_case(people, district):
    from fazhi.consultation import services
    from fazhi.consultation.interface import open_consultation
    from fazhi.consultation.models import Comment

    clerk = people["sfj_clerk"]
    today = TODAY
    c = open_consultation(
        subject=(services.STANDALONE, "locking-answer"),
        kind="normative_document",
        unit=district["sfj"],
        title="测试区城市公园管理办法（征求意见稿）",
        draft="第一条 为加强城市公园管理，制定本办法。",
        explanation="起草说明。",
        opens_on=today,
        closes_on=today + dt.timedelta(days=30),
        actor=clerk,
    )
    comment = services.submit_comment(
        c, body="建议延长公园开放时间。", client_address="203.0.113.7"
    )
    services.moderate(comment, publish=True, actor=clerk)

    def data(value):
        return {
            "action": "respond",
            "comment": comment.pk,
            f"r{comment.pk}-response": "partly",
            f"r{comment.pk}-reason": value,
        }

    def read():
        return Comment.objects.get(pk=comment.pk).response_reason

    return clerk, reverse("consultation:detail", args=[c.pk]), data, read


def assessment_case(people, district):
    from decimal import Decimal

    from fazhi.core.numbers import fmt_value
    from fazhi.indicators import services
    from fazhi.indicators.models import AssessmentItem, AssessmentScheme, AssessmentScore

    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度考核")
    item = AssessmentItem.objects.create(
        scheme=scheme, name="督察整改", points=Decimal(10), rule="no_open_rectification"
    )
    services.compute_scores(scheme, people["coordinator"])
    score = AssessmentScore.objects.get(item=item, unit=district["sfj"])

    def read():
        return fmt_value(AssessmentScore.objects.get(pk=score.pk).final)

    return (
        people["coordinator"],
        reverse("indicators:assessment", args=[scheme.pk]),
        lambda value: {
            "action": "adjust",
            "unit": score.unit_id,
            "item": score.item_id,
            "points": value,
            "reason": "核实",
        },
        read,
    )


def item_case(people, district):
    from fazhi.inspections import services
    from fazhi.inspections.models import CheckItem

    item = services.create_item(
        unit=district["scjg"], code="SJ-009", name="原事项名称", basis="《食品安全法》第一百一十条",
        object_type="食品经营者", ratio="0.05", frequency="每年一次", actor=None,
    )  # fmt: skip

    def data(value):
        return {
            "action": "save", "code": "SJ-009", "name": value, "basis": item.basis,
            "object_type": "食品经营者", "method": "现场检查", "level": "general", "ratio": "5",
            "frequency": "每年一次",
        }  # fmt: skip

    def read():
        return CheckItem.objects.get(pk=item.pk).name

    return people["scjg_clerk"], reverse("inspections:item_edit", args=[item.pk]), data, read


def release_case(people, district):
    from fazhi.disclosure.models import CatalogueItem, ProactiveRelease
    from fazhi.disclosure.services import releases

    clerk = people["scjg_clerk"]
    item = CatalogueItem.objects.create(unit=district["scjg"], category=7, name="财政预决算")
    rel = releases.create_release(
        unit=district["scjg"], catalogue=item, title="原标题", body="正文。",
        created_on=TODAY, actor=clerk,
    )  # fmt: skip

    def read():
        return ProactiveRelease.objects.get(pk=rel.pk).title

    return (
        clerk,
        reverse("disclosure:release_edit", args=[rel.pk]),
        lambda value: {"title": value, "document_number": "", "body": "正文。"},
        read,
    )


def disclosure_report_case(people, district):
    from fazhi.disclosure.annual import services
    from fazhi.disclosure.models import DisclosureAnnualReport

    clerk = people["scjg_clerk"]
    report = services.create(unit=district["scjg"], year=TODAY.year - 1, actor=clerk)

    def read():
        return DisclosureAnnualReport.objects.get(pk=report.pk).overview

    return (
        clerk,
        reverse("disclosure:annual_report_edit", args=[report.pk]),
        lambda value: {"overview": value, "problems": "", "other_matters": "", "fee_income": "0"},
        read,
    )


def _study_people(district):
    from fazhi.learning.services import officials

    return [
        officials.add_official(unit=district["scjg"], name=n, post="科员", actor=None)
        for n in ("甲科员", "乙科员")
    ]


def learning_official_case(people, district):
    from fazhi.learning.models import Official

    o = _study_people(district)[0]

    def read():
        return Official.objects.get(pk=o.pk).post

    return (
        people["scjg_clerk"],
        reverse("learning:official_edit", args=[o.pk]),
        lambda value: {
            "name": o.name,
            "post": value,
            "level": "staff",
            "staff_number": "",
            "joined_on": "",
        },
        read,
    )


def learning_session_case(people, district):
    from fazhi.learning.models import StudySession
    from fazhi.learning.services import sessions

    a, b = _study_people(district)
    s = sessions.record_session(unit=district["scjg"], kind="collective", held_on=TODAY,
                                topic="学习宪法", laws="宪法", attendance=[(a, "present")],
                                actor=None)  # fmt: skip

    def read():
        return StudySession.objects.get(pk=s.pk).topic

    return (
        people["scjg_clerk"],
        reverse("learning:session_edit", args=[s.pk]),
        lambda value: {
            "kind": "collective",
            "held_on": TODAY.isoformat(),
            "meeting": "",
            "topic": value,
            "laws": "宪法",
            "lecturer": "",
            "hours": "2",
            "present": [a.pk],
            "leave": [b.pk],
        },
        read,
    )


def learning_training_case(people, district):
    from fazhi.learning.models import Training
    from fazhi.learning.services import trainings

    t = trainings.create_training(unit=district["scjg"], kind="officials", name="培训",
                                  starts_on=TODAY, ends_on=TODAY, hours=8, actor=None)  # fmt: skip

    def read():
        return Training.objects.get(pk=t.pk).name

    return (
        people["scjg_clerk"],
        reverse("learning:training_edit", args=[t.pk]),
        lambda value: {
            "kind": "officials",
            "name": value,
            "starts_on": TODAY.isoformat(),
            "ends_on": TODAY.isoformat(),
            "hours": "8",
            "place": "",
            "content": "",
        },
        read,
    )


def learning_court_case(people, district):
    from fazhi.learning.models import CourtObservation
    from fazhi.learning.services import court

    a, _ = _study_people(district)
    c = court.record_observation(unit=district["scjg"], held_on=TODAY, court="测试区人民法院",
                                 case_name="行政处罚纠纷", attendees=[a], actor=None)  # fmt: skip

    def read():
        return CourtObservation.objects.get(pk=c.pk).case_name

    return (
        people["scjg_clerk"],
        reverse("learning:court_edit", args=[c.pk]),
        lambda value: {
            "held_on": TODAY.isoformat(),
            "court": "测试区人民法院",
            "case_number": "",
            "case_name": value,
            "hours": "4",
            "attendees": [a.pk],
            "reflections": "",
        },
        read,
    )


def learning_exam_case(people, district):
    from fazhi.learning.models import Exam
    from fazhi.learning.services import exams

    e = exams.create_exam(unit=district["scjg"], year=TODAY.year, name="年度考法",
                          held_on=TODAY, actor=None)  # fmt: skip

    def read():
        return Exam.objects.get(pk=e.pk).name

    return (
        people["scjg_clerk"],
        reverse("learning:exam_edit", args=[e.pk]),
        lambda value: {"name": value, "held_on": TODAY.isoformat(), "pass_mark": "60"},
        read,
    )


def _learning_official(unit, name, level):
    """An official of the 干部名录, through the officials service."""
    from fazhi.learning.services.officials import add_official

    return add_official(unit=unit, name=name, post="负责人", level=level, actor=None)


def duty_report_case(people, district):
    from fazhi.learning.models import LawDutyReport
    from fazhi.learning.services import duty_reports

    clerk = people["scjg_clerk"]
    head = _learning_official(district["scjg"], "周建国", "principal")
    rep = duty_reports.record_report(
        official=head, year=TODAY.year, form="written", reported_on=TODAY, content="原摘要",
        actor=clerk,
    )  # fmt: skip

    def read():
        return LawDutyReport.objects.get(pk=rep.pk).content

    return (
        clerk,
        reverse("learning:duty_report_edit", args=[rep.pk]),
        lambda value: {
            "form": "written",
            "reported_on": TODAY.isoformat(),
            "meeting": "",
            "content": value,
        },
        read,
    )


def education_duty_case(people, district):
    from fazhi.learning.models import LegalEducationDuty
    from fazhi.learning.services import education

    clerk = people["scjg_clerk"]
    duty = education.add_duty(
        unit=district["scjg"], year=TODAY.year, laws="原法律", audience="public",
        planned_activities="集中宣传", actor=clerk,
    )  # fmt: skip

    def read():
        return LegalEducationDuty.objects.get(pk=duty.pk).laws

    return (
        clerk,
        reverse("learning:duty_edit", args=[duty.pk]),
        lambda value: {
            "laws": value,
            "audience": "public",
            "planned_activities": "集中宣传",
            "planned_count": "1",
            "responsible": "",
        },
        read,
    )


def education_activity_case(people, district):
    from fazhi.learning.models import LegalEducationActivity
    from fazhi.learning.services import education

    clerk = people["scjg_clerk"]
    act = education.record_activity(
        unit=district["scjg"], duty=None, held_on=TODAY, title="原活动", form="street",
        actor=clerk,
    )  # fmt: skip

    def read():
        return LegalEducationActivity.objects.get(pk=act.pk).title

    return (
        clerk,
        reverse("learning:activity_edit", args=[act.pk]),
        lambda value: {
            "duty": "",
            "held_on": TODAY.isoformat(),
            "title": value,
            "form": "street",
            "place": "",
            "reach": "0",
            "materials": "0",
            "summary": "",
        },
        read,
    )


def leadership_meeting_case(people, district):
    from fazhi.learning.models import LeadershipMeeting
    from fazhi.learning.services import meetings

    clerk = people["scjg_clerk"]
    head = _learning_official(district["scjg"], "周建国", "principal")
    m = meetings.record_meeting(
        unit=district["scjg"], kind="special", name="原会议", held_on=TODAY, chaired_by=head,
        topics=[{"kind": "report", "title": "听取汇报"}], actor=clerk,
    )  # fmt: skip

    def read():
        return LeadershipMeeting.objects.get(pk=m.pk).name

    return (
        clerk,
        reverse("learning:meeting_edit", args=[m.pk]),
        lambda value: {
            "kind": "special",
            "name": value,
            "held_on": TODAY.isoformat(),
            "chaired_by": str(head.pk),
            "minutes_number": "",
            "topic_kind_1": "report",
            "topic_title_1": "听取汇报",
        },
        read,
    )


def mediation_body_case(people, district):
    from fazhi.mediation.models import MediationBody
    from fazhi.mediation.services import bodies

    clerk = people["town_clerk"]
    body = bodies.create_body(
        clerk, unit=district["town"], name="城关街道人民调解委员会", kind="township",
        address="人民路1号",
    )  # fmt: skip

    def read():
        return MediationBody.objects.get(pk=body.pk).address

    return (
        clerk,
        reverse("mediation:body_edit", args=[body.pk]),
        lambda value: {
            "name": body.name,
            "kind": "township",
            "sector": "",
            "address": value,
            "phone": "",
        },
        read,
    )


def dispute_case(people, district):
    from fazhi.mediation.models import Dispute
    from fazhi.mediation.services import disputes

    clerk = people["town_clerk"]
    party = {"side": "applicant", "kind": "person", "name": "张大山", "id_number": "",
             "phone": "", "address": ""}  # fmt: skip
    d = disputes.record_dispute(
        clerk, unit=district["town"], found_on=TODAY, source="grid", type="neighbour",
        summary="原情况", parties=[party, {**party, "side": "respondent", "name": "李小河"}],
    )  # fmt: skip

    def read():
        return Dispute.objects.get(pk=d.pk).summary

    return (
        clerk,
        reverse("mediation:dispute_edit", args=[d.pk]),
        lambda value: {
            "type": "neighbour",
            "place": "",
            "summary": value,
            "amount": "",
            "people_involved": "2",
        },
        read,
    )


CASES = [
    Case("core:unit_edit", unit_case, "简称"),
    Case("core:user_edit", user_case, "姓名"),
    Case("core:calendar_year", calendar_case, "放假通知"),
    Case("legal:adviser_edit", adviser_case, "律师事务所或工作单位"),
    Case("documents:edit", document_case, "标题"),
    Case("documents:cleanup", cleanup_case, "理由"),
    Case("reports:edit", report_case, "一、主要举措第1段"),
    Case("decisions:detail", decision_case, "决策名称"),
    Case("indicators:submission", submission_case, "新收行政复议案件"),
    Case("consultation:detail", summary_case, "意见采纳情况说明"),
    Case("consultation:detail", answer_case, "理由"),
    Case("indicators:assessment", assessment_case, "督察整改"),
    Case("inspections:item_edit", item_case, "抽查事项"),
    Case("disclosure:release_edit", release_case, "标题"),
    Case("disclosure:annual_report_edit", disclosure_report_case, "一、总体情况"),
    Case("learning:official_edit", learning_official_case, "职务"),
    Case("learning:session_edit", learning_session_case, "学法主题"),
    Case("learning:training_edit", learning_training_case, "培训名称"),
    Case("learning:court_edit", learning_court_case, "案由"),
    Case("learning:exam_edit", learning_exam_case, "考试名称"),
    Case("learning:duty_report_edit", duty_report_case, "述法内容摘要"),
    Case("learning:duty_edit", education_duty_case, "普法内容（法律法规）"),
    Case("learning:activity_edit", education_activity_case, "活动名称"),
    Case("learning:meeting_edit", leadership_meeting_case, "会议名称"),
    Case("mediation:body_edit", mediation_body_case, "地址"),
    Case("mediation:dispute_edit", dispute_case, "纠纷简要情况"),
]

# Record pages whose forms are steps, not edits of a field: a second save of the same
# value cannot succeed (the step has happened), so the case above does not fit. Each has
# its own stale-form test, named here so that renaming or deleting it fails the guard.
OWN_TESTS = {
    "disclosure:request": (
        "fazhi/disclosure/tests/test_office_requests.py",
        "test_a_form_opened_before_a_colleagues_step_is_refused",
    ),
    "mediation:dispute": (
        "fazhi/mediation/tests/test_dispute_screens.py",
        "test_a_form_opened_before_a_colleagues_step_is_refused",
    ),
    "mediation:petition": (
        "fazhi/mediation/tests/test_petition_screens.py",
        "test_a_form_opened_before_a_colleagues_step_is_refused",
    ),
}

FIRST, SECOND = "甲方修改的内容一二三", "乙方修改的内容四五六"
NUMERIC = {"indicators:submission": ("41", "57"), "indicators:assessment": ("7", "8")}


def _quoted(value: str) -> str:
    return f"“{value}”" if value else "（空）"


def _token(response) -> str:
    found = TOKEN.search(response.content.decode())
    assert found, "the edit form carries no version token"
    return found.group(1)


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.enters_calendar_year) if c.make is calendar_case else c
        for c in CASES
    ],
    ids=[f"{c.url_name}:{c.make.__name__}" for c in CASES],
)
def test_a_stale_edit_is_refused_with_what_changed_and_nothing_lost(case, people, district):
    user, url, data, read = case.make(people, district)
    first, second = NUMERIC.get(case.url_name, (FIRST, SECOND))
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(user)
    tab_b.force_login(user)
    token_a = _token(tab_a.get(url))
    token_b = _token(tab_b.get(url))
    before = read()

    assert tab_a.post(url, {**data(first), "lock": token_a}).status_code == 302
    assert read() == first

    refused = tab_b.post(url, {**data(second), "lock": token_b})
    html = refused.content.decode()
    assert refused.status_code == 400
    assert read() == first  # the first save stands
    assert f"你打开后，{user} 于 " in html and "修改了：" in html
    assert f"{case.label} " in html and f" → “{first}”" in html  # field, old value → new
    if len(before) < 40 and "\n" not in before:
        assert f"{case.label} {_quoted(before)} → “{first}”" in html
    # what the second person typed is still in the form (an input's value or a textarea)
    assert f'value="{second}"' in html or f"{second}</textarea>" in html

    again = tab_b.post(url, {**data(second), "lock": _token(refused)})
    assert again.status_code == 302
    assert read() == second


def test_a_form_without_a_valid_token_is_not_applied(people, district):
    """A forged token, or one of another record, never overwrites silently."""
    user, url, data, read = unit_case(people, district)
    client = Client()
    client.force_login(user)
    before = read()
    refused = client.post(url, {**data("乙"), "lock": "forged"})
    assert refused.status_code == 400 and "版本标记无效" in refused.content.decode()
    assert read() == before
    # a genuine token of another record (at the same version number) is no better
    other = _token(client.get(reverse("core:unit_edit", args=[district["sfj"].code])))
    refused = client.post(url, {**data("乙"), "lock": other})
    assert refused.status_code == 400 and "版本标记无效" in refused.content.decode()
    assert read() == before
    assert client.post(url, {**data("乙"), "lock": _token(refused)}).status_code == 302


def test_a_typing_error_keeps_the_version_the_form_was_opened_at(people, district):
    """A form sent back for a typing error still carries the version it was opened at:
    someone else's save in between is caught at the next try, not silently based upon."""
    user, url, data, read = unit_case(people, district)
    tab_a, tab_b = Client(), Client()
    tab_a.force_login(user)
    tab_b.force_login(user)
    token_b = _token(tab_b.get(url))
    assert tab_a.post(url, {**data("甲"), "lock": _token(tab_a.get(url))}).status_code == 302
    bad = tab_b.post(url, {**data("乙"), "kind": "nonsense", "lock": token_b})
    assert bad.status_code == 400 and _token(bad) == token_b
    refused = tab_b.post(url, {**data("乙"), "lock": _token(bad)})
    assert refused.status_code == 400 and "简称 “区市场监管局” → “甲”" in refused.content.decode()
    assert read() == "甲"


# --- the guard: every edit view is in CASES ----------------------------------------------


def _patterns(resolver=None, ns=""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            yield from _patterns(p, f"{ns}{p.namespace}:" if p.namespace else ns)
        elif isinstance(p, URLPattern) and p.name:
            yield f"{ns}{p.name}", p.callback


def _source(view) -> str:
    view = inspect.unwrap(getattr(view, "view_class", view))
    if not getattr(view, "__module__", "").startswith("fazhi."):
        return ""  # Django's and django-ninja's own views
    return inspect.getsource(view)


def _edits_a_record(name: str, view) -> bool:
    """An edit view of the project: named *edit, fills a form from an existing record
    (``instance=``), or saves with a version (``locking.seen``)."""
    source = _source(view)
    return bool(source) and (
        name.endswith("edit") or "instance=" in source or "locking.seen(" in source
    )


def test_every_edit_view_is_covered():
    views = dict(_patterns())
    covered = {inspect.unwrap(views[c.url_name]) for c in CASES}
    root = Path(__file__).resolve().parents[3]
    for name, (path, test) in OWN_TESTS.items():
        assert f"def {test}(" in (root / path).read_text(), (name, path, test)
        covered.add(inspect.unwrap(views[name]))
    edit_views = {name for name, view in views.items() if _edits_a_record(name, view)}
    missing = sorted(n for n in edit_views if inspect.unwrap(views[n]) not in covered)
    assert not missing, f"edit views without a locking case in CASES: {missing}"
    # and the decisions' draft step, whose form is built through its Action machinery
    assert "locking.seen(" in _source(views["decisions:detail"])


# --- two saves at the same instant, on PostgreSQL -------------------------------------------


@pytest.mark.postgres_only
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_of_one_version_exactly_one_wins(people, district):
    from fazhi.core import services
    from fazhi.core.models import OrgUnit

    pk = district["scjg"].pk
    seen = OrgUnit.objects.get(pk=pk).version
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def save(i):
        try:
            unit = OrgUnit.objects.get(pk=pk)
            unit.short_name = f"并发{i}"
            barrier.wait()
            services.save_unit(unit, people["coordinator"], version=seen)
            outcomes.append("saved")
        except locking.StaleEdit:
            outcomes.append("refused")
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["refused"] * 7 + ["saved"]
    assert OrgUnit.objects.get(pk=pk).version == seen + 1


def test_a_bare_version_number_is_checked_too(people, district):
    """What an API client sends (the version it read): a stale one is refused with who
    changed the record; the API answers it with 409 (``fazhi/api.py``)."""
    from django.db import transaction

    from fazhi.api import api
    from fazhi.core import services
    from fazhi.core.models import OrgUnit

    unit = OrgUnit.objects.get(pk=district["scjg"].pk)
    read_at = unit.version
    unit.short_name = "甲"
    services.save_unit(unit, people["coordinator"], version=read_at)
    with pytest.raises(locking.StaleEdit) as refused, transaction.atomic():
        locking.claim(unit, read_at)
    assert refused.value.version == read_at + 1
    assert refused.value.messages[0].startswith("你打开后，coordinator 于 ")
    handler = api._lookup_exception_handler(refused.value)
    response = handler(RequestFactory().post("/api/x"), refused.value)
    assert response.status_code == 409
