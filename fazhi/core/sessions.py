"""Idle session timeout for office users (等级保护 2.0 身份鉴别: 登录连接超时自动退出).

A session unused for FAZHI_SESSION_IDLE_MINUTES is logged out at its next request; the
page then asks to log in again. The session also ends when the browser closes, unless
“记住我” was ticked (``login.LoginView``). The last-seen time is written at most once a
minute, so browsing does not write the session on every request.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

SEEN = "fazhi_last_seen"


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = int(time.time())
            seen = request.session.get(SEEN)
            idle = settings.FAZHI_SESSION_IDLE_MINUTES * 60
            if seen is not None and idle > 0 and now - seen > idle:
                from . import audit, throttle

                audit.record(
                    audit.Kind.IDLE_LOGOUT,
                    username=user.username,
                    user=user,
                    ip=throttle.client_ip(request),
                    summary=f"闲置超过{settings.FAZHI_SESSION_IDLE_MINUTES}分钟，自动退出",
                )
                request._fazhi_idle_logout = True
                logout(request)
                messages.info(
                    request,
                    f"超过{settings.FAZHI_SESSION_IDLE_MINUTES}分钟未操作，已自动退出，请重新登录。",
                )
            elif seen is None or now - seen >= 60:
                request.session[SEEN] = now
        return self.get_response(request)
