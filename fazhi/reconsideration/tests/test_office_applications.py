"""The application screens of the 复议机构: counter intake (窗口登记) with its period check,
the queue (filters, search, XLSX) and the application page with the review actions, scoped
to the 复议机构 (the respondent reads, others get 404, the leader only reads)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import Event
from fazhi.core.tests.refusal import freeze, nothing_moved
from fazhi.reconsideration.models import Application, Case

from .conftest import PERSON_ID

URL = "/office/reconsideration/applications/"
DAY = dt.date(2025, 3, 3)


def _text(resp) -> str:
    return resp.content.decode()


def _counter(**kw) -> dict:
    data = {
        "channel": "counter",
        "received_on": "2025-03-03",
        "applicant_kind": "person",
        "applicant_name": "李秀英",
        "applicant_id": PERSON_ID,
        "applicant_phone": "13900139000",
        "respondent_name": "",
        "act": "责令停止施工的行政命令",
        "act_on": "2025-02-10",
        "known_on": "2025-02-12",
        "remedy_told": "on",
        "requests": "撤销该行政命令",
        "reasons": "施工手续齐全。",
    }
    data.update(kw)
    return data


def test_a_clerk_registers_a_counter_application_and_sees_its_period_check(
    district, people, login, monkeypatch
):
    freeze(monkeypatch, DAY)
    client = login(people["sfj_clerk"])
    assert "窗口登记" in _text(client.get(URL))
    resp = client.post(
        URL + "new/",
        _counter(
            respondent=district["scjg"].pk,
            act_on="2024-10-30",
            known_on="2024-11-01",  # 60 days ended on 2024-12-31
            attachments=SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 test", "application/pdf"),
        ),
    )
    app = Application.objects.get()
    assert resp.status_code == 302 and resp["Location"] == f"{URL}{app.pk}/"
    assert app.channel == "counter" and app.recorded_by == people["sfj_clerk"]
    assert app.late and app.respondent == district["scjg"]
    page = client.get(resp["Location"])
    text = _text(page)
    assert "申请人查询码" in text  # shown once, with the tracking number
    assert app.tracking_number in text
    assert "超过申请期限" in text and app.period_note in text
    assert "2024-12-31" in text  # the computed end of the 60 days
    assert "受理审查期限" in text and "2025-03-10" in text  # 5 working days
    assert Event.objects.filter(record_id=str(app.pk), action="recon_received").exists()


def test_an_oral_application_needs_its_record_and_keeps_what_was_typed(
    district, people, login, monkeypatch
):
    freeze(monkeypatch, DAY)
    client = login(people["sfj_clerk"])
    resp = client.post(URL + "new/", _counter(channel="oral", respondent_name="某县自然资源局"))
    assert resp.status_code == 400
    text = _text(resp)
    assert "口头申请的，应当制作笔录并经申请人确认" in text
    assert "李秀英" in text and "某县自然资源局" in text  # nothing typed is lost
    assert not Application.objects.exists()
    # A service refusal (a date after receipt) is shown in Chinese, the input kept.
    resp = client.post(URL + "new/", _counter(known_on="2025-03-05", respondent_name="某局"))
    assert resp.status_code == 400
    assert "知道该行政行为的日期不能晚于提出申请的日期" in _text(resp)
    assert "责令停止施工的行政命令" in _text(resp)
    resp = client.post(
        URL + "new/",
        _counter(channel="oral", respondent_name="某局", oral_record="申请人口述：……已确认。"),
    )
    assert resp.status_code == 302
    assert Application.objects.get().oral_record.startswith("申请人口述")


def test_the_period_is_checked_before_saving(district, people, login, monkeypatch):
    freeze(monkeypatch, DAY)
    client = login(people["sfj_clerk"])
    resp = client.post(URL + "new/", _counter(respondent_name="某局", check="1"))
    assert resp.status_code == 200
    assert "申请期限核查（尚未登记）" in _text(resp) and "在申请期限内" in _text(resp)
    assert not Application.objects.exists()


def test_only_the_body_registers(district, people, login, monkeypatch):
    freeze(monkeypatch, DAY)
    for who in ("scjg_clerk", "town_clerk", "leader"):
        client = login(people[who])
        assert client.get(URL + "new/").status_code == 403, who
        assert client.post(URL + "new/", _counter(respondent_name="某局")).status_code == 403
        assert "窗口登记" not in _text(client.get(URL))
    assert not Application.objects.exists()


def test_the_queue_filters_searches_and_exports(apply_, district, people, login, monkeypatch):
    late, _ = apply_(received_on=dt.date(2025, 3, 3), known_on=dt.date(2024, 11, 1),
                     act_on=dt.date(2024, 10, 30), applicant_name="张迟到")  # fmt: skip
    oral, _ = apply_(received_on=dt.date(2025, 3, 4), channel="oral", oral_record="笔录",
                     applicant_name="赵口述", respondent=district["town"])  # fmt: skip
    old, _ = apply_(received_on=dt.date(2024, 12, 2), applicant_name="钱去年")
    freeze(monkeypatch, dt.date(2025, 3, 5))
    client = login(people["sfj_clerk"])
    text = _text(client.get(URL))
    for a in (late, oral, old):
        assert a.tracking_number in text
    assert "2025-03-10" in text  # the review clock of the 3 March application

    def shown(**q):
        t = _text(client.get(URL, q))
        return {a.applicant_name for a in (late, oral, old) if a.tracking_number in t}

    assert shown(late="1") == {"张迟到"}
    assert shown(channel="oral") == {"赵口述"}
    assert shown(year="2024") == {"钱去年"}
    assert shown(respondent=district["town"].pk) == {"赵口述"}
    assert shown(q="赵口") == {"赵口述"}
    assert shown(q=oral.tracking_number) == {"赵口述"}
    assert shown(state="accepted") == set()
    assert shown(year="abc", late="x", respondent="zz") == {"张迟到", "赵口述", "钱去年"}
    resp = client.get(URL + "export.xlsx", {"late": "1"})
    assert resp.status_code == 200
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(resp.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "申请编号" and len(rows) == 2
    assert rows[1][0] == late.tracking_number and rows[1][7] == "是"


def _act(client, app, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"{URL}{app.pk}/", data)


def test_correction_then_acceptance_on_the_page(apply_, people, login, monkeypatch):
    app, _ = apply_()
    freeze(monkeypatch, dt.date(2025, 3, 4))
    client = login(people["sfj_clerk"])
    page = _text(client.get(f"{URL}{app.pk}/"))
    for offered in ("通知补正", "不予受理", "告知向有权机关申请", "案件涉及款额三千元以下"):
        assert offered in page
    resp = _act(client, app, "correction", on="2025-03-04", items="缺少身份证明")
    assert resp.status_code == 302
    app.refresh_from_db()
    assert app.state == "correction" and app.correction_items == "缺少身份证明"
    text = _text(client.get(f"{URL}{app.pk}/"))
    assert "申请人补正期限" in text
    assert f"{URL}{app.pk}/docx/correction/" in text  # the 补正通知书 to download
    freeze(monkeypatch, dt.date(2025, 3, 10))
    resp = _act(client, app, "corrected", on="2025-03-10")
    assert resp.status_code == 302
    # 简易程序 on the amount ground above 3,000 yuan: refused, the typed values kept.
    with nothing_moved(app):
        resp = _act(client, app, "accept", on="2025-03-10", procedure="simple",
                    simple_ground="amount", amount="5000")  # fmt: skip
    assert resp.status_code == 400
    text = _text(resp)
    assert "超过3,000元，不能以款额为由适用简易程序" in text
    assert 'value="5000"' in text
    resp = _act(client, app, "accept", on="2025-03-10", procedure="simple",
                simple_ground="amount", amount="2000")  # fmt: skip
    case = Case.objects.get(application=app)
    assert (
        resp.status_code == 302 and resp["Location"] == f"/office/reconsideration/cases/{case.pk}/"
    )
    assert case.procedure == "simple" and "三千元以下" in case.simple_ground
    text = _text(client.get(f"{URL}{app.pk}/"))
    assert case.number in text and "已受理" in text
    assert f"/office/reconsideration/cases/{case.pk}/docx/acceptance/" in _text(
        client.get(f"/office/reconsideration/cases/{case.pk}/")
    )
    assert "通知补正" not in text  # nothing left to do on an accepted application


def test_reject_refer_withdraw(apply_, people, login, monkeypatch):
    client = login(people["sfj_clerk"])
    a, _ = apply_(applicant_name="甲", today=dt.date(2025, 3, 4))
    assert _act(client, a, "reject", on="2025-03-04", reason="不属于受理范围").status_code == 302
    a.refresh_from_db()
    assert a.state == "rejected" and a.reject_reason == "不属于受理范围"
    b, _ = apply_(applicant_name="乙", today=dt.date(2025, 3, 4))
    resp = _act(client, b, "refer", on="2025-03-04", to="市人民政府", reason="被申请人为区政府")
    assert resp.status_code == 302
    b.refresh_from_db()
    assert b.state == "referred" and b.referred_to == "市人民政府"
    c, _ = apply_(applicant_name="丙", today=dt.date(2025, 3, 4))
    assert _act(client, c, "withdraw", on="2025-03-04", reason="自愿撤回").status_code == 302
    c.refresh_from_db()
    assert c.state == "withdrawn"
    # A refused action on a closed application: a Chinese message, no change.
    with nothing_moved(c):
        resp = _act(client, c, "accept", on="2025-03-04", procedure="ordinary")
    assert resp.status_code == 400 and "该申请已撤回，不能受理" in _text(resp)
    with nothing_moved(a):
        resp = _act(client, a, "refer", on="2025-03-04", to="市人民政府", reason="x")
    assert resp.status_code == 400 and "该申请已不予受理，不能再办理受理审查" in _text(resp)
    # A date in the future is refused by the service, not a 500.
    d, _ = apply_(applicant_name="丁", today=dt.date(2025, 3, 4))
    with nothing_moved(d):
        resp = _act(client, d, "reject", on="2031-01-01", reason="x")
    assert resp.status_code == 400
    assert client.post(f"{URL}{d.pk}/", {"action": "nonsense"}).status_code == 404


def test_scoping_of_the_application_page(apply_, people, login):
    app, _ = apply_(today=dt.date(2025, 3, 4))
    # Another unit's clerk: 404 on the page and on every action, the row unchanged.
    client = login(people["town_clerk"])
    assert client.get(f"{URL}{app.pk}/").status_code == 404
    assert app.tracking_number not in _text(client.get(URL))
    with nothing_moved(app):
        resp = _act(client, app, "accept", on="2025-03-04", procedure="ordinary")
    assert resp.status_code == 404
    # The respondent's clerk reads the application against it, cannot decide on it.
    client = login(people["scjg_clerk"])
    page = client.get(f"{URL}{app.pk}/")
    assert page.status_code == 200 and "通知补正" not in _text(page)
    assert app.tracking_number in _text(client.get(URL))
    with nothing_moved(app):
        resp = _act(client, app, "accept", on="2025-03-04", procedure="ordinary")
    assert resp.status_code == 403
    # The leader reads and cannot act.
    client = login(people["leader"])
    page = client.get(f"{URL}{app.pk}/")
    assert page.status_code == 200 and "通知补正" not in _text(page)
    with nothing_moved(app):
        resp = _act(client, app, "reject", on="2025-03-04", reason="x")
    assert resp.status_code == 403
    app.refresh_from_db()
    assert app.state == "received"


@pytest.fixture(autouse=True)
def _db(db):
    pass
