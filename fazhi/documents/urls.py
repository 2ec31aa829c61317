from django.urls import path

from . import views, views_ancillary

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_new, name="new"),
    path("filings/", views.filing_list, name="filings"),
    path("cleanups/", views.cleanup_list, name="cleanups"),
    path("cleanups/<int:pk>/", views.cleanup_detail, name="cleanup"),
    path("import/", views.import_view, name="import"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
]
urlpatterns += views_ancillary.urlpatterns
