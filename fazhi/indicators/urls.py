from django.urls import path

from . import views

app_name = "indicators"

urlpatterns = [
    path("rounds/", views.rounds, name="rounds"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("values/", views.values, name="values"),
    path("values/<int:pk>/", views.value_detail, name="value"),
    path("oversight/", views.oversight, name="oversight"),
    path("oversight/<int:pk>/", views.oversight_detail, name="oversight_detail"),
    path("assessments/", views.assessments, name="assessments"),
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("assessments/<int:pk>/export.xlsx", views.assessment_xlsx, name="assessment_xlsx"),
]
