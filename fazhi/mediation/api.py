"""mediation routes of the JSON API (/api/mediation/…): one sub-router per screen family, each in
its own file (api_<family>.py), mounted here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["矛盾纠纷调解与信访"])

# 人民调解 (issue 17): /api/mediation/disputes…, /api/mediation/bodies…
from . import api_disputes  # noqa: E402

router.add_router("disputes", api_disputes.router)
router.add_router("bodies", api_disputes.bodies_router)
# 信访 (issue 17): /api/mediation/petitions…
from . import api_petitions  # noqa: E402

router.add_router("", api_petitions.router)
