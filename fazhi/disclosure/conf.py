"""The periods and amounts of 政府信息公开, each configurable in settings.

Sources: 政府信息公开条例 (国务院令第711号, 2019-05-15 起施行), whose periods are working
days; 政府信息公开信息处理费管理办法 (国办函〔2020〕109号); 国办公开办函〔2021〕30号 for the
annual report. See ../shared/domain/rules.md §0–1.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def proactive_working_days() -> int:
    """第二十六条: publish within 20 working days of the information being created or changed."""
    return int(_get("FAZHI_DISCLOSURE_PROACTIVE_WORKING_DAYS", 20))


def reply_working_days() -> int:
    """第三十三条第二款: reply within 20 working days of receipt."""
    return int(_get("FAZHI_DISCLOSURE_REPLY_WORKING_DAYS", 20))


def extension_working_days() -> int:
    """第三十三条第二款: extension by at most 20 working days, approved by the head of the
    政府信息公开工作机构 and told to the applicant."""
    return int(_get("FAZHI_DISCLOSURE_EXTENSION_WORKING_DAYS", 20))


def correction_notice_working_days() -> int:
    """第三十条: the 补正 notice goes out once, within 7 working days of receipt."""
    return int(_get("FAZHI_DISCLOSURE_CORRECTION_NOTICE_WORKING_DAYS", 7))


def correction_working_days() -> int:
    """第三十条 leaves the applicant "a reasonable period" to supplement; 15 working days is
    the district's default (many provincial rules use it). Unconfirmed as a national number:
    configurable."""
    return int(_get("FAZHI_DISCLOSURE_CORRECTION_WORKING_DAYS", 15))


def consultation_working_days() -> int:
    """第三十二条 (third party) and 第三十四条 (co-author agency): 15 working days to answer."""
    return int(_get("FAZHI_DISCLOSURE_CONSULTATION_WORKING_DAYS", 15))


def fee_payment_working_days() -> int:
    """国办函〔2020〕109号 第七条 (as recalled, unconfirmed wording): pay within 20 working days
    of the fee notice, or the request is no longer handled; the time from the notice to the
    payment is not counted in the reply period."""
    return int(_get("FAZHI_DISCLOSURE_FEE_PAYMENT_WORKING_DAYS", 20))


def repeat_similarity() -> float:
    """How alike two descriptions must be (0–1, difflib ratio of normalised text) for a new
    request to be flagged as a possible 重复申请 of the same applicant's earlier one."""
    return float(_get("FAZHI_DISCLOSURE_REPEAT_SIMILARITY", 0.85))


def report_due(year: int, government: bool) -> dt.date:
    """第四十九条: a department publishes last year's report by 31 January; the government's
    主管部门 publishes the government's by 31 March."""
    return dt.date(year + 1, 3, 31) if government else dt.date(year + 1, 1, 31)


# 信息处理费 bands (国办函〔2020〕109号 第四、五条), both cumulative-excess scales.
# 按件: requests by the same applicant in one calendar month.
PER_REQUEST_FREE = 10
PER_REQUEST_FIRST_BAND_END = 30
PER_REQUEST_FIRST_RATE = 100
PER_REQUEST_BAND = 10
PER_REQUEST_STEP = 100
# 按量: pages of one request (lower bound of each band, price per page).
PAGE_BANDS = ((31, 10), (101, 20), (201, 40))
