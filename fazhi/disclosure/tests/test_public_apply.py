"""The online request on the portal: the agencies offered, Chinese messages on bad input
with everything typed kept (files to be chosen again), a request created through the
service with no actor and channel online, the number and the query code shown once, the
clock waiting for a missing calendar said in words, core's upload check, the rate limit."""

import datetime as dt
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.core.models import Attachment, Event
from fazhi.disclosure.models import DisclosureRequest
from fazhi.disclosure.public_requests import CLOCK_WAITING, FILES_AGAIN
from fazhi.disclosure.services.common import code_matches

from .conftest import PERSON_ID, SHOP_USCC

TODAY = dt.date(2025, 11, 10)
URL = "/disclosure/apply/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def today(at):
    return at(TODAY)


def form_data(district, **kw):
    data = {
        "unit": str(district["scjg"].pk),
        "applicant_type": "person",
        "org_kind": "",
        "applicant_name": "王小明",
        "applicant_id": PERSON_ID,
        "applicant_phone": "13800138000",
        "applicant_address": "测试区城关街道幸福路12号",
        "applicant_email": "wxm@example.com",
        "description": "2024年度本区食品安全监督抽检结果及不合格产品处置情况",
        "delivery": "电子邮件",
    }
    data.update(kw)
    return data


def test_the_form_offers_the_government_departments_and_townships(district, today):
    page = Client().get(URL).content.decode()
    select = page.split('name="unit"')[1].split("</select>")[0]
    for code in ("gov", "sfj", "scjg", "town"):
        assert district[code].name in select
    assert district["community"].name not in select
    for label in (
        "自然人",
        "法人或其他组织",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
    ):
        assert label in page
    # A unit's page leads here with the unit chosen.
    chosen = Client().get(f"{URL}?unit={district['scjg'].pk}").content.decode()
    assert f'value="{district["scjg"].pk}" selected' in chosen


def test_a_request_is_created_online_without_an_actor(district, today):
    client = Client()
    pdf = SimpleUploadedFile("身份证.pdf", PDF, "application/pdf")
    resp = client.post(URL, {**form_data(district), "attachments": [pdf]})
    assert resp.status_code == 302 and resp["Location"] == "/disclosure/apply/done/"
    req = DisclosureRequest.objects.get()
    assert req.channel == "online" and req.recorded_by is None
    assert req.unit == district["scjg"] and req.received_on == TODAY
    assert req.applicant_kind == "person" and req.delivery == "电子邮件"
    assert Event.objects.filter(
        action="disclosure_request_received", record_id=str(req.pk), actor=None
    ).exists()
    att = Attachment.objects.get(record_type="disclosure.disclosurerequest", record_id=str(req.pk))
    assert att.kind == "pdf" and att.uploaded_by is None
    page = client.get(resp["Location"]).content.decode()
    assert req.tracking_number in page
    code = page.split('id="query-code">')[1].split("<")[0]
    assert len(code) == 8 and code_matches(req.access_code_hash, code)
    assert f"/disclosure/status/{req.link_token}/" in page
    # 20 working days from Monday 2025-11-10.
    assert "2025年12月8日前答复" in page and "只在本页面显示这一次" in page
    again = client.get(resp["Location"]).content.decode()
    assert code not in again and req.tracking_number not in again


def test_an_organisation_gives_its_sub_type_and_credit_code(district, today):
    client = Client()
    no_kind = client.post(URL, form_data(district, applicant_type="org", applicant_id=SHOP_USCC,
                                         applicant_name="测试商贸有限公司"))  # fmt: skip
    assert no_kind.status_code == 400 and "请选择法人或其他组织的类别" in no_kind.content.decode()
    assert DisclosureRequest.objects.count() == 0
    resp = client.post(URL, form_data(district, applicant_type="org", org_kind="research",
                                      applicant_id=SHOP_USCC.lower(), applicant_name="测试研究院"))  # fmt: skip
    assert resp.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.applicant_kind == "research" and req.applicant_id == SHOP_USCC


