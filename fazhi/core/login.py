"""Every way in goes through one login: the office login, and the Django admin's login
(``AdminSite.login`` is replaced by the same view), so the throttle, “记住我” and the
audit log apply to all of them. Logging out is recorded too.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver
from django.shortcuts import redirect

from . import audit, throttle
from .forms import LoginForm


class LoginView(auth_views.LoginView):
    """Login with throttling (``core.throttle``): each attempt is counted before its
    password is checked; a refused attempt never reaches the password check."""

    template_name = "core/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["max_failures"] = settings.FAZHI_LOGIN_MAX_FAILURES
        ctx["window_minutes"] = settings.FAZHI_LOGIN_WINDOW_MINUTES
        ctx["idle_minutes"] = settings.FAZHI_SESSION_IDLE_MINUTES
        ctx["remember_days"] = settings.FAZHI_SESSION_REMEMBER_DAYS
        return ctx

    def post(self, request, *args, **kwargs):
        username = request.POST.get("username", "")[:150]
        ip = throttle.client_ip(request)
        refused = throttle.attempt(username, ip)
        if refused:
            audit.record(
                audit.Kind.LOGIN_REFUSED,
                username=username,
                ip=ip,
                summary=refused.message,
            )
            form = self.get_form_class()(request, initial={"username": username})
            ctx = self.get_context_data(form=form)
            ctx["locked_message"] = refused.message
            return self.render_to_response(ctx, status=429)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        audit.record(
            audit.Kind.LOGIN_FAILED,
            username=self.request.POST.get("username", "")[:150],
            ip=throttle.client_ip(self.request),
            summary="用户名或密码不正确，或账号已停用",
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        user = form.get_user()
        ip = throttle.client_ip(self.request)
        throttle.succeeded(user.username, ip)
        response = super().form_valid(form)
        remember = form.cleaned_data.get("remember")
        # Unticked: the session cookie ends with the browser; ticked: it lasts the
        # configured days (the idle timeout still applies).
        self.request.session.set_expiry(
            settings.FAZHI_SESSION_REMEMBER_DAYS * 24 * 3600 if remember else 0
        )
        audit.record(
            audit.Kind.LOGIN,
            username=user.username,
            user=user,
            ip=ip,
            summary="登录成功" + ("（记住我）" if remember else ""),
        )
        return response

    def get_success_url(self):
        from .cockpit import landing

        return landing(self.request.user, super().get_success_url())


class AdminLoginView(LoginView):
    """The Django admin's login, through the same throttle and audit: only staff go on to
    the admin; anyone else logged in is sent to the office."""

    redirect_authenticated_user = False

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_staff:
                return redirect(self.get_success_url())
            messages.info(request, "该账号无权进入系统管理")
            return redirect("core:board")
        return super().dispatch(request, *args, **kwargs)

    def get_default_redirect_url(self):
        return "/admin/"


def admin_login(request, extra_context=None):
    """Replaces ``admin.site.login`` (see ``CoreConfig.ready``)."""
    return AdminLoginView.as_view()(request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is None or getattr(request, "_fazhi_idle_logout", False):
        return
    audit.record(
        audit.Kind.LOGOUT,
        username=user.username,
        user=user,
        ip=throttle.client_ip(request),
        summary="退出登录",
    )
