"""Computed enforcement figures equal a hand count on fixture data, per unit and for the
district, through the module's own compute functions (the registry), and each figure's
records link lists what it counted."""

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.enforcement import services as s
from fazhi.enforcement.models import Case
from fazhi.indicators import registry

from .conftest import PERSON, SHOP, docs

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 12)]
D = dt.date


def run_penalty(
    open_penalty, enf, clerk, filed, decided, outcome="penalty", fine=0, party=SHOP, **kw
):
    case = open_penalty(filed, party=party)
    inv = filed + dt.timedelta(days=3)
    s.investigate(
        case,
        on=inv,
        documents=docs("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
        officers=enf["officers"],
        actor=clerk,
    )
    if outcome in ("penalty", "light_penalty"):
        s.notify(
            case,
            on=inv + dt.timedelta(days=1),
            documents=docs("行政处罚告知书"),
            actor=clerk,
            proposed_fine=fine,
        )
    if kw.get("review"):
        kw["review"](case)
    return s.decide(
        case, on=decided, outcome=outcome, fine=fine, documents=docs("行政处罚决定书"), actor=clerk
    )


@pytest.fixture
def records(enf, people, open_penalty, district):
    from fazhi.core import services as core
    from fazhi.core.models import User
    from fazhi.legal import services as legal

    clerk = people["scjg_clerk"]
    scjg_legal = core.save_user(
        User(username="scjg_legal", full_name="钱法制", unit=district["scjg"]),
        ["legal_reviewer"],
        None,
    )
    a = run_penalty(open_penalty, enf, clerk, D(2025, 3, 3), D(2025, 3, 20), fine=3000)
    s.publish(a, on=D(2025, 3, 24), actor=clerk)
    b = run_penalty(
        open_penalty, enf, clerk, D(2025, 4, 1), D(2025, 5, 10), outcome="no_penalty", party=PERSON
    )
    s.publish(b, on=D(2025, 6, 30), late_reason="漏报", actor=clerk)
    run_penalty(
        open_penalty, enf, clerk, D(2025, 5, 6), D(2025, 6, 2), outcome="first_violation_exempt"
    )
    d = s.open_case(
        agency=enf["scjg"],
        kind="license",
        title="食品经营许可申请",
        filed_on=D(2025, 6, 20),
        parties=[SHOP],
        officers=[enf["o1"]],
        on_site=False,
        documents=docs("立案审批表"),
        actor=clerk,
        power=enf["license"],
    )
    s.investigate(
        d,
        on=D(2025, 6, 25),
        documents=docs("现场检查（勘验）笔录", "调查询问笔录", "调查终结报告"),
        officers=[enf["o1"]],
        actor=clerk,
    )
    d = s.decide(
        d, on=D(2025, 7, 1), outcome="granted", documents=docs("行政许可决定书"), actor=clerk
    )
    s.publish(d, on=D(2025, 7, 2), actor=clerk)
    s.summary_penalty(
        agency=enf["scjg"],
        title="未亮照经营",
        on=D(2025, 8, 1),
        party=PERSON,
        officers=enf["officers"],
        documents=docs("当场处罚决定书"),
        actor=clerk,
        fine=200,
    )

    def review(case):
        r = s.send_for_review(
            case,
            on=D(2025, 9, 15),
            fine=60000,
            actor=clerk,
            materials=[docs("审核材料")["审核材料"]],
        )
        legal.conclude(r, opinion="lawful", reasons="事实清楚", actor=scjg_legal, on=D(2025, 9, 25))

    m = run_penalty(
        open_penalty, enf, clerk, D(2025, 9, 1), D(2025, 9, 26), fine=60000, review=review
    )
    s.publish(m, on=D(2025, 9, 29), actor=clerk)
    late = run_penalty(open_penalty, enf, clerk, D(2025, 1, 2), D(2025, 4, 15), fine=1000)
    # A case from the agency's ledger kept before the platform: major, with no review on record.
    Case.objects.filter(pk=late.pk).update(major=True, source="2025年执法台账")
    open_penalty(D(2025, 12, 1))  # filed, still open
    run_penalty(open_penalty, enf, clerk, D(2024, 10, 8), D(2024, 11, 20), fine=500)  # another year

    # Officers, exams, trainings, delegations.
    s.register_officer(
        agency=enf["scjg"],
        name="新执法",
        certificate_number="ZF2501001",
        issuer="测试市人民政府",
        issued_on=D(2025, 5, 1),
        valid_until=D(2030, 4, 30),
        actor=clerk,
    )
    for name, passed, on in [
        ("甲", True, D(2025, 6, 7)),
        ("乙", True, D(2025, 6, 7)),
        ("丙", False, D(2025, 6, 7)),
        ("丁", True, D(2024, 6, 8)),
    ]:
        s.record_exam(
            unit=district["scjg"],
            session="行政执法资格考试",
            sat_on=on,
            candidate=name,
            passed=passed,
            actor=clerk,
        )
    s.record_training(
        unit=district["scjg"],
        topic="新修订行政处罚法",
        held_on=D(2025, 3, 5),
        hours=8,
        attendees=enf["officers"],
        actor=clerk,
    )
    s.record_training(
        unit=district["scjg"],
        topic="执法文书制作",
        held_on=D(2025, 11, 5),
        hours=6,
        attendees=enf["officers"],
        actor=clerk,
    )
    s.record_training(
        unit=district["town"],
        topic="赋权事项业务",
        held_on=D(2025, 4, 9),
        hours=4,
        attendees=[enf["t1"]],
        actor=people["town_clerk"],
    )
    for power, on in [
        (enf["power"], D(2025, 2, 1)),
        (enf["listed"], D(2025, 2, 1)),
        (enf["license"], D(2026, 1, 5)),
    ]:
        s.delegate(
            power=power,
            to_agency=enf["town"],
            document_title="赋权决定",
            delegated_on=on,
            actor=clerk,
        )
    from fazhi.enforcement.models import Delegation

    s.withdraw_delegation(
        Delegation.objects.get(power=enf["listed"]), on=D(2025, 10, 8), actor=clerk
    )
    return district


HAND = {
    # code: (市场监管局, 城关街道)
    "enforcement.cases_filed": (8, None),
    "enforcement.decisions": (7, None),
    "enforcement.penalty_decisions": (6, None),
    "enforcement.license_decisions": (1, None),
    "enforcement.first_violation_exempt": (1, None),
    "enforcement.no_penalty": (1, None),
    "enforcement.penalty_amount": (Decimal("6.42"), None),
    "enforcement.major_review_rate": (Decimal("50.0"), None),
    "enforcement.publication_on_time_rate": (Decimal("50.0"), None),
    "enforcement.decided_in_time_rate": (Decimal("83.3"), None),
    "enforcement.exam_participants": (3, None),
    "enforcement.exam_passed": (2, None),
    "enforcement.certificates_issued": (1, None),
    "enforcement.trainings": (2, 1),
    "enforcement.delegated_powers": (None, 1),
}


@pytest.mark.parametrize("code", list(HAND))
def test_computed_figure_equals_the_hand_count(records, code):
    values = registry.COMPUTED[code].compute(2025)
    scjg, town = HAND[code]
    gov = records["gov"].pk
    assert values.get(records["scjg"].pk) == (None if scjg is None else Decimal(scjg))
    assert values.get(records["town"].pk) == (None if town is None else Decimal(town))
    district = sum(Decimal(v) for v in (scjg, town) if v is not None)
    if code.endswith("_rate"):
        district = Decimal(scjg)  # one unit: the pooled rate is its rate
    assert values[gov] == district


def test_the_figures_records_link_lists_what_was_counted(records):
    from fazhi.enforcement.indicators import RECORDS

    url = registry.COMPUTED["enforcement.penalty_decisions"].records_url(records["scjg"].pk, 2025)
    assert (
        url
        == f"/office/enforcement/cases/?figure=enforcement.penalty_decisions&year=2025&unit={records['scjg'].pk}"
    )
    counted = RECORDS["enforcement.penalty_decisions"](2025)
    assert counted.count() == 6 and all(
        c.kind == "penalty" and c.decided_on.year == 2025 for c in counted
    )


CASE_CODES = [
    c
    for c in HAND
    if c
    not in {
        "enforcement.exam_participants",
        "enforcement.exam_passed",
        "enforcement.certificates_issued",
        "enforcement.trainings",
        "enforcement.delegated_powers",
    }
]


def test_all_case_figures_read_the_cases_at_most_twice_and_follow_every_change(
    records, open_penalty
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        for code in CASE_CODES:
            registry.COMPUTED[code].compute(2025)
    reads = [q["sql"] for q in ctx.captured_queries if 'FROM "enforcement_case"' in q["sql"]]
    # The year's decisions grouped by unit and kind, the year's filings counted per unit.
    assert len(reads) == 2, reads
    # A change anywhere moves the record's head: the next figure is computed afresh.
    before = registry.COMPUTED["enforcement.cases_filed"].compute(2025)[records["scjg"].pk]
    open_penalty(D(2025, 12, 15))
    after = registry.COMPUTED["enforcement.cases_filed"].compute(2025)[records["scjg"].pk]
    assert after == before + 1


def test_the_case_list_opened_from_a_figure_shows_what_it_counted(records, login, people):
    """The decisions figure counts by decision date; the list opened from its link shows
    exactly those cases (whatever their filing year), and another unit's clerk none."""
    client = login(people["coordinator"])
    url = registry.COMPUTED["enforcement.penalty_decisions"].records_url(records["scjg"].pk, 2025)
    html = client.get(url).content.decode()
    counted = records_of("enforcement.penalty_decisions")
    assert "2025年“行政处罚决定”计入的执法案件" in html
    for case in Case.objects.all():
        assert (case.number in html) == (case.pk in counted), case.number
    # Another unit's clerk opening the same link sees none of them.
    html = login(people["town_clerk"]).get(url).content.decode()
    assert not any(c.number in html for c in Case.objects.all())


def records_of(code):
    from fazhi.enforcement.indicators import RECORDS

    return set(RECORDS[code](2025).values_list("pk", flat=True))
