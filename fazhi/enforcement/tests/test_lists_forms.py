"""The office forms of the enforcement lists and officers: each refusal answers 400 with a
Chinese reason and the form still holds what was typed; accepted forms go through the
services (an event on the record)."""

import datetime as dt

import pytest

from fazhi.core.models import Event
from fazhi.enforcement.models import (
    Agency,
    Delegation,
    DiscretionStandard,
    ExamResult,
    Exemption,
    Officer,
    Power,
    Training,
)

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def clerk(enf, people, login):
    return login(people["scjg_clerk"])


def page(resp) -> str:
    return resp.content.decode()


def test_agency_refused_keeps_what_was_typed(enf, district, people, login):
    c = login(people["scjg_clerk"])
    resp = c.post(
        "/office/enforcement/agencies/new/",
        {
            "unit": district["scjg"].pk,
            "name": "测试区市场监督管理局",  # already registered
            "kind": "statutory",
            "legal_basis": "三定方案第五条（新输入）",
            "address": "府前路8号",
            "phone": "010-12345678",
        },
    )
    assert resp.status_code == 400
    body = page(resp)
    assert "已经登记" in body
    assert "三定方案第五条（新输入）" in body and "府前路8号" in body
    assert Agency.objects.count() == 2


def test_agency_created_by_the_service(enf, district, people, login):
    c = login(people["scjg_clerk"])
    resp = c.post(
        "/office/enforcement/agencies/new/",
        {
            "unit": district["scjg"].pk,
            "name": "测试区市场监管综合执法大队",
            "kind": "comprehensive",
            "legal_basis": "区委编委批复",
        },
    )
    assert resp.status_code == 302
    agency = Agency.objects.get(name="测试区市场监管综合执法大队")
    assert Event.objects.filter(record_type="enforcement.agency", record_id=str(agency.pk)).exists()


