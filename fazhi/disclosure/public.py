from . import public_annual

app_name = "disclosure_public"

urlpatterns: list = []
# 政府信息公开工作年度报告 (issue 16 point 4)
urlpatterns += public_annual.urlpatterns
