"""The clocks of 政府信息公开 on the deadline board (conf.py gives each period's source).
The reply clock pauses while the applicant is asked to supplement (then starts again from
the supplement, 第三十条), while a third party or another agency is consulted (第三十三条
第三款) and while a fee notice is unpaid (国办函〔2020〕109号); it is extended only with
approval (第三十三条第二款). All of these are events on the core Deadline."""

from fazhi.core.deadlines import FIXED, WORKING, Clock, register_clock

from . import conf

PROACTIVE = "disclosure.proactive"
REPLY = "disclosure.reply"
CORRECTION_NOTICE = "disclosure.correction_notice"
CORRECTION = "disclosure.correction"
CONSULTATION = "disclosure.consultation"
FEE = "disclosure.fee"
ANNUAL_REPORT = "disclosure.annual_report"

M = "disclosure"

register_clock(Clock(
    code=PROACTIVE, name="主动公开政府信息", basis="《政府信息公开条例》第二十六条",
    length=conf.proactive_working_days(), unit=WORKING, start="信息形成或者变更之日",
    warn_days=5, module=M,
))  # fmt: skip
register_clock(Clock(
    code=REPLY, name="答复政府信息公开申请", basis="《政府信息公开条例》第三十三条",
    length=conf.reply_working_days(), unit=WORKING, start="收到申请之日（补正的，收到补正申请之日）",
    pausable=True, pause_reasons=("补正", "征求第三方或其他机关意见", "缴纳信息处理费"),
    extension_max=conf.extension_working_days(),
    extension_approver="政府信息公开工作机构负责人", warn_days=5, module=M,
))  # fmt: skip
register_clock(Clock(
    code=CORRECTION_NOTICE, name="一次性告知补正", basis="《政府信息公开条例》第三十条",
    length=conf.correction_notice_working_days(), unit=WORKING, start="收到申请之日",
    warn_days=2, module=M,
))  # fmt: skip
register_clock(Clock(
    code=CORRECTION, name="申请人补正申请", basis="《政府信息公开条例》第三十条（本区确定的合理期限）",
    length=conf.correction_working_days(), unit=WORKING, start="发出补正告知之日",
    warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=CONSULTATION, name="第三方或其他机关提出意见",
    basis="《政府信息公开条例》第三十二条、第三十四条", length=conf.consultation_working_days(),
    unit=WORKING, start="发出征求意见函之日", warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=FEE, name="申请人缴纳信息处理费",
    basis="《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
    length=conf.fee_payment_working_days(), unit=WORKING, start="发出收费通知之日",
    warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=ANNUAL_REPORT, name="公开政府信息公开工作年度报告", unit=FIXED,
    basis="《政府信息公开条例》第四十九条", length=0,
    start="部门每年1月31日前，政府每年3月31日前", warn_days=15, module=M,
))  # fmt: skip
