"""No 500 on any input (house rule 1): every page and action of normative documents, with
documents in every stage, a filing and a cleanup campaign, hammered with garbage as the
drafting clerk, the coordinator, a clerk of another unit and the public; the portal
library and the API routes with garbage parameters; garbage files to the import."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fazhi.documents import services
from tests.garbage import GARBAGE, Hammer

from .conftest import today

pytestmark = [pytest.mark.today(2025, 11, 10), pytest.mark.strict_db]


@pytest.fixture
def world(people, district, make):
    coord = people["coordinator"]
    drafting = make.draft(people, district, title="起草中的文件")
    reviewing = make.draft(people, district, title="审核中的文件")
    services.record_exemption(
        reviewing, reason="内部事项", approved_by="局长", actor=people["scjg_clerk"]
    )
    services.request_review(reviewing, actor=people["scjg_clerk"], self_checked=True)
    discussed = make.discussed(people, district, title="已审议的文件")
    numbered = services.register_and_number(
        make.discussed(people, district, title="已编号的文件"), actor=coord, on=today()
    )
    published = make.published(people, district, title="已公布的文件")
    filed = make.published(people, district, title="已备案的文件")
    services.file(filed, filed_on=today(), actor=coord)
    cleanup = services.create_cleanup(
        title="集中清理", unit=district["gov"], started_on=today(), actor=coord
    )
    services.add_to_cleanup(cleanup, [published], actor=coord)
    ancillary = services.ancillary.receive(
        source_ref="reconsideration.case:1", case_number="测试区行复〔2025〕1号",
        requester="王小明", document=published, document_title="", received_on=today(),
        unit=district["sfj"], actor=people["sfj_clerk"],
    )  # fmt: skip
    return {
        "docs": [drafting, reviewing, discussed, numbered, published, filed],
        "cleanup": cleanup,
        "ancillary": ancillary,
    }


def _paths(world):
    out = [
        "/office/documents/",
        "/office/documents/new/",
        "/office/documents/filings/",
        "/office/documents/cleanups/",
        f"/office/documents/cleanups/{world['cleanup'].pk}/",
        "/office/documents/import/",
        "/office/documents/ancillary/",
        f"/office/documents/ancillary/{world['ancillary'].pk}/",
    ]
    for d in world["docs"]:
        out += [f"/office/documents/{d.pk}/", f"/office/documents/{d.pk}/edit/"]
    return out


@pytest.mark.parametrize("persona", ["scjg_clerk", "coordinator", "town_clerk", None])
def test_no_page_answers_500(persona, people, world):
    client = Client()
    if persona:
        client.force_login(people[persona])
    hammer = Hammer(client)
    forms = 0
    for path in _paths(world):
        hammer.query(path)
        forms += hammer.page(path, extra_fields=("item", "doc", "action"))
        if persona:
            client.force_login(people[persona])
    if persona in ("scjg_clerk", "coordinator"):
        assert forms >= 5, forms
    assert not hammer.failures, hammer.report()


def test_import_garbage_files(people, world):
    client = Client()
    client.force_login(people["coordinator"])
    hammer = Hammer(client, check_kept=False)
    for name, data in (
        ("x.xlsx", b"not a zip"),
        ("x.xlsx", b"PK\x03\x04garbage"),
        ("x.csv", b"\xff\xfe\x00garbage"),
        ("x.txt", "文号,标题\n".encode()),
        ("x.xlsx", b""),
    ):
        hammer.requests += 1
        try:
            resp = client.post(
                "/office/documents/import/", {"file": SimpleUploadedFile(name, data)}
            )
        except Exception as exc:  # an escaping exception is a 500
            hammer.failures.append(f"import {name}: {type(exc).__name__}: {exc}")
            continue
        if resp.status_code >= 500:
            hammer.failures.append(f"import {name}: {resp.status_code}")
    hammer._do("post", "/office/documents/import/", {"confirm": "1"})
    assert not hammer.failures, hammer.report()


def test_portal_and_api_never_answer_500(people, world):
    hammer = Hammer(Client(), check_kept=False)
    hammer.query("/documents/")
    for d in world["docs"]:
        hammer._do("get", f"/documents/{d.pk}/")
    for g in ("abc", "-1", "99999999999999999999"):
        hammer._do("get", f"/documents/{g}/")
        hammer._do("get", f"/documents/cleanups/{g}/")
    client = Client()
    client.force_login(people["scjg_clerk"])
    api = Hammer(client, check_kept=False)
    for h in (hammer, api):
        for g in [*GARBAGE, "2025"]:
            g = g[:300]
            for key in ("year", "issuer", "status", "q", "limit", "offset", "stage"):
                h._do("get", f"/api/documents/public/search?{key}={g}")
                h._do("get", f"/api/documents?{key}={g}")
            h._do("get", f"/api/documents/{g}")
    assert not hammer.failures, hammer.report()
    assert not api.failures, api.report()


def test_every_page_reachable_by_navigation(people, world):
    """House rule 6: from the board, following links only, the coordinator reaches every
    page of the module (list, drafting form, each document and its edit form, filings,
    cleanups, the import) and the public reaches the library, each document and the
    published cleanup lists from the portal."""
    from django.urls import get_resolver

    from tests.garbage import reachable

    every = {
        f"documents:{n}"
        for n in get_resolver("fazhi.documents.urls").reverse_dict
        if isinstance(n, str)
    }
    client = Client()
    client.force_login(people["coordinator"])
    assert every - reachable(client, ["/office/documents/"]) == set()
    client.force_login(people["scjg_clerk"])
    # 附带审查 records belong to the 复议机构 (司法局), not to this clerk's unit.
    own = every - {"documents:import", "documents:cleanup", "documents:ancillary"}
    assert own - reachable(client, ["/office/documents/"]) == set()
    public = reachable(Client(), ["/documents/"], start="/")
    assert {"documents_public:list", "documents_public:detail"} <= public
