"""The clocks of a dispute on the real calendar, counted by hand (calendar days, the start
day not counted, a period ending on a holiday ends on the next working day — 民事诉讼法
第八十五条):

- 调解 30 days from 2026-01-17: 2026-02-16, in 春节 (2月15日至23日放假, 国务院办公厅
  2025-11-04 notice), so 2026-02-24 (Tue).
- 调解 30 days from 2025-01-01: 2025-01-31, in 春节 2025 (1月28日至2月4日放假, 国办发明电
  〔2024〕12号), so 2025-02-05 (Wed).
- 调解 30 days from 2025-09-03: 2025-10-03, in 国庆 (10月1日至8日放假), so 2025-10-09 (Thu).
- 司法确认 30 days from 2025-09-05: 2025-10-05 (国庆), so 2025-10-09; an application on
  2025-10-10 is late.
- The parties agree to extend 2025-09-20…2025-09-29 (10 days not counted) a mediation
  accepted 2025-09-03: counted days 09-04…09-19 are 16, then 09-30 is the 17th and
  10-13 (Mon, a working day) the 30th.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import Deadline, Event
from fazhi.core.tests.refusal import refused
from fazhi.mediation.services import disputes

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.mark.parametrize(
    "accepted,due",
    [(D(2026, 1, 17), D(2026, 2, 24)), (D(2025, 1, 1), D(2025, 2, 5)),
     (D(2025, 9, 3), D(2025, 10, 9))],
)  # fmt: skip
def test_mediation_clock_rolls_past_the_holiday(mediating, accepted, due):
    d = mediating(accepted_on=accepted)
    assert d.deadline.due_date == due and d.deadline.start_date == accepted


def written(mediating, people, at, number="城关调〔2025〕9号"):
    concluded = D(2025, 9, 5)
    d = mediating(accepted_on=D(2025, 9, 3))
    at(concluded)
    return disputes.conclude(people["town_clerk"], d, outcome="success", concluded_on=concluded,
                             agreement_form="written", agreement_number=number,
                             agreement_terms="赔偿损失")  # fmt: skip


def test_judicial_confirmation_within_thirty_days_across_national_day(mediating, people, at):
    d = written(mediating, people, at)
    assert d.confirmation_deadline.due_date == D(2025, 10, 9)
    at(D(2025, 10, 9))
    d = disputes.apply_confirmation(people["town_clerk"], d, applied_on=D(2025, 10, 9),
                                    court="测试区人民法院")  # fmt: skip
    deadline = Deadline.objects.get(pk=d.confirmation_deadline_id)
    assert (deadline.state, deadline.completed_on) == ("done", D(2025, 10, 9))


def test_late_application_is_refused_with_the_due_date(mediating, people, at):
    d = written(mediating, people, at)
    at(D(2025, 10, 10))
    with refused(ValidationError, "申请司法确认应当自调解协议生效之日起30日内提出（至2025-10-09），"
                 "已超过期限（《人民调解法》第三十三条）", d):  # fmt: skip
        disputes.apply_confirmation(people["town_clerk"], d, applied_on=D(2025, 10, 10),
                                    court="测试区人民法院")  # fmt: skip


def test_parties_agree_to_extend(mediating, people, at):
    clerk = people["town_clerk"]
    d = mediating(accepted_on=D(2025, 9, 3))
    at(D(2025, 9, 19))

    def bad(message, start, end):
        with refused(ValidationError, message, d):
            disputes.extend_mediation(clerk, d, start=start, end=end, reason="双方同意")

    bad("延长调解的开始日期应晚于受理调解日期", D(2025, 9, 3), D(2025, 9, 10))
    bad(
        "调解期限已于2025-10-09届满，当事人同意延长应在期限届满前", D(2025, 10, 10), D(2025, 10, 20)
    )
    bad("延长调解的结束日期不能早于开始日期", D(2025, 9, 20), D(2025, 9, 19))
    with refused(ValidationError, "请填写当事人同意延长的情况", d):
        disputes.extend_mediation(clerk, d, start=D(2025, 9, 20), end=D(2025, 9, 29), reason="")
    d = disputes.extend_mediation(clerk, d, start=D(2025, 9, 20), end=D(2025, 9, 29),
                                  reason="双方同意待鉴定结论出具后继续调解")  # fmt: skip
    deadline = Deadline.objects.get(pk=d.deadline_id)
    assert (deadline.state, deadline.due_date) == ("running", D(2025, 10, 13))
    # Concluded after the extended day: the clock closes late, and the record says so.
    at(D(2025, 10, 14))
    d = disputes.conclude(clerk, d, outcome="failed", concluded_on=D(2025, 10, 14),
                          note="双方分歧较大")  # fmt: skip
    deadline.refresh_from_db()
    assert (deadline.state, deadline.completed_on) == ("done", D(2025, 10, 14))
    last = Event.objects.filter(action="mediation_dispute_concluded").get()
    assert "（超过调解期限2025-10-13）" in last.summary
    with refused(ValidationError, "该纠纷调解不成，不能延长调解期限", d):
        disputes.extend_mediation(clerk, d, start=D(2025, 9, 20), end=D(2025, 9, 29), reason="x")


def test_a_year_without_calendar_is_not_guessed(mediating, people, at):
    """Accepted 2026-12-10: 30 days end in 2027, whose calendar is not published; the clock
    is not started (never guessed). An agreement of 2026-12-20 may still be taken to court
    within its bare 30 days."""
    clerk = people["town_clerk"]
    d = mediating(accepted_on=D(2026, 12, 10))
    assert d.deadline_id is None
    accepted = Event.objects.filter(action="mediation_dispute_accepted").get()
    assert accepted.summary.endswith("（期限待2027年工作日历载入后计算）")
    at(D(2026, 12, 20))
    d = disputes.conclude(clerk, d, outcome="success", concluded_on=D(2026, 12, 20),
                          agreement_form="written", agreement_number="城关调〔2026〕3号",
                          agreement_terms="赔偿损失")  # fmt: skip
    assert d.confirmation_deadline_id is None
    at(D(2026, 12, 28))
    d = disputes.apply_confirmation(clerk, d, applied_on=D(2026, 12, 28), court="测试区人民法院")
    assert d.confirmation_applied_on == D(2026, 12, 28)
