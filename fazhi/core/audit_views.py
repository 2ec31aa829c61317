"""The security audit log page: administrators only, filtered and paginated."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from . import access
from .forms import BootstrapMixin, DateField
from .models import AuditEntry


class AuditFilter(BootstrapMixin, forms.Form):
    kind = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部"), *AuditEntry.Kind.choices]
    )
    username = forms.CharField(label="账号", required=False, max_length=150)
    ip = forms.CharField(label="地址", required=False, max_length=45)
    since = DateField(label="起始日期", required=False)
    until = DateField(label="截止日期", required=False)


@login_required
def audit_log(request):
    if not access.can(request.user, "manage_users"):
        raise PermissionDenied("只有系统管理员可以查看安全审计日志")
    form = AuditFilter(request.GET or None)
    qs = AuditEntry.objects.all()
    params = {}
    if form.is_valid():
        d = form.cleaned_data
        params = {k: v for k, v in request.GET.items() if k in form.fields and v}
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["username"].strip():
            qs = qs.filter(username__contains=d["username"].strip())
        ip = d["ip"].strip()
        if ip:
            qs = qs.filter(ip=ip) if _is_ip(ip) else qs.none()
        tz = timezone.get_current_timezone()
        if d["since"]:
            qs = qs.filter(at__gte=dt.datetime.combine(d["since"], dt.time.min, tz))
        if d["until"]:
            qs = qs.filter(
                at__lt=dt.datetime.combine(d["until"], dt.time.min, tz) + dt.timedelta(days=1)
            )
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit.html",
        {"form": form, "page": page, "query": urlencode(params) + "&" if params else ""},
        status=400 if request.GET and not form.is_valid() else 200,
    )


def _is_ip(value: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True
