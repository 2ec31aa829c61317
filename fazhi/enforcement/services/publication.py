"""事后公示 of enforcement decisions (国办发〔2018〕118号) and their withdrawal.

Every decided ordinary-procedure case gets a publication record with its due date
(许可、处罚 7 working days from the decision, others 20). Publishing after the due date is
allowed only flagged late with the reason; a case whose party is a minor is withheld
(浙江省行政处罚结果信息网上公开暂行办法 第7条: minors' cases are not put online) with the
reason recorded. A revoked or changed decision that was published is withdrawn within 3
working days (行政处罚法 第48条第2款), with the explanation shown in its place.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.masking import mask_name, mask_text
from fazhi.core.models import Deadline

from ..deadlines import WITHDRAWAL, publication_clock
from ..models import Case, Party, Publication
from .common import need_change, past, record, required


def public_text(case: Case) -> str:
    """What the portal shows of a decision, masked: the decision number, the agency, the
    party (a person by masked name only, an organisation by name and 统一社会信用代码), the
    violation (with person names masked), the legal basis, the outcome and the date."""
    parties = list(case.parties.all())
    title = case.title
    who = []
    for p in parties:
        if p.kind == Party.Kind.PERSON:
            title = title.replace(p.name, mask_name(p.name))
            who.append(mask_name(p.name))
        else:
            who.append(f"{p.name}（统一社会信用代码：{p.uscc}）")
    lines = [
        f"决定书文号：{case.decision_number}",
        f"执法机关：{case.agency.name}",
        f"当事人：{'、'.join(who)}",
        f"案由：{title}",
    ]
    if case.power_id:
        lines.append(f"执法依据：{case.power.legal_basis}")
    result = case.get_outcome_display()
    if case.fine:
        result += f"，罚款{case.fine:.0f}元"
    if case.confiscation:
        result += f"，没收违法所得、非法财物{case.confiscation:.0f}元"
    if case.revokes_license:
        result += "，吊销许可证件（责令关闭、限制从业）"
    lines.append(f"处理结果：{result}")
    lines.append(f"作出决定日期：{case.decided_on:%Y年%m月%d日}")
    return mask_text("\n".join(lines))


def open_publication(case: Case, *, actor) -> Publication | None:
    """Called when the decision is made (inside its transaction)."""
    if case.procedure == Case.Procedure.SUMMARY:
        return None
    dl = core.start_deadline(
        record=case,
        clock=publication_clock(case.kind),
        start=case.decided_on,
        unit=case.unit,
        title=f"{case.number} 决定公示",
        url=f"/office/enforcement/cases/{case.pk}/",
        actor=actor,
    )
    pub = Publication.objects.create(case=case, unit=case.unit, due_on=dl.due_date, deadline=dl)
    case.publish_due_on = dl.due_date
    case.save(update_fields=["publish_due_on"])
    record(
        case,
        "enforcement_publication_due",
        actor,
        case.unit,
        f"决定应于{dl.due_date:%Y-%m-%d}前公示",
    )
    return pub


def _lock(case: Case) -> Publication:
    try:
        return Publication.objects.select_for_update().select_related("case").get(case=case)
    except Publication.DoesNotExist:
        raise ValidationError("该案件没有需要公示的决定") from None


def _finish(pub: Publication, on: dt.date, actor) -> None:
    dl = Deadline.objects.filter(pk=pub.deadline_id).first()
    if dl is not None and dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
        core.complete_deadline(dl, on=on, actor=actor)


@transaction.atomic
def publish(case: Case, *, on: dt.date, actor, late_reason: str = "") -> Publication:
    """Put the masked decision on the portal. Late (after ``due_on``) only with a reason,
    and the publication stays flagged late."""
    pub = _lock(case)
    case = pub.case
    need_change(actor, pub.unit, "本单位执法决定的公示")
    if pub.published_on:
        raise ValidationError("该决定已经公示")
    if pub.withheld_reason:
        raise ValidationError(f"该决定不予公开：{pub.withheld_reason}")
    if case.revoked_on:
        raise ValidationError("决定已被撤销或变更，不能再公示")
    on = past(on, "公示日期")
    if on < case.decided_on:
        raise ValidationError("公示日期不能早于决定日期")
    late = on > pub.due_on
    if late and not (late_reason or "").strip():
        raise ValidationError(
            f"公示期限已于{pub.due_on:%Y-%m-%d}届满，逾期公示须填写逾期原因，公示将标注为逾期"
        )
    if any(p.minor for p in case.parties.all()):
        raise ValidationError("当事人为未成年人的案件不在网上公开，请登记不予公开")
    pub.published_on = on
    pub.late = late
    pub.late_reason = (late_reason or "").strip()[:300] if late else ""
    pub.content = public_text(case)
    pub.save()
    case.published_on_time = not late
    case.save(update_fields=["published_on_time"])
    _finish(pub, on, actor)
    record(
        case,
        "enforcement_publish",
        actor,
        pub.unit,
        f"{on:%Y-%m-%d}公示决定{case.decision_number}"
        + (f"（逾期：{pub.late_reason}）" if late else ""),
        after={"published_on": on, "late": late},
    )
    return pub


@transaction.atomic
def withhold(case: Case, *, reason: str, on: dt.date, actor) -> Publication:
    """不予公开 (涉及国家秘密、未成年人、个人隐私依法不宜公开), with the reason; the clock
    is closed as handled."""
    pub = _lock(case)
    case = pub.case
    need_change(actor, pub.unit, "本单位执法决定的公示")
    if pub.published_on:
        raise ValidationError("已经公示的决定只能撤回，不能改为不予公开")
    pub.withheld_reason = required(reason, "不予公开的理由")
    pub.save(update_fields=["withheld_reason"])
    case.published_on_time = True
    case.save(update_fields=["published_on_time"])
    _finish(pub, past(on, "登记日期"), actor)
    record(case, "enforcement_withhold", actor, pub.unit, f"决定不予公开：{pub.withheld_reason}")
    return pub


def on_revoked(case: Case, *, actor) -> None:
    """Inside ``revoke``: a published decision starts its withdrawal clock; an unpublished
    one is no longer to be published."""
    pub = Publication.objects.select_for_update().filter(case=case).first()
    if pub is None:
        return
    if pub.published_on and not pub.withdrawn_on:
        dl = core.start_deadline(
            record=case,
            clock=WITHDRAWAL,
            start=case.revoked_on,
            unit=case.unit,
            title=f"{case.number} 撤回已公示的决定",
            url=f"/office/enforcement/cases/{case.pk}/",
            actor=actor,
        )
        pub.withdraw_due_on = dl.due_date
        pub.save(update_fields=["withdraw_due_on"])
    elif not pub.published_on:
        # No longer to be published: out of the on-time figure.
        case.publish_due_on = None
        case.save(update_fields=["publish_due_on"])
        dl = Deadline.objects.filter(pk=pub.deadline_id).first()
        if dl is not None and dl.state not in (Deadline.State.DONE, Deadline.State.CANCELLED):
            core.cancel_deadline(dl, reason="决定已被撤销或变更，不再公示", actor=actor)


@transaction.atomic
def withdraw(case: Case, *, on: dt.date, reason: str, actor) -> Publication:
    """Take the decision off the portal, leaving the explanation (第48条第2款)."""
    pub = _lock(case)
    case = pub.case
    need_change(actor, pub.unit, "本单位执法决定的公示")
    if not pub.published_on:
        raise ValidationError("该决定尚未公示，无需撤回")
    if pub.withdrawn_on:
        raise ValidationError("该决定的公示已经撤回")
    if not case.revoked_on:
        raise ValidationError("只有被变更、撤销或确认违法、无效的决定才撤回公示")
    on = past(on, "撤回日期")
    if on < case.revoked_on:
        raise ValidationError("撤回日期不能早于决定被撤销的日期")
    pub.withdrawn_on = on
    pub.withdraw_reason = required(reason, "撤回说明")
    pub.save(update_fields=["withdrawn_on", "withdraw_reason"])
    dl = (
        Deadline.objects.filter(
            clock=WITHDRAWAL, record_type="enforcement.case", record_id=str(case.pk)
        )
        .exclude(state__in=(Deadline.State.DONE, Deadline.State.CANCELLED))
        .first()
    )
    if dl is not None:
        core.complete_deadline(dl, on=on, actor=actor)
    late = pub.withdraw_due_on and on > pub.withdraw_due_on
    record(
        case,
        "enforcement_withdraw",
        actor,
        pub.unit,
        f"{on:%Y-%m-%d}撤回公示：{pub.withdraw_reason}" + ("（逾期撤回）" if late else ""),
    )
    return pub
