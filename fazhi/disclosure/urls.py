"""Office routes of 政府信息公开, one list per screen family (each in its own views file)."""

app_name = "disclosure"

urlpatterns: list = []

from . import views_docx  # noqa: E402  (documents out as DOCX)

urlpatterns += views_docx.urlpatterns
