"""Office routes of learning, one list per screen family (each in its own views file)."""

app_name = "learning"

urlpatterns: list = []

# 学法用法 (issue 17): 干部名录, 学法活动, 法治培训, 旁听庭审, 年度考法, 学法学时.
from . import (  # noqa: E402  # noqa: E402
    views_court,
    views_exams,
    views_hours,
    views_officials,
    views_sessions,
    views_trainings,
)

urlpatterns += views_officials.urlpatterns
urlpatterns += views_sessions.urlpatterns
urlpatterns += views_trainings.urlpatterns
urlpatterns += views_court.urlpatterns
urlpatterns += views_exams.urlpatterns
urlpatterns += views_hours.urlpatterns

# 述法, 普法 (谁执法谁普法) and the leaders' meetings on 法治 (issue 17, h4).
from . import views_duty_reports, views_education, views_meetings  # noqa: E402

urlpatterns += views_duty_reports.urlpatterns
urlpatterns += views_education.urlpatterns
urlpatterns += views_meetings.urlpatterns
