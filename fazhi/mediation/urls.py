"""Office routes of mediation, one list per screen family (each in its own views file)."""

app_name = "mediation"

urlpatterns: list = []

# 信访 (issue 17): the list, registration and the petition's page.
from . import views_petitions  # noqa: E402

urlpatterns += views_petitions.urlpatterns
