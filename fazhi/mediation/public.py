"""Portal routes of mediation (/mediation/…), one list per page family (each in its own
public_<family>.py), included here."""

app_name = "mediation_public"

urlpatterns: list = []

# 人民调解 (issue 17): the directory of 调解组织 and the year's dispute statistics.
from . import public_bodies  # noqa: E402

urlpatterns += public_bodies.urlpatterns
