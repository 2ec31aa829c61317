"""The authorization matrix (issue 11, point 8), on the demo district.

Every URL pattern and every API route has a line in ROUTES / API_ROUTES saying who may reach
it and which record its arguments name; a route without a line (or a line without a route)
fails the test, so adding or removing a route is a one-line change here. Then:

- anonymous reaches only the portal and the public API: every other page redirects to the
  login page or answers 403, every other API route answers 401, and an anonymous POST
  changes nothing;
- every demo account (one per role) GETs every route without a server error;
- an account without a district-wide role (clerks, reviewers, legal reviewers) never reads
  another unit's record: for each pattern naming a record, a record of a unit outside the
  account's own (and outside what the access rule widens it to) answers 403/404;
- nor changes it: every form the coordinator sees on that record's page, POSTed by the
  outsider with each of its buttons, answers 403/404 and leaves the record, its event
  history and the attachments untouched; the leader (read-only) changes nothing either.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from .test_no_500 import _Forms, _patterns, _url_name

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.db_agnostic]

PUBLIC, OFFICE, ANY = "public", "office", "any"


def _pk(obj):
    return {"pk": obj.pk}


@dataclass(frozen=True)
class Route:
    """Who may reach a route and which record its arguments name.

    access: PUBLIC (anyone), OFFICE (signed-in staff), ANY (no login needed, no content:
    logging out). model: the record the URL names ("app.Model"), kwargs: its URL arguments.
    shared: why staff of any unit may read it (district-wide records); empty = per unit.
    private: the records the per-unit rule applies to (the others are public anyway).
    """

    access: str = OFFICE
    model: str | None = None
    kwargs: Callable = _pk
    shared: str = ""
    fixed: dict = field(default_factory=dict)
    private: Callable = lambda qs: qs


def rec(model: str, kwargs: Callable = _pk, shared: str = "", access: str = OFFICE, **kw):
    return Route(access=access, model=model, kwargs=kwargs, shared=shared, **kw)


def _material(review):
    from fazhi.core.models import Attachment

    a = Attachment.objects.filter(record_type="legal.legalreview", record_id=str(review.pk))
    first = a.order_by("pk").first()
    return {"pk": review.pk, "att": first.pk if first else 1}


DISTRICT = "全区共用的记录，工作人员均可查看"


def _agency(obj):
    """An agency's URL arguments (pk 1 when the district has none yet: a 404 for all)."""
    return {"pk": obj.pk if obj else 1}


def _power_of(agency):
    """A power is scoped by its agency: the route is tried with a power of that agency."""
    power = agency.powers.order_by("pk").first() if agency else None
    return {"power_id": power.pk if power else 1}


AGENCY = "enforcement.Agency"
INSP_TASK = "inspections.InspectionTask"
NONE_YET = {"pk": 1}  # the URL when the district has no such record yet
DECISION = "decisions.MajorDecision"
ANNUAL = "disclosure.DisclosureAnnualReport"

