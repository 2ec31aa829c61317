"""A 信访事项 from registration to 复核 (信访工作条例 第二十二—三十六条), one file per procedure:
登记 (registration), 转送交办 and the objection to it (routing), 告知受理 (notice), 延期
(extension), 办结 (conclusion), 复查 and 复核 (review). Every step is an event on the
petition; its clocks are core Deadlines."""

from .common import lock, office_url, snap
from .conclusion import conclude, serve
from .extension import extend
from .notice import notify
from .registration import REFUSED_AFTER_RE_REVIEW, find_similar, register, reviewed_repeat
from .review import answer, hearing, request_re_review, request_review, serve_answer
from .routing import object_to_transfer, route, wrong_agency_deadline

__all__ = [
    "REFUSED_AFTER_RE_REVIEW", "answer", "conclude", "extend", "find_similar", "hearing",
    "lock", "notify", "object_to_transfer", "office_url", "register", "request_re_review",
    "request_review", "reviewed_repeat", "route", "serve", "serve_answer", "snap",
    "wrong_agency_deadline",
]  # fmt: skip
