"""Enforcement numbers that law or local rule sets, each configurable in settings.

Where ``../shared/domain/rules.md`` marks a number confirmed, the default is that number and
the source is given; where it is a local or unconfirmed rule, the default is the common one
and the setting lets a district set its own.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def penalty_decision_days() -> int:
    """行政处罚法 第60条: decide within 90 days of 立案 (calendar days, 第85条)."""
    return int(_get("FAZHI_ENFORCEMENT_PENALTY_DAYS", 90))


def license_working_days() -> int:
    """行政许可法 第42条: 20 working days from acceptance, +10 with the head's approval."""
    return int(_get("FAZHI_ENFORCEMENT_LICENSE_WORKING_DAYS", 20))


def license_extension_days() -> int:
    return int(_get("FAZHI_ENFORCEMENT_LICENSE_EXTENSION_DAYS", 10))


def other_decision_days() -> int:
    """No single statutory period for 强制、检查、征收、给付、确认、裁决 cases: the platform
    tracks them against this many calendar days from 立案 (a district convention, set per
    district). Laws with their own period override it in a later version per power."""
    return int(_get("FAZHI_ENFORCEMENT_OTHER_DAYS", 90))


def hearing_request_working_days() -> int:
    """行政处罚法 第64条第1项: the party asks for a hearing within 5 days of being told
    (a "五日" period: working days, 第85条)."""
    return int(_get("FAZHI_ENFORCEMENT_HEARING_REQUEST_DAYS", 5))


def hearing_notice_days() -> int:
    """行政处罚法 第64条第2项: the party is notified 7 days before the hearing; a "七日"
    period of this law is working days (第85条)."""
    return int(_get("FAZHI_ENFORCEMENT_HEARING_NOTICE_DAYS", 7))


def summary_fine_limit(party_kind: str) -> Decimal:
    """行政处罚法 第51条: 当场处罚 only up to 200 yuan for a person, 3,000 for an
    organisation (or a warning)."""
    if party_kind == "person":
        return Decimal(str(_get("FAZHI_ENFORCEMENT_SUMMARY_LIMIT_PERSON", 200)))
    return Decimal(str(_get("FAZHI_ENFORCEMENT_SUMMARY_LIMIT_ORGANISATION", 3000)))


def publication_working_days(kind: str) -> int:
    """国办发〔2018〕118号: 许可、处罚 decisions public within 7 working days of the decision,
    other enforcement decisions within 20."""
    if kind in ("license", "penalty"):
        return int(_get("FAZHI_ENFORCEMENT_PUBLISH_DAYS_LICENSE_PENALTY", 7))
    return int(_get("FAZHI_ENFORCEMENT_PUBLISH_DAYS_OTHER", 20))


def withdrawal_working_days() -> int:
    """行政处罚法 第48条第2款: a published decision changed, revoked or declared unlawful is
    withdrawn within 3 days (a "三日" period: working days, 第85条)."""
    return int(_get("FAZHI_ENFORCEMENT_WITHDRAW_DAYS", 3))


def training_hours_minimum() -> Decimal:
    """Yearly training per officer. 国办发〔2018〕118号 and the 法治政府建设实施纲要
    (2021—2025) call for no less than 60 学时 a year of 业务知识和法律法规 training
    (wording in rules.md unconfirmed); districts may set their own."""
    return Decimal(str(_get("FAZHI_ENFORCEMENT_TRAINING_HOURS", 60)))


def certificate_warn_days() -> int:
    """How early the deadline board shows a certificate that is about to expire (platform
    convention)."""
    return int(_get("FAZHI_ENFORCEMENT_CERTIFICATE_WARN_DAYS", 60))


def hearing_fine_threshold(party_kind: str) -> Decimal:
    """行政处罚法 第63条 "较大数额罚款" is set by provinces and ministries; the default is
    市场监督管理行政处罚听证办法 (2021) 第5条: 10,000 yuan for a person, 100,000 for an
    organisation."""
    if party_kind == "person":
        return Decimal(str(_get("FAZHI_ENFORCEMENT_HEARING_FINE_PERSON", 10000)))
    return Decimal(str(_get("FAZHI_ENFORCEMENT_HEARING_FINE_ORGANISATION", 100000)))


def penalty_extension_days() -> int:
    """行政处罚法 第60条 lets rules set other periods; 市场监督管理行政处罚程序规定 第64条:
    +30 days with the head's approval. Districts set their own."""
    return int(_get("FAZHI_ENFORCEMENT_PENALTY_EXTENSION_DAYS", 30))


def service_working_days() -> int:
    """行政处罚法 第61条: a decision not handed to the party on the spot is served within
    7 days under the 民事诉讼法's rules on service. A "七日" period of this law is working
    days, statutory holidays excluded (第85条; rules.md §0 [C])."""
    return int(_get("FAZHI_ENFORCEMENT_SERVICE_DAYS", 7))
