"""Decision clocks on the deadline board.

- Publication: a decision is government information to be released proactively within
  20 working days of being made (政府信息公开条例 第26条; 重大行政决策程序暂行条例 第32条
  requires publication but sets no period). FAZHI_DECISION_PUBLISH_DAYS, default 20.
- Execution report: the decision body sets when the executing unit next reports how the
  decision is carried out (条例 第34–35条 leave the date to the decision body).
"""

from django.conf import settings

from fazhi.core.deadlines import FIXED, WORKING, Clock, register_clock

PUBLISH_CLOCK = "decisions.publication"
EXECUTION_CLOCK = "decisions.execution_report"

register_clock(
    Clock(
        code=PUBLISH_CLOCK,
        name="重大行政决策公布",
        unit=WORKING,
        length=getattr(settings, "FAZHI_DECISION_PUBLISH_DAYS", 20),
        basis="《政府信息公开条例》第二十六条；《重大行政决策程序暂行条例》第三十二条"
        "（本平台设置，默认20个工作日，可调整）",
        start="集体讨论决定通过之日",
        warn_days=5,
        module="decisions",
    )
)
register_clock(
    Clock(
        code=EXECUTION_CLOCK,
        name="重大行政决策执行情况报告",
        unit=FIXED,
        length=0,
        basis="《重大行政决策程序暂行条例》第三十四条、第三十五条；决策机关确定的报告日期",
        start="决策机关确定的报告日期",
        warn_days=7,
        module="decisions",
    )
)