ROUTES: dict[str, Route] = {
    "core:login": Route(PUBLIC),
    "core:logout": Route(ANY),
    "core:board": Route(),
    "core:menu": Route(fixed={"group": "gongzuo"}),
    "core:switch_unit": Route(),
    # The 驾驶舱 compares units: district-wide roles only (403 for unit staff).
    "core:cockpit": Route(),
    "core:cockpit_export": Route(),
    "core:deadline": rec("core.Deadline"),
    "core:deadline_attach": rec("core.Deadline"),
    "core:units": Route(),
    "core:unit_new": Route(),
    "core:unit_import": Route(),
    "core:unit": rec("core.OrgUnit", lambda u: {"code": u.code}, shared="机构目录"),
    "core:unit_edit": rec("core.OrgUnit", lambda u: {"code": u.code}),
    "core:users": Route(),
    "core:user_new": Route(),
    "core:user_edit": rec("core.User"),
    "core:calendar": Route(),
    "core:calendar_import": Route(),
    "core:audit": Route(),
    # A person's own notifications (per person, not per unit: the notification tests check
    # that nobody reads or marks another's).
    "core:notifications": Route(),
    "core:notifications_read_all": Route(),
    "core:notification_settings": Route(),
    "core:notification_read": Route(fixed={"pk": 1}),
    "core:calendar_year": Route(fixed={"year": 2025}),
    "core:workdays": Route(),
    "core:events": Route(),
    "core:attachment": rec("core.Attachment"),
    "core:tokens": Route(),
    "plans:list": Route(),
    "plans:import": Route(),
    "plans:detail": rec("plans.Plan", shared=DISTRICT),
    "plans:matrix": rec("plans.Plan", shared=DISTRICT),
    "plans:task_new": rec("plans.Plan", shared=DISTRICT),
    "plans:task": rec("plans.Task"),
    "plans:review": Route(),
    # 催报 (POST only): coordinators, leaders and admins; the unit is a form field.
    "plans:urge": Route(fixed={"pk": 1}),
    "plans:matrix_xlsx": rec("plans.Plan", shared=DISTRICT),
    "plans:progress_xlsx": rec("plans.Plan", shared=DISTRICT),
    "plans:reviews_xlsx": rec("plans.Plan", shared=DISTRICT),
    "plans:unit_progress": rec(
        "plans.Assignment", lambda a: {"pk": a.task.plan_id, "code": a.unit.code}
    ),
    "plans:assignment": rec("plans.Assignment", lambda a: {"pk": a.task_id, "code": a.unit.code}),
    "indicators:rounds": Route(),
    "indicators:round": rec("indicators.ReportingRound", shared=DISTRICT),
    "indicators:submission": rec("indicators.Submission"),
    "indicators:values": Route(),
    "indicators:value": rec("indicators.IndicatorValue"),
    "indicators:oversight": Route(),
    "indicators:oversight_detail": rec("indicators.Oversight"),
    "indicators:assessments": Route(),
    "indicators:assessment": rec("indicators.AssessmentScheme", shared="考核方案（全区）"),
    "indicators:assessment_xlsx": rec("indicators.AssessmentScheme", shared="考核方案（全区）"),
    "reports:list": Route(),
    "reports:benchmark": Route(),
    "reports:peer": rec("reports.PeerReport", shared="他地已公开的报告"),
    "reports:detail": rec("reports.AnnualReport"),
    "reports:edit": rec("reports.AnnualReport"),
    "reports:publish": rec("reports.AnnualReport"),
    "reports:approvers": Route(),
    "reports:export": rec("reports.AnnualReport", lambda r: {"pk": r.pk, "fmt": "docx"}),
    "legal:home": Route(),
    "legal:reviews": Route(),
    "legal:review_new": Route(),
    "legal:review": rec("legal.LegalReview"),
    "legal:review_letter": rec("legal.LegalReview"),
    "legal:review_material": rec("legal.LegalReview", _material),
    "legal:advisers": Route(),
    "legal:adviser_new": Route(),
    "legal:adviser": rec("legal.LegalAdviser"),
    "legal:adviser_edit": rec("legal.LegalAdviser"),
    "legal:participations": Route(),
    "legal:contracts": Route(),
    "legal:contract_new": Route(),
    "legal:contract": rec("legal.Contract"),
    "consultation:list": Route(),
    "consultation:new": Route(),
    "consultation:detail": rec("consultation.Consultation"),
    "consultation_public:list": Route(PUBLIC),
    "consultation_public:detail": rec("consultation.Consultation", access=PUBLIC),
    "decisions:list": Route(),
    "decisions:catalogs": Route(),
    "decisions:catalog_new": Route(),
    "decisions:catalog": rec("decisions.DecisionCatalog"),
    "decisions:start": rec("decisions.CatalogItem", lambda i: {"item_pk": i.pk}),
    "decisions:detail": rec(DECISION),
    "decisions:participation": rec(DECISION),
    "decisions:expert": rec(DECISION),
    "decisions:risk": rec(DECISION),
    "decisions:legality": rec(DECISION),
    "decisions:meeting": rec(DECISION),
    "decisions:party": rec(DECISION),
    "decisions:publish": rec(DECISION),
    "decisions:execution": rec(DECISION),
    "decisions:evaluation": rec(DECISION),
    "decisions:archive": rec(DECISION),
    "decisions:archive_zip": rec(DECISION),
    "documents:list": Route(),
    "documents:new": Route(),
    "documents:filings": Route(),
    "documents:cleanups": Route(),
    "documents:cleanup": rec("documents.Cleanup"),
    "documents:import": Route(),
    "documents:detail": rec("documents.NormativeDocument"),
    "documents:edit": rec("documents.NormativeDocument"),
    "documents:ancillary_list": Route(),
    "documents:ancillary_export": Route(),
    "documents:ancillary": rec("documents.AncillaryReview", fixed={"pk": 1}),
    "decisions_public:list": Route(PUBLIC),
    "decisions_public:catalog": rec("decisions.DecisionCatalog", access=PUBLIC),
    "decisions_public:detail": rec(DECISION, access=PUBLIC),
    "documents_public:list": Route(PUBLIC),
    "documents_public:detail": rec("documents.NormativeDocument", access=PUBLIC),
    "documents_public:print": rec("documents.NormativeDocument", access=PUBLIC),
    "documents_public:cleanup": rec("documents.Cleanup", access=PUBLIC),
    "reports_public:list": Route(PUBLIC),
    "reports_public:detail": rec("reports.AnnualReport", access=PUBLIC),
    "reports_public:print": rec("reports.AnnualReport", access=PUBLIC),
    # The records behind the officer figures (scoped lists, no record argument).
    "inspections:items": Route(),
    "inspections:entities": Route(),
    "inspections:tasks": Route(),
    "inspections:task_new": Route(),
    "inspections:task": rec("inspections.InspectionTask"),
    "inspections:plans": Route(),
    "inspections:plan_new": Route(),
    "inspections:plan": rec("inspections.InspectionPlan"),
    "inspections:item_new": Route(),
    "inspections:item_edit": rec("inspections.CheckItem"),
    "inspections:entity_import": Route(),
    "inspections:avoidances": Route(),
    "inspections_public:tasks": Route(PUBLIC),
    "inspections_public:task": rec(INSP_TASK, access=PUBLIC),
    "inspections_public:verify": rec(INSP_TASK, access=PUBLIC),
    "inspections_public:result": rec(INSP_TASK, access=PUBLIC),
    "inspections_public:snapshot": rec(INSP_TASK, access=PUBLIC),
    "enforcement:exams": Route(),
    "enforcement:certificates": Route(),
    "enforcement:trainings": Route(),
    "enforcement:delegations": Route(),
    "enforcement:cases": Route(),
    "enforcement:case_export": Route(),
    "enforcement:case_new": Route(),
    "enforcement:case_summary": Route(),
    "enforcement:case_import": Route(),
    "enforcement:case_import_template": Route(),
    "enforcement:case": rec("enforcement.Case", fixed={"pk": 1}),
    "enforcement:case_docx": rec(
        "enforcement.Case",
        lambda c: {"pk": c.pk, "doc": "filing"},
        fixed={"pk": 1, "doc": "filing"},
    ),
    "enforcement_public:decisions": Route(PUBLIC),
    "enforcement_public:decision": rec("enforcement.Publication", access=PUBLIC, fixed={"pk": 1}),
    "portal:home": Route(PUBLIC),
    "portal:units": Route(PUBLIC),
    "portal:workdays": Route(PUBLIC),
    "portal:anchors": Route(PUBLIC),
    "enforcement:agencies": Route(),
    "enforcement:agency_new": Route(),
    "enforcement:agency": rec(AGENCY, _agency, fixed=NONE_YET),
    "enforcement:standard_new": rec(AGENCY, _agency, fixed=NONE_YET),
    "enforcement:powers_import": rec(AGENCY, _agency, fixed=NONE_YET),
    "enforcement:powers_xlsx": rec(AGENCY, _agency, fixed=NONE_YET),
    "enforcement:officers_import": rec(AGENCY, _agency, fixed=NONE_YET),
    "enforcement:officers_xlsx": rec(AGENCY, _agency, fixed=NONE_YET),
    "enforcement:officers": Route(),
    "enforcement:officer_new": Route(),
    "enforcement:officer": rec("enforcement.Officer", _agency, fixed=NONE_YET),
    "enforcement:training_new": Route(),
    "enforcement_public:agencies": Route(PUBLIC),
    "enforcement_public:agency": rec(AGENCY, _agency, access=PUBLIC, fixed=NONE_YET),
    "enforcement_public:officers": Route(PUBLIC),
    "healthz": Route(PUBLIC),
    # 案卷评查 and supervision (pk 1 when the demo has no such record: a 404, no server error).
    "enforcement:review_campaigns": Route(),
    "enforcement:review_campaign_new": Route(),
    "enforcement:review_campaign": rec("enforcement.ReviewCampaign", fixed={"pk": 1}),
    "enforcement:review_files": Route(),
    "enforcement:review_file": rec("enforcement.CaseFileReview", fixed={"pk": 1}),
    "enforcement:review_sheets": Route(),
    "enforcement:review_sheet_new": Route(),
    "enforcement:review_sheet": rec(
        "enforcement.ScoringSheet", shared="案卷评查评分表（全区）", fixed={"pk": 1}
    ),
    "enforcement:supervision_checks": Route(),
    "enforcement:supervision_check_new": Route(),
    "enforcement:supervision_check": rec("enforcement.SupervisionCheck", fixed={"pk": 1}),
    "enforcement:complaints": Route(),
    "enforcement:complaint_new": Route(),
    "enforcement:complaint": rec("enforcement.EnforcementComplaint", fixed={"pk": 1}),
    "enforcement:supervisors": Route(),
    "enforcement:annual_data": Route(),
    "enforcement_public:annual_data": Route(PUBLIC),
    "reconsideration:applications": Route(),
    "reconsideration:application_export": Route(),
    "reconsideration:application_new": Route(),
    "reconsideration:application": rec("reconsideration.Application", fixed={"pk": 1}),
    "reconsideration:cases": Route(),
    "reconsideration:case_export": Route(),
    "reconsideration:case": rec("reconsideration.Case", fixed={"pk": 1}),
    "reconsideration:litigations": Route(),
    "reconsideration:litigation_export": Route(),
    "reconsideration:litigation_new": Route(),
    "reconsideration:litigation": rec("reconsideration.Litigation", fixed=NONE_YET),
    "reconsideration:suggestions": Route(),
    "reconsideration:suggestion_export": Route(),
    "reconsideration:suggestion_new": Route(),
    "reconsideration:suggestion": rec("reconsideration.Suggestion", fixed=NONE_YET),
    "reconsideration_public:home": Route(PUBLIC),
    "reconsideration_public:apply": Route(PUBLIC),
    "reconsideration_public:applied": Route(PUBLIC),
    "reconsideration_public:track": Route(PUBLIC),
    # The applicant's secret link (a wrong one: 404 with the look-up form).
    "reconsideration_public:status": rec(
        "reconsideration.Application",
        lambda a: {"token": a.link_token},
        access=PUBLIC,
        fixed={"token": "none"},
    ),
    "reconsideration_public:decisions": Route(PUBLIC),
    # 政府信息公开工作年度报告 (pk 1 when the demo has none yet: a 404 for all).
    "disclosure:annual_reports": Route(),
    "disclosure:annual_report": rec(ANNUAL, fixed=NONE_YET),
    "disclosure:annual_report_edit": rec(ANNUAL, fixed=NONE_YET),
    "disclosure:annual_report_docx": rec(ANNUAL, fixed=NONE_YET),
    "disclosure:annual_report_html": rec(ANNUAL, fixed=NONE_YET),
    "disclosure_public:annual_reports": Route(PUBLIC),
    "disclosure_public:annual_report": rec(ANNUAL, access=PUBLIC, fixed=NONE_YET),
    "reconsideration_public:decision": rec("reconsideration.Case", access=PUBLIC, fixed={"pk": 1}),
    # 政府信息公开 portal: 主动公开 by unit, interpretations, their public files (404 for any
    # other attachment), the online request and the applicant's status page (a wrong link: 404).
    "disclosure_public:home": Route(PUBLIC),
    "disclosure_public:unit": rec("core.OrgUnit", lambda u: {"code": u.code}, access=PUBLIC),
    "disclosure_public:release": rec("disclosure.ProactiveRelease", access=PUBLIC, fixed=NONE_YET),
    "disclosure_public:interpretations": Route(PUBLIC),
    "disclosure_public:interpretation": rec(
        "disclosure.Interpretation", access=PUBLIC, fixed=NONE_YET
    ),
    "disclosure_public:file": rec("core.Attachment", access=PUBLIC, fixed=NONE_YET),
    "disclosure_public:apply": Route(PUBLIC),
    "disclosure_public:applied": Route(PUBLIC),
    "disclosure_public:track": Route(PUBLIC),
    "disclosure_public:status": rec(
        "disclosure.DisclosureRequest",
        lambda r: {"token": r.link_token},
        access=PUBLIC,
        fixed={"token": "none"},
    ),
    # 行政复议 documents out as DOCX (pk 1 when the demo has no such record: a 404).
    "reconsideration:application_docx": rec(
        "reconsideration.Application",
        lambda a: {"pk": a.pk, "kind": "correction"},
        fixed={"pk": 1, "kind": "correction"},
    ),
    "reconsideration:case_docx": rec(
        "reconsideration.Case",
        lambda c: {"pk": c.pk, "kind": "acceptance"},
        fixed={"pk": 1, "kind": "acceptance"},
    ),
    "reconsideration:letter_docx": rec("reconsideration.OpinionLetter", fixed={"pk": 1}),
    # 政府信息公开 documents out as DOCX (pk 1 when the demo has no such record: a 404). A
    # consultation is scoped by its request: the route is tried with a letter of that request.
    "disclosure:request_docx": rec(
        "disclosure.DisclosureRequest",
        lambda r: {"pk": r.pk, "kind": "reply"},
        fixed={"pk": 1, "kind": "reply"},
    ),
    "disclosure:consultation_docx": rec(
        "disclosure.DisclosureRequest",
        lambda r: {"pk": getattr(r.consultations.order_by("pk").first(), "pk", 1)},
        fixed={"pk": 1},
        private=lambda qs: qs.filter(consultations__isnull=False).distinct(),
    ),
    "reconsideration:letters": Route(),
    "reconsideration:letter_new": Route(),
    "reconsideration:letter": rec("reconsideration.OpinionLetter", fixed={"pk": 1}),
    "disclosure:requests": Route(),
    "disclosure:request_export": Route(),
    "disclosure:request_new": Route(),
    "disclosure:request": rec("disclosure.DisclosureRequest", fixed=NONE_YET),
    "disclosure:catalogue": Route(),
    "disclosure:releases": Route(),
    "disclosure:release_export": Route(),
    "disclosure:release_new": Route(),
    "disclosure:release_import": Route(),
    "disclosure:release": rec("disclosure.ProactiveRelease", fixed=NONE_YET),
    "disclosure:release_edit": rec("disclosure.ProactiveRelease", fixed=NONE_YET),
    "disclosure:interpretations": Route(),
    "disclosure:interpretation_new": Route(),
    "disclosure:interpretation": rec("disclosure.Interpretation", fixed=NONE_YET),
    # 信访 (issue 17): the registering unit and, once routed, the handling unit.
    "mediation:petitions": Route(),
    "mediation:petition_export": Route(),
    "mediation:petition_new": Route(),
    "mediation:petition": rec("mediation.Petition", fixed=NONE_YET),
    "mediation:petition_docx": rec(
        "mediation.Petition",
        lambda p: {"pk": p.pk, "kind": "notice"},
        fixed={"pk": 1, "kind": "notice"},
    ),
    # 人民调解 (issue 17): disputes and bodies per unit; the portal's directory and counts.
    "mediation:disputes": Route(),
    "mediation:dispute_export": Route(),
    "mediation:dispute_new": Route(),
    "mediation:dispute_import": Route(),
    "mediation:dispute": rec("mediation.Dispute", fixed=NONE_YET),
    "mediation:dispute_edit": rec("mediation.Dispute", fixed=NONE_YET),
    "mediation:bodies": Route(),
    "mediation:body_new": Route(),
    "mediation:body": rec("mediation.MediationBody", fixed=NONE_YET),
    "mediation:body_edit": rec("mediation.MediationBody", fixed=NONE_YET),
    "mediation_public:home": Route(PUBLIC),
    "mediation_public:bodies": Route(PUBLIC),
    "mediation_public:statistics": Route(PUBLIC),
    # 学法用法 (issue 17): 干部名录, 学法活动, 法治培训, 旁听庭审, 年度考法, 学法学时.
    **{
        f"learning:{n}": Route()
        for n in (
            "officials",
            "official_export",
            "official_new",
            "official_import",
            "sessions",
            "session_export",
            "session_new",
            "trainings",
            "training_export",
            "training_new",
            "court",
            "court_export",
            "court_new",
            "exams",
            "exam_export",
            "exam_new",
            "hours",
            "hours_export",
        )
    },
    "learning:official": rec("learning.Official", fixed=NONE_YET),
    "learning:official_edit": rec("learning.Official", fixed=NONE_YET),
    "learning:session": rec("learning.StudySession", fixed=NONE_YET),
    "learning:session_edit": rec("learning.StudySession", fixed=NONE_YET),
    "learning:training": rec("learning.Training", fixed=NONE_YET),
    "learning:training_edit": rec("learning.Training", fixed=NONE_YET),
    "learning:court_observation": rec("learning.CourtObservation", fixed=NONE_YET),
    "learning:court_edit": rec("learning.CourtObservation", fixed=NONE_YET),
    "learning:exam": rec("learning.Exam", fixed=NONE_YET),
    "learning:exam_edit": rec("learning.Exam", fixed=NONE_YET),
    # 述法, 普法 and the leaders' meetings on 法治 (issue 17).
    "learning:duty_reports": Route(),
    "learning:duty_report_export": Route(),
    "learning:duty_report_new": Route(),
    "learning:duty_report_round": Route(),
    "learning:duty_report": rec("learning.LawDutyReport", fixed=NONE_YET),
    "learning:duty_report_edit": rec("learning.LawDutyReport", fixed=NONE_YET),
    "learning:duties": Route(),
    "learning:duty_export": Route(),
    "learning:duty_new": Route(),
    "learning:duty": rec("learning.LegalEducationDuty", fixed=NONE_YET),
    "learning:duty_edit": rec("learning.LegalEducationDuty", fixed=NONE_YET),
    "learning:education_plan": Route(),
    "learning:activities": Route(),
    "learning:activity_export": Route(),
    "learning:activity_new": Route(),
    "learning:activity": rec("learning.LegalEducationActivity", fixed=NONE_YET),
    "learning:activity_edit": rec("learning.LegalEducationActivity", fixed=NONE_YET),
    "learning:meetings": Route(),
    "learning:meeting_export": Route(),
    "learning:meeting_new": Route(),
    "learning:meeting": rec("learning.LeadershipMeeting", fixed=NONE_YET),
    "learning:meeting_edit": rec("learning.LeadershipMeeting", fixed=NONE_YET),
    "learning_public:education": Route(PUBLIC),
    "learning_public:education_unit": rec("core.OrgUnit", access=PUBLIC),
    "learning_public:education_activity": rec(
        "learning.LegalEducationActivity", access=PUBLIC, fixed=NONE_YET
    ),
}

