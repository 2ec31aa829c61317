"""Clocks of supervision on the deadline board.

* Rectification of a supervision finding: the day the checker set (FIXED).
* Enforcement complaint: 60 calendar days from acceptance (信访工作条例 第32条), a
  district may set another period (``conf_review.complaint_days``).
"""

from fazhi.core.deadlines import CALENDAR, FIXED, Clock, register_clock

from . import conf_review

RECTIFICATION = "enforcement.rectification"
COMPLAINT = "enforcement.complaint"

register_clock(
    Clock(
        code=RECTIFICATION,
        name="执法监督检查问题整改",
        basis="行政执法监督检查整改通知（整改期限由检查单位确定）",
        length=0,
        unit=FIXED,
        start="检查单位确定的整改期限",
        warn_days=7,
        module="enforcement",
    )
)
register_clock(
    Clock(
        code=COMPLAINT,
        name="行政执法投诉举报办理",
        basis="《信访工作条例》第三十二条",
        length=conf_review.complaint_days(),
        unit=CALENDAR,
        start="受理之日",
        extension_max=30,
        extension_approver="本机关负责人",
        warn_days=10,
        module="enforcement",
    )
)

ANNUAL_DATA = "enforcement.annual_data"

register_clock(
    Clock(
        code=ANNUAL_DATA,
        name="公开上年度行政执法数据",
        basis="国办发〔2018〕118号：每年1月31日前公开本机关上年度行政执法总体情况有关数据",
        length=0,
        unit=FIXED,
        start="次年1月31日",
        warn_days=15,
        module="enforcement",
    )
)
