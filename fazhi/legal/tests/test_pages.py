"""Legal pages and API for each persona: scoping (404 by page and API for other units),
forms that keep their input on a refusal, the opinion letter as DOCX."""

import datetime as dt
import io

import pytest
from docx import Document

from fazhi.core.models import Attachment
from fazhi.legal import services
from fazhi.legal.models import Contract, LegalReview

from .conftest import upload

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date


@pytest.fixture
def review(people, district):
    """A township's matter sent to the 司法局."""
    return services.request_review(
        kind="other",
        unit=district["town"],
        title="区政府常务会议议题《关于城关街道老旧小区加装电梯的实施意见》",
        actor=people["town_clerk"],
        materials=[upload()],
        on=D(2025, 6, 3),
    )


@pytest.fixture
def concluded(review, people, adviser):
    services.assign(review, assignee=people["legal"], actor=people["coordinator"], adviser=adviser)
    return services.conclude(
        review,
        opinion="lawful_if_amended",
        reasons="第五条“一律不予审批”的表述缺乏法律依据，建议删除。\n第九条补贴标准应经财政部门审核后公布。",
        actor=people["legal"],
        on=D(2025, 6, 13),
    )


PAGES = [
    "/office/legal/",
    "/office/legal/reviews/?tab=mine",
    "/office/legal/reviews/?tab=unit&state=open",
    "/office/legal/reviews/?kind=noncontract&year=2025",
    "/office/legal/advisers/",
    "/office/legal/advisers/?all=1&kind=counsel",
    "/office/legal/participations/?year=2025",
    "/office/legal/contracts/",
    "/office/legal/contracts/?state=registered&year=2025&q=停车",
]


@pytest.mark.parametrize(
    "persona",
    [
        "sfj_clerk",
        "scjg_clerk",
        "scjg_reviewer",
        "town_clerk",
        "legal",
        "coordinator",
        "leader",
        "admin",
    ],
)
def test_pages_render_for_each_persona(persona, cast, login, concluded, adviser):
    client = login(cast[persona])
    for url in PAGES:
        resp = client.get(url)
        assert resp.status_code == 200, (persona, url)
        assert "合法性审查" in resp.content.decode()
    if persona in ("town_clerk", "legal", "coordinator", "leader", "admin"):
        assert client.get(f"/office/legal/reviews/{concluded.pk}/").status_code == 200
        assert client.get(f"/office/legal/reviews/{concluded.pk}/opinion.docx").status_code == 200
    for url in (
        "/office/legal/reviews/new/",
        "/office/legal/contracts/new/",
        "/office/legal/advisers/new/",
    ):
        expected = 403 if persona == "leader" else 200  # leaders read only
        assert client.get(url).status_code == expected, (persona, url)


def test_anonymous_is_sent_to_login(client, review):
    resp = client.get(f"/office/legal/reviews/{review.pk}/")
    assert resp.status_code == 302 and "/login" in resp["Location"]
    assert client.get(f"/api/legal/reviews/{review.pk}").status_code == 401


def test_other_units_clerk_cannot_read_by_page_or_api(cast, login, review):
    for name in ("scjg_clerk", "sfj_clerk", "scjg_legal"):
        client = login(cast[name])
        assert client.get(f"/office/legal/reviews/{review.pk}/").status_code == 404
        assert client.get(f"/office/legal/reviews/{review.pk}/opinion.docx").status_code == 404
        att = Attachment.objects.filter(
            record_id=str(review.pk), record_type="legal.legalreview"
        ).first()
        assert (
            client.get(f"/office/legal/reviews/{review.pk}/materials/{att.pk}/").status_code == 404
        )
        resp = client.get(f"/api/legal/reviews/{review.pk}")
        assert resp.status_code == 404 and resp.json()["detail"] == "记录不存在或无权访问"
        listed = client.get("/api/legal/reviews").json()["items"]
        assert review.pk not in [r["id"] for r in listed]
        assert review.subject_title not in client.get("/office/legal/reviews/").content.decode()
    # The reviewing unit's legal reviewer reads it, and its materials (core's attachment
    # page scopes by the uploading unit; legal's own download does not need that).
    client = login(cast["legal"])
    assert client.get(f"/api/legal/reviews/{review.pk}").json()["reviewer_unit_code"] == "D08"
    att = Attachment.objects.get(record_id=str(review.pk), record_type="legal.legalreview")
    resp = client.get(f"/office/legal/reviews/{review.pk}/materials/{att.pk}/")
    assert resp.status_code == 200 and b"".join(resp.streaming_content).decode().startswith("关于")


