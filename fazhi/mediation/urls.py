"""Office routes of mediation, one list per screen family (each in its own views file)."""

app_name = "mediation"

urlpatterns: list = []

# 人民调解 (issue 17): disputes (排查登记, the list, the record page and its steps) and the
# mediation bodies.
from . import views_bodies, views_disputes  # noqa: E402

urlpatterns += views_disputes.urlpatterns + views_bodies.urlpatterns
# 信访 (issue 17): the list, registration and the petition's page.
from . import views_petitions  # noqa: E402

urlpatterns += views_petitions.urlpatterns
