"""政府信息公开 routes of the JSON API (/api/disclosure/…): one sub-router per screen family,
each in its own file (api_<family>.py), mounted here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["政府信息公开"])

# 依申请公开 (issue 16 point 2): /api/disclosure/requests…
from . import api_requests  # noqa: E402

router.add_router("", api_requests.router)
# 主动公开 (issue 16 point 1): /api/disclosure/catalogue, …/releases, …/interpretations.
from . import api_releases  # noqa: E402

router.add_router("catalogue", api_releases.catalogue_router)
router.add_router("releases", api_releases.router)
router.add_router("interpretations", api_releases.interpretations_router)
