"""事后公示 on the portal: published decisions, masked; late ones marked; withdrawn ones
replaced by the note; nothing personal on any public enforcement page (today fixed)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from fazhi.core.identifiers import is_valid_id_number
from fazhi.enforcement import services as s

from . import cases_flow as flow
from .conftest import SHOP

pytestmark = pytest.mark.today(2025, 11, 10)

ID18 = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{16}[\dXx])(?![0-9A-Za-z])")
MOBILE = re.compile(r"(?<![0-9A-Za-z])(1[3-9]\d)([-\s.]?)(\d{4})\2(\d{4})(?![0-9A-Za-z])")
HREF = re.compile(r'href="(/[^"#?]*(?:\?[^"#]*)?)"')

WANG = {
    "kind": "person",
    "name": "王小明",
    "id_number": "110105199003071239",
    "phone": "13912345678",
    "address": "测试区东门路8号",
}
LI = {
    "kind": "person",
    "name": "李大华",
    "id_number": "11010519491231002X",
    "phone": "139-8765-4321",
}
MINOR = {"kind": "person", "name": "赵小小", "id_number": "110105201001011232", "minor": True}


@pytest.fixture
def published(enf, people, open_penalty):
    clerk = people["scjg_clerk"]
    on_time = flow.decided(open_penalty, enf, clerk, party=WANG, title="王小明无照经营案")
    s.publish(on_time, on=dt.date(2025, 9, 25), actor=clerk)
    late = flow.decided(
        open_penalty, enf, clerk, party=LI, title="李大华（电话13987654321）无照经营案"
    )
    s.publish(late, on=dt.date(2025, 11, 3), actor=clerk, late_reason="承办人王小明休假")
    revoked = flow.decided(open_penalty, enf, clerk, party=SHOP)
    s.publish(revoked, on=dt.date(2025, 9, 26), actor=clerk)
    revoked = s.revoke(revoked, on=dt.date(2025, 10, 20), reason="经行政复议撤销", actor=clerk)
    s.withdraw(revoked, on=dt.date(2025, 10, 21), reason="该决定经行政复议被撤销", actor=clerk)
    minor = flow.decided(open_penalty, enf, clerk, party=MINOR, title="赵小小无照经营案")
    s.withhold(minor, reason="当事人为未成年人", on=dt.date(2025, 9, 24), actor=clerk)
    return {"on_time": on_time, "late": late, "revoked": revoked, "minor": minor}


def _crawl(client, starts) -> dict[str, str]:
    queue, seen = list(starts), {}
    while queue and len(seen) < 200:
        path = queue.pop(0)
        if path in seen:
            continue
        resp = client.get(path)
        assert resp.status_code == 200, path
        text = resp.content.decode()
        seen[path] = text
        for link in HREF.findall(text):
            link = link.replace("&amp;", "&")
            if link.startswith("/enforcement/") and link not in seen:
                queue.append(link)
    return seen


@pytest.mark.django_db
def test_every_public_enforcement_page_is_masked(published, client):
    starts = ["/", "/enforcement/decisions/"]
    starts += [f"/enforcement/decisions/?kind=penalty&year={y}" for y in (2025, 2024)]
    pages = _crawl(client, starts)
    decisions = [p for p in pages if re.fullmatch(r"/enforcement/decisions/\d+/", p)]
    assert len(decisions) == 3  # the minor's decision is withheld
    for path, text in pages.items():
        ids = [m for m in ID18.findall(text) if is_valid_id_number(m)]
        assert not ids, (path, ids)
        assert not MOBILE.search(text), (path, MOBILE.search(text).group(0))
        for name in ("王小明", "李大华", "赵小小"):
            assert name not in text, (path, name)
        assert "测试区东门路8号" not in text


@pytest.mark.django_db
def test_decision_pages_show_the_masked_content_late_and_withdrawn(published, client):
    on_time = published["on_time"].publication
    text = client.get(f"/enforcement/decisions/{on_time.pk}/").content.decode()
    assert published["on_time"].decision_number in text
    assert "王**" in text and "罚款3000元" in text and "逾期公示" not in text
    late = published["late"].publication
    text = client.get(f"/enforcement/decisions/{late.pk}/").content.decode()
    assert "逾期公示" in text and "李**" in text
    revoked = published["revoked"].publication
    text = client.get(f"/enforcement/decisions/{revoked.pk}/").content.decode()
    assert "该决定经行政复议被撤销" in text and "已撤回" in text
    assert "罚款3000元" not in text and SHOP["uscc"] not in text
    # The withheld decision has no page; unpublished pks are 404.
    assert client.get(f"/enforcement/decisions/{on_time.pk + 1000}/").status_code == 404
    listing = client.get("/enforcement/decisions/?kind=license").content.decode()
    assert published["on_time"].decision_number not in listing
    listing = client.get(f"/enforcement/decisions/?agency={published['late'].agency_id}")
    assert published["late"].decision_number in listing.content.decode()


@pytest.mark.django_db
def test_the_portal_home_lists_the_newest_decisions(published, client):
    text = client.get("/").content.decode()
    assert published["late"].decision_number in text
    assert published["revoked"].decision_number not in text  # withdrawn: not "latest"
