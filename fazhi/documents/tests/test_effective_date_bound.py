"""The 施行日期 at most one year after publication, at its boundary: pinned where a mutation
run (mutation/README.md) found only the lower bound tested (施行日期不能早于公布日期,
test_lifecycle). Published on the test's today, 2025-09-15: in force from 2026-09-15 is
accepted, from 2026-09-16 refused and nothing moves."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.tests.refusal import refused
from fazhi.documents import services
from fazhi.documents.models import NormativeDocument

pytestmark = pytest.mark.today(2025, 9, 15)

PUBLISHED = dt.date(2025, 9, 15)


def test_in_force_at_most_one_year_after_publication(people, district, make):
    coord = people["coordinator"]
    doc = services.register_and_number(make.discussed(people, district), actor=coord)
    with refused(ValidationError, "施行日期不能晚于公布日期一年以上", doc):
        services.publish(
            doc, published_on=PUBLISHED, effective_on=dt.date(2026, 9, 16), actor=coord
        )
    doc = services.publish(
        doc, published_on=PUBLISHED, effective_on=dt.date(2026, 9, 15), actor=coord
    )
    assert doc.status == NormativeDocument.Status.PUBLISHED
    assert doc.effective_on == dt.date(2026, 9, 15)
