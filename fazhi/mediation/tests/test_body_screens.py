"""The 调解组织 office screens: the list by unit and kind with the committees whose
composition fails 人民调解法 第九条 flagged, a body's page (members, term, disputes), set-up
and edit, a member joining and leaving, a new term; another township's clerk gets 404 and
changes nothing; what was typed is kept on every error."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.tests.refusal import nothing_moved
from fazhi.mediation.models import BodyMember, MediationBody

from .fixtures_screens import *  # noqa: F403  (fixtures)

URL = "/office/mediation/bodies/"
D = dt.date


@pytest.fixture(autouse=True)
def _db(db):
    pass


def _text(resp) -> str:
    return resp.content.decode()


def fresh(b):
    return MediationBody.objects.get(pk=b.pk)


def _body_post(unit, **kw):
    data = {"unit": unit.pk, "name": "东门社区人民调解委员会", "kind": "village", "sector": "",
            "address": "东门社区服务中心", "phone": "010-61230000",
            "established_on": "2015-06-01", "term_starts_on": "2024-01-02"}  # fmt: skip
    data.update(kw)
    return data


def test_a_clerk_sets_up_a_committee_and_is_told_what_its_composition_lacks(
    district,
    people,
    login,
    at,
):
    at(D(2025, 3, 3))
    client = login(people["town_clerk"])
    resp = client.post(URL + "new/", _body_post(district["community"]))
    assert resp.status_code == 302, _text(resp)
    body = MediationBody.objects.get()
    assert body.unit == district["community"] and body.kind == "village"
    # No members yet: the list and the page flag the committee with what fails 第九条.
    text = _text(client.get(URL))
    assert "东门社区人民调解委员会" in text and "fz-problems" in text
    assert 'id="problems"' in _text(client.get(f"{URL}{body.pk}/"))
    page = f"{URL}{body.pk}/"
    for name, gender, role in (("周主任", "male", "chair"), ("吴委员", "male", "member"),
                               ("郑委员", "female", "member")):  # fmt: skip
        resp = client.post(page, {"action": "member", "member-name": name,
                                  "member-gender": gender, "member-role": role,
                                  "member-ethnicity": "汉族", "member-phone": "13800002222",
                                  "member-joined_on": "2025-03-03"})  # fmt: skip
        assert resp.status_code == 302, _text(resp)
    text = _text(client.get(page))
    assert 'id="problems"' not in text and "在任调解员（3人）" in text
    assert "2024-01-02 至 2027-01-01" in text  # a three-year term
    assert "fz-problems" not in _text(client.get(URL))
    # Filters: by kind and by unit; only the failing ones.
    assert "东门社区人民调解委员会" not in _text(client.get(URL + "?kind=industry"))
    assert "东门社区人民调解委员会" in _text(client.get(URL + f"?unit={district['community'].pk}"))
    assert "东门社区人民调解委员会" not in _text(client.get(URL + "?failing=1"))
    # The woman leaves: flagged again.
    woman = BodyMember.objects.get(name="郑委员")
    resp = client.post(page, {"action": "leave", "leave-member": woman.pk,
                              "leave-left_on": "2025-03-03"})  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    assert BodyMember.objects.get(pk=woman.pk).left_on == D(2025, 3, 3)
    assert "东门社区人民调解委员会" in _text(client.get(URL + "?failing=1"))
    text = _text(client.get(page))
    assert 'id="problems"' in text and "已离任" in text
    # A new term.
    resp = client.post(page, {"action": "term", "term-starts_on": "2025-03-03"})
    assert resp.status_code == 302, _text(resp)
    assert fresh(body).term_starts_on == D(2025, 3, 3)


def test_refused_forms_keep_what_was_typed(make_body, district, people, login, at):
    body = make_body(district["town"])
    at(D(2025, 3, 3))
    client = login(people["town_clerk"])
    resp = client.post(URL + "new/", _body_post(district["town"], kind="nonsense",
                                                established_on="2015-02-30"))  # fmt: skip
    assert resp.status_code == 400 and "东门社区服务中心" in _text(resp)
    # The same name in the same unit: the service refuses, the form keeps it.
    resp = client.post(URL + "new/", _body_post(district["town"], name=body.name))
    assert resp.status_code == 400 and "东门社区服务中心" in _text(resp)
    assert MediationBody.objects.count() == 1
    with nothing_moved(body):
        resp = client.post(f"{URL}{body.pk}/", {"action": "member", "member-name": "新委员",
                                                "member-gender": "x",
                                                "member-joined_on": "不是日期"})  # fmt: skip
    assert resp.status_code == 400 and "新委员" in _text(resp)
    with nothing_moved(body):
        resp = client.post(f"{URL}{body.pk}/", {"action": "leave", "leave-member": "999999999",
                                                "leave-left_on": "2025-03-03"})  # fmt: skip
    assert resp.status_code == 400 and "请选择本组织在任的调解员" in _text(resp)
    assert client.post(f"{URL}{body.pk}/", {"action": "nonsense"}).status_code == 404
    for q in ("?unit=abc&kind=x&active=y&page=-1", "?q=" + "长" * 400,
              "?unit=100000000000000000000000"):  # fmt: skip
        assert client.get(URL + q).status_code == 200


def test_another_townships_clerk_neither_reads_nor_changes_a_body(
    make_body,
    make_dispute,
    district,
    people,
    south,
    login,
    at,
):
    body = make_body(district["town"])
    make_dispute()
    at(D(2025, 9, 5))
    client = login(south["clerk"])
    assert client.get(f"{URL}{body.pk}/").status_code == 404
    assert client.get(f"{URL}{body.pk}/edit/").status_code == 404
    assert body.name not in _text(client.get(URL))
    member = body.members.first()
    with nothing_moved(body, member):
        assert client.post(f"{URL}{body.pk}/", {"action": "term", "term-starts_on": "2025-09-05"}
                           ).status_code == 404  # fmt: skip
        assert client.post(f"{URL}{body.pk}/", {"action": "leave", "leave-member": member.pk,
                                                "leave-left_on": "2025-09-05"}
                           ).status_code == 404  # fmt: skip
        assert client.post(f"{URL}{body.pk}/edit/", {"name": "改名", "kind": "township"}
                           ).status_code == 404  # fmt: skip
    assert fresh(body).name == "城关街道人民调解委员会" and fresh(body).term_starts_on == D(
        2024, 1, 2
    )
    # The township's own clerk sees the body's disputes count; the leader reads only.
    client = login(people["town_clerk"])
    text = _text(client.get(f"{URL}{body.pk}/"))
    assert "共0件" in text or "共1件" in text
    client = login(people["leader"])
    text = _text(client.get(f"{URL}{body.pk}/"))
    assert body.name in text and 'id="form-' not in text
    with nothing_moved(body):
        assert client.post(f"{URL}{body.pk}/", {"action": "term", "term-starts_on": "2025-09-05"}
                           ).status_code == 403  # fmt: skip


def test_the_edit_keeps_the_version_it_was_opened_at(make_body, district, people, login, at):
    body = make_body(district["town"])
    at(D(2025, 3, 3))
    client = login(people["town_clerk"])
    page = _text(client.get(f"{URL}{body.pk}/edit/"))
    assert 'name="lock"' in page and "城关街道人民路1号" in page
    token = page.split('name="lock" value="')[1].split('"')[0]
    resp = client.post(f"{URL}{body.pk}/edit/", {"lock": token, "name": body.name,
                                                 "kind": "township", "address": "新地址2号",
                                                 "phone": "010-61234567"})  # fmt: skip
    assert resp.status_code == 302, _text(resp)
    assert fresh(body).address == "新地址2号"
