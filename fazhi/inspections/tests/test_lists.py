"""The office lists a figure's records link opens: scoped to the reader's unit, each
figure's list holding exactly what the figure counted, garbage parameters answered."""

import pytest

from fazhi.inspections import indicators
from fazhi.inspections.models import DrawnEntity, InspectionTask

pytestmark = pytest.mark.today(2025, 11, 10)


@pytest.fixture
def drawn(drawn_task):
    return drawn_task()


def test_the_task_list_and_a_figures_drawn_entities(drawn, people, login, district):
    task = InspectionTask.objects.get(pk=drawn.pk)
    client = login(people["scjg_clerk"])
    page = client.get("/office/inspections/tasks/?year=2025").content.decode()
    assert task.title in page and task.seed_hash in page
    resp = client.get("/office/inspections/tasks/?figure=inspections.coverage_d&year=2025")
    body = resp.content.decode()
    expected = DrawnEntity.objects.filter(task__in=indicators.year_tasks(2025), risk_class="D")
    assert expected.exists()
    assert resp.status_code == 200 and f"共 {expected.count()} 户" in body
    for d in expected[:5]:
        assert d.entity.uscc in body
    # Another unit's clerk sees none of them.
    other = login(people["town_clerk"])
    assert task.title not in other.get("/office/inspections/tasks/?year=2025").content.decode()
    assert (
        "共 0 户"
        in other.get(
            "/office/inspections/tasks/?figure=inspections.coverage_d&year=2025"
        ).content.decode()
    )


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=99999999999999999999", "figure=x&year=2025", "unit=%C2%B2",
     "page=-1", "status=zz&risk=Q&q=" + "x" * 500],
)  # fmt: skip
def test_garbage_parameters_are_answered(drawn, people, login, query):
    client = login(people["coordinator"])
    for page in ("tasks", "items", "entities"):
        assert client.get(f"/office/inspections/{page}/?{query}").status_code == 200


def test_item_and_entity_lists(drawn, people, login):
    client = login(people["scjg_clerk"])
    items = client.get("/office/inspections/items/?active=1").content.decode()
    assert "共 " in items and "项" in items
    entities = client.get("/office/inspections/entities/?risk=D").content.decode()
    assert "D类（信用风险高）" in entities
