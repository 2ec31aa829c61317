"""政府信息公开 routes of the JSON API (/api/disclosure/…): one sub-router per screen family,
each in its own file (api_<family>.py), mounted here."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["政府信息公开"])
