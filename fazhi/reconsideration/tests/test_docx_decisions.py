"""The 行政复议决定书 and the 意见书/建议书 as DOCX: the decision names the parties (the
applicant's name as is: the document goes to the parties), the act, the requests, the finding,
the outcome with its article of the 行政复议法 and the right to sue within 15 days; it exists
only once the case is decided. The letters come from the records the letters service made."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.services import cases, letters

from .conftest import PERSON_ID

pytestmark = pytest.mark.django_db

BODY = "测试区人民政府"


def text_of(resp) -> str:
    assert resp.status_code == 200, resp.content[:300]
    return "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)


def case_url(case, kind="decision"):
    return f"/office/reconsideration/cases/{case.pk}/docx/{kind}/"


@pytest.fixture
def heard_case(accepted_case, people, monkeypatch):
    """A case accepted 2025-03-05, copy sent 03-06, answered 03-10."""

    def make(**kw):
        case = accepted_case(**kw)
        freeze(monkeypatch, dt.date(2025, 3, 10))
        cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
        cases.answer(case, on=dt.date(2025, 3, 10), summary="事实清楚",
                     actor=people["scjg_clerk"])  # fmt: skip
        return case

    return make


def decide(case, people, monkeypatch, outcome, summary="经审理查明，被申请人认定事实不清。"):
    freeze(monkeypatch, dt.date(2025, 4, 1))
    return cases.decide(case, on=dt.date(2025, 4, 1), outcome=outcome, summary=summary,
                        actor=people["sfj_clerk"])  # fmt: skip


def test_no_decision_document_before_the_decision(heard_case, people, login):
    case = heard_case()
    resp = login(people["sfj_clerk"]).get(case_url(case))
    assert resp.status_code == 409
    assert "尚未作出行政复议决定" in resp.content.decode()


def test_the_decision_states_parties_act_requests_finding_outcome_and_remedy(
    heard_case, people, login, monkeypatch
):
    case = decide(heard_case(), people, monkeypatch, "revoke")
    client = login(people["sfj_clerk"])
    text = text_of(client.get(case_url(case)))
    assert "行政复议决定书" in text and case.decision_number in text
    assert f"申请人：王小明，公民身份号码：{PERSON_ID}。" in text
    assert "被申请人：测试区市场监督管理局。" in text
    assert "于2025年2月11日作出的罚款2000元的行政处罚决定（测市监罚〔2025〕12号）" in text
    assert "2025年3月3日向本机关申请行政复议" in text and case.number in text
    assert "申请人请求：撤销该行政处罚决定。" in text
    assert "申请人称：认定事实不清，证据不足。" in text
    assert "被申请人于2025年3月10日提出书面答复" in text
    assert "经审理查明，被申请人认定事实不清。" in text
    assert "根据《中华人民共和国行政复议法》第六十四条的规定，本机关决定：撤销被申请人" in text
    assert "自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼" in text
    assert "《中华人民共和国行政诉讼法》第四十五条" in text
    assert BODY in text and text.rstrip().endswith("2025年4月1日")
    # The decision number is the case's; a second download is the same document.
    assert text_of(client.get(case_url(case))) == text
    # The respondent reads the decision served on it.
    assert text_of(login(people["scjg_clerk"]).get(case_url(case))) == text
    # Another unit's clerk does not.
    assert login(people["town_clerk"]).get(case_url(case)).status_code == 404


@pytest.mark.parametrize(
    "outcome, article, operative",
    [
        ("uphold", "第六十八条", "维持被申请人于2025年2月11日作出的罚款2000元"),
        ("modify", "第六十三条", "变更被申请人于2025年2月11日作出的罚款2000元"),
        ("declare_unlawful", "第六十五条", "确认被申请人于2025年2月11日作出的"),
        ("declare_void", "第六十七条", "（测市监罚〔2025〕12号）无效。"),
        ("order_performance", "第六十六条", "责令被申请人在一定期限内依法履行法定职责"),
        ("dismiss", "第六十九条", "驳回申请人的行政复议请求"),
    ],
)
def test_each_outcome_cites_its_article(
    heard_case, people, login, monkeypatch, outcome, article, operative
):
    case = decide(heard_case(), people, monkeypatch, outcome)
    text = text_of(login(people["sfj_clerk"]).get(case_url(case)))
    assert f"《中华人民共和国行政复议法》{article}的规定，本机关决定：" in text
    assert operative in text


def test_a_respondent_that_did_not_answer_is_held_to_article_70(
    accepted_case, people, login, monkeypatch
):
    case = accepted_case()
    freeze(monkeypatch, dt.date(2025, 3, 6))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=people["sfj_clerk"])
    cases.sweep(dt.date(2025, 3, 31))  # 10 working days from 03-06 ended on 03-20
    case.refresh_from_db()
    assert case.no_answer
    case = decide(case, people, monkeypatch, "revoke")
    text = text_of(login(people["sfj_clerk"]).get(case_url(case)))
    assert "视为该行政行为没有证据、依据" in text
    assert "第七十条、第六十四条的规定，本机关决定：撤销" in text


def test_a_case_closed_without_a_decision_has_no_decision_document(
    heard_case, people, login, monkeypatch
):
    case = decide(heard_case(), people, monkeypatch, "withdrawn", summary="申请人撤回申请")
    resp = login(people["sfj_clerk"]).get(case_url(case))
    assert resp.status_code == 409 and "结案" in resp.content.decode()


# --- 意见书 / 建议书 -------------------------------------------------------------------------


def letter_url(letter):
    return f"/office/reconsideration/letters/{letter.pk}/docx/"


def test_an_opinion_letter_asks_for_the_correction_report_within_60_days(
    heard_case, people, district, login, monkeypatch
):
    case = heard_case()
    freeze(monkeypatch, dt.date(2025, 4, 2))
    letter = letters.issue(
        kind="opinion", addressee=district["scjg"], issued_on=dt.date(2025, 4, 2),
        content="你局在作出行政处罚决定前未告知当事人陈述、申辩的权利，请予纠正。",
        actor=people["sfj_clerk"], case=case,
    )  # fmt: skip
    text = text_of(login(people["sfj_clerk"]).get(letter_url(letter)))
    assert "行政复议意见书" in text and letter.number in text
    assert "测试区市场监督管理局：" in text and case.number in text
    assert "未告知当事人陈述、申辩的权利" in text
    assert "第七十六条" in text and "自收到本意见书之日起六十日内" in text
    assert "纠正相关违法或者不当行政行为的情况报送本机关" in text
    assert BODY in text and text.rstrip().endswith("2025年4月2日")
    # The addressee reads it; another unit's clerk does not.
    assert text_of(login(people["scjg_clerk"]).get(letter_url(letter))) == text
    assert login(people["town_clerk"]).get(letter_url(letter)).status_code == 404


def test_a_recommendation_has_no_statutory_report_period(people, district, login, monkeypatch):
    freeze(monkeypatch, dt.date(2025, 4, 2))
    letter = letters.issue(
        kind="recommendation", addressee=district["town"], issued_on=dt.date(2025, 4, 2),
        content="建议规范行政执法文书的送达程序。", actor=people["sfj_clerk"],
    )  # fmt: skip
    text = text_of(login(people["sfj_clerk"]).get(letter_url(letter)))
    assert "行政复议建议书" in text and letter.number in text
    assert "城关街道：" in text and "建议规范行政执法文书的送达程序。" in text
    assert "第七十六条" not in text and "函告本机关" in text


def test_typed_text_that_word_cannot_store_does_not_break_the_document(
    heard_case, people, login, monkeypatch
):
    from fazhi.reconsideration.models import Application

    case = decide(heard_case(), people, monkeypatch, "uphold",
                  summary="认定事实清楚\x0b证据确凿<w:p/>&")  # fmt: skip
    Application.objects.filter(pk=case.application_id).update(reasons="理由\x01\x1f见附件")
    text = text_of(login(people["sfj_clerk"]).get(case_url(case)))
    assert "申请人称：理由见附件。" in text
    assert "证据确凿<w:p/>&。" in text


def test_an_organisations_oral_application_against_inaction_through_pause_and_extension(
    accepted_case, people, login, monkeypatch
):
    from .conftest import SHOP_USCC

    clerk = people["sfj_clerk"]
    case = accepted_case(
        channel="oral", oral_record="申请人口述，经其确认无误。", applicant_kind="organisation",
        applicant_name="测试区好邻居超市有限公司", applicant_id=SHOP_USCC,
        applicant_address="测试区城关街道2号", inaction=True, act="未答复举报处理结果",
        requests="责令被申请人依法答复", reasons="举报后六十日未获答复",
    )  # fmt: skip
    freeze(monkeypatch, dt.date(2025, 3, 20))
    cases.send_copy(case, on=dt.date(2025, 3, 6), actor=clerk)
    cases.answer(case, on=dt.date(2025, 3, 12), summary="已处理", actor=people["scjg_clerk"])
    cases.schedule_hearing(case, notified_on=dt.date(2025, 3, 12),
                           hearing_on=dt.date(2025, 3, 20), actor=clerk)  # fmt: skip
    freeze(monkeypatch, dt.date(2025, 4, 10))
    cases.suspend(case, on=dt.date(2025, 3, 24), ground="other_case", actor=clerk)
    cases.resume(case, on=dt.date(2025, 4, 7), actor=clerk)
    cases.extend(case, days=20, reason="案情复杂", approved_by="张主任",
                 approved_on=dt.date(2025, 4, 10), actor=clerk)  # fmt: skip
    freeze(monkeypatch, dt.date(2025, 5, 6))
    case = cases.decide(case, on=dt.date(2025, 5, 6), outcome="order_performance",
                        summary="被申请人未在法定期限内答复举报", actor=clerk)  # fmt: skip
    client = login(clerk)
    answer = text_of(client.get(case_url(case, "answer")))
    assert "现将行政复议申请笔录复印件发送你单位" in answer
    assert "附件：行政复议申请笔录复印件" in answer
    assert "测试区好邻居超市有限公司不服你单位未履行法定职责（未答复举报处理结果）" in answer
    text = text_of(client.get(case_url(case)))
    assert (
        f"申请人：测试区好邻居超市有限公司，统一社会信用代码：{SHOP_USCC}，住所：测试区城关街道2号。"
        in text
    )
    assert "本案于2025年3月24日中止审理，于2025年4月7日恢复审理。" in text
    assert "审理期限延长二十日" in text
    assert "本机关于2025年3月20日依法举行了听证" in text
    assert "第六十六条的规定，本机关决定：责令被申请人在一定期限内依法履行法定职责" in text
