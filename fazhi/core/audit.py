"""The security audit log: who logged in, failed, was refused, logged out, and every change
of who may do what. ``record`` is the only writer; nothing updates or deletes a row.

Login events come from the login and logout views (and the idle-timeout middleware);
permission changes from ``services.save_user`` and the token services, in the same
transaction as the change (which also appends its event to the full-process record).
"""

from __future__ import annotations

from .models import AuditEntry, Role

Kind = AuditEntry.Kind


def record(
    kind: str,
    *,
    username: str,
    user=None,
    actor=None,
    ip: str | None = None,
    summary: str = "",
    before=None,
    after=None,
) -> AuditEntry:
    actor_name = ""
    if actor is not None and getattr(actor, "pk", None):
        actor_name = f"{actor}（{actor.username}）" if str(actor) != actor.username else str(actor)
    return AuditEntry.objects.create(
        kind=kind,
        username=username[:150],
        user=user if user is not None and user.pk else None,
        actor_name=actor_name[:150] or ("系统" if kind not in LOGIN_KINDS else ""),
        ip=ip or None,
        summary=summary[:500],
        before=before,
        after=after,
    )


LOGIN_KINDS = {Kind.LOGIN, Kind.LOGIN_FAILED, Kind.LOGIN_REFUSED, Kind.LOGOUT, Kind.IDLE_LOGOUT}


def role_names(codes) -> str:
    return "、".join(Role.NAMES.get(c, c) for c in sorted(codes)) or "无"


def account_changes(user, before: dict | None, after: dict, actor) -> None:
    """One audit entry per kind of permission change between two account snapshots
    (``services._account_snapshot``)."""
    name = user.username
    if before is None:
        record(
            Kind.ACCOUNT_CREATED,
            username=name,
            user=user,
            actor=actor,
            summary=f"新建账号，角色：{role_names(after['roles'])}",
            after=after,
        )
        return
    pairs = [
        (
            Kind.ROLES_CHANGED,
            ("roles",),
            f"角色：{role_names(before['roles'])} → {role_names(after['roles'])}",
        ),
        (Kind.UNIT_CHANGED, ("unit",), f"所属单位：{before['unit_name']} → {after['unit_name']}"),
        (
            Kind.ACTIVATION_CHANGED,
            ("active",),
            "启用账号" if after["active"] else "停用账号",
        ),
        (
            Kind.ADMIN_FLAGS_CHANGED,
            ("superuser", "staff"),
            f"超级用户：{_yes(before['superuser'])} → {_yes(after['superuser'])}；"
            f"后台权限：{_yes(before['staff'])} → {_yes(after['staff'])}",
        ),
    ]
    for kind, fields, summary in pairs:
        if any(before.get(f) != after.get(f) for f in fields):
            record(
                kind,
                username=name,
                user=user,
                actor=actor,
                summary=summary,
                before={f: before.get(f) for f in fields},
                after={f: after.get(f) for f in fields},
            )


def _yes(flag) -> str:
    return "是" if flag else "否"
