"""No personal data on the public side (issue 11, point 8), on the demo district.

Every public page is crawled (from every public URL pattern, following the links the
public sees) and every public API route is read (lists paged through, every record of a
list read through its detail route). No text may hold an unmasked ID number (18 digits
with a valid check digit, or 15 digits with a valid birth date), a mobile number (11
digits, or written 3-4-4 with spaces, hyphens or dots), or the name or phone of a natural
person the demo's records hold as a party (commenters of the public consultations,
natural-person contract counterparties).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from fazhi.core.identifiers import is_valid_id_number

from .test_no_500 import _Forms, _url_name
from .test_security_matrix import API_ROUTES, PUBLIC, ROUTES, _path

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.db_agnostic]

MAX_PAGES = 5000

ID18 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[\dXx])(?![0-9A-Za-z])")
ID15 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{14})(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9A-Za-z])(1[3-9]\d)([-\s.]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])")


def _valid_id15(s: str) -> bool:
    try:
        dt.date(1900 + int(s[6:8]), int(s[8:10]), int(s[10:12]))
    except ValueError:
        return False
    return True


def _public_pages(client: Client) -> dict[str, str]:
    """path → text of every public page the portal links to."""
    queue = []
    for name, route in ROUTES.items():
        if route.access != PUBLIC or name == "core:login":
            continue
        queue.append(_path(name, route))
    seen: dict[str, str] = {}
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen:
            continue
        resp = client.get(path)
        text = ""
        if resp.status_code == 200 and not resp.streaming:
            ctype = resp.get("Content-Type", "")
            if ctype.startswith(("text/", "application/json")):
                text = resp.content.decode("utf-8", "replace")
        seen[path] = text
        if "html" not in resp.get("Content-Type", ""):
            continue
        parsed = _Forms()
        parsed.feed(text)
        for href in parsed.links:
            target = urlsplit(urljoin(path, href))
            if target.netloc or target.path.startswith(("/office/", "/admin/", "/static/")):
                continue
            if target.path.startswith("/api/"):
                continue
            if _url_name(target.path) is None:
                continue
            url = target.path + (f"?{target.query}" if target.query else "")
            if url not in seen:
                queue.append(url)
    return seen


def _public_api(client: Client) -> dict[str, str]:
    """path → JSON text of every public API answer, lists paged, every listed record's
    detail read."""
    from .test_security_matrix import _api_path

    out: dict[str, str] = {}
    ids: dict[str, set] = {}
    routes = [(k, r) for k, r in API_ROUTES.items() if r.access == PUBLIC and k.startswith("GET")]
    for key, route in routes:
        if route.model:
            continue
        _, path, query = _api_path(key, route)
        offset = 0
        while True:
            resp = client.get(path, {**query, "limit": 500, "offset": offset})
            if resp.status_code == 422:  # not paginated
                resp = client.get(path, query)
            assert resp.status_code == 200, (path, resp.status_code)
            out[f"{path}?offset={offset}"] = resp.content.decode()
            data = resp.json()
            items = data.get("items", data) if isinstance(data, dict) else data
            if isinstance(items, list):
                ids.setdefault(path, set()).update(
                    i["id"] for i in items if isinstance(i, dict) and "id" in i
                )
            if not (isinstance(data, dict) and "count" in data) or offset + 500 >= data["count"]:
                break
            offset += 500
    for key, route in routes:
        if not route.model:
            continue
        template = key.split(" ", 1)[1]
        # The list a record route's ids come from: the path before its {pk}.
        listed = ids.get(template.split("/{pk}")[0], set())
        assert listed, f"{key}: no public list to take ids from"
        for pk in sorted(listed):
            path = template.replace("{pk}", str(pk))
            resp = client.get(path)
            assert resp.status_code == 200, (path, resp.status_code)
            out[path] = resp.content.decode()
    return out


def _persons() -> tuple[set[str], set[str]]:
    """Names and phones of the natural persons the demo's records hold as parties."""
    from fazhi.consultation.models import Comment
    from fazhi.legal.models import Contract

    names = {n.strip() for n in Comment.objects.values_list("name", flat=True) if n.strip()}
    phones = {p.strip() for p in Comment.objects.values_list("phone", flat=True) if p.strip()}
    person = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
    names |= {
        c
        for c in Contract.objects.filter(counterparty_uscc="").values_list(
            "counterparty", flat=True
        )
        if person.match(c)
    }
    from fazhi.reconsideration.models import Application

    phones |= set(Application.objects.values_list("applicant_phone", flat=True))
    return names, phones


