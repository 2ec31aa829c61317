"""The JSON API under /api/: one NinjaAPI; each app contributes a ``router`` in its api.py.

Session (with CSRF on writes) and personal bearer tokens; every route scopes through
``core.access``. OpenAPI schema at /api/openapi.json, docs at /api/docs.
"""

from __future__ import annotations

from importlib import import_module

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from fazhi.core.workdays import CalendarMissing


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        from fazhi.core.models import ApiToken

        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked=False)
            .first()
        )
        if row is None or not row.user.is_active:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


api = NinjaAPI(
    title="法治政府建设工作平台 API",
    version="1",
    description="供省、市平台数据交换使用。认证：登录会话（写操作须带CSRF令牌）或个人接口令牌"
    "（请求头 Authorization: Bearer <令牌>，在“接口令牌”页面签发）。",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def _validation(request, exc):
    return api.create_response(request, {"detail": "；".join(exc.messages)}, status=400)


@api.exception_handler(NinjaValidationError)
def _ninja_validation(request, exc):
    parts = []
    for err in exc.errors:
        loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
        parts.append(f"参数{loc}不合法" if loc else "参数不合法")
    return api.create_response(
        request, {"detail": "；".join(parts) or "参数不合法", "errors": exc.errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def _denied(request, exc):
    return api.create_response(request, {"detail": str(exc) or "无权执行该操作"}, status=403)


@api.exception_handler(Http404)
def _missing(request, exc):
    return api.create_response(request, {"detail": "记录不存在或无权访问"}, status=404)


@api.exception_handler(AuthenticationError)
def _unauth(request, exc):
    return api.create_response(request, {"detail": "请先登录或提供有效的接口令牌"}, status=401)


@api.exception_handler(CalendarMissing)
def _calendar(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=400)


for config in apps.get_app_configs():
    if not config.name.startswith("fazhi."):
        continue
    try:
        module = import_module(f"{config.name}.api")
    except ModuleNotFoundError as exc:
        if exc.name != f"{config.name}.api":
            raise
        continue
    api.add_router(getattr(module, "PREFIX", config.label), module.router)
