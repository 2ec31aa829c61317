"""No public page of the module shows personal data in clear: every page reachable from
the portal's 政府信息公开 section and every applicant's status page (which a link may
forward to anyone) is walked, with the applicants' names, ID numbers, mobiles and e-mails
typed into every free text a clerk writes."""

import datetime as dt
import re
from urllib.parse import urljoin, urlsplit

from django.test import Client

from fazhi.disclosure.services import releases, requests

from .conftest import PERSON_ID

D = dt.date
SECRETS = ("王小明", PERSON_ID, "13800138000", "wxm@example.com", "赵大山", "11010519491231002X",
           "13912345678")  # fmt: skip
LEAK = "申请人王小明（身份证号110105199003071239，电话13800138000，邮箱wxm@example.com）"


def crawl(client, starts):
    """Every page under /disclosure/ reachable by links from ``starts`` (GET)."""
    seen, todo, pages = set(), list(starts), {}
    while todo:
        url = todo.pop()
        if url in seen or len(seen) > 300:
            continue
        seen.add(url)
        resp = client.get(url)
        assert resp.status_code in (200, 404), (url, resp.status_code)
        if resp.get("Content-Disposition"):
            continue
        html = resp.content.decode()
        pages[url] = html
        for href in re.findall(r'href="([^"#]+)"', html):
            full = urljoin(url, href.replace("&amp;", "&"))
            parts = urlsplit(full)
            if parts.path.startswith("/disclosure/") and not parts.netloc:
                todo.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_no_public_page_shows_personal_data(district, people, make_request, at):
    clerk = people["scjg_clerk"]
    a, code_a = make_request(actor=None, channel="online", received_on=None, today=D(2025, 3, 3),
                             applicant_email="wxm@example.com",
                             description=f"{LEAK}申请公开食品抽检结果")  # fmt: skip
    b, _ = make_request(actor=None, channel="online", received_on=None, today=D(2025, 3, 3),
                        applicant_name="赵大山", applicant_id="11010519491231002X",
                        applicant_phone="13912345678", description="停车收费标准")  # fmt: skip
    at(D(2025, 3, 4))
    requests.request_correction(a, items=f"请{LEAK}补充说明", on=D(2025, 3, 4), actor=clerk)
    requests.request_correction(b, items="请赵大山（13912345678）写明年份", on=D(2025, 3, 4),
                                actor=clerk)  # fmt: skip
    at(D(2025, 3, 6))
    requests.supplement(a, on=D(2025, 3, 6), actor=clerk)
    requests.extend(a, days=5, reason=f"{LEAK}所需信息量大", approved_by="李主任",
                    approved_on=D(2025, 3, 6), actor=clerk)  # fmt: skip
    requests.reply(a, reply_type="provide", on=D(2025, 3, 6), text=f"{LEAK}：现予提供。",
                   actor=clerk)  # fmt: skip
    item = releases.save_catalogue_item(unit=district["scjg"], category=6, name="行政处罚",
                                        actor=clerk)  # fmt: skip
    rel = releases.create_release(unit=district["scjg"], catalogue=item, title="处罚信息",
                                  body=f"当事人联系电话13800138000，身份证号{PERSON_ID}。",
                                  created_on=D(2025, 3, 5), actor=clerk)  # fmt: skip
    rel = releases.publish(rel, on=D(2025, 3, 6), actor=clerk)
    releases.publish_interpretation(unit=district["scjg"], title="解读", release=rel,
                                    body="咨询电话13800138000", published_on=D(2025, 3, 6),
                                    actor=clerk)  # fmt: skip
    client = Client()
    starts = ["/disclosure/", "/disclosure/apply/", "/disclosure/status/"]
    starts += [f"/disclosure/status/{r.link_token}/" for r in (a, b)]
    pages = crawl(client, starts)
    assert any("现予提供" in html for html in pages.values())  # the reply text is shown
    assert any("写明年份" in html for html in pages.values())
    assert any("当事人联系电话" in html for html in pages.values())
    posted = client.post("/disclosure/status/", {"tracking_number": a.tracking_number,
                                                 "code": code_a})  # fmt: skip
    assert posted.status_code == 200
    pages["POST /disclosure/status/"] = posted.content.decode()
    for url, html in pages.items():
        for secret in SECRETS:
            assert secret not in html, (url, secret)
