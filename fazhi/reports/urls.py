from django.urls import path

from . import publication, views

app_name = "reports"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("benchmark/", views.benchmark, name="benchmark"),
    path("peers/<int:pk>/", views.peer_detail, name="peer"),
    path("<int:pk>/", views.report_detail, name="detail"),
    path("<int:pk>/edit/", views.report_edit, name="edit"),
    path("<int:pk>/publish/", publication.publish_confirm, name="publish"),
    path("approvers/", publication.approver_settings, name="approvers"),
    path("<int:pk>/export.<str:fmt>", views.report_export, name="export"),
]
