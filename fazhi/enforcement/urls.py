"""Office routes of enforcement, one list per screen family (each in its own views file)."""

from . import views_cases, views_figures

app_name = "enforcement"

urlpatterns: list = []
urlpatterns += views_figures.urlpatterns
urlpatterns += views_cases.urlpatterns

from . import views_review, views_supervision  # noqa: E402

urlpatterns += views_review.urlpatterns
urlpatterns += views_supervision.urlpatterns

from . import views_agencies, views_officers  # noqa: E402

urlpatterns += views_agencies.urlpatterns + views_officers.urlpatterns

from . import views_ledger  # noqa: E402

urlpatterns += views_ledger.urlpatterns
