"""The portal's 事前公示 (行政处罚法 第39条; 国办发〔2018〕118号): agencies with legal basis,
office contact and remedies; each agency's power list, delegations, 免罚轻罚清单 and
裁量基准; officers by name, certificate number and agency — nothing else about them."""

import datetime as dt

import pytest
from django.test import Client

from fazhi.core.registry import PUBLIC
from fazhi.enforcement import services

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def listed(enf):
    a = enf["scjg"]
    a.address, a.phone = "测试区府前路8号", "010-12315000"
    a.save(update_fields=["address", "phone"])
    services.delegate(
        power=enf["power"],
        to_agency=enf["town"],
        document_title="关于向街道赋予部分执法权的决定",
        document_number="测政发〔2025〕9号",
        delegated_on=dt.date(2025, 6, 1),
        actor=None,
    )
    services.add_exemption(
        agency=a,
        kind="first_violation",
        violation="未按规定公示营业执照",
        legal_basis="《行政处罚法》第三十三条",
        conditions="首次违法、及时改正",
        actor=None,
    )
    services.record_training(
        unit=a.unit,
        topic="内部培训专题",
        held_on=dt.date(2025, 5, 1),
        hours=8,
        attendees=[enf["o1"]],
        actor=None,
    )
    services.record_exam(
        unit=a.unit,
        session="2025年执法资格考试",
        sat_on=dt.date(2025, 4, 1),
        candidate="李执法",
        passed=True,
        score=91,
        officer=enf["o1"],
        actor=None,
    )
    return enf


def test_portal_section_is_registered():
    assert any(s.url_name == "enforcement_public:agencies" for s in PUBLIC)


def test_agencies_page_shows_basis_contact_and_remedies(listed):
    body = Client().get("/enforcement/agencies/").content.decode()
    assert "测试区市场监督管理局" in body and "城关街道办事处" in body
    assert "《中华人民共和国行政处罚法》第十八条" in body
    assert "测试区府前路8号" in body and "010-12315000" in body
    assert "六十日内申请行政复议" in body


def test_agency_page_shows_its_lists(listed):
    body = Client().get(f"/enforcement/agencies/{listed['scjg'].pk}/").content.decode()
    for text in (
        "330217001",
        "对销售不合格食品的处罚",
        "食品经营许可",
        "赋予城关街道办事处",
        "测政发〔2025〕9号",
        "未按规定公示营业执照",
        "首违不罚",
        "SC-01 无照经营",
        "罚款1000—5000元",
        "持证执法人员3人",  # 李、赵、钱: not the expired nor the suspended one
    ):
        assert text in body, text
    # internal data stay in the office: the 法制审核 criteria and the review catalogue flag
    assert "罚款数额达到" not in body and "法制审核目录" not in body
    town = Client().get(f"/enforcement/agencies/{listed['town'].pk}/").content.decode()
    assert "承接测试区市场监督管理局的“对无照经营行为的处罚”" in town


def test_officers_page_shows_name_number_and_agency_only(listed):
    body = Client().get("/enforcement/officers/").content.decode()
    for name, number in (("李执法", "ZF2301001"), ("赵执法", "ZF2301002"), ("吴街道", "ZF2302001")):
        assert name in body and number in body
    # not shown: who cannot act (expired, suspended), nor anything else about the officers
    for hidden in (
        "孙过期",
        "ZF2001009",
        "周暂扣",
        "违规执法",
        "暂扣",
        "测试市人民政府",  # issuer
        "2028",  # validity
        "2024-01-10",
        "内部培训专题",
        "执法资格考试",
        "91",
        "法律职业资格",
    ):
        assert hidden not in body, hidden
    filtered = Client().get(f"/enforcement/officers/?agency={listed['town'].pk}").content.decode()
    assert "吴街道" in filtered and "李执法" not in filtered
    assert "赵执法" in Client().get("/enforcement/officers/?q=zf2301002").content.decode()
    assert Client().get("/enforcement/officers/?agency=x&page=abc").status_code == 200


def test_withdrawn_delegation_and_unknown_agency(listed):
    from fazhi.enforcement.models import Delegation

    services.withdraw_delegation(Delegation.objects.get(), on=dt.date(2025, 10, 1), actor=None)
    body = Client().get(f"/enforcement/agencies/{listed['scjg'].pk}/").content.decode()
    assert "测政发〔2025〕9号" not in body
    assert Client().get("/enforcement/agencies/999999/").status_code == 404


def test_a_mobile_number_is_neither_accepted_nor_published(enf, district, people, login):
    c = login(people["scjg_clerk"])
    resp = c.post(
        "/office/enforcement/agencies/new/",
        {
            "unit": district["scjg"].pk,
            "name": "测试区市场监管综合执法大队",
            "kind": "comprehensive",
            "legal_basis": "区委编委批复",
            "phone": "139 1234 5678",
        },
    )
    assert resp.status_code == 400 and "不填个人手机号" in resp.content.decode()
    assert "139 1234 5678" in resp.content.decode()  # kept for correction
    # one that reached the record another way (import, service) stays off the portal
    enf["town"].phone = "13912345678"
    enf["town"].save(update_fields=["phone"])
    for url in ("/enforcement/agencies/", f"/enforcement/agencies/{enf['town'].pk}/"):
        assert "13912345678" not in Client().get(url).content.decode()
