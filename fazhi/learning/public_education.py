"""普法 on the portal: each unit's published 普法责任清单 for a year (谁执法谁普法: 向社会公开,
《关于实行国家机关“谁执法谁普法”普法责任制的意见》) and the 普法 activities it has published.

Only items whose list has been published and activities published one by one show (the
rest answer 404 or are left out). No person is named: the items carry the law, audience,
planned activities and the 责任科室; an activity its title, date, form, place, reach and
summary — text the staff typed goes out through core's masking (phones, ID numbers)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Sum
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse

from fazhi.core.masking import mask_text
from fazhi.core.models import OrgUnit
from fazhi.core.params import int_param, year_param
from fazhi.core.registry import Publication, PublicSection, register_latest, register_public
from fazhi.core.rule_checks import today

from .models import LegalEducationActivity, LegalEducationDuty

PER_PAGE = 20
UNIT_KINDS = (OrgUnit.Kind.GOVERNMENT, OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.TOWNSHIP)

register_public(
    PublicSection(
        "普法",
        "learning_public:education",
        "各部门和乡镇（街道）按照“谁执法谁普法”编制并公布的年度普法责任清单，已开展的普法活动。",
        order=60,
    )
)


def published_duties() -> QuerySet:
    return LegalEducationDuty.objects.filter(
        published_on__isnull=False, published_on__lte=today()
    ).select_related("unit")


def published_activities() -> QuerySet:
    return LegalEducationActivity.objects.filter(
        published_on__isnull=False, published_on__lte=today()
    ).select_related("unit", "duty")


def shown(activity: LegalEducationActivity) -> LegalEducationActivity:
    """The activity's typed text through core's masking, for every public page."""
    activity.shown_title = mask_text(activity.title)
    activity.shown_place = mask_text(activity.place)
    activity.shown_summary = mask_text(activity.summary)
    return activity


def shown_duty(duty: LegalEducationDuty) -> LegalEducationDuty:
    duty.shown_laws = mask_text(duty.laws)
    duty.shown_planned = mask_text(duty.planned_activities)
    duty.shown_responsible = mask_text(duty.responsible)
    return duty


@register_latest
def latest(limit: int) -> list[Publication]:
    """The newest published 普法 activities for the home page."""
    return [
        Publication("普法活动", mask_text(a.title), a.published_on,
                    reverse("learning_public:education_activity", args=[a.pk]))
        for a in published_activities().order_by("-published_on", "-pk")[:limit]
    ]  # fmt: skip


def _years() -> list[int]:
    return sorted(set(published_duties().values_list("year", flat=True)), reverse=True)


def home(request):
    """The units with a published list for the year, and the newest published activities."""
    years = _years()
    year = year_param(request.GET.get("year"))
    if year is None:
        year = next((y for y in years if y <= today().year), years[0] if years else today().year)
    items = published_duties().filter(year=year, unit__kind__in=UNIT_KINDS)
    per_unit = {r["unit"]: r["n"] for r in items.values("unit").annotate(n=Count("pk"))}
    acts = published_activities().filter(held_on__year=year)
    done = {r["unit"]: (r["n"], r["reach"]) for r in
            acts.values("unit").annotate(n=Count("pk"), reach=Sum("reach"))}  # fmt: skip
    units = OrgUnit.objects.filter(pk__in=per_unit).order_by("kind", "sort_order", "code")
    rows = [{"unit": u, "items": per_unit[u.pk], "activities": done.get(u.pk, (0, 0))[0],
             "reach": done.get(u.pk, (0, 0))[1] or 0} for u in units]  # fmt: skip
    page = Paginator(acts.order_by("-held_on", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    for a in page:
        shown(a)
    return render(request, "learning/public/education_home.html", {
        "year": year, "years": years, "rows": rows, "page": page,
        "query": f"year={year}&",
    })  # fmt: skip


def unit_page(request, pk: int):
    """One unit's published list for the year, each item with its published activities."""
    unit = OrgUnit.objects.filter(pk=pk, active=True, kind__in=UNIT_KINDS).first()
    if unit is None or not published_duties().filter(unit=unit).exists():
        raise Http404("该单位尚未公布普法责任清单")
    years = sorted(set(published_duties().filter(unit=unit).values_list("year", flat=True)),
                   reverse=True)  # fmt: skip
    year = year_param(request.GET.get("year"))
    if year not in years:
        year = next((y for y in years if y <= today().year), years[0])
    items = [shown_duty(d) for d in published_duties().filter(unit=unit, year=year).order_by("pk")]
    acts = [shown(a) for a in published_activities().filter(unit=unit, held_on__year=year)
            .order_by("held_on", "pk")]  # fmt: skip
    by_duty: dict = {}
    for a in acts:
        by_duty.setdefault(a.duty_id, []).append(a)
    for d in items:
        d.shown_activities = by_duty.get(d.pk, [])
    loose = [a for a in acts if a.duty_id is None or a.duty_id not in {d.pk for d in items}]
    return render(request, "learning/public/education_unit.html", {
        "unit": unit, "year": year, "years": years, "items": items, "loose": loose,
        "reach": sum(a.reach for a in acts), "count": len(acts),
    })  # fmt: skip


def activity_page(request, pk: int):
    act = published_activities().filter(pk=int_param(pk) or 0).first()
    if act is None:
        raise Http404("该活动不存在或未公开")
    duty = act.duty if act.duty and act.duty.published_on else None
    return render(request, "learning/public/education_activity.html",
                  {"x": shown(act), "duty": shown_duty(duty) if duty else None})  # fmt: skip


urlpatterns = [
    path("education/", home, name="education"),
    path("education/units/<int:pk>/", unit_page, name="education_unit"),
    path("education/activities/<int:pk>/", activity_page, name="education_activity"),
]