# JSON bodies the API's write routes are tried with (plausible, so only the permission
# check can refuse them).
API_BODIES: dict[str, dict] = {
    "POST /api/mediation/petitions/{petition_id}/actions/{action}": {
        "route": "handle",
        "on": "2026-04-01",
    },
    "POST /api/reconsideration/litigation/{lit_id}/actions/{action}": {
        "on": "2026-04-01",
        "result": "won",
        "reasons": "驳回原告的诉讼请求",
    },
    "POST /api/reconsideration/suggestions/{sug_id}/actions/{action}": {
        "on": "2026-04-01",
        "text": "已整改",
    },
    "POST /api/enforcement/cases/{case_id}/actions/{action}": {
        "on": "2026-04-01",
        "reason": "违法事实不能成立",
    },
    "POST /api/reconsideration/applications/{application_id}/actions/{action}": {
        "on": "2026-04-01",
        "reason": "不属于行政复议范围",
    },
    "POST /api/reconsideration/cases/{case_id}/actions/{action}": {"on": "2026-04-01"},
    "POST /api/disclosure/requests/{request_id}/actions/{action}": {
        "on": "2026-04-01",
        "reason": "申请人撤回申请",
    },
    "POST /api/disclosure/releases/{release_id}/publish": {
        "published_on": "2026-04-01",
        "late_reason": "等待审批",
    },
    "POST /api/disclosure/releases/{release_id}/withdraw": {"on": "2026-04-01", "reason": "废止"},
    "POST /api/disclosure/interpretations/{interpretation_id}/withdraw": {
        "on": "2026-04-01",
        "reason": "有误",
    },
    "PUT /api/learning/officials/{official_id}": {"name": "张三", "post": "科员", "level": "staff"},
    "POST /api/learning/officials/{official_id}/leave": {"left_on": "2026-04-01"},
    "POST /api/learning/trainings/{training_id}/attendance": {"official": 1},
    "POST /api/learning/exams/{exam_id}/results": {"official": 1, "score": "80"},
    "POST /api/learning/duty-reports/{report_id}/evaluate": {
        "evaluation": "poor",
        "score": "10",
        "evaluated_by": "越权评议",
        "evaluated_on": "2026-04-01",
    },
    "POST /api/learning/education/activities/{activity_id}/publish": {"on": "2026-04-01"},
    "POST /api/mediation/disputes/{dispute_id}/actions/{action}": {
        "route": "litigation",
        "escalated_on": "2026-04-01",
    },
    "POST /api/mediation/bodies/{body_id}/actions/{action}": {"starts_on": "2026-04-01"},
}

