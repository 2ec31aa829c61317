"""Staff read names, not codes (issue 12, point 5): a crawl of the office pages as the demo
coordinator finds no internal code or model id in the visible text.

What an internal code is, and what "visible" means, is defined in tests/internal_codes.py:
indicator codes and other dotted machine labels (``decisions.collective_discussion_rate``,
``decisions.majordecision``), model ids (``#123``, ``legalreview:42``), English enumeration
values of model fields (``submitted``), and org-unit codes (``D08``) outside the pages that
maintain the organisation tree (where the code is a field the import file refers to).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from tests.internal_codes import enum_values, find_codes, visible_text
from tests.test_no_500 import Walk, _seeds, _url_name

# The demo district's today (tests/conftest.py DEMO_TODAY). On SQLite only (db_agnostic): the
# text of a page does not depend on the database.
pytestmark = [pytest.mark.today(2026, 4, 15), pytest.mark.db_agnostic]

# The pages that maintain the organisation tree show a unit's code as one of its fields
# (the XLSX import and the parent column refer to units by it).
UNIT_CODE_PAGES = {"core:units", "core:unit", "core:unit_edit", "core:unit_new", "core:unit_import"}
UNIT_CODE = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]*\d[A-Z0-9]*(?![A-Za-z0-9])")


def test_the_definition_catches_each_kind_of_code():
    enums = {"submitted", "normative_document"}
    text = (
        "集体学法：19次 代码 learning.study_sessions · 全过程记录 #1125 · "
        "记录 legalreview:42 · 状态 submitted · 类型 normative_document · decisions.majordecision"
    )
    assert sorted(find_codes(text, enums)) == sorted(
        [
            "learning.study_sessions",
            "#1125",
            "legalreview:42",
            "submitted",
            "normative_document",
            "decisions.majordecision",
        ]
    )
    # Names, file names, addresses and tooltips are not codes.
    clean = (
        "2025年度统计表.xlsx 见 /office/decisions/?figure=decisions.evaluations "
        "gov.cn 第12条 2025-01-01 09:30 SHA-256"
    )
    assert find_codes(clean, enums) == []
    html = (
        '<p title="指标代码：learning.study_sessions">集体学法</p><script>var a="x.y";</script>'
        '<select><option value="submitted">已提交</option></select><div hidden>#12</div>'
    )
    assert visible_text(html) == "集体学法 已提交"


def test_office_pages_show_names_not_codes(demo, db):
    from fazhi.core.models import OrgUnit, User

    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    # A login name is a name the person types, shown on the unit and user pages; the demo's
    # role accounts happen to be called like the role values ("leader").
    enums = enum_values() - set(User.objects.values_list("username", flat=True))
    unit_codes = set(OrgUnit.objects.values_list("code", flat=True))
    found: list[str] = []
    pages = 0
    for path, _ in Walk(client).crawl(_seeds()):
        if not path.startswith("/office/"):
            continue
        resp = client.get(path)
        if resp.status_code != 200 or "html" not in resp.get("Content-Type", ""):
            continue
        pages += 1
        text = visible_text(resp.content.decode())
        codes = find_codes(text, enums)
        if _url_name(urlsplit(path).path) not in UNIT_CODE_PAGES:
            codes += [c for c in UNIT_CODE.findall(text) if c in unit_codes]
        if codes:
            found.append(f"{path}: {', '.join(sorted(set(codes))[:8])}")
    assert pages > 80, f"the crawl reached only {pages} office pages"
    assert not found, f"{len(found)} pages show internal codes:\n" + "\n".join(found)


@pytest.mark.parametrize("path", ["/office/records/"])
def test_the_record_list_names_and_links_each_record(demo, db, path):
    """全过程记录 rows: the record's kind and title linking to its page, the unit by name."""
    from fazhi.core.models import User

    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    html = client.get(path, {"q": "导入计划"}).content.decode()
    text = visible_text(html)
    assert "计划 示范区贯彻落实《法治政府建设实施纲要（2021—2025年）》实施方案" in text
    assert re.search(r'<a href="/office/plans/\d+/">示范区贯彻落实', html)
    assert "示范区司法局" in text