def test_conclude_form_refused_keeps_input(login, people, review):
    client = login(people["legal"])
    url = f"/office/legal/reviews/{review.pk}/"
    reasons = "第三条应明确加装电梯的业主表决比例。"
    resp = client.post(
        url,
        {
            "action": "conclude",
            "conclude-opinion": "lawful_if_amended",
            "conclude-reasons": reasons,
            "conclude-written": "on",
            "conclude-on": "2025-06-05",
            "conclude-early_reason": "",
        },
    )
    assert resp.status_code == 400
    html = resp.content.decode()
    assert "最早可于2025-06-10出具意见" in html and reasons in html
    assert LegalReview.objects.get(pk=review.pk).state == "submitted"
    # Unlawful without reasons: refused, Chinese message.
    resp = client.post(
        url,
        {"action": "conclude", "conclude-opinion": "unlawful", "conclude-on": "2025-06-16"},
    )
    assert resp.status_code == 400 and "须写明不合法的理由和依据" in resp.content.decode()
    # Not a date at all: the form says so, no 500.
    resp = client.post(
        url, {"action": "conclude", "conclude-opinion": "lawful", "conclude-on": "x"}
    )
    assert resp.status_code == 400
    resp = client.post(
        url,
        {
            "action": "conclude",
            "conclude-opinion": "lawful",
            "conclude-on": "2025-06-16",
            "conclude-written": "on",
        },
    )
    assert resp.status_code == 302
    assert LegalReview.objects.get(pk=review.pk).state == "concluded"


def test_requester_cannot_conclude_by_page(login, people, review):
    resp = login(people["town_clerk"]).post(
        f"/office/legal/reviews/{review.pk}/",
        {"action": "conclude", "conclude-opinion": "lawful", "conclude-on": "2025-06-20"},
    )
    assert (
        resp.status_code == 403
        and "只有测试区司法局的法制审核人员可以出具审查意见" in resp.content.decode()
    )


def test_return_and_resubmit_by_page(login, people, review):
    legal = login(people["legal"])
    url = f"/office/legal/reviews/{review.pk}/"
    resp = legal.post(url, {"action": "return", "return-reason": "", "return-on": "2025-06-05"})
    assert resp.status_code == 400
    resp = legal.post(
        url,
        {"action": "return", "return-reason": "请补充业主意见征集情况", "return-on": "2025-06-05"},
    )
    assert resp.status_code == 302
    town = login(people["town_clerk"])
    resp = town.post(url, {"action": "resubmit", "resubmit-note": "", "resubmit-on": "2025-06-09"})
    assert resp.status_code == 400 and "请上传补充的材料或说明补充情况" in resp.content.decode()
    resp = town.post(
        url,
        {
            "action": "resubmit",
            "resubmit-note": "已补充",
            "resubmit-on": "2025-06-09",
            "resubmit-file": upload("业主意见.txt"),
        },
    )
    assert resp.status_code == 302
    page = town.get(url).content.decode()
    assert "恢复计时" in page and "业主意见.txt" in page


def test_request_by_page(login, people, district):
    client = login(people["scjg_clerk"])
    resp = client.post(
        "/office/legal/reviews/new/",
        {
            "title": "《市场监管领域轻微违法行为不予处罚清单》",
            "kind": "normative_document",
            "unit": district["scjg"].pk,
            "reviewer_unit": district["sfj"].pk,
        },
    )
    assert resp.status_code == 400  # the draft is required
    assert "《市场监管领域轻微违法行为不予处罚清单》" in resp.content.decode()
    resp = client.post(
        "/office/legal/reviews/new/",
        {
            "title": "《市场监管领域轻微违法行为不予处罚清单》",
            "kind": "normative_document",
            "unit": district["scjg"].pk,
            "reviewer_unit": district["sfj"].pk,
            "draft": upload(),
        },
    )
    assert resp.status_code == 302
    review = LegalReview.objects.get()
    assert review.is_standalone and review.subject_url == f"/office/legal/reviews/{review.pk}/"


