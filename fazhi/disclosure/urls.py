"""Office routes of 政府信息公开, one list per screen family (each in its own views file)."""

from . import views_annual

app_name = "disclosure"

urlpatterns: list = []
# 政府信息公开工作年度报告 (issue 16 point 4)
urlpatterns += views_annual.urlpatterns

# 主动公开: catalogue, releases, import, 政策解读 (issue 16 point 1).
from . import views_releases  # noqa: E402

urlpatterns += views_releases.urlpatterns

from . import views_catalogue, views_interpretations  # noqa: E402

urlpatterns += views_catalogue.urlpatterns
urlpatterns += views_interpretations.urlpatterns

# 依申请公开 office screens (issue 16 point 2): list, counter entry, the request's page.
from . import views_requests  # noqa: E402

urlpatterns += views_requests.urlpatterns

from . import views_docx  # noqa: E402  (documents out as DOCX)

urlpatterns += views_docx.urlpatterns
