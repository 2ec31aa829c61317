"""The 矛盾纠纷调解 and 信访 figures equal a hand count on fixture data, per unit and for the
district, through the module's own compute functions (the registry): the success rate
leaves the disputes a party refused out of its base (人民调解法 第十七条), and the on-time
rate counts a petition concluded within its approved extension as on time (信访工作条例
第三十四条)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction

from fazhi.core import events
from fazhi.core import services as core
from fazhi.core.models import Deadline
from fazhi.indicators import registry
from fazhi.mediation import deadlines, indicators
from fazhi.mediation.models import BodyMember, Dispute, MediationBody, Petition, PetitionReview

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 12)]
D = dt.date
Y = 2025


def created(model, **fields):
    """A row made as a service would make it: with its creation event (the records the app
    declares with ``require_creation_event`` must have one)."""
    with transaction.atomic():
        obj = model.objects.create(**fields)
        events.append(action="created", record=obj, unit=obj.unit, summary="测试数据")
    return obj


def figure(code: str, year: int = Y) -> dict[int, Decimal]:
    return registry.COMPUTED[code].compute(year)


def explain(code: str, unit_id=None, year: int = Y) -> str:
    return registry.COMPUTED[code].explain(year, unit_id)


@pytest.fixture
def bodies(district):
    town, sfj, scjg, gov = district["town"], district["sfj"], district["scjg"], district["gov"]

    def body(unit, name, kind, established, active=True):
        return created(
            MediationBody,
            unit=unit,
            name=name,
            kind=kind,
            established_on=established,
            active=active,
        )

    b = {
        "town": body(town, "城关街道人民调解委员会", "township", D(2020, 1, 1)),
        "village": body(town, "东门社区人民调解委员会", "village", D(2019, 3, 1)),
        "closed": body(town, "西街社区人民调解委员会", "village", D(2015, 1, 1), active=False),
        "sfj": body(sfj, "区医疗纠纷人民调解委员会", "industry", D(2024, 5, 1)),
        "sfj_new": body(sfj, "区物业纠纷人民调解委员会", "industry", D(2026, 1, 5)),
        "admin": body(scjg, "区市场监管局行政调解室", "administrative", D(2018, 1, 1)),
        "court": body(gov, "区法院诉调对接工作室", "court_link", D(2021, 1, 1)),
    }

    def member(key, name, joined, left=None, gender="male", full_time=False):
        BodyMember.objects.create(
            body=b[key],
            name=name,
            gender=gender,
            joined_on=joined,
            left_on=left,
            full_time=full_time,
        )

    # 城关街道: serving on 31 December 2025 — 甲, 乙, 戊 (丙 left in June, 丁 joined in 2026).
    member("town", "甲", D(2020, 1, 1), gender="female", full_time=True)
    member("town", "乙", D(2020, 1, 1))
    member("town", "丙", D(2020, 1, 1), left=D(2025, 6, 30))
    member("town", "丁", D(2026, 1, 5))
    member("town", "戊", D(2025, 3, 1))
    # 东门社区: 己, 庚 serving; 辛 left in November.
    member("village", "己", D(2019, 3, 1), gender="female")
    member("village", "庚", D(2022, 3, 1))
    member("village", "辛", D(2019, 3, 1), left=D(2025, 11, 30))
    # 司法局's committee: three serving on 31 December (壬 leaves in 2026).
    member("sfj", "壬", D(2024, 5, 1), left=D(2026, 2, 1))
    member("sfj", "癸", D(2024, 5, 1), gender="female")
    member("sfj", "子", D(2024, 5, 1))
    # Not counted: a closed committee's member, a committee set up in 2026, not committees.
    member("closed", "丑", D(2015, 1, 1))
    member("sfj_new", "寅", D(2026, 1, 5))
    member("admin", "卯", D(2018, 1, 1))
    member("court", "辰", D(2021, 1, 1))
    return b


@pytest.fixture
def disputes(district, bodies):
    town, scjg = district["town"], district["scjg"]
    n = iter(range(1, 100))

    def dispute(unit, found, type_, body=None, state="found", **kw):
        return created(
            Dispute,
            unit=unit,
            number=f"TJ2025{next(n):04d}",
            found_on=found,
            source="visit",
            type=type_,
            summary="测试纠纷",
            body=body,
            state=state,
            **kw,
        )

    ok = dict(state="settled", outcome="success", agreement_form="written")
    failed = dict(state="failed", outcome="failed")
    refused = dict(state="refused", outcome="refused")
    b = bodies
    return {
        # 城关街道
        "d1": dispute(town, D(2025, 2, 3), "family", b["village"], accepted_on=D(2025, 2, 5),
                      concluded_on=D(2025, 2, 20), **ok),
        "d2": dispute(town, D(2025, 3, 1), "neighbour", b["town"], accepted_on=D(2025, 3, 2),
                      concluded_on=D(2025, 3, 30), **failed),
        "d3": dispute(town, D(2025, 4, 1), "housing", b["town"], concluded_on=D(2025, 4, 3),
                      **refused),
        # found in 2024, mediated and settled in 2025, confirmed by the court in 2025
        "d4": dispute(town, D(2024, 12, 20), "contract", b["town"], accepted_on=D(2025, 1, 2),
                      concluded_on=D(2025, 1, 15), confirmation_applied_on=D(2025, 1, 20),
                      confirmation_result="confirmed", confirmed_on=D(2025, 2, 10), **ok),
        "d5": dispute(town, D(2025, 12, 20), "family"),  # found, not yet accepted
        # accepted in 2025, settled in 2026
        "d6": dispute(town, D(2025, 11, 1), "family", b["town"], accepted_on=D(2025, 11, 2),
                      concluded_on=D(2026, 1, 5), **ok),
        # 市场监管局's 行政调解
        "d7": dispute(scjg, D(2025, 5, 5), "consumer", b["admin"], accepted_on=D(2025, 5, 6),
                      concluded_on=D(2025, 5, 20), confirmation_applied_on=D(2025, 5, 25),
                      confirmation_result="rejected", confirmed_on=D(2025, 6, 10), **ok),
        # failed, then pointed to a legal route: still a mediation that did not succeed
        "d8": dispute(scjg, D(2025, 6, 1), "consumer", b["admin"], accepted_on=D(2025, 6, 2),
                      concluded_on=D(2025, 6, 30), outcome="failed", state="escalated",
                      escalation_route="litigation", escalated_on=D(2025, 7, 1)),
        "d9": dispute(scjg, D(2025, 7, 1), "consumer", concluded_on=D(2025, 7, 2), **refused),
    }  # fmt: skip


def test_dispute_counts_per_unit_and_district(district, disputes):
    town, scjg, gov = district["town"].pk, district["scjg"].pk, district["gov"].pk
    # found in 2025: d1 d2 d3 d5 d6 | d7 d8 d9 (d4 was found in 2024)
    assert figure("mediation.disputes") == {town: 5, scjg: 3, gov: 8}
    # accepted in 2025: d1 d2 d4 d6 | d7 d8 (the refused were never accepted)
    assert figure("mediation.mediated") == {town: 4, scjg: 2, gov: 6}
    # settled in 2025: d1 d4 | d7 (d6 settled in 2026)
    assert figure("mediation.resolved") == {town: 2, scjg: 1, gov: 3}
    assert figure("mediation.resolved", 2026) == {town: 1, gov: 1}
    # the court confirmed d4; it rejected d7's application
    assert figure("mediation.judicial_confirmations") == {town: 1, gov: 1}


def test_success_rate_leaves_the_refused_out_of_its_base(district, disputes):
    """化解率 = 调解成功 / 调解终结 (success + failed); 一方拒绝 (第十七条) is not a mediation.
    With the refused counted the rates would be 2/4, 1/3 and 3/7."""
    town, scjg, gov = district["town"].pk, district["scjg"].pk, district["gov"].pk
    assert figure("mediation.success_rate") == {
        town: Decimal("66.7"),  # d1 d4 of d1 d2 d4
        scjg: Decimal("50.0"),  # d7 of d7 d8
        gov: Decimal("60.0"),  # 3 of 5, pooled
    }
    said = explain("mediation.success_rate")
    assert "调解终结5件，其中调解成功3件、调解不成2件" in said
    assert "另有2件因当事人一方明确拒绝调解而未予调解（《人民调解法》第十七条）" in said
    assert "不计入化解率的基数" in said
    assert "调解终结3件" in explain("mediation.success_rate", town)


def test_disputes_broken_down_by_body_kind_and_type(district, disputes):
    said = explain("mediation.disputes")
    # d1 d2 d3 d6 by 人民调解 bodies, d7 d8 by 行政调解, d5 d9 with no body yet
    assert "人民调解4件" in said and "行政调解2件" in said and "尚未受理调解2件" in said
    assert "消费纠纷3件" in said and "婚姻家庭纠纷3件" in said
    town_said = explain("mediation.disputes", district["town"].pk)
    assert "行政调解" not in town_said and "消费纠纷" not in town_said
    parts = indicators.breakdown(indicators.mediated(Y))
    assert parts["kind"] == {"people": 4, "administrative": 2}
    assert explain("mediation.disputes", year=2023) == ""


def test_committees_and_mediators_at_year_end(district, bodies):
    town, sfj, gov = district["town"].pk, district["sfj"].pk, district["gov"].pk
    # 人民调解委员会 in operation on 31 December 2025: 城关街道 and 东门社区 (the closed one
    # and the one set up in 2026 are not; 行政调解 and 诉调对接 are not committees).
    assert figure("mediation.committees") == {town: 2, sfj: 1, gov: 3}
    # serving that day: 甲 乙 戊 + 己 庚 | 壬 癸 子
    assert figure("mediation.mediators") == {town: 5, sfj: 3, gov: 8}
    assert figure("mediation.committees", 2023) == {town: 2, gov: 2}
    # in 2023: 甲 乙 丙 + 己 庚 辛 (戊 joined in 2025)
    assert figure("mediation.mediators", 2023) == {town: 6, gov: 6}
    said = explain("mediation.mediators")
    assert "在任人民调解员8人，其中专职1人、女性3人" in said


def petition(unit, number, received, category="claim", **kw):
    return Petition(
        unit=unit,
        number=number,
        channel="visit",
        received_on=received,
        category=category,
        petitioner_name="张三",
        subject="测试信访事项",
        content="测试",
        **kw,
    )


def with_clock(p: Petition, unit) -> Petition:
    """A 申诉求决 petition accepted with its 60-day handling clock started (第三十四条)."""
    with transaction.atomic():
        p.save()
        p.deadline = core.start_deadline(
            record=p,
            clock=deadlines.HANDLING,
            start=p.accepted_on,
            unit=unit,
            title=f"办结信访事项{p.number}",
        )
        p.save(update_fields=["deadline"])
        events.append(action="created", record=p, unit=p.unit, summary="测试数据")
    return p


@pytest.fixture
def petitions(district):
    gov, town, sfj, scjg = district["gov"], district["town"], district["sfj"], district["scjg"]
    done = dict(state="concluded", accepted=True, result="partly")
    # p1: accepted 20 January, concluded 15 March, within 60 days (due 21 March).
    p1 = with_clock(
        petition(gov, "XF20250001", D(2025, 1, 10), handling_unit=scjg,
                 accepted_on=D(2025, 1, 20), concluded_on=D(2025, 3, 15), **done),
        scjg,
    )  # fmt: skip
    # p2: accepted 10 February, due 11 April; extended by 30 days with approval, concluded
    # 8 May — late against 60 days, on time against the extended period.
    p2 = with_clock(
        petition(gov, "XF20250002", D(2025, 2, 1), handling_unit=scjg,
                 accepted_on=D(2025, 2, 10), concluded_on=D(2025, 5, 8), extension_days=30,
                 extension_approved_by="王局长", extension_reason="涉及多个部门，情况复杂",
                 **done),
        scjg,
    )  # fmt: skip
    assert p2.deadline.due_date == D(2025, 4, 11)
    core.extend_deadline(
        p2.deadline,
        days=30,
        reason="涉及多个部门，情况复杂",
        approved_by="王局长",
        approved_on=D(2025, 4, 1),
        actor=None,
    )
    core.complete_deadline(p2.deadline, on=D(2025, 5, 8), actor=None)
    # p3: accepted 5 March, concluded 20 June: late (no extension).
    p3 = with_clock(
        petition(gov, "XF20250003", D(2025, 3, 1), handling_unit=sfj,
                 accepted_on=D(2025, 3, 5), concluded_on=D(2025, 6, 20), **done),
        sfj,
    )  # fmt: skip
    for p in (p1, p3):
        core.complete_deadline(p.deadline, on=p.concluded_on, actor=None)

    def plain(p):
        return created(Petition, **{f.attname: getattr(p, f.attname) for f in p._meta.fields})

    plain(petition(town, "XF20250004", D(2025, 4, 1), "suggestion", **done))  # not 申诉求决
    plain(petition(town, "XF20250005", D(2025, 12, 28), state="handling", accepted=True,
                   accepted_on=D(2025, 12, 30)))  # fmt: skip
    # From the township's ledger kept before the platform: no clock, its late flag says.
    plain(petition(town, "XF20240006", D(2024, 11, 1), accepted_on=D(2024, 11, 5),
                   concluded_on=D(2025, 1, 3), **done))  # fmt: skip
    plain(petition(town, "XF20240007", D(2024, 10, 1), accepted_on=D(2024, 10, 8),
                   concluded_on=D(2025, 1, 10), late=True, **done))  # fmt: skip
    # 复查 of p3 by the government (2025), 复核 by it too (2026); a 复查 of p1 in 2025.
    for p, level, on in ((p3, "review", D(2025, 7, 10)), (p1, "review", D(2025, 4, 2)),
                         (p3, "re_review", D(2026, 1, 5))):  # fmt: skip
        PetitionReview.objects.create(petition=p, level=level, reviewing_unit=gov, requested_on=on)
    return {"p1": p1, "p2": p2, "p3": p3}


def test_petitions_received_per_unit_and_district(district, petitions):
    gov, town = district["gov"].pk, district["town"].pk
    # received in 2025: p1 p2 p3 by the government's 信访 office | XF…4 XF…5 by the township
    assert figure("mediation.petitions") == {gov: 5, town: 2}
    assert "申诉求决类4件" in explain("mediation.petitions")
    assert figure("mediation.petition_reviews") == {gov: 2}
    assert figure("mediation.petition_re_reviews") == {gov: 0}  # the district says none
    assert figure("mediation.petition_re_reviews", 2026) == {gov: 1}


def test_on_time_rate_counts_an_extended_petition_on_time(district, petitions):
    """By the unit that handled them: 市场监管局 p1 and p2 (on time thanks to the approved
    extension), 司法局 p3 (late), the township's two ledger petitions (one late)."""
    town, sfj, scjg, gov = (district[k].pk for k in ("town", "sfj", "scjg", "gov"))
    p2 = petitions["p2"]
    # 60 days end on 11 April, before it was concluded; the extended period ends after.
    assert p2.concluded_on > D(2025, 4, 11)
    assert Deadline.objects.get(pk=p2.deadline_id).due_date >= p2.concluded_on
    assert figure("mediation.petition_on_time_rate") == {
        scjg: Decimal("100.0"),
        sfj: Decimal("0.0"),
        town: Decimal("50.0"),
        gov: Decimal("60.0"),  # 3 of 5
    }
    said = explain("mediation.petition_on_time_rate", scjg)
    assert "申诉求决类信访事项2件，在办理期限内办结2件" in said
    assert "经批准延长的（1件）以延长后的期限为准" in said


