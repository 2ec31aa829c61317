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


class CleanInputMiddleware:
    """The one place where control characters in a request are removed or refused (rules
    and reasons in core/cleaning.py), before any view, form or database sees them.

    Outside the session middleware, so that a cookie carrying NUL is dropped before the
    session store looks it up; a refused request gets the portal's error page, or JSON
    under /api/ like every other API error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.http.multipartparser import MultiPartParserError

        from . import cleaning

        try:
            if "\x00" in request.path:
                raise cleaning.Refused(cleaning.REFUSED_NUL)
            self._clean(request, cleaning)
        except cleaning.Refused as exc:
            return self._refuse(request, str(exc))
        except MultiPartParserError:
            return self._refuse(request, "上传的表单内容格式有误，无法解析，请重新提交")
        return self.get_response(request)

    @staticmethod
    def _clean(request, cleaning):
        cookies = {k: v for k, v in request.COOKIES.items() if not cleaning.STRIPPED.search(v)}
        if len(cookies) != len(request.COOKIES):
            request.COOKIES = cookies
        cleaned = cleaning.clean_querydict(request.GET, refuse_nul=True)
        if cleaned is not None:
            request.GET = cleaned
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            cleaned = cleaning.clean_querydict(request.POST, refuse_nul=False)
            if cleaned is not None:
                request.POST = cleaned
        elif request.path.startswith("/api/") and "json" in content_type:
            body = cleaning.clean_json_body(request.body)
            if body is not None:
                request._body = body

    @staticmethod
    def _refuse(request, message: str):
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            return JsonResponse(
                {"detail": message}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        from django.shortcuts import render

        return render(
            request,
            "portal/error.html",
            {"status": 400, "title": "请求有误", "text": message},
            status=400,
        )
