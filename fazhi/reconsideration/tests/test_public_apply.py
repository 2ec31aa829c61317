"""The online application on the portal: the form, the period check step (a warning and a
confirmation when late, never a refusal), the number and query code shown once, errors in
Chinese with everything typed kept, core's upload check, and the rate limit."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.core.models import Attachment, Event
from fazhi.core.tests.refusal import freeze
from fazhi.reconsideration.models import Application
from fazhi.reconsideration.public import FILES_AGAIN
from fazhi.reconsideration.services import applications
from fazhi.reconsideration.services.common import code_matches

from .conftest import PERSON_ID

TODAY = dt.date(2025, 11, 10)
URL = "/reconsideration/apply/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def today(monkeypatch):
    freeze(monkeypatch, TODAY)
    return TODAY


def form_data(district, **kw):
    data = {
        "applicant_kind": "person",
        "applicant_name": "王小明",
        "applicant_id": PERSON_ID,
        "applicant_phone": "13800138000",
        "applicant_address": "测试区城关街道幸福路12号",
        "agent_name": "",
        "respondent_unit": str(district["scjg"].pk),
        "respondent_other": "",
        "act": "罚款2000元的行政处罚决定",
        "act_number": "测市监罚〔2025〕12号",
        "act_on": "2025-10-20",
        "known_on": "2025-10-22",
        "remedy_told": "yes",
        "remedy_known_on": "",
        "requests": "撤销该行政处罚决定",
        "reasons": "认定事实不清，证据不足。",
        "document_review": "",
    }
    data.update(kw)
    return data


def test_the_form_offers_the_districts_departments_and_townships(district, today):
    page = Client().get(URL).content.decode()
    assert district["scjg"].name in page and district["town"].name in page
    assert "其他行政机关" in page
    assert district["gov"].name not in page.split("respondent_unit")[1].split("</select>")[0]


def test_the_check_step_shows_the_period_and_creates_nothing(district, today):
    resp = Client().post(URL, form_data(district, action="check"))
    text = resp.content.decode()
    assert resp.status_code == 200
    # 60 days from 2025-10-22: 2025-12-21 is a Sunday, so the end rolls to Monday 12-22.
    assert "2025年10月22日" in text and "2025年12月22日" in text
    assert "在申请期限内" in text
    assert "已超过申请期限" not in text
    assert Application.objects.count() == 0
    # Everything typed goes on with the confirmation form.
    assert 'name="applicant_name" value="王小明"' in text


def test_submitting_gives_the_number_and_the_code_once(district, today):
    client = Client()
    pdf = SimpleUploadedFile("决定书.pdf", PDF, "application/pdf")
    resp = client.post(URL, {**form_data(district, action="submit"), "attachments": [pdf]})
    assert resp.status_code == 302 and resp["Location"] == "/reconsideration/apply/done/"
    app = Application.objects.get()
    assert app.channel == "online" and app.received_on == TODAY and app.recorded_by is None
    assert app.respondent == district["scjg"] and not app.late
    page = client.get(resp["Location"]).content.decode()
    assert app.tracking_number in page
    code = page.split('id="query-code">')[1].split("<")[0]
    assert len(code) == 8 and code_matches(app.access_code_hash, code)
    assert f"/reconsideration/track/{app.link_token}/" in page
    assert "只在本页面显示这一次" in page and "5个工作日内审查" in page
    # Shown once: the page does not show the code again.
    again = client.get(resp["Location"]).content.decode()
    assert code not in again and app.tracking_number not in again
    # The attachment passed core's upload check and is on the application's record.
    att = Attachment.objects.get(record_type="reconsideration.application", record_id=str(app.pk))
    assert att.kind == "pdf" and att.uploaded_by is None
    assert Event.objects.filter(action="recon_received", record_id=str(app.pk)).exists()


def test_online_submission_with_a_file_through_the_service(district, today):
    """The service bug fixed here: an online application (no account) with attachments was
    refused by core's permission check on uploads."""
    pdf = SimpleUploadedFile("a.pdf", PDF, "application/pdf")
    app, _ = applications.submit(
        channel="online", actor=None, attachments=[pdf], **_service_args(district)
    )
    assert Attachment.objects.filter(record_id=str(app.pk)).count() == 1


def _service_args(district):
    return dict(
        applicant_kind="person",
        applicant_name="王小明",
        applicant_id=PERSON_ID,
        applicant_phone="13800138000",
        respondent=district["scjg"],
        act="罚款",
        known_on=dt.date(2025, 10, 22),
        requests="撤销",
        reasons="理由",
    )


