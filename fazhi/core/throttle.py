"""Login throttling, shared by every login form (the office's and the Django admin's).

Three counters, kept in the database so that every worker process sees the same count:

- per account *and* address: FAZHI_LOGIN_MAX_FAILURES failures within
  FAZHI_LOGIN_WINDOW_MINUTES lock that pair until the window has passed — a guesser at one
  address is stopped, while the account's owner at another address still logs in (knowing
  a username is not enough to keep the coordinator out);
- per address: four times that many failures over all accounts lock the address (an
  office behind one NAT address shares it);
- per account over all addresses: a ceiling that slows rather than locks — after
  FAZHI_LOGIN_ACCOUNT_SLOW_AFTER failures each further attempt must wait twice as long as
  the one before (1, 2, 4 … seconds, at most FAZHI_LOGIN_ACCOUNT_MAX_DELAY_SECONDS after
  the last attempt), so a guesser spread over many addresses gets a few tries an hour and
  the owner waits at most that long.

Check and record are one step (``attempt``): the counter rows are locked, checked and
counted in one transaction before the password is checked, so N parallel wrong attempts
can never all pass the check before any of them is counted; a successful login then
takes its own attempt back (``succeeded``).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import LoginCounter


def _now() -> dt.datetime:
    """The clock (tests replace it to run the throttle on fixed times)."""
    return timezone.now()


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


@dataclass(frozen=True)
class Refusal:
    """Why an attempt is refused, and for how long (seconds)."""

    kind: str  # "locked" (account at this address, or the address) | "slowed" (account)
    seconds: int

    @property
    def message(self) -> str:
        if self.kind == "slowed":
            return (
                f"该账号近期登录失败次数较多，为防止密码被猜测，请{self.seconds}秒后再试。"
                "如忘记密码请联系系统管理员。"
            )
        minutes = max(1, math.ceil(self.seconds / 60))
        return f"登录失败次数过多，请{minutes}分钟后再试。如忘记密码请联系系统管理员。"


def _keys(username: str, ip: str | None) -> dict[str, str]:
    keys = {"account": f"a:{username}"}
    if ip:
        keys["pair"] = f"p:{ip}|{username}"
        keys["address"] = f"i:{ip}"
    return keys


def account_delay(failures: int) -> int:
    """Seconds an attempt must wait after the account's last one, with ``failures`` counted."""
    over = failures - settings.FAZHI_LOGIN_ACCOUNT_SLOW_AFTER
    if over < 0:
        return 0
    return min(2 ** min(over, 30), settings.FAZHI_LOGIN_ACCOUNT_MAX_DELAY_SECONDS)


def _refusal(kind: str, row: LoginCounter, now: dt.datetime) -> Refusal | None:
    limit = settings.FAZHI_LOGIN_MAX_FAILURES
    if kind in ("pair", "address"):
        cap = limit if kind == "pair" else limit * 4
        if row.count >= cap and now < row.window_start + _window():
            return Refusal(
                "locked", math.ceil((row.window_start + _window() - now).total_seconds())
            )
        return None
    wait = account_delay(row.count)
    if wait and row.last_at and now < row.last_at + dt.timedelta(seconds=wait):
        return Refusal("slowed", max(1, math.ceil((row.last_at - now).total_seconds() + wait)))
    return None


def _expired(kind: str, row: LoginCounter, now: dt.datetime) -> bool:
    """A pair's or an address's window runs from its first failure; the account's ceiling
    is forgotten only after a whole window without any attempt."""
    if kind == "account":
        return row.last_at is None or now >= row.last_at + _window()
    return now >= row.window_start + _window()


@transaction.atomic
def attempt(username: str, ip: str | None) -> Refusal | None:
    """Count a login attempt before its password is checked, or refuse it. Atomic: the
    counter rows are locked (in key order, so two attempts never deadlock) while checked
    and counted."""
    now = _now()
    keys = _keys(username, ip)
    purge()
    LoginCounter.objects.bulk_create(
        [LoginCounter(key=k, window_start=now) for k in keys.values()], ignore_conflicts=True
    )
    rows = {
        r.key: r
        for r in LoginCounter.objects.select_for_update()
        .filter(key__in=keys.values())
        .order_by("key")
    }
    for kind, key in keys.items():
        row = rows[key]
        if _expired(kind, row, now):
            row.count, row.window_start = 0, now
    for kind in ("pair", "address", "account"):
        if kind in keys:
            refused = _refusal(kind, rows[keys[kind]], now)
            if refused is not None:
                LoginCounter.objects.bulk_update(list(rows.values()), ["count", "window_start"])
                return refused
    for row in rows.values():
        row.count += 1
        row.last_at = now
    LoginCounter.objects.bulk_update(list(rows.values()), ["count", "window_start", "last_at"])
    return None


@transaction.atomic
def succeeded(username: str, ip: str | None) -> None:
    """The password was right: the pair's failures are forgotten, and the attempt counted
    for the address and the account is taken back (other addresses' failures stay)."""
    keys = _keys(username, ip)
    if "pair" in keys:
        LoginCounter.objects.filter(key=keys["pair"]).delete()
    others = [keys["account"]] + ([keys["address"]] if "address" in keys else [])
    LoginCounter.objects.filter(key__in=others, count__gt=0).update(count=F("count") - 1)


def purge() -> int:
    """Forget counters idle for four windows (an account's delay is long gone by then)."""
    old = _now() - 4 * _window()
    return LoginCounter.objects.filter(last_at__lt=old).delete()[0]
