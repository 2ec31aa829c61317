"""Inspection numbers a district may set, each configurable in settings.

Where ``../shared/domain/rules.md`` §6 marks a number confirmed, the default is that number
with its source; where the rules give none, the default is the platform's and the setting
lets a district set its own.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


DEFAULT_RATIOS = {"A": "0.01", "B": "0.03", "C": "0.05", "D": "0.10"}


def default_ratios() -> dict[str, Decimal]:
    """Sampling ratio per credit-risk class for a new task (FAZHI_INSPECTIONS_RATIOS).

    国市监信发〔2022〕6号 says only A lower (无事不扰), B normal, C higher, D much higher;
    there are **no national percentages** (rules.md §6). The defaults A 1%, B 3%, C 5%,
    D 10% are the platform's own, in that order; a district sets its own, a task its own."""
    ratios = {**DEFAULT_RATIOS, **_get("FAZHI_INSPECTIONS_RATIOS", {})}
    return {k: Decimal(str(ratios[k])) for k in ("A", "B", "C", "D")}


def publication_working_days() -> int:
    """Results public within 20 working days of the check (“谁检查、谁录入、谁公开”;
    SAMR 2018 briefing and local rules, rules.md §6)."""
    return int(_get("FAZHI_INSPECTIONS_PUBLISH_DAYS", 20))


def per_department() -> int:
    """Inspectors each responsible department sends to each drawn entity. At least two
    inspectors per entity (市场监管总局关于全面推进“双随机、一公开”监管工作的通知, 2019):
    2 per department meets it even for a task of one department."""
    return int(_get("FAZHI_INSPECTIONS_PER_DEPARTMENT", 2))


def import_batch_size() -> int:
    """Rows written per bulk_create/bulk_update of the entity import (memory stays flat)."""
    return int(_get("FAZHI_INSPECTIONS_IMPORT_BATCH", 5000))


def import_max_mb() -> int:
    """Largest pool file the office import page accepts (FAZHI_INSPECTIONS_IMPORT_MAX_MB);
    bigger exports go through ``fazhi inspections import-entities`` on the server."""
    return int(_get("FAZHI_INSPECTIONS_IMPORT_MAX_MB", 50))
