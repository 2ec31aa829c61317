"""Print versions of published pages: a page with no navigation that carries the title,
the publication date and the address it was printed from, so a paper copy can be traced
back to its source (the usual 来源 line of a government website's printed page)."""

from __future__ import annotations

from django.conf import settings


def source_address(request, path: str) -> str:
    """The public address of ``path``: FAZHI_SITE_URL when the installation sets it (the
    address citizens use, which may differ from the one behind a proxy), else the request's
    own host."""
    base = (getattr(settings, "FAZHI_SITE_URL", "") or "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)