def test_opinion_letter_docx(login, people, concluded):
    resp = login(people["town_clerk"]).get(f"/office/legal/reviews/{concluded.pk}/opinion.docx")
    assert resp.status_code == 200
    doc = Document(io.BytesIO(resp.content))
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "合法性审查意见书"
    assert texts[1] == "城关街道："
    body = "\n".join(texts)
    assert "区司法局法审〔2025〕1号" in body
    assert "审查结论为：修改后合法" in body
    assert "第五条“一律不予审批”的表述缺乏法律依据，建议删除。" in body
    assert "周律师" in body and "测试律师事务所" in body
    assert "审查时间：2025年6月3日至2025年6月13日，计8个工作日。" in body
    assert texts[-2:] == ["测试区司法局", "2025年6月13日"]
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.top_margin.mm) == 37


def test_no_letter_before_conclusion(login, people, review):
    assert (
        login(people["legal"]).get(f"/office/legal/reviews/{review.pk}/opinion.docx").status_code
        == 404
    )


def test_contract_sign_by_page_refused(login, people, district):
    client = login(people["scjg_clerk"])
    resp = client.post(
        "/office/legal/contracts/new/",
        {
            "title": "测试区智慧停车平台运维服务合同",
            "category": "service",
            "counterparty": "某科技公司",
            "counterparty_uscc": "123",
            "unit": district["scjg"].pk,
            "on": "2025-04-01",
        },
    )
    assert resp.status_code == 400 and "统一社会信用代码应为18位" in resp.content.decode()
    assert "测试区智慧停车平台运维服务合同" in resp.content.decode()
    resp = client.post(
        "/office/legal/contracts/new/",
        {
            "title": "测试区智慧停车平台运维服务合同",
            "category": "service",
            "counterparty": "某科技公司",
            "amount": "86.5",
            "unit": district["scjg"].pk,
            "on": "2025-04-01",
        },
    )
    assert resp.status_code == 302
    c = Contract.objects.get()
    url = f"/office/legal/contracts/{c.pk}/"
    assert "未经合法性审查的合同不得签订" in client.get(url).content.decode()
    resp = client.post(url, {"action": "sign", "sign-on": "2025-04-02"})
    assert resp.status_code == 400 and "未经合法性审查的合同不得签订" in resp.content.decode()
    resp = client.post(
        url,
        {"action": "submit", "submit-reviewer_unit": district["sfj"].pk, "submit-on": "2025-04-02"},
    )
    assert resp.status_code == 302
    c.refresh_from_db()
    assert c.state == "under_review" and c.review.kind == "contract"
    # The reviewing legal reviewer may read the contract; another unit's clerk may not.
    assert login(people["legal"]).get(url).status_code == 200
    assert login(people["town_clerk"]).get(url).status_code == 404
    assert login(people["town_clerk"]).get("/api/legal/contracts").json()["count"] == 0


def test_adviser_roster_and_participation_pages(login, people, district):
    client = login(people["coordinator"])
    resp = client.post(
        "/office/legal/advisers/new/",
        {
            "name": "李明",
            "kind": "counsel",
            "unit": district["gov"].pk,
            "employer": "测试律师事务所",
            "phone": "12345",
            "contract_start": "2025-01-01",
            "contract_end": "2026-12-31",
            "active": "on",
        },
    )
    assert resp.status_code == 400 and "电话号码“12345”格式不正确" in resp.content.decode()
    resp = client.post(
        "/office/legal/advisers/new/",
        {
            "name": "李明",
            "kind": "counsel",
            "unit": district["gov"].pk,
            "employer": "测试律师事务所",
            "phone": "0999-8123456",
            "contract_start": "2025-01-01",
            "contract_end": "2026-12-31",
            "active": "on",
        },
    )
    assert resp.status_code == 302
    url = resp["Location"]
    resp = client.post(
        url,
        {
            "p-date": "2024-05-01",
            "p-meeting": "区政府第3次常务会议",
            "p-topic": "x",
            "p-unit": district["gov"].pk,
        },
    )
    assert resp.status_code == 400 and "不在聘期内" in resp.content.decode()
    resp = client.post(
        url,
        {
            "p-date": "2025-05-08",
            "p-meeting": "区政府第9次常务会议",
            "p-topic": "审议停车设施合作协议",
            "p-unit": district["gov"].pk,
        },
    )
    assert resp.status_code == 302
    page = client.get("/office/legal/participations/?year=2025").content.decode()
    assert "区政府第9次常务会议" in page
    # The phone number stays out of the full-process record.
    from fazhi.core.models import Event

    assert not Event.objects.filter(after__icontains="8123456").exists()
