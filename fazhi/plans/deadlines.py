"""Plan clocks. The report date is set by the coordinator for each period; a returned
report gets a short resubmission period (a platform convention, configurable)."""

from django.conf import settings

from fazhi.core.deadlines import FIXED, WORKING, Clock, register_clock

register_clock(
    Clock(
        code="plans.progress_report",
        name="计划任务进展报送",
        unit=FIXED,
        length=0,
        basis="本级实施方案/工作要点及报送通知确定的报送期限",
        start="报送周期确定的报送日期",
        warn_days=7,
        module="plans",
    )
)
register_clock(
    Clock(
        code="plans.progress_resubmit",
        name="退回进展重新报送",
        unit=WORKING,
        length=getattr(settings, "FAZHI_PLAN_RESUBMIT_DAYS", 5),
        basis="平台默认：退回后限期重新报送（本平台设置，默认5个工作日，可调整）",
        start="退回之日",
        warn_days=2,
        module="plans",
    )
)