API_ROUTES: dict[str, Route] = {
    "GET /api/me": Route(),
    "GET /api/units": Route(),
    "GET /api/units/{code}": rec("core.OrgUnit", lambda u: {"code": u.code}, shared="机构目录"),
    "GET /api/deadlines": Route(),
    "GET /api/deadlines/{pk}": rec("core.Deadline"),
    "GET /api/workdays/add": Route(PUBLIC, fixed={"start": "2025-09-26", "days": 10}),
    "GET /api/workdays/between": Route(PUBLIC, fixed={"start": "2025-09-26", "end": "2025-10-16"}),
    "GET /api/events": Route(),
    "GET /api/notifications": Route(),
    "POST /api/notifications/read-all": Route(),
    "POST /api/notifications/{pk}/read": Route(fixed={"pk": 1}),
    "GET /api/plans/tasks": Route(),
    "GET /api/indicators": Route(),
    "GET /api/indicators/district/{year}": Route(fixed={"year": 2025}),
    "GET /api/legal/reviews": Route(),
    "GET /api/legal/reviews/by-kind": Route(),
    "GET /api/legal/reviews/{review_id}": rec("legal.LegalReview", lambda r: {"review_id": r.pk}),
    "GET /api/legal/contracts": Route(),
    "GET /api/consultations/public": Route(PUBLIC),
    "GET /api/consultations/public/{pk}": rec("consultation.Consultation", access=PUBLIC),
    "GET /api/consultations": Route(),
    "GET /api/decisions/catalogs": Route(),
    "GET /api/decisions/catalogs/{pk}": rec("decisions.DecisionCatalog"),
    "GET /api/decisions/public/catalogs": Route(PUBLIC),
    "GET /api/decisions": Route(),
    "GET /api/decisions/{pk}": rec(DECISION),
    "GET /api/documents": Route(),
    "GET /api/documents/public/search": Route(PUBLIC),
    "GET /api/documents/{pk}": rec("documents.NormativeDocument"),
    "GET /api/enforcement/cases": Route(),
    "GET /api/enforcement/cases/{case_id}": rec(
        "enforcement.Case", lambda c: {"case_id": c.pk if c else 1}
    ),
    "POST /api/enforcement/cases/{case_id}/actions/{action}": rec(
        "enforcement.Case", lambda c: {"case_id": c.pk if c else 1, "action": "terminate"}
    ),
    "GET /api/reconsideration/applications": Route(),
    "GET /api/reconsideration/applications/{application_id}": rec(
        "reconsideration.Application", lambda a: {"application_id": a.pk if a else 1}
    ),
    "POST /api/reconsideration/applications/{application_id}/actions/{action}": rec(
        "reconsideration.Application",
        lambda a: {"application_id": a.pk if a else 1, "action": "reject"},
    ),
    "GET /api/disclosure/requests": Route(),
    "GET /api/disclosure/requests/{request_id}": rec(
        "disclosure.DisclosureRequest", lambda r: {"request_id": r.pk if r else 1}
    ),
    "POST /api/disclosure/requests/{request_id}/actions/{action}": rec(
        "disclosure.DisclosureRequest",
        lambda r: {"request_id": r.pk if r else 1, "action": "withdraw"},
    ),
    "GET /api/mediation/petitions": Route(),
    "POST /api/mediation/petitions": Route(),
    "GET /api/mediation/petitions/{petition_id}": rec(
        "mediation.Petition", lambda p: {"petition_id": p.pk if p else 1}
    ),
    "POST /api/mediation/petitions/{petition_id}/actions/{action}": rec(
        "mediation.Petition", lambda p: {"petition_id": p.pk if p else 1, "action": "route"}
    ),
    "GET /api/reconsideration/cases": Route(),
    "GET /api/reconsideration/cases/{case_id}": rec(
        "reconsideration.Case", lambda c: {"case_id": c.pk if c else 1}
    ),
    "POST /api/reconsideration/cases/{case_id}/actions/{action}": rec(
        "reconsideration.Case", lambda c: {"case_id": c.pk if c else 1, "action": "copy"}
    ),
    "GET /api/reports/published": Route(PUBLIC),
    # A published report is public (GET /api/reports/published); the others are per unit.
    "GET /api/reports/{pk}": rec(
        "reports.AnnualReport", private=lambda qs: qs.exclude(state="published")
    ),
    "GET /api/enforcement/agencies": Route(),
    "GET /api/enforcement/agencies/{agency_id}": rec(
        AGENCY, lambda a: {"agency_id": _agency(a)["pk"]}
    ),
    "GET /api/enforcement/agencies/{agency_id}/powers": rec(
        AGENCY, lambda a: {"agency_id": _agency(a)["pk"]}
    ),
    "GET /api/enforcement/powers/{power_id}": rec(AGENCY, _power_of),
    "GET /api/enforcement/officers": Route(),
    "GET /api/inspections/public/tasks": Route(PUBLIC),
    "GET /api/inspections/public/tasks/{pk}": rec(INSP_TASK, access=PUBLIC),
    "GET /api/inspections/public/tasks/{pk}/drawn": rec(INSP_TASK, access=PUBLIC),
    "GET /api/inspections/public/tasks/{pk}/results": rec(INSP_TASK, access=PUBLIC),
    "GET /api/inspections/public/tasks/{pk}/verify": rec(INSP_TASK, access=PUBLIC),
    "GET /api/inspections/tasks": Route(),
    "GET /api/enforcement/officers/{officer_id}": rec(
        "enforcement.Officer", lambda o: {"officer_id": _agency(o)["pk"]}
    ),
    "GET /api/reconsideration/litigation": Route(),
    "POST /api/reconsideration/litigation": Route(),
    "GET /api/reconsideration/litigation/{lit_id}": rec(
        "reconsideration.Litigation", lambda c: {"lit_id": c.pk if c else 1}
    ),
    "POST /api/reconsideration/litigation/{lit_id}/actions/{action}": rec(
        "reconsideration.Litigation", lambda c: {"lit_id": c.pk if c else 1, "action": "result"}
    ),
    "GET /api/reconsideration/suggestions": Route(),
    "POST /api/reconsideration/suggestions": Route(),
    "GET /api/reconsideration/suggestions/{sug_id}": rec(
        "reconsideration.Suggestion", lambda s: {"sug_id": s.pk if s else 1}
    ),
    "POST /api/reconsideration/suggestions/{sug_id}/actions/{action}": rec(
        "reconsideration.Suggestion", lambda s: {"sug_id": s.pk if s else 1, "action": "reply"}
    ),
    "GET /api/disclosure/catalogue": Route(),
    "POST /api/disclosure/catalogue": Route(),
    "GET /api/disclosure/catalogue/{item_id}": rec(
        "disclosure.CatalogueItem", lambda c: {"item_id": c.pk if c else 1}
    ),
    "GET /api/disclosure/releases": Route(),
    "POST /api/disclosure/releases": Route(),
    "GET /api/disclosure/releases/{release_id}": rec(
        "disclosure.ProactiveRelease", lambda r: {"release_id": r.pk if r else 1}
    ),
    "POST /api/disclosure/releases/{release_id}/publish": rec(
        "disclosure.ProactiveRelease", lambda r: {"release_id": r.pk if r else 1}
    ),
    "POST /api/disclosure/releases/{release_id}/withdraw": rec(
        "disclosure.ProactiveRelease", lambda r: {"release_id": r.pk if r else 1}
    ),
    "GET /api/disclosure/interpretations": Route(),
    "POST /api/disclosure/interpretations": Route(),
    "GET /api/disclosure/interpretations/{interpretation_id}": rec(
        "disclosure.Interpretation", lambda i: {"interpretation_id": i.pk if i else 1}
    ),
    "POST /api/disclosure/interpretations/{interpretation_id}/withdraw": rec(
        "disclosure.Interpretation", lambda i: {"interpretation_id": i.pk if i else 1}
    ),
    # 学法用法 (issue 17)
    **{
        f"{m} /api/learning/{n}": Route()
        for n in ("officials", "sessions", "trainings", "court", "exams")
        for m in ("GET", "POST")
    },
    "GET /api/learning/hours": Route(fixed={"year": 2025}),
    "GET /api/learning/officials/{official_id}": rec(
        "learning.Official", lambda o: {"official_id": o.pk if o else 1}
    ),
    "PUT /api/learning/officials/{official_id}": rec(
        "learning.Official", lambda o: {"official_id": o.pk if o else 1}
    ),
    "POST /api/learning/officials/{official_id}/leave": rec(
        "learning.Official", lambda o: {"official_id": o.pk if o else 1}
    ),
    "GET /api/learning/sessions/{session_id}": rec(
        "learning.StudySession", lambda s: {"session_id": s.pk if s else 1}
    ),
    "GET /api/learning/trainings/{training_id}": rec(
        "learning.Training", lambda t: {"training_id": t.pk if t else 1}
    ),
    "POST /api/learning/trainings/{training_id}/attendance": rec(
        "learning.Training", lambda t: {"training_id": t.pk if t else 1}
    ),
    "GET /api/learning/court/{observation_id}": rec(
        "learning.CourtObservation", lambda c: {"observation_id": c.pk if c else 1}
    ),
    "GET /api/learning/exams/{exam_id}": rec(
        "learning.Exam", lambda e: {"exam_id": e.pk if e else 1}
    ),
    "POST /api/learning/exams/{exam_id}/results": rec(
        "learning.Exam", lambda e: {"exam_id": e.pk if e else 1}
    ),
    # 述法, 普法 and the leaders' meetings on 法治 (issue 17).
    "GET /api/learning/duty-reports": Route(),
    "POST /api/learning/duty-reports": Route(),
    "GET /api/learning/duty-reports/{report_id}": rec(
        "learning.LawDutyReport", lambda r: {"report_id": r.pk if r else 1}
    ),
    "POST /api/learning/duty-reports/{report_id}/evaluate": rec(
        "learning.LawDutyReport", lambda r: {"report_id": r.pk if r else 1}
    ),
    "GET /api/learning/education/duties": Route(),
    "POST /api/learning/education/duties": Route(),
    "POST /api/learning/education/duties/publish": Route(),
    "GET /api/learning/education/duties/{duty_id}": rec(
        "learning.LegalEducationDuty", lambda d: {"duty_id": d.pk if d else 1}
    ),
    "GET /api/learning/education/activities": Route(),
    "POST /api/learning/education/activities": Route(),
    "GET /api/learning/education/activities/{activity_id}": rec(
        "learning.LegalEducationActivity", lambda a: {"activity_id": a.pk if a else 1}
    ),
    "POST /api/learning/education/activities/{activity_id}/publish": rec(
        "learning.LegalEducationActivity", lambda a: {"activity_id": a.pk if a else 1}
    ),
    "GET /api/learning/meetings": Route(),
    "POST /api/learning/meetings": Route(),
    "GET /api/learning/meetings/{meeting_id}": rec(
        "learning.LeadershipMeeting", lambda m: {"meeting_id": m.pk if m else 1}
    ),
    # 人民调解 (issue 17)
    "GET /api/mediation/disputes": Route(),
    "POST /api/mediation/disputes": Route(),
    "GET /api/mediation/disputes/{dispute_id}": rec(
        "mediation.Dispute", lambda d: {"dispute_id": d.pk if d else 1}
    ),
    "POST /api/mediation/disputes/{dispute_id}/actions/{action}": rec(
        "mediation.Dispute", lambda d: {"dispute_id": d.pk if d else 1, "action": "escalate"}
    ),
    "GET /api/mediation/bodies": Route(),
    "POST /api/mediation/bodies": Route(),
    "GET /api/mediation/bodies/{body_id}": rec(
        "mediation.MediationBody", lambda b: {"body_id": b.pk if b else 1}
    ),
    "POST /api/mediation/bodies/{body_id}/actions/{action}": rec(
        "mediation.MediationBody", lambda b: {"body_id": b.pk if b else 1, "action": "term"}
    ),
}

