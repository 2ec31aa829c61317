from django.urls import path

from . import exports, overview, review, views, views_urge

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
    path("review/", review.review, name="review"),
    path("periods/<int:pk>/urge/", views_urge.urge_view, name="urge"),
    path("tasks/<int:pk>/units/<str:code>/", overview.assignment_progress, name="assignment"),
]
