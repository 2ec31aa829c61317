"""行政复议与应诉 routes of the JSON API (/api/reconsideration/…): one sub-router per
screen family, each in its own file (api_<family>.py), mounted here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["行政复议与应诉"])

# Applications and cases (issue 15 points 1–2): /api/reconsideration/applications, …/cases.
from . import api_cases  # noqa: E402

router.add_router("", api_cases.router)

from . import api_litigation  # noqa: E402

router.add_router("litigation", api_litigation.router)
router.add_router("suggestions", api_litigation.suggestions_router)
