"""The demo district builds deterministically, its printed accounts log in, and its
full-process record verifies."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from fazhi.core import events
from fazhi.core.demo import ACCOUNTS, DEMO_PASSWORD
from fazhi.core.models import OrgUnit, User
from fazhi.demo.builder import build


def fingerprint():
    units = list(
        OrgUnit.objects.order_by("code").values_list("code", "name", "kind", "uscc", "parent__code")
    )
    users = list(
        User.objects.order_by("username").values_list("username", "full_name", "unit__code")
    )
    return units, users


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_demo_is_deterministic():
    prints = []
    for _ in range(2):
        try:
            with transaction.atomic():
                build()
                prints.append(fingerprint())
                raise Rollback
        except Rollback:
            pass
    assert prints[0] == prints[1]
    units, users = prints[0]
    kinds = [u[2] for u in units]
    assert kinds.count("department") >= 40 and kinds.count("township") == 10
    names = {u[0] for u in users}
    assert {a[0] for a in ACCOUNTS} <= names
    # Every department, township and the government has a clerk.
    clerks = {u[2] for u in users}
    assert {u[0] for u in units if u[2] != "community"} <= clerks


@pytest.mark.django_db
def test_demo_command_accounts_and_chain(client):
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
    # A second run leaves the district as it is.
    call_command("demo", "--no-serve", stdout=io.StringIO())
    assert OrgUnit.objects.filter(code="G00").count() == 1
