from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("benchmark/", views.benchmark, name="benchmark"),
    path("peers/<int:pk>/", views.peer_detail, name="peer"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/export.<str:fmt>", views.report_export, name="export"),
]
