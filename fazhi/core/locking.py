"""Optimistic locking (乐观锁) of every editable record.

Two people open the same edit form; the first saves; the second save must not silently
undo the first. Each editable model carries a ``version`` (``Versioned``). An edit form
carries a signed token (hidden field ``lock``: the version it was opened at, the last
event of the record it knew and what the form showed). The service function, inside its
transaction, calls ``claim``: a compare-and-set ``UPDATE … SET version = version + 1
WHERE pk = … AND version = <seen>``. The row lock this UPDATE takes makes a concurrent
second save wait and then match nothing (PostgreSQL re-reads the row under READ
COMMITTED; SQLite serialises writers), so exactly one of two saves wins. The loser gets
``StaleEdit`` (a ValidationError, so every view's existing error path shows it): who
changed the record since the form was opened, when, and field by field what — the form's
snapshot against the record now. The view re-renders with what the user typed and a new
token at the current version, so a second save after review succeeds.

(Issue: concurrent edits; 国办发〔2018〕118号 全过程记录 — nothing is overwritten unseen.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

FIELD = "lock"  # name of the hidden form field
_SALT = "fazhi.core.locking"
_MAX_VALUE = 120  # characters of a value quoted in the message


class Versioned(models.Model):
    """Abstract base: a version that changes whenever what the edit form shows changes.

    ``lock_fields`` names the fields the edit form shows; a save touching one of them
    (or a save of the whole row) moves the version on, so a form opened before is stale.
    A save of other fields (``last_login``, a path) leaves open forms valid."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)

    lock_fields: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        claimed = getattr(self, "_lock_claimed", False)
        bump = (
            not self._state.adding
            and self.pk is not None
            and not claimed
            and (update_fields is None or bool(set(update_fields) & set(self.lock_fields)))
        )
        if bump:
            self.version = F("version") + 1
            if update_fields is not None:
                kwargs["update_fields"] = [*update_fields, "version"]
        self._lock_claimed = False
        try:
            super().save(*args, **kwargs)
        finally:
            if bump:
                # Deferred: read back from the database only if someone asks (no extra
                # query per save in bulk work such as the demo build).
                self.__dict__.pop("version", None)

    def lock_events(self):
        """The events that record changes of this record (who changed it, and when): its
        own by default; a record whose events are kept on its parent narrows those."""
        from .events import history, record_ref

        return history(*record_ref(self))

    def lock_snapshot(self) -> dict[str, str]:
        """What the edit form shows, as {field label: display text}."""
        out = {}
        for name in self.lock_fields:
            f = self._meta.get_field(name)
            out[str(f.verbose_name)] = display(self, f)
        return out


def display(obj: models.Model, f: models.Field) -> str:
    """A field's value as a person reads it (choice label, related name, 是/否)."""
    if f.many_to_many:
        return "、".join(sorted(str(x) for x in getattr(obj, f.name).all())) if obj.pk else ""
    if f.is_relation:
        related = getattr(obj, f.name, None)
        return str(related) if related is not None else ""
    value = getattr(obj, f.attname)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value if value is not None else ""))
    return text(value)


def text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        from .numbers import fmt_value

        return fmt_value(value)
    return str(value)


# --- the token a form carries ----------------------------------------------------------


@dataclass
class Seen:
    """What an edit form was opened at."""

    version: int
    seq: int = 0  # the record's last event when the form was opened
    snapshot: dict[str, str] = field(default_factory=dict)
    raw: str = ""
    record: str = ""  # "app.model:pk": a token is good for its own record only
    refused: bool = False  # set by ``claim`` when this save was refused as stale


def _ref(obj: models.Model) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}"


def _fresh(obj: models.Model) -> models.Model:
    return type(obj)._base_manager.get(pk=obj.pk)


def _last_seq(obj: models.Model) -> int:
    last = obj.lock_events().order_by("-seq").values_list("seq", flat=True).first()
    return last or 0


def token(obj: models.Model) -> str:
    """A signed token of the record as it is in the database now. The last event is read
    before the row, so a change landing in between is named again rather than missed."""
    seq = _last_seq(obj)
    fresh = _fresh(obj)
    return signing.dumps(
        {"v": fresh.version, "q": seq, "s": fresh.lock_snapshot(), "r": _ref(fresh)},
        salt=_SALT,
        compress=True,
    )


