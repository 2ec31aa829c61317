"""The lifecycle and its gates: every step tried out of order is refused with a clear
Chinese message, and every step done writes the full-process record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import events
from fazhi.core.models import Deadline
from fazhi.documents import rules, services
from fazhi.documents.models import DocumentRelation, Filing, NormativeDocument

from .conftest import today

# A fixed today: documents published on it are due for filing across 国庆.
pytestmark = pytest.mark.today(2025, 9, 15)

S = NormativeDocument.Status


def refused(fn, *args, match: str, **kw):
    with pytest.raises(ValidationError) as exc:
        fn(*args, **kw)
    text = "；".join(exc.value.messages)
    assert match in text, text
    return text


def actions(doc):
    return [e.action for e in events.history("documents.normativedocument", str(doc.pk))]


def test_full_lifecycle_with_public_comment(people, district, make):
    clerk, coord = people["scjg_clerk"], people["coordinator"]
    doc = make.draft(people, district)
    # The consultation ran in the past (opened 60 days ago for 30 days): every act is
    # recorded on the day it happened, never ahead of today.
    base = today() - dt.timedelta(days=60)
    c = services.open_consultation(
        doc,
        opens_on=base,
        closes_on=base + dt.timedelta(days=30),
        actor=clerk,
        opener=make.back_dated_consultation(base),
    )
    assert c.kind == "normative_document"
    doc.refresh_from_db()
    assert doc.status == S.CONSULTING
    # The comment period has not ended: no legality review yet.
    refused(
        services.request_review, doc, actor=clerk, self_checked=True, match="公众参与程序尚未完成"
    )
    make.finish_consultation(
        doc,
        clerk,
        closed=base + dt.timedelta(days=31),
        published=base + dt.timedelta(days=32),
    )
    services.request_review(doc, actor=clerk, self_checked=True)
    make.reviewer_opinion(doc, people, opinion="lawful_if_amended")
    doc = services.record_discussion(
        doc, meeting="区政府第12次常务会议", date=today(), outcome="approved", actor=coord
    )
    assert doc.legality_reviewed_on == today()
    doc = services.register_and_number(doc, actor=coord, on=today())
    assert doc.doc_number == f"测试区人民政府规〔{today().year}〕1号"
    doc = services.publish(doc, published_on=today(), actor=coord, channel="区政府门户网站")
    assert doc.status == S.PUBLISHED and doc.shown_status()[0] == "in_force"
    assert doc.valid_until == rules.max_valid_until(today(), doc.title)
    assert doc.filing_due_on == today() + dt.timedelta(days=rules.filing_days())
    clocks = set(
        Deadline.objects.filter(
            record_id=str(doc.pk), record_type="documents.normativedocument"
        ).values_list("clock", flat=True)
    )
    assert clocks == {"documents.filing", "documents.expiry"}
    refused(
        services.file,
        doc,
        filed_on=today() + dt.timedelta(days=3),
        actor=coord,
        match="报送备案日期不能晚于今天",
    )
    filing = services.file(doc, filed_on=today(), actor=coord)
    assert filing.on_time and filing.filed_with == "上一级人民政府、本级人大常委会"
    refused(
        services.record_filing_outcome,
        filing,
        outcome="passed",
        on=today() + dt.timedelta(days=20),
        actor=coord,
        match="审查结果日期不能晚于今天",
    )
    services.record_filing_outcome(filing, outcome="passed", on=today(), actor=coord)
    assert Deadline.objects.get(record_id=str(doc.pk), clock="documents.filing").state == "done"
    assert actions(doc) == [
        "document_create",
        "document_consult",
        "document_review_request",
        "document_discuss",
        "document_number",
        "deadline_start",
        "deadline_start",
        "document_publish",
        "deadline_done",
        "document_file",
        "document_filing_outcome",
    ]
    assert list(events.verify_chain()) == []


def test_consult_shorter_than_minimum_needs_reason(people, district, make):
    doc = make.draft(people, district)
    clerk = people["scjg_clerk"]
    refused(
        services.open_consultation,
        doc,
        opens_on=today(),
        closes_on=today() + dt.timedelta(days=10),
        actor=clerk,
        match="不得少于30日",
    )
    doc.refresh_from_db()
    assert doc.status == S.DRAFTING
    services.open_consultation(
        doc,
        opens_on=today(),
        closes_on=today() + dt.timedelta(days=10),
        urgent_reason="落实上级紧急部署",
        actor=clerk,
    )
    doc.refresh_from_db()
    assert doc.status == S.CONSULTING


def test_review_needs_participation_and_self_check(people, district, make):
    doc = make.draft(people, district)
    clerk = people["scjg_clerk"]
    refused(services.request_review, doc, actor=clerk, self_checked=True, match="尚未公开征求意见")
    refused(
        services.record_exemption, doc, reason="", approved_by="局长", actor=clerk, match="说明理由"
    )
    services.record_exemption(doc, reason="仅涉及内部管理", approved_by="局长张三", actor=clerk)
    refused(services.request_review, doc, actor=clerk, self_checked=False, match="37号")
    services.request_review(doc, actor=clerk, self_checked=True)
    doc.refresh_from_db()
    assert doc.status == S.REVIEWING and doc.self_checked


def test_discuss_before_review_refused(people, district, make):
    doc = make.draft(people, district)
    coord, clerk = people["coordinator"], people["scjg_clerk"]
    kw = dict(meeting="区政府常务会议", date=today(), outcome="approved", actor=coord)
    refused(services.record_discussion, doc, match="尚未经合法性审核", **kw)
    services.record_exemption(doc, reason="内部管理", approved_by="局长", actor=clerk)
    services.request_review(doc, actor=clerk, self_checked=True)
    refused(services.record_discussion, doc, match="合法性审核尚未完成或审核未通过", **kw)
    make.reviewer_opinion(doc, people, opinion="unlawful")
    refused(services.record_discussion, doc, match="合法性审核尚未完成或审核未通过", **kw)
    # Revised and sent again; passes this time.
    services.withdraw(doc, reason="按审查意见修改", actor=clerk)
    doc.refresh_from_db()
    services.update_draft(doc, title=doc.title, body=doc.body + "\n第五条 附则。", actor=clerk)
    services.request_review(doc, actor=clerk, self_checked=True)
    make.reviewer_opinion(doc, people)
    refused(services.record_discussion, doc, match="审议会议", **{**kw, "meeting": ""})
    doc = services.record_discussion(doc, **kw)
    assert doc.status == S.DISCUSSED


def test_number_before_passed_review_refused(people, district, make):
    doc = make.draft(people, district)
    coord, clerk = people["coordinator"], people["scjg_clerk"]
    refused(services.register_and_number, doc, actor=coord, match="未经合法性审核或审核未通过")
    services.record_exemption(doc, reason="内部管理", approved_by="局长", actor=clerk)
    services.request_review(doc, actor=clerk, self_checked=True)
    refused(services.register_and_number, doc, actor=coord, match="未经合法性审核或审核未通过")
    make.reviewer_opinion(doc, people)
    refused(services.register_and_number, doc, actor=coord, match="未经集体审议通过")
    doc = services.record_discussion(
        doc, meeting="常务会议", date=today(), outcome="rejected", note="退回修改", actor=coord
    )
    assert doc.status == S.DRAFTING
    refused(services.register_and_number, doc, actor=coord, match="未经合法性审核或审核未通过")
    assert not NormativeDocument.objects.exclude(doc_number="").exists()


def test_only_issuer_numbers(people, district, make):
    doc = make.discussed(people, district)
    with pytest.raises(PermissionDenied):
        services.register_and_number(doc, actor=people["scjg_clerk"])
    services.register_and_number(doc, actor=people["coordinator"])


def test_publish_before_numbering_refused(people, district, make):
    doc = make.discussed(people, district)
    coord = people["coordinator"]
    refused(services.publish, doc, published_on=today(), actor=coord, match="未经统一登记、编号")
    doc = services.register_and_number(doc, actor=coord)
    refused(
        services.publish,
        doc,
        published_on=today(),
        effective_on=today() - dt.timedelta(days=1),
        actor=coord,
        match="施行日期不能早于公布日期",
    )
    refused(
        services.publish,
        doc,
        published_on=today(),
        valid_until=today() + dt.timedelta(days=6 * 366),
        actor=coord,
        match="有效期不得超过5年",
    )
    doc = services.publish(doc, published_on=today(), actor=coord)
    assert doc.status == S.PUBLISHED


def test_trial_document_valid_two_years(people, district, make):
    doc = make.published(people, district, title="示范区农贸市场管理暂行办法")
    assert doc.valid_until == rules.add_years(today(), 2) - dt.timedelta(days=1)
    other = make.discussed(people, district, title="示范区停车管理办法（试行）")
    other = services.register_and_number(other, actor=people["coordinator"])
    refused(
        services.publish,
        other,
        published_on=today(),
        valid_until=rules.add_years(today(), 3),
        actor=people["coordinator"],
        match="不得超过2年（标题含“暂行”或“试行”）",
    )


def test_filing_late_flagged(people, district, make):
    # Published (every step before it too) long enough ago that filing today is 5 days late.
    doc = make.published(people, district, on=today() - dt.timedelta(days=rules.filing_days() + 5))
    coord = people["coordinator"]
    late = today()
    assert late == doc.filing_due_on + dt.timedelta(days=5)
    refused(services.file, doc, filed_on=late, actor=coord, match="已逾期5日，请说明逾期报送的原因")
    refused(
        services.file,
        doc,
        filed_on=doc.published_on - dt.timedelta(days=1),
        actor=coord,
        match="不能早于公布日期",
    )
    filing = services.file(doc, filed_on=late, late_reason="材料准备不及时", actor=coord)
    assert not filing.on_time and filing.due_on == doc.filing_due_on
    d = Deadline.objects.get(record_id=str(doc.pk), clock="documents.filing")
    assert d.state == "done" and d.completed_on == late
    refused(services.file, doc, filed_on=late, actor=coord, match="已报送备案")
    refused(
        services.record_filing_outcome,
        filing,
        outcome="corrected",
        on=late,
        actor=coord,
        match="备案审查意见",
    )
    services.record_filing_outcome(
        filing, outcome="corrected", on=late, note="第三条已修改", actor=coord
    )
    filing.refresh_from_db()
    assert filing.outcome == Filing.Outcome.CORRECTED


def test_filing_before_publication_refused(people, district, make):
    doc = make.discussed(people, district)
    refused(
        services.file,
        doc,
        filed_on=today(),
        actor=people["coordinator"],
        match="公布后才能报送备案",
    )


def test_repeal_needs_document_or_reason(people, district, make):
    old = make.published(people, district, title="示范区户外广告设置管理办法")
    coord = people["coordinator"]
    refused(
        services.repeal,
        old,
        on=today(),
        actor=coord,
        match="废止文件须注明废止它的文件，或说明废止理由",
    )
    draft = make.draft(people, district, title="示范区户外招牌设置管理办法")
    refused(services.repeal, old, on=today(), by=draft, actor=coord, match="须已公布")
    new = make.published(people, district, title="示范区户外招牌设置管理办法")
    services.repeal(old, on=today(), by=new, actor=coord)
    old.refresh_from_db()
    assert old.status == S.REPEALED and old.shown_status()[0] == "repealed"
    rel = DocumentRelation.objects.get(target=old)
    assert rel.source == new and rel.kind == "repeal"
    refused(
        services.repeal,
        old,
        on=today(),
        reason="再次废止",
        actor=coord,
        match="只有现行有效的文件可以废止",
    )
    # The validity warning is withdrawn with the document.
    assert (
        Deadline.objects.get(record_id=str(old.pk), clock="documents.expiry").state == "cancelled"
    )


def test_repeal_by_reason_and_expire_and_amend(people, district, make):
    coord = people["coordinator"]
    a = make.published(people, district, title="示范区甲办法")
    services.repeal(a, on=today(), reason="上位法已修改", actor=coord)
    b = make.published(people, district, title="示范区乙办法")
    refused(services.expire, b, on=today(), reason="", actor=coord, match="应当说明理由")
    services.expire(b, on=today(), reason="制定依据已废止", actor=coord)
    b.refresh_from_db()
    assert b.status == S.EXPIRED
    c = make.published(people, district, title="示范区丙办法")
    d = make.published(people, district, title="示范区关于修改丙办法的决定")
    refused(services.amend, c, by=c, on=today(), actor=coord, match="不能修改自身")
    services.amend(c, by=d, on=today(), actor=coord)
    c.refresh_from_db()
    assert c.status == S.PUBLISHED  # in force as amended
    assert c.incoming.get().source == d


def test_evaluation_closes_validity_warning(people, district, make):
    doc = make.published(people, district)
    refused(
        services.evaluate,
        doc,
        on=today(),
        conclusion="",
        recommendation="retain",
        actor=people["scjg_clerk"],
        match="评估结论",
    )
    services.evaluate(
        doc,
        on=today(),
        conclusion="执行情况良好",
        recommendation="retain",
        actor=people["scjg_clerk"],
    )
    assert Deadline.objects.get(record_id=str(doc.pk), clock="documents.expiry").state == "done"


def test_draft_frozen_after_submission(people, district, make):
    doc = make.reviewed(people, district)
    refused(
        services.update_draft,
        doc,
        title="改标题",
        body="正文",
        actor=people["scjg_clerk"],
        match="不能修改草案",
    )
    refused(
        services.withdraw, doc, reason="想改", actor=people["scjg_clerk"], match="合法性审核已通过"
    )


def test_clerk_of_other_unit_cannot_act(people, district, make):
    doc = make.draft(people, district)
    with pytest.raises(PermissionDenied):
        services.record_exemption(doc, reason="x", approved_by="y", actor=people["town_clerk"])
    with pytest.raises(PermissionDenied):
        services.create_draft(
            title="x", unit=district["scjg"], issuer=district["gov"], actor=people["sfj_clerk"]
        )
    with pytest.raises(ValidationError):
        services.create_draft(
            title="x", unit=district["scjg"], issuer=district["sfj"], actor=people["scjg_clerk"]
        )


def test_steps_cannot_be_recorded_ahead_of_today(people, district, make):
    """Registration, publication and discussion are recorded on the day they happened:
    a later date (a mistyped year included) is refused with the reason, nothing moves."""
    coord = people["coordinator"]
    doc = make.reviewed(people, district)
    refused(
        services.record_discussion,
        doc,
        meeting="区政府常务会议",
        date=today() + dt.timedelta(days=1),
        outcome="approved",
        actor=coord,
        match="审议日期不能晚于今天",
    )
    doc = services.record_discussion(
        doc, meeting="区政府常务会议", date=today(), outcome="approved", actor=coord
    )
    refused(
        services.register_and_number,
        doc,
        actor=coord,
        on=dt.date(9999, 12, 31),
        match="登记日期不能晚于今天",
    )
    doc = services.register_and_number(doc, actor=coord, on=today())
    refused(
        services.publish,
        doc,
        published_on=dt.date(9999, 12, 31),
        actor=coord,
        match="公布日期不能晚于今天",
    )
    refused(
        services.publish,
        doc,
        published_on=today(),
        effective_on=dt.date(9999, 12, 31),
        actor=coord,
        match="施行日期不能晚于公布日期一年以上",
    )
    doc.refresh_from_db()
    assert doc.status == S.NUMBERED and doc.published_on is None
