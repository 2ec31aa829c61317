"""Importing the State Council's yearly 放假通知 from its pasted text (工作日历 → 导入放假通知).

Paste → preview as a calendar → confirm. The text is parsed again on confirmation (the
preview is never trusted as data), and only those who maintain the calendar may use it.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from . import access
from .calendar import load_notice
from .forms import BootstrapMixin
from .holiday_notice import HolidayNotice, NoticeError, parse_notice
from .models import CalendarYear, SpecialDay
from .views import _year_grid
from .workdays import HOLIDAY, WEEKDAY_NAMES, WorkCalendar

# The longest notice (2025, with its preamble) is under 1,500 characters.
MAX_NOTICE_CHARS = 20000

KIND_WORDS = {HOLIDAY: "放假", "makeup_workday": "调休上班", None: "按平常（工作日或周末）"}


class NoticeImportForm(BootstrapMixin, forms.Form):
    text = forms.CharField(
        label="放假通知全文",
        max_length=MAX_NOTICE_CHARS,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "从中国政府网复制《国务院办公厅关于YYYY年部分节假日安排的通知》全文（含标题）粘贴于此。"
            "通知经延长假期等方式调整的，把调整通知粘贴在原通知之后。"
        ),
        error_messages={
            "required": "请粘贴放假通知全文。",
            "max_length": "内容过长，请只粘贴通知全文。",
        },
    )
    replace = forms.BooleanField(label="该年度已载入时，以本通知替换已载入的安排", required=False)


def _changes(notice: HolidayNotice) -> list[str]:
    """How the notice differs from what is loaded (kinds only: names may be worded otherwise)."""
    new = {d.date: d.kind for d in notice.special_days()}
    dates = set(new) | {
        d for d in SpecialDay.objects.filter(year_id=notice.year).values_list("date", flat=True)
    }
    old = dict(SpecialDay.objects.filter(date__in=dates).values_list("date", "kind"))
    last = max(new)
    out = []
    for d in sorted(dates):
        if d.year == notice.year and d.month == 12 and d > last:
            continue  # next year's 元旦, kept on loading
        if old.get(d) != new.get(d):
            out.append(
                f"{d:%Y-%m-%d}（{WEEKDAY_NAMES[d.weekday()]}）："
                f"{KIND_WORDS[old.get(d)]} → {KIND_WORDS[new.get(d)]}"
            )
    return out


def _day(d: dt.date, year: int) -> str:
    prefix = "" if d.year == year else f"{d.year}年"
    return f"{prefix}{d.month}月{d.day}日（{WEEKDAY_NAMES[d.weekday()]}）"


def _festival_rows(notice: HolidayNotice) -> list[dict]:
    rows = []
    for f in notice.festivals:
        days = sorted(f.holidays)
        runs: list[list[dt.date]] = []
        for d in days:
            if runs and (d - runs[-1][-1]).days == 1:
                runs[-1].append(d)
            else:
                runs.append([d])
        rest = "；".join(
            _day(r[0], notice.year)
            if len(r) == 1
            else f"{_day(r[0], notice.year)}至{_day(r[-1], notice.year)}，共{len(r)}天"
            for r in runs
        )
        work = "、".join(_day(d, notice.year) for d in sorted(f.makeup)) or "—"
        rows.append({"name": f.name, "rest": rest, "work": work})
    return rows


def _preview(notice: HolidayNotice) -> dict:
    cal = WorkCalendar([notice.year - 1, notice.year], notice.special_days())
    existing = CalendarYear.objects.filter(year=notice.year).first()
    return {
        "notice": notice,
        "festival_rows": _festival_rows(notice),
        "months": _year_grid(notice.year, cal),
        "workdays": cal.workdays_in_year(notice.year),
        "existing": existing,
        "changes": _changes(notice) if existing else [],
    }


@login_required
def calendar_import(request):
    if not access.can(request.user, "manage_calendar"):
        raise PermissionDenied("只有统筹协调人员或系统管理员可以导入放假通知")
    form = NoticeImportForm(request.POST or None)
    context: dict = {"form": form, "errors": []}
    if request.method == "POST" and form.is_valid():
        try:
            notice = parse_notice(form.cleaned_data["text"])
        except NoticeError as e:
            context["errors"] = [f"放假通知无法解析：{e}"]
        else:
            context |= _preview(notice)
            if request.POST.get("action") == "confirm":
                try:
                    load_notice(notice, request.user, replace=form.cleaned_data["replace"])
                except ValidationError as e:  # YearAlreadyLoaded among them
                    context["errors"] = e.messages
                else:
                    messages.success(
                        request, f"已依据{notice.reference}载入{notice.year}年工作日历"
                    )
                    return redirect("core:calendar_year", year=notice.year)
    status = 400 if context["errors"] or (request.method == "POST" and form.errors) else 200
    return render(request, "core/calendar_import.html", context, status=status)


__all__ = ["calendar_import"]