def test_power_refused_keeps_what_was_typed(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/"
    resp = clerk.post(
        url,
        {
            "action": "power",
            "power-code": "330217001",  # taken
            "power-name": "对虚假宣传的处罚（新输入）",
            "power-kind": "penalty",
            "power-legal_basis": "《反不正当竞争法》第二十条",
        },
    )
    assert resp.status_code == 400
    body = page(resp)
    assert "已经存在" in body and "对虚假宣传的处罚（新输入）" in body
    assert "《反不正当竞争法》第二十条" in body
    assert Power.objects.filter(agency=enf["scjg"]).count() == 3


def test_power_added(enf, clerk):
    resp = clerk.post(
        f"/office/enforcement/agencies/{enf['scjg'].pk}/",
        {
            "action": "power",
            "power-code": "330217009",
            "power-name": "对虚假宣传的处罚",
            "power-kind": "penalty",
            "power-legal_basis": "《反不正当竞争法》第二十条",
            "power-review_listed": "on",
        },
    )
    assert resp.status_code == 302
    p = Power.objects.get(agency=enf["scjg"], code="330217009")
    assert p.review_listed


def test_delegation_refused_then_given_and_withdrawn(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/"
    data = {
        "action": "delegate",
        "delegate-power": enf["power"].pk,
        "delegate-to_agency": enf["town"].pk,
        "delegate-document_title": "关于向街道赋予部分执法权的决定（新输入）",
        "delegate-document_number": "测政发〔2025〕9号",
        "delegate-delegated_on": "2025-12-01",  # after today
    }
    resp = clerk.post(url, data)
    assert resp.status_code == 400
    body = page(resp)
    assert "不能晚于今天" in body
    assert "关于向街道赋予部分执法权的决定（新输入）" in body and "2025-12-01" in body
    assert not Delegation.objects.exists()

    data["delegate-delegated_on"] = "2025-06-01"
    assert clerk.post(url, data).status_code == 302
    d = Delegation.objects.get()
    resp = clerk.post(
        url, {"action": "withdraw", "withdraw-delegation": d.pk, "withdraw-on": "2025-05-01"}
    )
    assert resp.status_code == 400
    assert "不能早于赋权日期" in page(resp) and 'value="2025-05-01"' in page(resp)
    d.refresh_from_db()
    assert d.withdrawn_on is None
    resp = clerk.post(
        url, {"action": "withdraw", "withdraw-delegation": d.pk, "withdraw-on": "2025-11-01"}
    )
    assert resp.status_code == 302
    d.refresh_from_db()
    assert d.withdrawn_on == dt.date(2025, 11, 1)


def test_exemption_refused_keeps_what_was_typed(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/"
    data = {
        "action": "exemption",
        "exemption-kind": "first_violation",
        "exemption-violation": "未按规定公示营业执照（新输入）",
        "exemption-legal_basis": "《行政处罚法》第三十三条",
        "exemption-conditions": "",
    }
    resp = clerk.post(url, data)
    assert resp.status_code == 400
    assert "未按规定公示营业执照（新输入）" in page(resp)
    assert not Exemption.objects.exists()
    data["exemption-conditions"] = "首次违法、危害后果轻微并及时改正"
    assert clerk.post(url, data).status_code == 302
    assert Exemption.objects.get().kind == "first_violation"


def _bands(rows):
    data = {
        "bands-TOTAL_FORMS": str(len(rows)),
        "bands-INITIAL_FORMS": "0",
        "bands-MIN_NUM_FORMS": "1",
        "bands-MAX_NUM_FORMS": "1000",
    }
    for i, (c, d, lo, hi) in enumerate(rows):
        data.update(
            {
                f"bands-{i}-circumstance": c,
                f"bands-{i}-description": d,
                f"bands-{i}-min_fine": lo,
                f"bands-{i}-max_fine": hi,
            }
        )
    return data


def test_standard_refused_keeps_bands_then_saved(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/standards/new/"
    assert clerk.get(url).status_code == 200
    data = {
        "code": "SC-02",
        "violation": "未亮照经营（新输入）",
        "legal_basis": "《市场主体登记管理条例》第四十八条",
        **_bands([("general", "一般情节（新输入）", "3000", "1000"), ("", "", "", "")]),
    }
    resp = clerk.post(url, data)
    assert resp.status_code == 400
    body = page(resp)
    assert "下限应不大于上限" in body
    assert "未亮照经营（新输入）" in body and "一般情节（新输入）" in body
    assert not DiscretionStandard.objects.filter(code="SC-02").exists()

    data.update(_bands([("general", "一般情节", "1000", "3000"), ("", "", "", "")]))
    assert clerk.post(url, data).status_code == 302
    s = DiscretionStandard.objects.get(code="SC-02")
    assert [(b.min_fine, b.max_fine) for b in s.bands.all()] == [(1000, 3000)]


def test_standard_without_any_band_is_refused(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/standards/new/"
    data = {
        "code": "SC-03",
        "violation": "无证经营（新输入）",
        "legal_basis": "条例",
        **_bands([("", "", "", "")]),
    }
    resp = clerk.post(url, data)
    assert resp.status_code == 400
    assert "无证经营（新输入）" in page(resp)
    assert not DiscretionStandard.objects.filter(code="SC-03").exists()


def _criteria(rows):
    data = {
        "action": "criteria",
        "criteria-TOTAL_FORMS": str(len(rows)),
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, (k, a, p) in enumerate(rows):
        data.update(
            {f"criteria-{i}-kind": k, f"criteria-{i}-amount": a, f"criteria-{i}-party_kind": p}
        )
    return data


def test_criteria_refused_keeps_rows_then_replaced(enf, clerk):
    url = f"/office/enforcement/agencies/{enf['scjg'].pk}/"
    before = sorted(str(c) for c in enf["scjg"].criteria.all())
    resp = clerk.post(url, _criteria([("fine_over", "", "person"), ("complex", "", "")]))
    assert resp.status_code == 400
    body = page(resp)
    assert "应填写大于零的数额" in body
    assert '<option value="complex" selected>' in body
    assert sorted(str(c) for c in enf["scjg"].criteria.all()) == before

    resp = clerk.post(url, _criteria([("fine_over", "20000", "person"), ("complex", "", "")]))
    assert resp.status_code == 302
    assert sorted(str(c) for c in enf["scjg"].criteria.all()) == sorted(
        ["罚款数额达到20000元", "案情疑难复杂、涉及多个法律关系"]
    )


def test_officer_refused_keeps_what_was_typed(enf, clerk):
    data = {
        "agency": enf["scjg"].pk,
        "name": "冯新人",
        "certificate_number": "zf2301001",  # taken (case does not matter)
        "certificate_kind": "enforcement",
        "issuer": "测试市人民政府（新输入）",
        "issued_on": "2025-03-01",
        "valid_until": "2030-02-28",
    }
    resp = clerk.post("/office/enforcement/officers/new/", data)
    assert resp.status_code == 400
    body = page(resp)
    assert "已经登记" in body and "冯新人" in body and "测试市人民政府（新输入）" in body
    assert Officer.objects.filter(name="冯新人").count() == 0
    data["certificate_number"] = "ZF2301099"
    assert clerk.post("/office/enforcement/officers/new/", data).status_code == 302
    assert Officer.objects.get(certificate_number="ZF2301099").agency == enf["scjg"]


def test_officer_page_forms_refused_keep_what_was_typed(enf, clerk):
    o = enf["o1"]
    url = f"/office/enforcement/officers/{o.pk}/"
    resp = clerk.post(
        url, {"action": "renew", "renew-issued_on": "2025-11-01", "renew-valid_until": "2027-01-01"}
    )
    assert resp.status_code == 400
    assert "新的有效期应晚于原有效期" in page(resp) and 'value="2027-01-01"' in page(resp)

    resp = clerk.post(
        url, {"action": "status", "status-status": "active", "status-reason": "复核（新输入）"}
    )
    assert resp.status_code == 400
    assert "已是“在岗”状态" in page(resp) and "复核（新输入）" in page(resp)

    resp = clerk.post(
        url,
        {
            "action": "exam",
            "exam-session": "2025年第二次执法资格考试（新输入）",
            "exam-sat_on": "2025-12-20",
            "exam-passed": "1",
            "exam-score": "88",
        },
    )
    assert resp.status_code == 400
    assert "不能晚于今天" in page(resp) and "2025年第二次执法资格考试（新输入）" in page(resp)
    o.refresh_from_db()
    assert (o.valid_until, o.status, ExamResult.objects.count()) == (
        dt.date(2028, 1, 9),
        "active",
        0,
    )


def test_officer_page_forms_accepted(enf, clerk):
    o = enf["o1"]
    url = f"/office/enforcement/officers/{o.pk}/"
    assert (
        clerk.post(
            url,
            {"action": "renew", "renew-issued_on": "2025-11-01", "renew-valid_until": "2031-01-09"},
        ).status_code
        == 302
    )
    assert (
        clerk.post(
            url,
            {
                "action": "exam",
                "exam-session": "2025年执法资格考试",
                "exam-sat_on": "2025-09-20",
                "exam-passed": "1",
            },
        ).status_code
        == 302
    )
    assert (
        clerk.post(
            url, {"action": "status", "status-status": "suspended", "status-reason": "涉嫌违规执法"}
        ).status_code
        == 302
    )
    o.refresh_from_db()
    assert (o.valid_until, o.status, o.exams.get().passed) == (
        dt.date(2031, 1, 9),
        "suspended",
        True,
    )
    body = page(clerk.get(url))
    assert "涉嫌违规执法" in body and "2025年执法资格考试" in body


def test_training_refused_keeps_topic_and_attendees(enf, clerk, district):
    data = {
        "unit": district["scjg"].pk,
        "topic": "行政处罚法专题培训（新输入）",
        "held_on": "2025-12-01",  # after today
        "hours": "16",
        "attendees": [enf["o1"].pk, enf["o2"].pk],
    }
    resp = clerk.post("/office/enforcement/trainings/new/", data)
    assert resp.status_code == 400
    body = page(resp)
    assert "不能晚于今天" in body and "行政处罚法专题培训（新输入）" in body
    assert f'<option value="{enf["o1"].pk}" selected>' in body
    assert f'<option value="{enf["o2"].pk}" selected>' in body
    assert 'data-searchable="on"' in body
    assert not Training.objects.exists()


def test_training_hours_count_against_the_minimum(enf, clerk, district, settings):
    settings.FAZHI_ENFORCEMENT_TRAINING_HOURS = 20
    for day, hours in (("2025-03-01", "12"), ("2025-09-01", "10"), ("2024-09-01", "30")):
        resp = clerk.post(
            "/office/enforcement/trainings/new/",
            {
                "unit": district["scjg"].pk,
                "topic": f"培训{day}",
                "held_on": day,
                "hours": hours,
                "attendees": [enf["o1"].pk],
            },
        )
        assert resp.status_code == 302
    body = page(clerk.get(f"/office/enforcement/officers/{enf['o1'].pk}/"))
    assert "2025年度 22 / 20学时" in body and "已达到" in body
    body = page(clerk.get(f"/office/enforcement/officers/{enf['o2'].pk}/"))
    assert "2025年度 0 / 20学时" in body and "不足" in body
    # The list's filter: below the minimum in 2025 (o1 has 22 hours, o2 none).
    body = page(clerk.get("/office/enforcement/officers/?short=1&year=2025"))
    assert "赵执法" in body and "李执法" not in body
    body = page(clerk.get("/office/enforcement/officers/?short=1&year=2024"))
    assert "赵执法" in body and "李执法" not in body


def test_officer_list_filters(enf, clerk, district):
    from fazhi.enforcement import services

    services.register_officer(
        agency=enf["scjg"],
        name="何将到期",
        certificate_number="ZF2301077",
        issuer="测试市人民政府",
        issued_on=dt.date(2021, 1, 1),
        valid_until=dt.date(2025, 12, 31),
        actor=None,
    )
    body = page(clerk.get("/office/enforcement/officers/?expiring=1"))
    assert "何将到期" in body and "李执法" not in body and "孙过期" not in body
    body = page(clerk.get("/office/enforcement/officers/?status=suspended"))
    assert "周暂扣" in body and "李执法" not in body
    body = page(clerk.get(f"/office/enforcement/officers/?agency={enf['scjg'].pk}&q=ZF2301002"))
    assert "赵执法" in body and "李执法" not in body
    # garbage in the query string is ignored, never a 500
    assert clerk.get("/office/enforcement/officers/?agency=abc&year=x&page=zz").status_code == 200


def test_a_date_of_another_century_is_refused(enf, clerk):
    url = f"/office/enforcement/officers/{enf['o1'].pk}/"
    resp = clerk.post(
        url, {"action": "renew", "renew-issued_on": "2025-11-01", "renew-valid_until": "9999-12-31"}
    )
    assert resp.status_code == 400 and "日期超出可能的范围" in resp.content.decode()
    enf["o1"].refresh_from_db()
    assert enf["o1"].valid_until == dt.date(2028, 1, 9)
