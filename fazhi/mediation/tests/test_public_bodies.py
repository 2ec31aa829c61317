"""The portal's 人民调解 pages: the directory of 调解组织 (name, kind, township, address,
phone, members' names and roles — never a member's phone) and the year's dispute
statistics by township and by type, counts only: no party's name or 身份证号 anywhere."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client

from fazhi.core.registry import PUBLIC

from .fixtures_screens import *  # noqa: F403  (fixtures)
from .fixtures_screens import ID_A, ID_B, parties

D = dt.date


@pytest.fixture(autouse=True)
def _db(db):
    pass


def _text(resp) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", resp.content.decode()))


def test_the_directory_shows_bodies_and_members_but_no_member_phone(
    make_body, district, people, at
):
    from fazhi.mediation.services import bodies

    body = make_body(district["town"])
    village = make_body(district["community"], name="东门社区人民调解委员会", kind="village")
    bodies.update_body(people["town_clerk"], village, version=village.version,
                       phone="13711112222")  # fmt: skip
    at(D(2025, 9, 5))
    assert any(s.url_name == "mediation_public:home" for s in PUBLIC)
    home = Client().get("/mediation/")
    assert home.status_code == 200 and "人民调解组织名录" in _text(home)
    text = _text(Client().get("/mediation/bodies/"))
    assert body.name in text and "东门社区人民调解委员会" in text
    assert "城关街道" in text and "城关街道人民路1号" in text and "010-61234567" in text
    assert "赵主任（主任）" in text and "钱副主任（副主任）" in text
    assert "13800001111" not in text  # the members' phones
    assert "13711112222" not in text and "137****2222" in text  # a mobile as a body's phone
    assert "1970" not in text  # no age, no birth date
    assert "东门社区人民调解委员会" not in _text(Client().get("/mediation/bodies/?kind=township"))
    assert Client().get("/mediation/bodies/?kind=<script>").status_code == 200


def test_statistics_are_counts_without_parties(
    make_body, make_dispute, district, people, south, at
):
    make_body(district["town"])
    make_dispute(found_on=D(2025, 9, 1), unit=district["community"])
    make_dispute(found_on=D(2025, 9, 2), type="family", parties=parties("王老汉", "王大"))
    make_dispute(found_on=D(2025, 9, 2), actor=south["clerk"], unit=south["unit"],
                 parties=parties("冯南", "陈南"))  # fmt: skip
    make_dispute(found_on=D(2024, 12, 30), today=D(2025, 1, 2))
    at(D(2025, 9, 5))
    resp = Client().get("/mediation/statistics/")
    assert resp.status_code == 200
    html = resp.content.decode()
    town = html.split('id="by-town"', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr><td>([^<]+)</td><td[^>]*>(\d+)</td>", town)
    assert dict(rows) == {"城关街道": "2", "城南街道": "1"}  # the community counts to its town
    kinds = html.split('id="by-type"', 1)[1].split("</table>", 1)[0]
    assert dict(re.findall(r"<tr><td>([^<]+)</td><td[^>]*>(\d+)</td>", kinds)) == {
        "邻里纠纷": "2", "婚姻家庭纠纷": "1"}  # fmt: skip
    text = _text(resp)
    for secret in ("张大山", "李小河", "王老汉", "冯南", ID_A, ID_B, "13912345678", "排水沟"):
        assert secret not in text, secret
    last = _text(Client().get("/mediation/statistics/?year=2024"))
    assert "2024年矛盾纠纷调解情况统计" in last and "城关街道 1" in last
    for garbage in ("abc", "99999", "1800", "-1"):
        assert Client().get(f"/mediation/statistics/?year={garbage}").status_code == 200
