"""How an office page answers a refused action: the service's Chinese message(s) and the
status — 400 for a rule (ValidationError, a missing calendar year), 403 for a person who
may not act (PermissionDenied). The page re-renders with what was typed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from .workdays import CalendarMissing

FAILURES = (ValidationError, PermissionDenied, CalendarMissing)


def messages_of(exc) -> list[str]:
    """The refusal's lines as the page shows them."""
    if isinstance(exc, ValidationError):
        return exc.messages
    return [str(exc) or "无权执行该操作"]


def failure(exc) -> tuple[list[str], int]:
    """The lines and the status: 403 only for a person who may not act."""
    return messages_of(exc), 403 if isinstance(exc, PermissionDenied) else 400
