"""The one notification service: modules call ``notify``, never send mail themselves
(architecture: "Jobs and reminders").

Every notification is in-app (the notification centre); outside the platform it goes by
mail (Django's mail settings, on when EMAIL_HOST is set) and to an optional 政务即时通讯
webhook (FAZHI_WEBHOOK_URL with a body template), at once or in one daily digest as the
person chooses. A failed channel is logged and retried later, never raised into the caller:
a reminder that cannot be mailed is still in the person's notification centre.

Notifications and their read marks are a person's inbox, not a record of the government's
work, so they are not written to the full-process record.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import json
import logging
import string
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from .models import Notification, NotificationPreference, Role, User

log = logging.getLogger("fazhi.notify")

# Delivery failures during a job run (read by core.jobs into the run's log).
_failures: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "notify_failures", default=None
)
# False inside ``in_app_only()``: notifications stay in the platform (the demo build).
_outbound: contextvars.ContextVar[bool] = contextvars.ContextVar("notify_outbound", default=True)

IMMEDIATE = NotificationPreference.Mode.IMMEDIATE
DIGEST = NotificationPreference.Mode.DIGEST
# Undelivered notifications older than this are not retried or put in a digest: after a
# long mail outage people read them in the notification centre, not as a flood of mail.
RETRY_DAYS = 3


@contextlib.contextmanager
def collect_failures():
    """Collect channel failures (a list of Chinese lines) while the block runs."""
    found: list[str] = []
    token = _failures.set(found)
    try:
        yield found
    finally:
        _failures.reset(token)


@contextlib.contextmanager
def in_app_only():
    token = _outbound.set(False)
    try:
        yield
    finally:
        _outbound.reset(token)


def _failed(text: str) -> None:
    log.warning(text)
    found = _failures.get()
    if found is not None:
        found.append(text)


# --- who ---------------------------------------------------------------------------------


def active_users() -> Q:
    return Q(is_active=True)


def with_roles(*codes: str):
    """Active people holding any of the roles (admins include superusers)."""
    q = Q(roles__code__in=codes)
    if Role.ADMIN in codes:
        q |= Q(is_superuser=True)
    return User.objects.filter(active_users() & q).distinct().order_by("pk")


def unit_staff(unit_id: int, roles: Iterable[str] = (Role.CLERK, Role.REVIEWER)):
    """The people of one unit who act on its records."""
    return (
        User.objects.filter(active_users(), unit_id=unit_id, roles__code__in=list(roles))
        .distinct()
        .order_by("pk")
    )


def mode_of(user) -> str:
    pref = NotificationPreference.objects.filter(user=user).first()
    if pref:
        return pref.mode
    default = settings.FAZHI_NOTIFY_DEFAULT_MODE
    return default if default in (IMMEDIATE, DIGEST) else IMMEDIATE


def set_mode(user, mode: str) -> NotificationPreference:
    from django.core.exceptions import ValidationError

    if mode not in (IMMEDIATE, DIGEST):
        raise ValidationError("发送方式应为“即时发送”或“每日汇总”")
    pref, _ = NotificationPreference.objects.update_or_create(user=user, defaults={"mode": mode})
    return pref


# --- sending -----------------------------------------------------------------------------


def notify(
    recipient,
    *,
    key: str,
    kind: str,
    title: str,
    body: str = "",
    link: str = "",
    record_type: str = "",
    record_id: str = "",
) -> tuple[Notification, bool]:
    """Tell one person something, once: a second call with the same ``key`` for the same
    person returns the existing notification (created False) and sends nothing."""
    key = key[:200]
    existing = Notification.objects.filter(recipient=recipient, key=key).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            n = Notification.objects.create(
                recipient=recipient,
                key=key,
                kind=kind,
                title=title[:300],
                body=body,
                link=link[:300],
                record_type=record_type,
                record_id=str(record_id),
                outbound=_outbound.get(),
            )
    except IntegrityError:  # a concurrent run created it first
        return Notification.objects.get(recipient=recipient, key=key), False
    if n.outbound and mode_of(recipient) == IMMEDIATE:
        deliver([n])
    return n, True


def _absolute(link: str) -> str:
    """Links in mail and webhook messages are absolute with FAZHI_SITE_URL."""
    base = getattr(settings, "FAZHI_SITE_URL", "").rstrip("/")
    if link.startswith("/") and base:
        return base + link
    return link


def mail_on(user) -> bool:
    return bool(settings.FAZHI_NOTIFY_EMAIL and user.email)


def webhook_on() -> bool:
    return bool(settings.FAZHI_WEBHOOK_URL)


def _mail(user, subject: str, text: str) -> bool:
    try:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=False)
        return True
    except Exception as exc:  # any SMTP/network failure: log, keep going
        _failed(f"邮件发送失败（{user.username}）：{exc}")
        return False


def _webhook_body(user, *, kind: str, title: str, body: str, link: str) -> bytes:
    values = {
        "title": title,
        "body": body,
        "link": _absolute(link),
        "recipient": str(user),
        "username": user.username,
        "unit": user.unit.name if user.unit_id else "",
        "kind": kind,
    }
    if "json" in settings.FAZHI_WEBHOOK_CONTENT_TYPE:
        values = {k: json.dumps(v, ensure_ascii=False)[1:-1] for k, v in values.items()}
    return string.Template(settings.FAZHI_WEBHOOK_TEMPLATE).safe_substitute(values).encode()


def post_webhook(data: bytes) -> None:
    """POST one message to the webhook; raises on a network error, a non-2xx status or a
    robot's JSON answer with a non-zero ``errcode`` (钉钉、企业微信 answer 200 with it)."""
    req = urllib.request.Request(
        settings.FAZHI_WEBHOOK_URL,
        data=data,
        method="POST",
        headers={"Content-Type": f"{settings.FAZHI_WEBHOOK_CONTENT_TYPE}; charset=utf-8"},
    )
    with urllib.request.urlopen(req, timeout=settings.FAZHI_WEBHOOK_TIMEOUT) as resp:
        answer = resp.read(4096)
    try:
        parsed = json.loads(answer or b"{}")
    except ValueError:
        return
    if isinstance(parsed, dict) and parsed.get("errcode") not in (None, 0, "0"):
        raise RuntimeError(f"errcode {parsed.get('errcode')} {parsed.get('errmsg', '')}")