def test_bad_input_gets_chinese_messages_and_keeps_what_was_typed(district, today):
    pdf = SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    resp = Client().post(
        URL,
        {**form_data(district, applicant_id="110105199003071230", applicant_phone="12",
                     applicant_email="", description="", unit=""), "attachments": [pdf]},
    )  # fmt: skip
    text = resp.content.decode()
    assert resp.status_code == 400 and DisclosureRequest.objects.count() == 0
    for message in ("请选择受理申请的行政机关", "校验位", "请填写所需政府信息的描述",
                    "选择电子邮件获取的，请填写电子邮箱", FILES_AGAIN):  # fmt: skip
        assert message in text, message
    # Everything typed is still in the form.
    assert 'value="王小明"' in text and 'value="110105199003071230"' in text
    assert "测试区城关街道幸福路12号" in text
    assert re.search(r'value="person"[^>]*checked', text)


def test_posting_by_mail_needs_an_address(district, today):
    resp = Client().post(URL, form_data(district, delivery="邮寄", applicant_address=""))
    assert resp.status_code == 400 and "选择邮寄的，请填写通讯地址" in resp.content.decode()


def test_a_disguised_file_is_refused_and_nothing_is_created(district, today):
    exe = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    resp = Client().post(URL, {**form_data(district), "attachments": [exe]})
    text = resp.content.decode()
    assert resp.status_code == 400 and DisclosureRequest.objects.count() == 0
    assert FILES_AGAIN in text and 'value="王小明"' in text


def test_the_clock_waiting_for_the_calendar_is_said_instead_of_a_due_date(district, at):
    """From early December the period runs into a year without its holiday notice: the
    request is still received and the page says the due day is to come."""
    at(dt.date(2026, 12, 7))
    client = Client()
    resp = client.post(URL, form_data(district))
    assert resp.status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.deadline_id is None
    page = client.get(resp["Location"]).content.decode()
    assert CLOCK_WAITING in page and "前答复" not in page
    status = client.get(f"/disclosure/status/{req.link_token}/").content.decode()
    assert CLOCK_WAITING in status and "答复期限：" not in status


def test_requests_from_one_address_are_limited(district, today, settings):
    settings.FAZHI_DISCLOSURE_APPLY_RATE = 2
    client = Client()
    for n in range(2):
        assert client.post(URL, form_data(district, description=f"第{n}份文件")).status_code == 302
    refused = client.post(URL, form_data(district, description="第三份文件的内容"))
    text = refused.content.decode()
    assert refused.status_code == 429 and "提交过于频繁" in text and "第三份文件的内容" in text
    assert DisclosureRequest.objects.count() == 2
    assert Client(REMOTE_ADDR="10.9.8.7").post(URL, form_data(district)).status_code == 302


GARBAGE = ["abc", "-1", "9999-12-31", "x" * 10_000, "", "99999999999999999999", "²"]


def test_garbage_in_any_field_is_refused_in_chinese_never_a_500(district, today, settings):
    settings.FAZHI_DISCLOSURE_APPLY_RATE = settings.FAZHI_DISCLOSURE_STATUS_TRIES = 10_000
    client = Client()
    good = form_data(district)
    for name in good:
        for junk in GARBAGE:
            resp = client.post(URL, {**good, name: junk})
            assert resp.status_code in (302, 400), (name, junk, resp.status_code)
    for junk in GARBAGE:
        resp = client.post("/disclosure/status/", {"tracking_number": junk, "code": junk})
        assert resp.status_code in (400, 404, 429), junk
        for path in (
            "/disclosure/units/G00/",
            "/disclosure/interpretations/",
            "/disclosure/apply/",
        ):
            for key in ("catalogue", "year", "page", "q", "unit"):
                assert client.get(path, {key: junk}).status_code == 200, (path, key, junk)
    for path in ("/disclosure/releases/99999999999999999999/", "/disclosure/files/-1/",
                 "/disclosure/status/%00/", "/disclosure/interpretations/99999999999999999999/"):  # fmt: skip
        assert client.get(path).status_code in (400, 404), path