def test_records_behind_each_figure(district, disputes, petitions):
    """The figure's link opens the list filtered to the records it counted (the list applies
    ``RECORDS[code]``), narrowed to the unit for a unit's figure."""
    town, gov = district["town"], district["gov"]
    counted = indicators.RECORDS["mediation.success_rate"](Y)
    assert set(counted.values_list("number", flat=True)) == {
        disputes[k].number for k in ("d1", "d2", "d4", "d7", "d8")
    }
    url = registry.COMPUTED["mediation.resolved"].records_url
    assert (
        url(town.pk, Y)
        == f"/office/mediation/disputes/?figure=mediation.resolved&year=2025&unit={town.pk}"
    )
    assert url(gov.pk, Y) == "/office/mediation/disputes/?figure=mediation.resolved&year=2025"
    assert indicators.PETITION_RECORDS["mediation.petition_reviews"](Y).count() == 2
    bodies = registry.COMPUTED["mediation.committees"].records_url
    assert bodies(town.pk, Y) == f"/office/mediation/bodies/?active=1&unit={town.pk}"
    assert bodies(gov.pk, Y) == "/office/mediation/bodies/?active=1"
    on_time = registry.COMPUTED["mediation.petition_on_time_rate"].records_url
    assert on_time(gov.pk, Y) == "/office/mediation/petitions/?category=claim&state=concluded"
    # what the registry writes for the year is what the compute functions give
    registry.refresh(Y, ["mediation.disputes"])
    values = registry.district_values(Y)
    assert values["mediation.disputes"].value == 8
    assert "按纠纷类型" in registry.explanation(values["mediation.disputes"])


def test_fixture_rows_carry_their_creation_events(disputes, petitions, bodies):
    problems = [p.message for p in events.verify_states() if "mediation." in p.message]
    assert problems == []
