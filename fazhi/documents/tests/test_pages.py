"""The back-office pages: each step is done from the document page by the person whose
step it is; a refused step comes back with the reason."""

import datetime as dt

import pytest

from fazhi.core.models import Deadline
from fazhi.documents.models import NormativeDocument

from .conftest import BODY, today

pytestmark = pytest.mark.today(2025, 11, 10)

S = NormativeDocument.Status


def post(client, doc, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"/office/documents/{doc.pk}/", data)


def test_draft_pages(people, district, login):
    client = login(people["scjg_clerk"])
    assert client.get("/office/documents/new/").status_code == 200
    r = client.post(
        "/office/documents/new/",
        {
            "title": "示范区城市道路临时占用管理办法",
            "unit": district["scjg"].pk,
            "issuer": district["gov"].pk,
            "body": BODY + "\n第五条 占用道路的，处以二千元罚款。",
            "explanation": "",
            "basis": "《城市道路管理条例》",
        },
    )
    assert r.status_code == 302
    doc = NormativeDocument.objects.get()
    body = client.get(f"/office/documents/{doc.pk}/").content.decode()
    # The 37号 screen points at the penalty the draft would create.
    assert "处以二千元罚款" in body and "不得增设行政许可、行政处罚、行政强制等事项" in body
    assert client.get(f"/office/documents/{doc.pk}/edit/").status_code == 200
    r = client.post(
        f"/office/documents/{doc.pk}/edit/",
        {
            "title": doc.title,
            "unit": district["scjg"].pk,
            "issuer": district["gov"].pk,
            "body": BODY,
            "explanation": "说明",
            "basis": "",
        },
    )
    assert r.status_code == 302
    # Issuer must be the unit or above it.
    r = client.post(
        "/office/documents/new/",
        {"title": "x", "unit": district["scjg"].pk, "issuer": district["sfj"].pk, "body": ""},
    )
    assert r.status_code == 400 and "制定机关应为起草单位本身或其上级人民政府" in r.content.decode()
    assert "示范区城市道路临时占用管理办法" in client.get("/office/documents/").content.decode()
    assert client.get("/office/documents/?status=drafting&q=临时占用").status_code == 200


def test_every_step_from_the_page(people, district, make, login):
    clerk = login(people["scjg_clerk"])
    doc = make.draft(people, district)
    # Refused: the review before public participation, with the reason shown.
    r = post(clerk, doc, "review", self_checked="on")
    assert r.status_code == 400 and "公众参与程序尚未完成" in r.content.decode()
    r = post(
        clerk,
        doc,
        "consult",
        opens_on=today(),
        closes_on=today() + dt.timedelta(days=5),
        urgent_reason="",
    )
    assert r.status_code == 400 and "不得少于30日" in r.content.decode()
    r = post(clerk, doc, "exempt", reason="仅涉及内部工作程序", approved_by="局长李四")
    assert r.status_code == 302
    assert post(clerk, doc, "review", self_checked="on").status_code == 302
    make.reviewer_opinion(doc, people)
    coord = login(people["coordinator"])
    body = coord.get(f"/office/documents/{doc.pk}/").content.decode()
    assert "审查结论：合法" in body
    assert (
        post(
            coord,
            doc,
            "discuss",
            meeting="区政府第3次常务会议",
            date=today(),
            outcome="approved",
            note="",
        ).status_code
        == 302
    )
    assert post(coord, doc, "number", on=today()).status_code == 302
    doc.refresh_from_db()
    assert doc.status == S.NUMBERED and doc.doc_number
    r = post(
        coord, doc, "publish", published_on=today(), effective_on="", valid_until="", channel=""
    )
    assert r.status_code == 302
    doc.refresh_from_db()
    assert doc.status == S.PUBLISHED and doc.publication_channel == "政府门户网站"
    body = coord.get("/office/documents/filings/").content.decode()
    assert doc.title in body and "待报送 1" in body
    ahead = today() + dt.timedelta(days=2)
    r = post(coord, doc, "file", filed_on=ahead, filed_with="", late_reason="")
    assert r.status_code == 400 and "报送备案日期不能晚于今天" in r.content.decode()
    r = post(coord, doc, "file", filed_on=today(), filed_with="市人民政府", late_reason="")
    assert r.status_code == 302
    r = post(coord, doc, "filing_outcome", outcome="passed", on=today(), note="")
    assert r.status_code == 302
    # A document published long ago and filed only today: late, with the reason required.
    old = make.published(
        people, district, title="示范区早年印发的办法", on=today() - dt.timedelta(days=40)
    )
    r = post(coord, old, "file", filed_on=today(), filed_with="", late_reason="")
    assert r.status_code == 400 and "请说明逾期报送的原因" in r.content.decode()
    r = post(coord, old, "file", filed_on=today(), filed_with="市人民政府", late_reason="漏报")
    assert r.status_code == 302
    assert "逾期" in coord.get("/office/documents/filings/?tab=filed").content.decode()
    r = post(clerk, doc, "evaluate", on=today(), recommendation="retain", conclusion="实施良好")
    assert r.status_code == 302
    r = post(coord, doc, "repeal", on=today(), by="", reason="")
    assert (
        r.status_code == 400 and "废止文件须注明废止它的文件，或说明废止理由" in r.content.decode()
    )
    r = post(coord, doc, "repeal", on=today(), by="不存在的文号", reason="")
    assert r.status_code == 400 and "没有文号为“不存在的文号”的文件" in r.content.decode()
    r = post(coord, doc, "expire", on=today(), reason="上位法废止")
    assert r.status_code == 302
    doc.refresh_from_db()
    assert doc.status == S.EXPIRED
    page = coord.get(f"/office/documents/{doc.pk}/").content.decode()
    assert "宣布失效：上位法废止" in page and "全过程记录" in page
    assert not Deadline.objects.filter(record_id=str(doc.pk), state="running").exists()


def test_amend_and_repeal_from_page_show_history(people, district, make, login, client):
    coord = login(people["coordinator"])
    old = make.published(people, district, title="示范区甲办法")
    fix = make.published(people, district, title="示范区关于修改甲办法的决定")
    new = make.published(people, district, title="示范区乙办法")
    assert post(coord, old, "amend", by=fix.doc_number, on=today(), note="").status_code == 302
    assert post(coord, old, "repeal", by=new.doc_number, on=today(), reason="").status_code == 302
    page = coord.get(f"/office/documents/{old.pk}/").content.decode()
    assert "被修改" in page and "被废止" in page and new.doc_number in page
    client.logout()
    public = client.get(f"/documents/{old.pk}/").content.decode()
    assert "已废止" in public and "被废止" in public and new.title in public and fix.title in public
    assert "废止了" in client.get(f"/documents/{new.pk}/").content.decode()
