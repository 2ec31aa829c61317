"""The public portal: readable on a phone, no login. It shows only what modules publish
through their ``public.py`` (already masked) and public reference data."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import render

from fazhi.core.forms import WorkdaysForm
from fazhi.core.models import ChainAnchor, OrgUnit
from fazhi.core.registry import latest_publications
from fazhi.core.views import compute_workdays

LATEST_COUNT = 10


def home(request):
    return render(
        request,
        "portal/home.html",
        {
            "n_departments": OrgUnit.objects.filter(
                kind=OrgUnit.Kind.DEPARTMENT, active=True
            ).count(),
            "n_townships": OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWNSHIP, active=True).count(),
            # Every module's newest public items, through core's registry (no sibling models).
            "latest": latest_publications(LATEST_COUNT),
        },
    )


def units(request):
    """机构设置: the public directory of the district's departments and townships."""
    qs = (
        OrgUnit.objects.filter(active=True)
        .exclude(kind=OrgUnit.Kind.COMMUNITY)
        .order_by("sort_order", "code")
    )
    return render(
        request,
        "portal/units.html",
        {
            "departments": qs.filter(kind=OrgUnit.Kind.DEPARTMENT),
            "townships": OrgUnit.objects.filter(kind=OrgUnit.Kind.TOWNSHIP, active=True)
            .prefetch_related("children")
            .order_by("sort_order", "code"),
        },
    )


def workdays(request):
    """法定期限计算: the public can check when an agency's reply is due."""
    form = WorkdaysForm(request.GET or None)
    comp, error = compute_workdays(form)
    return render(request, "portal/workdays.html", {"form": form, "comp": comp, "error": error})


def anchors(request):
    """全过程记录链头公示: each day's chain head, published so that copies exist outside
    the database and a rolled-back or re-hashed record can be shown (core.anchors)."""
    return render(
        request,
        "portal/anchors.html",
        {
            "page": Paginator(ChainAnchor.objects.order_by("-date"), 60).get_page(
                request.GET.get("page")
            )
        },
    )


def _error(request, status: int, title: str, text: str, office: bool = False):
    """The portal's error page; for signed-in staff inside the office (403, 404), the same
    message in the office layout, with its menus and a way back (issue 12, point 5)."""
    user = getattr(request, "user", None)
    if office and request.path.startswith("/office/") and user and user.is_authenticated:
        return render(
            request,
            "core/error.html",
            {"status": status, "title": title, "text": text, "back": _same_site_referer(request)},
            status=status,
        )
    return render(
        request,
        "portal/error.html",
        {"status": status, "title": title, "text": text},
        status=status,
    )


def _same_site_referer(request) -> str:
    """The page the user came from, if it is a page of this site (never an outside link)."""
    from urllib.parse import urlsplit

    ref = urlsplit(request.META.get("HTTP_REFERER", ""))
    if ref.netloc != request.get_host() or not ref.path.startswith("/"):
        return ""
    if ref.path == request.path:
        return ""
    return ref.path + (f"?{ref.query}" if ref.query else "")


def error_400(request, exception=None):
    return _error(request, 400, "请求有误", "提交的内容无法处理，请检查后重试。")


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: Django's default page is English and technical."""
    return _error(
        request,
        403,
        "页面已过期",
        "表单已过期或来源无法验证（可能是页面打开时间过长或浏览器禁用了Cookie）。"
        "请返回上一页刷新后重新提交。",
    )


def error_403(request, exception=None):
    text = str(exception) if exception and str(exception) else "您没有权限访问该页面。"
    return _error(request, 403, "无权访问", text, office=True)


def error_404(request, exception=None):
    return _error(
        request, 404, "页面不存在", "您访问的页面或记录不存在，或您无权查看。", office=True
    )


def error_500(request):
    return _error(request, 500, "服务器内部错误", "系统出现问题，已记录。请稍后再试。")
