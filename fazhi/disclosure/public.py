"""Portal routes of 政府信息公开 (/disclosure/…), one list per page family (each in its own
public_<family>.py), included here."""

from . import public_annual

app_name = "disclosure_public"

urlpatterns: list = []
# 政府信息公开工作年度报告 (issue 16 point 4)
urlpatterns += public_annual.urlpatterns

# 主动公开 by unit, releases, interpretations; 依申请公开 online and the status page (issue 16
# points 1–2 of the portal).
from . import public_releases, public_requests  # noqa: E402

urlpatterns += public_releases.urlpatterns + public_requests.urlpatterns
