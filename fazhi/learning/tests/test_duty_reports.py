"""述法: who may report, one report per official and year, a 现场述法 names its meeting, the
evaluation (result, score 0–100, by whom, not before the report)."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.learning.models import LawDutyReport
from fazhi.learning.services import duty_reports as svc

from .education_fixtures import officials_fixture  # noqa: F401

pytestmark = pytest.mark.today(2026, 1, 20)


def report(officials, people, who="scjg_head", **kw):
    data = dict(
        official=officials[who], year=2025, form="meeting", reported_on=dt.date(2026, 1, 15),
        meeting="2025年度党政主要负责人述法评议会", content="履行推进法治建设第一责任人职责情况",
        actor=people["scjg_clerk"],
    )  # fmt: skip
    data.update(kw)
    return svc.record_report(**data)


def test_a_leader_reports_at_a_meeting_and_is_evaluated(officials, people):
    rep = report(officials, people)
    assert rep.unit == officials["scjg_head"].unit and rep.form == "meeting"
    svc.evaluate(rep, evaluation="excellent", score="92.5", evaluated_by="区委全面依法治区委员会",
                 evaluated_on=dt.date(2026, 1, 16), actor=people["scjg_clerk"])  # fmt: skip
    rep.refresh_from_db()
    assert (rep.evaluation, str(rep.score)) == ("excellent", "92.5")
    actions = list(
        Event.objects.filter(record_type="learning.lawdutyreport", record_id=str(rep.pk))
        .order_by("seq").values_list("action", flat=True)
    )  # fmt: skip
    assert actions == ["learning_duty_report_recorded", "learning_duty_report_evaluated"]


def test_a_written_report_keeps_no_meeting(officials, people):
    rep = report(officials, people, who="scjg_deputy", form="written", meeting="某会议")
    assert rep.meeting == ""


def test_staff_do_not_report(officials, people):
    with refused(ValidationError, "只有党政主要负责人或领导班子成员述法"):
        report(officials, people, who="scjg_staff")


def test_one_report_per_official_and_year(officials, people):
    rep = report(officials, people)
    with refused(ValidationError, "周建国已有2025年度的述法记录", rep):
        report(officials, people, form="written")
    # Another year is another report.
    assert report(officials, people, year=2026, reported_on=dt.date(2026, 1, 19)).year == 2026


def test_a_meeting_report_names_its_meeting(officials, people):
    with refused(ValidationError, "现场述法请填写述法会议的名称"):
        report(officials, people, meeting="  ")


def test_report_date_in_the_year_or_the_next(officials, people):
    with refused(ValidationError, "2024年度的述法日期应在2024年或2025年内"):
        report(officials, people, year=2024)
    with refused(ValidationError, "述法日期不能晚于今天（2026-01-20），不能预先登记"):
        report(officials, people, reported_on=dt.date(2026, 1, 21))
    with refused(ValidationError, "述法年度应在2004年至2026年之间"):
        report(officials, people, year=2027)


def test_another_units_clerk_may_not_register(officials, people):
    with refused(PermissionDenied, "只能办理本单位的述法"):
        report(officials, people, actor=people["sfj_clerk"])


@pytest.mark.parametrize(
    "kw, message",
    [
        ({"evaluation": "best"}, "请选择评议结果"),
        ({"score": "100.5"}, "评议得分应为0至100之间的数"),
        ({"score": "-1"}, "评议得分应为0至100之间的数"),
        ({"score": "abc"}, "评议得分应为0至100之间的数"),
        ({"evaluated_by": ""}, "请填写评议主体"),
        ({"evaluated_on": dt.date(2026, 1, 14)}, "评议日期不能早于述法日期（2026-01-15）"),
    ],
)
def test_evaluation_refusals(officials, people, kw, message):
    rep = report(officials, people)
    data = dict(evaluation="good", score="85", evaluated_by="区委依法治区办",
                evaluated_on=dt.date(2026, 1, 16), actor=people["scjg_clerk"])  # fmt: skip
    data.update(kw)
    with refused(ValidationError, message, rep):
        svc.evaluate(rep, **data)


def test_a_stale_edit_is_refused(officials, people):
    rep = report(officials, people)
    opened = LawDutyReport.objects.get(pk=rep.pk).version
    svc.edit_report(rep, form="written", reported_on=dt.date(2026, 1, 15), content="新摘要",
                    version=opened, actor=people["scjg_clerk"])  # fmt: skip
    from fazhi.core.locking import StaleEdit

    with pytest.raises(StaleEdit):
        svc.edit_report(rep, form="written", reported_on=dt.date(2026, 1, 15), content="旧摘要",
                        version=opened, actor=people["scjg_reviewer"])  # fmt: skip
    rep.refresh_from_db()
    assert rep.content == "新摘要"
