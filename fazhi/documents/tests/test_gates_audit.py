"""Audit of the normative-document gates (issue 5): each gate the services enforce but no
earlier test tried to skip (or tried without checking the Chinese message); the settings
for the provincial numbers; and the order of recorded dates (a collective discussion dated
before the legality opinion is a discussion before a passed review, 国办发〔2018〕115号)."""

import datetime as dt
import functools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.documents import rules, services
from fazhi.documents.models import Cleanup, NormativeDocument

from .conftest import today

# A fixed today: review and filing periods started on it run across 春节 2026.
pytestmark = pytest.mark.today(2026, 1, 20)

S = NormativeDocument.Status


def _msg(excinfo) -> str:
    value = excinfo.value
    if isinstance(value, ValidationError):
        return "；".join(value.messages)
    return str(value)


def ago(days: int) -> dt.date:
    return today() - dt.timedelta(days=days)


def _requested_on(doc, clerk, day):
    """Exempted from comment; legality review requested (in both apps) on ``day``."""
    from fazhi.legal import services as legal

    services.record_exemption(doc, reason="仅涉及内部管理", approved_by="局长", actor=clerk)
    services.request_review(
        doc,
        actor=clerk,
        self_checked=True,
        on=day,
        requester=functools.partial(legal.request_review, on=day),
    )
    doc.refresh_from_db()
    return doc


# --- drafting, comment, review ----------------------------------------------------------------


def test_drafting_rules_with_messages(people, district):
    with pytest.raises(PermissionDenied) as e:
        services.create_draft(
            title="x", unit=district["scjg"], issuer=district["gov"], actor=people["sfj_clerk"]
        )
    assert "只能为本单位起草规范性文件" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.create_draft(
            title="x", unit=district["scjg"], issuer=district["sfj"], actor=people["scjg_clerk"]
        )
    assert "制定机关应为起草单位本身或其上级人民政府" in _msg(e)
    for title, message in ((" ", "请填写文件标题"), ("标" * 201, "文件标题不能超过200字")):
        with pytest.raises(ValidationError) as e:
            services.create_draft(
                title=title,
                unit=district["scjg"],
                issuer=district["gov"],
                actor=people["scjg_clerk"],
            )
        assert message in _msg(e)
    assert not NormativeDocument.objects.exists()


def test_comment_needs_a_body_and_a_draft_under_comment_cannot_be_exempted(people, district, make):
    clerk = people["scjg_clerk"]
    empty = make.draft(people, district, body="")
    with pytest.raises(ValidationError) as e:
        services.open_consultation(
            empty, opens_on=today(), closes_on=today() + dt.timedelta(days=30), actor=clerk
        )
    assert "请先填写文件正文（征求意见稿）" in _msg(e)
    doc = make.draft(people, district, title="示范区另一办法")
    services.open_consultation(
        doc, opens_on=today(), closes_on=today() + dt.timedelta(days=30), actor=clerk
    )
    with pytest.raises(ValidationError) as e:
        services.record_exemption(doc, reason="内部管理", approved_by="局长", actor=clerk)
    assert "不能登记不征求意见" in _msg(e)
    doc.refresh_from_db()
    assert doc.status == S.CONSULTING
    assert services.participation(doc)[0] is False


def test_exemption_needs_the_approver(people, district, make):
    doc = make.draft(people, district)
    with pytest.raises(ValidationError) as e:
        services.record_exemption(
            doc, reason="内部管理", approved_by=" ", actor=people["scjg_clerk"]
        )
    assert "请填写批准不公开征求意见的负责人" in _msg(e)
    assert services.participation(doc)[0] is False


def test_review_not_requested_twice_and_not_consulted_after(people, district, make):
    clerk = people["scjg_clerk"]
    doc = make.draft(people, district)
    services.record_exemption(doc, reason="内部管理", approved_by="局长", actor=clerk)
    services.request_review(doc, actor=clerk, self_checked=True)
    with pytest.raises(ValidationError) as e:
        services.request_review(doc, actor=clerk, self_checked=True)
    assert "不能送交合法性审核" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.open_consultation(
            doc, opens_on=today(), closes_on=today() + dt.timedelta(days=30), actor=clerk
        )
    assert "不能再公开征求意见" in _msg(e)


