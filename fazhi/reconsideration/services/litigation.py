"""行政应诉: a court case against a unit of the government, one record per instance.

Registered when the complaint copy (应诉通知书) is served: the defendant then has 15 days
to file its 答辩状 with the evidence and the normative documents it relied on (行政诉讼法
第67条), a clock on the defendant's own board. An appeal or retrial is a new instance
linked to the one before it. Each hearing (开庭) records who appeared for the defendant:
its head (行政诉讼法 第3条第3款; 最高人民法院《关于行政机关负责人出庭应诉若干问题的规定》,
法释〔2020〕3号, 第2条: 正职、副职 or the head in charge of the act) or, when the head could
not, the staff who appeared, the excuse (第8条: 不可抗力、意外事件、需要履行他人不能代替的
公务、其他正当事由) and the stamped explanation (第9条: 证明材料加盖行政机关印章). Sending
only a lawyer is refused (行政诉讼法 第3条第3款; the same rule's 第12条第3项 has the court
tell the supervisor). The result (胜诉、败诉、撤诉、调解、驳回起诉) closes the instance.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core
from fazhi.core.models import Deadline, OrgUnit

from ..deadlines import LITIGATION_ANSWER
from ..models import Case, Hearing, Litigation, PartyKind
from .common import need_change, past, record, required

INST = Litigation.Instance
R = Litigation.Result
SNAPSHOT = ("unit_id", "instance", "served_on", "answer_filed_on", "result", "result_on")

# 法释〔2020〕3号 第8条: when the head "cannot appear".
EXCUSES = {
    "force_majeure": "不可抗力",
    "accident": "意外事件",
    "official_duty": "需要履行他人不能代替的公务",
    "other": "无法出庭的其他正当事由",
}

WHAT = "本单位作为被告的行政诉讼案件"


def snap(lit: Litigation) -> dict:
    return {f: getattr(lit, f) for f in SNAPSHOT}


def lock(lit: Litigation) -> Litigation:
    return Litigation.objects.select_for_update().select_related("unit").get(pk=lit.pk)


def office_url(lit: Litigation) -> str:
    return f"/office/reconsideration/litigation/{lit.pk}/"


def _running(d: Deadline | None) -> bool:
    return d is not None and d.state in (Deadline.State.RUNNING, Deadline.State.PAUSED)


def _need_open(lit: Litigation) -> None:
    if lit.result:
        raise ValidationError(f"该案件已登记裁判结果（{lit.get_result_display()}），不能再办理")


def _after_served(lit: Litigation, on: dt.date | None, label: str) -> dt.date:
    on = past(on, label)
    if on < lit.served_on:
        raise ValidationError(f"{label}不能早于收到起诉状副本日期{lit.served_on:%Y-%m-%d}")
    return on


@transaction.atomic
def register(
    *,
    unit: OrgUnit,
    court: str,
    number: str,
    instance: str,
    plaintiff_kind: str,
    plaintiff_name: str,
    cause: str,
    act: str,
    served_on: dt.date,
    actor,
    previous: Litigation | None = None,
    after_reconsideration: bool = False,
    reconsideration_case: Case | None = None,
    co_defendant: bool = False,
    disclosure_related: bool = False,
    head_summoned: bool = False,
) -> Litigation:
    """登记应诉案件 on the day the complaint copy was served; starts the 15-day answer clock
    (行政诉讼法 第67条) on the defendant's board."""
    if unit is None:
        raise ValidationError("请选择被告（应诉单位）")
    need_change(actor, unit, WHAT)
    court = required(court, "审理法院", 100)
    number = required(number, "法院案号", 80)
    plaintiff_name = required(plaintiff_name, "原告", 200)
    cause = required(cause, "案由", 200)
    act = required(act, "被诉行政行为", 300)
    if instance not in INST.values:
        raise ValidationError("请选择审级（一审、二审或再审）")
    if plaintiff_kind not in PartyKind.values:
        raise ValidationError("请选择原告类型")
    served_on = past(served_on, "收到起诉状副本（应诉通知）日期")
    if Litigation.objects.filter(number=number).exists():
        raise ValidationError(f"法院案号“{number}”已登记，请勿重复登记")
    if instance == INST.FIRST and previous is not None:
        raise ValidationError("一审案件没有前一审级")
    if previous is not None:
        if previous.unit_id != unit.pk:
            raise ValidationError("前一审级的被告应为同一应诉单位")
        if not previous.result_on:
            raise ValidationError(f"前一审级{previous.number}尚未登记裁判结果，不能登记上诉或再审")
        if served_on < previous.result_on:
            raise ValidationError(
                f"收到{INST(instance).label}应诉通知日期不能早于前一审级的裁判日期"
                f"{previous.result_on:%Y-%m-%d}"
            )
    if reconsideration_case is not None and not after_reconsideration:
        raise ValidationError("关联行政复议案件的，应为经行政复议后起诉的案件")
    lit = Litigation.objects.create(
        unit=unit,
        court=court,
        number=number,
        instance=instance,
        previous=previous,
        plaintiff_kind=plaintiff_kind,
        plaintiff_name=plaintiff_name,
        cause=cause,
        act=act,
        after_reconsideration=after_reconsideration,
        reconsideration_case=reconsideration_case,
        co_defendant=co_defendant,
        disclosure_related=disclosure_related,
        head_summoned=head_summoned,
        served_on=served_on,
    )
    lit.answer_deadline = core.start_deadline(
        record=lit, clock=LITIGATION_ANSWER, start=served_on, unit=unit,
        title=f"提交答辩状：{number}（{plaintiff_name}诉{unit.name}）",
        url=office_url(lit), actor=actor,
    )  # fmt: skip
    lit.save(update_fields=["answer_deadline"])
    link = f"，前一审级{previous.number}" if previous else ""
    record(lit, "litigation_registered", actor, unit,
           f"登记{lit.get_instance_display()}应诉案件{number}（{court}，原告{plaintiff_name}，"
           f"案由{cause}）{link}", after=snap(lit))  # fmt: skip
    return lit