# Not part of the application: Django's own admin (its own login) and the API's schema and
# viewer pages.
NOT_IN_MATRIX = ("admin:",)

ROLE_ACCOUNTS = [
    "admin",
    "coordinator",
    "leader",
    "sfj_clerk",
    "sfj_legal",
    "scjg_clerk",
    "scjg_reviewer",
    "scjg_legal",
    "zjj_clerk",
    "zhzf_clerk",
    "chengguan_clerk",
    "beishan_clerk",
]


# --- the tables match the application ------------------------------------------------


def _api_operations():
    schema = Client().get("/api/openapi.json").json()
    return {
        f"{method.upper()} {route}": op
        for route, ops in schema["paths"].items()
        for method, op in ops.items()
    }


def _url_names():
    return {name for name, _, _ in _patterns() if not name.startswith(NOT_IN_MATRIX)}


def test_every_route_has_a_rule_and_every_rule_a_route(db):
    names = _url_names() - {n for n in _url_names() if n.startswith("api:")}
    assert sorted(names - set(ROUTES)) == [], "URL patterns without a line in ROUTES"
    assert sorted(set(ROUTES) - names) == [], "lines in ROUTES for no URL pattern"
    ops = _api_operations()
    assert sorted(set(ops) - set(API_ROUTES)) == [], "API routes without a line in API_ROUTES"
    assert sorted(set(API_ROUTES) - set(ops)) == [], "lines in API_ROUTES for no API route"
    for key, op in ops.items():
        public = not op.get("security")
        assert public == (API_ROUTES[key].access == PUBLIC), f"{key}: schema says public={public}"


