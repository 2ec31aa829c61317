"""Normative document clocks on the deadline board.

备案 (filing): N calendar days from publication, N set by provincial rules
(FAZHI_DOCUMENT_FILING_DAYS, default 30; unconfirmed), a last day on a holiday or rest day
moved to the next working day (民法典 第二百零三条; FAZHI_DOCUMENT_FILING_ROLL_FORWARD). A
FIXED clock: ``rules.filing_due`` computes the last day once, at publication, on the
calendar then loaded, and the clock keeps that date.

有效期 (validity): the document must be evaluated N months before its 有效期 ends (local
rules implementing 国办发〔2018〕37号; FAZHI_DOCUMENT_EVALUATE_MONTHS, default 6): the clock's
date is that last day (rules.evaluation_due), warned from EVALUATION_WARN_DAYS before and
overdue after it; done when the document is evaluated, cancelled when it ends.
"""

from fazhi.core.deadlines import CALENDAR, FIXED, WORKING, Clock, register_clock

from . import rules

FILING = "documents.filing"
EXPIRY = "documents.expiry"
# Platform convention: how long before the evaluation's last day the board warns.
EVALUATION_WARN_DAYS = 60

register_clock(
    Clock(
        code=FILING,
        name="规范性文件报送备案",
        unit=FIXED,
        length=0,
        basis=f"省级规范性文件备案规定（各省规定不一，常见15日或30日；"
        f"本平台设置为{rules.filing_days()}日）",
        start=f"自公布之日起{rules.filing_days()}日内"
        + (
            "（最后一日为法定休假日的，顺延至休假日结束的次日）"
            if rules.filing_roll_forward()
            else ""
        ),
        warn_days=7,
        module="documents",
    )
)
register_clock(
    Clock(
        code=EXPIRY,
        name="规范性文件有效期届满前评估",
        unit=FIXED,
        length=0,
        basis=f"有效期届满前{rules.evaluate_months()}个月应当组织评估（地方规范性文件管理规定）",
        start=f"有效期届满前{rules.evaluate_months()}个月",
        warn_days=EVALUATION_WARN_DAYS,
        module="documents",
    )
)

# 规范性文件附带审查 raised in a 行政复议 (行政复议法 2023 第56—59条). Its "七日、十日" are
# working days (第88条: 三日、五日、七日、十日 exclude statutory holidays); 30 and 60 days are
# calendar days, a last day on a rest day moving to the next working day.
ANCILLARY_HANDLE = "documents.ancillary_handle"
ANCILLARY_FORWARD = "documents.ancillary_forward"
ANCILLARY_MAKER = "documents.ancillary_maker"
ANCILLARY_REPLY = "documents.ancillary_reply"

register_clock(Clock(
    code=ANCILLARY_HANDLE, name="行政复议机关处理规范性文件附带审查申请", unit=CALENDAR,
    length=30, basis="《行政复议法》第五十六条", start="收到附带审查申请之日", warn_days=7,
    module="documents",
))  # fmt: skip
register_clock(Clock(
    code=ANCILLARY_FORWARD, name="无权处理的附带审查申请转送有权机关", unit=WORKING,
    length=7, basis="《行政复议法》第五十六条、第八十八条", start="收到附带审查申请之日",
    warn_days=2, module="documents",
))  # fmt: skip
register_clock(Clock(
    code=ANCILLARY_MAKER, name="制定机关就规范性文件相关条款的合法性提交书面答复",
    unit=WORKING, length=10, basis="《行政复议法》第五十八条、第八十八条",
    start="制定机关收到书面通知之日", warn_days=3, module="documents",
))  # fmt: skip
register_clock(Clock(
    code=ANCILLARY_REPLY, name="接受转送的机关回复附带审查处理意见", unit=CALENDAR,
    length=60, basis="《行政复议法》第五十九条", start="转送之日（接受转送的机关收到之日）",
    warn_days=10, module="documents",
))  # fmt: skip
