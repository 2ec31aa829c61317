"""The 催报 button of the 驾驶舱 (service: ``plans/urge.py``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access
from fazhi.core.models import OrgUnit

from .models import Period
from .urge import urge


@login_required
@require_POST
def urge_view(request, pk: int):
    if not access.can(request.user, "urge"):
        raise PermissionDenied("只有统筹协调人员、领导和系统管理员可以催报")
    period = Period.objects.select_related("plan").filter(pk=pk).first()
    if period is None:
        raise Http404("报送周期不存在")
    back = reverse("core:cockpit") + f"?year={period.year}#fig-lagging"
    unit = OrgUnit.objects.filter(code=request.POST.get("unit", "")).first()
    if unit is None:
        messages.error(request, "请选择要催报的单位")
        return HttpResponseRedirect(back)
    try:
        sent = urge(unit, period, actor=request.user)
    except ValidationError as e:
        messages.error(request, "；".join(e.messages))
        return HttpResponseRedirect(back)
    messages.success(
        request,
        f"已向{unit.name}催报{len(sent['tasks'])}项任务，通知{len(sent['recipients'])}人",
    )
    return HttpResponseRedirect(back)