# --- filling in the arguments -------------------------------------------------------


def _model(label: str):
    return apps.get_model(label)


def _path(name: str, route: Route, obj=None) -> str:
    kwargs = dict(route.fixed)
    if route.model:
        obj = obj or _model(route.model).objects.order_by("pk").first()
        kwargs.update(route.kwargs(obj) if obj else {})
    return reverse(name, kwargs=kwargs or None)


def _api_path(key: str, route: Route, obj=None) -> tuple[str, str, dict]:
    method, template = key.split(" ", 1)
    query = {}
    values = {}
    if route.model:
        obj = obj or _model(route.model).objects.order_by("pk").first()
        values.update(route.kwargs(obj))
    for k, v in route.fixed.items():
        if "{" + k + "}" in template:
            values[k] = v
        else:
            query[k] = v
    path = template
    for k, v in values.items():
        path = path.replace("{" + k + "}", str(v))
    return method, path, query


def _login_redirect(resp) -> bool:
    return resp.status_code == 302 and resp["Location"].startswith("/office/login/")


def _event_count():
    from fazhi.core.models import Attachment, Event

    return Event.objects.count(), Attachment.objects.count()


# --- anonymous ----------------------------------------------------------------------


def test_anonymous_reaches_only_the_portal(demo, db):
    client = Client()
    failures = []
    before = _event_count()
    for name, route in ROUTES.items():
        path = _path(name, route)
        resp = client.get(path)
        if route.access in (PUBLIC, ANY):
            if resp.status_code >= 500 or _login_redirect(resp) or resp.status_code in (401, 403):
                failures.append(f"GET {path} [{name}] public, answered {resp.status_code}")
            continue
        if not (_login_redirect(resp) or resp.status_code == 403):
            failures.append(f"GET {path} [{name}] answered {resp.status_code} to anonymous")
        resp = client.post(path, {"action": "x", "title": "匿名"})
        if not (_login_redirect(resp) or resp.status_code in (403, 405)):
            failures.append(f"POST {path} [{name}] answered {resp.status_code} to anonymous")
    for key, route in API_ROUTES.items():
        method, path, query = _api_path(key, route)
        if method == "GET":
            resp = client.get(path, query)
        else:
            resp = client.generic(method, path, json.dumps(API_BODIES.get(key, {})))
        if route.access == PUBLIC:
            if resp.status_code != 200:
                failures.append(f"{key} public, answered {resp.status_code}")
        elif resp.status_code != 401:
            failures.append(f"{key} answered {resp.status_code} to anonymous")
    assert _event_count() == before, "an anonymous request changed the records"
    assert not failures, "\n".join(failures)


