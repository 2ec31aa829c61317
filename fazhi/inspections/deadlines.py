"""Inspection clocks on the deadline board.

* Result publication: 20 working days from the check (“谁检查、谁录入、谁公开”, results on
  国家企业信用信息公示系统; SAMR 2018 briefing and local rules, rules.md §6), started when
  a drawn entity's result is first recorded.
"""

from fazhi.core.deadlines import WORKING, Clock, register_clock

from . import conf

PUBLICATION = "inspections.publication"

register_clock(
    Clock(
        code=PUBLICATION,
        name="双随机抽查结果公示",
        basis="市场监管总局“双随机、一公开”监管工作要求（抽查结果20个工作日内公示）",
        length=conf.publication_working_days(),
        unit=WORKING,
        start="检查之日",
        warn_days=5,
        module="inspections",
    )
)