def _officer_names() -> set[str]:
    """国办发〔2018〕118号 requires the certified officers' names to be public (执法人员名单):
    a demo commenter who shares an officer's name is read on the officer list as that
    officer, so those names are not searched for (the others still are)."""
    from django.utils import timezone

    from fazhi.enforcement.public_lists import public_officers_qs

    return set(public_officers_qs(timezone.localdate()).values_list("name", flat=True))


_READ: dict = {}


@pytest.fixture
def public_texts(demo, db):
    """Every public page and API answer, read once for this module (by its first test)."""
    if not _READ:
        client = Client()
        names, phones = _persons()
        _READ.update(
            pages=_public_pages(client),
            api=_public_api(client),
            names=names - _officer_names(),
            all_names=names,
            phones=phones,
        )
    return _READ


def _decoded(text: str) -> str:
    """JSON escapes (\\uXXXX) read as characters, so names are found in API answers."""
    if text.startswith(("{", "[")):
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return text


def _leaks(texts: dict[str, str], names: set[str], phones: set[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"id": [], "mobile": [], "name": [], "phone": []}
    for path, raw in texts.items():
        text = _decoded(raw)
        for m in ID18.finditer(text):
            if is_valid_id_number(m.group(1)):
                found["id"].append(f"{path}: {m.group(1)}")
        for m in ID15.finditer(text):
            if _valid_id15(m.group(1)):
                found["id"].append(f"{path}: {m.group(1)}")
        for m in MOBILE.finditer(text):
            found["mobile"].append(f"{path}: {m.group(0)}")
        for n in names:
            if n in text:
                found["name"].append(f"{path}: {n}")
        for p in phones:
            if p in text:
                found["phone"].append(f"{path}: {p}")
    return found


def test_the_crawl_reaches_the_public_side(public_texts):
    pages, api = public_texts["pages"], public_texts["api"]
    names = {_url_name(urlsplit(p).path) for p in pages}
    public = {n for n, r in ROUTES.items() if r.access == PUBLIC and n != "core:login"}
    assert public <= names, f"public pages never reached: {sorted(public - names)}"
    assert len(pages) > 100 and len(api) > 10, (len(pages), len(api))
    # The demo's commenters do give names and phones: the check below is not empty.
    assert len(public_texts["all_names"]) >= 5 and len(public_texts["phones"]) >= 3
    assert public_texts["names"], "every commenter's name is also an officer's"
    assert any(reverse("consultation_public:list") in p for p in pages)


@pytest.mark.parametrize("side", ["pages", "api"])
@pytest.mark.parametrize("kind", ["id", "mobile", "name", "phone"])
def test_nothing_personal_is_published_unmasked(public_texts, side, kind):
    found = _leaks(public_texts[side], public_texts["names"], public_texts["phones"])[kind]
    assert not found, f"{len(found)} unmasked:\n" + "\n".join(found[:30])


@pytest.mark.parametrize("side", ["pages", "api"])
def test_commenters_contact_details_are_not_published_even_masked(public_texts, side):
    """The comment form promises that name and phone are only for the drafting unit: not
    even their masked forms (张*, 138****1234) appear anywhere public."""
    from fazhi.consultation.models import Comment
    from fazhi.core.masking import mask_name, mask_phone

    rows = Comment.objects.values_list("name", "phone")
    masked = {mask_name(n.strip()) for n, _ in rows if n.strip()}
    masked |= {mask_phone(p.strip()) for _, p in rows if p.strip()}
    assert len(masked) >= 5
    found = [
        f"{path}: {m}"
        for path, raw in public_texts[side].items()
        for m in masked
        if m in _decoded(raw)
    ]
    assert not found, f"{len(found)} published:\n" + "\n".join(found[:30])
