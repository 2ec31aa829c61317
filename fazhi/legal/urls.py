from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("", views.review_list, name="home"),
    path("reviews/", views.review_list, name="reviews"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:pk>/", views.review_detail, name="review"),
    path("reviews/<int:pk>/opinion.docx", views.review_letter, name="review_letter"),
    path("reviews/<int:pk>/materials/<int:att>/", views.review_material, name="review_material"),
    path("advisers/", views.adviser_list, name="advisers"),
    path("advisers/new/", views.adviser_edit, name="adviser_new"),
    path("advisers/<int:pk>/", views.adviser_detail, name="adviser"),
    path("advisers/<int:pk>/edit/", views.adviser_edit, name="adviser_edit"),
    path("participations/", views.participation_list, name="participations"),
    path("contracts/", views.contract_list, name="contracts"),
    path("contracts/new/", views.contract_new, name="contract_new"),
    path("contracts/<int:pk>/", views.contract_detail, name="contract"),
]
