"""The check-item list (一般 items with ratio and frequency, 重点 items without) and the
yearly plan with its filing, each change with its event, scoped to the actor's unit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import Event
from fazhi.core.tests.refusal import refused
from fazhi.inspections import services as s
from fazhi.inspections.models import CheckItem

pytestmark = pytest.mark.today(2025, 11, 10)

ITEM = dict(
    code="SJ-002",
    name="特种设备使用单位检查",
    basis="《中华人民共和国特种设备安全法》第五十七条",
    object_type="特种设备使用单位",
)


def test_general_and_key_items(insp, people):
    clerk = people["scjg_clerk"]
    with refused(ValidationError, "一般检查事项应填写抽查比例"):
        s.create_item(unit=insp["scjg"], actor=clerk, frequency="每年一次", **ITEM)
    with refused(ValidationError, "抽查比例应大于0且不超过1（如0.03表示3%）"):
        s.create_item(unit=insp["scjg"], actor=clerk, ratio="0", frequency="每年", **ITEM)
    with refused(ValidationError, "抽查比例应为0到1之间的小数，如0.03表示3%"):
        s.create_item(unit=insp["scjg"], actor=clerk, ratio="三成", frequency="每年", **ITEM)
    with refused(ValidationError, "请填写抽查频次"):
        s.create_item(unit=insp["scjg"], actor=clerk, ratio="0.03", **ITEM)
    with refused(ValidationError, "重点检查事项不设抽查比例和频次（全覆盖，不受比例限制）"):
        s.create_item(unit=insp["scjg"], actor=clerk, level="key", ratio="0.03", **ITEM)
    with refused(ValidationError, "事项编码“SJ-001”在本单位的抽查事项清单中已经存在"):
        s.create_item(unit=insp["scjg"], actor=clerk, ratio="0.03", frequency="每年",
                      **(ITEM | {"code": "SJ-001"}))  # fmt: skip
    item = s.create_item(unit=insp["scjg"], actor=clerk, ratio="0.03", frequency="每年一次", **ITEM)
    assert item.ratio == Decimal("0.03") and item.level == "general"
    key = s.create_item(unit=insp["scjg"], actor=clerk, level="key",
                        **(ITEM | {"code": "ZD-001"}))  # fmt: skip
    assert key.ratio is None and key.frequency == ""

    item = s.update_item(item, actor=clerk, level="key", **ITEM)
    assert (item.level, item.ratio, item.frequency) == ("key", None, "")
    ev = Event.objects.filter(action="inspections_item_update").get()
    assert ev.before == {"level": "general", "ratio": "0.0300", "frequency": "每年一次"}

    item = s.deactivate_item(item, reason="法律修改，事项取消", actor=clerk)
    assert not item.active
    with refused(ValidationError, "该事项已经停用", item):
        s.deactivate_item(item, reason="再次", actor=clerk)
    with refused(ValidationError, "请填写停用原因", key):
        s.deactivate_item(key, reason="", actor=clerk)


def test_items_are_scoped_to_the_unit(insp, people):
    item = insp["item"]
    with refused(PermissionDenied, "只能办理本单位的随机抽查事项清单", item):
        s.update_item(item, actor=people["town_clerk"], ratio="0.5", frequency="每月", **ITEM)
    with refused(PermissionDenied, "只能办理本单位的随机抽查事项清单", item):
        s.deactivate_item(item, reason="越权", actor=people["sfj_clerk"])
    with refused(PermissionDenied, "只能办理本单位的随机抽查事项清单"):
        s.create_item(unit=insp["scjg"], actor=people["town_clerk"], ratio="0.1",
                      frequency="每年", **ITEM)  # fmt: skip
    assert CheckItem.objects.get(pk=item.pk).name == "食品经营者经营行为检查"


def test_plan_and_filing(insp, people):
    plan = insp["plan"]
    with refused(ValidationError, "测试区市场监督管理局的2025年度抽查工作计划已经制定"):
        s.create_plan(unit=insp["scjg"], year=2025, title="重复", actor=people["scjg_clerk"])
    with refused(PermissionDenied, "只能办理本单位的抽查工作计划", plan):
        s.file_plan(plan, filed_with="测试市市场监督管理局", on=dt.date(2025, 2, 1),
                    actor=people["town_clerk"])  # fmt: skip
    with refused(ValidationError, "请填写报备机关", plan):
        s.file_plan(plan, filed_with="", on=dt.date(2025, 2, 1), actor=people["scjg_clerk"])
    plan = s.file_plan(plan, filed_with="测试市市场监督管理局", on=dt.date(2025, 2, 1),
                       actor=people["scjg_clerk"])  # fmt: skip
    assert (plan.filed_with, plan.filed_on) == ("测试市市场监督管理局", dt.date(2025, 2, 1))
    with refused(ValidationError, "该计划已于2025-02-01报备测试市市场监督管理局", plan):
        s.file_plan(plan, filed_with="另一机关", on=dt.date(2025, 3, 1), actor=None)
    nxt = s.create_plan(unit=insp["scjg"], year=2026, title="2026年度计划", actor=None)
    with refused(ValidationError, "报备日期不能晚于今天（2025-11-10），不能预先登记", nxt):
        s.file_plan(nxt, filed_with="测试市市场监督管理局", on=dt.date(2025, 12, 1), actor=None)


def test_a_plans_year_is_a_four_digit_year_from_2000_to_2100(insp, people):
    """The bounds are the platform's date range (core.forms): 1999 and 2101 are typing
    errors, 2000 and 2100 are years like any other."""
    clerk = people["town_clerk"]
    for year in (1999, 2101, "二〇二五"):
        message = "请填写年度" if isinstance(year, str) else "年度应为四位数的公历年份"
        with refused(ValidationError, message):
            s.create_plan(unit=insp["town"], year=year, title="计划", actor=clerk)
    for year in (2000, 2100):
        plan = s.create_plan(unit=insp["town"], year=year, title=f"{year}年度计划", actor=clerk)
        assert plan.year == year
