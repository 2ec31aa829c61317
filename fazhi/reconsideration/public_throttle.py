"""Rate limits of the 行政复议 portal: applications sent and status look-ups that failed,
counted per client address over a window (one hour by default).

Why: the status page opens an application with its number and an 8-character query code;
a guesser who tries codes (or numbers) is stopped after a few failures, so the 31^8 codes
cannot be walked. Applications are limited so that the 复议机构's review clocks (5
working days each, 第30条) cannot be flooded from one address.

The counters are core's throttle rows (``LoginCounter``, shared by every worker process),
under keys of their own: ``recon:<kind>:<keyed hash of the address>`` (the address itself
is never stored). Their ``last_at`` stays empty, so the login throttle's purge leaves them
alone; expired ones are purged here.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from fazhi.core.models import LoginCounter

PREFIX = "recon:"


def window() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "FAZHI_RECON_RATE_WINDOW_MINUTES", 60)))


def status_tries() -> int:
    """Failed status look-ups (wrong number or code) per client address and window."""
    return int(getattr(settings, "FAZHI_RECON_STATUS_TRIES", 10))


def applications_per_window() -> int:
    """Applications sent from one client address per window."""
    return int(getattr(settings, "FAZHI_RECON_APPLY_RATE", 5))


def _key(kind: str, address: str | None) -> str:
    secret = str(settings.SECRET_KEY).encode("utf-8")
    digest = hmac.new(
        secret, f"fazhi.reconsideration|{address or 'unknown'}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{PREFIX}{kind}:{digest}"


def _purge(now: dt.datetime) -> None:
    LoginCounter.objects.filter(key__startswith=PREFIX, window_start__lt=now - window()).delete()


@transaction.atomic
def attempt(kind: str, address: str | None, limit: int) -> int:
    """Check and count one attempt of the client in one step (the row is locked, so N
    parallel attempts can never all pass the check before any is counted). Returns 0 when
    the attempt may go on, else the minutes until the client's window ends (not counted)."""
    now = timezone.now()
    _purge(now)
    key = _key(kind, address)
    LoginCounter.objects.bulk_create(
        [LoginCounter(key=key, window_start=now)], ignore_conflicts=True
    )
    row = LoginCounter.objects.select_for_update().get(key=key)
    if now >= row.window_start + window():
        row.count, row.window_start = 0, now
    if row.count >= limit:
        return max(1, math.ceil((row.window_start + window() - now).total_seconds() / 60))
    row.count += 1
    row.save(update_fields=["count", "window_start"])
    return 0


def take_back(kind: str, address: str | None) -> None:
    """The attempt did not count (the right code; an application the service refused)."""
    LoginCounter.objects.filter(key=_key(kind, address), count__gt=0).update(count=F("count") - 1)
