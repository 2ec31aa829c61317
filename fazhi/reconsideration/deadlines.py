"""The clocks of 行政复议, 行政应诉 and 司法/检察建议 on the deadline board (conf.py gives
each period's source). The 复议 decision clock pauses while the case is suspended (中止,
第39条) and is extended only with the head's approval (第62条): both are events on the
core Deadline, never an edited date."""

from fazhi.core.deadlines import CALENDAR, FIXED, WORKING, Clock, register_clock

from . import conf

REVIEW = "reconsideration.acceptance_review"
CORRECTION = "reconsideration.correction"
COPY = "reconsideration.copy"
COPY_SIMPLE = "reconsideration.copy_simple"
ANSWER = "reconsideration.answer"
ANSWER_SIMPLE = "reconsideration.answer_simple"
DECISION = "reconsideration.decision"
DECISION_SIMPLE = "reconsideration.decision_simple"
SUSPENSION = "reconsideration.suspension"
PUBLICATION = "reconsideration.publication"
OPINION = "reconsideration.opinion_report"
LITIGATION_ANSWER = "litigation.answer"
SUGGESTION_REPLY = "suggestion.reply"

M = "reconsideration"

register_clock(Clock(
    code=REVIEW, name="行政复议申请受理审查", basis="《行政复议法》第三十条、第八十八条",
    length=conf.acceptance_review_working_days(), unit=WORKING, start="收到申请之日",
    warn_days=2, module=M,
))  # fmt: skip
register_clock(Clock(
    code=CORRECTION, name="申请人补正材料", basis="《行政复议法》第三十一条",
    length=conf.correction_working_days(), unit=WORKING, start="申请人收到补正通知之日",
    warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=COPY, name="向被申请人发送申请书副本（普通程序）", basis="《行政复议法》第四十八条",
    length=conf.copy_working_days(False), unit=WORKING, start="受理之日", warn_days=2, module=M,
))  # fmt: skip
register_clock(Clock(
    code=COPY_SIMPLE, name="向被申请人发送申请书副本（简易程序）", basis="《行政复议法》第五十三条",
    length=conf.copy_working_days(True), unit=WORKING, start="受理之日", warn_days=1, module=M,
))  # fmt: skip
register_clock(Clock(
    code=ANSWER, name="被申请人提出书面答复并提交证据（普通程序）",
    basis="《行政复议法》第四十八条", length=conf.answer_working_days(False), unit=WORKING,
    start="收到申请书副本之日", warn_days=3, module=M,
))  # fmt: skip
register_clock(Clock(
    code=ANSWER_SIMPLE, name="被申请人提出书面答复并提交证据（简易程序）",
    basis="《行政复议法》第五十四条", length=conf.answer_working_days(True), unit=WORKING,
    start="收到申请书副本之日", warn_days=2, module=M,
))  # fmt: skip
register_clock(Clock(
    code=DECISION, name="作出行政复议决定（普通程序）", basis="《行政复议法》第六十二条",
    length=conf.decision_days(False), unit=CALENDAR, start="受理之日", pausable=True,
    pause_reasons=("中止审理",), extension_max=conf.extension_days(),
    extension_approver="行政复议机构的负责人", warn_days=10, module=M,
))  # fmt: skip
register_clock(Clock(
    code=DECISION_SIMPLE, name="作出行政复议决定（简易程序）", basis="《行政复议法》第六十二条",
    length=conf.decision_days(True), unit=CALENDAR, start="受理之日", pausable=True,
    pause_reasons=("中止审理",), warn_days=5, module=M,
))  # fmt: skip
register_clock(Clock(
    code=SUSPENSION, name="中止满六十日终止行政复议", basis="《行政复议法》第四十一条",
    length=conf.suspension_limit_days(), unit=CALENDAR, start="中止之日", roll_forward=False,
    warn_days=10, module=M,
))  # fmt: skip
register_clock(Clock(
    code=PUBLICATION, name="公开行政复议决定书", basis="《行政复议法》第七十九条（本区规定的期限）",
    length=conf.publication_days(), unit=CALENDAR, start="作出决定之日", warn_days=5, module=M,
))  # fmt: skip
register_clock(Clock(
    code=OPINION, name="反馈行政复议意见书的纠正情况", basis="《行政复议法》第七十六条",
    length=conf.opinion_report_days(), unit=CALENDAR, start="收到意见书之日", warn_days=10,
    module=M,
))  # fmt: skip
register_clock(Clock(
    code=LITIGATION_ANSWER, name="行政诉讼提交答辩状、证据和依据", basis="《行政诉讼法》第六十七条",
    length=conf.litigation_answer_days(), unit=CALENDAR, start="收到起诉状副本之日", warn_days=5,
    module=M,
))  # fmt: skip
register_clock(Clock(
    code=SUGGESTION_REPLY, name="回复司法建议、检察建议", unit=FIXED,
    basis="建议书载明的期限（未载明的，见本区配置）", length=0, start="建议书载明的回复期限",
    warn_days=10, module=M,
))  # fmt: skip
