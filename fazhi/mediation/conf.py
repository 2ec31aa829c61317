"""The periods and numbers of 矛盾纠纷调解 and 信访, each configurable in settings.

Sources: 信访工作条例 (中共中央、国务院, 2022-05-01 起施行) and 人民调解法 (2011-01-01 起施行);
see ../shared/domain/rules.md §0 and §8. Periods in 日 are calendar days: the start day is
not counted and a period ending on a statutory holiday ends on the next working day
(民事诉讼法 第八十五条, the rule Chinese administrative periods follow).
"""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


# --- 人民调解 -------------------------------------------------------------------------------


def committee_min_members() -> int:
    """人民调解法 第九条: a 人民调解委员会 has three to nine members."""
    return int(_get("FAZHI_MEDIATION_COMMITTEE_MIN_MEMBERS", 3))


def committee_max_members() -> int:
    """人民调解法 第九条: a 人民调解委员会 has three to nine members."""
    return int(_get("FAZHI_MEDIATION_COMMITTEE_MAX_MEMBERS", 9))


def committee_term_years() -> int:
    """人民调解法 第九条: members serve three-year terms and may be re-elected or re-chosen."""
    return int(_get("FAZHI_MEDIATION_COMMITTEE_TERM_YEARS", 3))


def mediation_days() -> int:
    """人民调解法 sets no period for a mediation. 司法部《全国人民调解工作规范》
    (SF/T 0083-2021) asks that a dispute be mediated to a conclusion in principle within
    30 days of acceptance, longer by agreement of the parties: the district's default,
    configurable."""
    return int(_get("FAZHI_MEDIATION_MEDIATION_DAYS", 30))


def judicial_confirmation_days() -> int:
    """人民调解法 第三十三条: the parties may jointly apply to the court for 司法确认 within
    30 days of the agreement taking effect."""
    return int(_get("FAZHI_MEDIATION_JUDICIAL_CONFIRMATION_DAYS", 30))


# --- 信访 -----------------------------------------------------------------------------------


def petition_routing_days() -> int:
    """信访工作条例 第二十二条: the 信访部门 registers a petition and routes it (转送、交办 or
    handles it) within 15 days of receipt."""
    return int(_get("FAZHI_PETITION_ROUTING_DAYS", 15))


def petition_notice_days() -> int:
    """信访工作条例 第二十三条 (and 第三十二条 for the agency that has the power to handle):
    the petitioner is told in writing whether the petition is accepted within 15 days of
    receipt (of the transfer, for a transferred petition)."""
    return int(_get("FAZHI_PETITION_NOTICE_DAYS", 15))


def wrong_agency_objection_working_days() -> int:
    """信访工作条例 第二十三条: an agency that is not the one to handle a transferred petition
    says so to the 信访部门 within 5 working days."""
    return int(_get("FAZHI_PETITION_WRONG_AGENCY_WORKING_DAYS", 5))


def petition_handling_days() -> int:
    """信访工作条例 第三十四条: a 申诉求决 petition is concluded, with a 信访处理意见书, within
    60 days of acceptance."""
    return int(_get("FAZHI_PETITION_HANDLING_DAYS", 60))


def petition_extension_days() -> int:
    """信访工作条例 第三十四条: extended, in complex cases and with the approval of the
    agency's head, by at most 30 days, the petitioner told of the reason."""
    return int(_get("FAZHI_PETITION_EXTENSION_DAYS", 30))


def review_request_days() -> int:
    """信访工作条例 第三十五条: 复查 is requested within 30 days of receiving the 处理意见书."""
    return int(_get("FAZHI_PETITION_REVIEW_REQUEST_DAYS", 30))


def review_answer_days() -> int:
    """信访工作条例 第三十五条: the 复查意见 is given within 30 days of receiving the request."""
    return int(_get("FAZHI_PETITION_REVIEW_ANSWER_DAYS", 30))


def re_review_request_days() -> int:
    """信访工作条例 第三十六条: 复核 is requested within 30 days of receiving the 复查意见书."""
    return int(_get("FAZHI_PETITION_RE_REVIEW_REQUEST_DAYS", 30))


def re_review_answer_days() -> int:
    """信访工作条例 第三十六条: the 复核意见 is given within 30 days; the time of a hearing
    (听证) is not counted. After 复核 the same request is no longer accepted."""
    return int(_get("FAZHI_PETITION_RE_REVIEW_ANSWER_DAYS", 30))


def group_representatives_max() -> int:
    """信访工作条例 第二十条 (as numbered in rules.md §8): many people with the same request
    choose representatives, no more than 5."""
    return int(_get("FAZHI_PETITION_GROUP_REPRESENTATIVES_MAX", 5))


def group_visit_min_people() -> int:
    """Who is a 集体访: five or more people with the same request (the usual statistical
    line in 信访 work; not in the 条例 itself): configurable."""
    return int(_get("FAZHI_PETITION_GROUP_MIN_PEOPLE", 5))