def test_a_late_application_is_warned_and_needs_a_confirmation(district, today):
    client = Client()
    late = form_data(district, act_on="2025-07-01", known_on="2025-07-02")
    check = client.post(URL, {**late, "action": "check"}).content.decode()
    # 60 days from 2025-07-02 end on 2025-08-31 (a Sunday) → 2025-09-01; 70 days late.
    assert "已超过申请期限70日" in check and "2025年9月1日" in check
    assert "late_explanation" in check and "第二十条第二款" in check
    refused = client.post(URL, {**late, "action": "submit"})
    text = refused.content.decode()
    assert refused.status_code == 400 and Application.objects.count() == 0
    assert "请确认仍要提交" in text and "请说明未能在期限内申请的原因" in text
    assert 'value="王小明"' in text
    resp = client.post(
        URL,
        {**late, "action": "submit", "late_confirmed": "on",
         "late_explanation": "住院治疗，2025年11月1日出院"},
    )  # fmt: skip
    assert resp.status_code == 302
    app = Application.objects.get()
    assert app.late and app.period_end == dt.date(2025, 9, 1)
    assert "住院治疗" in app.reasons and "关于申请期限的说明" in app.reasons


def test_bad_input_gets_chinese_messages_and_keeps_what_was_typed(district, today):
    resp = Client().post(
        URL,
        form_data(district, action="check", applicant_id="110105199003071230",
                  applicant_phone="12", known_on="2025-12-01", requests=""),
    )  # fmt: skip
    text = resp.content.decode()
    assert resp.status_code == 400
    assert "居民身份证号码校验位" in text
    assert "知道该行政行为的日期不能晚于今天" in text
    assert "请填写行政复议请求" in text
    assert 'value="王小明"' in text and "认定事实不清，证据不足。" in text
    assert Application.objects.count() == 0


def test_another_agency_is_typed_by_name(district, today):
    resp = Client().post(URL, form_data(district, action="check", respondent_unit="other"))
    assert resp.status_code == 400 and "请填写被申请人的名称" in resp.content.decode()
    data = form_data(district, action="submit", respondent_unit="other",
                     respondent_other="测试市自然资源和规划局")  # fmt: skip
    assert Client().post(URL, data).status_code == 302
    app = Application.objects.get()
    assert app.respondent is None and app.respondent_name == "测试市自然资源和规划局"


def test_a_disguised_file_is_refused_and_nothing_is_kept_but_what_was_typed(district, today):
    exe = SimpleUploadedFile("证据.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    resp = Client().post(URL, {**form_data(district, action="submit"), "attachments": [exe]})
    text = resp.content.decode()
    assert resp.status_code == 400
    assert FILES_AGAIN in text
    assert 'value="王小明"' in text
    assert Application.objects.count() == 0 and Attachment.objects.count() == 0


def test_applications_are_rate_limited_per_client(district, today, settings):
    settings.FAZHI_RECON_APPLY_RATE = 2
    client = Client()
    for n in range(2):
        data = form_data(district, action="submit", requests=f"撤销该行政处罚决定{n}")
        assert client.post(URL, data).status_code == 302
    resp = client.post(URL, form_data(district, action="submit"))
    text = resp.content.decode()
    assert resp.status_code == 429 and "提交过于频繁" in text and 'value="王小明"' in text
    assert Application.objects.count() == 2
    # Another address is not held up.
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.post(URL, form_data(district, action="submit")).status_code == 302


def test_going_back_keeps_everything(district, today):
    resp = Client().post(URL, form_data(district, action="edit"))
    text = resp.content.decode()
    assert resp.status_code == 200 and 'value="王小明"' in text and "认定事实不清" in text
    assert 'id="apply-form"' in text


def test_not_told_of_the_right_counts_from_knowing_it_capped_at_a_year(district, today):
    client = Client()
    untold = form_data(district, act_on="2025-01-02", known_on="2025-01-03", remedy_told="no")
    resp = client.post(URL, {**untold, "action": "check"})
    assert resp.status_code == 400
    assert "请填写您知道申请行政复议的权利和期限的日期" in resp.content.decode()
    text = client.post(
        URL, {**untold, "action": "check", "remedy_known_on": "2025-10-09"}
    ).content.decode()
    # 60 days from 2025-10-09 would end 2025-12-08, but the year from knowing the act ends
    # on 2026-01-03: within the period.
    assert "2025年10月9日" in text and "2025年12月8日" in text and "在申请期限内" in text
    text = client.post(
        URL, {**untold, "action": "check", "remedy_known_on": "2024-12-30"}
    ).content.decode()
    assert "知道申请复议权利的日期不能早于知道行政行为的日期" in text
