"""The fixture plan most plans tests start from: the district's 2025 工作要点 with one part."""

from fazhi.plans.models import Plan, Section


def annual_plan(district) -> tuple[Plan, Section]:
    plan = Plan.objects.create(
        title="测试区2025年法治政府建设工作要点",
        kind=Plan.Kind.ANNUAL,
        start_year=2025,
        end_year=2025,
        unit=district["gov"],
    )
    section = Section.objects.create(plan=plan, number="一", title="依法全面履行政府职能", order=0)
    return plan, section