def seen(request) -> Seen | None:
    """The token posted with this request: None when absent (a caller that is not one of
    our forms: the save is not checked), version 0 when forged or truncated (refused);
    cached on the request so the re-rendered form knows whether this save was refused."""
    cached = getattr(request, "_fazhi_lock", None)
    if cached is not None:
        return cached
    raw = request.POST.get(FIELD, "") if request.method == "POST" else ""
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=_SALT)
        result = Seen(int(data["v"]), int(data["q"]), dict(data["s"]), raw, str(data["r"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        # A tampered or truncated token: treat the form as opened at no known version,
        # which ``claim`` refuses like a stale one (never silently applied).
        result = Seen(version=0, raw="")
    request._fazhi_lock = result
    return result


def field_html(request, obj: models.Model | None) -> str:
    """The hidden field for an edit form of ``obj``: the posted token again when the form
    comes back for another reason (a typing error), else one at the current version (a
    fresh form, or the form coming back after a refused stale save)."""
    from django.utils.html import format_html

    if obj is None or obj.pk is None:
        return ""
    posted = seen(request) if request is not None else None
    again = posted is not None and posted.raw and not posted.refused and posted.record == _ref(obj)
    value = posted.raw if again else token(obj)
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, value)


# --- the check inside the service's transaction ----------------------------------------


class StaleEdit(ValidationError):
    """The form was opened at an older version: nothing was saved."""

    def __init__(self, messages: list[str], version: int):
        super().__init__(messages)
        self.version = version  # the record's current version


def claim(obj: models.Model, expected: Seen | int | None, *, bump: bool = True) -> None:
    """Compare-and-set the version inside the caller's transaction.

    ``expected`` is the posted token (``seen(request)``), a version number (API) or None
    (a caller without a form, e.g. an import: the version just moves on). Raises
    ``StaleEdit`` when the record moved on since the form was opened. ``bump=False``
    only checks (still taking the row lock): for a service that learns later whether it
    changes anything, and then calls ``claim(obj, None)``."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("locking.claim must run inside transaction.atomic()")
    model = type(obj)
    rows = model._base_manager.filter(pk=obj.pk)
    version = expected.version if isinstance(expected, Seen) else expected
    if isinstance(expected, Seen) and expected.record != _ref(obj):
        version = expected.version = 0  # a token of another record: refused as invalid
    step = F("version") + 1 if bump else F("version")
    if version is None:
        rows.update(version=step)
    elif rows.filter(version=version).update(version=step) != 1:
        current = _fresh(obj)
        if isinstance(expected, Seen):
            expected.refused = True
        raise StaleEdit(describe(current, expected), current.version)
    obj.version = rows.values_list("version", flat=True).get()
    obj._lock_claimed = bump


def describe(current: models.Model, expected: Seen | int) -> list[str]:
    """你打开后，<person> 于 <time> 修改了：字段 原值 → 新值 (one line per field)."""
    evs = current.lock_events()
    if isinstance(expected, Seen) and expected.seq:
        evs = evs.filter(seq__gt=expected.seq)
    elif not isinstance(expected, Seen):
        # A bare version number (API) does not say which events came after it: name the
        # changes that took the record from that version to the current one.
        evs = evs.order_by("-seq")[: max(current.version - int(expected or 0), 1)]
    whos: list[str] = []
    for e in sorted(evs, key=lambda e: e.seq):
        who = f"{e.actor_name} 于 {timezone.localtime(e.at):%Y-%m-%d %H:%M}"
        if who not in whos:
            whos.append(who)
    head = f"你打开后，{'、'.join(whos) or '他人'} 修改了"
    lines = []
    if isinstance(expected, Seen) and expected.version:
        now = current.lock_snapshot()
        for label in dict.fromkeys([*expected.snapshot, *now]):
            old, new = expected.snapshot.get(label, ""), now.get(label, "")
            if old != new:
                lines.append(f"{label} {_quote(old)} → {_quote(new)}")
    if lines:
        out = [f"{head}：", *lines]
    elif isinstance(expected, Seen) and not expected.version:
        out = ["表单的版本标记无效或已被改动，未保存。请按当前内容核对后再次保存。"]
    else:
        out = [f"{head}此记录（当前为第{current.version}版）。"]
    out.append("你填写的内容仍在下方，未保存；请核对后再次保存（将以当前版本为准）。")
    return out


def _quote(value: str) -> str:
    if not value:
        return "（空）"
    value = " ".join(value.split())
    if len(value) > _MAX_VALUE:
        value = value[: _MAX_VALUE - 1] + "…"
    return f"“{value}”"
