"""Portal routes of learning (/learning/…), one list per page family (each in its own
public_<family>.py), included here."""

app_name = "learning_public"

urlpatterns: list = []

# 普法: the units' published 普法责任清单 and 普法 activities (issue 17, h4).
from . import public_education  # noqa: E402

urlpatterns += public_education.urlpatterns
