"""Office routes of enforcement, one list per screen family (each in its own views file)."""

app_name = "enforcement"

urlpatterns: list = []

from . import views_agencies, views_officers  # noqa: E402

urlpatterns += views_agencies.urlpatterns + views_officers.urlpatterns
