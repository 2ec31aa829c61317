"""How a member of the public follows a request without an account (行政复议申请,
政府信息公开申请): an 8-character query code shown once, kept only as a keyed hash (a leaked
table opens no request), and a secret link."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud over the phone


def new_access_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def hash_code(code: str, purpose: str = "") -> str:
    """``purpose`` keeps one module's codes from opening another module's records."""
    key = settings.SECRET_KEY.encode()
    normal = (code or "").strip().upper().replace(" ", "").replace("-", "")
    return hmac.new(key, purpose.encode() + normal.encode(), hashlib.sha256).hexdigest()


def code_matches(stored_hash: str, code: str, purpose: str = "") -> bool:
    return hmac.compare_digest(stored_hash, hash_code(code, purpose))


def new_link_token() -> str:
    return secrets.token_urlsafe(24)
