"""API routes of the notification centre: the caller's own notifications only."""

from __future__ import annotations

import datetime as dt

from ninja import Path, Router, Schema
from ninja.pagination import paginate

from . import notify
from .api_errors import ErrorOut

router = Router(tags=["平台基础"])


class NotificationOut(Schema):
    id: int
    kind: str
    title: str
    body: str
    link: str
    record_type: str
    record_id: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class ReadAllOut(Schema):
    marked: int


def _user(request):
    return request.auth if hasattr(request.auth, "pk") else request.user


@router.get("", response=list[NotificationOut], summary="我的通知（未读在前）")
@paginate
def my_notifications(request, unread: bool = False):
    qs = notify.mine(_user(request))
    return qs.filter(read_at__isnull=True) if unread else qs


@router.post("read-all", response=ReadAllOut, summary="全部标为已读")
def notifications_read_all(request):
    return {"marked": notify.mark_all_read(_user(request))}


@router.post(
    "{pk}/read",
    response={200: NotificationOut, 404: ErrorOut},
    summary="标为已读（只能是本人的通知）",
)
def notification_read(request, pk: int = Path(..., ge=1, le=2**53, description="通知编号")):
    return notify.mark_read(_user(request), pk)
