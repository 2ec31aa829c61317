"""The pages a figure's records link opens list exactly what the figure counted, scoped:
another unit's clerk does not see 市场监管局's exams, certificates or trainings; a
delegation shows to both the delegating department and the receiving township."""

import datetime as dt

import pytest

from fazhi.enforcement import services as s
from fazhi.indicators import registry

pytestmark = [pytest.mark.django_db, pytest.mark.today(2026, 1, 12)]
D = dt.date


@pytest.fixture
def figures(enf, people, district):
    clerk = people["scjg_clerk"]
    for name, passed in [("甲考生", True), ("乙考生", False)]:
        s.record_exam(
            unit=district["scjg"],
            session="2025年度考试",
            sat_on=D(2025, 11, 15),
            candidate=name,
            passed=passed,
            actor=clerk,
        )
    s.record_exam(
        unit=district["scjg"],
        session="2024年度考试",
        sat_on=D(2024, 11, 16),
        candidate="丙考生",
        passed=True,
        actor=clerk,
    )
    s.record_training(
        unit=district["scjg"],
        topic="三项制度专题培训",
        held_on=D(2025, 7, 9),
        hours=16,
        attendees=enf["officers"],
        actor=clerk,
    )
    s.register_officer(
        agency=enf["scjg"],
        name="新执法",
        certificate_number="ZF2501001",
        issuer="测试市人民政府",
        issued_on=D(2025, 5, 1),
        valid_until=D(2030, 4, 30),
        actor=clerk,
    )
    s.delegate(
        power=enf["power"],
        to_agency=enf["town"],
        document_title="赋权决定",
        delegated_on=D(2025, 3, 1),
        actor=clerk,
    )
    return district


def _visible(client, url):
    r = client.get(url)
    assert r.status_code == 200
    return r.content.decode()


def test_each_officer_figure_links_to_the_rows_it_counted(figures, login, people):
    client = login(people["coordinator"])
    unit = figures["scjg"].pk
    cases = {
        "enforcement.exam_participants": (["甲考生", "乙考生"], ["丙考生"]),
        "enforcement.exam_passed": (["甲考生"], ["乙考生", "丙考生"]),
        "enforcement.certificates_issued": (["新执法"], ["李执法"]),
        "enforcement.trainings": (["三项制度专题培训"], []),
    }
    for code, (shown, hidden) in cases.items():
        comp = registry.COMPUTED[code]
        assert comp.compute(2025)[unit] == len(shown), code
        html = _visible(client, comp.records_url(unit, 2025))
        for text in shown:
            assert text in html, (code, text)
        for text in hidden:
            assert text not in html, (code, text)
    town = figures["town"].pk
    comp = registry.COMPUTED["enforcement.delegated_powers"]
    assert comp.compute(2025)[town] == 1
    assert "对无照经营行为的处罚" in _visible(client, comp.records_url(town, 2025))


def test_the_lists_are_scoped_to_the_users_unit(figures, login, people):
    client = login(people["town_clerk"])
    assert "甲考生" not in _visible(client, "/office/enforcement/exams/?year=2025")
    assert "三项制度专题培训" not in _visible(client, "/office/enforcement/trainings/?year=2025")
    assert "新执法" not in _visible(client, "/office/enforcement/certificates/?year=2025")
    # The delegation is the township's as much as the department's.
    assert "对无照经营行为的处罚" in _visible(client, "/office/enforcement/delegations/?year=2025")
    client = login(people["scjg_clerk"])
    assert "对无照经营行为的处罚" in _visible(client, "/office/enforcement/delegations/?year=2025")
    client = login(people["sfj_clerk"])
    assert "对无照经营行为的处罚" not in _visible(client, "/office/enforcement/delegations/")


def test_garbage_filters_answer_the_page(figures, login, people):
    client = login(people["coordinator"])
    for url in (
        "exams/?year=abc&unit=%00",
        "certificates/?unit=99999999999",
        "trainings/?year=-1",
        "delegations/?page=x",
    ):
        assert client.get(f"/office/enforcement/{url}").status_code in (200, 400), url


def test_the_record_of_an_exam_says_whether_the_candidate_passed(figures):
    """The full-process record states the result as it was (found by the mutation run: a
    reversed 通过/未通过 in the event passed every test)."""
    from fazhi.core.models import Event

    summaries = set(
        Event.objects.filter(action="enforcement_exam").values_list("summary", flat=True)
    )
    assert "甲考生参加2025年度考试，通过" in summaries
    assert "乙考生参加2025年度考试，未通过" in summaries
