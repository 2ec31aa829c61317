from . import views_annual

app_name = "disclosure"

urlpatterns: list = []
# 政府信息公开工作年度报告 (issue 16 point 4)
urlpatterns += views_annual.urlpatterns