def test_withdraw_rules(people, district, make):
    clerk = people["scjg_clerk"]
    doc = make.draft(people, district)
    with pytest.raises(ValidationError) as e:
        services.withdraw(doc, reason="改", actor=clerk)
    assert "只有征求意见或审核阶段的文件可以撤回修改" in _msg(e)
    services.record_exemption(doc, reason="内部管理", approved_by="局长", actor=clerk)
    services.request_review(doc, actor=clerk, self_checked=True)
    with pytest.raises(ValidationError) as e:
        services.withdraw(doc, reason="改", actor=clerk)
    assert "合法性审核尚未出具意见" in _msg(e)
    make.reviewer_opinion(doc, people, opinion="unlawful")
    with pytest.raises(ValidationError) as e:
        services.withdraw(doc, reason=" ", actor=clerk)
    assert "请说明撤回修改的理由" in _msg(e)
    doc.refresh_from_db()
    assert doc.status == S.REVIEWING


# --- collective discussion --------------------------------------------------------------------


def test_discussion_rules_with_messages(people, district, make):
    coord = people["coordinator"]
    doc = make.reviewed(people, district)
    kw = dict(meeting="区政府第12次常务会议", date=today(), outcome="approved", actor=coord)
    with pytest.raises(PermissionDenied) as e:
        services.record_discussion(doc, **{**kw, "actor": people["town_clerk"]})
    assert "只有起草单位或制定机关可以登记集体审议情况" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_discussion(doc, **{**kw, "outcome": "maybe"})
    assert "请选择审议结果" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_discussion(doc, **{**kw, "outcome": "rejected"})
    assert "审议未通过的，请填写审议意见" in _msg(e)
    doc.refresh_from_db()
    assert doc.status == S.REVIEWING and doc.discussion_date is None


def test_discussion_not_dated_before_the_review_request(people, district, make):
    clerk = people["scjg_clerk"]
    doc = _requested_on(make.draft(people, district), clerk, ago(10))
    make.reviewer_opinion(doc, people, on=ago(10))
    with pytest.raises(ValidationError) as e:
        services.record_discussion(
            doc, meeting="常务会议", date=ago(11), outcome="approved", actor=people["coordinator"]
        )
    assert "审议日期不能早于送交合法性审核的日期" in _msg(e)


def test_discussion_dated_before_the_legality_opinion_refused(people, district, make):
    """未经合法性审核的，不得提交集体审议: requested 20 days ago, the opinion given 5 days
    ago — a meeting recorded as held 10 days ago discussed an unreviewed draft."""
    clerk = people["scjg_clerk"]
    doc = _requested_on(make.draft(people, district), clerk, ago(20))
    make.reviewer_opinion(doc, people, on=ago(5))
    with pytest.raises(ValidationError) as e:
        services.record_discussion(
            doc, meeting="常务会议", date=ago(10), outcome="approved", actor=people["coordinator"]
        )
    assert "合法性审核" in _msg(e)
    doc.refresh_from_db()
    assert doc.status == S.REVIEWING and doc.discussion_date is None


# --- numbering and publication ----------------------------------------------------------------


def test_numbering_by_the_issuer_only_and_not_before_the_discussion(people, district, make):
    doc = make.discussed(people, district, on=ago(10))
    with pytest.raises(PermissionDenied) as e:
        services.register_and_number(doc, actor=people["scjg_clerk"])
    assert "只有制定机关（或其办公室）可以办理统一登记、编号、印发和备案" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.register_and_number(doc, actor=people["coordinator"], on=ago(11))
    assert "登记日期不能早于集体审议日期" in _msg(e)
    doc.refresh_from_db()
    assert doc.doc_number == "" and doc.status == S.DISCUSSED


def test_publication_dates_and_validity(people, district, make):
    coord = people["coordinator"]
    doc = make.discussed(people, district, on=ago(10))
    doc = services.register_and_number(doc, actor=coord, on=ago(5))
    with pytest.raises(ValidationError) as e:
        services.publish(doc, published_on=ago(6), actor=coord)
    assert "公布日期不能早于登记编号日期" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish(
            doc,
            published_on=ago(5),
            effective_on=ago(3),
            valid_until=ago(4),
            actor=coord,
        )
    assert "有效期截止日不能早于施行日期" in _msg(e)
    doc.refresh_from_db()
    assert doc.status == S.NUMBERED and doc.published_on is None


