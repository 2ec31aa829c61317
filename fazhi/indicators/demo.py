"""Indicators in the demo district: who reports which district figure, the 2023—2025
reporting rounds (reported with statistics tables as evidence, reviewed, locked), oversight
findings and their rectification reports, the 2025 assessment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.demo import evidence_pdf, evidence_xlsx, unit_clerk
from fazhi.core.registry import register_demo

from . import services
from .models import AssessmentItem, AssessmentScheme, Indicator, Oversight

# Reporting unit by code prefix or code (most specific first).
REPORTERS = [
    ("leadership.", "D01"),
    ("disclosure.", "D01"),
    ("proposals.", "D01"),
    ("inspections.", "D23"),
    ("mediation.", "D27"),
    ("audit.", "D22"),
    ("services.", "D28"),
    ("", "D08"),
]

# code: (2024, 2025, approximate in 2025). Fictional figures of a mid-sized district. The
# codes that legal, decisions and documents compute from their records are typed in as the
# records have them (the computed value counts; the typed one and its evidence agree).
VALUES = {
    "reconsideration.received": (30, 44, False),
    "reconsideration.accepted": (26, 37, False),
    "reconsideration.concluded": (25, 35, False),
    "reconsideration.correction_rate": (11.5, 14.3, False),
    "litigation.cases": (34, 31, False),
    "litigation.head_appearances": (27, 22, False),
    "litigation.head_appearance_rate": (79.4, 91.7, False),
    "litigation.lost": (3, 2, False),
    "litigation.loss_rate": (8.8, 7.1, False),
    "suggestion.judicial": (3, 3, False),
    "suggestion.procuratorial": (9, 7, False),
    "suggestion.on_time_rate": (66.7, 70.0, False),
    "documents.reviewed": (11, 9, False),
    "documents.filed": (10, 8, False),
    "documents.filing_rate": (90.9, 100, False),
    "documents.filing_pass_rate": (90.0, 85.7, False),
    "documents.legality_review_rate": (100, 100, False),
    "documents.cleaned": (0, 43, False),
    "documents.cleaned_retained": (0, 35, False),
    "documents.cleaned_repealed": (0, 6, False),
    "documents.cleaned_expired": (0, 2, False),
    "decisions.catalog_items": (5, 6, False),
    "decisions.legality_review_rate": (100, 100, False),
    "decisions.collective_discussion_rate": (100, 100, False),
    "legal.reviews": (46, 51, False),
    "legal.agreements_reviewed": (78, 90, True),
    "legal.opinions": (88, 100, True),
    "legal.adviser_meetings": (26, 30, True),
    "enforcement.exam_participants": (215, 243, False),
    "enforcement.exam_passed": (181, 209, False),
    # 2025: the certificates were reissued (换发); two new officers were certified in 2024.
    "enforcement.certificates_issued": (2, 129, False),
    "enforcement.case_files_reviewed": (52, 55, False),
    "enforcement.case_file_pass_rate": (96.2, 98.2, False),
    "enforcement.supervision_checks": (11, 14, False),
    "enforcement.trainings": (4, 3, False),
    "inspections.entities": (602, 648, False),
    "inspections.check_items": (688, 726, False),
    "inspections.inspectors": (74, 78, False),
    # 2025 as the disclosure demo's records give them (fazhi/disclosure/tests/test_demo.py).
    "disclosure.proactive": (1391, 1426, False),
    "disclosure.requests": (52, 61, False),
    "disclosure.on_time_rate": (92.3, 94.5, False),
    "disclosure.interpretations": (47, 55, False),
    # The mediation, learning and leadership figures are computed from their modules'
    # records (fazhi/mediation/indicators.py, fazhi/learning/indicators.py): none typed.
    "proposals.handled": (163, 177, False),
    "audit.projects": (9, 11, False),
    "services.items_handled": (141000, 151000, True),
}


# The statistics tables a reporting unit attaches (by code prefix); one file per table.
TABLES = [
    ("reconsideration.", "行政复议案件统计表"),
    (("litigation.", "suggestion."), "行政应诉及司法建议检察建议办理情况统计表"),
    ("documents.", "行政规范性文件审核备案及清理情况统计表"),
    (("decisions.", "legal."), "重大行政决策及合法性审查情况统计表"),
    ("enforcement.", "行政执法资格考试、证件及案卷评查统计表"),
    ("inspections.", "“双随机、一公开”监管名录库统计表"),
    ("disclosure.", "政府信息公开工作情况统计表"),
    ("proposals.", "人大代表建议和政协提案办理情况统计表"),
    ("audit.", "审计项目情况统计表"),
    ("services.", "政务服务办件情况统计表"),
]


def _number(value) -> int | float:
    d = Decimal(str(value))
    return int(d) if d == d.to_integral_value() else float(d)


def _tables(sub, rows: list[tuple[Indicator, object, object, bool]]) -> list:
    """The submission's evidence: its figures as the unit's statistics tables (XLSX)."""
    year, unit = sub.round.year, sub.unit
    grouped: dict[str, list] = {}
    for ind, value, before, approx in rows:
        label = next(
            (t for prefix, t in TABLES if ind.code.startswith(prefix)), "法治政府建设数据汇总表"
        )
        grouped.setdefault(label, []).append((ind, value, before, approx))
    files = []
    for label, items in grouped.items():
        header = ["序号", "指标", "计量单位", f"{year}年", f"{year - 1}年", "备注"]
        body = [
            [
                n,
                ind.name,
                ind.unit,
                _number(value),
                "" if before is None else _number(before),
                "约数" if approx else "",
            ]
            for n, (ind, value, before, approx) in enumerate(items, start=1)
        ]
        body.append(["", f"填报单位：{unit.name}（演示数据，数字均为虚构）"])
        files.append(
            evidence_xlsx(
                f"{year}年度{label}.xlsx",
                f"示范区{year}年度{label}",
                header,
                body,
                author=unit.name,
            )
        )
    return files


# 2023 figures that the records give (the decisions and documents demos' 2023 records).
Y2023 = {
    "decisions.catalog_items": 4,
    "documents.filing_rate": 90.0,
    "documents.filing_pass_rate": 100,
}


# 填报说明 the reporting unit wrote with a figure (the report quotes it where the figure fell).
NOTES = {
    ("enforcement.trainings", 2025): "下半年全区执法人员集中参加执法证件换发和资格考试，"
    "原定第四期执法业务培训调整到2026年一季度举办",
}


def _year_before(ind: Indicator, v24) -> Decimal:
    """2023 figures: counts about 8% lower than 2024, rates a little lower (capped at 100)."""
    if ind.code in Y2023:
        return Decimal(str(Y2023[ind.code]))
    if ind.is_rate:
        return min(Decimal(100), Decimal(str(v24)) - (Decimal("1.5") if v24 < 100 else 0))
    return (Decimal(v24) * Decimal("0.92")).quantize(Decimal(1))


def _reporter(code: str) -> str:
    return next(unit for prefix, unit in REPORTERS if code.startswith(prefix))


def _round(ctx, year: int, due: dt.date, submitted: dt.date, reviewed: dt.date) -> None:
    coord = ctx.users["coordinator"]
    rnd = services.open_round(
        year=year, name=f"{year}年度法治政府建设数据填报", due=due, codes=list(VALUES), actor=coord
    )
    for sub in rnd.submissions.select_related("unit"):
        clerk = unit_clerk(ctx, sub.unit.code)
        raw, rows = {}, []
        for ind in services.submission_indicators(sub):
            v24, v25, approx = VALUES[ind.code]
            by_year = {2023: _year_before(ind, v24), 2024: v24, 2025: v25}
            value = by_year[year]
            raw[ind.code] = (str(value), approx and year == 2025, NOTES.get((ind.code, year), ""))
            rows.append((ind, value, by_year.get(year - 1), approx and year == 2025))
        services.save_values(sub, raw, clerk)
        services.submit(
            sub,
            clerk,
            files=_tables(sub, rows),
            when=dt.datetime.combine(submitted, dt.time(9, 30), tzinfo=dt.UTC),
        )
        services.review(
            sub,
            accept=True,
            actor=coord,
            when=dt.datetime.combine(reviewed, dt.time(15), tzinfo=dt.UTC),
        )
    services.lock_round(rnd, coord)


@register_demo("indicators", order=30)
def build(ctx) -> None:
    coord = ctx.users["coordinator"]
    for ind in Indicator.objects.all():
        ind.reporting_unit = ctx.units[_reporter(ind.code)]
        ind.save(update_fields=["reporting_unit"])
    _round(ctx, 2023, dt.date(2024, 1, 20), dt.date(2024, 1, 17), dt.date(2024, 1, 23))
    _round(ctx, 2024, dt.date(2025, 1, 20), dt.date(2025, 1, 16), dt.date(2025, 1, 22))
    _round(ctx, 2025, dt.date(2026, 1, 20), dt.date(2026, 1, 15), dt.date(2026, 1, 21))

    findings = [
        (
            "D13",
            "visit",
            "行政执法案卷中告知程序记录不完整",
            "抽查的6卷住建领域行政处罚案卷中，2卷未附陈述申辩告知书送达回证。",
            dt.date(2025, 5, 14),
            dt.date(2025, 7, 14),
            "closed",
        ),
        (
            "D26",
            "visit",
            "执法全过程记录设备配备不足",
            "城市管理执法中队执法记录仪配备数量不能满足一线执法人员人手一台的要求。",
            dt.date(2025, 5, 15),
            dt.date(2025, 8, 15),
            "closed",
        ),
        (
            "T05",
            "feedback",
            "合法性审核机制未落实到镇级",
            "北山镇两份镇政府会议纪要涉及的行政决定未经合法性审核即印发。",
            dt.date(2025, 9, 10),
            dt.date(2025, 11, 10),
            "reported",
        ),
        (
            "D18",
            "assessment",
            "行政规范性文件未按期报送备案",
            "《示范区文化旅游消费券发放管理办法》印发后超过规定期限才报送备案。",
            dt.date(2025, 10, 20),
            dt.date(2025, 12, 20),
            "open",
        ),
        (
            "T09",
            "visit",
            "人民调解卷宗归档不规范",
            "桃源乡部分村调解委员会调解卷宗缺少调解协议履行情况回访记录。",
            dt.date(2025, 6, 3),
            dt.date(2025, 8, 3),
            "closed",
        ),
    ]
    for code, source, title, text, found, due, state in findings:
        ov = services.create_finding(
            unit=ctx.units[code],
            source=source,
            title=title,
            finding=text,
            found_on=found,
            rectify_by=due,
            actor=coord,
        )
        if state in ("reported", "closed"):
            report = "已逐项对照问题制定整改措施，完善相关制度并组织专题培训，整改材料已归档。"
            unit = ctx.units[code]
            services.report_rectification(
                ov,
                report=report,
                actor=unit_clerk(ctx, code),
                files=[
                    evidence_pdf(
                        f"{unit.display_name}关于“{title}”问题的整改报告.pdf",
                        f"{unit.name}关于“{title}”问题的整改报告",
                        [
                            f"督察发现的问题：{text}",
                            f"整改情况：{report}",
                            "",
                            "本文件为示范区演示数据中的整改佐证材料，内容虚构。",
                        ],
                    )
                ],
                on=due - dt.timedelta(days=ctx.rng.randrange(3, 20)),
            )
        if state == "closed":
            services.sign_off(Oversight.objects.get(pk=ov.pk), accept=True, actor=coord)

    scheme = AssessmentScheme.objects.create(year=2025, name="2025年度法治政府建设考核方案")
    items = [
        ("法治政府建设任务进展按期报送", 30, AssessmentItem.Rule.PROGRESS_ON_TIME),
        ("法治政府建设任务进展质量（审核通过）", 30, AssessmentItem.Rule.PROGRESS_ACCEPTED),
        ("法治督察问题按期整改", 20, AssessmentItem.Rule.NO_OPEN_RECTIFICATION),
        ("主要负责人述法及会前学法", 20, AssessmentItem.Rule.MANUAL),
    ]
    for order, (name, points, rule) in enumerate(items):
        AssessmentItem.objects.create(
            scheme=scheme,
            name=name,
            points=Decimal(points),
            rule=rule,
            evidence_required=rule == AssessmentItem.Rule.MANUAL,
            order=order,
        )
    services.compute_scores(scheme, coord)
    manual = scheme.items.get(rule=AssessmentItem.Rule.MANUAL)
    for score in manual.scores.select_related("unit").order_by("unit__code"):
        pts = Decimal(20 - ctx.rng.choice([0, 0, 0, 1, 2, 3]))
        services.adjust_score(
            score, points=pts, reason="依据述法材料和会前学法记录评分", actor=coord
        )
