"""The filing clock (规范性文件报送备案) driven by ``services.publish``, the coordinator's
act, across 国庆 2025 and 春节 2026, and refused when the year it ends in has no calendar.

The period is 30 calendar days (FAZHI_DOCUMENT_FILING_DAYS), the publication day not
counted; a last day on a holiday or rest day moves to the day after the holiday (民法典
第二百零三条第一款; FAZHI_DOCUMENT_FILING_ROLL_FORWARD), a 调休 working Saturday does not.

Hand counts (notices in fazhi/core/tests/test_clock_holidays.py):

- Published 2025-09-08: 09-08 + 22 = 09-30, + 8 = 10-08 (Wed), the last day of 国庆
  (10-01…10-08 off): the period ends on 10-09 (Thu).
- Published 2026-01-16: 01-16 + 15 = 01-31, + 15 = 02-15 (Sun), the first day of 春节
  (02-15…02-23 off): the period ends on 02-24 (Tue).
- Published 2025-09-11: 09-11 + 19 = 09-30, + 11 = 10-11 (Sat, 调休上班): kept.
- Published 2026-01-29: 01-29 + 2 = 01-31, + 28 = 02-28 (Sat, 调休上班): kept.
- Published 2025-09-15: 09-15 + 15 = 09-30, + 15 = 10-15 (Wed, a working day): kept.
"""

import datetime as dt

import pytest

from fazhi.core.models import Deadline
from fazhi.core.workdays import CalendarMissing
from fazhi.documents import services
from fazhi.documents.models import NormativeDocument

from .conftest import discussed, published

D = dt.date


def filing_clock(doc):
    return Deadline.objects.get(clock="documents.filing", record_id=str(doc.pk))


@pytest.mark.today(2025, 11, 10)
@pytest.mark.parametrize(
    "published_on, due",
    [
        (D(2025, 9, 8), D(2025, 10, 9)),  # 30th day 10-08 in 国庆: rolled
        (D(2025, 9, 11), D(2025, 10, 11)),  # 30th day a 调休 working Saturday: kept
        (D(2025, 9, 15), D(2025, 10, 15)),  # 30th day a Wednesday: kept
    ],
)
def test_filing_period_across_national_day(people, district, published_on, due):
    doc = published(people, district, on=published_on)
    assert (doc.filing_due_on, filing_clock(doc).due_date) == (due, due)


@pytest.mark.today(2026, 3, 10)
@pytest.mark.parametrize(
    "published_on, due",
    [
        (D(2026, 1, 16), D(2026, 2, 24)),  # 30th day 02-15 in 春节: rolled
        (D(2026, 1, 29), D(2026, 2, 28)),  # 30th day a 调休 working Saturday: kept
    ],
)
def test_filing_period_across_spring_festival(people, district, published_on, due):
    doc = published(people, district, on=published_on)
    assert (doc.filing_due_on, filing_clock(doc).due_date) == (due, due)


@pytest.mark.today(2025, 11, 10)
def test_a_filing_on_the_day_after_the_holiday_is_on_time(people, district):
    doc = published(people, district, on=D(2025, 9, 8))
    filing = services.file(doc, filed_on=D(2025, 10, 9), actor=people["coordinator"])
    assert filing.on_time
    assert filing_clock(doc).state == Deadline.State.DONE


@pytest.mark.today(2025, 11, 10)
def test_roll_forward_can_be_turned_off(people, district, settings):
    """A province whose rule counts the period strictly: the 30th day stays in 国庆."""
    settings.FAZHI_DOCUMENT_FILING_ROLL_FORWARD = False
    doc = published(people, district, on=D(2025, 9, 8))
    assert doc.filing_due_on == D(2025, 10, 8)


@pytest.mark.today(2026, 12, 10)
def test_publish_refused_when_the_period_ends_in_a_year_without_calendar(people, district):
    """Published 2026-12-10: the 30th day is 2027-01-09, and whether it is a working day is
    for 2027's notice to say, which is not loaded. The publication is refused, nothing moves."""
    doc = discussed(people, district)
    doc = services.register_and_number(doc, actor=people["coordinator"], on=D(2026, 12, 10))
    with pytest.raises(CalendarMissing, match="2027年的工作日历"):
        services.publish(doc, published_on=D(2026, 12, 10), actor=people["coordinator"])
    doc.refresh_from_db()
    assert (doc.status, doc.published_on, doc.filing_due_on) == (
        NormativeDocument.Status.NUMBERED,
        None,
        None,
    )
    assert not Deadline.objects.filter(clock__startswith="documents.").exists()


@pytest.mark.today(2025, 11, 10)
def test_an_imported_document_from_before_any_calendar_keeps_the_unrolled_day(people, district):
    """存量文件 published in 2003 (no notice before 2004 is loaded, none ever will be): the
    import is not refused; the unrolled 30th day (2003-06-01, a Sunday) is the strictest
    reading, so its filing on 06-02 is flagged late, not guessed on time."""
    doc = services.import_existing(
        title="测试区城市绿化管理办法",
        unit=district["gov"],
        issuer=district["gov"],
        doc_number="测试区人民政府规〔2003〕1号",
        published_on=D(2003, 5, 2),
        status=NormativeDocument.Status.EXPIRED,
        ended_on=D(2008, 5, 1),
        filed_on=D(2003, 6, 2),
        actor=people["coordinator"],
    )
    assert doc.filing_due_on == D(2003, 6, 1)
    assert doc.filing.on_time is False


@pytest.mark.today(2026, 12, 10)
def test_the_publish_page_says_why_and_keeps_the_document_as_it_was(people, district, client):
    """The coordinator publishing from the document page gets the calendar's Chinese message
    (400, not 500) and the document stays numbered; the filings page states the rule."""
    doc = discussed(people, district)
    doc = services.register_and_number(doc, actor=people["coordinator"], on=D(2026, 12, 10))
    client.force_login(people["coordinator"])
    fields = {"published_on": "2026-12-10", "effective_on": "", "valid_until": "", "channel": ""}
    data = {"action": "publish", **{f"publish-{k}": v for k, v in fields.items()}}
    r = client.post(f"/office/documents/{doc.pk}/", data)
    assert r.status_code == 400
    assert "2027年的工作日历（节假日与调休安排）尚未载入" in r.content.decode()
    doc.refresh_from_db()
    assert doc.status == NormativeDocument.Status.NUMBERED
    page = client.get("/office/documents/filings/").content.decode()
    assert "期限最后一日为法定节假日或休息日的，顺延至休假日结束的次日" in page
