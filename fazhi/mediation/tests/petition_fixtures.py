"""Petition fixtures on top of the shared personas (conftest.py at the root): the 司法局
registers (its clerk stands for the 信访部门), the 市场监管局 handles what is transferred to
it, the 城关街道's clerk is the outsider. Each step is taken with today frozen to its day."""

import datetime as dt

import pytest

PERSON_ID = "110105199003071239"
OTHER_ID = "11010519491231002X"
D = dt.date
FIRST_DAY = D(2025, 3, 3)


@pytest.fixture
def make_petition(district, people, at):
    """make_petition(received_on=…, **overrides): a 申诉求决 letter registered by the
    司法局's clerk on the day it was received (default 2025-03-03)."""
    from fazhi.mediation.services import petitions

    def make(received_on=FIRST_DAY, actor="sfj_clerk", unit="sfj", **kw):
        at(kw.pop("today", received_on))
        data = dict(
            channel="letter",
            category="claim",
            petitioner_name="王小明",
            petitioner_id=PERSON_ID,
            petitioner_phone="13800138000",
            subject="要求退还多收的农贸市场摊位费",
            content="本人在城关农贸市场经营摊位，市场管理方2024年多收摊位费3600元，请求责令退还。",
            received_on=received_on,
        )
        data.update(kw)
        return petitions.register(unit=district[unit], actor=people[actor], **data)

    return make


@pytest.fixture
def transferred(make_petition, district, people, at):
    """transferred(...): registered 2025-03-03, transferred to the 市场监管局 on 03-05, which
    received it 03-06 (its notice due 03-21, its objection due 03-13)."""
    from fazhi.mediation.services import petitions

    def make(**kw):
        p = make_petition(**kw)
        at(D(2025, 3, 6))
        return petitions.route(
            p, route="transfer", on=D(2025, 3, 5), handling_unit=district["scjg"],
            handling_received_on=D(2025, 3, 6), actor=people["sfj_clerk"],
        )  # fmt: skip

    return make


@pytest.fixture
def accepted(transferred, people, at):
    """accepted(...): the 市场监管局 accepted it on 2025-03-10 (60 days: due 05-09)."""
    from fazhi.mediation.services import petitions

    def make(**kw):
        p = transferred(**kw)
        at(D(2025, 3, 10))
        return petitions.notify(
            p, accepted=True, notified_on=D(2025, 3, 10), actor=people["scjg_clerk"]
        )

    return make


@pytest.fixture
def concluded(accepted, people, at):
    """concluded(): 处理意见书 on 2025-04-30, received by the petitioner 05-06."""
    from fazhi.mediation.services import petitions

    def make(**kw):
        p = accepted(**kw)
        at(D(2025, 5, 6))
        return petitions.conclude(
            p, concluded_on=D(2025, 4, 30), result="partly", opinion_number="区市监信意〔2025〕3号",
            opinion="经核查，多收摊位费1200元属实，责令退还。", served_on=D(2025, 5, 6),
            actor=people["scjg_clerk"],
        )  # fmt: skip

    return make


@pytest.fixture
def reviewed(concluded, district, people, at):
    """reviewed(): 复查 asked 2025-05-20 (of the 区政府), answered 06-10, received 06-12."""
    from fazhi.mediation.services import petitions

    def make(**kw):
        p = concluded(**kw)
        clerk = people["sfj_clerk"]
        at(D(2025, 5, 20))
        petitions.request_review(
            p, reviewing_unit=district["gov"], requested_on=D(2025, 5, 20), actor=clerk
        )
        at(D(2025, 6, 12))
        petitions.answer(
            p, level="review", result="upheld", opinion_number="区政复查〔2025〕1号",
            opinion="维持原处理意见。", answered_on=D(2025, 6, 10), served_on=D(2025, 6, 12),
            actor=clerk,
        )  # fmt: skip
        return p

    return make


@pytest.fixture
def re_reviewed(reviewed, district, people, at):
    """re_reviewed(): 复核 asked 2025-06-20, answered 07-15, received 07-17."""
    from fazhi.mediation.services import petitions

    def make(**kw):
        p = reviewed(**kw)
        clerk = people["sfj_clerk"]
        at(D(2025, 6, 20))
        petitions.request_re_review(
            p, reviewing_unit=district["gov"], requested_on=D(2025, 6, 20), actor=clerk
        )
        at(D(2025, 7, 17))
        petitions.answer(
            p, level="re_review", result="upheld", opinion_number="区政复核〔2025〕1号",
            opinion="维持复查意见。", answered_on=D(2025, 7, 15), served_on=D(2025, 7, 17),
            actor=clerk,
        )  # fmt: skip
        return p

    return make
