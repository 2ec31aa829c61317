"""Office routes of learning, one list per screen family (each in its own views file)."""

app_name = "learning"

urlpatterns: list = []

# 述法, 普法 (谁执法谁普法) and the leaders' meetings on 法治 (issue 17, h4).
from . import views_duty_reports, views_education, views_meetings  # noqa: E402

urlpatterns += views_duty_reports.urlpatterns
urlpatterns += views_education.urlpatterns
urlpatterns += views_meetings.urlpatterns
