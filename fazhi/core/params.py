"""Query-string values the office lists read: garbage never reaches a query (no 500)."""

from __future__ import annotations

from .models import OrgUnit


def int_param(value) -> int | None:
    """A record id typed into a query string or form: a positive integer in the database's
    range, else None."""
    text = str(value or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        return None
    return int(text) or None


def year_param(value) -> int | None:
    """A year filter: 1900–2999, else None."""
    year = int_param(value)
    return year if year is not None and 1900 <= year <= 2999 else None


def unit_filter(qs, field: str, raw):
    """Filter on a unit and the units below it (the government's id means everything):
    (queryset, the unit or None)."""
    unit_id = int_param(raw)
    if unit_id is None:
        return qs, None
    unit = OrgUnit.objects.filter(pk=unit_id).first()
    if unit is None:
        return qs.none(), None
    return qs.filter(**{f"{field}__path__startswith": unit.path}), unit
