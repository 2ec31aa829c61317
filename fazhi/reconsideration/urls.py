"""Office routes of 行政复议与应诉, one list per screen family (each in its own views file)."""

app_name = "reconsideration"

urlpatterns: list = []

from . import views_litigation  # noqa: E402

urlpatterns += views_litigation.urlpatterns

from . import views_docx  # noqa: E402  (documents out as DOCX)

urlpatterns += views_docx.urlpatterns
