from django.urls import path

from . import exports, overview, views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="list"),
    path("import/", views.plan_import, name="import"),
    path("<int:pk>/", views.plan_detail, name="detail"),
    path("<int:pk>/matrix/", overview.matrix, name="matrix"),
    path("<int:pk>/matrix.xlsx", exports.matrix_xlsx, name="matrix_xlsx"),
    path("<int:pk>/progress.xlsx", exports.progress_xlsx, name="progress_xlsx"),
    path("<int:pk>/reviews.xlsx", exports.reviews_xlsx, name="reviews_xlsx"),
    path("<int:pk>/units/<str:code>/", overview.unit_progress, name="unit_progress"),
    path("<int:pk>/tasks/new/", views.task_new, name="task_new"),
    path("tasks/<int:pk>/", views.task_detail, name="task"),
    path("tasks/<int:pk>/units/<str:code>/", overview.assignment_progress, name="assignment"),
]
