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
