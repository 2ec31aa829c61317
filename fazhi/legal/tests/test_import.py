"""Loading past years from the ledgers: the same gates as the services, row by row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import events
from fazhi.core.models import Event
from fazhi.legal import services
from fazhi.legal.models import Contract, LegalReview

pytestmark = pytest.mark.today(2025, 11, 10)

D = dt.date


def review_row(district, **kw):
    row = {
        "kind": "normative_document",
        "unit": district["scjg"],
        "reviewer_unit": district["sfj"],
        "title": "《测试区某某管理办法》",
        "submitted_on": D(2024, 3, 4),
        "concluded_on": D(2024, 3, 15),
        "opinion": "lawful",
    }
    row.update(kw)
    return row


def contract_row(district, **kw):
    row = {
        "title": "测试区城区道路保洁服务外包合同",
        "category": "service",
        "counterparty": "测试环境卫生服务有限公司",
        "amount": Decimal("320.00"),
        "unit": district["scjg"],
        "registered_on": D(2024, 2, 26),
        "state": "completed",
        "signed_on": D(2024, 3, 20),
        "completed_on": D(2024, 12, 20),
        "reviews": [
            {
                "reviewer_unit": district["sfj"],
                "submitted_on": D(2024, 3, 4),
                "concluded_on": D(2024, 3, 15),
                "opinion": "lawful",
            }
        ],
    }
    row.update(kw)
    return row


def test_import_loads_reviews_and_contracts(people, district):
    n = services.import_ledger(
        reviews=[review_row(district), review_row(district, title="《另一件》", written=False)],
        contracts=[contract_row(district)],
        actor=people["coordinator"],
        source="区司法局2024年度台账",
    )
    assert n == (3, 1)
    c = Contract.objects.get()
    assert c.review.subject_id == str(c.pk) and c.review.kind == "contract"
    assert services.review_passed(c) and c.state == "completed" and c.source
    own = LegalReview.objects.get(subject_title="《测试区某某管理办法》")
    assert own.is_standalone and own.deadline is None
    numbers = sorted(
        LegalReview.objects.exclude(opinion_seq=None).values_list("opinion_seq", flat=True)
    )
    assert numbers == [1, 2]
    assert Event.objects.filter(action="legal_import").count() == 1
    # Every imported row has its own record: the record check finds none slipped in.
    assert list(events.verify_states()) == []


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"opinion": "unlawful", "reasons": ""}, "须写明不合法的理由和依据"),
        ({"kind": "major_decision"}, "应当组织法律顾问、公职律师提出法律意见"),
        ({"concluded_on": D(2024, 3, 6)}, "最早可于2024-03-11出具意见"),
        ({"concluded_on": D(2024, 3, 1)}, "不能早于2024-03-04"),
    ],
)
def test_import_refuses_rows_the_services_would_refuse(people, district, bad, message):
    with pytest.raises(ValidationError) as exc:
        services.import_ledger(
            reviews=[review_row(district), review_row(district, **bad)],
            actor=people["coordinator"],
            source="台账",
        )
    assert any(m.startswith("第2条审查记录") and message in m for m in exc.value.messages)
    assert LegalReview.objects.count() == 0  # the whole batch is refused


def test_import_refuses_signed_contract_without_passed_review(people, district):
    unlawful = {
        "reviewer_unit": district["sfj"],
        "submitted_on": D(2024, 3, 4),
        "concluded_on": D(2024, 3, 15),
        "opinion": "unlawful",
        "reasons": "违反政府投资条例",
    }
    cases = [
        (contract_row(district, reviews=[]), "未经合法性审查的合同不能登记为审查中或已签订"),
        (contract_row(district, reviews=[unlawful]), "结论为“不合法”的合同不得签订"),
        (contract_row(district, signed_on=D(2024, 3, 10)), "签订日期应在合法性审查出具意见之后"),
        (contract_row(district, state="terminated", end_reason=""), "请填写终止理由"),
    ]
    for row, message in cases:
        with pytest.raises(ValidationError) as exc:
            services.import_ledger(contracts=[row], actor=people["coordinator"], source="台账")
        assert any(m.startswith("第1份合同") and message in m for m in exc.value.messages), message
    assert Contract.objects.count() == 0


def test_import_needs_rights_over_the_reviewing_unit(people, district):
    with pytest.raises(ValidationError, match="无权导入测试区司法局的审查台账"):
        services.import_ledger(
            reviews=[review_row(district)], actor=people["scjg_clerk"], source="台账"
        )
