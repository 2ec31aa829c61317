"""Scoping: a clerk of another unit reaches no draft by page or API; the coordinator sees
everything; published documents are public on the portal and the public API."""

import datetime as dt

import pytest

from fazhi.documents.models import NormativeDocument

TODAY = dt.date(2025, 11, 10)
pytestmark = pytest.mark.today(TODAY.year, TODAY.month, TODAY.day)


def test_draft_hidden_from_other_units(people, district, make, login):
    doc = make.draft(people, district)  # drafted by 市场监管局
    for who in ("town_clerk", "sfj_clerk"):
        client = login(people[who])
        assert client.get(f"/office/documents/{doc.pk}/").status_code == 404
        assert client.get(f"/api/documents/{doc.pk}").status_code == 404
        assert client.get("/api/documents").json()["count"] == 0
        assert doc.title not in client.get("/office/documents/").content.decode()
        r = client.post(f"/office/documents/{doc.pk}/", {"action": "exempt"})
        assert r.status_code == 404
    for who in ("scjg_clerk", "scjg_reviewer", "coordinator", "leader"):
        client = login(people[who])
        assert client.get(f"/office/documents/{doc.pk}/").status_code == 200, who
        assert client.get(f"/api/documents/{doc.pk}").json()["title"] == doc.title
    client.logout()
    assert client.get(f"/documents/{doc.pk}/").status_code == 404
    assert client.get(f"/api/documents/{doc.pk}").status_code == 401


def test_leader_reads_but_cannot_act(people, district, make, login):
    doc = make.draft(people, district)
    client = login(people["leader"])
    body = client.get(f"/office/documents/{doc.pk}/").content.decode()
    assert 'value="exempt"' not in body
    r = client.post(
        f"/office/documents/{doc.pk}/",
        {"action": "exempt", "exempt-reason": "x", "exempt-approved_by": "y"},
    )
    assert r.status_code == 403


def test_published_documents_are_public(client, people, district, make):
    doc = make.published(people, district)
    r = client.get(f"/documents/{doc.pk}/")
    assert r.status_code == 200 and doc.doc_number in r.content.decode()
    assert doc.title in client.get("/documents/").content.decode()
    r = client.get("/api/documents/public/search")
    assert [i["id"] for i in r.json()["items"]] == [doc.pk]
    # The drafter's account never appears on the public page.
    assert people["scjg_clerk"].username not in r.content.decode()


def test_clerk_cannot_number_government_document(people, district, make, login):
    doc = make.discussed(people, district)
    client = login(people["scjg_clerk"])
    body = client.get(f"/office/documents/{doc.pk}/").content.decode()
    assert 'value="number"' not in body
    r = client.post(f"/office/documents/{doc.pk}/", {"action": "number", "number-on": "2026-01-01"})
    assert r.status_code == 403
    assert NormativeDocument.objects.get(pk=doc.pk).doc_number == ""


def test_issuers_office_reads_and_numbers_documents_issued_in_its_name(
    people, district, make, login
):
    """A clerk of the district government's office (the issuer) sees a document drafted by
    市场监管局 for the government and numbers it; it cannot change the draft, and the
    government office's clerk sees no department's own documents."""
    from fazhi.core import services as core
    from fazhi.core.models import User

    gov_clerk = core.save_user(
        User(username="gov_clerk", full_name="gov_clerk", unit=district["gov"]), ["clerk"], None
    )
    mine = make.discussed(people, district)  # drafted by 市场监管局, issuer: the government
    own = make.draft(people, district, title="市场监管局自己的文件", issuer="scjg")
    client = login(gov_clerk)
    assert client.get(f"/office/documents/{mine.pk}/").status_code == 200
    assert client.get(f"/api/documents/{mine.pk}").status_code == 200
    assert client.get(f"/office/documents/{own.pk}/").status_code == 404
    assert client.get(f"/api/documents/{own.pk}").status_code == 404
    assert client.get(f"/office/documents/{mine.pk}/edit/").status_code == 404
    r = client.post(
        f"/office/documents/{mine.pk}/",
        {"action": "number", "number-on": str(mine.discussion_date)},
    )
    assert r.status_code == 302
    mine.refresh_from_db()
    assert mine.doc_number.startswith("测试区人民政府规〔")


def test_reasons_on_the_public_page_are_masked(client, people, district, make):
    """A repeal reason typed by staff may carry a phone or ID number: the portal masks it."""
    import datetime as dt

    from fazhi.documents import services

    today = TODAY
    doc = make.published(people, district, on=today - dt.timedelta(days=40))
    services.repeal(
        doc,
        on=today,
        reason="上位法修改，经办人王某（13912345678，身份证110101199003071234）提出",
        actor=people["coordinator"],
    )
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "上位法修改" in page
    assert "13912345678" not in page and "139****5678" in page
    assert "110101199003071234" not in page
