"""The demo district builds deterministically, its printed accounts log in, and its
full-process record verifies."""

import io

import pytest
from django.core.management import call_command

from fazhi.core import events
from fazhi.core.demo import ACCOUNTS, DEMO_PASSWORD
from fazhi.core.models import OrgUnit, User
from fazhi.demo.builder import build

# The demo command builds into SQLite (`make demo`); on PostgreSQL the demo is built by the
# walks' fixture (tests/conftest.py), so these builds run once, on SQLite.
pytestmark = pytest.mark.db_agnostic


def fingerprint():
    units = list(
        OrgUnit.objects.order_by("code").values_list("code", "name", "kind", "uscc", "parent__code")
    )
    users = list(
        User.objects.order_by("username").values_list("username", "full_name", "unit__code")
    )
    from fazhi.core.models import Attachment, Notification
    from fazhi.indicators.models import IndicatorValue
    from fazhi.plans.models import Progress
    from fazhi.reports.export import plain_text
    from fazhi.reports.models import AnnualReport

    records = (
        list(
            Progress.objects.order_by(
                "assignment__task__number", "assignment__unit__code", "period__name"
            ).values_list(
                "assignment__task__number",
                "assignment__unit__code",
                "period__name",
                "status",
                "state",
                "text",
            )
        ),
        list(
            IndicatorValue.objects.order_by(
                "indicator__code", "unit__code", "year", "source"
            ).values_list("indicator__code", "unit__code", "year", "value", "source")
        ),
        [plain_text(r.doc) for r in AnnualReport.objects.order_by("year", "unit__code")],
        # Evidence files: same names, same bytes.
        sorted(
            Attachment.objects.values_list(
                "record_type", "unit__code", "original_name", "kind", "size", "sha256"
            )
        ),
        # The reminders of the jobs run at the demo's "today" (the build's last step).
        # Reminders: who, what kind, about what (the title names the record and its date;
        # the dedupe key holds row ids, which a rebuild in the same database renumbers).
        sorted(Notification.objects.values_list("recipient__username", "kind", "title")),
    )
    return units, users, records


@pytest.mark.django_db(transaction=True)
@pytest.mark.today(2026, 4, 15)
def test_demo_command_accounts_chain_and_determinism(client):
    """One build through the command (accounts log in, the record verifies, a second run
    leaves it as it is), then a second build from scratch gives the same district."""
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    text = out.getvalue()
    assert DEMO_PASSWORD in text and "http://127.0.0.1:8000/office/" in text
    roles_seen = set()
    for username, *_ in ACCOUNTS:
        assert username in text
        assert client.login(username=username, password=DEMO_PASSWORD), username
        assert client.get("/office/").status_code == 200
        roles_seen |= User.objects.get(username=username).role_codes
        client.logout()
    assert roles_seen >= {"clerk", "reviewer", "legal_reviewer", "coordinator", "leader", "admin"}
    assert list(events.verify_chain()) == []
    call_command("check_records", stdout=io.StringIO())
    first = fingerprint()
    call_command("demo", "--no-serve", stdout=io.StringIO())
    assert OrgUnit.objects.filter(code="G00").count() == 1
    assert fingerprint() == first
    # The jobs ran at the end of the build and a second run sends nothing new.
    from fazhi.core import jobs
    from fazhi.core.models import JobRun

    assert set(JobRun.objects.values_list("job", flat=True)) == set(jobs.JOBS)
    today = JobRun.objects.first().today
    assert all(r.counts.get("sent", 0) == 0 for r in jobs.run(today))

    call_command("flush", interactive=False, verbosity=0)
    build()
    assert fingerprint() == first
    call_command("flush", interactive=False, verbosity=0)

    units, users, records = first
    assert len(records[0]) > 500 and len(records[1]) > 100 and records[2]
    # Evidence on every lead unit's year report and on every indicator submission.
    kinds = {(a[0], a[3]) for a in records[3]}
    assert {("plans.progress", "pdf"), ("indicators.submission", "xlsx")} <= kinds
    # The demo accounts have reminders waiting: clocks due soon or overdue.
    assert {n[1] for n in records[4]} & {"deadline_due_soon", "deadline_overdue"}
    kinds = [u[2] for u in units]
    assert kinds.count("department") >= 40 and kinds.count("township") == 10
    names = {u[0] for u in users}
    assert {a[0] for a in ACCOUNTS} <= names
    # Every department, township and the government has a clerk.
    clerks = {u[2] for u in users}
    assert {u[0] for u in units if u[2] != "community"} <= clerks