def _push(user, **message) -> bool:
    try:
        post_webhook(_webhook_body(user, **message))
        return True
    except Exception as exc:  # timeouts, refused connections, HTTP errors: log, keep going
        _failed(f"即时通讯推送失败（{user.username}）：{exc}")
        return False


def deliver(items: list[Notification]) -> None:
    """Send each notification on its own by the outside channels not yet done."""
    for n in items:
        user = n.recipient
        now = timezone.now()
        if n.mailed_at is None and mail_on(user):
            text = "\n\n".join(x for x in (n.body, _absolute(n.link)) if x)
            if _mail(user, n.title, text):
                n.mailed_at = now
                Notification.objects.filter(pk=n.pk).update(mailed_at=now)
        if n.pushed_at is None and webhook_on():
            if _push(user, kind=n.kind, title=n.title, body=n.body, link=n.link):
                n.pushed_at = now
                Notification.objects.filter(pk=n.pk).update(pushed_at=now)


def _pending(user, since: dt.datetime):
    """The user's notifications some outside channel still owes them."""
    q = Q()
    if mail_on(user):
        q |= Q(mailed_at__isnull=True)
    if webhook_on():
        q |= Q(pushed_at__isnull=True)
    if not q:
        return Notification.objects.none()
    return (
        Notification.objects.filter(q, recipient=user, outbound=True, created_at__gte=since)
        .select_related("recipient", "recipient__unit")
        .order_by("created_at", "id")
    )


def _digest_text(items: list[Notification]) -> str:
    lines = []
    for i, n in enumerate(items, 1):
        lines.append(f"{i}. {n.title}")
        if n.body:
            lines.append(f"   {n.body}")
        if n.link:
            lines.append(f"   {_absolute(n.link)}")
    return "\n".join(lines)


def send_digest(user, today: dt.date) -> int:
    """One mail and one webhook message with everything not yet sent; returns how many
    notifications it carried."""
    since = timezone.now() - dt.timedelta(days=RETRY_DAYS)
    items = list(_pending(user, since))
    if not items:
        return 0
    subject = f"法治政府建设工作平台：{today:%Y年%m月%d日}通知汇总（{len(items)}条）"
    now = timezone.now()
    to_mail = [n for n in items if n.mailed_at is None]
    if to_mail and mail_on(user) and _mail(user, subject, _digest_text(to_mail)):
        Notification.objects.filter(pk__in=[n.pk for n in to_mail]).update(mailed_at=now)
    to_push = [n for n in items if n.pushed_at is None]
    if to_push and webhook_on():
        if _push(
            user,
            kind="digest",
            title=subject,
            body=_digest_text(to_push),
            link=reverse("core:notifications"),
        ):
            Notification.objects.filter(pk__in=[n.pk for n in to_push]).update(pushed_at=now)
    return len(items)


def deliver_pending(today: dt.date) -> dict[str, int]:
    """The delivery duty, run after every other job: retry what an immediate channel
    missed, and send each digest person their one digest of the day.

    The digest goes out once per ``today``, on the first run at or after FAZHI_DIGEST_HOUR
    (a run for another day, ``--today``, does not wait for the hour)."""
    if not (settings.FAZHI_NOTIFY_EMAIL or webhook_on()):
        return {"digests": 0, "retried": 0}
    since = timezone.now() - dt.timedelta(days=RETRY_DAYS)
    owed = (
        Notification.objects.filter(outbound=True, created_at__gte=since)
        .filter(Q(mailed_at__isnull=True) | Q(pushed_at__isnull=True))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    digest_time = today != timezone.localdate() or (
        timezone.localtime().hour >= settings.FAZHI_DIGEST_HOUR
    )
    digests = retried = 0
    for user in User.objects.filter(pk__in=set(owed), is_active=True).select_related("unit"):
        if mode_of(user) == IMMEDIATE:
            items = list(_pending(user, since))
            deliver(items)
            retried += len(items)
            continue
        if not digest_time:
            continue
        pref, _ = NotificationPreference.objects.get_or_create(user=user, defaults={"mode": DIGEST})
        if pref.last_digest_on is not None and pref.last_digest_on >= today:
            continue
        if send_digest(user, today):
            digests += 1
        NotificationPreference.objects.filter(pk=pref.pk).update(last_digest_on=today)
    return {"digests": digests, "retried": retried}


# --- reading -----------------------------------------------------------------------------


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def mine(user):
    """The user's own notifications, unread first, newest first."""
    read = Case(When(read_at__isnull=True, then=Value(0)), default=Value(1))
    return Notification.objects.filter(recipient=user).order_by(read, "-created_at", "-id")


def mark_read(user, pk: int) -> Notification:
    """Mark one of the user's own notifications read (another person's is not found)."""
    from django.http import Http404

    n = Notification.objects.filter(recipient=user, pk=pk).first()
    if n is None:
        raise Http404("通知不存在")
    if n.read_at is None:
        n.read_at = timezone.now()
        Notification.objects.filter(pk=n.pk).update(read_at=n.read_at)
    return n


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
