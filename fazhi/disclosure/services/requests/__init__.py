"""A 政府信息公开申请 from receipt to reply (条例 第二十七—四十五条).

收到 (online on the portal; letters, faxes and visits entered by the clerk with the day of
receipt of 第三十一条) → 补正 once, within 7 working days, the reply period starting again
from the supplement (第三十条; no supplement in time = no longer handled) → 征求意见 of a
third party (第三十二条) or a co-author agency (第三十四条), 15 working days each, not
counted (第三十三条第三款) → 信息处理费 where the request is excessive (第四十二条) → 延期
by up to 20 working days with approval and notice (第三十三条第二款) → 答复 of one of the
types of 第三十六条, or partial disclosure (第三十七条), on or before the due day (a reply
after it is flagged late).

Every step is an event on the request; the clock's pauses, restart and extension are
events on its core Deadline.
"""

from .base import due_on, fee_deadline, lock, office_url, snap, state_words
from .consultation import consult, record_answer
from .correction import request_correction, supplement
from .extension import extend
from .fee_notice import fee_paid, month_rank, notify_fee
from .receipt import find_repeat, start_waiting_clocks, submit
from .reply import reply, withdraw
from .sweep import sweep

__all__ = [
    "consult", "due_on", "extend", "fee_deadline", "fee_paid", "find_repeat", "lock", "month_rank",
    "notify_fee", "office_url", "record_answer", "reply", "request_correction", "snap",
    "start_waiting_clocks", "state_words", "submit", "supplement", "sweep", "withdraw",
]  # fmt: skip
