"""规范性文件附带审查 raised in a 行政复议 (行政复议法 第56—60条): the clocks on the real
calendar (国庆 2025: 1—8 October off, Sunday 28 September and Saturday 11 October worked),
the order of the steps with their refusals, and an unlawful finding on the document's own
record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import events
from fazhi.core.models import Deadline
from fazhi.core.tests.refusal import freeze, refused
from fazhi.documents import interface
from fazhi.documents.models import AncillaryReview
from fazhi.documents.services import ancillary

D = dt.date
A = AncillaryReview
NATIONAL_DAY_EVE = D(2025, 9, 26)  # a Friday; 1—8 October off


def _receive(district, people, *, on=NATIONAL_DAY_EVE, ref="reconsideration.case:1", **kw):
    data = dict(
        source_ref=ref,
        case_number="测试区行复〔2025〕7号",
        requester="王小明",
        document_title="测试区城市道路临时占用管理办法",
        received_on=on,
        unit=district["sfj"],
        actor=people["sfj_clerk"],
    )
    data.update(kw)
    return ancillary.receive(**data)


def _state(d: Deadline) -> str:
    return Deadline.objects.get(pk=d.pk).state


def _due(d: Deadline) -> dt.date:
    d.refresh_from_db()
    return d.due_date


def test_receipt_starts_the_30_day_and_7_working_day_clocks_across_national_day(
    district, people, monkeypatch
):
    freeze(monkeypatch, D(2025, 9, 26))
    r = _receive(district, people)
    # 30 calendar days from Friday 26 September: Sunday 26 October, moved to Monday 27.
    assert _due(r.handle_deadline) == D(2025, 10, 27)
    # 7 working days (第88条): 28 Sep (worked Sunday), 29, 30, [1—8 Oct off], 9, 10,
    # 11 (worked Saturday), 13.
    assert _due(r.forward_deadline) == D(2025, 10, 13)
    assert r.state == A.State.RECEIVED
    assert (
        events.history("documents.ancillaryreview", str(r.pk))
        .filter(action="ancillary_receive")
        .count()
        == 1
    )


def test_handling_here_starts_the_makers_10_working_days(district, people, monkeypatch):
    freeze(monkeypatch, D(2025, 9, 30))
    r = _receive(district, people)
    r = ancillary.route(
        r, route="handle", on=D(2025, 9, 30), maker_name="测试区人民政府", actor=people["sfj_clerk"]
    )
    # 10 working days from Tuesday 30 September: 9, 10, 11, 13, 14, 15, 16, 17, 20, 21 Oct.
    assert _due(r.maker_deadline) == D(2025, 10, 21)
    assert _state(r.forward_deadline) == Deadline.State.CANCELLED
    assert _state(r.handle_deadline) == Deadline.State.RUNNING
    assert r.state == A.State.HANDLING


def test_forwarding_starts_the_60_days_and_a_late_forward_is_marked_late(
    district, people, monkeypatch
):
    freeze(monkeypatch, D(2025, 9, 30))
    r = _receive(district, people)
    r = ancillary.route(
        r, route="forward", on=D(2025, 9, 30), forwarded_to="市人民政府", actor=people["sfj_clerk"]
    )
    # 60 days from 30 September: Saturday 29 November, moved to Monday 1 December.
    assert _due(r.reply_deadline) == D(2025, 12, 1)
    assert _state(r.handle_deadline) == Deadline.State.CANCELLED
    fwd = Deadline.objects.get(pk=r.forward_deadline_id)
    assert fwd.state == Deadline.State.DONE and fwd.completed_on <= fwd.due_date

    freeze(monkeypatch, D(2025, 10, 14))
    late = _receive(district, people, ref="reconsideration.case:2")
    late = ancillary.route(
        late, route="forward", on=D(2025, 10, 14), forwarded_to="市人民政府",
        actor=people["sfj_clerk"],
    )  # fmt: skip
    fwd = Deadline.objects.get(pk=late.forward_deadline_id)
    assert fwd.due_date == D(2025, 10, 13) and fwd.completed_on > fwd.due_date


@pytest.mark.today(2025, 11, 10)
def test_refusals_leave_everything_as_it_was(district, people):
    clerk = people["sfj_clerk"]
    r = _receive(district, people, on=D(2025, 11, 3))
    with refused(ValidationError, "请先决定处理方式：本机关依法处理，或转送有权处理的机关", r):
        ancillary.conclude(r, conclusion="lawful", on=D(2025, 11, 10), reasons="x", actor=clerk)
    with refused(ValidationError, "请填写转送的有权处理机关", r):
        ancillary.route(r, route="forward", on=D(2025, 11, 4), actor=clerk)
    with refused(ValidationError, "请选择处理方式：本机关依法处理，或转送有权处理的机关", r):
        ancillary.route(r, route="", on=D(2025, 11, 4), actor=clerk)
    with refused(ValidationError, "书面通知制定机关日期不能早于2025-11-03", r):
        ancillary.route(r, route="handle", on=D(2025, 11, 2), maker_name="区政府", actor=clerk)
    with refused(PermissionDenied, "只能办理本单位收到的规范性文件附带审查", r):
        ancillary.route(r, route="handle", on=D(2025, 11, 4), maker_name="区政府",
                        actor=people["scjg_clerk"])  # fmt: skip
    with refused(
        ValidationError,
        "该行政复议案件（测试区行复〔2025〕7号）的附带审查申请已经转来，不能重复登记",
    ):
        _receive(district, people, on=D(2025, 11, 3))
    with refused(PermissionDenied, "只能办理本单位收到的规范性文件附带审查"):
        _receive(district, people, ref="reconsideration.case:9", actor=people["scjg_clerk"])

    r = ancillary.route(r, route="handle", on=D(2025, 11, 4), maker_name="区政府", actor=clerk)
    with refused(ValidationError, "已决定处理方式（本机关依法处理），不能重复办理", r):
        ancillary.route(r, route="forward", on=D(2025, 11, 5), forwarded_to="市政府", actor=clerk)
    # The maker's 10 working days run to 18 November: no conclusion before its answer.
    with refused(
        ValidationError,
        "制定机关书面答复的期限至2025-11-18，尚未收到答复，期限届满前不能作出结论",
        r,
    ):
        ancillary.conclude(r, conclusion="lawful", on=D(2025, 11, 10), reasons="合法", actor=clerk)
    with refused(ValidationError, "请填写书面答复内容", r):
        ancillary.record_maker_answer(r, on=D(2025, 11, 7), answer=" ", actor=clerk)
    r = ancillary.record_maker_answer(
        r, on=D(2025, 11, 7), answer="第三条有上位法依据。", actor=clerk
    )
    with refused(ValidationError, "已登记制定机关的书面答复", r):
        ancillary.record_maker_answer(r, on=D(2025, 11, 7), answer="再次答复", actor=clerk)
    with refused(ValidationError, "请选择审查结论", r):
        ancillary.conclude(r, conclusion="maybe", on=D(2025, 11, 10), reasons="x", actor=clerk)
    r = ancillary.conclude(r, conclusion="lawful", on=D(2025, 11, 10), reasons="合法", actor=clerk)
    assert _state(r.maker_deadline) == Deadline.State.DONE
    assert _state(r.handle_deadline) == Deadline.State.DONE
    with refused(ValidationError, "该附带审查已办结", r):
        ancillary.conclude(r, conclusion="lawful", on=D(2025, 11, 10), reasons="合法", actor=clerk)


@pytest.mark.today(2025, 11, 10)
def test_a_forwarded_review_takes_no_makers_answer(district, people):
    clerk = people["sfj_clerk"]
    r = _receive(district, people, on=D(2025, 11, 3))
    r = ancillary.route(r, route="forward", on=D(2025, 11, 4), forwarded_to="市政府", actor=clerk)
    with refused(ValidationError, "只有本机关依法处理的附带审查才登记制定机关的书面答复", r):
        ancillary.record_maker_answer(r, on=D(2025, 11, 7), answer="答复", actor=clerk)
    r = ancillary.conclude(
        r, conclusion="unlawful_correct", on=D(2025, 11, 10), reasons="超越权限", actor=clerk
    )
    assert _state(r.reply_deadline) == Deadline.State.DONE


@pytest.mark.today(2025, 11, 10)
def test_silence_of_the_maker_lets_the_body_conclude_after_the_period(
    district, people, monkeypatch
):
    clerk = people["sfj_clerk"]
    freeze(monkeypatch, D(2025, 10, 20))
    r = _receive(district, people, on=D(2025, 10, 20))
    r = ancillary.route(r, route="handle", on=D(2025, 10, 20), maker_name="区政府", actor=clerk)
    assert _due(r.maker_deadline) == D(2025, 11, 3)
    freeze(monkeypatch, D(2025, 11, 4))
    r = ancillary.conclude(r, conclusion="lawful", on=D(2025, 11, 4), reasons="合法", actor=clerk)
    assert _state(r.maker_deadline) == Deadline.State.CANCELLED


@pytest.mark.today(2025, 11, 10)
def test_unlawful_finding_goes_on_the_documents_record_without_the_applicant(
    district, people, make
):
    doc = make.published(people, district, on=D(2025, 6, 2))
    clerk = people["sfj_clerk"]
    ref = interface.receive_ancillary_review(
        source_ref="reconsideration.case:5", case_number="测试区行复〔2025〕9号",
        requester="王小明", document_title="", document_number=doc.doc_number,
        received_on=D(2025, 11, 3), unit=district["sfj"], actor=clerk,
    )  # fmt: skip
    r = A.objects.get(pk=int(ref.rsplit(":", 1)[1]))
    assert ref == f"documents.ancillaryreview:{r.pk}"
    assert r.document == doc and r.document_title == doc.title and r.maker_name
    before = events.history("documents.normativedocument", str(doc.pk)).count()
    r = ancillary.route(r, route="handle", on=D(2025, 11, 3), actor=clerk)
    r = ancillary.record_maker_answer(r, on=D(2025, 11, 5), answer="答复", actor=clerk)
    r = ancillary.conclude(
        r, conclusion="unlawful_stop", on=D(2025, 11, 10), reasons="第二条增设行政许可条件",
        actor=clerk,
    )  # fmt: skip
    history = events.history("documents.normativedocument", str(doc.pk))
    assert history.count() == before + 1
    last = history.order_by("-seq").first()
    assert last.action == "document_ancillary_unlawful"
    assert "测试区行复〔2025〕9号" in last.summary and "不合法：决定停止执行" in last.summary
    assert "王小明" not in last.summary
    status = interface.ancillary_review_status(ref)
    assert status["conclusion"] == "不合法：决定停止执行" and status["state"] == "已办结"
    assert interface.ancillary_review_status("documents.ancillaryreview:x") is None
    # Every row as its last event sealed it: no change went around the record.
    assert list(events.verify_states()) == []


@pytest.mark.today(2025, 11, 10)
def test_a_lawful_finding_leaves_the_documents_record_alone(district, people, make):
    doc = make.published(people, district, on=D(2025, 6, 2))
    clerk = people["sfj_clerk"]
    r = _receive(district, people, on=D(2025, 11, 3), document=doc)
    before = events.history("documents.normativedocument", str(doc.pk)).count()
    r = ancillary.route(r, route="forward", on=D(2025, 11, 3), forwarded_to="市政府", actor=clerk)
    ancillary.conclude(r, conclusion="lawful", on=D(2025, 11, 10), reasons="合法", actor=clerk)
    assert events.history("documents.normativedocument", str(doc.pk)).count() == before
