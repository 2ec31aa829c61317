from django.urls import path

from . import views

app_name = "decisions"

urlpatterns = [
    path("", views.decision_list, name="list"),
    path("catalogs/", views.catalog_list, name="catalogs"),
    path("catalogs/new/", views.catalog_new, name="catalog_new"),
    path("catalogs/<int:pk>/", views.catalog_detail, name="catalog"),
    path("items/<int:item_pk>/start/", views.decision_start, name="start"),
    path("<int:pk>/", views.decision_detail, name="detail"),
    path("<int:pk>/participation/", views.participation, name="participation"),
    path("<int:pk>/expert/", views.expert, name="expert"),
    path("<int:pk>/risk/", views.risk, name="risk"),
    path("<int:pk>/legality/", views.legality, name="legality"),
    path("<int:pk>/meeting/", views.meeting, name="meeting"),
    path("<int:pk>/party/", views.party, name="party"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/execution/", views.execution, name="execution"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/archive.zip", views.archive_zip, name="archive_zip"),
]
