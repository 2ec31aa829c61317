"""Indicators in the demo district: who reports which district figure, the 2024 and 2025
reporting rounds (reported, reviewed, locked), oversight findings, the 2025 assessment."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core.demo import unit_clerk
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

# code: (2024, 2025, approximate in 2025). Fictional figures of a mid-sized district.
VALUES = {
    "reconsideration.received": (30, 44, False),
    "reconsideration.accepted": (26, 37, False),
    "reconsideration.concluded": (25, 35, False),
    "reconsideration.correction_rate": (11.5, 13.5, False),
    "litigation.cases": (34, 29, False),
    "litigation.head_appearances": (27, 28, False),
    "litigation.head_appearance_rate": (79.4, 96.6, False),
    "litigation.lost": (2, 1, False),
    "litigation.loss_rate": (5.9, 3.4, False),
    "suggestion.judicial": (3, 2, False),
    "suggestion.procuratorial": (41, 52, False),
    "suggestion.on_time_rate": (100, 100, False),
    "documents.reviewed": (11, 9, False),
    "documents.filed": (10, 8, False),
    "documents.filing_rate": (100, 100, False),
    "documents.filing_pass_rate": (100, 100, False),
    "documents.legality_review_rate": (100, 100, False),
    "documents.cleaned": (38, 43, False),
    "documents.cleaned_retained": (30, 35, False),
    "documents.cleaned_repealed": (6, 6, False),
    "documents.cleaned_expired": (2, 2, False),
    "decisions.catalog_items": (5, 6, False),
    "decisions.legality_review_rate": (100, 100, False),
    "decisions.collective_discussion_rate": (100, 100, False),
    "legal.reviews": (46, 51, False),
    "legal.agreements_reviewed": (78, 90, True),
    "legal.opinions": (88, 100, True),
    "legal.adviser_meetings": (26, 30, True),
    "enforcement.exam_participants": (215, 243, False),
    "enforcement.exam_passed": (181, 209, False),
    "enforcement.certificates_issued": (117, 129, False),
    "enforcement.case_files_reviewed": (52, 60, False),
    "enforcement.case_file_pass_rate": (96.2, 98.3, False),
    "enforcement.supervision_checks": (11, 14, False),
    "enforcement.trainings": (4, 3, False),
    "inspections.entities": (602, 648, False),
    "inspections.check_items": (688, 726, False),
    "inspections.inspectors": (74, 78, False),
    "disclosure.proactive": (1710, 1862, False),
    "disclosure.requests": (14, 10, False),
    "disclosure.on_time_rate": (100, 100, False),
    "disclosure.interpretations": (39, 48, False),
    "mediation.disputes": (3480, 3620, True),
    "mediation.resolved": (3391, 3544, False),
    "mediation.success_rate": (97.4, 97.9, False),
    "learning.study_sessions": (16, 19, False),
    "learning.trainings": (15, 19, False),
    "learning.court_observers": (52, 60, True),
    "learning.law_duty_reports": (18, 24, False),
    "leadership.rule_of_law_topics": (5, 7, False),
    "proposals.handled": (163, 177, False),
    "audit.projects": (9, 11, False),
    "services.items_handled": (141000, 151000, True),
}


def _year_before(ind: Indicator, v24) -> Decimal:
    """2023 figures: counts about 8% lower than 2024, rates a little lower (capped at 100)."""
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
        raw = {}
        for ind in services.submission_indicators(sub):
            v24, v25, approx = VALUES[ind.code]
            value = {2023: _year_before(ind, v24), 2024: v24, 2025: v25}[year]
            raw[ind.code] = (str(value), approx and year == 2025, "")
        services.save_values(sub, raw, clerk)
        services.submit(
            sub, clerk, when=dt.datetime.combine(submitted, dt.time(9, 30), tzinfo=dt.UTC)
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
            services.report_rectification(
                ov,
                report="已逐项对照问题制定整改措施，完善相关制度并组织专题培训，整改材料已归档。",
                actor=unit_clerk(ctx, code),
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
