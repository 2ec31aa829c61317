"""No 500 on any input (house rule 1): the back-office pages of consultations in every
state (open, ended, summary generated, summarized) hammered with garbage as the drafting
clerk, the coordinator and a clerk of another unit, and the portal's pages and comment
box as the public."""

import datetime as dt

import pytest
from django.test import Client, override_settings

from fazhi.consultation import services
from fazhi.consultation.interface import open_consultation
from tests.garbage import Hammer

from .helpers import DRAFT

# The consultation opens on the test's today, 2026-06-01 (helpers.OPENS).
TODAY = dt.date(2026, 6, 1)
pytestmark = [pytest.mark.today(TODAY.year, TODAY.month, TODAY.day), pytest.mark.strict_db]


@pytest.fixture
def states(people, district):
    """Consultations of 司法局 around the real today: open (with a pending, a published and
    a rejected comment), ended with all answered, summarized."""
    clerk = people["sfj_clerk"]
    today = TODAY

    def make(n, opens=today):
        return open_consultation(
            subject=(services.STANDALONE, f"g{n}"),
            kind="other",
            unit=district["sfj"],
            title=f"测试征求意见{n}",
            draft=DRAFT,
            explanation="说明",
            opens_on=opens,
            closes_on=opens + dt.timedelta(days=30),
            actor=clerk,
        )

    open_ = make(1)
    for i, ip in enumerate(("203.0.113.1", "203.0.113.2", "203.0.113.3")):
        services.submit_comment(open_, body=f"第{i}条意见：建议修改第二条。", client_address=ip)
    a, b, _ = open_.comments.order_by("number")
    services.moderate(a, publish=True, actor=clerk)
    services.moderate(b, publish=False, reason="与本次征求意见无关", actor=clerk)
    ended = make(2)
    x = services.submit_comment(ended, body="建议延长开放时间。", client_address="203.0.113.9")
    services.moderate(x, publish=True, actor=clerk)
    services.respond(x, response="adopted", reason="", actor=clerk)
    services.close(ended, reason="测试：提前结束", actor=clerk)
    generated = make(3)
    services.close(generated, reason="测试：提前结束", actor=clerk)
    services.generate_summary(generated, actor=clerk)
    done = make(4)
    services.close(done, reason="测试：提前结束", actor=clerk)
    services.generate_summary(done, actor=clerk)
    services.publish_summary(done, actor=clerk)
    return [open_, ended, generated, done]


@pytest.mark.parametrize("persona", ["sfj_clerk", "coordinator", "scjg_clerk"])
def test_back_office_never_answers_500(persona, people, states):
    client = Client()
    client.force_login(people[persona])
    hammer = Hammer(client)
    forms = 0
    for path in ["/office/consultations/", "/office/consultations/new/"] + [
        f"/office/consultations/{c.pk}/" for c in states
    ]:
        hammer.query(path)
        forms += hammer.page(path, extra_fields=("comment", "reason", "action"))
        client.force_login(people[persona])
    if persona != "scjg_clerk":
        assert forms >= 5, forms
    assert not hammer.failures, hammer.report()


@override_settings(FAZHI_CONSULTATION_RATE=1000, FAZHI_CONSULTATION_RATE_GLOBAL=1000)
def test_portal_never_answers_500(people, states):
    hammer = Hammer(Client())
    for path in ["/consultations/"] + [f"/consultations/{c.pk}/" for c in states]:
        hammer.query(path, names=("sent",))
        hammer.page(path)
    for pk in ("abc", "99999999999999999999", "-1"):
        hammer._do("get", f"/consultations/{pk}/")
    assert not hammer.failures, hammer.report()


def test_every_page_reachable_by_navigation(people, states):
    """House rule 6: from the board, following links only, the drafting clerk reaches the
    list, the form for a new consultation and each consultation; the public reaches each
    consultation from the portal's home page."""
    from tests.garbage import reachable

    client = Client()
    client.force_login(people["sfj_clerk"])
    reached = reachable(client, ["/office/consultations/"])
    assert {"consultation:list", "consultation:new", "consultation:detail"} <= reached
    public = reachable(Client(), ["/consultations/"], start="/")
    assert {"consultation_public:list", "consultation_public:detail"} <= public
