"""Every menu level has a page, and a staff member who hits a missing or forbidden office
page stays in the office, with its menus and a way back (issue 12, point 5)."""

import pytest

from fazhi.core.nav_pages import slug

pytestmark = pytest.mark.today(2025, 11, 10)


def test_each_menu_has_a_landing_page_listing_its_entries(people, login):
    client = login(people["coordinator"])
    page = client.get(f"/office/menu/{slug('设置')}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "<h1" in text and "设置" in text
    # Each entry: its name, its link and one line saying what it is for.
    assert 'href="/office/units/"' in text and "组织机构" in text
    assert "节假日与调休安排" in text
    # Entries the user may not open are not listed (user management is the admin's).
    assert "用户与角色" not in text.split("<main")[1]


def test_dropdowns_link_to_their_landing_page(people, login):
    text = login(people["coordinator"]).get("/office/").content.decode()
    assert f'href="/office/menu/{slug("指标与考核")}/"' in text


def test_unknown_menu_is_404(people, login):
    assert login(people["coordinator"]).get("/office/menu/nosuchmenu/").status_code == 404


def test_office_404_keeps_the_office_layout_and_a_way_back(people, login):
    client = login(people["coordinator"])
    resp = client.get(
        "/office/deadlines/999999/", HTTP_REFERER="http://testserver/office/records/?page=2"
    )
    text = resp.content.decode()
    assert resp.status_code == 404
    assert "页面不存在" in text
    assert 'aria-label="主导航"' in text  # the office navigation
    assert 'href="/office/records/?page=2">返回上一页' in text
    assert "回到工作台" in text


def test_a_referer_from_another_site_is_not_offered_as_the_way_back(people, login):
    resp = login(people["coordinator"]).get(
        "/office/deadlines/999999/", HTTP_REFERER="https://evil.example/office/"
    )
    text = resp.content.decode()
    assert "返回上一页" not in text and "evil.example" not in text
    assert "回到工作台" in text


def test_office_403_keeps_the_office_layout(people, login):
    resp = login(people["sfj_clerk"]).get("/office/users/")
    text = resp.content.decode()
    assert resp.status_code == 403
    assert "只有系统管理员可以管理用户" in text
    assert 'aria-label="主导航"' in text and "回到工作台" in text


def test_the_public_still_gets_the_portal_error_page(client, db):
    resp = client.get("/no-such-page/")
    text = resp.content.decode()
    assert resp.status_code == 404 and "页面不存在" in text
    assert 'aria-label="主导航"' not in text and "回到工作台" not in text
