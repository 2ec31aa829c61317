"""行政应诉 and 司法/检察建议 services: the 15-day answer clock, who appeared at a hearing,
results, suggestions' reply clock, reassignment and 按期回复."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Attachment, Deadline, Event
from fazhi.core.tests.refusal import freeze, refused
from fazhi.reconsideration.models import Hearing, Litigation, Suggestion
from fazhi.reconsideration.services import litigation, suggestions

from .lit_fixtures import court_case, hearing, pdf, result, suggestion

pytestmark = pytest.mark.django_db


def _events(obj):
    return list(
        Event.objects.filter(
            record_type=f"reconsideration.{type(obj).__name__.lower()}", record_id=str(obj.pk)
        ).values_list("action", flat=True)
    )


def test_register_starts_15_day_answer_clock_on_defendant_board(district, people, monkeypatch):
    lit = court_case(
        monkeypatch, district["scjg"], people["scjg_clerk"], served_on=dt.date(2025, 3, 3)
    )
    d = lit.answer_deadline
    assert d.unit == district["scjg"]
    assert d.due_date == dt.date(2025, 3, 18)  # 15 calendar days (行政诉讼法第67条)
    assert d.state == Deadline.State.RUNNING
    assert "litigation_registered" in _events(lit)


def test_answer_clock_rolls_past_a_holiday(district, people, monkeypatch):
    """Served 2025-09-16: day 15 is 2025-10-01 (国庆), the period ends on the next working day."""
    lit = court_case(
        monkeypatch, district["scjg"], people["scjg_clerk"], served_on=dt.date(2025, 9, 16)
    )
    assert lit.answer_deadline.due_date == dt.date(2025, 10, 9)


def test_other_unit_cannot_register_for_a_unit(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 3, 3))
    with refused(PermissionDenied, "只能办理本单位作为被告的行政诉讼案件"):
        court_case(monkeypatch, district["scjg"], people["town_clerk"])
    assert not Litigation.objects.exists()


def test_duplicate_number_refused(district, people, monkeypatch):
    lit = court_case(monkeypatch, district["scjg"], people["scjg_clerk"])
    with refused(ValidationError, f"法院案号“{lit.number}”已登记，请勿重复登记", lit):
        court_case(monkeypatch, district["scjg"], people["scjg_clerk"], number=lit.number)


def test_file_answer_in_time_and_late(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    a = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 3, 3))
    freeze(monkeypatch, dt.date(2025, 3, 14))
    a = litigation.file_answer(a, on=dt.date(2025, 3, 14), actor=clerk,
                               attachments=[pdf(), pdf("证据目录.pdf")])  # fmt: skip
    assert a.answer_filed_on == dt.date(2025, 3, 14)
    assert not litigation.answered_late(a)
    a.answer_deadline.refresh_from_db()
    assert a.answer_deadline.state == Deadline.State.DONE
    assert (
        Attachment.objects.filter(
            record_id=str(a.pk), record_type="reconsideration.litigation"
        ).count()
        == 2
    )

    b = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 3, 3))
    freeze(monkeypatch, dt.date(2025, 3, 20))
    b = litigation.file_answer(b, on=dt.date(2025, 3, 20), actor=clerk, attachments=[pdf()])
    assert litigation.answered_late(b)
    ev = Event.objects.filter(record_id=str(b.pk), action="litigation_answered").get()
    assert "已超过2025-03-18的答辩期限" in ev.summary


def test_answer_needs_files_and_a_date_after_service(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    lit = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 3, 3))
    freeze(monkeypatch, dt.date(2025, 3, 10))
    with refused(ValidationError, "请上传答辩状，以及证据和所依据的规范性文件", lit):
        litigation.file_answer(lit, on=dt.date(2025, 3, 10), actor=clerk, attachments=[])
    with refused(ValidationError, "提交答辩状日期不能早于收到起诉状副本日期2025-03-03", lit):
        litigation.file_answer(lit, on=dt.date(2025, 3, 1), actor=clerk, attachments=[pdf()])


def test_hearing_with_the_head(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    lit = court_case(monkeypatch, district["scjg"], clerk)
    h = hearing(monkeypatch, lit, clerk, dt.date(2025, 4, 10), head_role="principal")
    assert h.head_appeared and h.head_role == "principal" and h.head_name == "张局长"
    ev = Event.objects.filter(record_id=str(lit.pk), action="litigation_hearing").get()
    assert "负责人张局长（正职负责人）出庭应诉" in ev.summary


def test_hearing_without_the_head_needs_staff_excuse_and_stamped_explanation(
    district, people, monkeypatch
):
    clerk = people["scjg_clerk"]
    lit = court_case(monkeypatch, district["scjg"], clerk)
    freeze(monkeypatch, dt.date(2025, 4, 10))
    base = dict(held_on=dt.date(2025, 4, 10), actor=clerk, head_appeared=False)
    with refused(ValidationError, "负责人不能出庭的，应当委托本机关相应的工作人员出庭，不得仅委托律师出庭"
                 "（《行政诉讼法》第三条第三款）：请填写出庭的工作人员", lit):  # fmt: skip
        litigation.record_hearing(lit, lawyer_names="赵律师", **base)
    with refused(ValidationError, "请选择负责人不能出庭的理由（不可抗力、意外事件、需要履行他人不能代替的公务、"
                 "其他正当事由）", lit):  # fmt: skip
        litigation.record_hearing(lit, staff_names="李科长", excuse="开会", **base)
    with refused(
        ValidationError,
        "请上传加盖本机关印章的负责人不能出庭情况说明（法释〔2020〕3号第九条）",
        lit,
    ):
        litigation.record_hearing(lit, staff_names="李科长", excuse_kind="official_duty",
                                  excuse="参加区政府常务会议", **base)  # fmt: skip
    with refused(ValidationError, "请填写负责人不能出庭的具体情况", lit):
        litigation.record_hearing(lit, staff_names="李科长", excuse_kind="official_duty",
                                  explanation=pdf("说明.pdf"), **base)  # fmt: skip
    assert not Hearing.objects.exists()
    h = litigation.record_hearing(lit, staff_names="李科长", excuse_kind="official_duty",
                                  excuse="参加区政府常务会议", explanation=pdf("说明.pdf"),
                                  lawyer_names="赵律师", **base)  # fmt: skip
    assert h.excuse == "需要履行他人不能代替的公务：参加区政府常务会议"
    att = Attachment.objects.get(sha256=h.excuse_attachment)
    assert att.record_id == str(lit.pk)


def test_head_needs_name_and_role(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    lit = court_case(monkeypatch, district["scjg"], clerk)
    freeze(monkeypatch, dt.date(2025, 4, 10))
    with refused(ValidationError, "请选择出庭负责人的职务类别（正职、副职或分管负责人）", lit):
        litigation.record_hearing(lit, held_on=dt.date(2025, 4, 10), actor=clerk,
                                  head_appeared=True, head_name="张局长")  # fmt: skip
    with refused(ValidationError, "请填写出庭负责人姓名", lit):
        litigation.record_hearing(lit, held_on=dt.date(2025, 4, 10), actor=clerk,
                                  head_appeared=True, head_role="deputy")  # fmt: skip


def test_result_closes_the_case_and_the_running_clock(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    lit = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 3, 3))
    lit = result(monkeypatch, lit, clerk, dt.date(2025, 3, 10), result="withdrawn")
    assert lit.result == "withdrawn" and lit.result_on == dt.date(2025, 3, 10)
    lit.answer_deadline.refresh_from_db()
    assert lit.answer_deadline.state == Deadline.State.CANCELLED
    with refused(ValidationError, "该案件已登记裁判结果（原告撤诉），不能再办理", lit):
        hearing(monkeypatch, lit, clerk, dt.date(2025, 3, 11))


def test_result_not_before_the_last_hearing(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    lit = court_case(monkeypatch, district["scjg"], clerk)
    hearing(monkeypatch, lit, clerk, dt.date(2025, 4, 10))
    with refused(ValidationError, "裁判日期不能早于开庭日期2025-04-10", lit):
        litigation.record_result(
            lit, result="won", on=dt.date(2025, 4, 1), reasons="x", actor=clerk
        )


def test_appeal_links_previous_instance(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    first = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 3, 3))
    with refused(
        ValidationError, f"前一审级{first.number}尚未登记裁判结果，不能登记上诉或再审", first
    ):
        court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 6, 1),
                   instance="appeal", previous=first)  # fmt: skip
    first = result(monkeypatch, first, clerk, dt.date(2025, 5, 20), result="lost")
    with refused(ValidationError, "一审案件没有前一审级", first):
        court_case(
            monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 6, 1), previous=first
        )
    appeal = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 6, 1),
                        instance="appeal", previous=first, court="测试市中级人民法院")  # fmt: skip
    assert appeal.previous == first
    assert list(first.next_instances.all()) == [appeal]


def test_after_reconsideration_links_the_case(district, people, monkeypatch, accepted_case):
    case = accepted_case()
    clerk = people["scjg_clerk"]
    with refused(ValidationError, "关联行政复议案件的，应为经行政复议后起诉的案件", case):
        court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 6, 1),
                   reconsideration_case=case)  # fmt: skip
    lit = court_case(monkeypatch, district["scjg"], clerk, served_on=dt.date(2025, 6, 1),
                     after_reconsideration=True, reconsideration_case=case)  # fmt: skip
    assert list(case.litigations.all()) == [lit]


def test_other_unit_cannot_change_a_case(district, people, monkeypatch):
    lit = court_case(monkeypatch, district["scjg"], people["scjg_clerk"])
    freeze(monkeypatch, dt.date(2025, 3, 10))
    with refused(PermissionDenied, "只能办理本单位作为被告的行政诉讼案件", lit):
        litigation.file_answer(lit, on=dt.date(2025, 3, 10), actor=people["town_clerk"],
                               attachments=[pdf()])  # fmt: skip
    with refused(PermissionDenied, "只能办理本单位作为被告的行政诉讼案件", lit):
        litigation.record_result(lit, result="won", on=dt.date(2025, 3, 10), reasons="x",
                                 actor=people["leader"])  # fmt: skip


# --- suggestions ----------------------------------------------------------------------


def test_suggestion_due_date_from_letter_or_default(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    s = suggestion(monkeypatch, district["scjg"], clerk, reply_due_on=dt.date(2025, 4, 15))
    assert s.deadline.due_date == dt.date(2025, 4, 15)
    assert s.deadline.unit == district["scjg"]
    d = suggestion(monkeypatch, district["scjg"], clerk, received_on=dt.date(2025, 3, 3))
    assert d.reply_due_on == dt.date(2025, 5, 2)  # 60 days (检察建议工作规定第19条)
    assert d.deadline.due_date == dt.date(2025, 5, 2)
    assert "建议书未载明回复期限，按60日计算" in Event.objects.get(
        record_id=str(d.pk), action="suggestion_registered").summary  # fmt: skip


def test_suggestion_due_date_not_before_receipt(district, people, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 3, 3))
    with refused(ValidationError, "回复期限不能早于收到日期"):
        suggestion(
            monkeypatch, district["scjg"], people["scjg_clerk"], reply_due_on=dt.date(2025, 3, 1)
        )
    assert not Suggestion.objects.exists()


def test_reply_in_time_and_late(district, people, monkeypatch):
    clerk = people["scjg_clerk"]
    s = suggestion(monkeypatch, district["scjg"], clerk, reply_due_on=dt.date(2025, 4, 15))
    freeze(monkeypatch, dt.date(2025, 4, 15))
    s = suggestions.reply(s, on=dt.date(2025, 4, 15), text="已开展专项检查。", actor=clerk,
                          attachment=pdf("回复函.pdf"))  # fmt: skip
    assert s.replied_in_time is True
    s.deadline.refresh_from_db()
    assert s.deadline.state == Deadline.State.DONE
    late = suggestion(monkeypatch, district["scjg"], clerk, reply_due_on=dt.date(2025, 4, 15))
    freeze(monkeypatch, dt.date(2025, 4, 16))
    late = suggestions.reply(late, on=dt.date(2025, 4, 16), text="已整改。", actor=clerk)
    assert late.replied_in_time is False
    with refused(ValidationError, "已于2025-04-16回复", late):
        suggestions.reply(late, on=dt.date(2025, 4, 16), text="again", actor=clerk)


def test_reassign_moves_the_clock(district, people, monkeypatch):
    s = suggestion(
        monkeypatch, district["scjg"], people["scjg_clerk"], reply_due_on=dt.date(2025, 4, 15)
    )
    old = s.deadline
    freeze(monkeypatch, dt.date(2025, 3, 5))
    with refused(PermissionDenied, "只能办理交由本单位办理的司法建议、检察建议", s):
        suggestions.reassign(s, unit=district["sfj"], reason="职责", actor=people["town_clerk"])
    with refused(ValidationError, "请填写改交办理的理由", s):
        suggestions.reassign(s, unit=district["town"], reason=" ", actor=people["scjg_clerk"])
    s = suggestions.reassign(
        s, unit=district["town"], reason="属街道职责", actor=people["scjg_clerk"]
    )
    old.refresh_from_db()
    assert old.state == Deadline.State.CANCELLED
    assert s.unit == district["town"] and s.deadline.unit == district["town"]
    assert s.deadline.due_date == dt.date(2025, 4, 15)
    # Now the township's: the 市场监管局 can no longer reply; the coordinator can reassign.
    with refused(PermissionDenied, "只能办理交由本单位办理的司法建议、检察建议", s):
        suggestions.reply(s, on=dt.date(2025, 3, 5), text="x", actor=people["scjg_clerk"])
    s = suggestions.reassign(s, unit=district["sfj"], reason="统筹", actor=people["coordinator"])
    assert s.unit == district["sfj"]
    assert _events(s).count("suggestion_reassigned") == 2
