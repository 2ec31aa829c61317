"""Who may approve and publish an annual report, and what publication makes public.

Four eyes (四眼原则): whoever composed the current draft or edited it since cannot approve
it; the approving role is set per unit (``ApproverSetting``) by the coordinator or the
system administrator, defaulting to the rule the platform always had (统筹协调人员、领导，
or the unit's own 审核人员). The report is published under 厅字〔2019〕28号 第24条."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from fazhi.core import access, events
from fazhi.core.models import Event, OrgUnit, Role, User

from .models import AnnualReport, ApproverSetting

RECORD_TYPE = "reports.annualreport"

access.register_action("approve_report", {Role.COORDINATOR, Role.LEADER, Role.ADMIN}, {"reviewer"})
access.register_action("configure_report_approval", {Role.COORDINATOR, Role.ADMIN}, set())


def approver_role(unit: OrgUnit) -> str:
    row = ApproverSetting.objects.filter(unit=unit).first()
    return row.role if row else ApproverSetting.DEFAULT


def approver_label(unit: OrgUnit) -> str:
    return ApproverSetting.Role(approver_role(unit)).label


def holds_approver_role(user, unit: OrgUnit) -> bool:
    """Does ``user`` hold the role that approves ``unit``'s report (authorship aside)?"""
    role = approver_role(unit)
    if role == ApproverSetting.DEFAULT:
        return access.can(user, "approve_report", unit)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if role not in user.role_codes:
        return False
    if role == ApproverSetting.Role.REVIEWER:
        return user.unit_id is not None and access.in_unit_scope(user, unit)
    return True


def author_ids(report: AnnualReport) -> set[int]:
    """Who wrote the content now under review: the one who generated the current draft
    and everyone who edited it since (read from the full-process record)."""
    qs = Event.objects.filter(record_type=RECORD_TYPE, record_id=str(report.pk))
    last = qs.filter(action="report_generate").order_by("-seq").first()
    if last is not None:
        qs = qs.filter(seq__gte=last.seq)
    return set(
        qs.filter(action__in=["report_generate", "report_edit"], actor__isnull=False).values_list(
            "actor_id", flat=True
        )
    )


def authors(report: AnnualReport) -> list[str]:
    return [str(u) for u in User.objects.filter(pk__in=author_ids(report)).order_by("username")]


def is_author(user, report: AnnualReport) -> bool:
    return getattr(user, "pk", None) in author_ids(report)


def may_approve(user, report: AnnualReport) -> bool:
    return holds_approver_role(user, report.unit) and not is_author(user, report)


def check_approver(user, report: AnnualReport, refusal: str = "无权审核发布该报告") -> None:
    """Raise PermissionDenied with the Chinese reason when ``user`` may not approve."""
    if not holds_approver_role(user, report.unit):
        if approver_role(report.unit) != ApproverSetting.DEFAULT:
            refusal += f"：{report.unit.name}的年度报告由{approver_label(report.unit)}审核发布"
        raise PermissionDenied(refusal)
    if is_author(user, report):
        raise PermissionDenied(
            "您生成或修改了本报告，不能审核发布自己起草的报告（四眼原则），"
            "请由其他有审核权限的人员审核发布"
        )


def portal_url(report: AnnualReport) -> str:
    path = reverse("reports_public:detail", kwargs={"pk": report.pk})
    return getattr(settings, "FAZHI_SITE_URL", "").rstrip("/") + path


def report_units():
    """Units that write an annual report (as the generate form offers them)."""
    return OrgUnit.objects.filter(
        active=True, kind__in=[OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT]
    ).order_by("sort_order", "code")


@transaction.atomic
def set_approver_role(unit: OrgUnit, role: str, actor) -> ApproverSetting:
    """Set which role approves ``unit``'s annual report."""
    if not access.can(actor, "configure_report_approval"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以设置年度报告的审核角色")
    if role not in ApproverSetting.Role.values:
        raise ValidationError("请选择审核发布角色")
    if not report_units().filter(pk=unit.pk).exists():
        raise ValidationError("只能为区政府或部门设置年度报告的审核角色")
    row = ApproverSetting.objects.select_for_update().filter(unit=unit).first()
    before = row.role if row else ApproverSetting.DEFAULT
    if row is not None and before == role:
        return row
    if row is None:
        row = ApproverSetting(unit=unit)
    row.role = role
    row.save()
    events.append(
        action="report_approver_set",
        record=row,
        actor=actor,
        unit=unit,
        summary=f"{unit.name}的年度报告改由{row.get_role_display()}审核发布",
        before={"role": before},
        after={"role": role},
    )
    return row