def test_validity_periods_follow_the_settings(people, district, make, settings):
    settings.FAZHI_DOCUMENT_VALID_YEARS = 3
    settings.FAZHI_DOCUMENT_TRIAL_YEARS = 1
    doc = make.published(people, district)
    assert doc.valid_until == rules.add_years(today(), 3) - dt.timedelta(days=1)
    trial = make.discussed(people, district, title="示范区停车管理暂行办法")
    trial = services.register_and_number(trial, actor=people["coordinator"])
    with pytest.raises(ValidationError) as e:
        services.publish(
            trial,
            published_on=today(),
            valid_until=rules.add_years(today(), 1),
            actor=people["coordinator"],
        )
    assert "有效期不得超过1年（标题含“暂行”或“试行”）" in _msg(e)
    trial = services.publish(trial, published_on=today(), actor=people["coordinator"])
    assert trial.valid_until == rules.add_years(today(), 1) - dt.timedelta(days=1)


# --- filing -----------------------------------------------------------------------------------


def test_filing_period_follows_the_setting(people, district, make, settings):
    settings.FAZHI_DOCUMENT_FILING_DAYS = 15
    doc = make.published(people, district, on=ago(20))
    assert doc.filing_due_on == ago(5)
    with pytest.raises(ValidationError) as e:
        services.file(doc, filed_on=today(), actor=people["coordinator"])
    assert f"备案期限为{ago(5):%Y-%m-%d}，已逾期5日，请说明逾期报送的原因" in _msg(e)
    assert not hasattr(NormativeDocument.objects.get(pk=doc.pk), "filing")


def test_filing_by_the_issuer_and_outcome_rules(people, district, make):
    coord = people["coordinator"]
    doc = make.published(people, district, on=ago(3))
    with pytest.raises(PermissionDenied) as e:
        services.file(doc, filed_on=today(), actor=people["scjg_clerk"])
    assert "只有制定机关（或其办公室）可以办理统一登记、编号、印发和备案" in _msg(e)
    filing = services.file(doc, filed_on=ago(1), actor=coord)
    with pytest.raises(ValidationError) as e:
        services.record_filing_outcome(filing, outcome="pending", on=today(), actor=coord)
    assert "请选择审查结果：通过、要求纠正或不予备案" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.record_filing_outcome(filing, outcome="passed", on=ago(2), actor=coord)
    assert "审查结果日期不能早于报送备案日期" in _msg(e)
    services.record_filing_outcome(filing, outcome="passed", on=today(), actor=coord)
    with pytest.raises(ValidationError) as e:
        services.record_filing_outcome(
            filing, outcome="rejected", on=today(), note="改判", actor=coord
        )
    assert "该备案已登记审查结果" in _msg(e)
    filing.refresh_from_db()
    assert filing.outcome == "passed"


# --- in force: evaluation, amendment ----------------------------------------------------------


def test_evaluation_only_in_force_and_with_a_recommendation(people, district, make):
    coord = people["coordinator"]
    doc = make.published(people, district)
    with pytest.raises(ValidationError) as e:
        services.evaluate(doc, on=today(), conclusion="良好", recommendation="?", actor=coord)
    assert "请选择评估建议" in _msg(e)
    services.repeal(doc, on=today(), reason="上位法修改", actor=coord)
    doc.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        services.evaluate(doc, on=today(), conclusion="良好", recommendation="retain", actor=coord)
    assert "只有现行有效的文件可以评估" in _msg(e)
    assert not doc.evaluations.exists()


def test_amendment_rules(people, district, make):
    coord = people["coordinator"]
    older = make.published(people, district, on=ago(10), title="示范区早先的决定")
    doc = make.published(people, district, on=ago(5), title="示范区甲办法")
    draft = make.draft(people, district, title="示范区关于修改甲办法的决定（草案）")
    with pytest.raises(ValidationError) as e:
        services.amend(doc, by=draft, on=today(), actor=coord)
    assert "用于修改的文件须已公布" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.amend(doc, by=older, on=today(), actor=coord)
    assert "用于修改的文件不能早于被修改的文件公布" in _msg(e)
    by = make.published(people, district, title="示范区关于修改甲办法的决定")
    services.amend(doc, by=by, on=today(), actor=coord)
    with pytest.raises(ValidationError) as e:
        services.amend(doc, by=by, on=today(), actor=coord)
    assert "已登记过该修改关系" in _msg(e)
    assert doc.incoming.count() == 1


