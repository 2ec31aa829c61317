"""Office routes of 行政复议与应诉, one list per screen family (each in its own views file)."""

app_name = "reconsideration"

urlpatterns: list = []

# Office screens of applications and cases (issue 15 points 1–2).
from . import views_applications, views_cases  # noqa: E402

urlpatterns += views_applications.urlpatterns
urlpatterns += views_cases.urlpatterns

from . import views_litigation  # noqa: E402

urlpatterns += views_litigation.urlpatterns

from . import views_docx  # noqa: E402  (documents out as DOCX)

urlpatterns += views_docx.urlpatterns

from . import views_letters  # noqa: E402  (意见书、建议书)

urlpatterns += views_letters.urlpatterns
