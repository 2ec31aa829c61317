"""Indicator clocks: the date a reporting round closes and the date a rectification is due
are set by the coordinator (法治政府建设与责任落实督察工作规定 requires rectification within
a set time; the date itself is the coordinator's)."""

from fazhi.core.deadlines import FIXED, Clock, register_clock

register_clock(
    Clock(
        code="indicators.submission",
        name="指标数据填报",
        unit=FIXED,
        length=0,
        basis="填报通知确定的截止日期",
        start="填报轮次确定的截止日",
        warn_days=7,
        module="indicators",
    )
)
register_clock(
    Clock(
        code="indicators.rectification",
        name="法治督察问题整改",
        unit=FIXED,
        length=0,
        basis="《法治政府建设与责任落实督察工作规定》；督察意见确定的整改期限",
        start="督察意见确定的整改期限",
        warn_days=10,
        module="indicators",
    )
)
