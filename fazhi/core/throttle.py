"""Login throttling: after FAZHI_LOGIN_MAX_FAILURES failures for one account name or one
address within FAZHI_LOGIN_WINDOW_MINUTES, further attempts are refused until the window
has passed. Kept in the database so that every worker process sees the same count."""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from .models import LoginAttempt


def client_ip(request) -> str | None:
    """The client's address. Behind a reverse proxy (FAZHI_BEHIND_PROXY) every request comes
    from the proxy, so the address the proxy appended last to X-Forwarded-For is used — the
    leftmost entries are whatever the client chose to send and are never trusted."""
    if getattr(settings, "FAZHI_BEHIND_PROXY", False):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.split(",")[-1].strip()
        if last:
            return last[:45]
    return request.META.get("REMOTE_ADDR") or None


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.FAZHI_LOGIN_WINDOW_MINUTES)


def locked_for(username: str, ip: str | None) -> int:
    """Minutes left of a lock, 0 when not locked."""
    since = timezone.now() - _window()
    limit = settings.FAZHI_LOGIN_MAX_FAILURES
    recent = LoginAttempt.objects.filter(at__gte=since)
    # An office behind one NAT address shares it: the address gets four times the room.
    checks = [(Q(username=username), limit)]
    if ip:
        checks.append((Q(ip=ip), limit * 4))
    for q, cap in checks:
        agg = recent.filter(q).aggregate(last=Max("at"))
        n = recent.filter(q).count()
        if n >= cap:
            left = (agg["last"] + _window() - timezone.now()).total_seconds() / 60
            return max(1, math.ceil(left))
    return 0


def record_failure(username: str, ip: str | None) -> None:
    LoginAttempt.objects.create(username=username, ip=ip)
    LoginAttempt.objects.filter(at__lt=timezone.now() - 4 * _window()).delete()


def clear(username: str, ip: str | None) -> None:
    LoginAttempt.objects.filter(username=username).delete()
