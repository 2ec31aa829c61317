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
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import HttpBearer, django_auth

from fazhi.core.locking import StaleEdit
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


class Api(NinjaAPI):
    """The schema states every error answer an operation can give (core/api_errors.py)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        from fazhi.core.api_errors import document_errors

        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return document_errors(schema)


api = Api(
    title="法治政府建设工作平台 API",
    version="1",
    description="供省、市平台数据交换使用。认证：登录会话（写操作须带CSRF令牌）或个人接口令牌"
    "（请求头 Authorization: Bearer <令牌>，在“接口令牌”页面签发）。",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    # No online validator badge (Swagger UI would fetch it from validator.swagger.io): the
    # docs page must not reach outside the site.
    docs=Swagger(settings={"validatorUrl": None}),
)


@api.exception_handler(ValidationError)
def _validation(request, exc):
    return api.create_response(request, {"detail": "；".join(exc.messages)}, status=400)


@api.exception_handler(StaleEdit)
def _stale(request, exc):
    """A write that names an old ``version`` (optimistic locking): 409 with what changed and
    the current version, so the client can re-read, review and send again."""
    body = {"detail": "".join(exc.messages), "changes": exc.messages, "version": exc.version}
    return api.create_response(request, body, status=409)


def _problem(err: dict) -> str:
    """One pydantic/ninja validation error in Chinese (their own messages are English)."""
    loc = ".".join(
        str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path", "payload")
    )
    name = f"参数{loc}" if loc else "请求内容"
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"缺少{name}"
    if kind in ("json_invalid", "json_type"):
        return "请求内容不是有效的JSON"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        word = {
            "greater_than_equal": "不能小于",
            "greater_than": "应大于",
            "less_than_equal": "不能大于",
            "less_than": "应小于",
        }[kind]
        bound = next(iter(ctx.values()), "")
        return f"{name}{word}{bound}"
    if kind in ("string_too_long", "too_long"):
        return f"{name}过长（最多{ctx.get('max_length', '')}个字符）"
    if kind in ("string_too_short", "too_short"):
        return f"{name}过短"
    prefixes = [
        ("string_pattern_mismatch", "取值不在允许范围内"),
        ("int_", "应为整数"),
        ("float_", "应为数字"),
        ("decimal_", "应为数字"),
        ("finite_number", "应为有限的数字"),
        ("bool_", "应为true或false"),
        ("datetime_", "应为日期时间（YYYY-MM-DDTHH:MM:SS）"),
        ("date_", "应为日期（YYYY-MM-DD）"),
        ("time_", "应为时间（HH:MM:SS）"),
        ("string_", "应为文本"),
        ("list_", "应为数组"),
        ("dict_", "应为JSON对象"),
        ("model_", "应为JSON对象"),
        ("enum", "取值不在允许范围内"),
        ("literal_", "取值不在允许范围内"),
        ("uuid_", "应为UUID"),
    ]
    for prefix, text in prefixes:
        if kind.startswith(prefix):
            return f"{name}{text}"
    return f"{name}不合法"


@api.exception_handler(NinjaValidationError)
def _ninja_validation(request, exc):
    errors = [
        {"loc": list(err.get("loc", ())), "type": err.get("type", ""), "msg": _problem(err)}
        for err in exc.errors
    ]
    detail = "；".join(dict.fromkeys(e["msg"] for e in errors)) or "请求参数不合法"
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


# ninja's own HttpError messages, in Chinese; any other English message falls back to the
# status's message below.
_HTTP_MESSAGES = {
    "Cannot parse request body": "请求内容无法解析，应为有效的JSON",
    "CSRF check Failed": "CSRF校验失败：以登录会话调用写操作须在请求头X-CSRFToken中带上CSRF令牌，"
    "或改用接口令牌（Authorization: Bearer <令牌>）",
    "Too many requests.": "请求过于频繁，请稍后再试",
}
_STATUS_MESSAGES = {
    400: "请求有误",
    401: "请先登录或提供有效的接口令牌",
    403: "无权执行该操作",
    404: "记录不存在或无权访问",
    405: "该接口不支持此请求方法",
    429: "请求过于频繁，请稍后再试",
}


@api.exception_handler(HttpError)
def _http_error(request, exc):
    message = str(exc)
    if message in _HTTP_MESSAGES:
        message = _HTTP_MESSAGES[message]
    elif not any("\u4e00" <= ch <= "\u9fff" for ch in message):
        message = _STATUS_MESSAGES.get(exc.status_code, "请求有误")
    return api.create_response(request, {"detail": message}, status=exc.status_code)


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


def _add_enforcement_routes() -> None:
    """Enforcement keeps one router per screen family (api_cases.py, …), not one api.py."""
    from fazhi.enforcement import api_cases

    api.add_router(api_cases.PREFIX, api_cases.router)


_add_enforcement_routes()
