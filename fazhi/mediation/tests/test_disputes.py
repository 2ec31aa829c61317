"""A dispute from 排查 to its end and after: each step refuses what 人民调解法 does not allow
(nothing moves), and a clerk of another unit can do nothing to it."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Deadline, Event
from fazhi.core.tests.refusal import refused
from fazhi.mediation.models import Dispute, DisputeParty, MediationBody
from fazhi.mediation.services import bodies, disputes

from .conftest import FIRM, parties

pytestmark = pytest.mark.django_db
D = dt.date


def actions(d):
    return list(
        Event.objects.filter(record_type="mediation.dispute", record_id=str(d.pk))
        .order_by("seq").values_list("action", flat=True)
    )  # fmt: skip


def test_record_numbers_the_district_and_keeps_parties(make_dispute, district):
    d1 = make_dispute()
    d2 = make_dispute(found_on=D(2025, 9, 2))
    assert (d1.number, d2.number) == ("TJ202500001", "TJ202500002")
    assert d1.state == "found" and d1.recorded_by.username == "town_clerk"
    assert DisputeParty.objects.filter(dispute=d1).count() == 2
    assert actions(d1) == ["mediation_dispute_recorded"]
    firm = make_dispute(found_on=D(2026, 1, 5), parties=[
        parties()[0], {"side": "respondent", "kind": "organisation", "name": "某物业公司",
                       "id_number": FIRM}])  # fmt: skip
    assert firm.number == "TJ202600001"


def test_record_refusals(make_dispute, district, people, at):
    at(D(2025, 9, 1))
    ok = dict(unit=district["town"], found_on=D(2025, 9, 1), source="visit", type="neighbour",
              summary="争执", parties=parties())  # fmt: skip

    def bad(message, exc=ValidationError, actor="town_clerk", **kw):
        with refused(exc, message):
            disputes.record_dispute(people[actor], **(ok | kw))
        assert not Dispute.objects.exists()

    bad("只能办理本单位的矛盾纠纷", PermissionDenied, actor="scjg_clerk")
    bad("只能办理本单位的矛盾纠纷", PermissionDenied, actor="coordinator")
    bad("只能办理本单位的矛盾纠纷", PermissionDenied, actor="leader")
    bad("排查发现日期不能晚于今天（2025-09-01），不能预先登记", found_on=D(2025, 9, 2))
    bad("请选择纠纷来源", source="rumour")
    bad("请选择纠纷类型", type="war")
    bad("请填写纠纷简要情况", summary="  ")
    bad("纠纷双方当事人均应至少登记一人（申请方和对方当事人）", parties=parties()[:1])
    wrong_id = [parties()[0] | {"id_number": "110105199003071230"}, parties()[1]]
    bad("第1个当事人（王大山）：居民身份证号码校验位应为9，实际为0。请逐位核对。",
        parties=wrong_id)  # fmt: skip
    wrong_firm = [parties()[0], {"side": "respondent", "kind": "organisation", "name": "某公司",
                                 "id_number": "91110105MA01234566"}]  # fmt: skip
    bad("第2个当事人（某公司）：统一社会信用代码校验位应为5，实际为6。请对照营业执照或登记证书逐位核对。",
        parties=wrong_firm)  # fmt: skip
    bad("第2个当事人：请填写姓名或名称", parties=[parties()[0], {"side": "respondent"}])
    bad("涉及人数不能少于登记的当事人人数（2人）", people_involved=1)
    bad("涉及金额不能为负数", amount="-1")
    # A township's clerk records for the communities under it.
    d = disputes.record_dispute(people["town_clerk"], **(ok | {"unit": district["community"]}))
    assert d.unit.code == "T01C01"


def test_success_with_written_agreement_then_confirmation_and_follow_up(mediating, people, at):
    clerk = people["town_clerk"]
    d = mediating(accepted_on=D(2025, 9, 3))
    assert d.state == "mediating" and d.deadline.clock == "mediation.mediation"
    at(D(2025, 9, 10))
    s = disputes.add_session(clerk, d, held_on=D(2025, 9, 10), mediators="张玉兰",
                             notes="听取双方陈述，释明相邻关系的法律规定")  # fmt: skip
    assert s.dispute_id == d.pk
    d = disputes.conclude(clerk, d, outcome="success", concluded_on=D(2025, 9, 10),
                          agreement_form="written", agreement_number="城关调〔2025〕1号",
                          agreement_terms="李秀英于十日内改建排水沟", agreement_amount="800")  # fmt: skip
    assert d.state == "settled" and d.agreement_amount == Decimal("800.00")
    assert Deadline.objects.get(pk=d.deadline_id).state == "done"
    assert d.confirmation_deadline.clock == "mediation.judicial_confirmation"
    at(D(2025, 9, 20))
    d = disputes.apply_confirmation(clerk, d, applied_on=D(2025, 9, 20), court="测试区人民法院")
    assert Deadline.objects.get(pk=d.confirmation_deadline_id).state == "done"
    with refused(ValidationError, "已于2025-09-20申请司法确认", d):
        disputes.apply_confirmation(clerk, d, applied_on=D(2025, 9, 20), court="测试区人民法院")
    with refused(ValidationError, "裁定日期不能早于申请司法确认日期（2025-09-20）", d):
        disputes.record_confirmation(clerk, d, result="confirmed", confirmed_on=D(2025, 9, 19))
    at(D(2025, 9, 25))
    d = disputes.record_confirmation(clerk, d, result="confirmed", confirmed_on=D(2025, 9, 25))
    with refused(ValidationError, "已登记司法确认结果：裁定确认有效", d):
        disputes.record_confirmation(clerk, d, result="rejected", confirmed_on=D(2025, 9, 25))
    at(D(2025, 10, 20))
    with refused(ValidationError, "请选择协议是否已履行", d):
        disputes.follow_up(clerk, d, followed_up_on=D(2025, 10, 20), performed=None, note="x")
    with refused(ValidationError, "回访日期不能早于调解终结日期（2025-09-10）", d):
        disputes.follow_up(clerk, d, followed_up_on=D(2025, 9, 9), performed=True, note="x")
    d = disputes.follow_up(clerk, d, followed_up_on=D(2025, 10, 20), performed=True,
                           note="排水沟已改建")  # fmt: skip
    assert d.performed is True
    with refused(ValidationError, "只有调解不成或当事人拒绝调解的纠纷才导入法定途径", d):
        disputes.escalate(clerk, d, route="litigation", escalated_on=D(2025, 10, 20))
    assert actions(d) == [
        "mediation_dispute_recorded", "deadline_start", "mediation_dispute_accepted",
        "mediation_session_added", "deadline_done", "deadline_start",
        "mediation_dispute_concluded", "deadline_done", "mediation_confirmation_applied",
        "mediation_confirmation_ruled", "mediation_followed_up",
    ]  # fmt: skip


def test_accept_refusals(make_dispute, committee, people, district, at):
    clerk = people["town_clerk"]
    d = make_dispute(found_on=D(2025, 9, 1))
    at(D(2025, 9, 3))

    def bad(message, exc=ValidationError, actor=clerk, **kw):
        args = dict(body=committee, accepted_on=D(2025, 9, 3), mediators="张玉兰") | kw
        with refused(exc, message, d):
            disputes.accept(actor, d, **args)

    bad("只能办理本单位的矛盾纠纷", PermissionDenied, actor=people["scjg_clerk"])
    bad("只能办理本单位的矛盾纠纷", PermissionDenied, actor=people["coordinator"])
    bad("受理调解日期不能早于排查发现日期（2025-09-01）", accepted_on=D(2025, 8, 31))
    bad("受理调解日期不能晚于今天（2025-09-03），不能预先登记", accepted_on=D(2025, 9, 4))
    bad("请填写调解员", mediators="")
    bad("请选择调解组织", body=None)
    other_town = district["community"].__class__.objects.create(
        code="T02", name="东城街道", kind="township", parent=district["gov"], path="/x/"
    )
    foreign = MediationBody.objects.create(unit=other_town, name="东城街道人民调解委员会",
                                           kind="township")  # fmt: skip
    bad("“东城街道人民调解委员会”不是城关街道或其所辖村（社区）的调解组织，也不是区级调解组织",
        body=foreign)  # fmt: skip
    MediationBody.objects.filter(pk=committee.pk).update(active=False)
    bad("“城关街道人民调解委员会”已停用")
    MediationBody.objects.filter(pk=committee.pk).update(active=True)
    # A committee lacking a woman and short of members is refused with what it lacks.
    chair = committee.members.get(role="chair")
    at(D(2025, 8, 1))
    bodies.member_leaves(clerk, chair, left_on=D(2025, 8, 1))
    at(D(2025, 9, 3))
    with refused(ValidationError, "现有调解员2人，少于3人（《人民调解法》第九条）", d) as info:
        disputes.accept(clerk, d, body=committee, accepted_on=D(2025, 9, 3), mediators="刘建华")
    assert info.value.messages == [
        "“城关街道人民调解委员会”组成不符合法定要求，不能受理调解：",
        "现有调解员2人，少于3人（《人民调解法》第九条）",
        "没有妇女成员（《人民调解法》第九条）",
        "未设主任（《人民调解法》第九条）",
    ]
    # A district-level room (the 司法局's) takes disputes from every township.
    room = bodies.create_body(people["sfj_clerk"], unit=district["sfj"], name="诉调对接工作室",
                              kind="court_link")  # fmt: skip
    d = disputes.accept(clerk, d, body=room, accepted_on=D(2025, 9, 3), mediators="王律师")
    assert d.body == room and d.unit == district["town"]
    with refused(ValidationError, "该纠纷调解中，不能再受理调解", d):
        disputes.accept(clerk, d, body=room, accepted_on=D(2025, 9, 3), mediators="王律师")


def test_refused_from_found_failed_escalated(make_dispute, mediating, people, at):
    clerk = people["town_clerk"]
    d = make_dispute(found_on=D(2025, 9, 1))
    at(D(2025, 9, 2))
    for outcome in ("success", "failed"):
        with refused(ValidationError,
                     "该纠纷已排查待受理，只有正在调解的纠纷才能登记调解成功或调解不成", d):  # fmt: skip
            disputes.conclude(clerk, d, outcome=outcome, concluded_on=D(2025, 9, 2), note="x")
    with refused(ValidationError, "请填写当事人拒绝调解的情况（《人民调解法》第十七条）", d):
        disputes.conclude(clerk, d, outcome="refused", concluded_on=D(2025, 9, 2))
    with refused(ValidationError, "调解终结日期不能早于排查发现日期（2025-09-01）", d):
        disputes.conclude(clerk, d, outcome="refused", concluded_on=D(2025, 8, 30), note="x")
    d = disputes.conclude(clerk, d, outcome="refused", concluded_on=D(2025, 9, 2),
                          note="对方当事人明确表示不接受调解")  # fmt: skip
    assert d.state == "refused" and d.deadline_id is None
    with refused(ValidationError, "该纠纷当事人拒绝调解，不能再登记结果", d):
        disputes.conclude(clerk, d, outcome="refused", concluded_on=D(2025, 9, 2), note="x")
    with refused(ValidationError, "只有调解成功的纠纷才回访协议履行情况", d):
        disputes.follow_up(clerk, d, followed_up_on=D(2025, 9, 2), performed=True, note="x")
    with refused(ValidationError, "导入日期不能早于调解终结日期（2025-09-02）", d):
        disputes.escalate(clerk, d, route="litigation", escalated_on=D(2025, 9, 1))
    with refused(ValidationError, "请选择导入途径", d):
        disputes.escalate(clerk, d, route="duel", escalated_on=D(2025, 9, 2))
    with refused(PermissionDenied, "只能办理本单位的矛盾纠纷", d):
        disputes.escalate(people["scjg_clerk"], d, route="litigation", escalated_on=D(2025, 9, 2))
    d = disputes.escalate(clerk, d, route="litigation", escalated_on=D(2025, 9, 2))
    assert d.state == "escalated"

    m = mediating(accepted_on=D(2025, 9, 3))
    at(D(2025, 9, 20))
    with refused(ValidationError, "请填写调解不成的原因", m):
        disputes.conclude(clerk, m, outcome="failed", concluded_on=D(2025, 9, 20))
    with refused(ValidationError, "只有调解成功的纠纷才有调解协议", m):
        disputes.conclude(clerk, m, outcome="failed", concluded_on=D(2025, 9, 20), note="分歧大",
                          agreement_terms="x")  # fmt: skip
    m = disputes.conclude(clerk, m, outcome="failed", concluded_on=D(2025, 9, 20),
                          note="双方对赔偿数额分歧较大")  # fmt: skip
    assert m.state == "failed" and m.confirmation_deadline_id is None
    with refused(ValidationError, "该纠纷调解不成，不能登记调解记录", m):
        disputes.add_session(clerk, m, held_on=D(2025, 9, 20), mediators="甲", notes="乙")
    disputes.escalate(clerk, m, route="arbitration", escalated_on=D(2025, 9, 20))


def test_conclude_success_refusals(mediating, people, at):
    clerk = people["town_clerk"]
    d = mediating(accepted_on=D(2025, 9, 3))
    at(D(2025, 9, 20))

    def bad(message, **kw):
        args = dict(outcome="success", concluded_on=D(2025, 9, 20), agreement_form="written",
                    agreement_number="城关调〔2025〕2号", agreement_terms="赔偿") | kw  # fmt: skip
        with refused(ValidationError, message, d):
            disputes.conclude(clerk, d, **args)

    bad("调解成功的，请选择调解协议形式（书面或口头）", agreement_form="")
    bad("调解成功的，请填写协议内容", agreement_terms="")
    bad("书面调解协议请填写调解协议书编号", agreement_number="")
    bad("口头调解协议没有协议书编号", agreement_form="oral")
    bad("调解终结日期不能早于受理调解日期（2025-09-03）", concluded_on=D(2025, 9, 2))
    bad("请选择调解结果", outcome="maybe")
    bad("协议涉及金额应为数字", agreement_amount="八百")
    with refused(ValidationError, "调解日期不能早于受理调解日期（2025-09-03）", d):
        disputes.add_session(clerk, d, held_on=D(2025, 9, 2), mediators="甲", notes="乙")
    with refused(ValidationError, "请填写调解记录", d):
        disputes.add_session(clerk, d, held_on=D(2025, 9, 4), mediators="甲", notes="")
    with refused(PermissionDenied, "只能办理本单位的矛盾纠纷", d):
        disputes.add_session(people["scjg_clerk"], d, held_on=D(2025, 9, 4), mediators="甲",
                             notes="乙")  # fmt: skip
    with refused(ValidationError, "只有调解成功并达成书面调解协议的纠纷才能申请司法确认", d):
        disputes.apply_confirmation(clerk, d, applied_on=D(2025, 9, 20), court="法院")
    d = disputes.conclude(clerk, d, outcome="success", concluded_on=D(2025, 9, 20),
                          agreement_form="oral", agreement_terms="当场赔礼道歉")  # fmt: skip
    assert d.confirmation_deadline_id is None
    with refused(ValidationError, "只有调解成功并达成书面调解协议的纠纷才能申请司法确认", d):
        disputes.apply_confirmation(clerk, d, applied_on=D(2025, 9, 20), court="法院")
    with refused(ValidationError, "尚未申请司法确认，不能登记裁定结果", d):
        disputes.record_confirmation(clerk, d, result="confirmed", confirmed_on=D(2025, 9, 20))


def test_update_dispute_with_lock(make_dispute, people, at):
    d = make_dispute()
    clerk = people["town_clerk"]
    v = Dispute.objects.get(pk=d.pk).version
    d = disputes.update_dispute(clerk, d, version=v, place="东门社区", amount="1200.5")
    assert (d.place, d.amount) == ("东门社区", Decimal("1200.50"))
    with pytest.raises(ValidationError) as stale:
        disputes.update_dispute(clerk, d, version=v, summary="改")
    assert "你填写的内容仍在下方" in stale.value.messages[-1]
    current = Dispute.objects.get(pk=d.pk)
    with refused(PermissionDenied, "只能办理本单位的矛盾纠纷", current):
        disputes.update_dispute(people["scjg_clerk"], current, version=current.version, place="x")
    with refused(ValidationError, "纠纷尚未受理调解，不能填写调解员", current):
        disputes.update_dispute(clerk, current, version=current.version, mediators="甲")
    with refused(ValidationError, "不能修改：state", current):
        disputes.update_dispute(clerk, current, version=current.version, state="settled")
    assert actions(d) == ["mediation_dispute_recorded", "mediation_dispute_updated"]


def test_more_refusals_of_the_steps(make_dispute, mediating, people, district, at):
    clerk = people["town_clerk"]
    found = make_dispute(found_on=D(2025, 9, 1))
    with refused(ValidationError, "该纠纷已排查待受理，不能登记调解记录", found):
        disputes.add_session(clerk, found, held_on=D(2025, 9, 1), mediators="甲", notes="乙")
    with refused(ValidationError, "该纠纷已排查待受理，不能延长调解期限", found):
        disputes.extend_mediation(clerk, found, start=D(2025, 9, 2), end=D(2025, 9, 3), reason="x")
    with refused(ValidationError, "涉及人数应为整数", found):
        disputes.update_dispute(clerk, found, version=found.version, people_involved="两人")
    with refused(ValidationError, "涉及人数过大", found):
        disputes.update_dispute(clerk, found, version=found.version, people_involved=10**6)
    d = mediating(accepted_on=D(2025, 9, 3))
    at(D(2025, 9, 10))
    with refused(ValidationError, "请填写延长调解的起止日期", d):
        disputes.extend_mediation(clerk, d, start=None, end=None, reason="双方同意")
    with refused(ValidationError, "延长调解期限不能超过一年", d):
        disputes.extend_mediation(clerk, d, start=D(2025, 9, 5), end=D(2026, 9, 5), reason="x")
    with refused(ValidationError, "请填写调解员", d):
        disputes.update_dispute(clerk, d, version=d.version, mediators="")
    with refused(ValidationError, "只有调解成功的纠纷才有协议涉及金额", d):
        disputes.conclude(clerk, d, outcome="failed", concluded_on=D(2025, 9, 10), note="分歧",
                          agreement_amount="100")  # fmt: skip
    with refused(ValidationError, "调解协议书编号不能超过60字", d):
        disputes.conclude(clerk, d, outcome="success", concluded_on=D(2025, 9, 10),
                          agreement_form="written", agreement_number="号" * 61,
                          agreement_terms="赔偿")  # fmt: skip
    other = mediating(accepted_on=D(2025, 9, 3))
    at(D(2025, 9, 10))
    disputes.conclude(clerk, other, outcome="success", concluded_on=D(2025, 9, 10),
                      agreement_form="written", agreement_number="城关调〔2025〕7号",
                      agreement_terms="赔偿")  # fmt: skip
    with refused(ValidationError, "调解协议书编号“城关调〔2025〕7号”已被其他纠纷使用", d):
        disputes.conclude(clerk, d, outcome="success", concluded_on=D(2025, 9, 10),
                          agreement_form="written", agreement_number="城关调〔2025〕7号",
                          agreement_terms="赔偿")  # fmt: skip
    # A clock that is not running (its year's calendar not loaded) cannot be extended.
    Dispute.objects.filter(pk=d.pk).update(deadline=None)
    d.refresh_from_db()
    with refused(ValidationError, "该纠纷的调解期限未在计算中，不能延长", d):
        disputes.extend_mediation(clerk, d, start=D(2025, 9, 5), end=D(2025, 9, 6), reason="x")
    district["town"].__class__.objects.filter(pk=district["town"].pk).update(active=False)
    district["town"].refresh_from_db()
    with refused(ValidationError, "请选择在用的责任单位"):
        disputes.record_dispute(clerk, unit=district["town"], found_on=D(2025, 9, 10),
                                source="visit", type="neighbour", summary="x", parties=parties())  # fmt: skip
