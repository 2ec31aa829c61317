"""The clocks of 矛盾纠纷调解 and 信访 on the deadline board (conf.py gives each period's
source). All are calendar days except the 5-working-day objection to a wrong transfer. The
petitioner's own limits (30 days to ask for 复查 or 复核) are checked by the services when
the request arrives, not kept on the board: nobody in the agency has to act on them."""

from fazhi.core.deadlines import CALENDAR, WORKING, Clock, register_clock

from . import conf

MEDIATION = "mediation.mediation"
CONFIRMATION = "mediation.judicial_confirmation"
ROUTING = "mediation.petition_routing"
NOTICE = "mediation.petition_notice"
WRONG_AGENCY = "mediation.petition_wrong_agency"
HANDLING = "mediation.petition_handling"
REVIEW = "mediation.petition_review"
RE_REVIEW = "mediation.petition_re_review"

M = "mediation"

register_clock(Clock(
    code=MEDIATION, name="调解矛盾纠纷", basis="《全国人民调解工作规范》（SF/T 0083-2021），本区确定",
    length=conf.mediation_days(), unit=CALENDAR, start="受理调解之日",
    pausable=True, pause_reasons=("当事人同意延长调解期限",), warn_days=5, module=M,
))  # fmt: skip
register_clock(Clock(
    code=CONFIRMATION, name="申请司法确认", basis="《人民调解法》第三十三条",
    length=conf.judicial_confirmation_days(), unit=CALENDAR, start="调解协议生效之日",
    warn_days=7, module=M,
))  # fmt: skip
register_clock(Clock(
    code=ROUTING, name="登记并转送交办信访事项", basis="《信访工作条例》第二十二条",
    length=conf.petition_routing_days(), unit=CALENDAR, start="收到信访事项之日",
    warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=NOTICE, name="书面告知是否受理", basis="《信访工作条例》第二十三条",
    length=conf.petition_notice_days(), unit=CALENDAR,
    start="收到信访事项之日（转送交办的，收到转送交办之日）", warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=WRONG_AGENCY, name="对转送交办提出异议", basis="《信访工作条例》第二十三条",
    length=conf.wrong_agency_objection_working_days(), unit=WORKING,
    start="收到转送交办之日", warn_days=2, module=M,
))  # fmt: skip
register_clock(Clock(
    code=HANDLING, name="办结申诉求决类信访事项", basis="《信访工作条例》第三十四条",
    length=conf.petition_handling_days(), unit=CALENDAR, start="受理之日",
    extension_max=conf.petition_extension_days(), extension_approver="本机关负责人",
    warn_days=10, module=M,
))  # fmt: skip
register_clock(Clock(
    code=REVIEW, name="提出复查意见", basis="《信访工作条例》第三十五条",
    length=conf.review_answer_days(), unit=CALENDAR, start="收到复查请求之日",
    warn_days=5, module=M,
))  # fmt: skip
register_clock(Clock(
    code=RE_REVIEW, name="提出复核意见", basis="《信访工作条例》第三十六条",
    length=conf.re_review_answer_days(), unit=CALENDAR, start="收到复核请求之日",
    pausable=True, pause_reasons=("听证",), warn_days=5, module=M,
))  # fmt: skip
