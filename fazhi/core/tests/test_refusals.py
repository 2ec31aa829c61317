"""Every refusal of core's services, each with nothing moved afterwards: org units, accounts,
the working-day calendar, attachments, deadlines (pause, resume, extend, restart, complete,
cancel) and API tokens. No event is appended and the record re-read is unchanged.

The conftest district and its two clocks shaped like real ones: a disclosure reply (20
working days, pausable, +20 with approval) and a 60-day reconsideration decision (neither
pausable nor extendable). Clocks start on Monday 2025-03-03; "today" is frozen at
2025-03-20."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core import services
from fazhi.core.models import ApiToken, CalendarYear, OrgUnit, SpecialDay, User
from fazhi.core.tests.refusal import freeze, refused

D = dt.date
TODAY = D(2025, 3, 20)
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def today(monkeypatch):
    freeze(monkeypatch, TODAY)
    return TODAY


def _start(district, clock="test.reply", record_id="申请-1", start=None):
    return services.start_deadline(
        record_type="test.request",
        record_id=record_id,
        clock=clock,
        start=start or D(2025, 3, 3),
        unit=district["sfj"],
        title="依申请公开：测试申请",
        actor=None,
    )


# --- org units ---------------------------------------------------------------------------


def test_only_coordinator_or_admin_maintains_units(district, people):
    unit = OrgUnit(code="D30", name="测试区应急管理局", kind="department", parent=district["gov"])
    with refused(PermissionDenied, "只有统筹协调人员或系统管理员可以维护组织机构", district["gov"]):
        services.save_unit(unit, people["sfj_clerk"])
    assert not OrgUnit.objects.filter(code="D30").exists()


@pytest.mark.parametrize(
    "kind, parent, allowed",
    [
        ("township", "sfj", "区（县）人民政府"),
        ("community", "gov", "乡镇（街道）"),
        ("department", "town", "区（县）人民政府、区直部门"),
        ("government", "town", "无（顶级）、区（县）人民政府"),
    ],
)
def test_unit_under_the_wrong_kind_of_parent_refused(district, people, kind, parent, allowed):
    unit = OrgUnit(code="X01", name="测试单位", kind=kind, parent=district[parent])
    label = OrgUnit.Kind(kind).label
    with refused(ValidationError, f"“{label}”的上级单位应为：{allowed}", district[parent]):
        services.save_unit(unit, people["coordinator"])
    assert not OrgUnit.objects.filter(code="X01").exists()


def test_unit_under_its_own_subordinate_refused(district, people):
    gov = district["gov"]
    sub = services.save_unit(
        OrgUnit(code="G01", name="测试区开发区管委会", kind="government", parent=gov), None
    )
    moved = OrgUnit.objects.get(pk=gov.pk)
    moved.parent = sub
    with refused(ValidationError, "上级单位不能是本单位或其下级单位", gov, sub):
        services.save_unit(moved, people["coordinator"])
    assert OrgUnit.objects.get(pk=gov.pk).parent_id is None


# --- accounts ----------------------------------------------------------------------------


def test_account_refusals(district, people):
    clerk = people["sfj_clerk"]
    with refused(PermissionDenied, "只有系统管理员可以维护用户账号", clerk):
        services.save_user(User(username="new_clerk", unit=district["sfj"]), ["clerk"], clerk)
    with refused(PermissionDenied, "只有系统管理员可以维护用户账号", clerk):
        services.save_user(clerk, ["admin"], people["coordinator"])
    with refused(ValidationError, "未知角色：boss、superuser", clerk):
        services.save_user(clerk, ["clerk", "superuser", "boss"], people["admin"])
    with refused(ValidationError, "经办人、审核人、法制审核人员必须属于一个单位", clerk):
        services.save_user(User(username="floating"), ["reviewer"], people["admin"])
    assert not User.objects.filter(username__in=["new_clerk", "floating"]).exists()
    assert sorted(User.objects.get(pk=clerk.pk).role_codes) == ["clerk"]


# --- the working-day calendar ------------------------------------------------------------


@pytest.mark.parametrize(
    "days, message",
    [
        ([(D(2024, 12, 31), "holiday", "元旦")], "2024-12-31不属于2025年"),
        ([(D(2025, 1, 1), "rest", "元旦")], "2025-01-01：类型应为节假日或调休上班日"),
        # 2025-01-27 is a Monday: a weekday is a working day already.
        (
            [(D(2025, 1, 27), "makeup_workday", "春节调休")],
            "2025-01-27是工作日，不能登记为调休上班日",
        ),
        ([(D(2025, 1, 1), "holiday", " ")], "2025-01-01：请填写名称"),
        (
            [(D(2025, 1, 1), "holiday", "元旦"), (D(2025, 1, 1), "holiday", "元旦")],
            "同一日期登记了两次",
        ),
    ],
)
def test_calendar_year_refused(db, people, days, message):
    had = set(CalendarYear.objects.values_list("year", flat=True))
    special = SpecialDay.objects.count()
    with refused(ValidationError, message):
        services.set_calendar_year(2025, days, people["coordinator"], source="测试")
    assert set(CalendarYear.objects.values_list("year", flat=True)) == had
    assert SpecialDay.objects.count() == special


def test_only_coordinator_or_admin_maintains_the_calendar(db, people):
    with refused(PermissionDenied, "只有统筹协调人员或系统管理员可以维护工作日历"):
        services.set_calendar_year(
            2025, [(D(2025, 1, 1), "holiday", "元旦")], people["sfj_clerk"], source="测试"
        )


# --- attachments -------------------------------------------------------------------------


def test_attachment_for_another_units_record_refused(district, people, clocks, today):
    d = _start(district)
    with refused(PermissionDenied, "无权为该单位的记录上传附件", d):
        services.attach(
            d, SimpleUploadedFile("a.pdf", PDF), actor=people["town_clerk"], unit=district["sfj"]
        )


# --- deadlines ---------------------------------------------------------------------------


def test_another_units_clerk_may_not_change_a_deadline(district, people, clocks, today):
    d = _start(district)
    clerk = people["town_clerk"]
    msg = "无权变更该单位的期限"
    calls = [
        lambda: services.pause_deadline(d, start=D(2025, 3, 10), reason="补正", actor=clerk),
        lambda: services.resume_deadline(d, end=D(2025, 3, 12), actor=clerk),
        lambda: services.extend_deadline(
            d, days=5, reason="x", approved_by="李主任", approved_on=D(2025, 3, 10), actor=clerk
        ),
        lambda: services.restart_deadline(d, start=D(2025, 3, 10), reason="补正", actor=clerk),
        lambda: services.complete_deadline(d, on=D(2025, 3, 10), actor=clerk),
        lambda: services.cancel_deadline(d, reason="撤回申请", actor=clerk),
    ]
    for call in calls:
        with refused(PermissionDenied, msg, d):
            call()


def _every_change(d, clerk):
    on = D(2025, 3, 19)
    return [
        lambda: services.pause_deadline(d, start=on, reason="补正", actor=clerk),
        lambda: services.extend_deadline(
            d, days=5, reason="x", approved_by="李主任", approved_on=on, actor=clerk
        ),
        lambda: services.restart_deadline(d, start=on, reason="补正", actor=clerk),
        lambda: services.complete_deadline(d, on=on, actor=clerk),
        lambda: services.cancel_deadline(d, reason="重复登记", actor=clerk),
    ]


def test_closed_deadlines_do_not_change(district, people, clocks, today):
    clerk = people["sfj_clerk"]
    done = _start(district, record_id="申请-1")
    services.complete_deadline(done, on=D(2025, 3, 18), actor=clerk)
    cancelled = _start(district, record_id="申请-2")
    services.cancel_deadline(cancelled, reason="申请人撤回申请", actor=clerk)
    for d in (done, cancelled):
        d.refresh_from_db()
        for call in _every_change(d, clerk):
            with refused(ValidationError, "该期限已办结或撤销，不能再变更", d):
                call()


def test_pause_refusals(district, people, clocks, today):
    clerk = people["sfj_clerk"]
    decide = _start(district, clock="test.decide", record_id="复议-1")
    with refused(
        ValidationError, "“测试：复议决定”依法不能暂停计时（行政复议法第六十二条）", decide
    ):
        services.pause_deadline(decide, start=D(2025, 3, 10), reason="补正", actor=clerk)
    d = _start(district)
    with refused(ValidationError, "请填写暂停计时的原因", d):
        services.pause_deadline(d, start=D(2025, 3, 10), reason="  ", actor=clerk)
    with refused(ValidationError, "暂停日期应晚于起算日", d):
        services.pause_deadline(d, start=D(2025, 3, 3), reason="征求第三方意见", actor=clerk)
    with refused(ValidationError, "该期限未处于暂停状态", d):
        services.resume_deadline(d, end=D(2025, 3, 12), actor=clerk)
    services.pause_deadline(d, start=D(2025, 3, 10), reason="征求第三方意见", actor=clerk)
    d.refresh_from_db()
    with refused(ValidationError, "该期限已在暂停中", d):
        services.pause_deadline(d, start=D(2025, 3, 11), reason="补正", actor=clerk)
    with refused(ValidationError, "恢复计时日期应晚于暂停日期", d):
        services.resume_deadline(d, end=D(2025, 3, 10), actor=clerk)
    services.resume_deadline(d, end=D(2025, 3, 14), actor=clerk)
    d.refresh_from_db()
    # The first pause covered 3/10–3/13; a second one cannot start inside it.
    with refused(ValidationError, "暂停日期应晚于上一次恢复计时的日期", d):
        services.pause_deadline(d, start=D(2025, 3, 13), reason="补正", actor=clerk)


def test_extension_refusals(district, people, clocks, today):
    clerk = people["sfj_clerk"]
    decide = _start(district, clock="test.decide", record_id="复议-1")
    with refused(ValidationError, "“测试：复议决定”依法不能延长（行政复议法第六十二条）", decide):
        services.extend_deadline(
            decide, days=5, reason="案情复杂", approved_by="局长", approved_on=TODAY, actor=clerk
        )
    d = _start(district)

    def extend(days=5, reason="涉及档案调取", approved_by="李主任", approved_on=TODAY):
        services.extend_deadline(
            d, days=days, reason=reason, approved_by=approved_by, approved_on=approved_on,
            actor=clerk,
        )  # fmt: skip

    with refused(ValidationError, "延长天数应为正整数", d):
        extend(days=0)
    with refused(ValidationError, "延期须经政府信息公开工作机构负责人批准，请填写批准人", d):
        extend(approved_by=" ")
    with refused(ValidationError, "请填写延期理由", d):
        extend(reason="")
    d.refresh_from_db()
    with refused(ValidationError, "延期应在期限届满前批准", d):
        extend(approved_on=d.due_date + dt.timedelta(days=1))
    extend(days=15)
    d.refresh_from_db()
    with refused(
        ValidationError,
        "“测试：依申请公开答复”最多延长20个工作日，已延长15个工作日，本次最多还能延长5个工作日",
        d,
    ):
        extend(days=6)


def test_restart_complete_and_cancel_refusals(district, people, clocks, today):
    clerk = people["sfj_clerk"]
    d = _start(district)
    with refused(ValidationError, "重新起算日不能早于原起算日", d):
        services.restart_deadline(d, start=D(2025, 3, 2), reason="收到补正材料", actor=clerk)
    with refused(ValidationError, "请填写重新起算的原因", d):
        services.restart_deadline(d, start=D(2025, 3, 10), reason=" ", actor=clerk)
    with refused(ValidationError, "办结日期不能晚于今天（2025-03-20），不能预先登记办结", d):
        services.complete_deadline(d, on=D(2025, 3, 21), actor=clerk)
    with refused(ValidationError, "办结日期不能早于起算日", d):
        services.complete_deadline(d, on=D(2025, 3, 2), actor=clerk)
    with refused(ValidationError, "请填写撤销原因", d):
        services.cancel_deadline(d, reason="", actor=clerk)


# --- API tokens --------------------------------------------------------------------------


def test_token_refusals(district, people):
    clerk = people["sfj_clerk"]
    with refused(ValidationError, "请填写令牌用途", clerk):
        services.issue_token(clerk, "  ")
    assert not ApiToken.objects.exists()
    token, _ = services.issue_token(clerk, "数据对接")
    with refused(PermissionDenied, "无权吊销该令牌", token):
        services.revoke_token(token, people["scjg_clerk"])
    assert not ApiToken.objects.get(pk=token.pk).revoked
