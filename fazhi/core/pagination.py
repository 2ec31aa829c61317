"""Bounded limit/offset pagination for the JSON API.

django-ninja's ``LimitOffsetPagination`` accepts any integer offset (and, without
``NINJA_PAGINATION_MAX_LIMIT``, any limit): a number past the database's integer range
reaches the query and the server answers 500. This class validates both, so garbage is
answered 422 with the API's Chinese message (``fazhi.api``). Use it as
``@paginate(LimitOffset)``.
"""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10**9


class LimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(
            getattr(settings, "NINJA_PAGINATION_PER_PAGE", 50),
            ge=1,
            le=MAX_LIMIT,
            description=f"每页条数（1—{MAX_LIMIT}）",
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="跳过的条数")
