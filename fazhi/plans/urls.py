from django.urls import path

from . import review, views, views_urge

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/matrix/", views.matrix, name="matrix"),
    path("<int:pk>/tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("review/", review.review, name="review"),
    path("periods/<int:pk>/urge/", views_urge.urge_view, name="urge"),
]
