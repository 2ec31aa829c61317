"""The 信访 office screens: the clerk's list (filters, search, XLSX), the registration form
that keeps what was typed, the petition's page with its clocks and one form per step; the
handling unit reads what was transferred to it and acts on its own steps; another unit's
clerk gets 404 and nothing moves; garbage in the query or form never gives a 500."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.mediation.models import Petition

from .petition_fixtures import *  # noqa: F403
from .petition_fixtures import PERSON_ID

URL = "/office/mediation/petitions/"
D = dt.date


def _text(resp) -> str:
    return resp.content.decode()


def _act(client, p, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(f"{URL}{p.pk}/", data)


def _form(**kw) -> dict:
    data = {
        "channel": "visit", "received_on": "2025-03-03", "category": "claim",
        "petitioner_name": "赵大成", "petitioner_id": PERSON_ID, "people_count": "1",
        "subject": "要求补发拆迁过渡费", "content": "2024年拆迁过渡费未按协议发放，请求补发。",
    }  # fmt: skip
    data.update(kw)
    return data


def test_register_by_the_form(login, people, district, at):
    at(D(2025, 3, 3))
    c = login(people["sfj_clerk"])
    resp = c.post(URL + "new/", _form(unit=district["sfj"].pk))
    p = Petition.objects.get()
    assert resp.status_code == 302 and resp.url == f"{URL}{p.pk}/"
    assert p.number == "XF202500001" and p.recorded_by == people["sfj_clerk"]
    page = _text(c.get(f"{URL}{p.pk}/"))
    assert "登记并转送交办信访事项" in page and "2025-03-18" in page
    assert 'id="form-route"' in page


def test_the_form_keeps_what_was_typed_on_a_refusal(login, people, district, at):
    at(D(2025, 3, 3))
    c = login(people["sfj_clerk"])
    reps = "张一\n张二\n张三\n张四\n张五\n张六"
    resp = c.post(URL + "new/", _form(unit=district["sfj"].pk, people_count="40",
                                      representatives=reps))  # fmt: skip
    assert resp.status_code == 400
    page = _text(resp)
    assert "代表人数不超过5人" in page and "张六" in page and "要求补发拆迁过渡费" in page
    assert not Petition.objects.exists()


def test_list_filters_search_and_export(make_petition, login, people):
    make_petition()
    make_petition(received_on=D(2025, 4, 2), category="suggestion", channel="online",
                  subject="建议延长图书馆开放时间", content="建议周末延长开放。")  # fmt: skip
    c = login(people["sfj_clerk"])
    assert "共2件" in _text(c.get(URL))
    assert "共1件" in _text(c.get(URL + "?category=suggestion"))
    assert "共1件" in _text(c.get(URL + "?month=2025-03"))
    assert "共1件" in _text(c.get(URL + "?channel=online&q=图书馆"))
    assert "共0件" in _text(c.get(URL + "?q=不存在的事项"))
    resp = c.get(URL + "export.xlsx?category=claim")
    from openpyxl import load_workbook

    ws = load_workbook(io.BytesIO(resp.content)).active
    assert ws.max_row == 2 and ws.cell(2, 1).value == "XF202500001"


def test_overdue_filter(make_petition, login, people, at):
    make_petition()  # routing due 03-18
    at(D(2025, 3, 19))
    c = login(people["sfj_clerk"])
    assert "共1件" in _text(c.get(URL + "?overdue=1"))
    at(D(2025, 3, 18))
    c = login(people["sfj_clerk"])
    assert "共0件" in _text(c.get(URL + "?overdue=1"))


def test_handling_unit_sees_what_was_transferred_and_acts(transferred, login, people, at):
    p = transferred()
    at(D(2025, 3, 10))
    c = login(people["scjg_clerk"])
    assert p.number in _text(c.get(URL + "?side=handling"))
    page = _text(c.get(f"{URL}{p.pk}/"))
    assert 'id="form-notify"' in page and 'id="form-object"' in page
    assert 'id="form-route"' not in page
    resp = _act(c, p, "notify", accepted="1", notified_on="2025-03-10")
    assert resp.status_code == 302
    assert Petition.objects.get(pk=p.pk).state == "handling"


def test_refused_step_keeps_the_form_and_moves_nothing(transferred, login, people, at):
    p = transferred()
    at(D(2025, 3, 14))
    c = login(people["scjg_clerk"])
    with nothing_moved(p):
        resp = _act(c, p, "object", on="2025-03-14", reason="摊位费属区商务局管理")
    assert resp.status_code == 400
    page = _text(resp)
    assert "5个工作日内（至2025-03-13）" in page and "摊位费属区商务局管理" in page


def test_another_units_clerk_gets_404_and_nothing_moves(transferred, login, people):
    p = transferred()
    c = login(people["town_clerk"])
    assert c.get(f"{URL}{p.pk}/").status_code == 404
    with nothing_moved(p):
        assert _act(c, p, "notify", accepted="1", notified_on="2025-03-06").status_code == 404
    assert p.number not in _text(c.get(URL))
    assert "共0件" in _text(c.get(URL))


def test_registering_clerk_cannot_take_the_handling_units_step(transferred, login, people):
    p = transferred()
    c = login(people["sfj_clerk"])
    assert 'id="form-notify"' not in _text(c.get(f"{URL}{p.pk}/"))
    with nothing_moved(p):
        resp = _act(c, p, "notify", accepted="1", notified_on="2025-03-06")
    assert resp.status_code == 403


def test_leader_reads_only(transferred, login, people):
    p = transferred()
    c = login(people["leader"])
    page = _text(c.get(f"{URL}{p.pk}/"))
    assert p.number in page and 'id="form-' not in page


def test_repeat_after_re_review_offers_only_not_accepted(re_reviewed, login, people, at):
    old = re_reviewed()
    at(D(2025, 8, 1))
    c = login(people["sfj_clerk"])
    resp = c.post(URL + "new/", _form(unit=old.unit_id, received_on="2025-08-01",
                                      subject=old.subject, content=old.content,
                                      same_as=old.number))  # fmt: skip
    new = Petition.objects.exclude(pk=old.pk).get()
    page = _text(c.get(resp.url))
    assert "已经复核，不再受理" in page
    form = page.split('id="form-route"')[1].split("</form>")[0]
    assert 'value="not_accepted"' in form and 'value="handle"' not in form
    with nothing_moved(new):
        assert _act(c, new, "route", route="handle", on="2025-08-01").status_code == 400


@pytest.mark.parametrize(
    "query",
    ["?month=2025-13", "?month=abc", "?state=x&category=%00", "?page=999999", "?page=-1",
     "?q=" + "长" * 500, "?overdue=2&side=x"],
)  # fmt: skip
def test_garbage_in_the_list_is_never_a_500(make_petition, login, people, query):
    make_petition()
    c = login(people["sfj_clerk"])
    assert c.get(URL + query).status_code in (200, 400)
    assert c.get(URL + "export.xlsx" + query).status_code in (200, 400)


def test_garbage_in_forms_is_never_a_500(make_petition, login, people, district):
    p = make_petition()
    c = login(people["sfj_clerk"])
    assert (
        c.post(URL + "new/", {"received_on": "2025-02-30", "people_count": "x"}).status_code == 400
    )
    assert c.post(URL + "new/", _form(unit=district["sfj"].pk, same_as="XF0")).status_code == 400
    assert (
        _act(c, p, "route", route="transfer", on="yesterday", handling_unit="abc").status_code
        == 400
    )
    assert _act(c, p, "nonsense").status_code == 404
    assert _act(c, p, "route", route="transfer", on="2025-03-03").status_code == 400
    assert c.get(f"{URL}999999/").status_code == 404


def test_a_form_opened_before_a_colleagues_step_is_refused(transferred, people, login, at):
    p = transferred()
    at(D(2025, 3, 10))
    c = login(people["scjg_clerk"])
    token = _text(c.get(f"{URL}{p.pk}/")).split('name="lock" value="')[1].split('"')[0]
    from fazhi.mediation.services import petitions

    petitions.notify(p, accepted=True, notified_on=D(2025, 3, 7), actor=people["coordinator"])
    p = Petition.objects.get(pk=p.pk)
    with nothing_moved(p):
        resp = c.post(f"{URL}{p.pk}/", {
            "action": "object", "lock": token, "object-on": "2025-03-10",
            "object-reason": "不属本局管理的事项",
        })  # fmt: skip
    assert resp.status_code == 400
    text = _text(resp)
    assert "你打开后" in text and "不属本局管理的事项" in text


def test_notice_and_opinion_as_docx(concluded, make_petition, login, people):
    p = concluded()
    c = login(people["scjg_clerk"])
    page = _text(c.get(f"{URL}{p.pk}/"))
    assert "信访处理意见书" in page
    for kind in ("notice", "opinion"):
        resp = c.get(f"{URL}{p.pk}/docx/{kind}/")
        assert resp.status_code == 200 and resp.content[:2] == b"PK"
    from docx import Document

    text = "\n".join(x.text for x in Document(io.BytesIO(resp.content)).paragraphs)
    assert "区市监信意〔2025〕3号" in text and "30日内请求" in text and "王小明" in text
    fresh = make_petition(subject="另一事项", content="另一内容")
    assert c.get(f"{URL}{fresh.pk}/docx/notice/").status_code == 404  # not its unit's
    assert login(people["sfj_clerk"]).get(f"{URL}{fresh.pk}/docx/notice/").status_code == 409
    assert c.get(f"{URL}{p.pk}/docx/nonsense/").status_code == 404
    assert login(people["town_clerk"]).get(f"{URL}{p.pk}/docx/opinion/").status_code == 404
