"""How an office page answers a refused action: the service's Chinese message(s) and the
status — 400 for a rule (ValidationError, a missing calendar year), 403 for a person who
may not act (PermissionDenied). The page re-renders with what was typed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from .workdays import CalendarMissing

FAILURES = (ValidationError, PermissionDenied, CalendarMissing)


def failure(exc) -> tuple[list[str], int]:
    if isinstance(exc, ValidationError):
        return exc.messages, 400
    if isinstance(exc, CalendarMissing):
        return [str(exc)], 400
    return [str(exc) or "无权执行该操作"], 403
