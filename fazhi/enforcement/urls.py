"""Office routes of enforcement, one list per screen family (each in its own views file)."""

app_name = "enforcement"

urlpatterns: list = []

from . import views_review, views_supervision  # noqa: E402

urlpatterns += views_review.urlpatterns
urlpatterns += views_supervision.urlpatterns
