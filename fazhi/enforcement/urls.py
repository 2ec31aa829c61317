"""Office routes of enforcement, one list per screen family (each in its own views file)."""

app_name = "enforcement"

urlpatterns: list = []

from . import views_cases  # noqa: E402

urlpatterns += views_cases.urlpatterns