@transaction.atomic
def file_answer(
    lit: Litigation, *, on: dt.date, actor, attachments=(), note: str = ""
) -> Litigation:
    """提交答辩状、证据和规范性依据 (第67条): the files are kept with the case; filed after
    the 15 days the clock records it as late (the evidence may then be treated as missing,
    第34条第2款)."""
    lit = lock(lit)
    need_change(actor, lit.unit, WHAT)
    _need_open(lit)
    if lit.answer_filed_on:
        raise ValidationError(f"已于{lit.answer_filed_on:%Y-%m-%d}提交答辩状")
    on = _after_served(lit, on, "提交答辩状日期")
    files = list(attachments)
    if not files:
        raise ValidationError("请上传答辩状，以及证据和所依据的规范性文件")
    hashes = [
        a.sha256
        for a in core.attach_all(
            lit, files, actor=actor, unit=lit.unit, description="答辩状、证据和规范性依据"
        )
    ]
    before = snap(lit)
    lit.answer_filed_on = on
    if _running(lit.answer_deadline):
        core.complete_deadline(lit.answer_deadline, on=on, actor=actor)
    lit.save()
    due = lit.answer_deadline.due_date if lit.answer_deadline else None
    late = due is not None and on > due
    text = (note or "").strip()[:500]
    record(lit, "litigation_answered", actor, lit.unit,
           f"提交答辩状、证据和规范性依据（{len(hashes)}个文件）"
           + (f"，已超过{due:%Y-%m-%d}的答辩期限" if late else "")
           + (f"：{text}" if text else ""), before, snap(lit), attachments=hashes)  # fmt: skip
    return lit


def answered_late(lit: Litigation) -> bool:
    """The answer was filed after the clock's due date (shown on the pages and the API)."""
    d = lit.answer_deadline
    return bool(lit.answer_filed_on and d and d.due_date and lit.answer_filed_on > d.due_date)


