"""Length limits at their boundary, pinned where a mutation run (mutation/README.md) found
only the refusal above the limit tested: a rejection reason of exactly 200 characters is
accepted (201 is refused: test_gates_audit::test_reason_length_limits)."""

import pytest

from fazhi.consultation import services
from fazhi.consultation.models import Comment

from .helpers import comment

# The consultation opens on the test's today, 2026-06-01 (helpers.OPENS).
pytestmark = pytest.mark.today(2026, 6, 1)


def test_a_rejection_reason_of_exactly_200_characters_is_accepted(make, people):
    c = make()
    x = comment(c, "建议增加儿童游乐设施。")
    services.moderate(x, publish=False, reason="广" * 200, actor=people["sfj_clerk"])
    x.refresh_from_db()
    assert x.moderation == Comment.Moderation.REJECTED
    assert x.reject_reason == "广" * 200
