"""Long selects are searchable, empty options say 请选择, and a required select with a single
choice comes preselected (issue 12, point 5), in a real browser: the office's Tom Select
(served by the app) and fazhi/core/static/core/searchable.js."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser import DESKTOP, browser_session, marks

pytestmark = [*marks, pytest.mark.today(2025, 11, 10)]


@pytest.fixture
def many_units(district, people):
    """Enough departments (more than ten) for the unit selects to be long."""
    from fazhi.core import services
    from fazhi.core.models import OrgUnit

    for n in range(1, 11):
        services.save_unit(
            OrgUnit(
                code=f"D{40 + n}",
                name=f"测试区第{n}局",
                kind="department",
                parent=district["gov"],
            ),
            None,
        )
    return district


def test_a_long_unit_select_is_searchable_by_name(live_server, many_units):
    with browser_session(live_server.url, DESKTOP) as s:
        s.login("admin")
        s.goto("/office/units/new/")
        page = s.page
        # The parent select became a search box, its empty choice reads 请选择.
        control = page.locator("#id_parent-ts-control")
        assert control.is_visible()
        assert page.locator("#id_parent option[value='']").inner_text() == "请选择"
        assert page.get_by_role("combobox", name="上级单位").count() == 1
        control.focus()
        page.keyboard.type("市场")
        options = page.locator("#id_parent-ts-dropdown .option")
        expect(options).to_have_text(["测试区市场监督管理局"])
        options.first.click()
        assert page.eval_on_selector("#id_parent", "el => el.selectedOptions[0].text") == (
            "测试区市场监督管理局"
        )
        # A short select stays a plain select.
        assert page.locator("#id_kind").is_visible()
        assert page.locator("#id_kind-ts-control").count() == 0
        assert not s.outside


def test_a_required_select_with_one_choice_is_preselected(live_server, people):
    base = live_server.url
    html = f"""<!doctype html><html lang="zh-CN"><body>
    <label for="one">承办人</label><select id="one" name="one" required>
      <option value="">请选择</option><option value="7">张三</option></select>
    <label for="opt">顾问</label><select id="opt" name="opt">
      <option value="">请选择</option><option value="8">李四</option></select>
    <label for="two">审核人</label><select id="two" name="two" required>
      <option value="">请选择</option><option value="1">甲</option><option value="2">乙</option></select>
    <script src="{base}/static/core/searchable.js"></script></body></html>"""
    with browser_session(base, DESKTOP) as s:
        s.goto("/")  # same origin for the script
        s.page.set_content(html)
        values = s.page.evaluate(
            "() => ['one', 'opt', 'two'].map(id => document.getElementById(id).value)"
        )
    # Required with one choice: chosen; optional or several choices: left to the user.
    assert values == ["7", "", ""]
