"""What the account service keeps, pinned where a mutation run (mutation/README.md) found
nothing checking it: changing an account's roles or unit without typing a new password
keeps the password it had; a new account saved without one cannot log in until it is set.

The conftest personas (password ``PASSWORD``); the administrator edits them."""

import pytest

from conftest import PASSWORD
from fazhi.core import services
from fazhi.core.models import User

pytestmark = pytest.mark.today(2025, 3, 20)


def test_editing_an_account_without_a_new_password_keeps_its_password(people, client):
    clerk = people["sfj_clerk"]
    services.save_user(clerk, ["clerk", "reviewer"], people["admin"])

    clerk = User.objects.get(pk=clerk.pk)
    assert set(clerk.roles.values_list("code", flat=True)) == {"clerk", "reviewer"}
    assert clerk.check_password(PASSWORD)
    assert client.login(username="sfj_clerk", password=PASSWORD)


def test_a_new_account_saved_without_a_password_cannot_log_in(people, district):
    user = User(username="new_clerk", full_name="新经办人", unit=district["sfj"])
    services.save_user(user, ["clerk"], people["admin"])

    assert not User.objects.get(username="new_clerk").has_usable_password()