# --- cleanup (清理) ---------------------------------------------------------------------------


def _existing(district, n, title):
    return services.import_existing(
        title=title,
        unit=district["sfj"],
        issuer=district["sfj"],
        doc_number=f"旧文〔2020〕{n}号",
        published_on=dt.date(2020, 5, n),
        actor=None,
    )


def test_cleanup_rules_with_messages(people, district):
    coord = people["coordinator"]
    with pytest.raises(PermissionDenied) as e:
        services.import_existing(
            title="x",
            unit=district["sfj"],
            issuer=district["sfj"],
            doc_number="旧文〔2020〕9号",
            published_on=dt.date(2020, 5, 9),
            actor=people["sfj_clerk"],
        )
    assert "只有统筹协调人员可以组织规范性文件清理和导入" in _msg(e)
    a = _existing(district, 1, "测试区甲规定")
    b = _existing(district, 2, "测试区乙规定")
    services.repeal(b, on=ago(30), reason="已被替代", actor=coord)
    b.refresh_from_db()
    c = services.create_cleanup(
        title="专项清理", unit=district["sfj"], started_on=ago(20), actor=coord
    )
    with pytest.raises(ValidationError) as e:
        services.close_cleanup(c, actor=coord, on=today())
    assert "清理范围内没有文件" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.add_to_cleanup(c, [], actor=coord)
    assert "请选择要清理的文件" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.add_to_cleanup(c, [b], actor=coord)
    assert "《测试区乙规定》不是现行有效的文件，无需清理" in _msg(e)
    (item,) = services.add_to_cleanup(c, [a], actor=coord)
    with pytest.raises(ValidationError) as e:
        services.record_cleanup_outcome(item, outcome="keep", reason="仍适用", actor=coord)
    assert "请选择清理结果：继续有效、修改、废止或宣布失效" in _msg(e)
    services.record_cleanup_outcome(item, outcome="repeal", reason="已不适用", actor=coord)
    with pytest.raises(ValidationError) as e:
        services.close_cleanup(c, actor=coord, on=ago(21))
    assert "完成日期不能早于开始日期" in _msg(e)
    services.close_cleanup(c, actor=coord, on=ago(10))
    with pytest.raises(ValidationError) as e:
        services.close_cleanup(c, actor=coord, on=ago(9))
    assert "该清理已完成" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.add_to_cleanup(c, [a], actor=coord)
    assert "清理已完成，不能再增加文件" in _msg(e)
    with pytest.raises(ValidationError) as e:
        services.publish_cleanup(c, actor=coord, on=ago(11))
    assert "公布日期不能早于清理完成日期" in _msg(e)
    a.refresh_from_db()
    assert a.status == S.PUBLISHED
    assert Cleanup.objects.get(pk=c.pk).state == "closed"


def test_cleanup_results_cannot_be_published_ahead_of_today(people, district):
    """Dates of acts are those of days that have happened (the services' rule, ``_past``):
    publishing the results dated next month would repeal the document now, with an end
    date in the future."""
    coord = people["coordinator"]
    a = _existing(district, 3, "测试区丙规定")
    c = services.create_cleanup(
        title="专项清理", unit=district["sfj"], started_on=ago(20), actor=coord
    )
    (item,) = services.add_to_cleanup(c, [a], actor=coord)
    services.record_cleanup_outcome(item, outcome="repeal", reason="已不适用", actor=coord)
    services.close_cleanup(c, actor=coord, on=ago(1))
    with pytest.raises(ValidationError) as e:
        services.publish_cleanup(c, actor=coord, on=today() + dt.timedelta(days=30))
    assert "不能晚于今天" in _msg(e)
    a.refresh_from_db()
    assert a.status == S.PUBLISHED and a.ended_on is None
