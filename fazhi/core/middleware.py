"""Security headers that Django does not set by itself, and JSON errors under /api/."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Content-Security-Policy and Permissions-Policy on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/docs"):
            # The OpenAPI viewer (served from ninja's own static files) needs inline script.
            response.setdefault(
                "Content-Security-Policy",
                settings.CONTENT_SECURITY_POLICY.replace(
                    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
                ).replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
            )
        else:
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class SecureCookiesOverHttpsMiddleware:
    """Mark every cookie Secure when the request came over HTTPS.

    Intranet deployments are often plain HTTP, so a fixed SESSION_COOKIE_SECURE
    would lock users out there; over HTTPS the cookies must never leak to HTTP.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.is_secure():
            for morsel in response.cookies.values():
                morsel["secure"] = True
        return response


class ApiJsonErrorsMiddleware:
    """Under /api/, errors the JSON API does not produce itself (an unknown path: Django's
    404 page; a known path with the wrong method: ninja's plain "Method not allowed"; a
    crash: the 500 page) are answered as JSON with a Chinese ``detail``, like every other
    API error (the handlers in fazhi/api.py)."""

    MESSAGES = {
        404: "接口不存在，请核对地址（接口文档：/api/docs）",
        405: "该接口不支持{method}请求",
        500: "服务器内部错误，已记录，请稍后再试",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code in self.MESSAGES
            and "json" not in response.get("Content-Type", "")
        ):
            from django.http import JsonResponse

            detail = self.MESSAGES[response.status_code].format(method=request.method)
            replaced = JsonResponse(
                {"detail": detail},
                status=response.status_code,
                json_dumps_params={"ensure_ascii": False},
            )
            if response.has_header("Allow"):
                replaced["Allow"] = response["Allow"]
            return replaced
        return response
