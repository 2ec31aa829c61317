"""Office routes of 政府信息公开, one list per screen family (each in its own views file)."""

from . import views_annual

app_name = "disclosure"

urlpatterns: list = []
# 政府信息公开工作年度报告 (issue 16 point 4)
urlpatterns += views_annual.urlpatterns

from . import views_docx  # noqa: E402  (documents out as DOCX)

urlpatterns += views_docx.urlpatterns
