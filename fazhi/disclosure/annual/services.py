"""Creating, writing and publishing a 政府信息公开工作年度报告.

条例第四十九条: a department publishes last year's report by 31 January, the government's
主管部门 the government-level report by 31 March; the clock ``deadlines.ANNUAL_REPORT``
runs from the report's creation to its publication. 条例第五十条 lists the contents; the
narrative sections (一、五、六) are written by people, with a first draft composed from the
records' figures (``draft``). Publication runs the form's check (``check.failures``) and
stores the tables as published, so later changes to records never alter a published
report.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from fazhi.core import locking
from fazhi.core import services as core
from fazhi.core.models import OrgUnit
from fazhi.core.rule_checks import need_change as _need_change
from fazhi.core.rule_checks import past, record, today

from .. import conf
from ..deadlines import ANNUAL_REPORT
from ..models import DisclosureAnnualReport
from . import check, tables

Report = DisclosureAnnualReport
FIRST_YEAR = 2021  # 国办公开办函〔2021〕30号: the national format from the 2021 reports on
NARRATIVE = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other_matters", "六、其他需要报告的事项"),
)
TEXT_LIMIT = 20000
SNAPSHOT = ("state", "overview", "problems", "other_matters", "fee_income", "published_on")


def need_change(actor, unit) -> None:
    _need_change(actor, unit, "本单位的政府信息公开工作年度报告")


def snap(report: Report) -> dict:
    return {f: getattr(report, f) for f in SNAPSHOT}


def office_url(report: Report) -> str:
    return f"/office/disclosure/reports/{report.pk}/"


def due_on(report: Report) -> dt.date:
    return conf.report_due(report.year, tables.is_government(report.unit))


def is_late(report: Report) -> bool:
    """Published after the 第四十九条 date (or still unpublished after it)."""
    return (report.published_on or today()) > due_on(report)


def title(report: Report) -> str:
    return f"{report.unit.name}{report.year}年政府信息公开工作年度报告"


@transaction.atomic
def create(*, unit: OrgUnit, year: int, actor) -> Report:
    """Open the year's report of ``unit`` (the government unit: the government-level
    report of the whole district) and put its publication date on the deadline board."""
    if unit is None:
        raise ValidationError("请选择报告单位")
    need_change(actor, unit)
    if not isinstance(year, int) or year < FIRST_YEAR or year > today().year:
        raise ValidationError(
            f"报告年度应在{FIRST_YEAR}年（国家统一格式施行）至{today().year}年之间"
        )
    if Report.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"{unit.name}{year}年度的报告已经创建，每个单位每年只有一份")
    try:
        with transaction.atomic():
            report = Report.objects.create(unit=unit, year=year)
    except IntegrityError:
        raise ValidationError(
            f"{unit.name}{year}年度的报告已经创建，每个单位每年只有一份"
        ) from None
    report.deadline = core.start_deadline(
        record=report,
        clock=ANNUAL_REPORT,
        start=due_on(report),
        unit=unit,
        title=f"公开{title(report)}",
        url=office_url(report),
        actor=actor,
    )
    report.save(update_fields=["deadline"])
    record(report, "disclosure_report_created", actor, unit,
           f"创建{title(report)}，应于{due_on(report):%Y-%m-%d}前公开",
           after=snap(report))  # fmt: skip
    return report


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    if len(value) > TEXT_LIMIT:
        raise ValidationError(f"{label}不能超过{TEXT_LIMIT}字")
    return value


@transaction.atomic
def edit(
    report: Report,
    *,
    overview: str,
    problems: str,
    other_matters: str,
    fee_income: Decimal | None,
    actor,
    seen=None,
) -> Report:
    """Write the narrative sections and the typed 行政事业性收费 amount of a draft."""
    report = Report.objects.select_for_update().select_related("unit").get(pk=report.pk)
    need_change(actor, report.unit)
    if report.state == Report.State.PUBLISHED:
        raise ValidationError("报告已经公开，不能再修改")
    values = {
        "overview": _text(overview, "一、总体情况"),
        "problems": _text(problems, "五、存在的主要问题及改进情况"),
        "other_matters": _text(other_matters, "六、其他需要报告的事项"),
    }
    if fee_income is not None and fee_income < 0:
        raise ValidationError("行政事业性收费金额不能为负数")
    locking.claim(report, seen)
    before = snap(report)
    for name, value in values.items():
        setattr(report, name, value)
    report.fee_income = fee_income
    report.save(update_fields=[*values, "fee_income"])
    record(report, "disclosure_report_edited", actor, report.unit, f"修改{title(report)}",
           before=before, after=snap(report))  # fmt: skip
    return report


@transaction.atomic
def publish(report: Report, *, on: dt.date, actor) -> Report:
    """Publish: the narrative written, the 行政事业性收费 amount given, and section 三
    passing the form's check; the tables are stored as they are now."""
    report = Report.objects.select_for_update().select_related("unit").get(pk=report.pk)
    need_change(actor, report.unit)
    if report.state == Report.State.PUBLISHED:
        raise ValidationError("报告已经公开")
    on = past(on, "公开日期")
    if on <= dt.date(report.year, 12, 31):
        raise ValidationError(f"{report.year}年度结束后才能公开该年度的报告")
    problems = [f"请填写{label}" for name, label in NARRATIVE if not getattr(report, name)]
    if report.fee_income is None:
        problems.append("请填写行政事业性收费本年收费金额（未收费的填0）")
    if problems:
        raise ValidationError(problems)
    data = tables.compute(report.year, report.unit, report.fee_income)
    failed = check.failures(data["section3"])
    if failed:
        raise ValidationError(
            ["表三（收到和处理政府信息公开申请情况）未通过勾稽关系校验，不能公开：", *failed]
        )
    before = snap(report)
    report.tables = data
    report.state = Report.State.PUBLISHED
    report.published_on = on
    report.save(update_fields=["tables", "state", "published_on"])
    if report.deadline_id:
        dl = report.deadline
        if dl.state in (dl.State.RUNNING, dl.State.PAUSED):
            core.complete_deadline(dl, on=on, actor=actor)
    late = on > due_on(report)
    record(report, "disclosure_report_published", actor, report.unit,
           f"公开{title(report)}" + (f"（逾期，应于{due_on(report):%Y-%m-%d}前公开）" if late else ""),
           before=before, after=snap(report))  # fmt: skip
    return report


