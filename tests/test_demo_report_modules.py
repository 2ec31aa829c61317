"""The demo district's 2025 annual report quotes the figures that legality review, major
decisions, normative documents, enforcement and inspections compute from their records —
not the figures the 司法局 also typed into the 2025 reporting round — and each such figure
links to the records it counts.

The demo reports every catalogue figure through the reporting round (as a district did
before these modules existed); once a module computes a code, the computed value is the one
that counts (indicators.registry), and the report must show it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

# The demo district's today (tests/conftest.py DEMO_TODAY).
pytestmark = pytest.mark.today(2026, 4, 15)

MODULES = ("legal.", "decisions.", "documents.", "enforcement.", "inspections.", "disclosure.")


def test_report_quotes_the_modules_computed_figures(demo, db):
    from fazhi.core.models import OrgUnit
    from fazhi.indicators import registry
    from fazhi.indicators.models import IndicatorValue
    from fazhi.reports.export import iter_figures
    from fazhi.reports.models import AnnualReport

    gov = OrgUnit.objects.get(code="G00")
    report = AnnualReport.objects.get(year=2025, unit=gov)
    quoted = {
        ref.figure["code"]: ref.figure
        for ref in iter_figures(report.doc)
        if ref.figure["code"].startswith(MODULES)
    }
    # The headline figures of the three modules are in the report.
    assert {
        "legal.reviews",
        "legal.agreements_reviewed",
        "legal.opinions",
        "legal.adviser_meetings",
        "decisions.catalog_items",
        "decisions.legality_review_rate",
        "documents.reviewed",
        "documents.filed",
        "documents.cleaned",
        # The eight enforcement figures units used to type in, now from the records.
        "enforcement.exam_participants",
        "enforcement.exam_passed",
        "enforcement.certificates_issued",
        "enforcement.case_files_reviewed",
        "enforcement.case_file_pass_rate",
        "enforcement.supervision_checks",
        "enforcement.delegated_powers",
        "enforcement.trainings",
        # 双随机、一公开: from the pool, the lists, the draws and the results.
        "inspections.entities",
        "inspections.check_items",
        "inspections.inspectors",
        "inspections.tasks",
        "inspections.entities_checked",
        "inspections.problem_rate",
        "inspections.publication_on_time_rate",
        "inspections.joint_task_share",
        "inspections.coverage_a",
        "inspections.coverage_b",
        "inspections.coverage_c",
        "inspections.coverage_d",
        # 政府信息公开: from the releases, interpretations and requests.
        "disclosure.proactive",
        "disclosure.interpretations",
        "disclosure.requests",
        "disclosure.on_time_rate",
    } <= set(quoted)
    for code, figure in quoted.items():
        computed = registry.COMPUTED[code].compute(2025).get(gov.pk)
        assert computed is not None, code
        assert Decimal(str(figure["value"])) == Decimal(str(computed)), code
        assert figure["source"] == "系统根据业务记录自动计算", code
        assert figure["source_url"].startswith(
            (
                "/office/legal/",
                "/office/decisions/",
                "/office/documents/",
                "/office/enforcement/",
                "/office/inspections/",
                "/office/disclosure/",
            )
        ), code
    # The same codes were also typed into the 2025 reporting round; those values do not
    # count once the module computes the figure.
    reported = set(
        IndicatorValue.objects.filter(
            indicator__code__in=list(quoted), year=2025, source=IndicatorValue.Source.REPORTED
        ).values_list("indicator__code", flat=True)
    )
    assert {"legal.agreements_reviewed", "documents.reviewed"} <= reported
    assert quoted["decisions.catalog_items"]["value"] == 6
    # The typed 2025 inspection figures (648 entities, 726 items) no longer count: the
    # demo's pool, lists and six tasks (two of them joint) do.
    assert quoted["inspections.entities"]["value"] > 19000
    assert quoted["inspections.check_items"]["value"] == 68
    assert quoted["inspections.tasks"]["value"] == 6
    assert Decimal(str(quoted["inspections.joint_task_share"]["value"])) == Decimal("33.3")
    assert quoted["inspections.entities_checked"]["value"] > 0
    # Figures computed from the records carry no "余": they are counts, not estimates.
    assert quoted["legal.agreements_reviewed"]["approximate"] is False
