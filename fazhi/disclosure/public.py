"""Portal routes of 政府信息公开 (/disclosure/…), one list per page family (each in its own
public_<family>.py), included here."""

from . import public_annual

app_name = "disclosure_public"

urlpatterns: list = []
# 政府信息公开工作年度报告 (issue 16 point 4)
urlpatterns += public_annual.urlpatterns
