"""Rate limits of the portal's forms without an account (行政复议 and 政府信息公开 online
applications and their status look-ups): attempts counted per client address over a
window.

Why: a status page opens a request with its number and an 8-character query code; a
guesser who tries codes (or numbers) is stopped after a few failures, so the codes cannot
be walked. Applications are limited so that a module's statutory clocks cannot be flooded
from one address.

The counters are core's throttle rows (``LoginCounter``, shared by every worker process)
under keys of their own: ``<prefix><kind>:<keyed hash of the address>`` (the address itself
is never stored). Their ``last_at`` stays empty, so the login throttle's purge leaves them
alone; expired ones are purged here. Each module keeps its own prefix, salt and settings.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import LoginCounter


@dataclass(frozen=True)
class PortalThrottle:
    prefix: str  # "recon:", "disclosure:"
    salt: str  # mixed into the address hash, so two modules' keys never meet
    window: Callable[[], dt.timedelta]

    def key(self, kind: str, address: str | None) -> str:
        secret = str(settings.SECRET_KEY).encode("utf-8")
        digest = hmac.new(
            secret, f"{self.salt}|{address or 'unknown'}".encode(), hashlib.sha256
        ).hexdigest()
        return f"{self.prefix}{kind}:{digest}"

    def _purge(self, now: dt.datetime) -> None:
        LoginCounter.objects.filter(
            key__startswith=self.prefix, window_start__lt=now - self.window()
        ).delete()

    def attempt(self, kind: str, address: str | None, limit: int) -> int:
        """Check and count one attempt of the client in one step (the row is locked, so N
        parallel attempts can never all pass the check before any is counted). Returns 0
        when the attempt may go on, else the minutes until the client's window ends (the
        refused attempt is not counted)."""
        with transaction.atomic():
            now = timezone.now()
            self._purge(now)
            key = self.key(kind, address)
            LoginCounter.objects.bulk_create(
                [LoginCounter(key=key, window_start=now)], ignore_conflicts=True
            )
            row = LoginCounter.objects.select_for_update().get(key=key)
            if now >= row.window_start + self.window():
                row.count, row.window_start = 0, now
            if row.count >= limit:
                left = (row.window_start + self.window() - now).total_seconds()
                return max(1, math.ceil(left / 60))
            row.count += 1
            row.save(update_fields=["count", "window_start"])
            return 0

    def take_back(self, kind: str, address: str | None) -> None:
        """The attempt did not count (the right code; an application the service refused)."""
        LoginCounter.objects.filter(key=self.key(kind, address), count__gt=0).update(
            count=F("count") - 1
        )
