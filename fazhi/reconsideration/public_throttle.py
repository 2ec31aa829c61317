"""Rate limits of the 行政复议 portal: applications sent and status look-ups that failed,
counted per client address over a window (one hour by default).

Why: the status page opens an application with its number and an 8-character query code;
a guesser who tries codes (or numbers) is stopped after a few failures, so the 31^8 codes
cannot be walked. Applications are limited so that the 复议机构's review clocks (5
working days each, 第30条) cannot be flooded from one address.

The counting itself is core's (``fazhi.core.portal_throttle``, shared with the 政府信息公开
portal), under keys ``recon:<kind>:<keyed hash of the address>``.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings

from fazhi.core.portal_throttle import PortalThrottle

PREFIX = "recon:"


def window() -> dt.timedelta:
    return dt.timedelta(minutes=int(getattr(settings, "FAZHI_RECON_RATE_WINDOW_MINUTES", 60)))


def status_tries() -> int:
    """Failed status look-ups (wrong number or code) per client address and window."""
    return int(getattr(settings, "FAZHI_RECON_STATUS_TRIES", 10))


def applications_per_window() -> int:
    """Applications sent from one client address per window."""
    return int(getattr(settings, "FAZHI_RECON_APPLY_RATE", 5))


_THROTTLE = PortalThrottle(prefix=PREFIX, salt="fazhi.reconsideration", window=window)


def attempt(kind: str, address: str | None, limit: int) -> int:
    """0 when the attempt may go on, else the minutes to wait (core.portal_throttle)."""
    return _THROTTLE.attempt(kind, address, limit)


def take_back(kind: str, address: str | None) -> None:
    _THROTTLE.take_back(kind, address)