@transaction.atomic
def record_hearing(
    lit: Litigation,
    *,
    held_on: dt.date,
    actor,
    head_appeared: bool,
    head_name: str = "",
    head_role: str = "",
    staff_names: str = "",
    lawyer_names: str = "",
    excuse_kind: str = "",
    excuse: str = "",
    explanation=None,
) -> Hearing:
    """开庭 and who appeared. The head (name and role), or the staff who appeared with the
    excuse (第8条) and the stamped explanation (第9条); never only a lawyer."""
    lit = lock(lit)
    need_change(actor, lit.unit, WHAT)
    _need_open(lit)
    held_on = _after_served(lit, held_on, "开庭日期")
    lawyers = (lawyer_names or "").strip()
    if len(lawyers) > 200:
        raise ValidationError("委托律师不能超过200字")
    staff = (staff_names or "").strip()
    if len(staff) > 200:
        raise ValidationError("出庭的工作人员不能超过200字")
    name = role = excuse_text = fingerprint = ""
    if head_appeared:
        name = required(head_name, "出庭负责人姓名", 50)
        if head_role not in Hearing.HeadRole.values:
            raise ValidationError("请选择出庭负责人的职务类别（正职、副职或分管负责人）")
        role = head_role
    else:
        if not staff:
            raise ValidationError(
                "负责人不能出庭的，应当委托本机关相应的工作人员出庭，不得仅委托律师出庭"
                "（《行政诉讼法》第三条第三款）：请填写出庭的工作人员"
            )
        if excuse_kind not in EXCUSES:
            raise ValidationError(
                "请选择负责人不能出庭的理由（不可抗力、意外事件、需要履行他人不能代替的公务、"
                "其他正当事由）"
            )
        detail = required(excuse, "负责人不能出庭的具体情况", 250)
        excuse_text = f"{EXCUSES[excuse_kind]}：{detail}"
        if explanation is None:
            raise ValidationError(
                "请上传加盖本机关印章的负责人不能出庭情况说明（法释〔2020〕3号第九条）"
            )
        fingerprint = core.attach(
            lit, explanation, actor=actor, unit=lit.unit, description="负责人不能出庭情况说明"
        ).sha256
    hearing = Hearing.objects.create(
        litigation=lit,
        held_on=held_on,
        head_appeared=bool(head_appeared),
        head_name=name,
        head_role=role,
        staff_names=staff,
        lawyer_names=lawyers,
        excuse=excuse_text,
        excuse_attachment=fingerprint,
    )
    if head_appeared:
        who = f"负责人{name}（{Hearing.HeadRole(role).label}）出庭应诉"
    else:
        who = f"负责人未出庭（{excuse_text}），由{staff}出庭"
    if lawyers:
        who += f"，委托律师{lawyers}"
    record(lit, "litigation_hearing", actor, lit.unit, f"{held_on:%Y-%m-%d}开庭：{who}",
           after={"hearing": hearing.pk, "held_on": held_on, "head_appeared": bool(head_appeared)},
           attachments=[fingerprint] if fingerprint else ())  # fmt: skip
    return hearing


@transaction.atomic
def record_result(lit: Litigation, *, result: str, on: dt.date, reasons: str, actor) -> Litigation:
    """裁判结果 with its date and the court's reasons in brief; a still-running answer clock
    ends with the case (撤诉 before the answer)."""
    lit = lock(lit)
    need_change(actor, lit.unit, WHAT)
    _need_open(lit)
    if result not in R.values:
        raise ValidationError("请选择裁判结果")
    on = _after_served(lit, on, "裁判（结案）日期")
    last = lit.hearings.order_by("-held_on").values_list("held_on", flat=True).first()
    if last and on < last:
        raise ValidationError(f"裁判日期不能早于开庭日期{last:%Y-%m-%d}")
    text = required(reasons, "裁判理由要点", 2000)
    before = snap(lit)
    lit.result = result
    lit.result_on = on
    lit.result_reason = text
    if _running(lit.answer_deadline):
        core.cancel_deadline(lit.answer_deadline, reason=f"案件已{R(result).label}", actor=actor)
    lit.save()
    record(lit, "litigation_result", actor, lit.unit,
           f"{on:%Y-%m-%d}裁判结果：{lit.get_result_display()}。{text}", before,
           snap(lit))  # fmt: skip
    return lit
