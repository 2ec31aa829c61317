"""The notification centre: a person's own notifications (never anyone else's), marking
them read, and how they are sent outside the platform (immediate or a daily digest)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import notify
from .models import NotificationPreference

PER_PAGE = 30


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(
        label="站外发送方式",
        choices=NotificationPreference.Mode.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "请选择发送方式",
            "invalid_choice": "发送方式应为“即时发送”或“每日汇总”",
        },
    )


def _back(request):
    """Back to the page the button was on: a path on this site, anything else is ignored."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect("core:notifications")


@login_required
def notification_list(request):
    unread_only = request.GET.get("unread") == "1"
    qs = notify.mine(request.user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "core/notifications.html",
        {
            "page": page,
            "unread_only": unread_only,
            "query": "unread=1&" if unread_only else "",
            "mode": notify.mode_of(request.user),
        },
    )


@login_required
@require_POST
def read_one(request, pk: int):
    notify.mark_read(request.user, pk)
    return _back(request)


@login_required
@require_POST
def read_all(request):
    n = notify.mark_all_read(request.user)
    messages.success(request, f"已将{n}条通知标为已读" if n else "没有未读通知")
    return _back(request)


@login_required
def preferences(request):
    form = PreferenceForm(request.POST or None, initial={"mode": notify.mode_of(request.user)})
    errors: list[str] = []
    if request.method == "POST":
        if form.is_valid():
            try:
                notify.set_mode(request.user, form.cleaned_data["mode"])
                messages.success(request, "已保存通知设置")
                return redirect("core:notification_settings")
            except ValidationError as e:
                errors = e.messages
        else:
            errors = [e for errs in form.errors.values() for e in errs]
    return render(
        request,
        "core/notification_settings.html",
        {
            "form": form,
            "errors": errors,
            "has_email": bool(request.user.email),
            "mail_on": notify.mail_on(request.user),
            "webhook_on": notify.webhook_on(),
        },
        status=400 if errors else 200,
    )
