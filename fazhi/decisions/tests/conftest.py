"""Decision fixtures on top of the shared personas (conftest.py at the root): a published
2025 catalogue of the 测试区 government with one item of 司法局 and one of 市场监管局, a
decision of 司法局, and helpers that play the other apps' people — the legal reviewer who
concludes a review in the legal app, the drafting unit that closes a consultation and
publishes its summary in the consultation app."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from fazhi.decisions import services

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="材料.pdf", extra=b""):
    return SimpleUploadedFile(name, PDF + extra, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _env(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalog(people, district):
    coord = people["coordinator"]
    c = services.create_catalog(year=2025, unit=district["gov"], actor=coord)
    a = services.propose_item(
        c,
        unit=district["sfj"],
        title="测试区行政执法辅助人员管理办法",
        category="policy",
        actor=people["sfj_clerk"],
    )
    b = services.propose_item(
        c,
        unit=district["scjg"],
        title="城区停车收费标准调整",
        category="public_interest",
        actor=people["scjg_clerk"],
    )
    services.settle_item(a, include=True, actor=coord)
    services.settle_item(b, include=True, actor=coord)
    services.approve_catalog(
        c,
        party_agreed_on=dt.date(2025, 2, 10),
        party_document="区委常委会会议纪要〔2025〕2号",
        actor=coord,
    )
    services.publish_catalog(
        c, published_on=dt.date(2025, 2, 20), channel="区政府门户网站", actor=coord
    )
    return c


@pytest.fixture
def decision(catalog, people):
    item = catalog.items.get(unit__code="D08")
    return services.start_decision(
        item,
        actor=people["sfj_clerk"],
        draft="第一条 为规范行政执法辅助人员管理，制定本办法。",
        explanation="一、必要性。二、主要内容。三、论证情况。",
        files=[pdf("决策草案.pdf")],
    )


@pytest.fixture
def adviser(district):
    from fazhi.legal import interface as legal

    return legal.register_adviser(
        name="周律师",
        kind="counsel",
        unit=district["gov"],
        employer="测试律师事务所",
        phone="13800000001",
        contract_start=dt.date(2024, 1, 1),
        contract_end=dt.date(2030, 12, 31),
        actor=None,
    )


def prepare(decision, people, *, exempt=True):
    """Participation (exemption), expert review and risk assessment done."""
    clerk = people["sfj_clerk"]
    if exempt:
        services.record_exemption(
            decision,
            reason="涉及执法辅助人员个人信息的事项",
            approved_by="区政府分管副区长",
            actor=clerk,
        )
    services.record_expert_review(
        decision,
        held_on=dt.date(2025, 4, 1),
        form="专家论证会",
        organizer="测试学院法学院",
        experts="甲教授（行政法）\n乙研究员（公共管理）",
        opinions="总体可行",
        adoption="已采纳",
        actor=clerk,
        files=[pdf("专家论证意见.pdf", b"expert")],
    )
    services.record_risk_assessment(
        decision,
        assessed_on=dt.date(2025, 4, 8),
        assessor="测试社会稳定风险评估中心",
        method="问卷调查、座谈走访",
        level="low",
        conclusion="风险可控",
        actor=clerk,
        files=[pdf("风险评估报告.pdf", b"risk")],
    )


def pass_review(decision, people, adviser, *, opinion="lawful"):
    """The 司法局's legal reviewer concludes the review in the legal app (today, early,
    with the reason recorded: the test cannot wait 7 working days)."""
    from fazhi.legal import services as legal

    review = services.legal().latest_review(decision)
    legal.conclude(
        review,
        opinion=opinion,
        reasons="" if opinion == "lawful" else "第三条不符合上位法规定",
        actor=people["legal"],
        early_reason="测试：提前出具",
        adviser=adviser,
    )


def approve(decision, people, *, on=None):
    on = on or timezone.localdate()
    return services.record_collective_decision(
        decision,
        meeting_kind="executive",
        meeting_name="区政府第35次常务会议",
        meeting_on=on,
        attendees=11,
        outcome="approved",
        dissent="无",
        head_decision="原则同意，修改完善后印发",
        actor=people["sfj_clerk"],
        files=[pdf("会议纪要.pdf", b"minutes")],
    )


def decided(decision, people, adviser):
    prepare(decision, people)
    services.request_legality_review(decision, actor=people["sfj_clerk"])
    pass_review(decision, people, adviser)
    approve(decision, people)
    decision.refresh_from_db()
    return decision


def published(decision, people, adviser):
    decided(decision, people, adviser)
    today = timezone.localdate()
    services.record_party_report(
        decision, reported_on=today, document="关于……的请示", actor=people["sfj_clerk"]
    )
    services.publish_decision(
        decision,
        published_on=today,
        channel="区政府门户网站",
        published_text="测试区行政执法辅助人员管理办法全文",
        adoption_note="专家意见已采纳",
        actor=people["sfj_clerk"],
    )
    decision.refresh_from_db()
    return decision
