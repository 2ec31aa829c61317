"""清理: select documents in force, assign to units, each unit records an outcome with its
reason, close (only when every document has one), publish the lists on the portal; the
repealed and expired ones end on publication."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.documents import services
from fazhi.documents.models import Cleanup, CleanupItem, NormativeDocument

pytestmark = pytest.mark.today(2025, 12, 15)


def _existing(district, key, n, title):
    return services.import_existing(
        title=title,
        unit=district[key],
        issuer=district[key] if key != "scjg" else district["gov"],
        doc_number=f"旧文〔2020〕{n}号",
        published_on=dt.date(2020, 5, n),
        actor=None,
    )


@pytest.fixture
def campaign(people, district):
    docs = [
        _existing(district, "sfj", 1, "测试区法治宣传教育办法"),
        _existing(district, "scjg", 2, "测试区农贸市场管理规定"),
        _existing(district, "scjg", 3, "测试区集贸市场收费办法"),
        _existing(district, "sfj", 4, "测试区人民调解奖励办法"),
    ]
    c = services.create_cleanup(
        title="2025年度行政规范性文件集中清理",
        unit=district["sfj"],
        started_on=dt.date(2025, 9, 1),
        basis="区政府办公室关于开展规范性文件清理工作的通知",
        actor=people["coordinator"],
    )
    services.add_to_cleanup(c, docs, actor=people["coordinator"])
    return c, docs


def test_campaign_end_to_end(people, district, campaign, client, login):
    c, docs = campaign
    coord = people["coordinator"]
    with pytest.raises(PermissionDenied):
        services.create_cleanup(
            title="x",
            unit=district["sfj"],
            started_on=dt.date(2025, 1, 1),
            actor=people["sfj_clerk"],
        )
    with pytest.raises(ValidationError, match="已在本次清理范围内"):
        services.add_to_cleanup(c, docs[:1], actor=coord)
    items = {i.document_id: i for i in c.items.all()}
    assert items[docs[1].pk].assigned_unit == district["scjg"]
    # Each unit answers for its own documents only.
    with pytest.raises(PermissionDenied):
        services.record_cleanup_outcome(
            items[docs[1].pk], outcome="retain", reason="x", actor=people["sfj_clerk"]
        )
    with pytest.raises(ValidationError, match="请填写清理理由"):
        services.record_cleanup_outcome(
            items[docs[1].pk], outcome="retain", reason="", actor=people["scjg_clerk"]
        )
    services.record_cleanup_outcome(
        items[docs[1].pk], outcome="retain", reason="仍然适用", actor=people["scjg_clerk"]
    )
    services.record_cleanup_outcome(
        items[docs[2].pk], outcome="repeal", reason="收费项目已取消", actor=people["scjg_clerk"]
    )
    services.record_cleanup_outcome(
        items[docs[0].pk], outcome="amend", reason="需与新法衔接", actor=people["sfj_clerk"]
    )
    with pytest.raises(ValidationError, match="尚有1件文件未提出清理意见"):
        services.close_cleanup(c, actor=coord, on=dt.date(2025, 10, 31))
    with pytest.raises(ValidationError, match="清理完成后才能公布"):
        services.publish_cleanup(c, actor=coord, on=dt.date(2025, 11, 5))
    services.record_cleanup_outcome(
        items[docs[3].pk], outcome="expire", reason="调整对象已消失", actor=people["sfj_clerk"]
    )
    services.close_cleanup(c, actor=coord, on=dt.date(2025, 10, 31))
    with pytest.raises(ValidationError, match="清理已完成"):
        services.record_cleanup_outcome(
            items[docs[3].pk], outcome="retain", reason="改主意", actor=people["sfj_clerk"]
        )
    assert client.get(f"/documents/cleanups/{c.pk}/").status_code == 404  # not yet published
    services.publish_cleanup(c, actor=coord, on=dt.date(2025, 11, 5))
    status = dict(NormativeDocument.objects.values_list("pk", "status"))
    assert [status[d.pk] for d in docs] == ["published", "published", "repealed", "expired"]
    repealed = NormativeDocument.objects.get(pk=docs[2].pk)
    assert repealed.ended_on == dt.date(2025, 11, 5) and "收费项目已取消" in repealed.end_reason
    body = client.get(f"/documents/cleanups/{c.pk}/").content.decode()
    for label in (
        "继续有效目录（1件）",
        "修改目录（1件）",
        "废止目录（1件）",
        "宣布失效目录（1件）",
    ):
        assert label in body
    assert "2025年度行政规范性文件集中清理" in client.get("/documents/?status=all").content.decode()
    # The back-office page shows the record.
    page = login(coord).get(f"/office/documents/cleanups/{c.pk}/").content.decode()
    assert 'value="publish"' not in page and "全过程记录" in page
    assert Cleanup.objects.get(pk=c.pk).state == "published"


def test_cleanup_pages(people, district, campaign, login):
    c, docs = campaign
    clerk = login(people["scjg_clerk"])
    body = clerk.get(f"/office/documents/cleanups/{c.pk}/").content.decode()
    # A unit sees only the documents assigned to it.
    assert docs[1].title in body and docs[0].title not in body
    item = CleanupItem.objects.get(cleanup=c, document=docs[1])
    r = clerk.post(
        f"/office/documents/cleanups/{c.pk}/",
        {"action": "outcome", "item": item.pk, "outcome": "retain", "reason": "继续适用"},
    )
    assert r.status_code == 302
    other = CleanupItem.objects.get(cleanup=c, document=docs[0])
    r = clerk.post(
        f"/office/documents/cleanups/{c.pk}/",
        {"action": "outcome", "item": other.pk, "outcome": "retain", "reason": "x"},
    )
    assert r.status_code == 404
    assert login(people["town_clerk"]).get(f"/office/documents/cleanups/{c.pk}/").status_code == 404
    coord = login(people["coordinator"])
    r = coord.post(f"/office/documents/cleanups/{c.pk}/", {"action": "close"})
    assert r.status_code == 400 and "未提出清理意见" in r.content.decode()
    r = coord.post(
        "/office/documents/cleanups/",
        {"title": "专项清理", "basis": "", "started_on": "2025-12-01"},
    )
    assert r.status_code == 302


def test_organising_unit_sees_its_campaign(people, district, login):
    """Issue 18 point 11: the unit that organised a campaign saw nothing of it unless it
    also had documents to clean up in it."""
    from fazhi.core import access

    docs = [
        _existing(district, "scjg", 5, "测试区户外广告设置管理办法"),
        _existing(district, "scjg", 6, "测试区早夜市管理办法"),
    ]
    c = services.create_cleanup(
        title="2025年城关街道组织的专项清理",
        unit=district["town"],
        started_on=dt.date(2025, 9, 1),
        actor=people["coordinator"],
    )
    town = people["town_clerk"]
    assert list(access.restrict(Cleanup.objects.all(), town)) == [c]  # before any document
    services.add_to_cleanup(c, docs, actor=people["coordinator"])
    assert list(access.restrict(Cleanup.objects.all(), town)) == [c]
    assert access.restrict(CleanupItem.objects.filter(cleanup=c), town).count() == 2
    # The organiser reads the documents; each unit still records its own outcome.
    assert not access.restrict(CleanupItem.objects.filter(cleanup=c), town, "change").exists()
    client = login(town)
    assert (
        "2025年城关街道组织的专项清理" in client.get("/office/documents/cleanups/").content.decode()
    )
    page = client.get(f"/office/documents/cleanups/{c.pk}/")
    assert page.status_code == 200 and "测试区户外广告设置管理办法" in page.content.decode()
    # A unit neither organising it nor having a document in it still does not see it.
    assert not access.restrict(Cleanup.objects.filter(pk=c.pk), people["sfj_clerk"]).exists()
