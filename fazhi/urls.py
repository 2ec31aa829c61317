from django.contrib import admin
from django.urls import include, path

from fazhi.api import api
from fazhi.core.health import healthz

admin.site.site_header = "法治政府建设工作平台 · 系统管理"
admin.site.site_title = "系统管理"

urlpatterns = [
    # The load balancer's probe (anonymous JSON; see core/health.py).
    path("healthz", healthz, name="healthz"),
    path("office/", include("fazhi.core.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("office/plans/", include("fazhi.plans.urls")),
    path("office/indicators/", include("fazhi.indicators.urls")),
    path("office/reports/", include("fazhi.reports.urls")),
    path("office/legal/", include("fazhi.legal.urls")),
    path("office/consultations/", include("fazhi.consultation.urls")),
    path("consultations/", include("fazhi.consultation.public")),
    path("office/decisions/", include("fazhi.decisions.urls")),
    path("office/documents/", include("fazhi.documents.urls")),
    path("office/enforcement/", include("fazhi.enforcement.urls")),
    path("office/inspections/", include("fazhi.inspections.views")),
    path("office/reconsideration/", include("fazhi.reconsideration.urls")),
    path("office/disclosure/", include("fazhi.disclosure.urls")),
    path("office/mediation/", include("fazhi.mediation.urls")),
    path("office/learning/", include("fazhi.learning.urls")),
    path("decisions/", include("fazhi.decisions.public")),
    path("documents/", include("fazhi.documents.public")),
    path("enforcement/", include("fazhi.enforcement.public")),
    path("reports/", include("fazhi.reports.public")),
    path("inspections/", include("fazhi.inspections.public")),
    path("reconsideration/", include("fazhi.reconsideration.public")),
    path("disclosure/", include("fazhi.disclosure.public")),
    path("mediation/", include("fazhi.mediation.public")),
    path("learning/", include("fazhi.learning.public")),
    path("", include("fazhi.portal.urls")),
]

handler400 = "fazhi.portal.views.error_400"
handler403 = "fazhi.portal.views.error_403"
handler404 = "fazhi.portal.views.error_404"
handler500 = "fazhi.portal.views.error_500"
