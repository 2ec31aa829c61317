"""The periods of 行政复议, 行政应诉 and 司法/检察建议, each configurable in settings.

Sources: 行政复议法 (2023 revision, in force 2024-01-01) — its "三日、五日、七日、十日" are
working days and the longer periods calendar days (第88条); 行政诉讼法 (2017); 最高人民法院
《关于行政机关负责人出庭应诉若干问题的规定》(法释〔2020〕3号). See ../shared/domain/rules.md §2.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def application_days() -> int:
    """第20条第1款: apply within 60 days of knowing the act (calendar days)."""
    return int(_get("FAZHI_RECON_APPLICATION_DAYS", 60))


def untold_cap_days() -> int:
    """第20条第3款: when the agency did not tell the right, body and period, the period runs
    from when the applicant learns them, but no later than 1 year after knowing the act."""
    return int(_get("FAZHI_RECON_UNTOLD_CAP_DAYS", 365))


def absolute_bar_years(immovable: bool) -> int:
    """第21条: no application 20 years (immovables) / 5 years (others) after the act."""
    return int(_get("FAZHI_RECON_BAR_IMMOVABLE_YEARS", 20) if immovable else _get(
        "FAZHI_RECON_BAR_OTHER_YEARS", 5))  # fmt: skip


def acceptance_review_working_days() -> int:
    """第30条: review within 5 (working) days of receipt; silence = deemed accepted."""
    return int(_get("FAZHI_RECON_REVIEW_WORKING_DAYS", 5))


def correction_working_days() -> int:
    """第31条: the applicant supplements within 10 (working) days of receiving the notice;
    no supplement without good reason = deemed to give up the application."""
    return int(_get("FAZHI_RECON_CORRECTION_WORKING_DAYS", 10))


def copy_working_days(simple: bool) -> int:
    """第48条 / 第53条: the application copy goes to the respondent within 7 (普通) or 3
    (简易) working days of acceptance."""
    return int(_get("FAZHI_RECON_COPY_SIMPLE_DAYS", 3) if simple else _get(
        "FAZHI_RECON_COPY_DAYS", 7))  # fmt: skip


def answer_working_days(simple: bool) -> int:
    """第48条 / 第54条: the respondent answers with its evidence and basis within 10 (普通)
    or 5 (简易) working days of receiving the copy."""
    return int(_get("FAZHI_RECON_ANSWER_SIMPLE_DAYS", 5) if simple else _get(
        "FAZHI_RECON_ANSWER_DAYS", 10))  # fmt: skip


def decision_days(simple: bool) -> int:
    """第62条: decide within 60 days of acceptance (普通) or 30 days (简易)."""
    return int(_get("FAZHI_RECON_DECISION_SIMPLE_DAYS", 30) if simple else _get(
        "FAZHI_RECON_DECISION_DAYS", 60))  # fmt: skip


def extension_days() -> int:
    """第62条第1款: an extension of at most 30 days, approved by the head of the 复议机构."""
    return int(_get("FAZHI_RECON_EXTENSION_DAYS", 30))


def hearing_notice_working_days() -> int:
    """第50条 (with 第88条): the parties are told of the hearing 5 working days before it."""
    return int(_get("FAZHI_RECON_HEARING_NOTICE_DAYS", 5))


def suspension_limit_days() -> int:
    """第41条: a case suspended on one of the grounds of 第39条第1款第1—4项 for more than
    60 days ends (终止)."""
    return int(_get("FAZHI_RECON_SUSPENSION_LIMIT_DAYS", 60))


def simple_amount_limit() -> Decimal:
    """第53条第1款第2项: 简易程序 for a fine or other amount not above 3,000 yuan."""
    return Decimal(str(_get("FAZHI_RECON_SIMPLE_AMOUNT", 3000)))


def opinion_report_days() -> int:
    """第76条: the addressee of a 行政复议意见书 reports its correction within 60 days."""
    return int(_get("FAZHI_RECON_OPINION_REPORT_DAYS", 60))


def publication_days() -> int:
    """第79条 requires publication "按照国家有关规定" without a period: the district's own
    period, in calendar days from the decision (a local rule; 20 by default, the same as
    other after-the-fact publication under 国办发〔2018〕118号)."""
    return int(_get("FAZHI_RECON_PUBLICATION_DAYS", 20))


def litigation_answer_days() -> int:
    """行政诉讼法 第67条: the defendant files its 答辩状, evidence and normative basis within
    15 days of receiving the complaint (calendar days, 民事诉讼法 第85条)."""
    return int(_get("FAZHI_LITIGATION_ANSWER_DAYS", 15))


def suggestion_reply_days(kind: str) -> int:
    """When a suggestion names no date: 检察建议 within two months (人民检察院检察建议工作
    规定 第19条, 高检发释字〔2019〕1号); 司法建议 within the period the court sets, commonly
    also two months (最高人民法院《关于加强司法建议工作的意见》, 法发〔2012〕74号 — the
    period is the court's; unconfirmed as a general rule). Calendar days."""
    if kind == "procuratorial":
        return int(_get("FAZHI_SUGGESTION_PROCURATORIAL_DAYS", 60))
    return int(_get("FAZHI_SUGGESTION_JUDICIAL_DAYS", 60))