# --- every role, every route --------------------------------------------------------


@pytest.mark.parametrize("username", ROLE_ACCOUNTS)
def test_every_role_gets_every_route_without_a_server_error(demo, db, username):
    from fazhi.core.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    failures = []
    for name, route in ROUTES.items():
        if route.access == ANY:
            continue
        path = _path(name, route)
        resp = client.get(path)
        if resp.streaming:
            b"".join(resp.streaming_content)
        if resp.status_code >= 500 or _login_redirect(resp):
            failures.append(f"GET {path} [{name}]: {resp.status_code}")
    for key, route in API_ROUTES.items():
        method, path, query = _api_path(key, route)
        if method != "GET":
            continue
        resp = client.get(path, query)
        if resp.status_code >= 500 or resp.status_code == 401:
            failures.append(f"{key}: {resp.status_code}")
    assert not failures, "\n".join(failures)


# --- another unit's records ---------------------------------------------------------


def _unit_ids(model, pk) -> set[int]:
    from fazhi.core.models import OrgUnit

    if model is OrgUnit:
        return {pk}
    path = getattr(model, "scope_field", "unit")
    return {u for u in model.objects.filter(pk=pk).values_list(path, flat=True) if u}


def _outside(user, label: str, private=lambda qs: qs):
    """A record of ``label`` that belongs to no unit within the account's own scope and
    that the access rule does not open to the account either (a legal review assigned to
    another unit's reviewer, say): a record of another unit, by every measure."""
    from fazhi.core import access
    from fazhi.core.models import OrgUnit

    model = _model(label)
    own = set(access.scope_units(user).values_list("pk", flat=True))
    visible = set(access.restrict(model.objects.all(), user, "view").values_list("pk", flat=True))
    for pk in private(model.objects.order_by("pk")).values_list("pk", flat=True):
        units = _unit_ids(model, pk)
        if pk in visible or not units or units & own:
            continue
        if model is OrgUnit or units:
            return model.objects.get(pk=pk)
    return None


