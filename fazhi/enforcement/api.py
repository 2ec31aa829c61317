"""Enforcement routes of the JSON API, one router per screen family mounted here (the API
finds each app's ``api.router``)."""

from ninja import Router

from . import api_lists

PREFIX = "/enforcement"
router = Router()
router.add_router("", api_lists.router)
