"""调解组织 and their members: the register refuses what 人民调解法 does not allow, and
``composition_problems`` names what a 人民调解委员会 lacks on a day (第九条: 三至九人，设主任
一人，有妇女成员，每届任期三年)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.mediation.models import BodyMember, MediationBody
from fazhi.mediation.services import bodies

pytestmark = pytest.mark.django_db
D = dt.date
JOINED = D(2024, 1, 5)


def add(body, clerk, name, gender="male", role="member", joined=JOINED):
    return bodies.add_member(clerk, body, name=name, gender=gender, role=role, joined_on=joined)


def test_committee_fixture_is_well_composed_and_every_step_is_recorded(committee):
    assert bodies.composition_problems(committee, D(2025, 6, 1)) == []
    actions = list(
        Event.objects.filter(record_type="mediation.mediationbody", record_id=str(committee.pk))
        .order_by("seq").values_list("action", flat=True)
    )  # fmt: skip
    assert actions == ["mediation_body_created"] + ["mediation_member_added"] * 3


def test_two_members_are_too_few(committee, people, at):
    at(D(2025, 6, 1))
    member = committee.members.get(name="陈国庆")
    bodies.member_leaves(people["town_clerk"], member, left_on=D(2025, 3, 1))
    # The day before he left the committee had three; from the day he left, two.
    assert bodies.composition_problems(committee, D(2025, 2, 28)) == []
    assert bodies.composition_problems(committee, D(2025, 3, 1)) == [
        "现有调解员2人，少于3人（《人民调解法》第九条）"
    ]


def test_ten_members_are_too_many(committee, people, at):
    at(D(2025, 6, 1))
    for i in range(7):
        add(committee, people["town_clerk"], f"委员{i}")
    assert bodies.composition_problems(committee, D(2025, 6, 1)) == [
        "现有调解员10人，多于9人（《人民调解法》第九条）"
    ]
    committee.members.filter(name="委员6").update(left_on=D(2025, 5, 1))
    assert bodies.composition_problems(committee, D(2025, 6, 1)) == []


def test_no_woman_and_no_chair(committee, people, at):
    at(D(2025, 6, 1))
    chair = committee.members.get(role="chair")
    bodies.member_leaves(people["town_clerk"], chair, left_on=D(2025, 4, 1))
    add(committee, people["town_clerk"], "赵志强", joined=D(2025, 4, 1))
    assert bodies.composition_problems(committee, D(2025, 5, 1)) == [
        "没有妇女成员（《人民调解法》第九条）",
        "未设主任（《人民调解法》第九条）",
    ]


def test_term_runs_three_years_then_a_new_term(committee, people, at):
    # Term from 2024-01-05: its last day is 2027-01-04 — judged within the known years here
    # with a term begun 2022-03-01, which ran out at the end of 2025-02-28.
    at(D(2025, 6, 1))
    old = MediationBody.objects.filter(pk=committee.pk)
    old.update(term_starts_on=D(2022, 3, 1))
    committee.refresh_from_db()
    assert bodies.composition_problems(committee, D(2025, 2, 28)) == []
    assert bodies.composition_problems(committee, D(2025, 3, 1)) == [
        "本届任期自2022-03-01开始，已于2025-02-28届满，应当换届（《人民调解法》第九条）"
    ]
    bodies.start_term(people["town_clerk"], committee, starts_on=D(2025, 5, 20))
    committee.refresh_from_db()
    assert bodies.composition_problems(committee, D(2025, 6, 1)) == []
    with refused(ValidationError, "新一届任期应晚于上一届的开始日期（2025-05-20）", committee):
        bodies.start_term(people["town_clerk"], committee, starts_on=D(2025, 5, 20))


def test_term_not_set_and_other_kinds(committee, people, at):
    at(D(2025, 6, 1))
    MediationBody.objects.filter(pk=committee.pk).update(term_starts_on=None)
    committee.refresh_from_db()
    assert bodies.composition_problems(committee, D(2025, 6, 1)) == [
        "未登记本届任期开始日期（每届任期3年）（《人民调解法》第九条）"
    ]
    room = bodies.create_body(people["sfj_clerk"], unit=people["sfj_clerk"].unit,
                              name="诉调对接工作室", kind="court_link")  # fmt: skip
    assert bodies.composition_problems(room, D(2025, 6, 1)) == []


def test_body_refusals(committee, people, district, at):
    at(D(2025, 6, 1))
    clerk = people["town_clerk"]
    with refused(PermissionDenied, "只能登记本单位的调解组织", committee):
        bodies.create_body(people["scjg_clerk"], unit=district["town"], name="甲", kind="village")
    with refused(PermissionDenied, "只能登记本单位的调解组织", committee):
        add(committee, people["scjg_clerk"], "外单位")
    with refused(PermissionDenied, "只能登记本单位的调解组织", committee):
        bodies.create_body(people["leader"], unit=district["town"], name="甲", kind="village")
    with refused(ValidationError, "本单位已有名为“城关街道人民调解委员会”的调解组织", committee):
        bodies.create_body(clerk, unit=district["town"], name="城关街道人民调解委员会",
                           kind="village")  # fmt: skip
    with refused(ValidationError, "请选择调解组织类型"):
        bodies.create_body(clerk, unit=district["town"], name="甲", kind="club")
    with refused(ValidationError, "行业性、专业性人民调解委员会请填写行业或专业领域"):
        bodies.create_body(clerk, unit=district["town"], name="甲", kind="industry")
    with refused(ValidationError, "只有人民调解委员会实行任期制（《人民调解法》第九条）"):
        bodies.create_body(clerk, unit=district["town"], name="甲", kind="petition_link",
                           term_starts_on=D(2025, 1, 1))  # fmt: skip
    with refused(ValidationError, "成立日期不能晚于今天（2025-06-01），不能预先登记"):
        bodies.create_body(clerk, unit=district["town"], name="甲", kind="village",
                           established_on=D(2025, 6, 2))  # fmt: skip
    with refused(
        ValidationError, "已有主任张玉兰，请先登记其离任（第九条：设主任一人）", committee
    ):
        add(committee, clerk, "王五", role="chair")
    with refused(ValidationError, "请选择性别", committee):
        add(committee, clerk, "王五", gender="x")
    with refused(ValidationError, "任职日期不能早于调解组织成立日期（2012-03-01）", committee):
        add(committee, clerk, "王五", joined=D(2011, 1, 1))
    member = committee.members.get(name="刘建华")
    with refused(ValidationError, "离任日期不能早于任职日期（2024-01-05）", member):
        bodies.member_leaves(clerk, member, left_on=D(2023, 1, 1))
    bodies.member_leaves(clerk, member, left_on=D(2025, 1, 1))
    with refused(ValidationError, "刘建华已于2025-01-01离任", member):
        bodies.member_leaves(clerk, member, left_on=D(2025, 2, 1))
    room = bodies.create_body(clerk, unit=district["town"], name="访调对接工作室",
                              kind="petition_link")  # fmt: skip
    with refused(ValidationError, "只有人民调解委员会实行任期制（《人民调解法》第九条）", room):
        bodies.start_term(clerk, room, starts_on=D(2025, 1, 1))


def test_update_body_locks_and_stops(committee, people, mediating, at):
    at(D(2025, 6, 1))
    clerk = people["town_clerk"]
    v = committee.version
    body = bodies.update_body(clerk, committee, version=v, phone="0999-2345678")
    assert body.phone == "0999-2345678"
    with refused(ValidationError, "没有需要保存的修改", body):
        bodies.update_body(clerk, body, version=MediationBody.objects.get(pk=body.pk).version,
                           phone="0999-2345678")  # fmt: skip
    with pytest.raises(ValidationError) as stale:
        bodies.update_body(clerk, body, version=v, address="新地址")
    assert "你填写的内容仍在下方" in stale.value.messages[-1]
    assert MediationBody.objects.get(pk=body.pk).address == ""
    with refused(ValidationError, "不能修改：unit", body):
        bodies.update_body(clerk, body, version=v, unit=None)
    mediating(accepted_on=D(2025, 5, 30))
    current = MediationBody.objects.get(pk=body.pk)
    with refused(ValidationError, "该调解组织还有1件纠纷正在调解，不能停用", current):
        bodies.update_body(clerk, current, version=current.version, active=False)
    # The coordinator (区司法局) keeps the register too (人民调解法 第五条).
    bodies.update_body(people["coordinator"], current, version=current.version, sector="基层")
    assert BodyMember.objects.filter(body=body).count() == 3


def test_stopped_body_and_unit(committee, people, district, at):
    at(D(2025, 6, 1))
    clerk = people["town_clerk"]
    with refused(ValidationError, "请选择职务", committee):
        add(committee, clerk, "王五", role="secretary")
    body = bodies.update_body(clerk, committee, version=committee.version, active=False)
    with refused(ValidationError, "该调解组织已停用，不能增加调解员", body):
        add(body, clerk, "王五")
    with refused(ValidationError, "该调解组织已停用", body):
        bodies.start_term(clerk, body, starts_on=D(2025, 5, 1))
    district["community"].__class__.objects.filter(pk=district["community"].pk).update(active=False)
    district["community"].refresh_from_db()
    with refused(ValidationError, "请选择在用的所属单位"):
        bodies.create_body(clerk, unit=district["community"], name="东门社区人民调解委员会",
                           kind="village")  # fmt: skip