def _snapshot(obj):
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    return (model_to_dict(fresh) if fresh else None, _event_count())


def _forms_on(client: Client, path: str) -> list[tuple[str, dict]]:
    """(target, data) for every POST form on the page (each named button separately)."""
    resp = client.get(path)
    if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
        return []
    parsed = _Forms()
    parsed.feed(resp.content.decode("utf-8", "replace"))
    out = []
    for form in parsed.forms:
        if form["method"] != "post":
            continue
        target = urlsplit(urljoin(path, form["action"])).path or path
        if _url_name(target) in ("core:logout", "core:switch_unit"):
            continue
        data = {**form["hidden"], **form["fields"]}
        for bname, bvalue in form["buttons"] or [(None, None)]:
            out.append((target, {**data, **({bname: bvalue} if bname else {})}))
    return out


OUTSIDERS = [
    u
    for u in ROLE_ACCOUNTS
    if u not in ("admin", "coordinator", "leader")  # district-wide roles
]


@pytest.mark.parametrize("username", OUTSIDERS)
def test_no_account_reads_or_changes_another_units_record(demo, db, username):
    from fazhi.core.models import User

    user = User.objects.get(username=username)
    coordinator = Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    client = Client()
    client.force_login(user)
    failures, checked = [], 0
    for name, route in ROUTES.items():
        if not route.model or route.access == PUBLIC:
            continue
        if route.shared:
            obj = _model(route.model).objects.order_by("pk").first()
        else:
            obj = _outside(user, route.model)
        if obj is None:
            continue
        path = _path(name, route, obj)
        if not route.shared:
            checked += 1
            resp = client.get(path)
            if resp.status_code not in (403, 404):
                failures.append(f"GET {path} [{name}] → {resp.status_code}")
        for target, data in _forms_on(coordinator, path) or [(path, {"action": "x"})]:
            before = _snapshot(obj)
            resp = client.post(target, data)
            if before != _snapshot(obj):
                failures.append(f"POST {target} {sorted(data)} [{name}] changed the record")
            elif not route.shared and resp.status_code not in (403, 404, 405):
                # 405: a read-only page (the deadline page) takes no POST from anyone.
                failures.append(f"POST {target} [{name}] → {resp.status_code}")
    for key, route in API_ROUTES.items():
        if not route.model or route.access == PUBLIC or route.shared:
            continue
        obj = _outside(user, route.model, route.private)
        if obj is None:
            continue
        checked += 1
        method, path, query = _api_path(key, route, obj)
        before = _snapshot(obj)
        if method == "GET":
            resp = client.get(path, query)
        else:
            resp = client.generic(
                method, path, json.dumps(API_BODIES.get(key, {})), "application/json"
            )
        if resp.status_code not in (403, 404) or before != _snapshot(obj):
            failures.append(f"{method} {path} [{key}] → {resp.status_code}")
    assert checked >= 20, f"only {checked} routes had a record of another unit to try"
    assert not failures, "\n".join(failures)


def test_the_leader_reads_everything_and_changes_nothing(demo, db):
    """区政府分管领导 reads every unit's records (a district-wide view) but is read-only."""
    from fazhi.core.models import User

    coordinator = Client()
    coordinator.force_login(User.objects.get(username="coordinator"))
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    failures = []
    for name, route in ROUTES.items():
        if not route.model or route.access == PUBLIC:
            continue
        obj = _model(route.model).objects.order_by("pk").first()
        path = _path(name, route, obj)
        for target, data in _forms_on(coordinator, path):
            before = _snapshot(obj)
            client.post(target, data)
            if before != _snapshot(obj):
                failures.append(f"POST {target} {sorted(data)} [{name}] changed the record")
    assert not failures, "\n".join(failures)


# Routes tried for every unit's clerk (the named accounts above go through every route).
PER_UNIT_CLERK = ["core:deadline", "documents:detail", "GET /api/deadlines/{pk}"]


def test_every_units_clerk_is_kept_to_their_unit(demo, db):
    """The demo has a clerk for every department and township: each one, on a record of
    another unit, is refused."""
    from fazhi.core.models import Role, User

    clerks = User.objects.filter(roles__code=Role.CLERK).select_related("unit").distinct()
    assert clerks.count() >= 50
    failures, checked = [], 0
    for user in clerks:
        client = Client()
        client.force_login(user)
        for key in PER_UNIT_CLERK:
            route = ROUTES.get(key) or API_ROUTES[key]
            obj = _outside(user, route.model, route.private)
            if obj is None:
                continue
            checked += 1
            if key in ROUTES:
                path = _path(key, route, obj)
                resp = client.get(path)
            else:
                _, path, query = _api_path(key, route, obj)
                resp = client.get(path, query)
            if resp.status_code not in (403, 404):
                failures.append(f"{user.username}: GET {path} → {resp.status_code}")
    assert checked >= 100, checked
    assert not failures, "\n".join(failures)
