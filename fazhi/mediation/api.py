"""mediation routes of the JSON API (/api/mediation/…): one sub-router per screen family, each in
its own file (api_<family>.py), mounted here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["矛盾纠纷调解与信访"])