# --- the first draft of the narrative, from the records ---------------------------------


def draft(data: dict) -> dict[str, str]:
    """Sections 一、五、六 composed from the year's figures (``tables.compute``): a draft
    people correct and complete, never stock text."""
    f, s2, s4 = data["figures"], data["section2"], data["section4"]
    year = data["year"]
    overview = [
        f"（一）主动公开。{year}年全年主动公开政府信息{f['releases']}条"
        + (f"，其中超过法定期限公开{f['late_releases']}条" if f["late_releases"] else "")
        + f"；发布政策解读{f['interpretations']}篇；制发行政规范性文件{s2['normative'][0]}件，"
        f"废止{s2['normative'][1]}件，年末现行有效{s2['normative'][2]}件；"
        f"作出行政许可决定{s2['license']}件、行政处罚决定{s2['penalty']}件、"
        f"行政强制决定{s2['coercion']}件。",
        f"（二）依申请公开。全年收到政府信息公开申请{f['received']}件，上年结转{f['carried']}件；"
        f"本年度办结{f['concluded']}件"
        + (
            f"，其中作出答复{f['answered']}件、按期答复{f['on_time']}件，"
            f"按期答复率{f['on_time_rate']}%"
            if f["on_time_rate"] is not None
            else ""
        )
        + f"；结转下年度继续办理{f['next']}件。",
    ]
    recon, direct, after = s4["reconsideration"], s4["litigation_direct"], s4["litigation_after"]
    suits = direct[4] + after[4]
    overview.append(
        f"（三）监督保障。因政府信息公开工作被申请行政复议{recon[4]}件，被提起行政诉讼{suits}件。"
    )
    problems = []
    late_replies = f["answered"] - f["on_time"]
    if f["late_releases"]:
        problems.append(f"有{f['late_releases']}条政府信息未在形成或者变更之日起20个工作日内公开")
    if late_replies:
        problems.append(f"有{late_replies}件政府信息公开申请未在法定期限内答复")
    corrected = recon[1] + direct[1] + after[1]
    if corrected:
        problems.append(f"有{corrected}件因政府信息公开引起的行政复议、行政诉讼结果为纠正")
    if problems:
        five = "本年度" + "；".join(problems) + "。"
    else:
        five = (
            "本年度主动公开的政府信息均在法定期限内公开，政府信息公开申请均按期答复，"
            "未发生因政府信息公开被行政复议、行政诉讼纠正的情形。"
        )
    if f["fee_notices"] or f["fee_paid"]:
        six = (
            f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度发出收费通知"
            f"{f['fee_notices']}件，收取信息处理费{f['fee_paid']}件，共{f['fee_collected']}元。"
        )
    else:
        six = "本年度未发出信息处理费收费通知，未收取信息处理费。"
    return {"overview": "\n".join(overview), "problems": five, "other_matters": six}
