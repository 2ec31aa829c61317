"""The 驾驶舱 page: who reaches it, where a leader lands, the overdue-clock figure against a
hand count, and the export carrying the same numbers as the tables.

Clocks on 2025-11-10 (test.decide: 60 calendar days; test.reply: 20 working days):

| unit | clock  | start      | due        | state    | counts                    |
|------|--------|------------|------------|----------|---------------------------|
| D23  | decide | 2025-07-01 | 2025-09-01 | running  | overdue, more than 30 days |
| D23  | decide | 2025-09-01 | 2025-10-31 | running  | overdue, within 30 days   |
| D08  | decide | 2025-09-05 | 2025-11-04 | running  | overdue, within 30 days   |
| D08  | decide | 2025-09-20 | 2025-11-19 | running  | not yet due               |
| T01  | decide | 2025-07-01 | 2025-09-01 | done     | closed                    |

(A period ending on Saturday 2025-08-30 runs to the next working day.) So: 市场监管局 2 (1 of them more than 30 days), 司法局 1 (0).
"""

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import cockpit, services
from fazhi.core.tests.refusal import freeze

TODAY = dt.date(2025, 11, 10)


@pytest.fixture
def overdue(district, people, clocks, monkeypatch):
    freeze(monkeypatch, TODAY)
    made = []
    for code, start in [
        ("scjg", dt.date(2025, 7, 1)),
        ("scjg", dt.date(2025, 9, 1)),
        ("sfj", dt.date(2025, 9, 5)),
        ("sfj", dt.date(2025, 9, 20)),
        ("town", dt.date(2025, 7, 1)),
    ]:
        made.append(
            services.start_deadline(
                record_type="test.case",
                record_id=str(len(made) + 1),
                clock="test.decide",
                start=start,
                unit=district[code],
                title=f"复议案件{len(made) + 1}",
            )
        )
    services.complete_deadline(made[-1], on=dt.date(2025, 8, 20), actor=people["coordinator"])
    return made


def test_overdue_clocks_by_unit_equal_the_hand_count(overdue, people):
    assert [d.due_date for d in overdue[:4]] == [
        dt.date(2025, 9, 1),
        dt.date(2025, 10, 31),
        dt.date(2025, 11, 4),
        dt.date(2025, 11, 19),
    ]
    (fig,) = cockpit.build(people["leader"], TODAY, 2025, only="clocks")
    assert [[cockpit.cell_text(v) for v in r] for r in fig.rows] == [
        ["测试区市场监督管理局", "2", "1"],
        ["测试区司法局", "1", "0"],
    ]
    assert fig.chart.datasets[0]["data"] == [1, 1]
    assert fig.chart.datasets[1]["data"] == [1, 0]


@pytest.mark.parametrize("who", ["coordinator", "leader", "admin"])
def test_district_roles_reach_the_page(overdue, people, login, who):
    client = login(people[who])
    resp = client.get("/office/cockpit/")
    assert resp.status_code == 200
    text = resp.content.decode()
    assert "各单位超期的法定期限" in text
    assert 'id="cockpit-charts"' in text
    assert "vendor/chartjs/chart.umd.min.js" in text
    # The menu offers it.
    assert 'href="/office/cockpit/"' in client.get("/office/").content.decode()


@pytest.mark.parametrize("who", ["sfj_clerk", "scjg_reviewer", "legal", "town_clerk"])
def test_unit_staff_cannot_reach_it(overdue, people, login, who):
    """The figures compare units with one another: a unit's staff are refused the page and
    its export, and the menu does not offer it."""
    client = login(people[who])
    assert client.get("/office/cockpit/").status_code == 403
    assert client.get("/office/cockpit/export/?figure=clocks&format=csv").status_code == 403
    assert 'href="/office/cockpit/"' not in client.get("/office/").content.decode()


def test_anonymous_is_sent_to_login(client, db):
    resp = client.get("/office/cockpit/")
    assert resp.status_code == 302 and "/office/login/" in resp["Location"]


def test_export_carries_the_table(overdue, people, login):
    client = login(people["coordinator"])
    resp = client.get("/office/cockpit/export/?figure=clocks&format=csv&year=2025")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows == [
        ["单位", "已超期（件）", "其中超期30日以上（件）"],
        ["测试区市场监督管理局", "2", "1"],
        ["测试区司法局", "1", "0"],
    ]
    resp = client.get("/office/cockpit/export/?figure=all&format=xlsx&year=2025")
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.content))
    ws = wb["各单位超期的法定期限"]
    values = [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]
    assert values == [
        ["单位", "已超期（件）", "其中超期30日以上（件）"],
        ["测试区市场监督管理局", 2, 1],
        ["测试区司法局", 1, 0],
    ]
    # One sheet per figure.
    assert len(wb.sheetnames) == len(cockpit.build(people["coordinator"], TODAY, 2025))


@pytest.mark.parametrize(
    "query",
    ["figure=nope", "format=pdf", "figure=all&format=csv", "figure=clocks&format=csv&year=abc"],
)
def test_bad_export_requests_are_answered_not_crashed(overdue, people, login, query):
    client = login(people["coordinator"])
    resp = client.get(f"/office/cockpit/export/?{query}")
    assert resp.status_code in (200, 404)


@pytest.mark.parametrize("year", ["abc", "1999", "9999", "-1", "２０２５", "²", "2025²"])
def test_a_bad_year_falls_back_to_the_default(overdue, people, login, year):
    client = login(people["coordinator"])
    resp = client.get("/office/cockpit/", {"year": year})
    assert resp.status_code == 200
    assert "驾驶舱 <small" in resp.content.decode()


def test_the_leader_lands_on_the_cockpit(overdue, people, client):
    """After logging in for the office home, a leader lands on the 驾驶舱; a coordinator on
    the 工作台; a page asked for explicitly is kept."""
    from conftest import PASSWORD

    resp = client.post("/office/login/?next=/office/", {"username": "leader", "password": PASSWORD})
    assert resp["Location"] == "/office/cockpit/"
    assert client.get("/office/").status_code == 200  # the 工作台 is still there
    client.logout()
    resp = client.post(
        "/office/login/?next=/office/records/", {"username": "leader", "password": PASSWORD}
    )
    assert resp["Location"] == "/office/records/"
    client.logout()
    resp = client.post(
        "/office/login/?next=/office/", {"username": "coordinator", "password": PASSWORD}
    )
    assert resp["Location"] == "/office/"
