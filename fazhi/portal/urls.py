from django.urls import path

from . import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("units/", views.units, name="units"),
    path("workdays/", views.workdays, name="workdays"),
    path("anchors/", views.anchors, name="anchors"),
]
